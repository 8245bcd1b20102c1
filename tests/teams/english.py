"""Reading a page of these features as an English visitor does (issue 21):
the text of <title> and <main> – attributes a screen reader reads included –
outside elements marked lang="sv", against the interface's Swedish
vocabulary: the words of the catalogue's msgids that no msgstr uses.

Texts from content/ (translated there, by their own loader), e-mail
addresses and the test's own data (names and texts people typed, echoed in
a form's fields) are taken out first: they are not the interface's words."""

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = Path(__file__).parents[2] / "toolbox/translations/en/LC_MESSAGES/messages.po"
KEY = re.compile(r"^[a-z0-9_-]*$")  # a content key, or nothing: not a text
EMAIL = re.compile(r"\S+@\S+")
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
READ_ALOUD = ("title", "aria-label", "alt", "placeholder")
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "col", "area", "wbr"}


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text))}


def vocabulary() -> set[str]:
    swedish, english = set(), set()
    with CATALOG.open("rb") as catalog:
        messages = list(read_po(catalog))
    for message in messages:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            swedish |= words(text)
        for text in strings:
            english |= words(text)
    return swedish - english


class Reader(HTMLParser):
    """Collects what is read in <title> and <main>, leaving out lang="sv"."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, Swedish data inside)
        self.read: list[str] = []

    def reading(self) -> bool:
        tags = [tag for tag, _ in self.stack]
        inside = "title" in tags or "main" in tags
        return inside and not any(swedish for _, swedish in self.stack)

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag not in VOID:
            self.stack.append((tag, values.get("lang") == "sv" or tag in ("script", "style")))
        if self.reading() and values.get("lang") != "sv":
            self.read += [values[name] or "" for name in READ_ALOUD if name in values]

    def handle_endtag(self, tag) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data) -> None:
        if self.reading():
            self.read.append(data)


def content_texts(*objects) -> list[str]:
    """Every text in content/'s loaded objects (dataclasses, tuples, strings)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif dataclasses.is_dataclass(value):
            for item in dataclasses.fields(value):
                walk(getattr(value, item.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for item in objects:
        walk(item)
    return found


def swedish_words(html: str, vocabulary: set[str], data: list[str]) -> dict[str, str]:
    """The Swedish words read on the page, each with the line it was read in."""
    reader = Reader()
    reader.feed(html)
    text = EMAIL.sub(" ", "\n".join(reader.read))  # addresses are people's data
    for known in sorted({item.strip() for item in data if not KEY.match(item)}, key=len)[::-1]:
        text = re.sub(rf"(?<!\w){re.escape(known)}(?!\w)", " ", text, flags=re.IGNORECASE)
    found = {}
    for line in text.splitlines():
        for word in words(line) & vocabulary:
            found.setdefault(word, line.strip())
    return found
