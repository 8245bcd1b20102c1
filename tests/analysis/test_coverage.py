"""Catalog coverage counts approved items per (area, principle or target group)."""

from tests.catalog.conftest import make_item  # noqa: F401 - a fixture for these tests too
from toolbox.analysis.coverage import coverage


def test_coverage_counts_each_approved_item_once_per_pair(ctx, make_item):  # noqa: F811
    make_item(areas=("ledarskap", "kultur"), principles=("tillit", "oppenhet"))
    make_item(areas=("ledarskap",), principles=("tillit",), targets=("forsta-linjen", "chefsstod"))
    make_item(state="utkast", areas=("ledarskap",), principles=("tillit",))
    assert coverage("principle") == {
        ("ledarskap", "tillit"): 2,
        ("ledarskap", "oppenhet"): 1,
        ("kultur", "tillit"): 1,
        ("kultur", "oppenhet"): 1,
    }
    assert coverage("target") == {
        ("ledarskap", "forsta-linjen"): 2,
        ("ledarskap", "chefsstod"): 1,
        ("kultur", "forsta-linjen"): 1,
    }
