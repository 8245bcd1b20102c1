"""content/ledningsgrupp.yaml: the questions each member answers before the
dialogue, the behaviours rated and chosen, and the facilitation guide.
Validated on load; an error names the file and the key.

The English sits in an `en:` mapping beside the Swedish, as in the rest of
content/ (toolbox/content.py); a behaviour's key, which answers store, is
the same in both languages."""

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from toolbox.content import (
    KEY,
    LANGUAGES,
    PRINCIPLE_KEYS,
    ContentError,
    english,
    read_yaml,
    text_in,
)
from toolbox.web.language import current_locale

FILENAME = "ledningsgrupp.yaml"
SCALE_LENGTH = 5
MAX_MINUTES = 240


@dataclass(frozen=True)
class Behaviour:
    key: str
    principle: str
    text: str


@dataclass(frozen=True)
class GuideStep:
    minutes: int
    title: str
    text: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class DialogueContent:
    version: int
    intro: str
    meaning_prompt: str
    scale: tuple[str, ...]
    priorities: int
    behaviours: tuple[Behaviour, ...]
    guide_minutes: int
    steps: tuple[GuideStep, ...]
    disagreement: tuple[str, ...]

    @property
    def behaviour_keys(self) -> tuple[str, ...]:
        return tuple(b.key for b in self.behaviours)


def _text(where: str, row: object, field: str) -> str:
    value = row.get(field) if isinstance(row, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: {field} saknas eller är inte text")
    return value.strip()


def _number(where: str, row: dict, field: str, low: int, high: int) -> int:
    value = row.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ContentError(f"{where}: {field} ska vara ett heltal {low}–{high}")
    return value


def _texts(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ContentError(f"{where}: ska vara en lista med text")
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise ContentError(f"{where}: varje rad ska vara text")
    return tuple(item.strip() for item in value)


def _texts_in(language: str, where: str, row: dict, field: str) -> tuple[str, ...]:
    """A list of texts in the language; the English as many as the Swedish."""
    swedish = _texts(f"{where}: {field}", row.get(field))
    if language == "sv":
        return swedish
    found = _texts(f"{where}.en: {field}", english(where, row).get(field))
    if len(found) != len(swedish):
        raise ContentError(f"{where}.en: {field} ska ha lika många rader som på svenska")
    return found


def _behaviours(path: Path, rows: object, language: str) -> tuple[Behaviour, ...]:
    if not isinstance(rows, list) or not rows:
        raise ContentError(f"{path}: behaviours saknas")
    found = []
    for index, row in enumerate(rows):
        where = f"{path}: behaviours[{index}]"
        key = _text(where, row, "key")
        if not KEY.match(key) or key in {b.key for b in found}:
            raise ContentError(f"{where}: key {key!r} är ogiltig eller upprepad")
        principle = _text(where, row, "principle")
        if principle not in PRINCIPLE_KEYS:
            raise ContentError(f"{where}: okänd princip {principle!r}")
        found.append(Behaviour(key, principle, text_in(language, where, row, "text")))
    return tuple(found)


def _steps(path: Path, rows: object, language: str) -> tuple[GuideStep, ...]:
    if not isinstance(rows, list) or not rows:
        raise ContentError(f"{path}: guide.steps saknas")
    steps = []
    for index, row in enumerate(rows):
        where = f"{path}: guide.steps[{index}]"
        if not isinstance(row, dict):
            raise ContentError(f"{where}: ska vara en mappning")
        steps.append(
            GuideStep(
                _number(where, row, "minutes", 1, MAX_MINUTES),
                text_in(language, where, row, "title"),
                text_in(language, where, row, "text"),
                _texts_in(language, where, row, "questions"),
            )
        )
    return tuple(steps)


def load_dialogue_content(path: Path, language: str = "sv") -> DialogueContent:
    """The file's texts in one language (Swedish unless told)."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: ska vara en mappning")
    behaviours = _behaviours(path, data.get("behaviours"), language)
    scale = _texts_in(language, str(path), data, "scale")
    if len(scale) != SCALE_LENGTH:
        raise ContentError(f"{path}: scale ska ha {SCALE_LENGTH} steg")
    guide = data.get("guide")
    if not isinstance(guide, dict):
        raise ContentError(f"{path}: guide saknas")
    steps = _steps(path, guide.get("steps"), language)
    minutes = _number(f"{path}: guide", guide, "minutes", 1, MAX_MINUTES)
    if sum(step.minutes for step in steps) != minutes:
        raise ContentError(f"{path}: guide.steps ska tillsammans ta guide.minutes minuter")
    return DialogueContent(
        version=_number(str(path), data, "version", 1, 10_000),
        intro=text_in(language, str(path), data, "intro"),
        meaning_prompt=text_in(language, str(path), data, "meaning_prompt"),
        scale=scale,
        priorities=_number(str(path), data, "priorities", 1, len(behaviours)),
        behaviours=behaviours,
        guide_minutes=minutes,
        steps=steps,
        disagreement=_texts_in(language, f"{path}: guide", guide, "disagreement"),
    )


def init_app(app: Flask) -> None:
    """Loaded once in every language when the blueprint is registered: a
    broken file or a missing English text stops the start."""
    path = Path(app.config["CONTENT_DIR"]) / FILENAME
    app.extensions["toolbox.teams"] = {
        language: load_dialogue_content(path, language) for language in LANGUAGES
    }


def get_dialogue_content() -> DialogueContent:
    """The one place the feature reads content/ledningsgrupp.yaml: the pages,
    forms and report take its texts from here, in the request's language
    (Swedish outside one), as toolbox.content.get_content does."""
    by_language = current_app.extensions["toolbox.teams"]
    return by_language.get(str(current_locale()), by_language["sv"])
