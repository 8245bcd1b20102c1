"""Oversized bodies (PRODUCT.md section 6: MAX_CONTENT_LENGTH is set) and
the NUL character, on every POST endpoint. With CSRF on, as in production,
a body over the limit gets 413 before any view reads it and changes
nothing; a NUL anywhere in a form gets 400 (PostgreSQL cannot store it) with
the rest of what was sent shown back."""

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
from tests.security.discovery import Form, Site

ENDPOINTS = post_endpoint_names()


@pytest.fixture(scope="module")
def production_like(demo_app) -> Iterator[Flask]:
    demo_app.config["WTF_CSRF_ENABLED"] = True
    yield demo_app
    demo_app.config["WTF_CSRF_ENABLED"] = False


def form_for(site: Site, endpoint: str) -> Form:
    forms = [form for form in site.unique_forms() if form.endpoint == endpoint]
    assert forms, f"no visitor finds a form for {endpoint}"
    return forms[0]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_oversized_body_gets_413_and_changes_nothing(production_like, demo_seed, site, endpoint):
    form = form_for(site, endpoint)
    client = visitor_client(production_like, form.role, demo_seed.prepared)
    limit = production_like.config["MAX_CONTENT_LENGTH"]
    assert limit
    assert limit <= 10 * 1024 * 1024
    before = table_state(production_like)
    urlencoded = "x=" + "a" * limit
    multipart = b"--b\r\n" + b"a" * (limit + 1) + b"\r\n--b--\r\n"
    for body, content_type in (
        (urlencoded, "application/x-www-form-urlencoded"),
        (multipart, "multipart/form-data; boundary=b"),
    ):
        response = client.post(form.action, data=body, content_type=content_type)
        text = response.get_data(as_text=True)
        assert response.status_code == 413, f"{endpoint} ({content_type})"
        assert "För mycket data" in text
    assert changed_tables(before, table_state(production_like)) == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_nul_character_gets_400_with_the_input_kept(production_like, demo_seed, site, endpoint):
    form = form_for(site, endpoint)
    client = visitor_client(production_like, form.role, demo_seed.prepared)
    page = client.get(form.page, follow_redirects=True).get_data(as_text=True)
    token = csrf_token_from(page if 'name="csrf_token"' in page else client.get("/").text)
    before = table_state(production_like)
    data = [(k, v) for k, v in form.defaults() if k != "csrf_token"]
    data += [("csrf_token", token), ("kvar", "Min text\x00 med NUL")]
    response = client.post(form.action, data=MultiDict(data))
    text = response.get_data(as_text=True)
    assert response.status_code == 400, endpoint
    assert "NUL" in text
    assert "Min text" in text
    assert changed_tables(before, table_state(production_like)) == []
