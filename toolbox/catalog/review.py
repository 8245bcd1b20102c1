"""The review (genomlysning): utkast → granskas → godkänd → avvecklad.

The allowed steps are this one table; the views show exactly these buttons
and the service refuses anything else."""

from dataclasses import dataclass
from datetime import date

from toolbox import clock
from toolbox.audit.service import record
from toolbox.auth.models import User
from toolbox.catalog.models import PRIORITIES, STATES, CatalogItem, ReviewDecision
from toolbox.catalog.service import priority_rank
from toolbox.clock import utcnow
from toolbox.web.language import lazy_gettext as _l


@dataclass(frozen=True)
class Step:
    label: str
    sources: frozenset[str]
    target: str
    needs_note: bool = False
    approves: bool = False


STEPS = {
    "skicka": Step(_l("Skicka till granskning"), frozenset({"utkast"}), "granskas"),
    "godkann": Step(
        _l("Godkänn"), frozenset({"granskas"}), "godkand", needs_note=True, approves=True
    ),
    "tillbaka": Step(
        _l("Skicka tillbaka till utkast"), frozenset({"granskas"}), "utkast", needs_note=True
    ),
    "omgranska": Step(_l("Granska på nytt"), frozenset({"godkand"}), "granskas"),
    "avveckla": Step(
        _l("Avveckla"), frozenset({"utkast", "granskas", "godkand"}), "avvecklad", needs_note=True
    ),
    "ateruppta": Step(_l("Återuppta som utkast"), frozenset({"avvecklad"}), "utkast"),
}


class ReviewRefused(ValueError):
    """The step is not allowed now or lacks what it needs; message for the user."""


@dataclass
class Approval:
    priority: str
    next_review_on: date
    # The approver must not be the person who sent the item to review.
    separate_approver: bool = True


def steps_from(state: str) -> dict[str, Step]:
    return {key: step for key, step in STEPS.items() if state in step.sources}


def take_step(
    item: CatalogItem,
    key: str,
    note: str,
    actor: User,
    approval: Approval | None = None,
    today: date | None = None,
) -> None:
    """Move the item one step, keeping the decision as history."""
    step = STEPS.get(key)
    if step is None or item.state not in step.sources:
        raise ReviewRefused(
            _l(
                "Det steget går inte att ta för ett objekt som är %(state)s.",
                state=STATES[item.state].lower(),
            )
        )
    note = note.strip()
    if step.needs_note and not note:
        raise ReviewRefused(_l("Skriv en motivering."))
    today = today or clock.today()
    if step.approves:
        _approve(item, approval, actor, today)
    decision = ReviewDecision(
        from_state=item.state,
        to_state=step.target,
        actor_id=actor.id,
        actor_name=actor.name,
        priority=approval.priority if approval else None,
        note=note,
    )
    item.decisions.append(decision)
    if step.approves:
        item.rationale = note
    item.state = step.target
    record(
        "catalog_review",
        actor_id=actor.id,
        target=item.title,
        detail=f"{decision.from_state} → {step.target}",
    )


def sent_to_review_by(item: CatalogItem) -> int | None:
    """Who took the step that put the item in review last (the history is
    newest first)."""
    return next((d.actor_id for d in item.decisions if d.to_state == "granskas"), None)


def _approve(item: CatalogItem, approval: Approval | None, actor: User, today: date) -> None:
    if approval is None or approval.priority not in PRIORITIES:
        raise ReviewRefused(_l("Välj en prioritet."))
    if approval.separate_approver and sent_to_review_by(item) == actor.id:
        raise ReviewRefused(
            _l("Du skickade objektet till granskning. Någon annan på HR ska godkänna det.")
        )
    if approval.next_review_on <= today:
        raise ReviewRefused(_l("Nästa granskning ska ligga efter dagens datum."))
    item.priority = approval.priority
    item.priority_rank = priority_rank(approval.priority)
    item.reviewer_id, item.reviewer_name = actor.id, actor.name
    item.reviewed_on = today
    item.next_review_on = approval.next_review_on
    item.approved_at = utcnow()
