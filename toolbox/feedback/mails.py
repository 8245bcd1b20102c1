"""The mails of a round: the invitation and the reminder, each with its own
single-use link. Links are absolute: from the request when there is one,
otherwise (cron) from PUBLIC_BASE_URL."""

from sqlalchemy import select

from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.feedback.models import RATER_AS, FeedbackInvitation, FeedbackRound
from toolbox.web import mailing
from toolbox.web.language import gettext as _


def _context(round_: FeedbackRound, address: str, token: str) -> dict:
    manager = db.session.get(User, round_.manager_id)
    group = db.session.scalar(
        select(FeedbackInvitation.rater_group).where(
            FeedbackInvitation.round_id == round_.id, FeedbackInvitation.email == address
        )
    )
    return {
        "round": round_,
        "manager": manager,
        "rater_as": str(RATER_AS.get(group, "")),
        # The own manager is a named voice: told so in the first sentence.
        "named": group is not None and round_.is_named(group),
        "link": mailing.external_url("feedback.respond", token=token),
        "privacy": mailing.external_url("home.page", slug="vem-ser-mina-svar"),
    }


def send_invitation(round_: FeedbackRound, address: str, token: str) -> None:
    context = _context(round_, address, token)
    subject = _("%(name)s ber om din återkoppling", name=context["manager"].name)
    mailing.send(address, subject, "feedback_invitation", **context)


def send_reminder(round_: FeedbackRound, address: str, token: str) -> None:
    context = _context(round_, address, token)
    subject = _("Påminnelse: %(name)s ber om din återkoppling", name=context["manager"].name)
    mailing.send(address, subject, "feedback_reminder", **context)
