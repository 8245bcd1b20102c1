"""Inviting to a round: a single-use link by mail for each address, or
printed codes. Only the hashes of links and codes are stored; the manager
sees how many were asked per group and way, never who has answered."""

from dataclasses import dataclass
from datetime import date

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from toolbox.audit.service import record
from toolbox.extensions import db
from toolbox.feedback.models import CODE, EMAIL, FeedbackInvitation, FeedbackRound
from toolbox.feedback.service import Refused
from toolbox.feedback.tokens import hash_token, new_code, new_link_token
from toolbox.web.language import lazy_gettext as _l

MAX_CODES = 60
MAX_ADDRESSES = 100


def parse_addresses(text: str) -> tuple[list[str], list[str]]:
    """(valid addresses, lower case and without duplicates, in order; invalid ones)."""
    valid, invalid = [], []
    for part in text.replace(",", " ").replace(";", " ").split():
        try:
            address = validate_email(part, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            invalid.append(part)
            continue
        if address not in valid:
            valid.append(address)
    return valid, invalid


def _check_open(round_: FeedbackRound, group: str, on: date, adding: int = 1) -> None:
    if not round_.is_open(on):
        raise Refused(_l("Omgången är avslutad. Det går inte att bjuda in fler."))
    if group not in round_.groups:
        raise Refused(_l("Välj en av omgångens grupper."))
    if round_.is_named(group):
        _check_one_manager(round_, group, adding)


def _check_one_manager(round_: FeedbackRound, group: str, adding: int) -> None:
    """The named group is one person: one link or one code in the round."""
    have = db.session.scalar(
        select(func.count())
        .select_from(FeedbackInvitation)
        .where(FeedbackInvitation.round_id == round_.id, FeedbackInvitation.rater_group == group)
    )
    if have + adding > 1:
        raise Refused(
            _l(
                "Din egen chef är en person. Bjud in en adress, eller skapa en kod, "
                "för din chef – en gång per omgång."
            )
        )


@dataclass(frozen=True)
class Invited:
    tokens: dict[str, str]  # address → link token, for the mails
    already: int  # addresses that were already invited to the round


def invite(
    round_: FeedbackRound, group: str, addresses: list[str], own_address: str, on: date
) -> Invited:
    """A single-use link for each new address; addresses already asked are skipped."""
    _check_open(round_, group, on, adding=0)
    if own_address.lower() in addresses:
        raise Refused(_l("Du kan inte bjuda in dig själv. Ta bort din egen adress."))
    if len(addresses) > MAX_ADDRESSES:
        raise Refused(_l("Bjud in högst %(most)s adresser åt gången.", most=MAX_ADDRESSES))
    taken = set(
        db.session.scalars(
            select(FeedbackInvitation.email).where(
                FeedbackInvitation.round_id == round_.id, FeedbackInvitation.email.in_(addresses)
            )
        )
    )
    if round_.is_named(group):
        _check_one_manager(round_, group, len(set(addresses) - taken))
    tokens = {}
    for address in addresses:
        if address in taken:
            continue
        tokens[address] = token = new_link_token()
        db.session.add(_invitation(round_, group, EMAIL, hash_token(token), on, address))
    db.session.flush()
    if tokens:
        record("feedback_invited", target=f"Återkoppling {round_.id}", actor_id=round_.manager_id)
    return Invited(tokens, len(addresses) - len(tokens))


def _invitation(
    round_: FeedbackRound, group: str, kind: str, token_hash: str, on: date, email=None
) -> FeedbackInvitation:
    return FeedbackInvitation(
        round_id=round_.id,
        rater_group=group,
        kind=kind,
        email=email,
        token_hash=token_hash,
        created_on=on,
    )


def create_codes(round_: FeedbackRound, group: str, count: int, on: date) -> list[str]:
    """`count` new codes; only their hashes are kept, so they are shown once."""
    _check_open(round_, group, on, adding=count)
    if not 1 <= count <= MAX_CODES:
        raise Refused(_l("Skapa mellan 1 och %(most)s koder åt gången.", most=MAX_CODES))
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_code())
    found = list(codes)
    for code in found:
        db.session.add(_invitation(round_, group, CODE, hash_token(code), on))
    db.session.flush()
    record("feedback_codes_created", target=f"Återkoppling {round_.id}", actor_id=round_.manager_id)
    return found


@dataclass(frozen=True)
class Invitations:
    """How many were asked, per group and way. Never how many answered."""

    by_group: dict[str, dict[str, int]]

    def count(self, group: str, kind: str) -> int:
        return self.by_group.get(group, {}).get(kind, 0)

    def total_by(self, kind: str) -> int:
        """Asked this way (link or code), in all groups."""
        return sum(kinds.get(kind, 0) for kinds in self.by_group.values())

    @property
    def total(self) -> int:
        return sum(n for kinds in self.by_group.values() for n in kinds.values())


def invitations(round_: FeedbackRound) -> Invitations:
    rows = db.session.execute(
        select(FeedbackInvitation.rater_group, FeedbackInvitation.kind, func.count())
        .where(FeedbackInvitation.round_id == round_.id)
        .group_by(FeedbackInvitation.rater_group, FeedbackInvitation.kind)
    )
    found: dict[str, dict[str, int]] = {}
    for group, kind, count in rows:
        found.setdefault(group, {})[kind] = count
    return Invitations(found)
