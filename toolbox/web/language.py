"""The visitor's language: the locale of a request, and the gettext callables
of the templates, which look the request's translations up once (a list page
asks for a hundred strings) instead of once per string."""

from babel.support import NullTranslations
from flask import Flask, current_app, g, has_request_context, session
from flask_babel import get_translations
from jinja2.runtime import Context
from jinja2.utils import pass_context

# Where a page's template context holds the request's translations.
TRANSLATIONS = "_translations"


def select_locale() -> str:
    """Swedish unless the visitor chose another language (outside a request,
    as in cron's mails and reports, Swedish)."""
    chosen = session.get("lang") if has_request_context() else None
    return chosen if chosen in current_app.config["LANGUAGES"] else "sv"


def context_translations() -> NullTranslations:
    """Flask-Babel's translations for this request (or app context), kept in `g`."""
    translations = g.get("translations")
    if translations is None:
        translations = g.translations = get_translations()
    return translations


def template_translations(context: Context) -> NullTranslations:
    """The page's translations from its context; a macro imported without
    context has none there and looks them up in `g`."""
    translations = context.get(TRANSLATIONS)
    return context_translations() if translations is None else translations


@pass_context
def gettext(context: Context, string: str) -> str:
    return template_translations(context).ugettext(string)


@pass_context
def ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return template_translations(context).ungettext(singular, plural, n)


@pass_context
def pgettext(context: Context, message_context: str, string: str) -> str:
    return template_translations(context).upgettext(message_context, string)


@pass_context
def npgettext(context: Context, message_context: str, singular: str, plural: str, n: int) -> str:
    return template_translations(context).unpgettext(message_context, singular, plural, n)


def translations_for_page() -> dict[str, NullTranslations]:
    """Context processor: a page's strings then skip the lookup in `g`. A
    template rendered outside a request (a mail from the command line) looks
    them up only if it has strings to translate, as before."""
    return {TRANSLATIONS: context_translations()} if has_request_context() else {}


def init_app(app: Flask) -> None:
    """Replaces the callables Flask-Babel installed; the same calls, one lookup."""
    app.jinja_env.install_gettext_callables(
        gettext=gettext, ngettext=ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )
    app.context_processor(translations_for_page)
