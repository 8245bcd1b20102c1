"""The main menu: one table, filtered by the user's roles and by which
features are installed."""

from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
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


def navigation() -> list[NavItem]:
    items = []
    for label, endpoint, prefix in MENU:
        access = (
            access_for(current_app, endpoint) if endpoint in current_app.view_functions else None
        )
        if access is None:
            continue
        if access not in (PUBLIC, SIGNED_IN) and not current_user.has_role(*access):
            continue
        current = request.path.startswith(prefix) if prefix else request.path == "/"
        items.append(NavItem(str(label), url_for(endpoint), current))
    return items


def init_app(app: Flask) -> None:
    app.jinja_env.globals["navigation"] = navigation
