"""A long pause never loses typed text: a stale CSRF token shows the step
again with the input kept; a post after the login session has ended keeps the
answers in a short-lived cookie and fills them in again after login."""

import re
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.reflection import kept, service
from toolbox.reflection.models import Reflection

TEXT = "Jag vill ha fler samtal i vardagen – och färre möten."
FIRST = "ledarskap-ge-aterkoppling"


@pytest.fixture
def setup(csrf_app):
    """A manager with a draft, on the production-like app (CSRF on)."""
    with csrf_app.app_context():
        user = User(email="karin@example.se", name="Karin", password_hash="x")
        user.set_roles({"chef"})
        other = User(email="olle@example.se", name="Olle", password_hash="x")
        other.set_roles({"chef"})
        db.session.add_all([user, other])
        db.session.flush()
        draft = Reflection(user_id=user.id, question_set_version=1)
        db.session.add(draft)
        db.session.commit()
        return {"user": user.get_id(), "other": other.get_id(), "draft": draft.id}


def log_in(client, session_user: str) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = session_user
        session["_fresh"] = True


def posted(token: str, value: str = "2", keep: str = "") -> dict:
    return {
        f"q_{FIRST}": value,
        "note": TEXT,
        "action": "later",
        "version": "1",
        "csrf_token": token,
        kept.FIELD: keep,
    }


def form_value(csrf_app, session_user: str, url: str) -> str:
    """The signed value the author's step page carried, read while logged in."""
    client = csrf_app.test_client()
    log_in(client, session_user)
    page = client.get(url).get_data(as_text=True)
    match = re.search(rf'name="{kept.FIELD}" value="([^"]+)"', page)
    assert match, "the step page carries no signed value"
    return match.group(1)


@contextmanager
def freeze_signing(seconds_later: int):
    """Checks of a signed value made as if `seconds_later` had passed."""
    real = time.time
    time.time = lambda: real() + seconds_later
    try:
        yield
    finally:
        time.time = real


def kept_cookie(response) -> str:
    found = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(kept.COOKIE)]
    return found[0] if found else ""


def answers(csrf_app, draft: int) -> dict:
    with csrf_app.app_context():
        return service.answers_of(draft), service.notes_of(draft)


def test_a_stale_token_shows_the_step_again_with_the_input_kept(csrf_app, setup):
    client = csrf_app.test_client()
    log_in(client, setup["user"])
    url = f"/sjalvskattning/{setup['draft']}/steg/1"
    client.get(url)
    response = client.post(url, data=posted("utgangen-token"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Formuläret hade legat öppet för länge" in page
    assert TEXT in page
    assert f'<input checked id="q_{FIRST}-1"' in page
    assert answers(csrf_app, setup["draft"]) == ({}, {})
    again = client.post(url, data=posted(csrf_token_from(page)))
    assert again.status_code == 302
    assert answers(csrf_app, setup["draft"]) == ({FIRST: 2}, {"ledarskap": TEXT})


def test_an_ended_session_keeps_the_answers_until_the_manager_logs_in(csrf_app, setup):
    url = f"/sjalvskattning/{setup['draft']}/steg/1"
    keep = form_value(csrf_app, setup["user"], url)
    client = csrf_app.test_client()  # the session cookie is gone
    response = client.post(url, data=posted("fran-en-gammal-session", "vet-ej", keep))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Du har blivit utloggad" in page
    assert TEXT in page
    assert "Vet ej / ej aktuellt" in page
    assert f'href="/login?next={url}"' in page.replace("%2F", "/")
    cookie = kept_cookie(response)
    assert "HttpOnly" in cookie
    assert "Path=/sjalvskattning/" in cookie
    assert "Max-Age=3600" in cookie
    assert answers(csrf_app, setup["draft"]) == ({}, {})

    log_in(client, setup["user"])
    step = client.get(url).get_data(as_text=True)
    assert "Vi har fyllt i det du skrev innan du blev utloggad." in step
    assert TEXT in step
    assert f'<input checked id="q_{FIRST}-5"' in step
    saved = client.post(url, data=posted(csrf_token_from(step), "vet-ej"))
    assert saved.status_code == 302
    assert kept_cookie(saved).startswith(f"{kept.COOKIE}=;")  # forgotten once saved
    assert answers(csrf_app, setup["draft"]) == ({FIRST: None}, {"ledarskap": TEXT})
    assert "Vi har fyllt i" not in client.get(url).get_data(as_text=True)


def test_kept_answers_are_only_filled_in_for_their_author(csrf_app, setup):
    url = f"/sjalvskattning/{setup['draft']}/steg/1"
    keep = form_value(csrf_app, setup["user"], url)
    client = csrf_app.test_client()
    assert client.post(url, data=posted("x", keep=keep)).status_code == 200
    log_in(client, setup["other"])
    assert client.get(url).status_code == 404


def test_a_post_that_no_step_page_of_the_author_carried_is_refused(csrf_app, setup):
    """Issue 17: a form on another site (no session cookie is sent cross-site,
    so it looks like an ended session) could plant answers for the manager."""
    url = f"/sjalvskattning/{setup['draft']}/steg/1"
    keep = form_value(csrf_app, setup["user"], url)
    other_step = form_value(csrf_app, setup["user"], f"/sjalvskattning/{setup['draft']}/steg/2")
    for value in ("", "gjord-av-en-angripare", keep[:-2] + "xx", other_step):
        client = csrf_app.test_client()
        response = client.post(url, data=posted("x", keep=value))
        assert response.status_code == 400
        assert kept_cookie(response) == ""
        assert "Du har blivit utloggad" not in response.get_data(as_text=True)
    with csrf_app.app_context():
        signed = kept._serializer(kept.FORM_SALT).dumps([1, setup["draft"], 1])
    with freeze_signing(kept.FORM_MAX_AGE_SECONDS + 60):
        response = csrf_app.test_client().post(url, data=posted("x", keep=signed))
    assert response.status_code == 400
    assert kept_cookie(response) == ""


def test_a_post_from_another_site_plants_nothing(csrf_app, setup):
    client = csrf_app.test_client()
    url = f"/sjalvskattning/{setup['draft']}/steg/1"
    keep = form_value(csrf_app, setup["user"], url)
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://angripare.example"}):
        response = client.post(url, data=posted("x", keep=keep), headers=headers)
        assert response.status_code == 200
        assert kept_cookie(response) == ""
        assert "Kopiera det du skrev" in response.get_data(as_text=True)


def test_a_forged_or_expired_cookie_is_ignored(csrf_app, setup):
    client = csrf_app.test_client()
    url = f"/sjalvskattning/{setup['draft']}/steg/1"
    client.set_cookie(kept.COOKIE, "inte-signerad", path="/sjalvskattning/")
    log_in(client, setup["user"])
    page = client.get(url).get_data(as_text=True)
    assert "Vi har fyllt i" not in page
    with csrf_app.app_context():
        assert db.session.scalar(select(Reflection.status)) == "utkast"
