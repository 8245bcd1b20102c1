"""Template strings in the visitor's language: in a page, in a macro imported
without context, with plurals, placeholders and escaping."""

from flask import render_template_string, session

from toolbox.web.filters import decimal
from toolbox.web.language import (
    TRANSLATIONS,
    current_locale,
    gettext,
    in_language,
    lazy_gettext,
    ngettext,
)

PAGE = (
    '{% from "macros/ui.html" import data_table %}'
    "{{ _('Föregående') }}|{{ ngettext('%(num)s exempel', '%(num)s exempel', 2) }}|"
    "{{ _('Sida %(page)s av %(pages)s, %(total)s träffar', page=1, pages=2, total='<b>') }}|"
    "{{ pgettext('ingen', 'Föregående') }}|"
    "{{ data_table('T', ['A'], []) }}"
)


def render(app, language: str) -> str:
    with app.test_request_context("/"):
        session["lang"] = language
        return render_template_string(PAGE)


def test_strings_in_pages_and_macros_follow_the_language(app):
    english = render(app, "en")
    assert english.startswith(
        "Previous|2 examples|Page 1 of 2, &lt;b&gt; results|Föregående|"
    )  # no such context
    assert "Nothing to show." in english
    swedish = render(app, "sv")
    assert swedish.startswith("Föregående|2 exempel|Sida 1 av 2, &lt;b&gt; träffar|Föregående|")
    assert "Inget att visa." in swedish


def test_a_page_gets_the_requests_translations_once(app):
    with app.test_request_context("/"):
        session["lang"] = "en"
        context = {}
        app.update_template_context(context)
        assert context[TRANSLATIONS].ugettext("Föregående") == "Previous"


def test_a_template_without_strings_renders_outside_a_request(app):
    with app.app_context():
        assert render_template_string("{{ 1 + 1 }}") == "2"


def test_python_texts_follow_the_language_and_a_block_in_swedish(app):
    """gettext, ngettext and lazy texts in Python code read the request's
    language, kept for the request; in_language changes it for a block (a
    record kept in Swedish) – templates and numbers too – and puts it back."""
    label = lazy_gettext("Föregående")
    with app.test_request_context("/"):
        session["lang"] = "en"
        assert (gettext("Föregående"), str(label), decimal(2.5)) == ("Previous", "Previous", "2.5")
        assert ngettext("%(num)s exempel", "%(num)s exempel", 2) == "2 examples"
        with in_language("sv"):
            assert (gettext("Föregående"), str(label), decimal(2.5)) == ("Föregående",) * 2 + (
                "2,5",
            )
            assert render_template_string("{{ _('Föregående') }}") == "Föregående"
            assert str(current_locale()) == "sv"
        assert (gettext("Föregående"), str(label), decimal(2.5)) == ("Previous", "Previous", "2.5")
        assert render_template_string("{{ _('Föregående') }}") == "Previous"
    with app.app_context():
        assert gettext("Föregående") == "Föregående"
    assert (gettext("Föregående"), str(current_locale())) == ("Föregående", "sv")
