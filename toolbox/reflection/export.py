"""Export of all a manager's own reflection data (PRODUCT.md section 5)."""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select

from toolbox.clock import utcnow
from toolbox.content import get_content
from toolbox.extensions import db
from toolbox.reflection import reminders, service
from toolbox.reflection.models import (
    QUESTION_SET,
    STATUS_LABELS,
    Reflection,
    ReflectionAnswer,
    ReflectionNote,
)
from toolbox.reflection.results import ANSWER_LABELS, DONT_KNOW_LABEL, answer_label
from toolbox.reflection.scoring import Score

FORMAT = "verktygsladan-sjalvskattning/1"


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"


def _score(score: Score) -> dict:
    return {
        "medelvarde": None if score.mean is None else round(score.mean, 2),
        "index": None if score.index is None else round(score.index, 1),
        "besvarade": score.answered,
        "vet_ej": score.dont_know,
    }


def _reflection(reflection: Reflection, answers: list, notes: list, scores: dict) -> dict:
    questions = get_content().question_set(QUESTION_SET, reflection.question_set_version)
    texts = {q.key: q.text for q in questions.questions}
    return {
        "id": reflection.id,
        "status": str(STATUS_LABELS[reflection.status]),
        "fragor": {"namn": QUESTION_SET, "version": reflection.question_set_version},
        "paborjad": _when(reflection.started_at),
        "senast_andrad": _when(reflection.updated_at),
        "inskickad": _when(reflection.submitted_at),
        "svar": [
            {
                "nyckel": row.question_key,
                "omrade": row.area,
                "pastaende": texts.get(row.question_key, ""),
                "varde": row.value,
                "svar": answer_label(True, row.value),
            }
            for row in answers
        ],
        "egna_tankar": {note.area: note.text for note in notes},
        "resultat_per_omrade": {area: _score(s) for area, s in sorted(scores.items())},
    }


def export_data(user_id: int, name: str, email: str) -> dict:
    """Everything stored about the manager's reflections, drafts included."""
    reflections = db.session.scalars(
        select(Reflection)
        .where(Reflection.user_id == user_id)
        .order_by(Reflection.started_at, Reflection.id)
    ).all()
    ids = [r.id for r in reflections]
    answers, notes = defaultdict(list), defaultdict(list)
    for row in db.session.scalars(
        select(ReflectionAnswer)
        .where(ReflectionAnswer.reflection_id.in_(ids))
        .order_by(ReflectionAnswer.reflection_id, ReflectionAnswer.question_key)
    ):
        answers[row.reflection_id].append(row)
    for row in db.session.scalars(
        select(ReflectionNote).where(ReflectionNote.reflection_id.in_(ids))
    ):
        notes[row.reflection_id].append(row)
    scores = service.area_scores(ids)
    reminder = reminders.reminder_of(user_id)
    return {
        "format": FORMAT,
        "exporterad": _when(utcnow()),
        "anvandare": {"namn": name, "epost": email},
        "skala": {str(value): str(label) for value, label in ANSWER_LABELS.items()}
        | {"null": str(DONT_KNOW_LABEL)},
        "sjalvskattningar": [
            _reflection(r, answers[r.id], notes[r.id], scores[r.id]) for r in reflections
        ],
        "paminnelse": None
        if reminder is None
        else {
            "var_n_manad": reminder.every_months,
            "nasta": reminder.next_due_on.isoformat(),
            "senast_pamind": reminder.last_reminded_on.isoformat()
            if reminder.last_reminded_on
            else None,
        },
    }
