"""Per-area and per-principle sums of feedback responses (FeedbackAreaSum,
FeedbackPrincipleSum), written from the answers in the transaction that
stores the response."""

from sqlalchemy import func, insert, select

from toolbox.extensions import db
from toolbox.feedback.models import (
    QUESTION_SET,
    FeedbackAnswer,
    FeedbackAreaSum,
    FeedbackPrincipleSum,
    FeedbackResponse,
    FeedbackRound,
)
from toolbox.reflection.summary import answered, question_principles

COLUMNS = ("round_id", "rater_group", "submitted_on", "value_sum", "value_count")


def add(response_ids: list[str]) -> None:
    """The sums of newly stored responses (a response is never changed afterwards)."""
    if not response_ids:
        return
    db.session.flush()
    db.session.execute(
        insert(FeedbackAreaSum).from_select(
            ("response_id", "area", *COLUMNS), sums(response_ids, FeedbackAnswer.area)
        )
    )
    principles = question_principles(QUESTION_SET)
    db.session.execute(
        insert(FeedbackPrincipleSum).from_select(
            ("response_id", "principle", *COLUMNS),
            sums(response_ids, principles.c.principle)
            .join(FeedbackRound, FeedbackRound.id == FeedbackResponse.round_id)
            .join(
                principles,
                answered(
                    principles, FeedbackRound.question_set_version, FeedbackAnswer.question_key
                ),
            ),
        )
    )


def sums(response_ids: list[str], dimension):
    """Per response and value of `dimension`: the sum and count of its values."""
    return (
        select(
            FeedbackAnswer.response_id,
            dimension,
            FeedbackResponse.round_id,
            FeedbackResponse.rater_group,
            FeedbackResponse.submitted_on,
            func.sum(FeedbackAnswer.value),
            func.count(FeedbackAnswer.value),
        )
        .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
        .where(
            # The ids pick the responses, not their answers (why: reflection.summary.sums).
            FeedbackResponse.id.in_(response_ids),
            FeedbackAnswer.value.is_not(None),
        )
        .group_by(
            FeedbackAnswer.response_id,
            dimension,
            FeedbackResponse.round_id,
            FeedbackResponse.rater_group,
            FeedbackResponse.submitted_on,
        )
    )
