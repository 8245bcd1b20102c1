"""The members' choices pooled for leadership (teams/pooled.py), attacked as
an adversary would: every look at the figure, every difference between two
looks, and each difference less one team (whose own results page its members
and leader have seen) must cover at least k people – checked against who
really answered, over random organisations – and retention must only ever
take whole steps off the figure."""

import random
from datetime import date, datetime

from toolbox.extensions import db
from toolbox.teams import pooled
from toolbox.teams.models import Dialogue
from toolbox.teams.pooled import Contribution

K = 5
QUARTERS = [(2025, n) for n in range(1, 5)] + [(2026, n) for n in range(1, 5)]
LOOKS = [date(year, 3 * n - 2, 1) for year, n in QUARTERS] + [date(2027, 1, 1)]


def random_world(rng: random.Random) -> list[tuple[Contribution, frozenset[int]]]:
    """Dialogues with members drawn from a small pool (people sit in several
    teams) and who of them really answered."""
    people = range(rng.randint(6, 30))
    world = []
    for dialogue_id in range(rng.randint(1, 14)):
        members = rng.sample(people, rng.randint(2, min(9, len(people))))
        answered = frozenset(rng.sample(members, rng.randint(1, len(members))))
        world.append(
            (
                Contribution(dialogue_id, rng.choice(QUARTERS), len(answered), frozenset(members)),
                answered,
            )
        )
    return world


def shown(world, today: date) -> set[int]:
    found = pooled.steps([c for c, _ in world], K, today)
    return {dialogue_id for step in found for dialogue_id in step.dialogue_ids}


def people_in(world, dialogue_ids) -> int:
    return len(set().union(*(answered for c, answered in world if c.dialogue_id in dialogue_ids)))


def test_no_look_or_difference_of_looks_gives_fewer_than_k_people():
    rng = random.Random(20)
    for _ in range(400):
        world = random_world(rng)
        looks = [set(), *(shown(world, day) for day in LOOKS)]
        for earlier, later in zip(looks, looks[1:], strict=False):
            assert earlier <= later  # a figure only grows while nothing is deleted
        for i, earlier in enumerate(looks):
            for later in looks[i + 1 :]:
                difference = later - earlier
                if not difference:
                    continue
                for known_team in difference:
                    assert people_in(world, difference - {known_team}) >= K, (world, difference)


def test_the_lower_bound_never_exceeds_the_people_who_answered():
    rng = random.Random(21)
    for _ in range(400):
        world = random_world(rng)
        group = rng.sample(world, rng.randint(1, len(world)))
        ids = {c.dialogue_id for c, _ in group}
        assert pooled.fewest_people([c for c, _ in group]) <= people_in(world, ids)


def test_dropping_the_oldest_steps_leaves_the_later_steps_as_they_were():
    rng = random.Random(22)
    today = date(2027, 1, 1)
    for _ in range(300):
        world = random_world(rng)
        found = pooled.steps([c for c, _ in world], K, today)
        for dropped in range(len(found) + 1):
            gone = {d for step in found[:dropped] for d in step.dialogue_ids}
            rest = [c for c, _ in world if c.dialogue_id not in gone]
            assert pooled.steps(rest, K, today) == found[dropped:]


def test_two_teams_of_three_are_not_published_a_leader_could_subtract_their_own():
    a = Contribution(1, (2026, 1), 3, frozenset({1, 2, 3}))
    b = Contribution(2, (2026, 1), 3, frozenset({4, 5, 6}))
    assert pooled.fewest_people([a, b]) == 6
    assert pooled.steps([a, b], K, date(2026, 7, 1)) == []
    c = Contribution(3, (2026, 2), 5, frozenset({7, 8, 9, 10, 11}))
    published = pooled.steps([a, b, c], K, date(2026, 7, 1))
    assert [step.dialogue_ids for step in published] == [(1, 2, 3)]


def close_on(app, dialogue_id: int, moment: datetime) -> None:
    with app.app_context():
        dialogue = db.session.get(Dialogue, dialogue_id)
        dialogue.status, dialogue.closed_at = "stangd", moment
        db.session.commit()


def test_the_overview_counts_choices_only_from_published_steps(
    app, open_dialogue, make_user, answer, leader, login_as, client
):
    people = [make_user(f"p{n}@example.se") for n in range(10)]
    first = open_dialogue(people[:5], team_name="A")
    for person in people[:5]:
        answer(person, first, priorities=["fraga-forst", "saga-ifran", "dela-kunskap"])
    close_on(app, first, datetime(2026, 2, 10, 12))
    with app.app_context():
        # One team alone is never a step, however many answered.
        assert pooled.pooled_priorities(date(2026, 12, 1)).until is None
    second = open_dialogue(people[5:], team_name="B")
    for person in people[5:]:
        answer(person, second, priorities=["fraga-forst", "beslut-nara", "helhet-forst"])
    close_on(app, second, datetime(2026, 5, 10, 12))
    with app.app_context():
        assert pooled.pooled_priorities(date(2026, 6, 30)).until is None
        found = pooled.pooled_priorities(date(2026, 7, 1))
    assert found.until.key == "2026-K2"
    assert found.counts["fraga-forst"] == 10
    assert found.counts["beslut-nara"] == 5
    login_as(leader)
    page = client.get("/ledningsgrupp/uppfoljning").get_data(as_text=True)
    assert "för få svar" not in page
