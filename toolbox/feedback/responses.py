"""Taking one anonymous response for one token – once, also when the same
form is posted twice or two posts race.

The token is claimed with a conditional UPDATE whose row count says who won;
the response is inserted in the same transaction, so both commit together or
neither does. Nothing about the token goes into the response. That shared
transaction is visible to a database administrator until the round is
sealed after it ends (seal.py; SECURITY.md says what it shows)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from toolbox.content import QuestionSet
from toolbox.extensions import db
from toolbox.feedback import summary
from toolbox.feedback.models import (
    FeedbackAnswer,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackResponse,
    FeedbackRound,
    random_key,
)

COMMENT_MAX = 2000


@dataclass(frozen=True)
class Answers:
    values: dict[str, int | None]  # statement key → 1–5, or None for "Vet ej"
    comments: dict[str, str]  # prompt → text (optional)


def _still_open(on: date):
    """The round takes answers: open, and no seal begun (seal.py) – a form
    opened on the last day and sent after midnight is too late."""
    return FeedbackInvitation.round_id.in_(
        select(FeedbackRound.id).where(
            FeedbackRound.closed_on.is_(None),
            FeedbackRound.closes_on >= on,
            FeedbackRound.seal_claimed_at.is_(None),
            FeedbackRound.sealed_on.is_(None),
        )
    )


def claim(invitation_id: int, submission: str, on: date) -> bool:
    """Mark the token used; False when it was used already or the round has closed."""
    result = db.session.execute(
        update(FeedbackInvitation)
        .where(
            FeedbackInvitation.id == invitation_id,
            FeedbackInvitation.answered.is_(False),
            _still_open(on),
        )
        .values(answered=True, submission=submission)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def submit(
    invitation: FeedbackInvitation,
    questions: QuestionSet,
    answers: Answers,
    submission: str,
    on: date,
) -> bool:
    """Claim the token and store the response; False (and nothing stored) if
    the token could not be claimed. The caller commits."""
    if not claim(invitation.id, submission, on):
        return False
    response = FeedbackResponse(
        id=random_key(), round_id=invitation.round_id, rater_group=invitation.rater_group,
        submitted_on=on,
    )  # fmt: skip
    db.session.add(response)
    db.session.flush()
    db.session.add_all(
        FeedbackAnswer(
            response_id=response.id, question_key=q.key, area=q.area, value=answers.values[q.key]
        )
        for q in questions.questions
    )
    db.session.add_all(
        FeedbackComment(
            round_id=invitation.round_id,
            rater_group=invitation.rater_group,
            prompt=prompt,
            text=text.strip(),
        )
        for prompt, text in answers.comments.items()
        if text and text.strip()
    )
    db.session.flush()
    summary.add([response.id])
    return True


def same_post_again(invitation_id: int, submission: str) -> bool:
    """True when the token was used by this very form (a double click)."""
    used_by = db.session.scalar(
        select(FeedbackInvitation.submission).where(FeedbackInvitation.id == invitation_id)
    )
    return bool(submission) and used_by == submission
