"""Loads and validates content/ into plain typed objects, once per language.

Swedish is the text of a field itself; English sits in an `en:` mapping
beside it with the same field names (`en: {name: ..., description: ...}`),
and a content page's English is content/pages/en/<slug>.md. Every Swedish
text needs its English: a missing one is a ContentError like any other.

A broken file raises ContentError naming the file and the key, so that both
the load command and the tests fail with a message an editor can act on."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import Flask, current_app
from markupsafe import Markup

from toolbox.web.language import N_, current_locale
from toolbox.web.markup import render_markdown

KEY = re.compile(r"^[a-z][a-z0-9_-]*$")
AREA_KEYS = ("ledarskap", "styrning", "kultur", "forutsattningar")
PRINCIPLE_KEYS = (
    "tillit",
    "medborgarfokus",
    "helhetssyn",
    "handlingsutrymme",
    "stod",
    "kunskap",
    "oppenhet",
)
PAGE_SLUGS = ("om", "begrepp", "vem-ser-mina-svar", "tillganglighet", "hjalp")
LANGUAGES = ("sv", "en")
# Where the English of a content page is, beside the Swedish.
PAGE_FOLDERS = {"sv": Path("pages"), "en": Path("pages") / "en"}
# The answer scale of PRODUCT.md section 2; None is "Vet ej / ej aktuellt".
# Swedish msgids: a page shows them through gettext.
SCALE = (
    (1, N_("Stämmer inte alls")),
    (2, N_("Stämmer ganska dåligt")),
    (3, N_("Stämmer delvis")),
    (4, N_("Stämmer ganska bra")),
    (5, N_("Stämmer helt")),
)
DONT_KNOW = N_("Vet ej / ej aktuellt")


@dataclass(frozen=True)
class SetRules:
    """What a question set must look like: totals, per area, which areas."""

    total: tuple[int, int]
    per_area: tuple[int, int]
    areas: tuple[str, ...]
    scaled: bool
    mirrors: str | None = None
    # Other perspectives a version may word each statement for ("texts:"),
    # besides the default "text:"; a version that words one words them all.
    perspectives: tuple[str, ...] = ()


SET_RULES = {
    "sjalvskattning": SetRules((16, 24), (4, 6), AREA_KEYS, scaled=True),
    "aterkoppling": SetRules(
        (10, 14),
        (1, 6),
        AREA_KEYS,
        scaled=True,
        mirrors="sjalvskattning",
        perspectives=("kollegor", "chef"),
    ),
    "goda-exempel": SetRules((6, 12), (2, 4), ("ledarskap", "styrning", "kultur"), scaled=False),
}


class ContentError(ValueError):
    """A content file is missing, malformed or incomplete."""


@dataclass(frozen=True)
class Term:
    key: str
    name: str
    description: str


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    summary: str
    html: Markup


@dataclass(frozen=True)
class Question:
    key: str
    area: str
    text: str
    principles: tuple[str, ...]
    hint: str = ""
    mirrors: str | None = None
    # (perspective, text) pairs: the statement worded for another perspective.
    texts: tuple[tuple[str, str], ...] = ()

    def text_for(self, perspective: str | None) -> str:
        """The wording for a perspective; the default text when it has none."""
        return dict(self.texts).get(perspective or "", self.text)


@dataclass(frozen=True)
class AreaSection:
    area: str
    questions: tuple[Question, ...]
    free_text_prompt: str = ""


@dataclass(frozen=True)
class QuestionSet:
    name: str
    version: int
    title: str
    intro: str
    sections: tuple[AreaSection, ...]
    intros: tuple[tuple[str, str], ...] = ()  # (perspective, intro) as Question.texts

    @property
    def perspectives(self) -> tuple[str, ...]:
        """The perspectives this version words its statements for ("texts:")."""
        return tuple(p for p, _ in self.questions[0].texts) if self.questions else ()

    def intro_for(self, perspective: str | None) -> str:
        return dict(self.intros).get(perspective or "", self.intro)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


@dataclass(frozen=True)
class Content:
    areas: tuple[Term, ...]
    principles: tuple[Term, ...]
    pages: dict[str, Page]
    question_sets: dict[tuple[str, int], QuestionSet]

    def question_set(self, name: str, version: int | None = None) -> QuestionSet:
        """A given version of a set, or its latest version."""
        if version is None:
            version = max(v for n, v in self.question_sets if n == name)
        return self.question_sets[(name, version)]

    def question_principles(self, name: str) -> list[tuple[int, str, str]]:
        """(version, statement key, principle) for every principle a
        statement of any version of the set carries."""
        return [
            (version, question.key, principle)
            for (found, version), question_set in sorted(self.question_sets.items())
            if found == name
            for question in question_set.questions
            for principle in question.principles
        ]

    def strata(self, name: str) -> dict[tuple[int, str], tuple[str, tuple[str, ...]]]:
        """(version, statement key) → its stratum: the statement's area and
        principles, which statements of any version share when they belong
        to the same areas and principles."""
        return {
            (version, question.key): (question.area, tuple(sorted(question.principles)))
            for (found, version), question_set in self.question_sets.items()
            if found == name
            for question in question_set.questions
        }

    def area(self, key: str) -> Term:
        return next(a for a in self.areas if a.key == key)

    def principle(self, key: str) -> Term:
        return next(p for p in self.principles if p.key == key)


def read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ContentError(f"{path}: filen saknas") from error
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: ogiltig YAML: {error}") from error


def _terms(
    path: Path, data: dict, section: str, expected: tuple[str, ...], language: str
) -> tuple[Term, ...]:
    rows = data.get(section)
    if not isinstance(rows, list):
        raise ContentError(f"{path}: '{section}' ska vara en lista")
    terms = []
    for index, row in enumerate(rows):
        where = f"{path}: {section}[{index}]"
        if not isinstance(row, dict):
            raise ContentError(f"{where} ska vara en mappning")
        terms.append(
            Term(
                _text(where, row, "key"),
                text_in(language, where, row, "name"),
                text_in(language, where, row, "description"),
            )
        )
    keys = tuple(t.key for t in terms)
    if keys != expected:
        raise ContentError(
            f"{path}: '{section}' ska ha nycklarna {list(expected)}, har {list(keys)}"
        )
    return tuple(terms)


def load_framework(path: Path, language: str) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: ska vara en mappning med 'areas' och 'principles'")
    return (
        _terms(path, data, "areas", AREA_KEYS, language),
        _terms(path, data, "principles", PRINCIPLE_KEYS, language),
    )


def split_front_matter(path: Path) -> tuple[dict, str]:
    """YAML front matter between '---' lines, and the Markdown after it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(f"{path}: filen saknas") from error
    if not text.startswith("---\n"):
        raise ContentError(f"{path}: front matter ('---') saknas överst")
    head, separator, body = text[4:].partition("\n---\n")
    if not separator:
        raise ContentError(f"{path}: front matter avslutas inte med '---'")
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: ogiltig front matter: {error}") from error
    if not isinstance(meta, dict):
        raise ContentError(f"{path}: front matter ska vara en mappning")
    return meta, body


