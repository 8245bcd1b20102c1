"""Every page every visitor reaches, on both databases: no server error, the
same answer as on the crawl, `Cache-Control: no-store` on everything a
signed-in user is shown, and no state change from a GET (PRODUCT.md
section 6). Exports may add their audit event and nothing else."""

import pytest

from tests.security.conftest import changed_tables, table_state, visitor_client
from tests.security.demo import VISITORS
from tests.security.discovery import post_rules
from toolbox.db.cache import OWN_TABLES

# GET requests that are allowed to write: the audit log of an export (a
# download is in the audit log; data_versions counts that write), and the
# cache's store of figures computed for every worker (kept_results; a copy of
# what the data says, not state; toolbox/db/cache.py).
AUDITED = {"audit_events"} | OWN_TABLES


def test_the_crawl_reaches_every_post_endpoint_and_many_pages(demo_app, site, sites):
    """A new form appears in the generated suites by itself; a POST endpoint
    no visitor can reach from a page is a finding of its own."""
    posted = {form.endpoint for form in site.forms}
    unreached = [r.endpoint for r in post_rules(demo_app) if r.endpoint not in posted]
    assert unreached == []
    assert all(sites[v].pages() for v in VISITORS)
    assert len(site.unique_forms()) >= 60


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page_answers_the_same_without_errors_and_unstored(
    demo_app, demo_seed, sites, visitor
):
    client = visitor_client(demo_app, visitor, demo_seed.prepared)
    before = table_state(demo_app)
    problems = []
    for visit in sites[visitor].visits:
        response = client.get(visit.url)
        response.close()
        where = f"GET {visit.url} as {visitor}"
        if response.status_code >= 500 or response.status_code != visit.status:
            problems.append(f"{where}: {response.status_code}, on the crawl {visit.status}")
        if visit.endpoint != "static" and response.headers.get("Cache-Control") != "no-store":
            problems.append(f"{where}: Cache-Control {response.headers.get('Cache-Control')}")
    assert problems == []
    assert set(changed_tables(before, table_state(demo_app))) <= AUDITED


def test_a_personal_page_is_never_cached_even_when_it_is_an_error(demo_app, demo_seed, site):
    """Also 403, 404 and downloads carry no-store: they are answers to a person."""
    client = visitor_client(demo_app, "chef", demo_seed.prepared)
    for url in ("/admin/", "/finns-inte", "/uppgifter/export.csv", "/sjalvskattning/export"):
        response = client.get(url)
        response.close()
        assert response.headers["Cache-Control"] == "no-store", url
