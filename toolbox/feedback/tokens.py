"""Single-use tokens: long random links for mail, short codes for print.

Only the sha256 of a token is stored. A link is 32 random bytes (256 bits);
guessing one is hopeless. A code is typed by hand, so it is 10 characters
from an alphabet without look-alikes (no I, L, O, 0 or 1): 31^10 ≈ 8·10^14,
about 49 bits. With at most 20 wrong codes per address and quarter of an
hour (throttle.py), a guesser with one address and, say, 20,000 unused codes
in the whole installation needs some 50,000 years for a hit; a thousand
addresses for a month have odds of about 1 in 700 – and a hit only lets
them add one answer to a round they know nothing about."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from toolbox.extensions import db
from toolbox.feedback.models import CODE, FeedbackInvitation, FeedbackRound

LINK_BYTES = 32
MAX_LINK_LENGTH = 100
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
SEPARATORS = re.compile(r"[\s\-–—_.]+")

# What a token lookup found.
OK, UNKNOWN, USED, CLOSED = "ok", "okand", "anvand", "stangd"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token() -> str:
    return secrets.token_urlsafe(LINK_BYTES)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """ABCDEFGHJK → ABCDE-FGHJK, easier to read out and type."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def normalise_code(raw: str) -> str | None:
    """A code as typed (any case, spaces or dashes) in its stored form, or None."""
    code = SEPARATORS.sub("", raw or "").upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


@dataclass(frozen=True)
class Lookup:
    status: str
    invitation: FeedbackInvitation | None = None
    round: FeedbackRound | None = None


def _found(condition, on: date) -> Lookup:
    row = db.session.execute(
        select(FeedbackInvitation, FeedbackRound)
        .join(FeedbackRound, FeedbackRound.id == FeedbackInvitation.round_id)
        .where(condition)
    ).first()
    if row is None:
        return Lookup(UNKNOWN)
    invitation, round_ = row
    if invitation.answered:
        return Lookup(USED, invitation, round_)
    if not round_.is_open(on):
        return Lookup(CLOSED, invitation, round_)
    return Lookup(OK, invitation, round_)


def lookup(token: str | None, kind: str, on: date) -> Lookup:
    """What a link (kind EMAIL) or a normalised code (kind CODE) opens today."""
    if not token or len(token) > MAX_LINK_LENGTH:
        return Lookup(UNKNOWN)
    return _found(
        (FeedbackInvitation.token_hash == hash_token(token)) & (FeedbackInvitation.kind == kind),
        on,
    )


def lookup_by_id(invitation_id: int, on: date) -> Lookup:
    """The state of an invitation as it is now (after a lost race for it)."""
    return _found(FeedbackInvitation.id == invitation_id, on)


def lookup_code(raw: str | None, on: date) -> Lookup:
    code = normalise_code(raw or "")
    return lookup(code, CODE, on) if code else Lookup(UNKNOWN)
