"""The auth feature's blueprint: login, logout and passwords. Handlers are in
pages.py."""

from flask import Blueprint

from toolbox.auth import pages
from toolbox.web.routes import BOTH, POST, add_routes

bp = Blueprint("auth", __name__)

ROUTES = (
    ("/login", "login", pages.login, BOTH),
    ("/logout", "logout", pages.logout, POST),
    ("/konto/losenord", "change_password", pages.change_password, BOTH),
    ("/glomt-losenord", "forgot_password", pages.forgot_password, BOTH),
    ("/satt-losenord/<token>", "set_password", pages.set_password, BOTH),
)
add_routes(bp, ROUTES)
