"""Throttling, "Glömt lösenord" and set-password links."""

import re
import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from toolbox.auth import service
from toolbox.auth.models import LoginFailure, User
from toolbox.extensions import db, mail

THROTTLED = "För många misslyckade inloggningar"


def wrong_login(client, email="karin@example.se", address="10.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": "fel-lösenord-igen"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_ten_wrong_passwords_lock_the_account_with_a_clear_message(make_user, client):
    make_user("karin@example.se")
    statuses = [wrong_login(client).status_code for _ in range(9)]
    assert statuses == [422] * 9
    tenth = wrong_login(client)
    assert tenth.status_code == 429
    assert THROTTLED in tenth.get_data(as_text=True)
    right = client.post("/login", data={"email": "karin@example.se", "password": PASSWORD})
    assert right.status_code == 429
    # Another address does not help: the count is per account.
    assert wrong_login(client, address="10.9.9.9").status_code == 429


def test_failures_from_one_address_are_throttled_across_accounts(app, make_user, client):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 5
    for number in range(4):
        assert wrong_login(client, f"nr{number}@example.se").status_code == 422
    assert wrong_login(client, "nr9@example.se").status_code == 429
    assert wrong_login(client, "annan@example.se", address="10.0.0.2").status_code == 422


def test_success_clears_the_account_count(app, make_user, client):
    make_user("karin@example.se")
    for _ in range(5):
        wrong_login(client)
    client.post("/login", data={"email": "karin@example.se", "password": PASSWORD})
    with app.app_context():
        count = db.session.scalar(
            select(func.count())
            .select_from(LoginFailure)
            .where(LoginFailure.account == "karin@example.se")
        )
    assert count == 0


def link_from(message) -> str:
    match = re.search(r"http://127\.0\.0\.1(/satt-losenord/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_forgot_password_mails_a_single_use_link(app, make_user, client):
    make_user("karin@example.se")
    with mail.record_messages() as outbox:
        response = client.post("/glomt-losenord", data={"email": "karin@example.se"})
    assert response.status_code == 302
    assert len(outbox) == 1
    assert outbox[0].recipients == ["karin@example.se"]
    assert outbox[0].subject == "Nytt lösenord till Verktygslådan"
    link = link_from(outbox[0])
    assert "Välj lösenord" in client.get(link).get_data(as_text=True)
    new = "korv-med-bröd-och-senap-7"
    assert client.post(link, data={"new_password": new, "confirm": new}).status_code == 302
    used = client.get(link)
    assert used.status_code == 400
    assert "Länken fungerar inte" in used.get_data(as_text=True)
    login = client.post("/login", data={"email": "karin@example.se", "password": new})
    assert login.status_code == 302


def test_forgot_password_says_the_same_for_unknown_addresses(make_user, client):
    make_user("karin@example.se")
    with mail.record_messages() as outbox:
        known = client.post(
            "/glomt-losenord", data={"email": "karin@example.se"}, follow_redirects=True
        ).get_data(as_text=True)
        unknown = client.post(
            "/glomt-losenord", data={"email": "ingen@example.se"}, follow_redirects=True
        ).get_data(as_text=True)
    assert len(outbox) == 1
    message = "Om adressen finns hos oss har vi skickat en länk"
    assert message in known
    assert message in unknown


def test_forgot_password_refuses_an_invalid_address(client):
    response = client.post("/glomt-losenord", data={"email": "inte en adress"})
    assert response.status_code == 422
    assert "Skriv en giltig e-postadress" in response.get_data(as_text=True)


def test_set_password_link_expires_after_72_hours(app, make_user, client, monkeypatch):
    user = make_user("karin@example.se", password=False)
    made_at = int(time.time()) - 72 * 3600 - 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: made_at)
    with app.app_context():
        token = service.make_password_link_token(db.session.get(User, user.id), "test-secret-key")
    monkeypatch.undo()
    response = client.get(f"/satt-losenord/{token}")
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["abc", "x" * 300, "eyJ1IjoxfQ.forged.signature"])
def test_forged_set_password_links_are_refused(client, token):
    response = client.get(f"/satt-losenord/{token}")
    assert response.status_code == 400


def test_set_password_keeps_rules(app, make_user, client):
    user = make_user("karin@example.se", password=False)
    with app.app_context():
        token = service.make_password_link_token(db.session.get(User, user.id), "test-secret-key")
    response = client.post(
        f"/satt-losenord/{token}", data={"new_password": "password1234", "confirm": "password1234"}
    )
    assert response.status_code == 422
    assert "för vanligt" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, user.id).password_hash is None


def test_password_hashing_is_scrypt_at_owasp_strength(ctx):
    hashed = service.hash_password("korv-med-bröd-och-senap-7")
    method = hashed.split("$")[0]
    assert method == "scrypt:32768:8:3"
