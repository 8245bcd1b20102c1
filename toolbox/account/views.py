"""The account feature's blueprint: /konto/mina-uppgifter. Handlers are in
pages.py."""

from flask import Blueprint

from toolbox.account import pages
from toolbox.web.routes import GET, POST, add_routes

bp = Blueprint("account", __name__, url_prefix="/konto")

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
add_routes(bp, ROUTES)
