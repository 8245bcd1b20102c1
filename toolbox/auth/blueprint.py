"""The auth feature's blueprint: login, logout and passwords. Handlers are in
views.py."""

from flask import Blueprint

from toolbox.auth import views

bp = Blueprint("auth", __name__)
GET, POST, BOTH = ["GET"], ["POST"], ["GET", "POST"]

ROUTES = (
    ("/login", "login", views.login, BOTH),
    ("/logout", "logout", views.logout, POST),
    ("/konto/losenord", "change_password", views.change_password, BOTH),
    ("/glomt-losenord", "forgot_password", views.forgot_password, BOTH),
    ("/satt-losenord/<token>", "set_password", views.set_password, BOTH),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)
