"""The visitor's language: the locale of a request, and the gettext callables
of the templates, which look the request's translations up once (a list page
asks for a hundred strings) instead of once per string."""

from babel.support import NullTranslations
from flask import Flask, current_app, g, session
from flask_babel import get_translations


def select_locale() -> str:
    """Swedish unless the visitor chose another language."""
    chosen = session.get("lang")
    return chosen if chosen in current_app.config["LANGUAGES"] else "sv"


def context_translations() -> NullTranslations:
    """Flask-Babel's translations for this request (or app context), kept in `g`."""
    if "translations" not in g:
        g.translations = get_translations()
    return g.translations


def init_app(app: Flask) -> None:
    """Replaces the callables Flask-Babel installed; the same calls, one lookup."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: context_translations().ugettext(s),
        ngettext=lambda s, p, n: context_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: context_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: context_translations().unpgettext(c, s, p, n),
    )
