"""The examples feature's blueprint: /goda-exempel. Handlers are in case_views.py
(the library), contact_views.py (the contact's pages), hr_views.py and
package_views.py (HR's pages)."""

from flask import Blueprint

from toolbox.examples import case_views, contact_views, hr_views, package_views, todos
from toolbox.home import service as home
from toolbox.web.routes import BOTH, GET, POST, add_routes

bp = Blueprint("examples", __name__, url_prefix="/goda-exempel")

ROUTES = (
    ("/", "index", case_views.index, GET),
    ("/case/<int:case_id>", "case", case_views.case, GET),
    ("/mina", "mine", contact_views.mine, GET),
    ("/mina/<int:example_id>", "answer_mine", contact_views.answer_mine, BOTH),
    ("/insamlingar/<int:collection_id>/foresla", "propose", contact_views.propose, BOTH),
    ("/svar/<token>", "respond", contact_views.respond, BOTH),
    ("/insamlingar", "collections", hr_views.collections, GET),
    ("/insamlingar/ny", "edit_collection", hr_views.edit_collection, BOTH),
    ("/insamlingar/<int:collection_id>", "collection", hr_views.collection, GET),
    ("/insamlingar/<int:collection_id>/andra", "edit_collection", hr_views.edit_collection, BOTH),
    ("/insamlingar/<int:collection_id>/bjud-in", "invite", hr_views.invite, BOTH),
    ("/insamlingar/<int:collection_id>/paminn", "remind", hr_views.remind, POST),
    ("/exempel/<int:example_id>", "example", hr_views.example, GET),
    ("/exempel/<int:example_id>/paminn", "remind_one", hr_views.remind_one, POST),
    ("/exempel/<int:example_id>/ny-lank", "new_link", hr_views.new_link, POST),
    ("/exempel/<int:example_id>/fragor", "add_followup", hr_views.add_followup, POST),
    ("/exempel/<int:example_id>/fragor/skicka", "send_followups", hr_views.send_followups, POST),
    (
        "/exempel/<int:example_id>/fragor/<int:followup_id>/ta-bort",
        "delete_followup",
        hr_views.delete_followup,
        POST,
    ),
    ("/exempel/<int:example_id>/ta-bort", "remove", hr_views.remove, BOTH),
    ("/exempel/<int:example_id>/case", "edit_case", package_views.edit_case, BOTH),
    ("/case/<int:case_id>/publicera", "publish", package_views.publish, POST),
    ("/case/<int:case_id>/avpublicera", "unpublish", package_views.unpublish, POST),
    ("/insamlingar/<int:collection_id>/rapport", "report", package_views.report, BOTH),
    (
        "/insamlingar/<int:collection_id>/rapport/utskrift",
        "report_print",
        package_views.report_print,
        GET,
    ),
    ("/insamlingar/<int:collection_id>/leverera", "deliver", package_views.deliver, POST),
    ("/insamlingar/<int:collection_id>/ater-oppna", "reopen", package_views.reopen, POST),
)
add_routes(bp, ROUTES)

bp.context_processor(case_views.helpers)
bp.record_once(lambda state: home.register(state.app, todos=todos.todos))
