"""The reflection feature's blueprint: /sjalvskattning. Handlers are in
views.py (overview, start, reminder, export), steps.py (the form steps, the
review and submission) and pages.py (results and deletion)."""

from flask import Blueprint

from toolbox.home import service as home
from toolbox.reflection import pages, steps, todos, views

bp = Blueprint("reflection", __name__, url_prefix="/sjalvskattning")
GET, POST = ["GET"], ["POST"]

ROUTES = (
    ("/", "index", views.index, GET),
    ("/ny", "start", views.start, POST),
    ("/paminnelse", "set_reminder", views.set_reminder, POST),
    ("/export", "export", views.export, GET),
    ("/<int:reflection_id>/steg/<int:step>", "step", steps.step, GET),
    ("/<int:reflection_id>/steg/<int:step>", "save_step", steps.save_step, POST),
    ("/<int:reflection_id>/granska", "review", steps.review, GET),
    ("/<int:reflection_id>/skicka-in", "submit", steps.submit, POST),
    ("/<int:reflection_id>", "results", pages.results, GET),
    ("/<int:reflection_id>/utskrift", "print_view", pages.print_view, GET),
    ("/<int:reflection_id>/ta-bort", "confirm_delete", pages.confirm_delete, GET),
    ("/<int:reflection_id>/ta-bort", "delete", pages.delete, POST),
)
for rule, endpoint, handler, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view_func=handler, methods=methods)

bp.context_processor(views.chart_helpers)
bp.record_once(lambda state: home.register(state.app, todos=todos.todos, checklist=todos.checklist))
