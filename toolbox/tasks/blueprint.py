"""The tasks feature's blueprint: /uppgifter. Handlers are in views.py."""

from flask import Blueprint

from toolbox.home import service as home
from toolbox.tasks import content, pages, views

bp = Blueprint("tasks", __name__, url_prefix="/uppgifter")
GET, POST, BOTH = ["GET"], ["POST"], ["GET", "POST"]

ROUTES = (
    ("/", "index", views.index, GET),
    ("/export.csv", "export", views.export, GET),
    ("/siffror", "figures_page", views.figures_page, GET),
    ("/ny", "new", views.new, BOTH),
    ("/<int:task_id>", "detail", views.detail, GET),
    ("/<int:task_id>/kommentarer", "comment", views.comment, POST),
    ("/<int:task_id>/andra", "edit", views.edit, BOTH),
    ("/<int:task_id>/beror-mig", "endorse", views.endorse, BOTH),
    ("/<int:task_id>/beror-mig/ta-bort", "unendorse", views.unendorse, POST),
    ("/<int:task_id>/steg/<step>", "step", views.step, BOTH),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)

bp.record_once(lambda state: content.init_app(state.app))
bp.record_once(lambda state: home.register(state.app, todos=pages.task_todos))
