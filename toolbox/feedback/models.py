"""Feedback rounds, their invitations and the anonymous responses.

Anonymity (PRODUCT.md section 5) is a property of this schema:
- An invitation (a mailed link or a printed code) holds who was asked and
  whether the token has been used: `answered` is a flag, with no date.
- A response, its answers and the comments hold what was said, the rater
  group and the day only. No column, foreign key or shared value leads from
  them to an invitation, a token, an address or a user; the only way "up" is
  to the round, which every invitation and response of the round shares.
- Their keys are random (no insertion order to read), and the tables are
  WITHOUT ROWID on SQLite, so that even the storage order follows the random
  key rather than the order in which people answered.
- Comments are stored on the round with their rater group (so that only
  shown groups' comments are shown), not on the response.
- When a round has ended, seal.py rewrites all of this under new keys and
  wipes the invitations down to their count (the round is then sealed).
tests/feedback/test_anonymity.py and test_seal.py check all of this against
the metadata, the live database and its files."""

import secrets
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    column,
    select,
    table,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

QUESTION_SET = "aterkoppling"
RATER_GROUPS = {
    "medarbetare": _l("Medarbetare"),
    "kollegor": _l("Kollegor"),
    "chef": _l("Egen chef"),
}
# "Du svarar som …"
RATER_AS = {"medarbetare": _l("medarbetare"), "kollegor": _l("kollega"), "chef": _l("chefens chef")}
EMAIL, CODE = "epost", "kod"
# The two optional free-text questions; shown pooled per prompt, never per group.
PROMPTS = {
    "bra": _l("Vad fungerar bra i chefens ledarskap?"),
    "utveckla": _l("Vad skulle du vilja att chefen utvecklar?"),
}
# The same prompts worded for each group, from the version that words its
# statements per group (question sets with "texts:").
GROUP_PROMPTS = {
    "medarbetare": PROMPTS,
    "kollegor": {
        "bra": _l("Vad fungerar bra i din kollegas ledarskap?"),
        "utveckla": _l("Vad skulle du vilja att din kollega utvecklar i sitt ledarskap?"),
    },
    "chef": {
        "bra": _l("Vad fungerar bra i din medarbetares ledarskap?"),
        "utveckla": _l("Vad skulle du vilja att din medarbetare utvecklar i sitt ledarskap?"),
    },
}
# The manager's own manager: one person, told before answering that the
# answers are shown as theirs, and shown on their own as "Din chef" – never
# pooled, never under the anonymity rules. Only in rounds on a question set
# from NAMED_FROM_VERSION: those on version 1 promised this rater anonymity,
# and keep it (the group is then anonymous like the others, under the minimum).
NAMED_GROUP = "chef"
NAMED_LABEL = _l("Din chef")
NAMED_FROM_VERSION = 2
GROUP_CHECK = "rater_group IN (" + ", ".join(f"'{g}'" for g in RATER_GROUPS) + ")"
# Rows with no meaningful order: a random key and, on SQLite, no rowid.
NO_ROWID = {"sqlite_with_rowid": False}


def random_key() -> str:
    return secrets.token_hex(16)


USERS = table("users", column("id"), column("unit_id"))


def manager_unit(context) -> int | None:
    """The manager's unit when the round is opened (see FeedbackRound.unit_id)."""
    manager = context.get_current_parameters()["manager_id"]
    return context.connection.scalar(select(USERS.c.unit_id).where(USERS.c.id == manager))


class FeedbackRound(db.Model):
    """One manager's round: who is asked, until when, and on which question set."""

    __tablename__ = "feedback_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The manager's unit when the round was opened: leadership's figures count
    # the round there for good, so that a later move changes no published figure.
    unit_id: Mapped[int | None] = mapped_column(default=manager_unit)
    title: Mapped[str] = mapped_column(String(200))
    # The manager's own words to those asked; shown on the answer page and in mails.
    message: Mapped[str] = mapped_column(Text, default="")
    question_set_version: Mapped[int]
    opened_on: Mapped[date]
    closes_on: Mapped[date]  # the last day to answer
    closed_on: Mapped[date | None]  # set when the manager closes the round early
    # The day the ended round's rows were rewritten and the traces cleared
    # (seal.py); seal_claimed_at is the claim of the worker doing it.
    sealed_on: Mapped[date | None]
    seal_claimed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    group_rows: Mapped[list["RoundGroup"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="RoundGroup.position"
    )

    @property
    def groups(self) -> list[str]:
        return [row.rater_group for row in self.group_rows]

    @property
    def named_group(self) -> str | None:
        """The own manager's group when this round asks it as a named voice."""
        named = self.question_set_version >= NAMED_FROM_VERSION and NAMED_GROUP in self.groups
        return NAMED_GROUP if named else None

    @property
    def anonymous_groups(self) -> list[str]:
        """The groups under PRODUCT.md section 5's rules (thresholds, pooling)."""
        return [g for g in self.groups if g != self.named_group]

    def is_named(self, group: str) -> bool:
        return group == self.named_group

    def is_open(self, on: date) -> bool:
        return self.closed_on is None and on <= self.closes_on

    @property
    def sealed(self) -> bool:
        return self.sealed_on is not None

    def ended_on(self) -> date:
        """The day the round stopped taking answers (or will stop)."""
        return self.closed_on or self.closes_on


class RoundGroup(db.Model):
    """A rater group the manager asks in this round."""

    __tablename__ = "feedback_round_groups"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_rounds.id", ondelete="CASCADE"), primary_key=True
    )
    rater_group: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    __table_args__ = (CheckConstraint(GROUP_CHECK, name="group_known"),)


