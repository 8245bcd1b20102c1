"""Demo leadership-team dialogues (issue 20): open ones (chef@example.se has
yet to answer one; ledning@example.se leads one and can close it), closed
ones with an agreement and a follow-up ahead (one led by
ledning@example.se), one followed up; and a first samsyn. Deterministic and
idempotent."""

import random
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.teams import followup, service
from toolbox.teams.content import FILENAME, DialogueContent, load_dialogue_content
from toolbox.teams.models import Dialogue

# leader, team, concept, members, days since closing (None: open), agreed
# behaviours, followed up
HEADS = (
    "anna.lindqvist@example.se",
    "mikael.bergstrom@example.se",
    "farida.haddad@example.se",
    "johan.nystrom@example.se",
    "karin.holmberg@example.se",
    "reza.karimi@example.se",
)
DIALOGUES = (
    (
        "farida.haddad@example.se",
        "Verksamhetsledningen Medicin",
        "tillit",
        (
            "chef@example.se",
            "daniel.lundgren@example.se",
            "leila.mohammadi@example.se",
            "kristina.dahl@example.se",
            "nikola.petrovic@example.se",
        ),
        None,
        (),
        False,
    ),
    (
        "anna.lindqvist@example.se",
        "Verksamhetsledningen Akutsjukvård",
        "handlingsutrymme",
        (
            "sara.ekstrom@example.se",
            "ahmed.hassan@example.se",
            "linnea.forsberg@example.se",
            "ledning@example.se",
            "helena.astrom@example.se",
        ),
        200,
        ("delegera-mandat", "beslut-nara"),
        True,
    ),
    (
        "reza.karimi@example.se",
        "Verksamhetsledningen Kirurgi",
        "oppenhet",
        (
            "fredrik.engstrom@example.se",
            "mehmet.yilmaz@example.se",
            "hanna.petersson@example.se",
            "eva.sandberg@example.se",
        ),
        120,
        ("saga-ifran", "delegera-mandat", "dela-kunskap"),
        False,
    ),
    (
        "ledning@example.se",
        "Förvaltningsledningen",
        "helhetssyn",
        HEADS,
        60,
        ("helhet-forst",),
        False,
    ),
    ("ledning@example.se", "Förvaltningsledningen", "tillit", HEADS, None, (), False),
)
MEANINGS = (
    "Att vi frågar hur något gick till innan vi bestämmer oss för vad som hände.",
    "Att mina enhetschefer kan fatta beslut utan att fråga mig först.",
    "Att vi berättar varför, inte bara vad.",
    "Att det är tryggt att säga att något inte fungerar.",
    "Att vi ser patientens hela väg och inte bara vår avdelning.",
)


def answers(content: DialogueContent, rng: random.Random) -> service.Answers:
    keys = content.behaviour_keys
    return service.Answers(
        meaning=rng.choice(MEANINGS),
        ratings={key: rng.choice((2, 3, 3, 4, 4, 5, None)) for key in keys},
        priorities=tuple(rng.sample(keys, content.priorities)),
    )


def seed_teams(content_dir: Path, _size: str) -> str:
    if db.session.scalar(select(func.count()).select_from(Dialogue)):
        return "ledningsgrupper: dialogerna fanns redan"
    content = load_dialogue_content(content_dir / FILENAME)
    users = {u.email: u for u in db.session.scalars(select(User))}
    rng = random.Random(20)  # noqa: S311 - deterministic demo data
    now, today = clock.utcnow(), clock.today()
    made = 0
    for leader, team, concept, emails, closed_days, agreed, followed in DIALOGUES:
        if leader not in users:
            continue
        members = [users[e] for e in emails if e in users]
        dialogue = service.open_dialogue(
            users[leader], team, concept, None, members, content.version
        )
        made += 1
        if closed_days is None:
            dialogue.meeting_on = today + timedelta(days=21)
            for member in members[1:3]:  # chef@example.se is left to answer
                service.submit(dialogue, member.id, answers(content, rng), today)
            continue
        dialogue.opened_at = now - timedelta(days=closed_days + 21)
        day = today - timedelta(days=closed_days + 7)
        for member in members:
            service.submit(dialogue, member.id, answers(content, rng), day)
        service.close(dialogue, now - timedelta(days=closed_days))
        service.record_agreement(
            dialogue,
            list(agreed),
            "Vi prövar i tre månader och följer upp på ledningsgruppens möte.",
            today - timedelta(days=30) if followed else today + timedelta(days=10),
            now - timedelta(days=closed_days - 7),
        )
        if followed:
            service.record_followup(
                dialogue,
                "Enhetscheferna beslutar nu själva om schemaläggning inom ramen.",
                now - timedelta(days=30),
            )
    leader = users.get("ledning@example.se")
    if leader is not None:
        followup.record_shared_view(
            "Förvaltningsledningen är överens om att börja med delegering med tydligt mandat "
            "och en kultur där det är tryggt att säga emot.",
            ["delegera-mandat", "saga-ifran"],
            leader.id,
        )
    return f"ledningsgrupper: {made} dialoger"
