"""What a visitor reads on a page in English, and the Swedish words of the
Självskattning and Återkoppling pages that must not be among it. Shared by
tests/reflection/test_english.py and tests/feedback/test_english.py.

Text inside an element with lang="sv" is people's own Swedish (notes,
comments, round titles) and is skipped. Content texts (the framework's names,
the statements, the question sets' intros) are left out too: they come from
content/ (toolbox.content.get_content), not from these features' catalogue."""

import re
from html.parser import HTMLParser

from toolbox.content import get_content

# Words of these features' Swedish msgids that no English msgstr contains
# (test_english.py checks that against the catalogue).
SWEDISH = (
    "Självskattning",
    "självskattning",
    "självskattningen",
    "självskattningar",
    "Återkoppling",
    "återkoppling",
    "återkopplingen",
    "omgång",
    "omgången",
    "Omgången",
    "omgångar",
    "påstående",
    "påståenden",
    "Stämmer",
    "medelvärde",
    "Medelvärde",
    "Utkastet",
    "utkastet",
    "Förra",
    "förra",
    "påminnelse",
    "Påminnelse",
    "påmind",
    "Spara",
    "Skicka",
    "svarat",
    "Välj",
    "Fyll",
    "Skriv",
    "själv",
    "andra",
    "fläck",
    "styrka",
    "frivilligt",
    "Frivilligt",
    "Visas",
    "fick",
    "Inget",
    "Ingen",
    "Tillbaka",
    "Granska",
    "tankar",
    "koder",
    "Koden",
    "lappen",
    "gruppen",
    "området",
    "Vet ej",
    "vet ej",
    "besvarat",
    "tecken",
    "adresser",
    "Inbjudan",
    "mejl",
    "borttagen",
    "borttaget",
    "avslutad",
    "startad",
    "Resultatet",
    "resultatet",
    "tillräckligt",
    "svar",
    "Svara",
    "Tack",
    "Nu",
    "Din",
    "Du",
    "och",
)
WORDS = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in SWEDISH) + r")(?!\w)")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


class Reader(HTMLParser):
    """Text nodes and read attributes, outside script/style and lang="sv"."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.parts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        skipped = self.skipping or tag in ("script", "style") or values.get("lang") == "sv"
        if not skipped:
            self.parts += [values[a] for a in READ_ATTRIBUTES if values.get(a)]
            if (
                tag == "input"
                and values.get("type") in ("submit", "button")
                and values.get("value")
            ):
                self.parts.append(values["value"])
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag) -> None:
        for n in range(len(self.stack) - 1, -1, -1):
            if self.stack[n][0] == tag:
                del self.stack[n:]
                return

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


def content_texts() -> list[str]:
    """Every text of content/ a page of these features shows, longest first."""
    content = get_content()
    texts = []
    for term in (*content.areas, *content.principles):
        texts += [term.name, term.name.lower(), term.description]
    for questions in content.question_sets.values():
        texts += [questions.title, questions.intro, *(intro for _, intro in questions.intros)]
        for section in questions.sections:
            texts.append(section.free_text_prompt)
            for question in section.questions:
                texts += [question.text, question.hint, *(text for _, text in question.texts)]
    return sorted({t for t in texts if t}, key=len, reverse=True)


def read(html: str, leave_out: list[str] = ()) -> str:
    reader = Reader()
    reader.feed(html)
    text = " ".join(" ".join(reader.parts).split())
    for known in leave_out:
        text = re.sub(r"(?<!\w)" + re.escape(" ".join(known.split())) + r"(?!\w)", " ", text)
    return text


def swedish_words(html: str, leave_out: list[str] = ()) -> list[str]:
    """The Swedish UI words an English visitor would read on the page."""
    return sorted(set(WORDS.findall(read(html, leave_out))))
