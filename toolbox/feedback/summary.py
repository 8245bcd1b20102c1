"""Per-area sums of feedback responses (FeedbackAreaSum), written from the
answers in the transaction that stores the response."""

from sqlalchemy import func, insert, select

from toolbox.extensions import db
from toolbox.feedback.models import FeedbackAnswer, FeedbackAreaSum, FeedbackResponse

COLUMNS = (
    "response_id",
    "area",
    "round_id",
    "rater_group",
    "submitted_on",
    "value_sum",
    "value_count",
)


def add(response_ids: list[str]) -> None:
    """The sums of newly stored responses (a response is never changed afterwards)."""
    if not response_ids:
        return
    db.session.flush()
    sums = (
        select(
            FeedbackAnswer.response_id,
            FeedbackAnswer.area,
            FeedbackResponse.round_id,
            FeedbackResponse.rater_group,
            FeedbackResponse.submitted_on,
            func.sum(FeedbackAnswer.value),
            func.count(FeedbackAnswer.value),
        )
        .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
        .where(FeedbackAnswer.response_id.in_(response_ids), FeedbackAnswer.value.is_not(None))
        .group_by(
            FeedbackAnswer.response_id,
            FeedbackAnswer.area,
            FeedbackResponse.round_id,
            FeedbackResponse.rater_group,
            FeedbackResponse.submitted_on,
        )
    )
    db.session.execute(insert(FeedbackAreaSum).from_select(COLUMNS, sums))
