"""Packaging the material (PRODUCT.md 3.7, step 5): cases, publishing, the
collection's report and its delivery, and the library of published cases."""

from dataclasses import dataclass, field

from flask_babel import LazyString
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from toolbox.audit.service import record
from toolbox.auth.models import User
from toolbox.clock import utcnow
from toolbox.db.edits import EditConflict, EditRefused
from toolbox.examples.models import (
    CaseLesson,
    CasePrinciple,
    Collection,
    Example,
    ExampleCase,
    ReportCase,
    ReportLesson,
)
from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

# The areas of the goda-exempel question set (seed 000), in reading order.
CASE_AREAS = ("ledarskap", "styrning", "kultur")
REPORT_SIZE_HINT = 10


@dataclass
class CaseData:
    title: str
    setting: str
    summary: str
    lessons: dict[str, str]
    principles: set[str]
    anonymised: bool


def _apply_case(case: ExampleCase, data: CaseData, actor: User) -> None:
    case.title, case.setting, case.summary = data.title, data.setting, data.summary
    case.anonymised = data.anonymised
    texts = {area: text.strip() for area, text in data.lessons.items() if text.strip()}
    case.lessons = [row for row in case.lessons if row.area in texts]
    for row in case.lessons:
        row.text = texts.pop(row.area)
    case.lessons += [CaseLesson(area=area, text=text) for area, text in texts.items()]
    have = {row.principle for row in case.principle_rows}
    case.principle_rows = [row for row in case.principle_rows if row.principle in data.principles]
    case.principle_rows += [CasePrinciple(principle=p) for p in sorted(data.principles - have)]
    # Always touch the row itself, so that its version moves with every save.
    case.updated_at, case.updated_by_id = utcnow(), actor.id


def save_case(example: Example, data: CaseData, version: int | None, actor: User) -> ExampleCase:
    """Create the example's case (version None) or apply an edit made on `version`."""
    case = example.case
    if case is None:
        if version is not None:
            raise EditConflict()  # the case was deleted while the form was open
        case = ExampleCase(example_id=example.id)
        _apply_case(case, data, actor)
        try:
            with db.session.begin_nested():
                db.session.add(case)
                db.session.flush()
        except IntegrityError:  # another HR user created it first
            raise EditConflict() from None
        return case
    if version != case.version:
        raise EditConflict()
    if case.published_at is not None and not data.anonymised:
        raise EditRefused(
            _l(
                "Ett publicerat exempel ska vara avidentifierat. Avpublicera det först "
                "om du behöver arbeta vidare med det."
            )
        )
    _apply_case(case, data, actor)
    return case


def publish_problems(case: ExampleCase) -> list[str]:
    """What stops the case from being published, in words for HR."""
    problems = []
    if not case.summary.strip():
        problems.append(_l("Skriv en sammanfattning."))
    if not case.lessons:
        problems.append(_l("Skriv lärdomar inom minst ett område."))
    if not case.anonymised:
        problems.append(_l("Bekräfta att uppgifter som kan identifiera personer är borttagna."))
    return problems


def publish(case: ExampleCase, actor: User) -> None:
    problems = publish_problems(case)
    if problems:
        raise EditRefused(LazyString(lambda: " ".join(str(problem) for problem in problems)))
    if case.published_at is None:
        case.published_at, case.published_by_id = utcnow(), actor.id
        record("example_case_published", actor_id=actor.id, target=case.title)


def unpublish(case: ExampleCase, actor: User) -> None:
    collection = case.example.collection
    chosen = any(row.case_id == case.id for row in collection.report_case_rows)
    if chosen and collection.delivered_at is not None:
        raise EditRefused(_l("Exemplet ingår i en levererad rapport och kan inte avpubliceras."))
    if case.published_at is None:
        return
    case.published_at = case.published_by_id = None
    collection.report_case_rows = [r for r in collection.report_case_rows if r.case_id != case.id]
    record("example_case_unpublished", actor_id=actor.id, target=case.title)


# -- the report ----------------------------------------------------------------