def load_page(path: Path) -> Page:
    meta, body = split_front_matter(path)
    for field in ("title", "summary"):
        if not isinstance(meta.get(field), str) or not meta[field].strip():
            raise ContentError(f"{path}: fältet '{field}' saknas eller är tomt")
    if not body.strip():
        raise ContentError(f"{path}: sidan har ingen text")
    return Page(path.stem, meta["title"].strip(), meta["summary"].strip(), render_markdown(body))


def _text(where: str, row: dict, field: str, required: bool = True) -> str:
    value = row.get(field, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ContentError(f"{where}: fältet '{field}' saknas eller är tomt")
    return value.strip()


def english(where: str, row: dict) -> dict:
    """The `en:` mapping beside a row's Swedish texts (also for the features'
    own content files, such as ledningsgrupp.yaml and program.yaml)."""
    english = row.get("en")
    if not isinstance(english, dict):
        raise ContentError(f"{where}: 'en' med den engelska texten saknas")
    return english


def text_in(language: str, where: str, row: dict, field: str, required: bool = True) -> str:
    """A text field in the language; English wherever there is Swedish."""
    swedish = _text(where, row, field, required)
    if language == "sv" or not swedish:
        return swedish
    return _text(f"{where}.en", english(where, row), field)


def _question(where: str, row: object, area: str, rules: SetRules, language: str) -> Question:
    if not isinstance(row, dict):
        raise ContentError(f"{where} ska vara en mappning")
    key = _text(where, row, "key")
    if not KEY.match(key):
        raise ContentError(f"{where}: nyckeln '{key}' får bara ha a–z, 0–9, - och _")
    principles = row.get("principles", [])
    if not isinstance(principles, list) or set(principles) - set(PRINCIPLE_KEYS):
        raise ContentError(f"{where}: 'principles' ska vara en lista av {list(PRINCIPLE_KEYS)}")
    if rules.scaled and not principles:
        raise ContentError(f"{where}: påståendet saknar 'principles'")
    mirrors = row.get("mirrors")
    if rules.mirrors and not isinstance(mirrors, str):
        raise ContentError(f"{where}: 'mirrors' ska ange nyckeln i {rules.mirrors}")
    return Question(
        key,
        area,
        text_in(language, where, row, "text"),
        tuple(principles),
        text_in(language, where, row, "hint", required=False),
        mirrors,
        _perspectives(where, row, "texts", rules, language),
    )


def _perspectives(
    where: str, row: dict, field: str, rules: SetRules, language: str
) -> tuple[tuple[str, str], ...]:
    """A mapping perspective → text; when present, every perspective of the
    rules (in English in the row's `en:` mapping, under the same field)."""
    if row.get(field) is None:
        return ()
    if language != "sv":
        where, row = f"{where}.en", english(where, row)
    found = row.get(field)
    if not isinstance(found, dict) or sorted(found) != sorted(rules.perspectives):
        raise ContentError(
            f"{where}: '{field}' ska ha en text för var och en av {list(rules.perspectives)}"
        )
    return tuple((p, _text(f"{where}.{field}", found, p)) for p in rules.perspectives)


def _section(path: Path, index: int, row: object, rules: SetRules, language: str) -> AreaSection:
    where = f"{path}: areas[{index}]"
    if not isinstance(row, dict) or row.get("area") not in rules.areas:
        raise ContentError(f"{where}: 'area' ska vara en av {list(rules.areas)}")
    rows = row.get("questions")
    low, high = rules.per_area
    if not isinstance(rows, list) or not low <= len(rows) <= high:
        raise ContentError(f"{where}: ska ha {low}–{high} frågor i 'questions'")
    questions = tuple(
        _question(f"{where}.questions[{n}]", q, row["area"], rules, language)
        for n, q in enumerate(rows)
    )
    prompt = text_in(language, where, row, "free_text_prompt", required=False)
    return AreaSection(row["area"], questions, prompt)


def load_question_set(path: Path, language: str = "sv") -> QuestionSet:
    """content/questions/<name>/v<version>.yaml, checked against SET_RULES."""
    name, stem = path.parent.name, path.stem
    rules = SET_RULES.get(name)
    if rules is None or not stem.startswith("v") or not stem[1:].isdigit():
        raise ContentError(f"{path}: okänd frågeuppsättning eller filnamn (väntade v<N>.yaml)")
    data = read_yaml(path)
    if not isinstance(data, dict) or data.get("version") != int(stem[1:]):
        raise ContentError(f"{path}: 'version' ska vara {int(stem[1:])} som i filnamnet")
    rows = data.get("areas")
    if not isinstance(rows, list):
        raise ContentError(f"{path}: 'areas' ska vara en lista")
    sections = tuple(_section(path, n, row, rules, language) for n, row in enumerate(rows))
    if [s.area for s in sections] != list(rules.areas):
        raise ContentError(f"{path}: områdena ska vara {list(rules.areas)} i den ordningen")
    keys = [q.key for s in sections for q in s.questions]
    if len(keys) != len(set(keys)):
        raise ContentError(f"{path}: samma nyckel används flera gånger")
    if not rules.total[0] <= len(keys) <= rules.total[1]:
        raise ContentError(f"{path}: ska ha {rules.total[0]}–{rules.total[1]} frågor totalt")
    worded = {bool(q.texts) for s in sections for q in s.questions}
    if len(worded) > 1:
        raise ContentError(f"{path}: har 'texts' för vissa påståenden men inte för alla")
    title = text_in(language, str(path), data, "title")
    intros = _perspectives(str(path), data, "intros", rules, language)
    if worded == {True} and not intros:
        raise ContentError(f"{path}: 'intros' saknas för {list(rules.perspectives)}")
    intro = text_in(language, str(path), data, "intro")
    return QuestionSet(name, int(stem[1:]), title, intro, sections, intros)


def check_mirrors(sets: dict[tuple[str, int], QuestionSet]) -> None:
    """Every mirrored key exists in some version of the set it mirrors."""
    for (name, version), question_set in sets.items():
        target = SET_RULES[name].mirrors
        if target is None:
            continue
        known = {q.key for (n, _v), s in sets.items() if n == target for q in s.questions}
        for question in question_set.questions:
            if question.mirrors not in known:
                raise ContentError(
                    f"{name} v{version}: '{question.key}' speglar "
                    f"'{question.mirrors}' som inte finns i {target}"
                )


def load_question_sets(directory: Path, language: str = "sv") -> dict[tuple[str, int], QuestionSet]:
    sets = {}
    for path in sorted(directory.glob("*/v*.yaml")):
        question_set = load_question_set(path, language)
        sets[(question_set.name, question_set.version)] = question_set
    check_mirrors(sets)
    return sets


def load_content(directory: Path, language: str = "sv") -> Content:
    """content/ in one language (see the module's docstring for the English)."""
    areas, principles = load_framework(directory / "framework.yaml", language)
    pages = {}
    for slug in PAGE_SLUGS:
        pages[slug] = load_page(directory / PAGE_FOLDERS[language] / f"{slug}.md")
    return Content(areas, principles, pages, load_question_sets(directory / "questions", language))


def init_app(app: Flask) -> None:
    """Loads every language at start, so that a missing English text stops it."""
    directory = Path(app.config["CONTENT_DIR"])
    app.extensions["toolbox.content"] = {
        language: load_content(directory, language) for language in LANGUAGES
    }


def get_content() -> Content:
    """content/ in the language of the request (Swedish outside one)."""
    by_language = current_app.extensions["toolbox.content"]
    return by_language.get(str(current_locale()), by_language["sv"])
