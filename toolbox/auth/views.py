"""The auth feature's blueprint: login, logout and passwords. Handlers are in
pages.py."""

from flask import Blueprint

from toolbox.auth import pages

bp = Blueprint("auth", __name__)
GET, POST, BOTH = ["GET"], ["POST"], ["GET", "POST"]

ROUTES = (
    ("/login", "login", pages.login, BOTH),
    ("/logout", "logout", pages.logout, POST),
    ("/konto/losenord", "change_password", pages.change_password, BOTH),
    ("/glomt-losenord", "forgot_password", pages.forgot_password, BOTH),
    ("/satt-losenord/<token>", "set_password", pages.set_password, BOTH),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)
