"""/goda-exempel: the library of published cases for every role, and the
feature's template helpers. HR's pages are in hr_views and package_views, the
contact's pages in contact_views, the URL table in views.py; each view
declares its own access."""

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.catalog.service import related
from toolbox.content import PRINCIPLE_KEYS, get_content
from toolbox.examples import packaging
from toolbox.examples.models import CONTACT_WAYS, STEP_LABELS, ExampleCase
from toolbox.extensions import db
from toolbox.web.markup import render_markdown
from toolbox.web.security import allow_any_role

PER_PAGE = 20


def helpers() -> dict:
    """Names every page of the feature uses (the blueprint's context processor)."""
    content = get_content()
    return {
        "markdown": render_markdown,
        "area_name": lambda key: content.area(key).name,
        "principle_name": lambda key: content.principle(key).name,
        "case_areas": packaging.CASE_AREAS,
        "step_labels": STEP_LABELS,
        "contact_ways": CONTACT_WAYS,
    }


@allow_any_role
def index() -> ResponseReturnValue:
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


@allow_any_role
def case(case_id: int) -> ResponseReturnValue:
    found = db.session.get(ExampleCase, case_id)
    if not packaging.visible_case(found, current_user):
        abort(404)
    areas = [lesson.area for lesson in found.lessons]
    return render_template(
        "examples/case.html", case=found, related=related(areas, found.principles)
    )
