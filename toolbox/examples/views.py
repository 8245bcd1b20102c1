"""/goda-exempel: the library of published cases for every role, and the URL
map of the feature. HR's pages are in hr_views and package_views, the
contact's pages in contact_views; each view declares its own access."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from toolbox import clock
from toolbox.catalog.service import related
from toolbox.content import PRINCIPLE_KEYS, get_content
from toolbox.examples import contact_views, contacts, hr_views, package_views, packaging, service
from toolbox.examples.models import CONTACT_WAYS, STEP_LABELS, ExampleCase
from toolbox.extensions import db
from toolbox.home import service as home
from toolbox.web.filters import long_date
from toolbox.web.markup import render_markdown
from toolbox.web.security import allow_any_role

bp = Blueprint("examples", __name__, url_prefix="/goda-exempel")
PER_PAGE = 20
GET, BOTH = ["GET"], ["GET", "POST"]
POST = ["POST"]

ROUTES = (
    ("/mina", contact_views.mine, GET),
    ("/mina/<int:example_id>", contact_views.answer_mine, BOTH),
    ("/insamlingar/<int:collection_id>/foresla", contact_views.propose, BOTH),
    ("/svar/<token>", contact_views.respond, BOTH),
    ("/insamlingar", hr_views.collections, GET),
    ("/insamlingar/<int:collection_id>", hr_views.collection, GET),
    ("/insamlingar/<int:collection_id>/andra", hr_views.edit_collection, BOTH),
    ("/insamlingar/<int:collection_id>/bjud-in", hr_views.invite, BOTH),
    ("/insamlingar/<int:collection_id>/paminn", hr_views.remind, POST),
    ("/exempel/<int:example_id>", hr_views.example, GET),
    ("/exempel/<int:example_id>/paminn", hr_views.remind_one, POST),
    ("/exempel/<int:example_id>/ny-lank", hr_views.new_link, POST),
    ("/exempel/<int:example_id>/fragor", hr_views.add_followup, POST),
    ("/exempel/<int:example_id>/fragor/skicka", hr_views.send_followups, POST),
    ("/exempel/<int:example_id>/fragor/<int:followup_id>/ta-bort", hr_views.delete_followup, POST),
    ("/exempel/<int:example_id>/ta-bort", hr_views.remove, BOTH),
    ("/exempel/<int:example_id>/case", package_views.edit_case, BOTH),
    ("/case/<int:case_id>/publicera", package_views.publish, POST),
    ("/case/<int:case_id>/avpublicera", package_views.unpublish, POST),
    ("/insamlingar/<int:collection_id>/rapport", package_views.report, BOTH),
    ("/insamlingar/<int:collection_id>/rapport/utskrift", package_views.report_print, GET),
    ("/insamlingar/<int:collection_id>/leverera", package_views.deliver, POST),
    ("/insamlingar/<int:collection_id>/ater-oppna", package_views.reopen, POST),
)
for rule, view, methods in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=methods)
bp.add_url_rule(
    "/insamlingar/ny",
    view_func=hr_views.edit_collection,
    methods=BOTH,
    defaults={"collection_id": None},
)


@bp.context_processor
def helpers() -> dict:
    content = get_content()
    return {
        "markdown": render_markdown,
        "area_name": lambda key: content.area(key).name,
        "principle_name": lambda key: content.principle(key).name,
        "case_areas": packaging.CASE_AREAS,
        "step_labels": STEP_LABELS,
        "contact_ways": CONTACT_WAYS,
    }


@bp.get("/")
@allow_any_role
def index():
    """The library: published cases by area, principle and words."""
    area = request.args.get("omrade", "")
    area = area if area in packaging.CASE_AREAS else ""
    principle = request.args.get("princip", "")
    principle = principle if principle in PRINCIPLE_KEYS else ""
    search = request.args.get("q", "").strip()[:100]
    query = packaging.library_query(area or None, principle or None, search)
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template(
        "examples/index.html",
        page=page,
        area=area,
        principle=principle,
        search=search,
        principles=get_content().principles,
        filtered=bool(area or principle or search),
    )


@bp.get("/case/<int:case_id>")
@allow_any_role
def case(case_id: int):
    found = db.session.get(ExampleCase, case_id)
    if not packaging.visible_case(found, current_user):
        abort(404)
    areas = [lesson.area for lesson in found.lessons]
    return render_template(
        "examples/case.html", case=found, related=related(areas, found.principles)
    )


def todos(user) -> list[home.Todo]:
    """Min sida: steps waiting for a manager; collections under way for HR."""
    on = clock.today()
    found = []
    if user.has_role("chef"):
        for example, step in contacts.waiting_for_contact(user, on):
            collection = example.collection
            found.append(
                home.Todo(
                    f"Goda exempel – {STEP_LABELS[step].lower()} för {example.unit_name} "
                    f"({collection.title}), senast {long_date(collection.due(step))}.",
                    url_for("examples.answer_mine", example_id=example.id),
                    "Svara",
                )
            )
    if user.has_role("hr"):
        for row in service.collections_overview(on):
            collection = row.collection
            if collection.delivered_at is not None:
                continue
            delivery = long_date(collection.delivery_date)
            text = f"Insamlingen {collection.title} ska levereras {delivery}"
            if row.behind:
                text += f". {row.behind} exempel ligger efter"
            found.append(
                home.Todo(
                    text + ".",
                    url_for("examples.collection", collection_id=collection.id),
                    "Öppna insamlingen",
                )
            )
    return found


bp.record_once(lambda state: home.register(state.app, todos=todos))
