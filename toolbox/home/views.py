"""The home feature's blueprint: Min sida, the content pages, the language
choice and the health check. Handlers are in pages.py."""

from flask import Blueprint

from toolbox.home import pages, service, todos
from toolbox.web.routes import GET, POST, add_routes

bp = Blueprint("home", __name__)

ROUTES = (
    ("/", "index", pages.index, GET),
    ("/kom-igang/dolj", "hide_checklist", pages.hide_checklist, POST),
    ("/sidor/<slug>", "page", pages.page, GET),
    ("/sidor/vem-ser-mina-svar/last", "mark_privacy_read", pages.mark_privacy_read, POST),
    ("/sprak", "choose_language", pages.choose_language, POST),
    ("/healthz", "healthz", pages.healthz, GET),
)
add_routes(bp, ROUTES)

bp.record_once(lambda state: service.register(state.app, checklist=todos.account_checklist))
