"""CSRF on every state-changing endpoint (PRODUCT.md section 6), generated
from the app: every rule that takes POST is posted the way its own form
sends it – once without a token, once with a wrong one and once with a
token from another session. Each attempt gets 400 and changes no row in
any table; the same post with the page's own token is then accepted, so
the refusals are the token's doing."""

from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from tests.conftest import csrf_token_from
from tests.security.conftest import (
    changed_tables,
    post_endpoint_names,
    table_state,
    visitor_client,
)
from tests.security.discovery import Form, Site, post_rules

FORGED = "IjEyMzQ1Njc4OTBhYmNkZWYi.ZZZZZZ.fel-fel-fel-fel-fel-fel-fel"


ENDPOINTS = post_endpoint_names()


@pytest.fixture(scope="module")
def csrf_demo(demo_app) -> Iterator[Flask]:
    """The demo app with CSRF protection switched on, as in production."""
    demo_app.config["WTF_CSRF_ENABLED"] = True
    yield demo_app
    demo_app.config["WTF_CSRF_ENABLED"] = False


def form_for(site: Site, endpoint: str) -> Form:
    forms = [form for form in site.unique_forms() if form.endpoint == endpoint]
    assert forms, f"no visitor found a form posting to {endpoint}"
    # A signed-in visitor's form if there is one: the session matters most there.
    return next((f for f in forms if f.role != "anonymous"), forms[0])


def fields_of(form: Form) -> list[tuple[str, str]]:
    return [(name, value) for name, value in form.defaults() if name != "csrf_token"]


def token_on(client, form: Form) -> str:
    """The token the form's page gives; any page of the session will do once
    an earlier post has changed what that page shows."""
    page = client.get(form.page, follow_redirects=True).get_data(as_text=True)
    if 'name="csrf_token"' not in page:
        page = client.get("/login").get_data(as_text=True)
    return csrf_token_from(page)


def test_every_post_endpoint_is_covered(demo_app, figure):
    assert sorted({rule.endpoint for rule in post_rules(demo_app)}) == ENDPOINTS
    assert len(ENDPOINTS) >= 50
    figure("CSRF: state-changing endpoints in the URL map", len(ENDPOINTS))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_post_without_a_valid_token_is_refused_and_changes_nothing(
    csrf_demo, demo_seed, site, endpoint, figure
):
    form = form_for(site, endpoint)
    client = visitor_client(csrf_demo, form.role, demo_seed.prepared)
    own_token = token_on(client, form)
    stranger = visitor_client(csrf_demo, form.role, demo_seed.prepared)
    foreign = token_on(stranger, form)
    assert foreign != own_token
    before = table_state(csrf_demo)
    for label, token in (("missing", None), ("wrong", FORGED), ("another session's", foreign)):
        data = fields_of(form) + ([("csrf_token", token)] if token else [])
        response = client.post(form.action, data=MultiDict(data))
        response.close()
        assert response.status_code == 400, f"{endpoint} with a {label} token"
        assert changed_tables(before, table_state(csrf_demo)) == [], f"{label} token"
    figure("CSRF: endpoints refusing a missing, wrong and other session's token")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_same_post_with_the_pages_own_token_gets_past_the_check(
    csrf_demo, demo_seed, site, endpoint
):
    form = form_for(site, endpoint)
    client = visitor_client(csrf_demo, form.role, demo_seed.prepared)
    data = fields_of(form) + [("csrf_token", token_on(client, form))]
    response = client.post(form.action, data=MultiDict(data))
    page = response.get_data(as_text=True)
    assert response.status_code < 500, endpoint
    assert "säkerhetskod" not in page, endpoint
