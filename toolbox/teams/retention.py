"""Retention of leadership-team dialogues (`flask apply-retention`, setting
TEAM_DIALOGUE_RETENTION_DAYS): a dialogue closed – or opened and never closed
– before the cutoff is deleted with its members, answers and agreement.

A closed dialogue whose answers are in leadership's pooled figure goes only
with the whole published step it belongs to, once the step's last quarter
ended before the cutoff (pooled.py): the figure then loses a whole step of
at least k people, never one team, and the steps after it stay as they were."""

from datetime import datetime

from sqlalchemy import delete, select

from toolbox import clock
from toolbox.extensions import db
from toolbox.privacy.periods import quarter
from toolbox.teams import pooled
from toolbox.teams.models import CLOSED, OPEN, Dialogue


def kept_with_step(cutoff: datetime) -> set[int]:
    """Closed dialogues of a published step that has not wholly passed the cutoff."""
    day = clock.local(cutoff).date()
    found = pooled.steps(pooled.contributions(), pooled.min_people(), clock.today())
    return {
        dialogue_id
        for step in found
        if quarter(*step.until).end > day
        for dialogue_id in step.dialogue_ids
    }


def delete_expired(cutoff: datetime) -> int:
    """Delete the dialogues past their retention; how many. The caller commits."""
    expired = set(
        db.session.scalars(
            select(Dialogue.id).where(
                ((Dialogue.status == CLOSED) & (Dialogue.closed_at < cutoff))
                | ((Dialogue.status == OPEN) & (Dialogue.opened_at < cutoff))
            )
        )
    )
    expired -= kept_with_step(cutoff)
    if not expired:
        return 0
    db.session.execute(
        delete(Dialogue)
        .where(Dialogue.id.in_(expired))
        .execution_options(synchronize_session=False)
    )
    return len(expired)
