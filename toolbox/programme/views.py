"""The programme feature's blueprint: /program – the programme plan
(plan_views.py) and the återrapportering to the board (report_views.py)."""

from flask import Blueprint

from toolbox.programme import content, plan_views, report_views
from toolbox.web.routes import BOTH, GET, add_routes

bp = Blueprint("programme", __name__, url_prefix="/program")

ROUTES = (
    ("/", "index", plan_views.index, GET),
    ("/ny", "new", plan_views.edit, BOTH),
    ("/<int:activity_id>", "edit", plan_views.edit, BOTH),
    ("/aterrapportering", "report_page", report_views.page, BOTH),
    ("/aterrapportering/utskrift", "print_view", report_views.print_view, GET),
    ("/aterrapportering.docx", "download", report_views.download, GET),
)
add_routes(bp, ROUTES)

bp.record_once(lambda state: content.init_app(state.app))
