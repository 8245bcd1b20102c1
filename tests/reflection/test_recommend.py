"""Recommendations: approved catalog items tagged with the weakest areas and
principles, each with its reason; when nothing matches the page says so and
points to HR."""

from flask import url_for

from toolbox.catalog.fit import profile_of
from toolbox.reflection import recommend, service
from toolbox.reflection.results import results_for

WEAK = {"ledarskap": 4, "styrning": 2, "kultur": 5, "forutsattningar": [3, 3, 3, 3, 2]}


def test_weaknesses_are_the_lowest_areas_and_principles_under_four(app, make_user, make_reflection):
    user = make_user()
    reflection_id = make_reflection(user, WEAK)
    with app.app_context():
        weak = recommend.weaknesses(results_for(service.own_reflection(reflection_id, user.id)))
    areas = [(w.key, round(w.mean, 1)) for w in weak if w.dimension == "area"]
    assert areas == [("styrning", 2.0), ("forutsattningar", 2.8)]
    assert len([w for w in weak if w.dimension == "principle"]) == 2
    assert [w.mean for w in weak] == sorted(w.mean for w in weak)


def test_items_with_more_and_weaker_tags_come_first(app, make_user, make_reflection, make_item):
    both = make_item("Båda", areas=("styrning", "forutsattningar"), principles=("tillit",))
    one = make_item("Bara förutsättningar", areas=("forutsattningar",), principles=("tillit",))
    make_item("Starkt område", areas=("kultur",), principles=("tillit",))
    make_item("Avvecklad", state="avvecklad", areas=("styrning",))
    user = make_user()
    reflection_id = make_reflection(user, WEAK)
    with app.test_request_context():  # the reasons are in the request's language
        results = results_for(service.own_reflection(reflection_id, user.id))
        found = recommend.recommend(recommend.weaknesses(results), profile_of(user.id))
        titles = [r.item.title for r in found]
        reasons = [r.reason for r in found]
    assert titles[:2] == [both.title, one.title]
    assert "Starkt område" not in titles
    assert "Avvecklad" not in titles
    assert reasons[0] == (
        "Visas för att Styrning fick 2,0 och Förutsättningar fick 2,8 i din skattning. "
        "Riktar sig till första linjens chefer, som du."
    )
    assert reasons[1].startswith("Visas för att Förutsättningar fick 2,8 i din skattning.")


def test_nothing_matching_says_so_and_points_to_hr(
    app, make_user, make_unit, login_as, client, make_reflection
):
    unit = make_unit("HR-ENH", name="Enheten")
    user = make_user(roles=("chef",), unit_id=unit.id)
    weak = make_reflection(user, WEAK)
    page = login_as(user).get(f"/sjalvskattning/{weak}").get_data(as_text=True)
    assert "Katalogen har inget godkänt erbjudande eller verktyg som passar dig" in page
    assert "Kontakta HR, så hjälper de dig" in page  # no address configured, no HR user
    with app.test_request_context():
        help_page = url_for("home.page", slug="hjalp")
    assert f'href="{help_page}"' in page
    assert "mailto:" not in page
    # An HR user placed on the manager's unit: the organisation data's address.
    make_user("hr.enheten@example.se", roles=("hr",), unit_id=unit.id)
    page = client.get(f"/sjalvskattning/{weak}").get_data(as_text=True)
    assert 'href="mailto:hr.enheten@example.se"' in page
    # The setting wins over the organisation data.
    app.config["HR_CONTACT_EMAIL"] = "chefsstod@region.example"
    page = client.get(f"/sjalvskattning/{weak}").get_data(as_text=True)
    assert (
        'Kontakta HR på <a href="mailto:chefsstod@region.example">'
        "chefsstod@region.example</a>, så hjälper"
    ) in page
    strong = make_reflection(user, dict.fromkeys(WEAK, 5))
    page = client.get(f"/sjalvskattning/{strong}").get_data(as_text=True)
    assert "Inget område och ingen princip fick under 4,0" in page
