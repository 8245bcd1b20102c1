"""Browsing and searching the catalog as a manager."""

import re

import pytest


def titles(client, query: str) -> list[str]:
    page = client.get(f"/katalog/?{query}").get_data(as_text=True)
    return re.findall(r'<h3 lang="sv"><a href="/katalog/[^"]+">([^<]+)</a></h3>', page)


@pytest.fixture
def chef(make_user, login_as):
    return login_as(make_user("chef@example.se", roles=("chef",)))


def test_search_finds_another_inflection_of_a_word_in_the_body(make_item, chef):
    make_item("Samtalsguide", body="Om ledarskap i vardagen och chefens stöd.")
    make_item("Budgetkurs", body="Om ekonomi.")
    assert titles(chef, "q=ledarskapet") == ["Samtalsguide"]
    assert titles(chef, "q=chefer") == ["Samtalsguide"]
    assert titles(chef, "q=LEDARSKAPETS+vardag") == ["Samtalsguide"]
    assert titles(chef, "q=trädgård") == []


def test_search_survives_operators_and_odd_input(make_item, chef):
    make_item("Samtalsguide", body="Ledarskap")
    for query in (
        'q="',
        "q=*",
        "q=NEAR(a b)",
        "q=ledar OR x",
        "q=" + "a" * 500,
        "q=-",
        "q=:*",
        "q='",
        "q=&&&",
    ):
        assert chef.get(f"/katalog/?{query}").status_code == 200, query


def test_a_nul_character_is_refused_before_it_reaches_the_database(chef):
    response = chef.get("/katalog/?q=ledar%00skap")
    assert response.status_code == 400
    assert "(NUL)" in response.get_data(as_text=True)


def test_filters_combine_and_count(make_item, chef):
    make_item("A", areas=("kultur",), principles=("oppenhet",), cost_sek=0)
    make_item("B", areas=("kultur",), principles=("tillit",), cost_sek=500)
    make_item(
        "C",
        areas=("styrning",),
        principles=("oppenhet",),
        kind="erbjudande",
        format="kurs",
        mode="online",
    )
    assert titles(chef, "area=kultur&sort=titel") == ["A", "B"]
    assert titles(chef, "area=kultur&principle=oppenhet") == ["A"]
    assert titles(chef, "cost=avgift") == ["B"]
    assert titles(chef, "kind=erbjudande&mode=online") == ["C"]
    assert titles(chef, "area=finns-inte&sort=titel") == ["A", "B", "C"]
    assert "1 träff" in chef.get("/katalog/?area=styrning").get_data(as_text=True)


def test_sorting_by_priority_title_and_newest(make_item, chef):
    make_item("Beta", priority="lag")
    make_item("Alfa", priority="hog")
    make_item("Gamma", priority="medel")
    assert titles(chef, "sort=prioritet") == ["Alfa", "Gamma", "Beta"]
    assert titles(chef, "sort=titel") == ["Alfa", "Beta", "Gamma"]


def test_pagination_keeps_the_filters(make_item, chef):
    for number in range(25):
        make_item(f"Objekt {number:02d}", areas=("kultur",))
    page = chef.get("/katalog/?area=kultur&sort=titel").get_data(as_text=True)
    assert "Sida 1 av 2, 25 träffar" in page
    assert "area=kultur" in re.search(r'href="([^"]*page=2[^"]*)"', page).group(1)
    assert len(titles(chef, "area=kultur&sort=titel&page=2")) == 5


@pytest.mark.parametrize("state", ["utkast", "granskas", "avvecklad"])
def test_unapproved_items_are_invisible_to_managers(make_item, chef, state):
    item = make_item("Hemligt utkast", state=state, body="ledarskap")
    assert chef.get(f"/katalog/{item.slug}").status_code == 404
    assert titles(chef, "q=ledarskap") == []
    assert chef.post(f"/katalog/{item.slug}/spara").status_code == 404


def test_hr_can_preview_unapproved_items(make_item, make_user, login_as, client):
    item = make_item("Utkast", state="utkast")
    login_as(make_user(roles=("hr",)))
    page = client.get(f"/katalog/{item.slug}").get_data(as_text=True)
    assert "Förhandsvisning för HR" in page


def test_item_page_renders_markdown_safely(make_item, chef):
    item = make_item(
        "Guide",
        body="## Steg\n\n- **ett**\n- [länk](https://example.se)\n\n<script>alert(1)</script>",
    )
    page = chef.get(f"/katalog/{item.slug}").get_data(as_text=True)
    assert "<h2>Steg</h2>" in page
    assert "<strong>ett</strong>" in page
    assert '<a href="https://example.se" rel="noopener noreferrer">länk</a>' in page
    assert "<script>alert" not in page


def test_managers_cannot_reach_hr_pages(make_item, chef):
    item = make_item()
    for path in (
        "/katalog/hantera",
        "/katalog/hantera/ny",
        f"/katalog/hantera/{item.id}",
        "/katalog/hantera/export.csv",
        "/katalog/hantera/larvagar",
    ):
        assert chef.get(path).status_code == 403, path
    response = chef.post(
        f"/katalog/hantera/{item.id}/granskning", data={"step": "avveckla", "note": "x"}
    )
    assert response.status_code == 403
