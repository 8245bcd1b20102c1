"""Retention periods (PRODUCT.md section 5), applied by `flask apply-retention`.

Each rule deletes what has passed its period, counted from a moment kept
with the row. Running it again the same day deletes nothing more, and two
instances running it at once each delete some rows and never the same row
twice (each rule is a DELETE with a cutoff, in one transaction)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from toolbox.audit.models import AuditEvent
from toolbox.audit.service import record
from toolbox.auth.models import LoginFailure
from toolbox.extensions import db
from toolbox.feedback.models import CodeFailure
from toolbox.reflection import service as reflections
from toolbox.reflection.models import DRAFT, Reflection
from toolbox.submissions.models import UsedSubmission
from toolbox.teams.retention import delete_expired as expired_dialogues


def stale_drafts(cutoff: datetime) -> int:
    """Reflection drafts untouched since the cutoff, through the feature's delete."""
    found = db.session.scalars(
        select(Reflection).where(Reflection.status == DRAFT, Reflection.updated_at < cutoff)
    ).all()
    for draft in found:
        reflections.delete_reflection(draft, actor_id=None)
    return len(found)


def older_than(*columns) -> Callable[[datetime], int]:
    """Delete the rows whose moment (one column per table) is before the cutoff."""

    def apply(cutoff: datetime) -> int:
        removed = 0
        for column in columns:
            result = db.session.execute(delete(column.table).where(column < cutoff))
            removed += result.rowcount or 0
        return removed

    return apply


@dataclass(frozen=True)
class Rule:
    setting: str
    label: str
    apply: Callable[[datetime], int]


RULES = (
    Rule("REFLECTION_DRAFT_RETENTION_DAYS", "utkast till självskattning", stale_drafts),
    Rule("AUDIT_RETENTION_DAYS", "händelser i loggen", older_than(AuditEvent.at)),
    Rule(
        "LOGIN_FAILURE_RETENTION_DAYS",
        "misslyckade inloggningar och koder",
        older_than(LoginFailure.at, CodeFailure.at),
    ),
    Rule(
        "USED_SUBMISSION_RETENTION_DAYS",
        "använda formulärnycklar",
        older_than(UsedSubmission.used_at),
    ),
    Rule("TEAM_DIALOGUE_RETENTION_DAYS", "ledningsgruppsdialoger", expired_dialogues),
)


def apply_retention(config: Mapping, now: datetime) -> dict[str, int]:
    """Delete what has passed its retention period; rows removed per rule.
    The caller commits. The run itself is logged (after the log's own rule)."""
    removed = {}
    for rule in RULES:
        cutoff = now - timedelta(days=int(config[rule.setting]))
        removed[rule.label] = rule.apply(cutoff)
    detail = ", ".join(f"{label}: {count}" for label, count in removed.items())
    record("retention_applied", target="Gallring", detail=detail)
    return removed
