"""Content is validated on load; Markdown is rendered and sanitised in one place."""

import shutil
from pathlib import Path

import pytest

from toolbox.content import ContentError, load_content
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
