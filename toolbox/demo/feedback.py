"""Demo feedback rounds, deterministic and idempotent.

For chef@example.se: two closed rounds with results (an earlier one, to
compare with), each with a rater group under the threshold that the results
leave out, and one open round. The earlier round is on question set
version 1, where the own manager's one answer is anonymous and dropped; the
later one and the open round are on version 2, where the own manager is a
named voice: shown as "Din chef" with a comment of their own. The others'
figures are set against the manager's latest reflection so that a blind
spot and a hidden strength show.
For size "large", one closed round for each generated manager, about 15,000
responses in all, inserted in bulk. A manager who has a round is left alone."""

import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from toolbox import clock
from toolbox.auth.models import User, UserRole
from toolbox.content import QuestionSet, load_question_set
from toolbox.extensions import db
from toolbox.feedback import summary
from toolbox.feedback.compare import latest_reflection
from toolbox.feedback.models import (
    CODE,
    EMAIL,
    QUESTION_SET,
    FeedbackAnswer,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackResponse,
    FeedbackRound,
    RoundGroup,
)
from toolbox.feedback.seal import blank_invitations
from toolbox.feedback.tokens import hash_token
from toolbox.reflection import service as reflection

DEMO_CHEF = "chef@example.se"
VERSION = 1  # the generated managers' rounds (large)
NAMED_COMMENT = (
    "Karin har tagit ett stort ansvar för schemaläggningen i år. Jag vill att vi pratar om "
    "hur hon kan lämna över mer av den till arbetsgruppen."
)
LARGE_RESPONSES = 15_000
COMMENTS = {
    "bra": (
        "Du lyssnar och tar oss på allvar när vi kommer med förslag.",
        "Bra att du frågar oss innan schemat läggs.",
        "Du står upp för avdelningen när det blåser.",
        "Tydlig och lugn i svåra lägen.",
    ),
    "utveckla": (
        "Jag skulle vilja att vi pratade mer om varför vi mäter det vi mäter.",
        "Ibland är det svårt att få tag på dig när du sitter i möten.",
        "Säg gärna till när något har gått bra, inte bara när något behöver rättas till.",
    ),
}


@dataclass(frozen=True)
class DemoRound:
    title: str
    opened_on: date
    closes_on: date
    answered: dict[str, int]  # rater group → responses
    shift: float  # added to the others' profile, so that rounds differ
    comments: int
    version: int = VERSION


CLOSED = (
    DemoRound("Återkoppling hösten 2025", date(2025, 9, 1), date(2025, 9, 21),
              {"medarbetare": 7, "kollegor": 2, "chef": 1}, -0.3, 4),
    DemoRound("Återkoppling inför medarbetarsamtalen 2026", date(2026, 5, 4), date(2026, 5, 24),
              {"medarbetare": 9, "kollegor": 4, "chef": 1}, 0.0, 7, version=2),
)  # fmt: skip
OPEN_TITLE = "Återkoppling hösten 2026"
MESSAGE = "Jag vill gärna veta hur ni upplever mitt ledarskap, så att jag kan bli en bättre chef."


def seed_feedback(content_dir: Path, size: str) -> str:
    """Load the demo rounds; a second run changes nothing."""
    folder = content_dir / "questions" / QUESTION_SET
    questions = load_question_set(folder / f"v{VERSION}.yaml")
    chef = db.session.scalar(select(User).where(User.email == DEMO_CHEF))
    if chef is not None:
        _seed_chef(chef, {v: load_question_set(folder / f"v{v}.yaml") for v in (1, 2)})
    if size == "large":
        _seed_large(questions)
    db.session.flush()
    rounds = db.session.scalar(select(db.func.count()).select_from(FeedbackRound))
    responses = db.session.scalar(select(db.func.count()).select_from(FeedbackResponse))
    return f"{rounds} återkopplingsomgångar, {responses} svar"