class FeedbackInvitation(db.Model):
    """A single-use token: a mailed link or a printed code. Knows that it was
    used, never what was answered."""

    __tablename__ = "feedback_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_rounds.id", ondelete="CASCADE"), index=True
    )
    rater_group: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))
    # Only for mailed links, for reminders; wiped when the round has closed.
    email: Mapped[str | None] = mapped_column(String(254))
    # sha256 of the link token or the normalised code; a reminder replaces it.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    answered: Mapped[bool] = mapped_column(default=False)
    # The random id of the form that used the token: the same post again (a
    # double click) is then told "thank you" rather than "already used".
    submission: Mapped[str | None] = mapped_column(String(64))
    last_reminded_on: Mapped[date | None]
    created_on: Mapped[date]

    __table_args__ = (
        UniqueConstraint("round_id", "email"),
        Index("ix_feedback_invitations_reminders", "round_id", "answered", "last_reminded_on"),
        CheckConstraint(GROUP_CHECK, name="group_known"),
        CheckConstraint(f"kind IN ('{EMAIL}', '{CODE}')", name="kind_known"),
    )


class FeedbackResponse(db.Model):
    """One anonymous response: the round, the rater group and the day."""

    __tablename__ = "feedback_responses"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_key)
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_rounds.id", ondelete="CASCADE"))
    rater_group: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[date]  # the day only, never the time

    __table_args__ = (
        # A round's responses, and its group sizes counted from the index alone.
        Index("ix_feedback_responses_round_group", "round_id", "rater_group"),
        CheckConstraint(GROUP_CHECK, name="group_known"),
        NO_ROWID,
    )


class FeedbackAnswer(db.Model):
    """The answer to one statement; value NULL is "Vet ej / ej aktuellt"."""

    __tablename__ = "feedback_answers"

    response_id: Mapped[str] = mapped_column(
        ForeignKey("feedback_responses.id", ondelete="CASCADE"), primary_key=True
    )
    question_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    area: Mapped[str] = mapped_column(String(20))
    value: Mapped[int | None]

    __table_args__ = (
        CheckConstraint("value IS NULL OR (value BETWEEN 1 AND 5)", name="value_range"),
        NO_ROWID,
    )


class _ResponseSum:
    """The columns of a response's sums, per area or per principle (the
    subclass adds the key): the sum and count of its answer values ("Vet ej"
    left out; a key with none has no row), with the response's round, group
    and day copied, so that the dashboards read one row per response and key.
    Written by feedback.summary with the response; it holds nothing the
    response does not, and is kept apart like it (random key, no rowid)."""

    # First, before the subclass's key: the primary key is (response_id, key).
    response_id: Mapped[str] = mapped_column(
        ForeignKey("feedback_responses.id", ondelete="CASCADE"), primary_key=True, sort_order=-1
    )
    round_id: Mapped[int]
    rater_group: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[date]
    value_sum: Mapped[int]
    value_count: Mapped[int]


def _covering(name: str, key: str) -> Index:
    """Covers the dashboards' aggregates: nothing is read from the table itself."""
    return Index(name, key, "submitted_on", "round_id", "rater_group", "value_sum", "value_count")


class FeedbackAreaSum(_ResponseSum, db.Model):
    """Per response and area of the question set."""

    __tablename__ = "feedback_area_sums"

    area: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (_covering("ix_feedback_area_sums_area_submitted", "area"), NO_ROWID)


class FeedbackPrincipleSum(_ResponseSum, db.Model):
    """Per response and principle of the framework: the values of the
    statements that carry the principle. Written beside the area sums in the
    same transaction, and sealed and removed exactly like them."""

    __tablename__ = "feedback_principle_sums"

    principle: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (
        _covering("ix_feedback_principle_sums_principle_submitted", "principle"),
        NO_ROWID,
    )


class FeedbackComment(db.Model):
    """Optional free text, stored on the round with the writer's rater group
    (NULL: written before the group was kept), not on a response."""

    __tablename__ = "feedback_comments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_key)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_rounds.id", ondelete="CASCADE"), index=True
    )
    rater_group: Mapped[str | None] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)

    __table_args__ = (CheckConstraint(GROUP_CHECK, name="group_known"), NO_ROWID)


class CodeFailure(db.Model):
    """A wrong code typed on /aterkoppling/svara, for throttling guesses.
    Holds a keyed hash of the address and the time; no code, no round."""

    __tablename__ = "feedback_code_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_feedback_code_failures_address_at", "address_hash", "at"),)
