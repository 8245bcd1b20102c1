"""Good examples per area and principle (the dashboards' figure) count public
documents: exactly the published cases the library lists, nothing about people."""

import re

from toolbox.analysis.coverage import published_cases_per_area, published_cases_per_principle
from toolbox.auth.models import User
from toolbox.examples import packaging
from toolbox.examples.models import Example, ExampleCase
from toolbox.extensions import db


def listed(client, query: str) -> int:
    page = client.get(f"/goda-exempel/?{query}").get_data(as_text=True)
    return int(re.search(r'class="ex-results-count">(\d+) exempel', page).group(1))


def test_cases_per_area_and_principle_are_what_the_library_lists(
    app, published_case, make_collection, invite_example, hr, make_user, login_as, client
):
    published_case("Tre mål", "styrning", "helhetssyn")
    published_case("Korta samtal", "kultur", "oppenhet")
    withdrawn, _ = published_case("Återkoppling", "kultur", "helhetssyn")
    example_id, _token = invite_example(make_collection(title="Pågående"))
    with app.app_context():
        actor = db.session.get(User, hr.id)
        data = packaging.CaseData(
            title="Utkast",
            setting="En mottagning",
            summary="Ännu inte publicerad.",
            lessons={"styrning": "Text."},
            principles={"helhetssyn"},
            anonymised=True,
        )
        packaging.save_case(db.session.get(Example, example_id), data, None, actor)
        packaging.unpublish(db.session.get(ExampleCase, withdrawn), actor)
        db.session.commit()
        per_area, per_principle = published_cases_per_area(), published_cases_per_principle()
    assert per_area == {"styrning": 1, "kultur": 1}
    assert per_principle == {"helhetssyn": 1, "oppenhet": 1}
    login_as(make_user(roles=("chef",)))
    for area, count in per_area.items():
        assert listed(client, f"omrade={area}") == count
    for principle, count in per_principle.items():
        assert listed(client, f"princip={principle}") == count
