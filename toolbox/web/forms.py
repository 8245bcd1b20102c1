"""The portal's form base: Flask-WTF's form, with WTForms' own messages (a
choice that is not offered, a date that is not one) in the visitor's language
from a catalogue read once per language, not once per request, and hidden
fields rendered without ids (a page often holds several forms, and an id must
be unique on the page; nothing refers to a hidden field by its id)."""

from functools import cache

from babel.support import Translations
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.i18n import messages_path
from wtforms.widgets import HiddenInput

from toolbox.web.language import current_locale


class PortalForm(FlaskForm):
    class Meta(FlaskForm.Meta):
        def get_translations(self, _form):
            return wtforms_translations(str(current_locale()))

    def hidden_tag(self, *fields) -> Markup:
        """The hidden fields (all, or those named), each without an id."""
        chosen = [getattr(self, f) if isinstance(f, str) else f for f in fields] or [
            f for f in self if isinstance(f.widget, HiddenInput)
        ]
        return Markup("\n").join(hidden_input(field) for field in chosen)


def hidden_input(field: Field) -> Markup:
    """A hidden field as WTForms' HiddenInput writes it with id=False, written
    directly: a page holds a dozen, and the widget's generic attribute
    formatting cost more than the rest of its forms. Any other field, or one
    with attributes of its own, is left to its widget."""
    if type(field.widget) is not HiddenInput or field.render_kw or "disabled" in field.flags:
        return field(id=False)
    name, value = escape(field.name), escape(field._value())
    return Markup(f'<input name="{name}" type="hidden" value="{value}">')  # noqa: S704 – escaped


@cache
def wtforms_translations(locale: str) -> Translations:
    return Translations.load(messages_path(), [locale], domain="wtforms")
