"""Content is validated on load; Markdown is rendered and sanitised in one place."""

import shutil
from pathlib import Path

import pytest
from flask import session
from flask_babel import gettext

from toolbox.content import DONT_KNOW, SCALE, ContentError, get_content, load_content
from toolbox.web.markup import render_markdown, sanitise

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_the_shipped_content_loads():
    content = load_content(CONTENT)
    assert [a.key for a in content.areas] == ["ledarskap", "styrning", "kultur", "forutsattningar"]
    assert content.principle("handlingsutrymme").name == "Handlingsutrymme"
    assert len(content.principles) == 7
    assert set(content.pages) == {"om", "begrepp", "vem-ser-mina-svar", "tillganglighet", "hjalp"}
    for page in content.pages.values():
        assert page.title
        assert "<script" not in page.html


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("areas: [\n", "ogiltig YAML"),
        ("- a\n- b\n", "ska vara en mappning"),
        ("areas: []\nprinciples: []\n", "'areas' ska ha nycklarna"),
    ],
)
def test_broken_framework_names_file_and_problem(copy, text, message):
    (copy / "framework.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=message) as error:
        load_content(copy)
    assert "framework.yaml" in str(error.value)


def test_page_without_front_matter_or_title_is_refused(copy):
    (copy / "pages" / "om.md").write_text("Bara text\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"om\.md: front matter"):
        load_content(copy)
    (copy / "pages" / "om.md").write_text("---\nsummary: x\n---\nText\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"om\.md: fältet 'title'"):
        load_content(copy)


def test_missing_page_is_refused(copy):
    (copy / "pages" / "hjalp.md").unlink()
    with pytest.raises(ContentError, match=r"hjalp\.md: filen saknas|hjalp\.md"):
        load_content(copy)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[klick](javascript:alert(1))",
        "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
        "<svg><g onload=alert(1)></g></svg>",
        "<p style='background:url(javascript:alert(1))'>x</p>",
        "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_markdown_cannot_smuggle_active_content(payload):
    html = str(render_markdown(payload))
    for forbidden in (
        "<script",
        "onerror",
        "javascript:",
        "<svg",
        "style=",
        "<math",
        "<iframe",
        "data:text",
    ):
        assert forbidden not in html.lower(), (payload, html)


def test_links_get_rel_noopener_and_only_safe_protocols():
    html = str(
        render_markdown(
            "[Region](https://example.se) och [mejl](mailto:a@example.se)"
            " och [ftp](ftp://example.se)"
        )
    )
    assert 'href="https://example.se" rel="noopener noreferrer"' in html
    assert 'href="mailto:a@example.se"' in html
    assert "ftp://" not in html
    assert str(sanitise("<b>fet</b><u>u</u>")) == "<b>fet</b>u"


def test_the_shipped_content_has_english_beside_every_swedish_text():
    swedish, english = load_content(CONTENT, "sv"), load_content(CONTENT, "en")
    assert english.principle("handlingsutrymme").name == "Room to act"
    assert english.area("forutsattningar").name == "Conditions"
    assert english.pages["om"].title == "About trust-based leadership and governance"
    # A Swedish name on an English page is marked as Swedish.
    assert '(<span lang="sv">Tillitsdelegationen</span>)' in english.pages["om"].html
    # Answers are saved by set, version and key: the same in both languages.
    assert swedish.question_sets.keys() == english.question_sets.keys()
    for version, found in swedish.question_sets.items():
        other = english.question_sets[version]
        assert [q.key for q in found.questions] == [q.key for q in other.questions]
        assert [q.mirrors for q in found.questions] == [q.mirrors for q in other.questions]
        assert other.perspectives == found.perspectives
        for mine, theirs in zip(found.questions, other.questions, strict=True):
            assert mine.text != theirs.text
            assert bool(mine.hint) == bool(theirs.hint)


def without_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert line in text
    path.write_text(text.replace(line, "", 1), encoding="utf-8")


def test_a_missing_english_text_names_file_and_key(copy):
    without_line(copy / "framework.yaml", "      name: Trust\n")
    load_content(copy, "sv")
    with pytest.raises(ContentError, match=r"framework\.yaml: principles\[0\]\.en: fältet 'name'"):
        load_content(copy, "en")


def test_a_statement_without_english_is_refused(copy):
    path = copy / "questions" / "sjalvskattning" / "v1.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("        en:\n", text.index("- key: kultur-syfte"))
    end = text.index("      - key:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError, match=r"v1\.yaml: areas\[2\]\.questions\[0\]: 'en'"):
        load_content(copy, "en")


def test_a_perspective_without_english_is_refused(copy):
    path = copy / "questions" / "aterkoppling" / "v2.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("            chef: >-\n", text.index("My colleague gives"))
    end = text.index("      - key:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError, match=r"questions\[0\]\.en: 'texts' ska ha en text"):
        load_content(copy, "en")


def test_a_missing_english_page_is_refused(copy):
    (copy / "pages" / "en" / "begrepp.md").unlink()
    load_content(copy, "sv")
    with pytest.raises(ContentError, match=r"en/begrepp\.md: filen saknas"):
        load_content(copy, "en")


def test_pages_get_the_content_of_the_visitors_language(app):
    with app.test_request_context("/"):
        session["lang"] = "en"
        assert get_content().area("ledarskap").name == "Leadership"
    with app.test_request_context("/"):
        assert get_content().area("ledarskap").name == "Ledarskap"
    with app.app_context():
        assert get_content().principle("oppenhet").name == "Öppenhet"


def test_a_span_keeps_only_its_language():
    html = '<span lang="sv" onclick="steal()" style="color: red">Tillit</span>'
    assert sanitise(html) == '<span lang="sv">Tillit</span>'


def test_the_answer_scale_stays_swedish_and_is_translated_where_shown(app):
    assert SCALE[0][1] == "Stämmer inte alls"
    with app.test_request_context("/"):
        session["lang"] = "en"
        assert [gettext(label) for _, label in SCALE][::4] == ["Not true at all", "Completely true"]
        assert gettext(DONT_KNOW) == "Don't know / not applicable"
