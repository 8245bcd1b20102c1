"""PRODUCT.md sections 4 and 6: when the database goes away, /healthz and the
pages answer 503 and keep the user's input; once it is back they recover,
without restarting or recreating the app."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from flask import Flask
from psycopg import sql
from sqlalchemy.engine import make_url

from tests.conftest import app_on
from tests.ops.conftest import is_postgres, libpq_url
from toolbox.extensions import db

DOWN = "Tjänsten är inte tillgänglig just nu"
KEPT = "Det du skickade"


@pytest.fixture
def app(scratch_database_url, tmp_path):
    """The app on a database of its own, since the test takes that database away."""
    with app_on(scratch_database_url, tmp_path) as application:
        yield application


def allow_connections(url: str, allowed: bool) -> None:
    """Open or close the database to new connections; closing also cuts the
    open ones. Runs from the maintenance database as the owning role."""
    name = sql.Identifier(make_url(url).database)
    with psycopg.connect(libpq_url(url, "postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}").format(name, sql.Literal(allowed))
        )
        if not allowed:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (make_url(url).database,),
            )


@contextmanager
def database_down(app: Flask, url: str) -> Iterator[None]:
    if is_postgres(url):
        allow_connections(url, False)
        try:
            yield
        finally:
            allow_connections(url, True)
        return
    # SQLite: move the database's folder away and drop the pooled connections,
    # which would otherwise keep the moved file open and go on working.
    folder = Path(make_url(url).database).parent
    away = folder.with_name(folder.name + "-away")
    folder.rename(away)
    try:
        with app.app_context():
            db.engine.dispose()
        yield
    finally:
        away.rename(folder)


def test_healthz_answers_503_while_the_database_is_down_and_recovers(
    app, client, scratch_database_url
):
    assert client.get("/healthz").status_code == 200
    with database_down(app, scratch_database_url):
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.get_json() == {"status": "unavailable", "database": "unreachable"}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_a_form_sent_while_the_database_is_down_gets_503_with_the_input_kept(
    app, client, scratch_database_url, figure
):
    form = {"email": "kvar.har@example.se"}
    with database_down(app, scratch_database_url):
        sent = client.post("/glomt-losenord", data=form)
        text = sent.get_data(as_text=True)
        assert sent.status_code == 503
        assert sent.headers["Content-Type"].startswith("text/html")
        assert DOWN in text
        assert KEPT in text
        assert "kvar.har@example.se" in text
    assert client.post("/glomt-losenord", data=form).status_code == 302
    figure("faults: database gone and back, 503 with the input kept, recovered without restart")


def test_a_signed_in_user_gets_the_503_page_and_then_carries_on(
    app, make_user, login_as, client, scratch_database_url
):
    login_as(make_user(name="Disa Nere"))
    assert client.get("/").status_code == 200
    with database_down(app, scratch_database_url):
        page = client.get("/")
        assert page.status_code == 503
        assert DOWN in page.get_data(as_text=True)
    # The same app and the same session work again.
    page = client.get("/")
    assert page.status_code == 200
    assert "Disa Nere" in page.get_data(as_text=True)
