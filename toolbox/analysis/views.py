"""The analysis blueprint: /analys. Handlers are in dashboards.py (the
figures) and planning.py (goals and actions)."""

from flask import Blueprint

from toolbox.analysis import dashboards, planning, todos
from toolbox.home import service as home
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("analysis", __name__, url_prefix="/analys")

ROUTES = (
    ("/", "index", dashboards.index, GET),
    ("/skattning", "reflection", dashboards.reflection, GET),
    ("/forutsattningar", "conditions", dashboards.conditions, GET),
    ("/goda-exempel", "examples", dashboards.examples, GET),
    ("/katalog", "catalog", dashboards.catalog, GET),
    ("/export.csv", "export", dashboards.export, GET),
    ("/export.xlsx", "export_xlsx", dashboards.export_xlsx, GET),
    ("/mal/ny", "edit_goal", planning.edit_goal, BOTH),
    ("/mal/<int:goal_id>", "edit_goal", planning.edit_goal, BOTH),
    ("/mal/<int:goal_id>/ta-bort", "delete_goal", planning.delete_goal, POST),
    ("/atgarder/ny", "edit_action", planning.edit_action, BOTH),
    ("/atgarder/<int:action_id>", "edit_action", planning.edit_action, BOTH),
)
add_routes(bp, ROUTES)

bp.record_once(lambda state: home.register(state.app, todos=todos.todos))
