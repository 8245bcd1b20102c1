"""Demo data for good examples: a delivered collection with ten published
cases and its report, and a running collection with examples at every step.
Deterministic and idempotent: a collection that exists is left as it is."""

from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.content import load_question_sets
from toolbox.demo.example_cases import CASES, DemoCase
from toolbox.examples.models import (
    CaseLesson,
    CasePrinciple,
    Collection,
    Example,
    ExampleAnswer,
    ExampleCase,
    FollowUp,
    ReportCase,
    ReportLesson,
)
from toolbox.examples.service import issue_link
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

DELIVERED = "Goda exempel inom tillitsbaserad styrning – första insamlingen"
RUNNING = "Goda exempel inom tillitsbaserad styrning – andra insamlingen"
LARGE = "Goda exempel – breddinsamling (stor demodatamängd)"
LARGE_CASES = 190
PURPOSE = (
    "De valda exemplen ska visa hur man arbetar och kan arbeta med det som har betydelse "
    "för tillitsbaserad styrning: ledarskap, styrning och kultur. Syftet är inte att bedöma "
    "om regionen som helhet lyckas, utan att samla lärdomar som andra chefer kan använda."
)
REPORT_INTRO = (
    "Tio enheter berättade först fritt om varför de är goda exempel och svarade sedan på "
    "frågor om ledarskap, styrning och kultur. HR ställde följdfrågor och bearbetade "
    "materialet till tio avidentifierade case."
)
REPORT_LESSONS = {
    "ledarskap": "Cheferna i exemplen skapar utrymme och tid, men lämnar mycket av "
    "genomförandet till gruppen. Flera började med egen självinsikt, ofta från återkoppling.",
    "styrning": "Få mål som gruppen förstår, tydliga mandat på en sida och uppföljning som "
    "leder till lärande återkommer. Flera har tagit bort mått som ingen använde.",
    "kultur": "Korta, återkommande samtal om syfte, misstag och förväntningar bygger tillit "
    "mer än enstaka stora insatser.",
}


def seed_examples(content_dir: Path, size: str) -> str:
    """Load the demo collections; a second run changes nothing."""
    sets = load_question_sets(content_dir / "questions")
    version = max(v for name, v in sets if name == "goda-exempel")
    hr = db.session.scalar(select(User).where(User.email == "hr@example.se"))
    on = clock.today()
    units = {unit.code: unit for unit in db.session.scalars(select(OrgUnit))}
    if not _exists(DELIVERED):
        _seed_delivered(on, hr, version, units)
    if not _exists(RUNNING):
        _seed_running(on, hr, version, units)
    if size == "large" and not _exists(LARGE):
        _seed_large(on, hr, version)
    db.session.flush()
    collections = db.session.scalar(select(func.count()).select_from(Collection))
    examples = db.session.scalar(select(func.count()).select_from(Example))
    published = db.session.scalar(
        select(func.count()).select_from(ExampleCase).where(ExampleCase.published_at.is_not(None))
    )
    return (
        f"{collections} insamlingar av goda exempel, {examples} exempel, "
        f"{published} publicerade case"
    )


def _exists(title: str) -> bool:
    return db.session.scalar(select(Collection.id).where(Collection.title == title)) is not None


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def _collection(title: str, start: date, hr: User | None) -> Collection:
    collection = Collection(
        title=title,
        purpose=PURPOSE,
        step1_due=start,
        step2_due=start + timedelta(days=14),
        step3_due=start + timedelta(days=28),
        delivery_date=start + timedelta(days=40),
        created_by_id=hr.id if hr else None,
        created_at=_at(start - timedelta(days=20)),
    )
    db.session.add(collection)
    return collection


def _example(collection: Collection, unit: OrgUnit, proposed: bool = False) -> Example:
    manager = unit.manager
    example = Example(
        collection=collection,
        unit=unit,
        unit_name=unit.name,
        contact_name=manager.name if manager else f"Chef för {unit.name}",
        contact_email=manager.email if manager else f"{unit.code.lower()}@example.se",
        contact_user_id=manager.id if manager else None,
        created_at=collection.created_at,
        proposed_by_contact=proposed,
    )
    db.session.add(example)
    if not proposed:
        issue_link(example)  # mailed long ago; nobody knows the link any more
        example.link_sent_at = collection.created_at
    return example


def _material(example: Example, demo: DemoCase, day: date, version: int) -> None:
    example.story, example.story_at = demo.story, _at(day)
    example.inventory_at, example.question_set_version = _at(day + timedelta(days=9)), version
    example.answers = [ExampleAnswer(question_key=k, text=t) for k, t in demo.answers.items()]
    if demo.followup:
        question, answer = demo.followup
        sent = _at(day + timedelta(days=16))
        example.followups = [
            FollowUp(question=question, answer=answer, sent_at=sent, answered_at=sent)
        ]


def _case(example: Example, demo: DemoCase, hr: User | None, published: datetime | None):
    case = ExampleCase(
        example=example,
        title=demo.title,
        setting=demo.setting,
        summary=demo.summary,
        anonymised=published is not None,
        published_at=published,
        published_by_id=hr.id if hr and published else None,
        updated_by_id=hr.id if hr else None,
        lessons=[CaseLesson(area=a, text=t) for a, t in demo.lessons.items()],
        principle_rows=[CasePrinciple(principle=p) for p in demo.principles],
    )
    db.session.add(case)
    return case


