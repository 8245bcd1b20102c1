"""The portal's form base: Flask-WTF's form, with WTForms' own messages (a
choice that is not offered, a date that is not one) in the visitor's language
from a catalogue read once per language, not once per request."""

from functools import cache

from babel.support import Translations
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path


class PortalForm(FlaskForm):
    class Meta(FlaskForm.Meta):
        def get_translations(self, _form):
            return wtforms_translations(str(get_locale()))


@cache
def wtforms_translations(locale: str) -> Translations:
    return Translations.load(messages_path(), [locale], domain="wtforms")
