"""The case library for every logged-in user: by area, principle and words."""

import re
from datetime import date, datetime

from toolbox.catalog.models import CatalogItem
from toolbox.catalog.service import set_tags
from toolbox.examples import packaging
from toolbox.examples.models import CaseLesson, CasePrinciple, Collection, Example
from toolbox.examples.models import ExampleCase as Case
from toolbox.extensions import db


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 lang="sv"><a href="/goda-exempel/case/\d+">([^<]+)</a></h3>', html)


def test_filters_by_area_principle_and_words(published_case, make_user, login_as, client):
    published_case("Tre mål i stället för tjugo", "styrning", "helhetssyn", "Få mål ger riktning.")
    published_case("Samtal efter svåra pass", "kultur", "oppenhet", "Korta samtal bygger tillit.")
    published_case("Chefen bad om återkoppling", "ledarskap", "oppenhet", "Visa dina svagheter.")
    login_as(make_user(roles=("chef",)))
    everything = client.get("/goda-exempel/").get_data(as_text=True)
    assert len(titles(everything)) == 3
    assert "3 exempel" in everything
    assert titles(client.get("/goda-exempel/?omrade=kultur").get_data(as_text=True)) == [
        "Samtal efter svåra pass"
    ]
    by_principle = client.get("/goda-exempel/?princip=oppenhet").get_data(as_text=True)
    assert sorted(titles(by_principle)) == ["Chefen bad om återkoppling", "Samtal efter svåra pass"]
    both = client.get("/goda-exempel/?omrade=ledarskap&princip=oppenhet").get_data(as_text=True)
    assert titles(both) == ["Chefen bad om återkoppling"]
    words = client.get("/goda-exempel/?q=BYGGER+tillit").get_data(as_text=True)
    assert titles(words) == ["Samtal efter svåra pass"]  # lessons are searched too
    assert titles(client.get("/goda-exempel/?q=100%25").get_data(as_text=True)) == []
    unknown = client.get("/goda-exempel/?omrade=<script>&princip=x").get_data(as_text=True)
    assert len(titles(unknown)) == 3
    assert "<script>" not in unknown


def test_the_library_page_is_labelled_and_works_without_javascript(
    published_case, make_user, login_as, client
):
    published_case()
    login_as(make_user(roles=("ledning",)))
    page = client.get("/goda-exempel/?omrade=styrning").get_data(as_text=True)
    assert '<form method="get"' in page
    assert "<script" not in page
    for field in ("omrade", "princip", "q"):
        assert f'<label for="{field}">' in page
    assert '<option value="styrning" selected>' in page
    assert "Område: Styrning" in page
    assert "Princip: Helhetssyn" in page


def test_like_wildcards_are_taken_literally():
    assert packaging._like("50%_a\\") == "%50\\%\\_a\\\\%"


def test_a_published_case_links_to_related_catalog_items(app, make_user, login_as, client):
    with app.app_context():
        for slug, area, state in (
            ("passar", "kultur", "godkand"),
            ("utkast", "kultur", "utkast"),
            ("annat", "styrning", "godkand"),
        ):
            item = CatalogItem(
                slug=slug,
                title=slug.capitalize(),
                summary="S",
                kind="verktyg",
                format="mall",
                provider="regionen",
                state=state,
            )
            set_tags(
                item,
                {
                    "areas": [area],
                    "principles": ["tillit"] if slug == "passar" else ["stod"],
                    "target_groups": ["forsta-linjen"],
                },
            )
            db.session.add(item)
        collection = Collection(
            title="I",
            step1_due=date(2026, 1, 1),
            step2_due=date(2026, 2, 1),
            step3_due=date(2026, 3, 1),
            delivery_date=date(2026, 4, 1),
        )
        db.session.add(collection)
        db.session.flush()
        example = Example(
            collection_id=collection.id,
            unit_name="E",
            contact_name="K",
            contact_email="k@example.se",
        )
        db.session.add(example)
        db.session.flush()
        case = Case(example_id=example.id, title="Fallet", published_at=datetime(2026, 5, 1))
        db.session.add(case)
        db.session.flush()
        db.session.add_all(
            [
                CaseLesson(case_id=case.id, area="kultur", text="L"),
                CasePrinciple(case_id=case.id, principle="tillit"),
            ]
        )
        db.session.commit()
        case_id = case.id
    login_as(make_user(roles=("chef",)))
    page = client.get(f"/goda-exempel/case/{case_id}").get_data(as_text=True)
    related = page.split("Erbjudanden och verktyg i katalogen")[1]
    assert "/katalog/passar" in related
    assert "/katalog/utkast" not in related  # not approved
    assert "/katalog/annat" not in related  # shares no area or principle
