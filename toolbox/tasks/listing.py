"""The register as a list: filters from GET parameters, search, sorting and CSV."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, or_, select

from toolbox import clock
from toolbox.db.cache import cached
from toolbox.extensions import db
from toolbox.tasks.figures import measured, measures
from toolbox.tasks.models import ACTION_LABELS, STATUS_LABELS, Task, TaskEndorsement
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.paging import FoundPage, found_page

SORTS = {"nyast": _l("Senast inkomna först"), "tid": _l("Mest beräknad tid först")}
SEARCH_MAX = 100
CSV_HEADER = (
    "ID",
    _l("Titel"),
    _l("Beskrivning"),
    _l("Kategori"),
    _l("Frekvens"),
    _l("Timmar per chef och månad"),
    _l("Berörda chefer"),
    _l("Beräknad tid totalt, timmar per månad"),
    _l("Föreslagen åtgärd"),
    _l("Mottagande funktion"),
    _l("Status"),
    _l("Förslag från"),
    _l("Ägare"),
    _l("Beslut eller skäl till avslag"),
    _l("Beslutad av"),
    _l("Beslutsdatum"),
    _l("Realiserad tid per chef och månad"),
    _l("Inkommen"),
)


@dataclass(frozen=True)
class TaskFilter:
    category: str = ""
    action: str = ""
    status: str = ""
    function: str = ""
    mine: bool = False
    search: str = ""
    sort: str = "nyast"

    def as_args(self) -> dict[str, str]:
        """The filter as GET parameters, for links that keep it (CSV, pages)."""
        args = {
            "kategori": self.category,
            "atgard": self.action,
            "status": self.status,
            "funktion": self.function,
            "mina": "1" if self.mine else "",
            "q": self.search,
            "sortering": "" if self.sort == "nyast" else self.sort,
        }
        return {key: value for key, value in args.items() if value}


def parse_filter(
    args: Mapping[str, str], categories: Iterable[str], functions: Iterable[str]
) -> TaskFilter:
    """Known values only: anything else in the address is ignored."""

    def pick(name: str, allowed: Iterable[str]) -> str:
        value = args.get(name, "")
        return value if value in allowed else ""

    return TaskFilter(
        category=pick("kategori", categories),
        action=pick("atgard", ACTION_LABELS),
        status=pick("status", STATUS_LABELS),
        function=pick("funktion", functions),
        mine=args.get("mina") == "1",
        search=" ".join(args.get("q", "").split())[:SEARCH_MAX],
        sort=pick("sortering", SORTS) or "nyast",
    )


def tasks_query(task_filter: TaskFilter, user_id: int) -> Select:
    """Tasks matching the filter, with estimated_hours and manager_count filled in."""
    m = measures()
    query = measured(select(Task), m)
    conditions = {
        Task.category: task_filter.category,
        Task.action: task_filter.action,
        Task.status: task_filter.status,
        Task.receiving_function: task_filter.function,
    }
    for column, value in conditions.items():
        if value:
            query = query.where(column == value)
    if task_filter.mine:
        endorsed = select(TaskEndorsement.task_id).where(TaskEndorsement.user_id == user_id)
        query = query.where(
            or_(Task.proposer_id == user_id, Task.owner_id == user_id, Task.id.in_(endorsed))
        )
    if task_filter.search:
        query = query.where(Task.search_text.contains(task_filter.search.lower(), autoescape=True))
    if task_filter.sort == "tid":
        return query.order_by(m.estimated.desc(), Task.id.desc())
    return query.order_by(Task.created_at.desc(), Task.id.desc())


def listing(task_filter: TaskFilter, user_id: int, per_page: int) -> FoundPage:
    """A page of the register. Which tasks and how many is kept until a
    table it was read from changes; the tasks themselves are read by id."""
    # Only "mine" depends on the user: other lists are shared by everyone.
    owner = user_id if task_filter.mine else None
    return found_page(
        lambda page: matches(task_filter, owner, page, per_page),
        lambda ids: db.session.scalars(
            measured(select(Task), measures()).where(Task.id.in_(ids))
        ).all(),
        per_page,
    )


@cached(depends_on=(Task, TaskEndorsement))
def matches(
    task_filter: TaskFilter, user_id: int | None, page: int, per_page: int
) -> tuple[list[int], int]:
    """The ids of the tasks on a page of the filtered register, and how many match."""
    query = tasks_query(task_filter, user_id or 0)
    ids = db.session.scalars(
        query.with_only_columns(Task.id).limit(per_page).offset((page - 1) * per_page)
    ).all()
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return ids, total


def local_date(moment: datetime | None) -> date | None:
    """A stored naive UTC timestamp as the Swedish date it fell on."""
    return None if moment is None else clock.local(moment).date()


def csv_row(task: Task, categories: Mapping[str, str], functions: Mapping[str, str]) -> list:
    """A task as the export's typed cells (the same for CSV and XLSX)."""
    return [
        task.id,
        task.title,
        task.description,
        categories.get(task.category, task.category),
        task.frequency_label,
        task.hours_per_month,
        task.manager_count,
        task.estimated_hours,
        ACTION_LABELS.get(task.action or "", ""),
        functions.get(task.receiving_function or "", ""),
        task.status_label,
        task.proposer.name if task.proposer else "",
        task.owner.name if task.owner else "",
        task.decision or task.rejection_reason,
        task.decided_by.name if task.decided_by else "",
        local_date(task.decided_at),
        task.realised_hours_per_month,
        local_date(task.created_at),
    ]
