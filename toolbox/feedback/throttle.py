"""Throttling wrong codes on the public code page, counted in the database so
that it holds across worker processes. The address is kept only as a keyed
hash, and only for failures: a code that works leaves no trace here."""

import hashlib
import hmac
from datetime import timedelta

from sqlalchemy import delete, func, select

from toolbox.clock import utcnow
from toolbox.db.engine import hold_until_commit
from toolbox.extensions import db
from toolbox.feedback.models import CodeFailure

MAX_FAILURES = 20
WINDOW = timedelta(minutes=15)


def address_key(address: str, secret: str) -> str:
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()


def is_throttled(key: str) -> bool:
    """Held until the transaction ends, so that parallel guesses from one
    address cannot all pass the check at the limit."""
    hold_until_commit(db.session, f"code:{key}")
    since = utcnow() - WINDOW
    recent = db.session.scalar(
        select(func.count())
        .select_from(CodeFailure)
        .where(CodeFailure.address_hash == key, CodeFailure.at >= since)
    )
    return recent >= MAX_FAILURES


def record_failure(key: str) -> None:
    db.session.add(CodeFailure(address_hash=key))
    # Rows older than the window are no longer counted; clear them as we go.
    db.session.execute(delete(CodeFailure).where(CodeFailure.at < utcnow() - WINDOW))
