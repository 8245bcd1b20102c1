"""Swedish left on an English page: the words of the Swedish msgids of some
features that no English msgstr uses, looked for in a page's text and in the
attributes a visitor hears or sees (aria-label, title, placeholder, alt).
Elements marked lang="sv" hold what people wrote (data) and are skipped."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "toolbox/translations/en/LC_MESSAGES/messages.po"
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]{2,}")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")
READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text))}


def texts(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def msgids(paths: list[Path]) -> set[str]:
    """The msgids of these Python files and templates, as pybabel extracts them."""
    found = set()
    for path in paths:
        method = "python" if path.suffix == ".py" else "jinja2"
        keywords = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2)}
        for _line, message, _comments, _context in extract_from_file(
            method, str(path), keywords=keywords
        ):
            found.update(text for text in texts(message) if text)
    return found


@cache
def english_words() -> frozenset[str]:
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    return frozenset(
        word
        for message in catalog
        if message.id
        for text in texts(message.string)
        for word in words(text)
    )


@cache
def swedish_words(*folders: str) -> frozenset[str]:
    """Words of the msgids under these folders (relative to the repository)
    that occur in no English msgstr."""
    paths = [
        path
        for folder in folders
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".html", ".txt")
    ]
    found = set().union(*(words(message) for message in msgids(paths)))
    return frozenset(found - english_words())


class VisibleText(HTMLParser):
    """The text a visitor reads, without <script>, <style>, lang="sv" elements
    and <code> (file formats' column names, as a file must spell them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []  # the open elements that hide their content
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = tag in ("script", "style", "code") or attributes.get("lang") == "sv"
        if self.skipping or hidden:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        self.parts += [attributes[name] or "" for name in READ_ATTRIBUTES if name in attributes]
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def swedish_left(
    html: str, vocabulary: frozenset[str], allowed: set[str] = frozenset()
) -> set[str]:
    """The Swedish UI words on the page (`allowed`: words of data shown as it is)."""
    return (words(visible_text(html)) & vocabulary) - {word.lower() for word in allowed}


class EnglishVisitor:
    """A test client signed in (or not) in English: `page` fetches a page, or
    posts a form and follows the redirect, fails on Swedish UI words left,
    and returns the page."""

    def __init__(self, client, vocabulary: frozenset[str], allowed: set[str] = frozenset()):
        self.client, self.vocabulary, self.allowed = client, vocabulary, allowed
        client.post("/sprak", data={"lang": "en", "next": "/"})

    def sign_in(self, login_as, user) -> None:
        login_as(user)
        # Min sida's checklist holds other features' steps (tests/home reads it).
        self.client.post("/kom-igang/dolj")

    def page(self, url: str, data: dict | None = None, **post) -> str:
        if data is None:
            response = self.client.get(url)
        else:
            response = self.client.post(url, data=data, follow_redirects=True, **post)
        html = response.get_data(as_text=True)
        assert response.status_code < 500, url
        assert swedish_left(html, self.vocabulary, self.allowed) == set(), url
        return html
