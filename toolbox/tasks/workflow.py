"""The workflow of a task as ONE table: status × step → new status, and who
may take the step. The table both enforces the rules (check_step) and decides
which buttons a user sees (steps_for)."""

from dataclasses import dataclass

from toolbox.auth.models import User
from toolbox.tasks.models import STATUS_LABELS, Task
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

# Who may take a step: a role code, or a relation to the task.
OWNER = "owner"  # the person leadership made responsible for carrying it out
PROPOSER = "proposer"  # the manager who proposed the task
ACTOR_LABELS = {
    "chef": _l("en chef"),
    "hr": _l("HR"),
    "ledning": _l("ledningen"),
    "admin": _l("en administratör"),
    OWNER: _l("uppgiftens ägare"),
    PROPOSER: _l("den som lämnade förslaget"),
}


@dataclass(frozen=True)
class Transition:
    step: str
    source: str
    target: str
    actors: frozenset[str]
    label: str  # lazy: translated when shown


def _t(step: str, source: str, target: str, actors: set[str], label) -> Transition:
    return Transition(step, source, target, frozenset(actors), label)


TRANSITIONS: tuple[Transition, ...] = (
    _t("bedom", "inkommen", "under_genomlysning", {"hr"}, _l("Bedöm")),
    _t("bedom", "under_genomlysning", "under_genomlysning", {"hr"}, _l("Ändra bedömningen")),
    _t("aterkalla", "inkommen", "avslagen", {PROPOSER}, _l("Dra tillbaka förslaget")),
    _t(
        "aterremittera",
        "under_genomlysning",
        "inkommen",
        {"ledning"},
        _l("Skicka tillbaka till HR"),
    ),
    _t("besluta", "under_genomlysning", "beslutad", {"ledning"}, _l("Besluta")),
    _t("avsla", "inkommen", "avslagen", {"ledning"}, _l("Avslå")),
    _t("avsla", "under_genomlysning", "avslagen", {"ledning"}, _l("Avslå")),
    _t("starta", "beslutad", "genomfors", {OWNER, "ledning"}, _l("Påbörja genomförandet")),
    _t("rapportera", "genomfors", "genomford", {OWNER}, _l("Rapportera realiserad tid")),
    _t("rapportera", "genomford", "genomford", {OWNER}, _l("Ändra realiserad tid")),
    _t("ateroppna", "avslagen", "inkommen", {"ledning"}, _l("Öppna igen")),
)
TABLE: dict[tuple[str, str], Transition] = {(t.source, t.step): t for t in TRANSITIONS}
STEPS: tuple[str, ...] = tuple(dict.fromkeys(t.step for t in TRANSITIONS))
# What the history says about a step, in the past tense.
STEP_DONE = {
    "bedom": _l("Bedömd av HR"),
    "aterkalla": _l("Förslaget drogs tillbaka"),
    "aterremittera": _l("Skickad tillbaka till HR"),
    "besluta": _l("Beslutad"),
    "avsla": _l("Avslagen"),
    "starta": _l("Genomförandet påbörjat"),
    "rapportera": _l("Realiserad tid rapporterad"),
    "ateroppna": _l("Öppnad igen"),
}


class StepRefused(Exception):
    """The step is not allowed; the message says why, in the visitor's language."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason  # "role" or "status"


def relations(task: Task, user: User) -> set[str]:
    """The user's roles and relations to the task, as the table names them."""
    found = set(user.roles)
    if task.owner_id is not None and task.owner_id == user.id:
        found.add(OWNER)
    if task.proposer_id is not None and task.proposer_id == user.id:
        found.add(PROPOSER)
    return found


def _who(actors: frozenset[str]) -> str:
    names = sorted(str(ACTOR_LABELS[a]) for a in actors)
    return names[0] if len(names) == 1 else either(names)


def either(names: list[str]) -> str:
    """ "a, b eller c" in the visitor's language."""
    return _("%(first)s eller %(last)s", first=", ".join(names[:-1]), last=names[-1])


def refused_for_role(label, who: str) -> str:
    return _("”%(step)s” får bara göras av %(who)s. Ingenting har ändrats.", step=label, who=who)


def check_step(task: Task, step: str, user: User) -> Transition:
    """The transition the user may make, or StepRefused with the reason."""
    candidates = [t for t in TRANSITIONS if t.step == step]
    if not candidates:
        raise StepRefused(_("Steget finns inte."), "status")
    label = candidates[0].label
    mine = relations(task, user)
    if not any(t.actors & mine for t in candidates):
        who = _who(frozenset().union(*(t.actors for t in candidates)))
        raise StepRefused(refused_for_role(label, who), "role")
    transition = TABLE.get((task.status, step))
    if transition is None:
        allowed = [str(STATUS_LABELS[t.source]) for t in candidates]
        raise StepRefused(
            _(
                "”%(step)s” går inte när uppgiften har status %(status)s, "
                "bara när den är %(allowed)s. Ingenting har ändrats.",
                step=label,
                status=STATUS_LABELS[task.status],
                allowed=allowed[0] if len(allowed) == 1 else either(allowed),
            ),
            "status",
        )
    if not transition.actors & mine:
        raise StepRefused(refused_for_role(transition.label, _who(transition.actors)), "role")
    return transition


def steps_for(task: Task, user: User) -> list[Transition]:
    """The steps this user may take now: the buttons on the task's page."""
    mine = relations(task, user)
    return [t for t in TRANSITIONS if t.source == task.status and t.actors & mine]
