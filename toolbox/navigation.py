"""The main menu: one table, filtered by the user's roles and by which
features are installed; and the addresses of the layout's fixed links.

Every page shows them, so the menu's entries (labels and addresses) are
worked out once per role set and language, and the fixed links once, and
kept on the app; a request only marks which menu entry is current."""

from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from toolbox.security import PUBLIC, SIGNED_IN, access_for


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


# (label, endpoint, URL prefix that marks it current)
MENU = (
    (_l("Min sida"), "home.index", None),
    (_l("Katalog"), "catalog.index", "/katalog"),
    (_l("Självskattning"), "reflection.index", "/sjalvskattning"),
    (_l("Återkoppling"), "feedback.index", "/aterkoppling"),
    (_l("Administrativa uppgifter"), "tasks.index", "/uppgifter"),
    (_l("Gapanalys"), "analysis.index", "/analys"),
    (_l("Goda exempel"), "examples.index", "/goda-exempel"),
    (_l("Administration"), "admin.index", "/admin"),
)
MENU_CACHE_KEY = "toolbox.menu"
URL_CACHE_KEY = "toolbox.site_urls"
# Role sets × languages × mount points, or links × mount points: a handful in
# practice; a bound all the same.
CACHE_LIMIT = 256

Entry = tuple[str, str, str | None]


def menu_entries(app: Flask, roles: frozenset[str]) -> tuple[Entry, ...]:
    """(label, url, prefix) of the entries these roles may use, in the
    request's language; computed in a request context."""
    entries = []
    for label, endpoint, prefix in MENU:
        access = access_for(app, endpoint) if endpoint in app.view_functions else None
        if access is None:
            continue
        if access not in (PUBLIC, SIGNED_IN) and not access & roles:
            continue
        entries.append((str(label), url_for(endpoint), prefix))
    return tuple(entries)


def cached_entries(roles: frozenset[str]) -> tuple[Entry, ...]:
    app = current_app._get_current_object()
    cache = app.extensions[MENU_CACHE_KEY]
    # The addresses depend on where the app is mounted, the labels on the language.
    key = (roles, str(get_locale()), request.script_root)
    entries = cache.get(key)
    if entries is None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        entries = cache[key] = menu_entries(app, roles)
    return entries


def navigation() -> list[NavItem]:
    roles = frozenset(current_user.roles) if current_user.is_authenticated else frozenset()
    path = request.path
    return [
        NavItem(label, url, path.startswith(prefix) if prefix else path == "/")
        for label, url, prefix in cached_entries(roles)
    ]


def site_url(endpoint: str, **values: str) -> str:
    """url_for for a link that is the same on every page (a static file, a
    footer page); kept per mount point."""
    cache = current_app.extensions[URL_CACHE_KEY]
    key = (request.script_root, endpoint, *sorted(values.items()))
    url = cache.get(key)
    if url is None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        url = cache[key] = url_for(endpoint, **values)
    return url


def init_app(app: Flask) -> None:
    app.extensions[MENU_CACHE_KEY] = {}
    app.extensions[URL_CACHE_KEY] = {}
    app.jinja_env.globals.update(navigation=navigation, site_url=site_url)