def _seed_chef(chef: User, sets: dict[int, QuestionSet]) -> None:
    have = set(
        db.session.scalars(select(FeedbackRound.title).where(FeedbackRound.manager_id == chef.id))
    )
    # Both versions have the same keys and mirrors: one profile serves both.
    profile = _profile(chef.id, sets[1])
    for spec in CLOSED:
        if spec.title not in have:
            _add_round(chef.id, spec, sets[spec.version], profile, sealed=True)
    if OPEN_TITLE not in have:
        on = clock.today()
        answered = {"medarbetare": 4, "kollegor": 1, "chef": 0}
        spec = DemoRound(OPEN_TITLE, on - timedelta(days=5), on + timedelta(days=16),
                         answered, 0.1, 2, version=2)  # fmt: skip
        _add_round(chef.id, spec, sets[2], profile, sealed=False)


def _profile(user_id: int, questions: QuestionSet) -> dict[str, float]:
    """Others' mean per statement: near the manager's own answers, except one
    blind spot (their highest) and one hidden strength (their lowest)."""
    own = latest_reflection(user_id)
    answers = reflection.answers_of(own.id) if own else {}
    mirrored = {q.key: answers.get(q.mirrors) for q in questions.questions}
    rated = {k: v for k, v in mirrored.items() if v is not None}
    rng = random.Random(user_id)  # noqa: S311 - deterministic demo data, not security
    profile = {
        k: min(4.5, max(1.6, (v or 3.4) + rng.uniform(-0.4, 0.4))) for k, v in mirrored.items()
    }
    if len(rated) >= 2:
        highest = max(rated, key=lambda k: (rated[k], k))
        lowest = min(rated, key=lambda k: (rated[k], k))
        profile[highest] = max(1.2, rated[highest] - 1.4)
        profile[lowest] = min(4.8, rated[lowest] + 1.4)
    return profile


def _values(rng: random.Random, mean: float, count: int) -> list[int]:
    """`count` answers 1–5 whose mean is as close to `mean` as they can be."""
    mean = min(5.0, max(1.0, mean))
    total = round(mean * count)
    base, extra = divmod(total, count)
    values = [base + 1] * extra + [base] * (count - extra)
    if count - extra >= 4 and 2 <= base <= 4:  # some spread that keeps the sum
        values[-1], values[-2] = values[-1] - 1, values[-2] + 1
    rng.shuffle(values)
    return [min(5, max(1, v)) for v in values]


def _add_round(user_id: int, spec: DemoRound, questions, profile, sealed: bool) -> None:
    """A round as it is stored: closed ones already sealed (blank invitations)."""
    round_ = FeedbackRound(
        manager_id=user_id,
        title=spec.title,
        message=MESSAGE,
        question_set_version=spec.version,
        opened_on=spec.opened_on,
        closes_on=spec.closes_on,
        sealed_on=spec.closes_on if sealed else None,
        group_rows=[RoundGroup(rater_group=g, position=n) for n, g in enumerate(spec.answered)],
    )
    db.session.add(round_)
    db.session.flush()
    rng = random.Random(f"{user_id}-{spec.title}")  # noqa: S311 - demo data
    _insert_invitations(round_, spec, rng, sealed)
    _insert_responses(round_.id, spec, questions, profile, rng)
    texts = [text for prompt in COMMENTS for text in COMMENTS[prompt]]
    prompts = {text: prompt for prompt in COMMENTS for text in COMMENTS[prompt]}
    writers = [
        group
        for group, count in spec.answered.items()
        for _ in range(count)
        if not round_.is_named(group)
    ]
    if round_.named_group and spec.answered.get(round_.named_group):
        db.session.add(
            FeedbackComment(
                round_id=round_.id, rater_group=round_.named_group, prompt="utveckla",
                text=NAMED_COMMENT,
            )
        )  # fmt: skip
    for text in rng.sample(texts, min(spec.comments, len(texts))):
        db.session.add(
            FeedbackComment(
                round_id=round_.id,
                rater_group=rng.choice(writers),
                prompt=prompts[text],
                text=text,
            )
        )


