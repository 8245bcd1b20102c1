"""content/admin_tasks.yaml: the categories (after SKR's study of managers'
administrative time), the receiving functions and the starter register.
Validated on load; an error names the file and the key."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from flask import Flask, current_app

from toolbox.content import KEY, ContentError, read_yaml, text_in
from toolbox.tasks.models import ACTION_LABELS, FREQUENCY_LABELS, STATUSES
from toolbox.web.language import current_locale

FILENAME = "admin_tasks.yaml"
CATEGORY_KEYS = (
    "hr_personal",
    "ekonomi",
    "process_kvalitet",
    "strategisk_styrning",
    "it_system",
    "kommunikation",
    "lokaler_service",
    "ovrigt",
)
DECIDED = ("beslutad", "genomfors", "genomford")
MAX_HOURS = Decimal(200)
MAX_MANAGERS = 5000


@dataclass(frozen=True)
class Label:
    """A category or receiving function; `label` is the Swedish the register
    stores in its history, `english` the name an English page shows."""

    key: str
    label: str
    description: str
    english: str

    def name_in(self, language: str) -> str:
        return self.label if language == "sv" else self.english


@dataclass(frozen=True)
class StarterNote:
    """An endorsement (hours set) or a comment (text set) by a demo user."""

    user: str
    hours: Decimal | None = None
    text: str = ""


@dataclass(frozen=True)
class StarterTask:
    key: str
    title: str
    description: str
    category: str
    frequency: str
    hours: Decimal
    managers: int
    status: str
    proposer: str
    days_ago: int
    action: str | None = None
    function: str | None = None
    scope: str | None = None
    assessment: str = ""
    decision: str = ""
    decided_by: str | None = None
    owner: str | None = None
    rejection_reason: str = ""
    realised_hours: Decimal | None = None
    follow_up: str = ""
    endorsements: tuple[StarterNote, ...] = ()
    comments: tuple[StarterNote, ...] = ()


@dataclass(frozen=True)
class Register:
    categories: tuple[Label, ...]
    functions: tuple[Label, ...]
    tasks: tuple[StarterTask, ...]

    @property
    def category_labels(self) -> dict[str, str]:
        """The categories' names in the request's language."""
        language = current_locale().language
        return {c.key: c.name_in(language) for c in self.categories}

    @property
    def function_labels(self) -> dict[str, str]:
        """The receiving functions' names in the request's language."""
        language = current_locale().language
        return {f.key: f.name_in(language) for f in self.functions}

    @property
    def swedish_function_labels(self) -> dict[str, str]:
        """The receiving functions' names as the task history stores them."""
        return {f.key: f.label for f in self.functions}


