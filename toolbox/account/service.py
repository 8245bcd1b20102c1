"""All of one user's own data as plain JSON-ready dicts, and the deletion of
their reflections (PRODUCT.md section 5).

What others said about the user is not theirs to take out: feedback rounds
come as metadata only – no respondent, address, answer or count – and the
results stay behind the thresholds of the feedback pages."""

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from toolbox.analysis.models import Action, Goal
from toolbox.audit.models import AuditEvent
from toolbox.audit.service import ACTION_LABELS
from toolbox.auth.models import User
from toolbox.catalog.models import PLAN_STATUSES, LearningPath, PathEnrollment, PlanEntry
from toolbox.clock import utcnow
from toolbox.examples.models import Example
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackRound
from toolbox.org.models import OrgUnit
from toolbox.reflection import service as reflections
from toolbox.reflection.export import export_data as reflection_export
from toolbox.reflection.models import Reflection
from toolbox.tasks.models import Task, TaskComment, TaskEndorsement
from toolbox.teams.models import OPEN, Dialogue, DialogueMember, SharedView

FORMAT = "verktygsladan-mina-uppgifter/1"


def when(moment: datetime | date | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds") + "Z"
    return moment.isoformat()


def export_data(user: User) -> dict:
    """Everything the portal keeps that belongs to the user."""
    reflection = reflection_export(user.id, user.name, user.email)
    return {
        "format": FORMAT,
        "exporterad": when(utcnow()),
        "konto": account(user),
        "katalog": catalog(user.id),
        "sjalvskattning": {
            "sjalvskattningar": reflection["sjalvskattningar"],
            "skala": reflection["skala"],
            "paminnelse": reflection["paminnelse"],
        },
        "aterkoppling": feedback_rounds(user.id),
        "administrativa_uppgifter": tasks(user.id),
        "goda_exempel": examples(user.id),
        "gapanalys": analysis(user.id),
        "ledningsgrupp": leadership_teams(user.id),
        "egna_handelser_i_loggen": own_events(user.id),
    }


def account(user: User) -> dict:
    unit = user.unit
    managed = db.session.scalars(
        select(OrgUnit).where(OrgUnit.manager_id == user.id).order_by(OrgUnit.name)
    ).all()
    return {
        "namn": user.name,
        "epost": user.email,
        "roller": sorted(user.roles),
        "aktiv": user.active,
        "enhet": None if unit is None else {"kod": unit.code, "namn": unit.name},
        "chef_for": [{"kod": u.code, "namn": u.name} for u in managed],
        "skapad": when(user.created_at),
        "senast_inloggad": when(user.last_login_at),
        "losenord_bytt": when(user.password_changed_at),
        "extern_identitet": user.external_subject is not None,
    }


def catalog(user_id: int) -> dict:
    entries = db.session.scalars(
        select(PlanEntry)
        .options(joinedload(PlanEntry.item))
        .where(PlanEntry.user_id == user_id)
        .order_by(PlanEntry.added_at)
    ).all()
    paths = db.session.execute(
        select(LearningPath.title, PathEnrollment.started_at)
        .join(PathEnrollment, PathEnrollment.path_id == LearningPath.id)
        .where(PathEnrollment.user_id == user_id)
        .order_by(PathEnrollment.started_at)
    ).all()
    return {
        "utvecklingsplan": [
            {
                "titel": e.item.title,
                "adress": f"/katalog/{e.item.slug}",
                "status": str(PLAN_STATUSES.get(e.status, e.status)),
                "tillagd": when(e.added_at),
                "genomford": when(e.completed_at),
                "betyg": e.rating,
                "kommentar": e.comment,
            }
            for e in entries
        ],
        "larvagar": [{"titel": title, "startad": when(at)} for title, at in paths],
    }


def feedback_rounds(user_id: int) -> list[dict]:
    rounds = db.session.scalars(
        select(FeedbackRound).where(FeedbackRound.manager_id == user_id).order_by(FeedbackRound.id)
    ).all()
    return [
        {
            "titel": r.title,
            "grupper": list(r.groups),
            "meddelande": r.message,
            "oppnad": when(r.opened_on),
            "sista_svarsdag": when(r.closes_on),
            "avslutad": when(r.closed_on),
        }
        for r in rounds
    ]


def leadership_teams(user_id: int) -> dict:
    """The dialogues the user leads or is invited to, and the samsyn texts they
    saved. A member's answers are not here: they are stored without the member."""
    led = db.session.scalars(
        select(Dialogue).where(Dialogue.leader_id == user_id).order_by(Dialogue.id)
    ).all()
    invited = db.session.execute(
        select(Dialogue.team_name, Dialogue.concept, Dialogue.status, DialogueMember.answered)
        .join(DialogueMember, DialogueMember.dialogue_id == Dialogue.id)
        .where(DialogueMember.user_id == user_id)
        .order_by(Dialogue.id)
    ).all()
    views = db.session.execute(
        select(SharedView.recorded_at, SharedView.text)
        .where(SharedView.recorded_by_id == user_id)
        .order_by(SharedView.id)
    ).all()
    return {
        "leder": [
            {
                "ledningsgrupp": d.team_name,
                "begrepp": d.concept,
                "oppnad": when(d.opened_at),
                "overenskommelse": d.commitments,
                "uppfoljning": when(d.followup_on),
                "uppfoljd": when(d.followed_up_at),
            }
            for d in led
        ],
        "inbjuden_till": [
            # Whether one answered is forgotten when the dialogue closes (teams/seal.py).
            {
                "ledningsgrupp": team,
                "begrepp": concept,
                "har_svarat": answered if status == OPEN else None,
            }
            for team, concept, status, answered in invited
        ],
        "samsyn": [{"sparad": when(at), "text": text} for at, text in views],
    }


def tasks(user_id: int) -> dict:
    proposed = db.session.scalars(
        select(Task).where(Task.proposer_id == user_id).order_by(Task.id)
    ).all()
    endorsed = db.session.execute(
        select(Task.title, TaskEndorsement.hours_per_month)
        .join(TaskEndorsement, TaskEndorsement.task_id == Task.id)
        .where(TaskEndorsement.user_id == user_id)
        .order_by(Task.id)
    ).all()
    comments = db.session.execute(
        select(Task.title, TaskComment.text, TaskComment.created_at)
        .join(TaskComment, TaskComment.task_id == Task.id)
        .where(TaskComment.author_id == user_id)
        .order_by(TaskComment.id)
    ).all()
    return {
        "forslag": [
            {
                "titel": t.title,
                "beskrivning": t.description,
                "status": t.status_label,
                "timmar_per_manad": str(t.hours_per_month),
                "lamnat": when(t.created_at),
            }
            for t in proposed
        ],
        "beror_mig_ocksa": [{"uppgift": t, "timmar_per_manad": str(h)} for t, h in endorsed],
        "kommentarer": [{"uppgift": t, "text": x, "skriven": when(at)} for t, x, at in comments],
    }


def examples(user_id: int) -> list[dict]:
    found = db.session.scalars(
        select(Example)
        .options(joinedload(Example.collection))
        .where(Example.contact_user_id == user_id)
        .order_by(Example.id)
    ).all()
    return [
        {
            "insamling": e.collection.title,
            "enhet": e.unit_name,
            "kontaktsatt": e.preferred_contact,
            "berattelse": e.story,
            "svar": {a.question_key: a.text for a in e.answers},
            "foljdfragor": [
                {"fraga": f.question, "svar": f.answer} for f in e.followups if f.sent_at
            ],
        }
        for e in found
    ]


def analysis(user_id: int) -> dict:
    goals = db.session.scalars(
        select(Goal).where(Goal.created_by_id == user_id).order_by(Goal.id)
    ).all()
    actions = db.session.scalars(
        select(Action).where(Action.created_by_id == user_id).order_by(Action.id)
    ).all()
    return {
        "mal": [
            {
                "matt": g.metric,
                "mal": g.target,
                "period": g.period_key,
                "notering": g.note,
            }
            for g in goals
        ],
        "atgarder": [
            {"titel": a.title, "beskrivning": a.description, "klart": when(a.due_on)}
            for a in actions
        ],
    }


def own_events(user_id: int) -> list[dict]:
    """What the user did, as the audit log has it (without addresses)."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.actor_id == user_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    return [{"handelse": ACTION_LABELS.get(e.action, e.action), "tid": when(e.at)} for e in events]


def reflection_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Reflection).where(Reflection.user_id == user_id)
    )


def delete_reflections(user_id: int) -> int:
    """Every reflection of the user, drafts included, through the feature's own delete."""
    found = db.session.scalars(select(Reflection).where(Reflection.user_id == user_id)).all()
    for reflection in found:
        reflections.delete_reflection(reflection, actor_id=user_id)
    return len(found)
