"""Recording and reading the audit log."""

from flask import has_request_context, request
from sqlalchemy import Select, select

from toolbox.audit.models import AuditEvent
from toolbox.extensions import db
from toolbox.web.language import in_language
from toolbox.web.language import lazy_gettext as _l

ACTION_LABELS = {
    "login": _l("Inloggning"),
    "login_failed": _l("Misslyckad inloggning"),
    "login_throttled": _l("Inloggning spärrad"),
    "login_sso": _l("Inloggning med regionens inloggning"),
    "login_sso_failed": _l("Regionens inloggning underkänd (kontroll misslyckades)"),
    "login_sso_refused": _l("Regionens inloggning nekad"),
    "login_password_off": _l("Lösenordsinloggning nekad (avstängd)"),
    "roles_from_claims": _l("Roller ändrade från inloggningens uppgifter"),
    "logout": _l("Utloggning"),
    "password_changed": _l("Lösenord bytt"),
    "password_reset_requested": _l("Nytt lösenord begärt"),
    "password_set": _l("Lösenord satt via länk"),
    "user_created": _l("Användare skapad"),
    "user_updated": _l("Användare ändrad"),
    "user_invited": _l("Inbjudan skickad"),
    "user_deactivated": _l("Användare inaktiverad"),
    "user_activated": _l("Användare aktiverad"),
    "roles_changed": _l("Roller ändrade"),
    "unit_created": _l("Enhet skapad"),
    "unit_updated": _l("Enhet ändrad"),
    "org_imported": _l("Import av organisation"),
    "goal_saved": _l("Mål sparat"),
    "goal_deleted": _l("Mål borttaget"),
    "action_saved": _l("Åtgärd sparad"),
    "catalog_item_created": _l("Katalogobjekt skapat"),
    "catalog_item_updated": _l("Katalogobjekt ändrat"),
    "catalog_review": _l("Granskningsbeslut i katalogen"),
    "task_decided": _l("Administrativ uppgift beslutad"),
    "task_rejected": _l("Administrativ uppgift avslagen"),
    "task_reopened": _l("Administrativ uppgift öppnad igen"),
    "tasks_exported": _l("Administrativa uppgifter exporterade"),
    "example_case_published": _l("Gott exempel publicerat"),
    "example_removed": _l("Inbjudet gott exempel borttaget"),
    "example_case_unpublished": _l("Gott exempel avpublicerat"),
    "example_collection_delivered": _l("Goda exempel levererade"),
    "example_collection_reopened": _l("Leverans av goda exempel ångrad"),
    "feedback_round_opened": _l("Återkopplingsomgång startad"),
    "feedback_invited": _l("Inbjudan till återkoppling skickad"),
    "feedback_codes_created": _l("Koder till återkoppling skapade"),
    "feedback_reminded": _l("Påminnelse om återkoppling skickad"),
    "feedback_round_closed": _l("Återkopplingsomgång avslutad"),
    "feedback_round_moved": _l("Sista svarsdag ändrad för en återkopplingsomgång"),
    "feedback_round_cancelled": _l("Öppen återkopplingsomgång borttagen"),
    "reflection_exported": _l("Egna självskattningar exporterade"),
    "reflection_deleted": _l("Självskattning borttagen"),
    "account_exported": _l("Egna uppgifter exporterade"),
    "account_reflections_deleted": _l("Alla egna självskattningar borttagna"),
    "retention_applied": _l("Gallring enligt bevarandetider"),
}


def swedish(label) -> str:
    """A label as the audit log and a history keep it: in Swedish, whatever
    the language of the person who acted (what is stored is data)."""
    with in_language("sv"):
        return str(label)


def record(
    action: str, *, actor_id: int | None = None, target: str = "", detail: str = ""
) -> AuditEvent:
    """Add an event to the session; it commits with the change it describes."""
    address = (request.remote_addr or "") if has_request_context() else "cli"
    event = AuditEvent(
        action=action, actor_id=actor_id, target=target[:200], detail=detail, address=address[:64]
    )
    db.session.add(event)
    return event


def events_query(action: str | None = None) -> Select:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    return query
