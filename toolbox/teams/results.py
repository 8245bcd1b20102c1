"""What a team sees of its answers: per behaviour the spread (how many gave
each step, lowest and highest) and the middle (median), the behaviours chosen
as most important, and the texts pooled – only once the dialogue is closed
and only with at least FEEDBACK_MIN_GROUP answers (never below 3); the texts
only with FEEDBACK_MIN_TEXT answers, the feedback rounds' rules. Nothing here
says who answered what."""

from dataclasses import dataclass
from statistics import median

from flask import current_app
from sqlalchemy import func, select

from toolbox.extensions import db
from toolbox.teams import pooled
from toolbox.teams.content import DialogueContent
from toolbox.teams.models import Dialogue, DialoguePriority, DialogueRating, DialogueResponse

SCALE = range(1, 6)


@dataclass(frozen=True)
class Spread:
    behaviour: str
    text: str
    counts: tuple[int, ...]  # answers per step 1–5
    dont_know: int
    chosen: int  # how many chose it as one of the most important next

    @property
    def rated(self) -> int:
        return sum(self.counts)

    @property
    def values(self) -> list[int]:
        return [step for step, n in zip(SCALE, self.counts, strict=True) for _ in range(n)]

    @property
    def middle(self) -> float | None:
        return median(self.values) if self.rated else None

    @property
    def lowest(self) -> int | None:
        return min(self.values) if self.rated else None

    @property
    def highest(self) -> int | None:
        return max(self.values) if self.rated else None


@dataclass(frozen=True)
class TeamResults:
    enough: bool  # at least the minimum group answered (a closed dialogue's only)
    spreads: tuple[Spread, ...]
    meanings: tuple[str, ...]  # pooled, in alphabetical order: no trace of who or when


def min_group() -> int:
    return max(3, int(current_app.config["FEEDBACK_MIN_GROUP"]))


def min_text() -> int:
    return max(min_group(), int(current_app.config["FEEDBACK_MIN_TEXT"]))


def thresholds() -> dict[str, int]:
    """The blueprint's context processor: the numbers the pages promise."""
    return {
        "min_group": min_group(),
        "min_text": min_text(),
        "pooled_step": pooled.min_people(),
    }


def team_results(dialogue: Dialogue, content: DialogueContent) -> TeamResults:
    """The results a closed dialogue shows; nothing while it is open or has too few."""
    count = db.session.scalar(
        select(func.count()).where(DialogueResponse.dialogue_id == dialogue.id)
    )
    if dialogue.is_open or count < min_group():
        return TeamResults(False, (), ())
    responses = select(DialogueResponse.id).where(DialogueResponse.dialogue_id == dialogue.id)
    rows = db.session.execute(
        select(DialogueRating.behaviour, DialogueRating.value, func.count())
        .where(DialogueRating.response_id.in_(responses))
        .group_by(DialogueRating.behaviour, DialogueRating.value)
    )
    steps = {(behaviour, value): n for behaviour, value, n in rows}
    chosen = dict(
        db.session.execute(
            select(DialoguePriority.behaviour, func.count())
            .where(DialoguePriority.response_id.in_(responses))
            .group_by(DialoguePriority.behaviour)
        ).all()
    )
    spreads = tuple(
        Spread(
            b.key,
            b.text,
            tuple(steps.get((b.key, step), 0) for step in SCALE),
            steps.get((b.key, None), 0),
            chosen.get(b.key, 0),
        )
        for b in content.behaviours
    )
    meanings: tuple[str, ...] = ()
    if count >= min_text():
        meanings = tuple(
            sorted(
                db.session.scalars(
                    select(DialogueResponse.meaning).where(
                        DialogueResponse.dialogue_id == dialogue.id, DialogueResponse.meaning != ""
                    )
                )
            )
        )
    return TeamResults(True, spreads, meanings)
