"""Template strings in the visitor's language: in a page, in a macro imported
without context, with plurals, placeholders and escaping."""

from flask import render_template_string, session

from toolbox.web.language import TRANSLATIONS

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
