"""What a person reads on an English page, and the Swedish words it must not hold.

The vocabulary comes from the catalogue: a word of a Swedish msgid that no
English msgstr uses is a word only the Swedish interface says ("Spara",
"Avbryt"); a name that reads the same in both languages ("Verktygslådan")
is in some msgstr and so drops out by itself. A short hand list adds the
Swedish of content/, which is not in the catalogue."""

import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = Path(__file__).parents[2] / "toolbox/translations/en/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
# Addresses are not words of either language ("example.se").
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:se|com|org|net|eu)\b")
# Whole words only: a code such as "UE7EN-9KDS4" holds no word.
WORD = re.compile(r"(?<![^\W_])[^\W\d_]{2,}(?![^\W_])")
# Words of content/ (framework, question sets, pages) that an English page
# must not show; the catalogue does not hold them.
CONTENT_WORDS = frozenset(
    {
        "medarbetare",
        "medarbetarna",
        "verksamheten",
        "påstående",
        "påståenden",
        "tillit",
        "medborgarfokus",
        "helhetssyn",
        "handlingsutrymme",
        "kunskap",
        "öppenhet",
        "styrning",
        "ledarskap",
        "kultur",
        "förutsättningar",
        "stämmer",
        "jag",
    }
)
# Swedish words of the catalogue that are English words too, which an
# English page may well use ("a full-time post", "via", "fast").
ENGLISH_TOO = frozenset(
    {"bland", "den", "fast", "gratis", "hit", "man", "men", "post", "sin", "via", "vet"}
)
# Attributes whose text a person reads or hears.
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Elements whose text nobody reads as the page's words.
UNREAD = frozenset({"script", "style", "code", "textarea"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def words(text: str) -> set[str]:
    """The words of a text, lower case, placeholders left out."""
    return {w.lower() for w in WORD.findall(ADDRESS.sub(" ", PLACEHOLDER.sub(" ", text)))}


def swedish_only(pairs: Iterable[tuple[Iterable[str], Iterable[str]]]) -> frozenset[str]:
    """Words of the Swedish msgids that occur in no English msgstr; `pairs`
    are (msgids, msgstrs) of each catalogue entry (two with plurals)."""
    swedish: set[str] = set()
    english: set[str] = set()
    for msgids, msgstrs in pairs:
        for text in msgids:
            swedish |= words(text)
        for text in msgstrs:
            english |= words(text)
    return frozenset(swedish - english)


def _strings(value: str | tuple | list) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def catalog_pairs(path: Path = CATALOG) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    with path.open("rb") as file:
        catalog = read_po(file)
    return [(_strings(m.id), _strings(m.string)) for m in catalog if m.id]


@cache
def vocabulary() -> frozenset[str]:
    return (swedish_only(catalog_pairs()) | CONTENT_WORDS) - ENGLISH_TOO


class _ReadText(HTMLParser):
    """Text nodes outside script and style, and the attributes a person reads,
    except inside an element marked lang="sv" (people's own Swedish), inside
    <code> (a file format's names, spelt as the file must be) and inside
    <textarea> (what a person typed, like an input's value).

    A <title> cannot carry lang: it repeats the page's heading, often people's
    data. Its text is read after removing every text the same page shows
    inside a lang="sv" element, so a title of UI words is still read. So is a
    chart's label (an SVG <text>): a chart draws the table shown beside it, and
    a label may be cut short ("Område Medicin och di…"), so a Swedish text's
    beginning at the end of a cut label goes too."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.title_at: int | None = None  # where in `parts` the title goes
        self.labels: list[int] = []  # where in `parts` the chart labels are
        self.swedish: list[str] = []  # the texts of the lang="sv" elements
        self._open: list[tuple[str, bool]] = []  # (tag, skipped inside)
        self._in_swedish: list[str] = []  # the text of the outermost open lang="sv" element
        self._swedish_depth = 0  # its depth in `_open`, 0 outside one

    @property
    def _skipped(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        lang = a.get("lang")
        skipped = (lang == "sv") if lang else self._skipped
        if not skipped:
            self.parts += [a[name] for name in READ_ATTRIBUTES if a.get(name)]
            if tag in ("input", "button") and a.get("type") in ("submit", "button", "reset"):
                self.parts.append(a.get("value", ""))
        if tag == "title" and self.title_at is None:
            self.title_at = len(self.parts)
        if tag not in VOID:
            self._open.append((tag, skipped or tag in UNREAD))
            if lang == "sv" and not self._swedish_depth:
                self._in_swedish = []
                self._swedish_depth = len(self._open)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                if depth < self._swedish_depth:
                    self.swedish.append(" ".join(" ".join(self._in_swedish).split()))
                    self._swedish_depth = 0
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self._swedish_depth:
            self._in_swedish.append(data)
        if self._open and self._open[-1][0] == "title":
            self.title.append(data)
        elif not self._skipped:
            if self._open and self._open[-1][0] == "text":
                self.labels.append(len(self.parts))
            self.parts.append(data)

    def without_swedish(self, text: str) -> str:
        text = " ".join(text.split())
        known = sorted(filter(None, self.swedish), key=len, reverse=True)
        for swedish in known:
            text = text.replace(swedish, " ")
        if text.endswith("…"):
            cut = text[:-1]
            for swedish in known:
                lengths = range(len(swedish), 3, -1)
                start = next((n for n in lengths if cut.endswith(swedish[:n])), 0)
                if start:
                    return cut[:-start]
        return text

    def read(self) -> list[str]:
        """The texts read, the title and chart labels included (without the page's Swedish)."""
        parts = list(self.parts)
        for at in self.labels:
            parts[at] = self.without_swedish(parts[at])
        at = len(parts) if self.title_at is None else self.title_at
        return [*parts[:at], self.without_swedish(" ".join(self.title)), *parts[at:]]


def read_text(html: str) -> str:
    """What a person reads on a page, one line per text."""
    parser = _ReadText()
    parser.feed(html)
    parser.close()
    return "\n".join(p.strip() for p in parser.read() if p.strip())


def swedish_words(html: str, vocabulary: frozenset[str]) -> dict[str, str]:
    """Swedish words on a page → the text around their first occurrence."""
    found: dict[str, str] = {}
    for line in read_text(html).splitlines():
        for word in sorted(words(line) & vocabulary):
            if word not in found:
                at = line.lower().find(word)
                found[word] = line[max(at - 40, 0) : at + len(word) + 40]
    return found
