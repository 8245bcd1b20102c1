"""The main menu: one table, filtered by the user's roles and by which
features are installed; and the addresses of the layout's fixed links.

Every page shows them, so the menu's entries (labels and addresses) are
worked out once per role set and language, and the fixed links once, and
kept on the app; a request only marks which menu entry is current."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask, current_app, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from toolbox.web.language import current_locale
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.security import PUBLIC, SIGNED_IN, access_for


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
    # HR reaches this one page of the analysis only; those who see Gapanalys
    # find it there (an entry under a shown entry's address is left out).
    (_l("Katalogens täckning"), "analysis.catalog", "/analys/katalog"),
    (_l("Goda exempel"), "examples.index", "/goda-exempel"),
    (_l("Ledningsgrupp"), "teams.index", "/ledningsgrupp"),
    (_l("Program"), "programme.index", "/program"),
    (_l("Administration"), "admin.index", "/admin"),
)
# Each kept on the app, by name: the menu's entries, the fixed links and the
# rendered menu and footer.
CACHES = ("toolbox.menu", "toolbox.site_urls", "toolbox.layout")
MENU_CACHE_KEY, URL_CACHE_KEY, LAYOUT_CACHE_KEY = CACHES
# Role sets × languages × mount points (× current entries), or links × mount
# points: a handful in practice; a bound all the same.
CACHE_LIMIT = 256

Entry = tuple[str, str, str | None]
T = TypeVar("T")


def kept(cache_name: str, key: tuple, make: Callable[[], T]) -> T:
    """What `make` returns for `key`, made once per app and kept."""
    cache = current_app.extensions[cache_name]
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        found = cache[key] = make()
    return found


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
        if prefix and any(shown and prefix.startswith(shown + "/") for *_, shown in entries):
            continue
        entries.append((str(label), url_for(endpoint), prefix))
    return tuple(entries)


def cached_entries(roles: frozenset[str]) -> tuple[Entry, ...]:
    # The addresses depend on where the app is mounted, the labels on the language.
    key = (roles, str(current_locale()), request.script_root)
    app = current_app._get_current_object()
    return kept(MENU_CACHE_KEY, key, lambda: menu_entries(app, roles))


def user_roles() -> frozenset[str]:
    return frozenset(current_user.roles) if current_user.is_authenticated else frozenset()


def navigation() -> list[NavItem]:
    path = request.path
    return [
        NavItem(label, url, path.startswith(prefix) if prefix else path == "/")
        for label, url, prefix in cached_entries(user_roles())
    ]


def main_menu() -> Markup:
    """The main menu rendered, once per role set, language, mount point and
    current entry."""
    items = navigation()
    current = next((n for n, item in enumerate(items) if item.current), None)
    key = (user_roles(), str(current_locale()), request.script_root, current)
    return kept(LAYOUT_CACHE_KEY, key, lambda: rendered("layout/menu.html", items=items))


def site_footer() -> Markup:
    """The footer rendered, once per language and mount point."""
    key = ("footer", str(current_locale()), request.script_root)
    return kept(LAYOUT_CACHE_KEY, key, lambda: rendered("layout/footer.html"))


def rendered(template: str, **context) -> Markup:
    return Markup(render_template(template, **context).strip())  # noqa: S704 - Jinja's output


def site_url(endpoint: str, **values: str) -> str:
    """url_for for a link that is the same on every page (a static file, a
    footer page); kept per mount point."""
    key = (request.script_root, endpoint, *sorted(values.items()))
    return kept(URL_CACHE_KEY, key, lambda: url_for(endpoint, **values))


def init_app(app: Flask) -> None:
    for name in CACHES:
        app.extensions[name] = {}
    app.jinja_env.globals.update(
        navigation=navigation, site_url=site_url, main_menu=main_menu, site_footer=site_footer
    )
