"""The results of one reflection: per area, statement and principle, and the
change since the author's previous reflection. A reflection is always read
against the question-set version it was given on, so a new version never
changes old results."""

from dataclasses import dataclass

from toolbox.content import AreaSection, Question, QuestionSet, get_content
from toolbox.reflection import service
from toolbox.reflection.models import Reflection
from toolbox.reflection.scoring import EMPTY, Score, change, score, to_index
from toolbox.web.language import lazy_gettext as _l

# The answer scale (toolbox.content.SCALE and DONT_KNOW) in the visitor's
# language; a test checks that the Swedish reads as the content module's.
ANSWER_LABELS = {
    1: _l("Stämmer inte alls"),
    2: _l("Stämmer ganska dåligt"),
    3: _l("Stämmer delvis"),
    4: _l("Stämmer ganska bra"),
    5: _l("Stämmer helt"),
}
DONT_KNOW_LABEL = _l("Vet ej / ej aktuellt")
NOT_ANSWERED = _l("Inte besvarat")


def scale_label(value: int) -> str:
    """'4 – Stämmer ganska bra', in the visitor's language."""
    return f"{value} – {ANSWER_LABELS[value]}"


def answer_label(answered: bool, value: int | None) -> str:
    if not answered:
        return str(NOT_ANSWERED)
    return str(DONT_KNOW_LABEL) if value is None else scale_label(value)


@dataclass(frozen=True)
class StatementResult:
    question: Question
    number: int  # within its area, from 1
    answered: bool
    value: int | None
    previous: int | None  # the same statement's value in the previous reflection

    @property
    def index(self) -> float | None:
        return None if self.value is None else to_index(self.value)

    @property
    def change(self) -> int | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def label(self) -> str:
        return answer_label(self.answered, self.value)


@dataclass(frozen=True)
class AreaResult:
    key: str
    name: str
    score: Score
    previous: Score | None
    statements: tuple[StatementResult, ...]
    note: str

    @property
    def change(self) -> float | None:
        return change(self.score, self.previous)


@dataclass(frozen=True)
class PrincipleResult:
    key: str
    name: str
    score: Score


@dataclass(frozen=True)
class Results:
    reflection: Reflection
    question_set: QuestionSet
    areas: tuple[AreaResult, ...]
    principles: tuple[PrincipleResult, ...]
    overall: Score
    previous: Reflection | None


def results_for(reflection: Reflection) -> Results:
    """Everything the results page, the print view and the export show."""
    questions = service.question_set(reflection)
    previous = service.previous_of(reflection) if reflection.submitted_at else None
    given = service.answers_of_each([reflection.id] + ([previous.id] if previous else []))
    answers = given[reflection.id]
    before = given[previous.id] if previous else {}
    notes = service.notes_of(reflection.id)
    content = get_content()
    areas = tuple(
        AreaResult(
            section.area,
            content.area(section.area).name,
            area_score(section, answers) or EMPTY,
            area_score(section, before),
            tuple(
                StatementResult(
                    q,
                    n,
                    q.key in answers,
                    answers.get(q.key),
                    before.get(q.key) if before else None,
                )
                for n, q in enumerate(section.questions, start=1)
            ),
            notes.get(section.area, ""),
        )
        for section in questions.sections
    )
    return Results(
        reflection,
        questions,
        areas,
        principle_results(questions, answers),
        score(answers.values()),
        previous,
    )


def area_score(section: AreaSection, answers: dict[str, int | None]) -> Score | None:
    """The area's score over its answered statements (as service.area_scores
    gives it in SQL); None when none is answered."""
    values = [answers[q.key] for q in section.questions if q.key in answers]
    return score(values) if values else None


def principle_results(
    questions: QuestionSet, answers: dict[str, int | None]
) -> tuple[PrincipleResult, ...]:
    """A score per principle over the statements tagged with it."""
    found = []
    for principle in get_content().principles:
        values = [
            answers[q.key]
            for q in questions.questions
            if principle.key in q.principles and q.key in answers
        ]
        tagged = any(principle.key in q.principles for q in questions.questions)
        if tagged:
            found.append(PrincipleResult(principle.key, principle.name, score(values)))
    return tuple(found)
