"""The auth feature's blueprint: login (with a password or the region's
identity provider), logout and passwords. Handlers are in pages.py and
sso_pages.py."""

from flask import Blueprint

from toolbox.auth import pages, sso_pages
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("auth", __name__)

ROUTES = (
    ("/login", "login", pages.login, BOTH),
    ("/login/sso", "sso_start", sso_pages.sso_start, GET),
    ("/login/sso/callback", "sso_callback", sso_pages.sso_callback, GET),
    ("/logout", "logout", pages.logout, POST),
    ("/konto/losenord", "change_password", pages.change_password, BOTH),
    ("/glomt-losenord", "forgot_password", pages.forgot_password, BOTH),
    ("/satt-losenord/<token>", "set_password", pages.set_password, BOTH),
)
add_routes(bp, ROUTES)
