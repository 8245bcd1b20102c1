"""The visitor's language: the locale of a request, the translations of its
texts, and the gettext callables of the templates and of Python code.

One lookup a request: Flask-Babel finds the locale and the translations
through three context proxies on every call, and a page asks a few hundred
times (its texts, its numbers and dates). Here both are looked up once and
kept in `g`; `in_language` changes them for a block, as Flask-Babel's
`force_locale` does, and puts them back after."""

from collections.abc import Iterator
from contextlib import contextmanager

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context, has_request_context, session
from flask_babel import LazyString, force_locale, get_locale, get_translations
from jinja2.runtime import Context
from jinja2.utils import pass_context
from markupsafe import Markup

# Where a page's template context holds the request's translations.
TRANSLATIONS = "_translations"
# What `g` keeps for the request (or app context): its locale and translations.
KEPT = ("locale", "translations")
SWEDISH = Locale.parse("sv")
# N_ marks a text for the catalogue (one of pybabel extract's default
# keywords) and leaves it Swedish, for texts that are also stored or exported
# as written (role labels in the audit log, the answer scale in a download);
# pages translate them where they show them, with gettext.
N_ = str


def select_locale() -> str:
    """Swedish unless the visitor chose another language; Swedish outside a
    request too (the command line, a service run in an application context)."""
    chosen = session.get("lang") if has_request_context() else None
    return chosen if chosen in current_app.config["LANGUAGES"] else "sv"


def current_locale() -> Locale:
    """The locale for texts and Babel's formats; Swedish outside an app context."""
    if not has_app_context():
        return SWEDISH
    locale = g.get("locale")
    if locale is None:
        locale = g.locale = get_locale() or SWEDISH
    return locale


def context_translations() -> NullTranslations:
    """Flask-Babel's translations for this request (or app context), kept in `g`."""
    if not has_app_context():
        return NullTranslations()
    translations = g.get("translations")
    if translations is None:
        translations = g.translations = get_translations()
    return translations


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Texts and formats in `language` inside the block (a record or a
    message kept in Swedish whoever sends it)."""
    with force_locale(language):
        if not has_app_context():
            yield
            return
        kept = {name: g.pop(name, None) for name in KEPT}
        try:
            yield
        finally:
            for name, value in kept.items():
                g.pop(name, None)
                if value is not None:
                    setattr(g, name, value)


# Python code's gettext calls: Flask-Babel's, with the one lookup.


def gettext(string: str, **variables) -> str:
    text = context_translations().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return context_translations().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables) -> LazyString:
    """A text translated where it is used (a form label, a constant)."""
    return LazyString(gettext, string, **variables)


def template_translations(context: Context) -> NullTranslations:
    """The page's translations from its context; a macro imported without
    context has none there and looks them up in `g`."""
    translations = context.get(TRANSLATIONS)
    return context_translations() if translations is None else translations


# The template callables do what Jinja's new-style wrappers do (the result
# marked safe under autoescape, then always formatted with the named
# variables, so that "%%" reads "%" everywhere), in one call: `_` is
# `gettext` itself rather than an alias looking it up in the context, and
# neither goes through `Context.call` twice more (a list page makes a hundred
# of these calls).


def _finish(context: Context, text: str, variables: dict) -> str:
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 – the catalogue's text, not a visitor's
    # A text without "%" formats to itself: most calls skip the formatting.
    return text % variables if variables or "%" in text else text


@pass_context
def template_gettext(context: Context, string: str, **variables) -> str:
    return _finish(context, template_translations(context).ugettext(string), variables)


@pass_context
def template_ngettext(context: Context, singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    text = template_translations(context).ungettext(singular, plural, num)
    return _finish(context, text, variables)


@pass_context
def template_pgettext(context: Context, message_context: str, string: str, **variables) -> str:
    variables.setdefault("context", message_context)
    text = template_translations(context).upgettext(message_context, string)
    return _finish(context, text, variables)


@pass_context
def template_npgettext(
    context: Context, message_context: str, singular: str, plural: str, num: int, **variables
) -> str:
    variables.setdefault("context", message_context)
    variables.setdefault("num", num)
    text = template_translations(context).unpgettext(message_context, singular, plural, num)
    return _finish(context, text, variables)


def translations_for_page() -> dict[str, NullTranslations]:
    """Context processor: a page's strings then skip the lookup in `g`. A
    template rendered outside a request (a mail from the command line) looks
    them up only if it has strings to translate, as before."""
    return {TRANSLATIONS: context_translations()} if has_request_context() else {}


def init_app(app: Flask) -> None:
    """Replaces the callables Flask-Babel installed: the same calls, new-style
    (`{% trans %}` blocks leave the formatting to them), one lookup."""
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(
        _=template_gettext,
        gettext=template_gettext,
        ngettext=template_ngettext,
        pgettext=template_pgettext,
        npgettext=template_npgettext,
    )
    app.context_processor(translations_for_page)
