"""Loads and validates content/ into plain typed objects.

A broken file raises ContentError naming the file and the key, so that both
the load command and the tests fail with a message an editor can act on."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import Flask, current_app
from markupsafe import Markup

from toolbox.markup import render_markdown

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
class Content:
    areas: tuple[Term, ...]
    principles: tuple[Term, ...]
    pages: dict[str, Page]

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


def _terms(path: Path, data: dict, section: str, expected: tuple[str, ...]) -> tuple[Term, ...]:
    rows = data.get(section)
    if not isinstance(rows, list):
        raise ContentError(f"{path}: '{section}' ska vara en lista")
    terms = []
    for index, row in enumerate(rows):
        where = f"{path}: {section}[{index}]"
        if not isinstance(row, dict):
            raise ContentError(f"{where} ska vara en mappning")
        for field in ("key", "name", "description"):
            if not isinstance(row.get(field), str) or not row[field].strip():
                raise ContentError(f"{where}: fältet '{field}' saknas eller är tomt")
        terms.append(Term(row["key"], row["name"].strip(), row["description"].strip()))
    keys = tuple(t.key for t in terms)
    if keys != expected:
        raise ContentError(
            f"{path}: '{section}' ska ha nycklarna {list(expected)}, har {list(keys)}"
        )
    return tuple(terms)


def load_framework(path: Path) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: ska vara en mappning med 'areas' och 'principles'")
    return (
        _terms(path, data, "areas", AREA_KEYS),
        _terms(path, data, "principles", PRINCIPLE_KEYS),
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


def load_content(directory: Path) -> Content:
    areas, principles = load_framework(directory / "framework.yaml")
    pages = {}
    for slug in PAGE_SLUGS:
        pages[slug] = load_page(directory / "pages" / f"{slug}.md")
    return Content(areas, principles, pages)


def init_app(app: Flask) -> None:
    app.extensions["toolbox.content"] = load_content(Path(app.config["CONTENT_DIR"]))


def get_content() -> Content:
    return current_app.extensions["toolbox.content"]
