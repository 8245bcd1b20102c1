"""The reflection feature's blueprint: /sjalvskattning. Handlers are in
overview.py (overview, start, reminder, export), steps.py (the form steps, the
review and submission) and pages.py (results and deletion)."""

from flask import Blueprint

from toolbox.home import service as home
from toolbox.reflection import overview, pages, steps, todos
from toolbox.web.routes import GET, POST, add_routes

bp = Blueprint("reflection", __name__, url_prefix="/sjalvskattning")

ROUTES = (
    ("/", "index", overview.index, GET),
    ("/ny", "start", overview.start, POST),
    ("/paminnelse", "set_reminder", overview.set_reminder, POST),
    ("/export", "export", overview.export, GET),
    ("/<int:reflection_id>/steg/<int:step>", "step", steps.step, GET),
    ("/<int:reflection_id>/steg/<int:step>", "save_step", steps.save_step, POST),
    ("/<int:reflection_id>/granska", "review", steps.review, GET),
    ("/<int:reflection_id>/skicka-in", "submit", steps.submit, POST),
    ("/<int:reflection_id>", "results", pages.results, GET),
    ("/<int:reflection_id>/utskrift", "print_view", pages.print_view, GET),
    ("/<int:reflection_id>/ta-bort", "confirm_delete", pages.confirm_delete, GET),
    ("/<int:reflection_id>/ta-bort", "delete", pages.delete, POST),
)
add_routes(bp, ROUTES)

bp.context_processor(overview.chart_helpers)
bp.record_once(lambda state: home.register(state.app, todos=todos.todos, checklist=todos.checklist))
