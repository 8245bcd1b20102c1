"""The catalog coverage page's figures (approved items per area × principle
and area × target group) count public objects, not people: each count is what
the catalog itself lists to any manager for the same filters."""

import re

from toolbox.analysis.coverage import coverage


def listed(client, query: str) -> int:
    page = client.get(f"/katalog/?{query}").get_data(as_text=True)
    return int(re.search(r'id="results-title"[^>]*>(\d+) träff', page).group(1))


def test_coverage_counts_are_what_the_catalog_lists(app, make_item, make_user, login_as, client):
    make_item(areas=("ledarskap", "kultur"), principles=("tillit",), targets=("chefsstod",))
    make_item(areas=("ledarskap",), principles=("tillit", "oppenhet"))
    make_item(areas=("kultur",), principles=("oppenhet",), state="granskas")
    make_item(areas=("kultur",), principles=("tillit",), state="avvecklad")
    with app.app_context():
        by_principle, by_target = coverage("principle"), coverage("target")
    assert by_principle == {
        ("ledarskap", "tillit"): 2,
        ("kultur", "tillit"): 1,
        ("ledarskap", "oppenhet"): 1,
    }
    assert by_target == {
        ("ledarskap", "chefsstod"): 1,
        ("kultur", "chefsstod"): 1,
        ("ledarskap", "forsta-linjen"): 1,
    }
    login_as(make_user(roles=("chef",)))
    for (area, principle), count in by_principle.items():
        assert listed(client, f"area={area}&principle={principle}") == count
    for (area, target), count in by_target.items():
        assert listed(client, f"area={area}&target={target}") == count
