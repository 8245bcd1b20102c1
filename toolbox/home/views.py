"""The home feature's blueprint: Min sida, the content pages, the language
choice and the health check. Handlers are in pages.py."""

from flask import Blueprint

from toolbox.home import pages, service, todos

bp = Blueprint("home", __name__)
GET, POST = ["GET"], ["POST"]

ROUTES = (
    ("/", "index", pages.index, GET),
    ("/kom-igang/dolj", "hide_checklist", pages.hide_checklist, POST),
    ("/sidor/<slug>", "page", pages.page, GET),
    ("/sidor/vem-ser-mina-svar/last", "mark_privacy_read", pages.mark_privacy_read, POST),
    ("/sprak", "choose_language", pages.choose_language, POST),
    ("/healthz", "healthz", pages.healthz, GET),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)

bp.record_once(lambda state: service.register(state.app, checklist=todos.account_checklist))
