"""The home feature's blueprint: Min sida, the content pages, the language
choice and the health check. Handlers are in views.py."""

from flask import Blueprint

from toolbox.home import service, todos, views

bp = Blueprint("home", __name__)
GET, POST = ["GET"], ["POST"]

ROUTES = (
    ("/", "index", views.index, GET),
    ("/kom-igang/dolj", "hide_checklist", views.hide_checklist, POST),
    ("/sidor/<slug>", "page", views.page, GET),
    ("/sidor/vem-ser-mina-svar/last", "mark_privacy_read", views.mark_privacy_read, POST),
    ("/sprak", "choose_language", views.choose_language, POST),
    ("/healthz", "healthz", views.healthz, GET),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)

bp.record_once(lambda state: service.register(state.app, checklist=todos.account_checklist))
