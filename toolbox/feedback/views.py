"""The feedback feature's blueprint: /aterkoppling. Handlers are in overview_views.py
(overview, new round, comparison), round_views.py (one round's pages) and
respond.py (the respondent's pages)."""

from flask import Blueprint

from toolbox.feedback import overview_views, respond, round_views, todos
from toolbox.home import service as home
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("feedback", __name__, url_prefix="/aterkoppling")

ROUTES = (
    ("/", "index", overview_views.index, GET),
    ("/ny", "new_round", overview_views.new_round, BOTH),
    ("/jamfor", "compare", overview_views.compare, GET),
    ("/omgangar/<int:round_id>", "round", round_views.round_page, GET),
    ("/omgangar/<int:round_id>/bjud-in", "invite", round_views.invite, BOTH),
    ("/omgangar/<int:round_id>/koder", "codes", round_views.codes, BOTH),
    ("/omgangar/<int:round_id>/koder/utskrift", "code_sheet", round_views.code_sheet, GET),
    ("/omgangar/<int:round_id>/koder/klar", "codes_done", round_views.codes_done, POST),
    ("/omgangar/<int:round_id>/sista-dag", "closing_date", round_views.closing_date, BOTH),
    ("/omgangar/<int:round_id>/paminn", "remind", round_views.remind, POST),
    ("/omgangar/<int:round_id>/avsluta", "close", round_views.close, POST),
    ("/omgangar/<int:round_id>/ta-bort", "cancel", round_views.cancel, BOTH),
    ("/omgangar/<int:round_id>/utskrift", "print_view", round_views.print_view, GET),
    ("/omgangar/<int:round_id>/rapport", "report", round_views.report, GET),
    ("/svar/<token>", "respond", respond.by_link, BOTH),
    ("/svara", "enter_code", respond.enter_code, BOTH),
    ("/svara/formular", "respond_code", respond.by_code, BOTH),
    ("/tack", "thanks", respond.thanks, GET),
)
add_routes(bp, ROUTES)

bp.context_processor(overview_views.labels)
bp.record_once(lambda state: home.register(state.app, todos=todos.todos, checklist=todos.checklist))
