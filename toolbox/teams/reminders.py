"""Mail to a leader before the agreed follow-up (`flask send-reminders`, for
cron): once per agreement, SOON ahead of the date. Each reminder is claimed in
the database first (a conditional UPDATE committed on its own), so two
instances running the command at once send it once; a failed mail gives the
claim back, for the next run."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select, update

from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.teams import seal
from toolbox.teams.models import Dialogue
from toolbox.teams.todos import SOON
from toolbox.web import mailing


@dataclass(frozen=True)
class Sent:
    sent: int
    failed: int


def due(on: date) -> list[tuple[int, str, str, str, date]]:
    """(dialogue id, team, leader's name and address, follow-up day) of those due."""
    rows = db.session.execute(
        select(Dialogue.id, Dialogue.team_name, User.name, User.email, Dialogue.followup_on)
        .join(User, User.id == Dialogue.leader_id)
        .where(
            Dialogue.agreed_at.is_not(None),
            Dialogue.followed_up_at.is_(None),
            Dialogue.followup_reminded_on.is_(None),
            Dialogue.followup_on <= on + SOON,
            User.active.is_(True),
        )
        .order_by(Dialogue.id)
    )
    return [tuple(row) for row in rows]


def claim(dialogue_id: int, on: date) -> bool:
    claimed = db.session.execute(
        update(Dialogue)
        .where(Dialogue.id == dialogue_id, Dialogue.followup_reminded_on.is_(None))
        .values(followup_reminded_on=on)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


def release(dialogue_id: int) -> None:
    db.session.execute(
        update(Dialogue)
        .where(Dialogue.id == dialogue_id)
        .values(followup_reminded_on=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def send_followup_reminders(on: date) -> Sent:
    """Mail every leader whose follow-up is near or past; commits each claim.
    First seals the closed dialogues whose seal did not finish at the close."""
    seal.seal_pending(on)
    sent = failed = 0
    for dialogue_id, team, name, email, followup_on in due(on):
        if not claim(dialogue_id, on):
            continue
        try:
            mailing.send(
                email,
                f"Uppföljning av ledningsgruppsdialogen: {team}",
                "teams_followup",
                name=name,
                team=team,
                followup_on=followup_on,
                link=mailing.external_url("teams.dialogue", dialogue_id=dialogue_id),
            )
        except Exception:  # one failed mail must not stop the others
            current_app.logger.exception("Påminnelsen om dialog %s kunde inte skickas", dialogue_id)
            db.session.rollback()
            release(dialogue_id)
            failed += 1
        else:
            sent += 1
    return Sent(sent, failed)
