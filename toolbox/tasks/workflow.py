"""The workflow of a task as ONE table: status × step → new status, and who
may take the step. The table both enforces the rules (check_step) and decides
which buttons a user sees (steps_for)."""

from dataclasses import dataclass

from toolbox.auth.models import User
from toolbox.tasks.models import STATUS_LABELS, Task

# Who may take a step: a role code, or a relation to the task.
OWNER = "owner"  # the person leadership made responsible for carrying it out
PROPOSER = "proposer"  # the manager who proposed the task
ACTOR_LABELS = {
    "chef": "en chef",
    "hr": "HR",
    "ledning": "ledningen",
    "admin": "en administratör",
    OWNER: "uppgiftens ägare",
    PROPOSER: "den som lämnade förslaget",
}


@dataclass(frozen=True)
class Transition:
    step: str
    source: str
    target: str
    actors: frozenset[str]
    label: str


def _t(step: str, source: str, target: str, actors: set[str], label: str) -> Transition:
    return Transition(step, source, target, frozenset(actors), label)


TRANSITIONS: tuple[Transition, ...] = (
    _t("bedom", "inkommen", "under_genomlysning", {"hr"}, "Bedöm"),
    _t("bedom", "under_genomlysning", "under_genomlysning", {"hr"}, "Ändra bedömningen"),
    _t("aterkalla", "inkommen", "avslagen", {PROPOSER}, "Dra tillbaka förslaget"),
    _t("aterremittera", "under_genomlysning", "inkommen", {"ledning"}, "Skicka tillbaka till HR"),
    _t("besluta", "under_genomlysning", "beslutad", {"ledning"}, "Besluta"),
    _t("avsla", "inkommen", "avslagen", {"ledning"}, "Avslå"),
    _t("avsla", "under_genomlysning", "avslagen", {"ledning"}, "Avslå"),
    _t("starta", "beslutad", "genomfors", {OWNER, "ledning"}, "Påbörja genomförandet"),
    _t("rapportera", "genomfors", "genomford", {OWNER}, "Rapportera realiserad tid"),
    _t("rapportera", "genomford", "genomford", {OWNER}, "Ändra realiserad tid"),
    _t("ateroppna", "avslagen", "inkommen", {"ledning"}, "Öppna igen"),
)
TABLE: dict[tuple[str, str], Transition] = {(t.source, t.step): t for t in TRANSITIONS}
STEPS: tuple[str, ...] = tuple(dict.fromkeys(t.step for t in TRANSITIONS))
# What the history says about a step, in the past tense.
STEP_DONE = {
    "bedom": "Bedömd av HR",
    "aterkalla": "Förslaget drogs tillbaka",
    "aterremittera": "Skickad tillbaka till HR",
    "besluta": "Beslutad",
    "avsla": "Avslagen",
    "starta": "Genomförandet påbörjat",
    "rapportera": "Realiserad tid rapporterad",
    "ateroppna": "Öppnad igen",
}


class StepRefused(Exception):
    """The step is not allowed; the message says why, in Swedish."""

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
    names = sorted(ACTOR_LABELS[a] for a in actors)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]


def check_step(task: Task, step: str, user: User) -> Transition:
    """The transition the user may make, or StepRefused with the reason."""
    candidates = [t for t in TRANSITIONS if t.step == step]
    if not candidates:
        raise StepRefused("Steget finns inte.", "status")
    label = candidates[0].label
    mine = relations(task, user)
    if not any(t.actors & mine for t in candidates):
        who = _who(frozenset().union(*(t.actors for t in candidates)))
        raise StepRefused(f"”{label}” får bara göras av {who}. Ingenting har ändrats.", "role")
    transition = TABLE.get((task.status, step))
    if transition is None:
        allowed = " eller ".join(STATUS_LABELS[t.source] for t in candidates)
        raise StepRefused(
            f"”{label}” går inte när uppgiften har status {STATUS_LABELS[task.status]}, "
            f"bara när den är {allowed}. Ingenting har ändrats.",
            "status",
        )
    if not transition.actors & mine:
        raise StepRefused(
            f"”{transition.label}” får bara göras av {_who(transition.actors)}. "
            "Ingenting har ändrats.",
            "role",
        )
    return transition


def steps_for(task: Task, user: User) -> list[Transition]:
    """The steps this user may take now: the buttons on the task's page."""
    mine = relations(task, user)
    return [t for t in TRANSITIONS if t.source == task.status and t.actors & mine]