def _seed_delivered(on: date, hr: User | None, version: int, units) -> None:
    collection = _collection(DELIVERED, on - timedelta(days=200), hr)
    collection.report_intro = REPORT_INTRO
    collection.delivered_at = _at(collection.delivery_date, 15)
    collection.report_lessons = [ReportLesson(area=a, text=t) for a, t in REPORT_LESSONS.items()]
    db.session.flush()
    for demo in CASES:
        example = _example(collection, units[demo.unit])
        _material(example, demo, collection.step1_due - timedelta(days=3), version)
        case = _case(example, demo, hr, _at(collection.delivery_date - timedelta(days=3)))
        db.session.flush()
        collection.report_case_rows.append(ReportCase(case_id=case.id))


# The running collection: (unit, how far it has come, story) – one or more at each step.
RUNNING_EXAMPLES = (
    ("MED-AVD14", "proposed", ""),
    ("AKUT-SYD", "invited", ""),
    (
        "KVI-FOD",
        "story",
        "Barnmorskorna på förlossningen fördelar själva arbetet mellan salarna under passet. "
        "Vi har slutat med att en samordnare bestämmer allt, och det har blivit lugnare.",
    ),
    (
        "ANIVA-OPS",
        "story",
        "Operationsteamen planerar dagen tillsammans kvart över sju, med kirurg, anestesi och "
        "sköterskor. Alla får säga om något inte känns säkert, och det händer varje vecka.",
    ),
    (
        "PSY-AKUT",
        "followup",
        "Vi har infört en kort reflektion efter varje pass där vi fått använda tvång. "
        "Syftet är att lära, och patienterna tillfrågas också om hur de upplevde det.",
    ),
    (
        "KIR-AVD20",
        "draft",
        "Undersköterskorna äger utskrivningsplaneringen tillsammans med patienten. Läkaren "
        "bekräftar, men planen görs av dem som känner patienten bäst.",
    ),
    (
        "BARN-AVD",
        "done",
        "Vi har en föräldrapanel som träffar oss varje kvartal. Det de säger har ändrat "
        "besökstider, måltider och hur vi informerar inför operation.",
    ),
)
RUNNING_ANSWERS = {
    "ledarskap-aterkoppling": "Kort återkoppling i slutet av varje vecka, från kollegor och chef.",
    "styrning-larande": "Vi delar det vi lärt oss på APT och bjuder in grannenheten ibland.",
    "kultur-ansvar-delegering": "Medarbetarna får bestämma om arbetsfördelningen under passet.",
}
RUNNING_FOLLOWUP = (
    "Ni skriver att patienterna tillfrågas. Hur går det till, och vad har ni ändrat?",
    "Hur fick ni läkarna med på att undersköterskorna äger planeringen?",
)

# HR's unpublished draft in the running collection: not yet de-identified.
DRAFT = DemoCase(
    unit="KIR-AVD20",
    title="Utskrivningen planeras av dem som känner patienten bäst",
    setting="En kirurgisk vårdavdelning",
    story="",
    answers={},
    summary=(
        "Undersköterskorna på avdelningen äger utskrivningsplaneringen tillsammans med "
        "patienten. Läkaren bekräftar planen. (Utkast: namn på två medarbetare står kvar "
        "i materialet och ska tas bort.)"
    ),
    lessons={"styrning": "Mandatet prövades först i liten skala, med vårdtiderna som mått."},
    principles=("handlingsutrymme", "medborgarfokus"),
)


def _seed_running(on: date, hr: User | None, version: int, units) -> None:
    collection = _collection(RUNNING, on - timedelta(days=5), hr)
    db.session.flush()
    start = collection.step1_due - timedelta(days=10)
    for code, reached, story in RUNNING_EXAMPLES:
        example = _example(collection, units[code], proposed=reached == "proposed")
        if reached in ("proposed", "invited"):
            continue
        example.story, example.story_at = story, _at(start + timedelta(days=4))
        if reached == "story":
            continue
        example.inventory_at, example.question_set_version = _at(on - timedelta(days=2)), version
        example.answers = [
            ExampleAnswer(question_key=k, text=t) for k, t in RUNNING_ANSWERS.items()
        ]
        sent = _at(on - timedelta(days=1))
        if reached == "followup":
            example.followups = [FollowUp(question=RUNNING_FOLLOWUP[0], sent_at=sent)]
        elif reached == "done":
            example.followups = [
                FollowUp(
                    question=RUNNING_FOLLOWUP[1],
                    answer="Vi började med en avdelning och visade att vårdtiderna inte ökade.",
                    sent_at=sent,
                    answered_at=sent,
                )
            ]
        elif reached == "draft":
            _case(example, DRAFT, hr, published=None)


def _seed_large(on: date, hr: User | None, version: int) -> None:
    """About 200 published cases in all, for the benchmark data set."""
    units = db.session.scalars(
        select(OrgUnit).where(OrgUnit.code.like("GEN-%")).order_by(OrgUnit.code)
    ).all()
    collection = _collection(LARGE, on - timedelta(days=400), hr)
    collection.delivered_at = _at(collection.delivery_date, 15)
    db.session.flush()
    for number, unit in enumerate(units[:LARGE_CASES], start=1):
        demo = CASES[number % len(CASES)]
        example = _example(collection, unit)
        _material(example, demo, collection.step1_due - timedelta(days=3), version)
        variant = DemoCase(**{**vars(demo), "title": f"{demo.title} (exempel {number})"})
        _case(example, variant, hr, _at(collection.delivery_date - timedelta(days=2)))
