"""Recording and reading the audit log."""

from flask import has_request_context, request
from sqlalchemy import Select, select

from toolbox.audit.models import AuditEvent
from toolbox.extensions import db

ACTION_LABELS = {
    "login": "Inloggning",
    "login_failed": "Misslyckad inloggning",
    "login_throttled": "Inloggning spärrad",
    "login_sso": "Inloggning med regionens inloggning",
    "login_sso_failed": "Regionens inloggning underkänd (kontroll misslyckades)",
    "login_sso_refused": "Regionens inloggning nekad",
    "login_password_off": "Lösenordsinloggning nekad (avstängd)",
    "roles_from_claims": "Roller ändrade från inloggningens uppgifter",
    "logout": "Utloggning",
    "password_changed": "Lösenord bytt",
    "password_reset_requested": "Nytt lösenord begärt",
    "password_set": "Lösenord satt via länk",
    "user_created": "Användare skapad",
    "user_updated": "Användare ändrad",
    "user_invited": "Inbjudan skickad",
    "user_deactivated": "Användare inaktiverad",
    "user_activated": "Användare aktiverad",
    "roles_changed": "Roller ändrade",
    "unit_created": "Enhet skapad",
    "unit_updated": "Enhet ändrad",
    "org_imported": "Import av organisation",
    "goal_saved": "Mål sparat",
    "goal_deleted": "Mål borttaget",
    "action_saved": "Åtgärd sparad",
    "catalog_item_created": "Katalogobjekt skapat",
    "catalog_item_updated": "Katalogobjekt ändrat",
    "catalog_review": "Granskningsbeslut i katalogen",
    "task_decided": "Administrativ uppgift beslutad",
    "task_rejected": "Administrativ uppgift avslagen",
    "task_reopened": "Administrativ uppgift öppnad igen",
    "tasks_exported": "Administrativa uppgifter exporterade",
    "example_case_published": "Gott exempel publicerat",
    "example_removed": "Inbjudet gott exempel borttaget",
    "example_case_unpublished": "Gott exempel avpublicerat",
    "example_collection_delivered": "Goda exempel levererade",
    "example_collection_reopened": "Leverans av goda exempel ångrad",
    "feedback_round_opened": "Återkopplingsomgång startad",
    "feedback_invited": "Inbjudan till återkoppling skickad",
    "feedback_codes_created": "Koder till återkoppling skapade",
    "feedback_reminded": "Påminnelse om återkoppling skickad",
    "feedback_round_closed": "Återkopplingsomgång avslutad",
    "feedback_round_moved": "Sista svarsdag ändrad för en återkopplingsomgång",
    "feedback_round_cancelled": "Öppen återkopplingsomgång borttagen",
    "reflection_exported": "Egna självskattningar exporterade",
    "reflection_deleted": "Självskattning borttagen",
    "account_exported": "Egna uppgifter exporterade",
    "account_reflections_deleted": "Alla egna självskattningar borttagna",
    "retention_applied": "Gallring enligt bevarandetider",
}


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
