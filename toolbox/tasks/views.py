"""The tasks feature's blueprint: /uppgifter. Handlers are in register_views.py."""

from flask import Blueprint

from toolbox.home import service as home
from toolbox.tasks import content, pages, register_views
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("tasks", __name__, url_prefix="/uppgifter")

ROUTES = (
    ("/", "index", register_views.index, GET),
    ("/export.csv", "export", register_views.export, GET),
    ("/export.xlsx", "export_xlsx", register_views.export_xlsx, GET),
    ("/siffror", "figures_page", register_views.figures_page, GET),
    ("/ny", "new", register_views.new, BOTH),
    ("/<int:task_id>", "detail", register_views.detail, GET),
    ("/<int:task_id>/kommentarer", "comment", register_views.comment, POST),
    ("/<int:task_id>/andra", "edit", register_views.edit, BOTH),
    ("/<int:task_id>/beror-mig", "endorse", register_views.endorse, BOTH),
    ("/<int:task_id>/beror-mig/ta-bort", "unendorse", register_views.unendorse, POST),
    ("/<int:task_id>/steg/<step>", "step", register_views.step, BOTH),
)
add_routes(bp, ROUTES)

bp.record_once(lambda state: content.init_app(state.app))
bp.record_once(lambda state: home.register(state.app, todos=pages.task_todos))