def _insert_invitations(round_, spec: DemoRound, rng: random.Random, sealed: bool) -> None:
    def invited(group: str, answered: int) -> int:
        """A couple in each group who never answered; the own manager is one."""
        return 1 if round_.is_named(group) else answered + 2

    if sealed:
        counts = [(group, EMAIL, invited(group, n)) for group, n in spec.answered.items()]
        db.session.execute(
            insert(FeedbackInvitation), blank_invitations(round_.id, spec.opened_on, counts)
        )
        return
    rows = []
    for group, answered in spec.answered.items():
        kind = CODE if group == "kollegor" else EMAIL
        for number in range(invited(group, answered)):
            email = None
            if kind == EMAIL:
                email = f"{group}{number + 1:02d}.avd14@example.se"
            rows.append(
                {
                    "round_id": round_.id,
                    "rater_group": group,
                    "kind": kind,
                    "email": email,
                    # Nobody can answer a demo invitation: its token is thrown away.
                    "token_hash": hash_token(secrets.token_urlsafe(32)),
                    "answered": number < answered,
                    "created_on": spec.opened_on,
                }
            )
    rng.shuffle(rows)
    db.session.execute(insert(FeedbackInvitation), rows)


def _insert_responses(round_id: int, spec, questions: QuestionSet, profile, rng) -> None:
    responses, answers = [], []
    for group, count in spec.answered.items():
        if not count:
            continue
        ids = [f"{rng.getrandbits(128):032x}" for _ in range(count)]
        responses += [
            {"id": i, "round_id": round_id, "rater_group": group, "submitted_on": spec.opened_on}
            for i in ids
        ]
        for q in questions.questions:
            tilt = 0.3 if group == "kollegor" and q.area == "styrning" else 0.0
            values = _values(rng, profile[q.key] + spec.shift + tilt, count)
            for response_id, value in zip(ids, values, strict=True):
                unsure = group == "chef" and q.area == "kultur"
                answers.append(
                    {"response_id": response_id, "question_key": q.key, "area": q.area,
                     "value": None if unsure else value}
                )  # fmt: skip
    db.session.execute(insert(FeedbackResponse), responses)
    db.session.execute(insert(FeedbackAnswer), answers)
    summary.add([response["id"] for response in responses])


def _managers_without_rounds() -> list[tuple[int, str]]:
    has_round = select(FeedbackRound.id).where(FeedbackRound.manager_id == User.id).exists()
    return list(
        db.session.execute(
            select(User.id, User.email)
            .join(UserRole, (UserRole.user_id == User.id) & (UserRole.role == "chef"))
            .where(User.email != DEMO_CHEF, ~has_round)
            .order_by(User.email)
        ).all()
    )


def _large_rounds(questions: QuestionSet) -> Iterator[tuple[int, DemoRound, dict]]:
    existing = db.session.scalar(select(db.func.count()).select_from(FeedbackResponse))
    for user_id, email in _managers_without_rounds():
        if existing >= LARGE_RESPONSES:
            return
        rng = random.Random(email)  # noqa: S311 - demo data
        answered = {"medarbetare": rng.randint(3, 9), "kollegor": rng.randint(1, 4)}
        opened = date(2026, 1, 12) + timedelta(days=rng.randint(0, 200))
        profile = {q.key: rng.uniform(2.4, 4.4) for q in questions.questions}
        existing += sum(answered.values())
        yield user_id, DemoRound("Återkoppling 2026", opened, opened + timedelta(days=14),
                                 answered, 0.0, rng.randint(0, 6)), profile  # fmt: skip


def _seed_large(questions: QuestionSet) -> None:
    for user_id, spec, profile in _large_rounds(questions):
        _add_round(user_id, spec, questions, profile, sealed=True)
