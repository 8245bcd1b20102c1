"""What the dialogue adds to Min sida: answers to give, an agreement to
record after the meeting, and a follow-up that is near or past."""

from datetime import timedelta

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.home import service as home
from toolbox.teams.models import OPEN, Dialogue, DialogueMember
from toolbox.web.filters import long_date
from toolbox.web.language import gettext as _

# A follow-up this close is shown ahead, so the leader can prepare it.
SOON = timedelta(days=14)


def about_team(text: str, dialogue: Dialogue, **values: str) -> Markup:
    """A to-do's sentence (a msgid with %(team)s, translated) around the
    team's name as its leader wrote it, marked Swedish."""
    team = Markup('<span lang="sv">{}</span>').format(dialogue.team_name)
    return escape(text) % {"team": team, **values}


def todos(user: User) -> list[home.Todo]:
    if not user.has_role("chef", "ledning"):
        return []
    found = [
        home.Todo(
            about_team(_("Svara inför ledningsgruppsdialogen i %(team)s."), dialogue),
            url_for("teams.answer", dialogue_id=dialogue.id),
            _("Svara på frågorna"),
        )
        for dialogue in db.session.scalars(
            select(Dialogue)
            .join(DialogueMember, DialogueMember.dialogue_id == Dialogue.id)
            .where(
                DialogueMember.user_id == user.id,
                DialogueMember.answered.is_(False),
                Dialogue.status == OPEN,
            )
        )
    ]
    for dialogue in db.session.scalars(
        select(Dialogue).where(Dialogue.leader_id == user.id, Dialogue.followed_up_at.is_(None))
    ):
        found += leader_todos(dialogue)
    return found


def leader_todos(dialogue: Dialogue) -> list[home.Todo]:
    link = url_for("teams.dialogue", dialogue_id=dialogue.id)
    if dialogue.is_open:
        return []
    if dialogue.agreed_at is None:
        return [
            home.Todo(
                about_team(_("Skriv in vad %(team)s kom överens om i dialogen."), dialogue),
                link,
                _("Skriv in överenskommelsen"),
            )
        ]
    if dialogue.followup_on and dialogue.followup_on <= clock.today() + SOON:
        return [
            home.Todo(
                about_team(
                    _("Uppföljning av ledningsgruppsdialogen i %(team)s %(date)s."),
                    dialogue,
                    date=long_date(dialogue.followup_on),
                ),
                link,
                _("Till uppföljningen"),
            )
        ]
    return []