def published_cases(collection: Collection) -> list[ExampleCase]:
    return list(
        db.session.scalars(
            select(ExampleCase)
            .join(Example, Example.id == ExampleCase.example_id)
            .where(Example.collection_id == collection.id, ExampleCase.published_at.is_not(None))
            .order_by(func.lower(ExampleCase.title), ExampleCase.id)
        )
    )


def report_cases(collection: Collection) -> list[ExampleCase]:
    """The published cases chosen for the report, in title order."""
    return list(
        db.session.scalars(
            select(ExampleCase)
            .join(ReportCase, ReportCase.case_id == ExampleCase.id)
            .where(ReportCase.collection_id == collection.id, ExampleCase.published_at.is_not(None))
            .order_by(func.lower(ExampleCase.title), ExampleCase.id)
        )
    )


@dataclass
class ReportData:
    intro: str
    lessons: dict[str, str]
    case_ids: list[int] = field(default_factory=list)


def save_report(collection: Collection, data: ReportData, version: int) -> None:
    """Apply an edit of the report made on `version` of the collection."""
    if version != collection.version:
        raise EditConflict()
    if collection.delivered_at is not None:
        raise EditRefused(_l("Rapporten är levererad. Ångra leveransen för att ändra den."))
    allowed = {case.id for case in published_cases(collection)}
    if set(data.case_ids) - allowed:
        raise EditRefused(_l("Välj bland de publicerade exemplen i insamlingen."))
    collection.report_intro = data.intro
    texts = {area: text.strip() for area, text in data.lessons.items() if text.strip()}
    collection.report_lessons = [r for r in collection.report_lessons if r.area in texts]
    for row in collection.report_lessons:
        row.text = texts.pop(row.area)
    collection.report_lessons += [ReportLesson(area=a, text=t) for a, t in texts.items()]
    keep = [r for r in collection.report_case_rows if r.case_id in data.case_ids]
    have = {r.case_id for r in keep}
    collection.report_case_rows = keep + [
        ReportCase(case_id=case_id) for case_id in sorted(set(data.case_ids) - have)
    ]


def deliver(collection: Collection, actor: User) -> None:
    """Mark the report delivered; contact links stop working with it."""
    if collection.delivered_at is not None:
        return
    if not report_cases(collection) and not collection.report_lessons:
        raise EditRefused(
            _l("Välj exempel eller skriv en sammanfattning innan rapporten levereras.")
        )
    collection.delivered_at = utcnow()
    record("example_collection_delivered", actor_id=actor.id, target=collection.title)


def reopen(collection: Collection, actor: User) -> None:
    if collection.delivered_at is None:
        return
    collection.delivered_at = None
    record("example_collection_reopened", actor_id=actor.id, target=collection.title)


# -- the library -----------------------------------------------------------------


def _like(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def library_query(area: str | None, principle: str | None, search: str) -> Select:
    """Published cases, newest first, filtered by area, principle and words."""
    query = (
        select(ExampleCase)
        .where(ExampleCase.published_at.is_not(None))
        .order_by(ExampleCase.published_at.desc(), ExampleCase.id.desc())
    )
    if area:
        query = query.where(
            exists().where(CaseLesson.case_id == ExampleCase.id, CaseLesson.area == area)
        )
    if principle:
        query = query.where(
            exists().where(
                CasePrinciple.case_id == ExampleCase.id, CasePrinciple.principle == principle
            )
        )
    for word in search.split()[:8]:
        pattern = _like(word)
        query = query.where(
            or_(
                func.lower(ExampleCase.title).like(pattern, escape="\\"),
                func.lower(ExampleCase.setting).like(pattern, escape="\\"),
                func.lower(ExampleCase.summary).like(pattern, escape="\\"),
                exists().where(
                    CaseLesson.case_id == ExampleCase.id,
                    func.lower(CaseLesson.text).like(pattern, escape="\\"),
                ),
            )
        )
    return query


def visible_case(case: ExampleCase | None, user: User) -> bool:
    """Published cases for every role; drafts only for HR."""
    if case is None:
        return False
    return case.published_at is not None or user.has_role("hr")
