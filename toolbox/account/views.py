"""The account feature's blueprint: /konto/mina-uppgifter. Handlers are in
pages.py."""

from flask import Blueprint

from toolbox.account import pages

bp = Blueprint("account", __name__, url_prefix="/konto")
GET, POST = ["GET"], ["POST"]

ROUTES = (
    ("/mina-uppgifter", "data", pages.data, GET),
    ("/mina-uppgifter", "download", pages.download, POST),
    (
        "/mina-uppgifter/radera-sjalvskattningar",
        "delete_reflections",
        pages.delete_reflections,
        POST,
    ),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)
