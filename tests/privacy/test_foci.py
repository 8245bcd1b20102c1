"""Issue 20, acceptance 2: the figures of every area and every principle of
a metric, under attack together. Areas and principles are overlapping sets
of statements, and whoever answers "Vet ej" gives no value: by setting one
focus's figure against another's over the same cells, an adversary may try
to work out the answers of fewer than k people to a few statements.

The worlds of test_disclosure.py, with every person answering five
statements (each "Vet ej" at random), two areas and three principles over
them. An atom is now one leaf in one quarter on one statement (the sum of
the values given to it there); a focus's figure covers its statements'
atoms; the adversary of attack.py works on every focus's figures together.
The search covers sets of up to four atoms (k ≤ 5): one statement of a few
people, or a few statements of one."""

import os
from dataclasses import dataclass
from datetime import date

from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from tests.privacy.attack import small_disclosed_set
from tests.privacy.test_disclosure import FIRST_FOUND, YEAR, World, worlds
from toolbox.privacy.lattice import Organisation
from toolbox.privacy.periods import year_periods
from toolbox.privacy.suppression import Cell, merge_quarters, publish, publish_together

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")) // 3
STATEMENTS = range(5)
# Two areas and three principles, as in content/framework.yaml: every
# statement in one area and carrying one or more principles.
FOCI = {
    "area-1": {0, 1, 2},
    "area-2": {3, 4},
    "principle-1": {0, 3},
    "principle-2": {1, 3, 4},
    "principle-3": {2},
}


@dataclass(frozen=True)
class Answers:
    world: World
    # (leaf, quarter number) → per person, the statements answered with a value.
    given: dict[tuple, tuple[frozenset, ...]]

    def people(self, atom: tuple) -> frozenset:
        leaf, number, statement = atom
        return frozenset(
            (leaf, number, n)
            for n, statements in enumerate(self.given[leaf, number])
            if statement in statements
        )

    def atoms(self) -> dict[tuple, frozenset]:
        published = {
            n for p in year_periods(YEAR) if p.published(self.world.today) for n in p.quarters
        }
        return {
            atom: who
            for (leaf, number) in self.given
            if number in published
            for statement in STATEMENTS
            if (who := self.people(atom := (leaf, number, statement)))
        }

    def cells(self, statements: set[int]) -> dict[tuple, Cell]:
        """Each leaf's cells over the statements: the people who gave a value
        to any of them (the values do not matter to the rule)."""
        quarters = {}
        for (leaf, number), per_person in self.given.items():
            who = frozenset((leaf, number, n) for n, s in enumerate(per_person) if s & statements)
            if who:
                count = sum(len(s & statements) for s in per_person)
                quarters[leaf, YEAR, number] = Cell(3.0 * count, count, who)
        return merge_quarters(quarters)


@st.composite
def answered(draw) -> Answers:
    world = draw(worlds())
    given = {
        atom: tuple(
            frozenset(s for s in STATEMENTS if draw(st.integers(0, 3)))  # "Vet ej" one in four
            for _ in values
        )
        for atom, values in sorted(world.answers.items(), key=repr)
    }
    return Answers(world, given)


def strata() -> list[set[int]]:
    """The statements that belong to the same foci."""
    found: dict[frozenset, set[int]] = {}
    for statement in STATEMENTS:
        signature = frozenset(f for f, members in FOCI.items() if statement in members)
        found.setdefault(signature, set()).add(statement)
    return list(found.values())


def shown(answers: Answers, tables: dict) -> list[set[tuple]]:
    world = answers.world
    periods = {p.key: p for p in year_periods(YEAR)}
    return [
        {
            (leaf, number, statement)
            for leaf in world.org.leaves[node]
            for number in periods[key].quarters
            for statement in FOCI[focus]
        }
        for focus, table in tables.items()
        for (node, key), figure in table.figures.items()
        if not figure.suppressed and not figure.running and figure.people
    ]


def together(answers: Answers) -> dict:
    world = answers.world
    cells = {focus: answers.cells(members) for focus, members in FOCI.items()}
    layers = [answers.cells(members) for members in strata()]
    return publish_together(world.org, cells.items(), layers, YEAR, world.today, world.k)


def each_alone(answers: Answers) -> dict:
    world = answers.world
    return {
        focus: publish(world.org, answers.cells(members), YEAR, world.today, world.k)
        for focus, members in FOCI.items()
    }


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answered())
def test_no_sum_of_fewer_than_k_people_across_areas_and_principles(answers):
    found = small_disclosed_set(shown(answers, together(answers)), answers.atoms(), answers.world.k)
    assert found is None, f"disclosed: {sorted(found, key=repr)}"


def test_the_same_attack_catches_each_focus_under_the_rule_alone():
    """Each focus's own table keeps the rule, yet together they give some
    people away: the attack has teeth, and the strata are needed."""

    def leaks(answers: Answers) -> bool:
        found = small_disclosed_set(
            shown(answers, each_alone(answers)), answers.atoms(), answers.world.k
        )
        return found is not None

    answers = find(answered(), leaks, settings=FIRST_FOUND)
    assert (
        small_disclosed_set(shown(answers, together(answers)), answers.atoms(), answers.world.k)
        is None
    )


def test_a_focus_is_shown_where_every_stratum_has_enough_people():
    world = World(
        org=Organisation(None, {None: [1, 2]}),
        answers={(leaf, n): (3,) * 6 if n == 1 else () for leaf in (1, 2) for n in (1, 2, 3, 4)},
        today=date(2026, 1, 10),
        k=5,
    )
    everyone = frozenset(STATEMENTS)
    answers = Answers(world, {atom: (everyone,) * len(v) for atom, v in world.answers.items()})
    tables = together(answers)
    year = next(p for p in year_periods(YEAR) if p.key == str(YEAR))
    assert all(not table.figure(1, year).suppressed for table in tables.values())
    # Four of unit 1's six give a value to statement 2 alone: the other statements
    # have two people each there, and every focus hides unit 1 – area-1 too, though
    # all six gave it values (with principle-3 it would give the two away).
    fewer = (everyone,) * 1 + (frozenset({0, 1, 3, 4}),) + (frozenset({2}),) * 4
    answers = Answers(world, answers.given | {(1, 1): fewer})
    tables = together(answers)
    assert all(table.figure(1, year).suppressed for table in tables.values())
