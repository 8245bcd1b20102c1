"""Issue 21: every page of every role reads English when the visitor chose
English – no word of the interface's Swedish vocabulary (vocabulary.py) on a
page, in a form's validation messages or in the flash after a saved form.
People's own Swedish (elements marked lang="sv") is left out.

On failure the message lists, page by page, the Swedish words found and the
line each was first read in.

On SQLite only: what a page says does not depend on the database, and
tests/security reads every page and posts every form on both."""

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from tests.language.vocabulary import (
    catalog_pairs,
    read_text,
    swedish_only,
    swedish_words,
    vocabulary,
)
from tests.security.conftest import SKIPPED, close, open_demo_app, visitor_client
from tests.security.demo import VISITORS, Prepared
from tests.security.discovery import Form
from tests.security.filling import fill, fresh

REDIRECTS = (301, 302, 303)
# Fields a blank post leaves as the page gave them.
KEPT = ("hidden",)
NOT_SENT = ("submit", "button", "reset", "file", "image", "checkbox", "radio")

TWO_ENTRIES = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Spara utkast i Verktygslådan"
msgstr "Save draft in Verktygslådan"

msgid "%(num)s svar sparat"
msgid_plural "%(num)s svar sparade"
msgstr[0] "%(num)s answer saved"
msgstr[1] "%(num)s answers saved"
"""


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, demo_seed) -> Iterator[Flask]:
    """The demo organisation on SQLite only (tests/security/fixtures.py has both)."""
    app = open_demo_app("sqlite", tmp_path_factory.mktemp("demo"), demo_seed)
    yield app
    close(app)


def english_client(app: Flask, visitor: str, prepared: Prepared) -> FlaskClient:
    client = visitor_client(app, visitor, prepared)
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client


def report(findings: dict[str, dict[str, str]]) -> str:
    lines = [f"{len(findings)} pages with Swedish words:"]
    for page, found in sorted(findings.items()):
        lines.append(f"{page}: {', '.join(sorted(found))}")
        lines += [f"    {word!r} in {line!r}" for word, line in sorted(found.items())]
    return "\n".join(lines)


def check(findings: dict[str, dict[str, str]], label: str, html: str, words) -> None:
    found = swedish_words(html, words)
    if found:
        findings[label] = found


def test_the_vocabulary_is_the_swedish_words_no_english_text_uses(tmp_path):
    catalog = tmp_path / "messages.po"
    catalog.write_text(TWO_ENTRIES, encoding="utf-8")
    assert swedish_only(catalog_pairs(catalog)) == {
        "spara",
        "utkast",
        "svar",
        "sparat",
        "sparade",
    }


def test_the_whole_catalogue_gives_the_common_swedish_words():
    words = vocabulary()
    assert {"spara", "avbryt", "självskattning", "och"} <= words
    assert "verktygslådan" not in words  # the same name in English


def test_what_a_person_reads_leaves_out_code_and_peoples_swedish():
    html = (
        '<html lang="en"><head><title>Results</title><style>p{}</style></head>'
        '<body><p>Saved <span lang="sv">Spara <b>mer</b></span> och</p><br>'
        '<img alt="Diagram"><input type="submit" value="Avbryt"><input value="x">'
        '<div lang="sv"><a title="Ändra">x</a></div><button aria-label="Stäng">'
        "<script>var spara = 1;</script></button>"
        '<select><option value="a">Alla</option></select></body></html>'
    )
    assert read_text(html).splitlines() == [
        "Results",
        "Saved",
        "och",
        "Diagram",
        "Avbryt",
        "Stäng",
        "Alla",
    ]


def test_a_title_is_read_without_the_swedish_the_page_marks():
    page = '<title>{} – Verktygslådan</title><h1 lang="sv">Föräldrarna är en del av teamet</h1>'
    assert read_text(page.format("Föräldrarna är en del av teamet")) == "– Verktygslådan"
    assert read_text(page.format("Redigera exemplet")) == "Redigera exemplet – Verktygslådan"


def test_a_chart_label_is_read_without_the_swedish_the_page_marks():
    table = '<th lang="sv">Område Medicin och diagnostik</th>'
    label = "<svg><text>{}</text><text>för få svar</text></svg>"
    assert read_text(table + label.format("Område Medicin och diagnostik")) == "för få svar"
    assert read_text(table + label.format("Index, Område Medicin och di…")) == (
        "Index,\nför få svar"
    )
    assert read_text(label.format("Direkt på enheten")) == "Direkt på enheten\nför få svar"


def test_options_code_and_typed_text_are_read_only_when_they_are_the_interfaces():
    html = (
        '<select><option lang="sv">Bild och funktion</option><option>Välj enhet</option>'
        "</select><p>Columns: <code>epost,namn</code></p><textarea>Chefen skriver</textarea>"
    )
    assert read_text(html).splitlines() == ["Välj enhet", "Columns:"]


def test_every_page_of_every_role_reads_english(demo_app, demo_seed, sites):
    words = vocabulary()
    findings: dict[str, dict[str, str]] = {}
    checked = 0
    for visitor in VISITORS:
        client = english_client(demo_app, visitor, demo_seed.prepared)
        for visit in sites[visitor].pages():
            response = client.get(visit.url)
            label = f"{visitor} GET {visit.url} ({visit.endpoint})"
            if response.status_code != 200:
                findings[label] = {"status": str(response.status_code)}
                continue
            check(findings, label, response.get_data(as_text=True), words)
            checked += 1
        missing = client.get("/finns-inte")
        assert missing.status_code == 404
        check(findings, f"{visitor} GET /finns-inte (404)", missing.get_data(as_text=True), words)
    print(report(findings))
    assert checked >= 100
    assert not findings, report(findings)


def blank(form: Form) -> list[tuple[str, str]]:
    """The form sent with every field a person fills in left empty, and the
    first named button, as a browser sends it."""
    sent = [(f.name, f.value if f.kind in KEPT else "") for f in form.fields]
    sent = [
        (name, value)
        for (name, value), f in zip(sent, form.fields, strict=True)
        if f.kind not in NOT_SENT
    ]
    button = next((f for f in form.fields if f.kind == "submit"), None)
    return sent + ([(button.name, button.value)] if button else [])


def fillable(form: Form) -> bool:
    return form.endpoint not in SKIPPED and any(f.kind not in KEPT + NOT_SENT for f in form.fields)


def answer_of(client: FlaskClient, response) -> tuple[int, str]:
    """The page a person sees after a post (the redirect followed)."""
    if response.status_code in REDIRECTS:
        response = client.get(response.headers["Location"])
    return response.status_code, response.get_data(as_text=True)


def test_every_form_posted_blank_answers_in_english(demo_app, demo_seed, site):
    words = vocabulary()
    findings: dict[str, dict[str, str]] = {}
    posted = 0
    for form in site.unique_forms():
        if not fillable(form):
            continue
        client = english_client(demo_app, form.role, demo_seed.prepared)
        shown = fresh(client, form)
        response = client.post(shown.action, data=MultiDict(blank(shown)))
        status, html = answer_of(client, response)
        label = f"{form.role} POST blank {form.action} ({form.endpoint})"
        if status >= 500:
            findings[label] = {"status": str(status)}
            continue
        check(findings, label, html, words)
        posted += 1
    print(report(findings))
    assert posted >= 40
    assert not findings, report(findings)


def test_a_saved_form_of_each_kind_flashes_in_english(demo_app, demo_seed, site):
    words = vocabulary()
    findings: dict[str, dict[str, str]] = {}
    saved = 0
    done: set[str] = set()
    for form in site.unique_forms():
        if form.endpoint in done or not fillable(form):
            continue
        client = english_client(demo_app, form.role, demo_seed.prepared)
        filled = fill(client, form)
        if not filled.saved:
            continue
        done.add(form.endpoint)
        response = client.get(filled.location)
        label = f"{form.role} POST saved {form.action} ({form.endpoint}) → {filled.location}"
        check(findings, label, response.get_data(as_text=True), words)
        saved += 1
    print(report(findings))
    assert saved >= 20
    assert not findings, report(findings)


def test_a_page_reports_each_swedish_word_in_its_context():
    html = (
        "<p>Choose a password for anna@example.se (see www.imy.se),"
        " a full-time post, via the link.</p>"
        "<p>What would you like to develop? (frivilligt)</p>"
        '<img alt="QR code for the answer page with the code UE7EN-9KDS4">'
    )
    assert swedish_words(html, vocabulary()) == {
        "frivilligt": "What would you like to develop? (frivilligt)"
    }