def _text(where: str, row: dict, field: str, required: bool = True) -> str:
    value = row.get(field, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ContentError(f"{where}: fältet '{field}' saknas eller är tomt")
    return value.strip()


def parse_hours(where: str, value: object) -> Decimal:
    try:
        hours = Decimal(str(value).replace(",", "."))
    except InvalidOperation as error:
        raise ContentError(f"{where}: '{value}' är inget antal timmar") from error
    if not Decimal(0) <= hours <= MAX_HOURS or hours != hours.quantize(Decimal("0.1")):
        raise ContentError(f"{where}: timmar ska vara 0–200 med högst en decimal")
    return hours


def _labels(path: Path, data: dict, section: str) -> tuple[Label, ...]:
    rows = data.get(section)
    if not isinstance(rows, list) or not rows:
        raise ContentError(f"{path}: '{section}' ska vara en lista")
    labels = []
    for index, row in enumerate(rows):
        where = f"{path}: {section}[{index}]"
        if not isinstance(row, dict):
            raise ContentError(f"{where} ska vara en mappning")
        key = _text(where, row, "key")
        if not KEY.match(key):
            raise ContentError(f"{where}: nyckeln '{key}' får bara ha a–z, 0–9, - och _")
        labels.append(
            Label(
                key,
                _text(where, row, "label"),
                _text(where, row, "description"),
                text_in("en", where, row, "label"),
            )
        )
    keys = [label.key for label in labels]
    if len(keys) != len(set(keys)):
        raise ContentError(f"{path}: '{section}' har samma nyckel två gånger")
    return tuple(labels)


def _choice(where: str, row: dict, field: str, allowed, required: bool = True) -> str | None:
    value = row.get(field)
    if value is None and not required:
        return None
    if value not in allowed:
        raise ContentError(f"{where}: '{field}' ska vara en av {list(allowed)}")
    return value


def _notes(where: str, row: dict, field: str) -> tuple[StarterNote, ...]:
    rows = row.get(field, [])
    if not isinstance(rows, list):
        raise ContentError(f"{where}: '{field}' ska vara en lista")
    notes = []
    for index, item in enumerate(rows):
        at = f"{where}.{field}[{index}]"
        if not isinstance(item, dict):
            raise ContentError(f"{at} ska vara en mappning")
        if field == "endorsements":
            notes.append(StarterNote(_text(at, item, "user"), parse_hours(at, item.get("hours"))))
        else:
            notes.append(StarterNote(_text(at, item, "user"), text=_text(at, item, "text")))
    return tuple(notes)


def _check_workflow(where: str, task: StarterTask) -> None:
    """A starter task carries what its status needs, as if it went through the workflow."""
    if task.status not in {"inkommen", "avslagen"} and not task.assessment:
        raise ContentError(f"{where}: status {task.status} behöver 'assessment'")
    if task.status in DECIDED and not (task.decision and task.decided_by and task.owner):
        raise ContentError(f"{where}: status {task.status} behöver decision, decided_by, owner")
    if task.status in DECIDED and task.action is None:
        raise ContentError(f"{where}: status {task.status} behöver 'action'")
    if task.action == "avlasta" and task.status in DECIDED and not task.function:
        raise ContentError(f"{where}: avlasta behöver 'function'")
    if task.status == "avslagen" and not task.rejection_reason:
        raise ContentError(f"{where}: status avslagen behöver 'rejection_reason'")
    if (task.status == "genomford") != (task.realised_hours is not None):
        raise ContentError(f"{where}: 'realised_hours' hör till status genomford och bara den")


def _task(where: str, row: object, categories, functions) -> StarterTask:
    if not isinstance(row, dict):
        raise ContentError(f"{where} ska vara en mappning")
    key = _text(where, row, "key")
    if not KEY.match(key):
        raise ContentError(f"{where}: nyckeln '{key}' får bara ha a–z, 0–9, - och _")
    where = f"{where} ({key})"
    managers, days_ago = row.get("managers", 1), row.get("days_ago", 0)
    if not isinstance(managers, int) or not 1 <= managers <= MAX_MANAGERS:
        raise ContentError(f"{where}: 'managers' ska vara ett heltal 1–5000")
    if not isinstance(days_ago, int) or days_ago < 0:
        raise ContentError(f"{where}: 'days_ago' ska vara ett heltal ≥ 0")
    realised = row.get("realised_hours")
    task = StarterTask(
        key=key,
        title=_text(where, row, "title"),
        description=_text(where, row, "description"),
        category=_choice(where, row, "category", categories),
        frequency=_choice(where, row, "frequency", FREQUENCY_LABELS),
        hours=parse_hours(where, row.get("hours")),
        managers=managers,
        status=_choice(where, row, "status", STATUSES),
        proposer=_text(where, row, "proposer"),
        days_ago=days_ago,
        action=_choice(where, row, "action", ACTION_LABELS, required=False),
        function=_choice(where, row, "function", functions, required=False),
        scope=_text(where, row, "scope", required=False) or None,
        assessment=_text(where, row, "assessment", required=False),
        decision=_text(where, row, "decision", required=False),
        decided_by=_text(where, row, "decided_by", required=False) or None,
        owner=_text(where, row, "owner", required=False) or None,
        rejection_reason=_text(where, row, "rejection_reason", required=False),
        realised_hours=None if realised is None else parse_hours(where, realised),
        follow_up=_text(where, row, "follow_up", required=False),
        endorsements=_notes(where, row, "endorsements"),
        comments=_notes(where, row, "comments"),
    )
    _check_workflow(where, task)
    return task


def load_register(path: Path) -> Register:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: ska vara en mappning med categories, functions och tasks")
    categories = _labels(path, data, "categories")
    if tuple(c.key for c in categories) != CATEGORY_KEYS:
        raise ContentError(f"{path}: 'categories' ska ha nycklarna {list(CATEGORY_KEYS)}")
    functions = _labels(path, data, "functions")
    rows = data.get("tasks", [])
    if not isinstance(rows, list):
        raise ContentError(f"{path}: 'tasks' ska vara en lista")
    category_keys, function_keys = CATEGORY_KEYS, tuple(f.key for f in functions)
    tasks = tuple(
        _task(f"{path}: tasks[{n}]", row, category_keys, function_keys)
        for n, row in enumerate(rows)
    )
    keys = [task.key for task in tasks]
    if len(keys) != len(set(keys)):
        raise ContentError(f"{path}: 'tasks' har samma nyckel två gånger")
    return Register(categories, functions, tasks)


def init_app(app: Flask) -> None:
    """Load at start-up, so that a broken file stops the app with its message."""
    app.extensions["toolbox.tasks"] = load_register(Path(app.config["CONTENT_DIR"]) / FILENAME)


def get_register() -> Register:
    return current_app.extensions["toolbox.tasks"]
