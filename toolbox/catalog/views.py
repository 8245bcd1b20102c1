"""The catalog's blueprint: /katalog. Handlers are in browse.py (everyone)
and manage.py (HR)."""

from flask import Blueprint

from toolbox.catalog import browse, manage, todos
from toolbox.home import service as home
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("catalog", __name__, url_prefix="/katalog")

ROUTES = (
    ("/", "index", browse.index, GET),
    ("/<slug>", "item", browse.item, GET),
    ("/<slug>/spara", "save", browse.save, POST),
    ("/plan", "plan", browse.plan, GET),
    ("/plan/<int:entry_id>/status", "plan_status", browse.plan_status, POST),
    ("/plan/<int:entry_id>/betyg", "plan_rating", browse.plan_rating, POST),
    ("/plan/<int:entry_id>/ta-bort", "plan_remove", browse.plan_remove, POST),
    ("/larvagar", "paths", browse.paths, GET),
    ("/larvagar/<slug>", "path", browse.path, GET),
    ("/larvagar/<slug>/starta", "start_path", browse.start_path, POST),
    ("/hantera", "manage", manage.manage, GET),
    ("/hantera/export.csv", "export", manage.export, GET),
    ("/hantera/export.xlsx", "export_xlsx", manage.export_xlsx, GET),
    ("/hantera/ny", "new_item", manage.new_item, BOTH),
    ("/hantera/<int:item_id>", "edit_item", manage.edit_item, BOTH),
    ("/hantera/<int:item_id>/granskning", "review_item", manage.review_item, POST),
    ("/hantera/larvagar", "manage_paths", manage.manage_paths, GET),
    ("/hantera/larvagar/ny", "edit_path", manage.edit_path, BOTH),
    ("/hantera/larvagar/<int:path_id>", "edit_path", manage.edit_path, BOTH),
)
add_routes(bp, ROUTES)

bp.record_once(lambda state: home.register(state.app, todos=todos.todos, checklist=todos.checklist))
