"""The admin feature's blueprint: /admin. Handlers are in views.py."""

from flask import Blueprint

from toolbox.admin import todos, views
from toolbox.home import service as home

bp = Blueprint("admin", __name__, url_prefix="/admin")
GET, POST, BOTH = ["GET"], ["POST"], ["GET", "POST"]

ROUTES = (
    ("/", "index", views.index, GET),
    ("/anvandare", "users", views.users, GET),
    ("/anvandare/ny", "new_user", views.new_user, BOTH),
    ("/anvandare/<int:user_id>", "edit_user", views.edit_user, BOTH),
    ("/anvandare/<int:user_id>/inbjudan", "invite_user", views.invite_user, POST),
    ("/enheter", "units", views.units, GET),
    ("/enheter/ny", "edit_unit", views.edit_unit, BOTH),
    ("/enheter/<int:unit_id>", "edit_unit", views.edit_unit, BOTH),
    ("/import", "import_org", views.import_org, BOTH),
    ("/logg", "audit_log", views.audit_log, GET),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)

bp.record_once(lambda state: home.register(state.app, todos=todos.todos))
