"""The admin feature's blueprint: /admin. Handlers are in pages.py."""

from flask import Blueprint

from toolbox.admin import pages, todos
from toolbox.home import service as home
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROUTES = (
    ("/", "index", pages.index, GET),
    ("/anvandare", "users", pages.users, GET),
    ("/anvandare/ny", "new_user", pages.new_user, BOTH),
    ("/anvandare/<int:user_id>", "edit_user", pages.edit_user, BOTH),
    ("/anvandare/<int:user_id>/inbjudan", "invite_user", pages.invite_user, POST),
    ("/enheter", "units", pages.units, GET),
    ("/enheter/ny", "edit_unit", pages.edit_unit, BOTH),
    ("/enheter/<int:unit_id>", "edit_unit", pages.edit_unit, BOTH),
    ("/import", "import_org", pages.import_org, BOTH),
    ("/logg", "audit_log", pages.audit_log, GET),
)
add_routes(bp, ROUTES)

bp.record_once(lambda state: home.register(state.app, todos=todos.todos))
