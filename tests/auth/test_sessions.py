"""Login, logout and session revocation (PRODUCT.md section 6)."""

import time

from itsdangerous import TimestampSigner
from sqlalchemy import select

from tests.conftest import PASSWORD
from toolbox.audit.models import AuditEvent
from toolbox.auth.models import User
from toolbox.auth.service import load_user
from toolbox.extensions import db


def log_in(client, email, password=PASSWORD, remember=False):
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    return client.post("/login", data=data)


def cookie_value(client, name):
    cookie = client.get_cookie(name, domain="127.0.0.1")
    return cookie.value if cookie else None


def test_login_with_right_password_opens_min_sida(app, make_user, client):
    make_user("karin@example.se", name="Karin")
    response = log_in(client, "Karin@Example.se ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Välkommen, Karin." in client.get("/").get_data(as_text=True)
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions == ["login"]


def test_unknown_user_and_wrong_password_get_the_same_message(make_user, client):
    make_user("karin@example.se")
    wrong = log_in(client, "karin@example.se", "fel-lösenord-helt-enkelt")
    unknown = log_in(client, "ingen@example.se", "fel-lösenord-helt-enkelt")
    assert wrong.status_code == unknown.status_code == 422
    for response in (wrong, unknown):
        page = response.get_data(as_text=True)
        assert "Fel e-postadress eller lösenord." in page
        assert 'value="' in page  # the email is kept in the form
    assert "ingen@example.se" in unknown.get_data(as_text=True)


def test_login_redirects_only_to_this_host(make_user, client):
    make_user("karin@example.se")
    for target, expected in (
        ("/sidor/om", "/sidor/om"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
    ):
        client.post("/logout")
        response = client.post(
            f"/login?next={target}", data={"email": "karin@example.se", "password": PASSWORD}
        )
        assert response.headers["Location"] == expected, target


def test_inactive_user_cannot_log_in(make_user, client):
    make_user("gone@example.se", active=False)
    assert log_in(client, "gone@example.se").status_code == 422


def test_session_cookie_copied_before_logout_stops_working(app, make_user, client):
    make_user("karin@example.se")
    log_in(client, "karin@example.se")
    copied = cookie_value(client, "session")
    assert client.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", copied, domain="127.0.0.1")
    response = thief.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_logout_ends_every_session_and_remember_cookie(app, make_user, client):
    make_user("karin@example.se")
    other_device = app.test_client()
    log_in(other_device, "karin@example.se", remember=True)
    remember = cookie_value(other_device, "remember_token")
    assert remember
    log_in(client, "karin@example.se")
    client.post("/logout")
    assert other_device.get("/").status_code == 302
    only_remember = app.test_client()
    only_remember.set_cookie("remember_token", remember, domain="127.0.0.1")
    assert only_remember.get("/").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, make_user, client):
    make_user("karin@example.se")
    other_device = app.test_client()
    log_in(other_device, "karin@example.se")
    log_in(client, "karin@example.se")
    copied = cookie_value(client, "session")
    response = client.post(
        "/konto/losenord",
        data={
            "current_password": PASSWORD,
            "new_password": "korv-med-bröd-och-senap-7",
            "confirm": "korv-med-bröd-och-senap-7",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other_device.get("/").status_code == 302
    stale = app.test_client()
    stale.set_cookie("session", copied, domain="127.0.0.1")
    assert stale.get("/").status_code == 302
    client.post("/logout")
    assert log_in(client, "karin@example.se", "korv-med-bröd-och-senap-7").status_code == 302


def test_password_change_refuses_wrong_current_and_weak_new(make_user, login_as, client):
    login_as(make_user("karin@example.se", name="Karin Lind"))
    wrong = client.post(
        "/konto/losenord",
        data={
            "current_password": "inte-rätt-lösenord",
            "new_password": "korv-med-bröd-och-senap-7",
            "confirm": "korv-med-bröd-och-senap-7",
        },
    )
    assert wrong.status_code == 422
    assert "Det nuvarande lösenordet stämmer inte." in wrong.get_data(as_text=True)
    for weak, message in (
        ("kort", "minst 12 tecken"),
        ("password1234", "för vanligt"),
        ("x" * 129, "högst 128 tecken"),
        ("karinkarinkarin", "för vanligt"),
    ):
        response = client.post(
            "/konto/losenord",
            data={"current_password": PASSWORD, "new_password": weak, "confirm": weak},
        )
        assert response.status_code == 422, weak
        assert message in response.get_data(as_text=True), weak
    mismatch = client.post(
        "/konto/losenord",
        data={
            "current_password": PASSWORD,
            "new_password": "korv-med-bröd-och-senap-7",
            "confirm": "korv-med-bröd-och-senap-8",
        },
    )
    assert "Lösenorden är inte likadana." in mismatch.get_data(as_text=True)


def test_deactivation_ends_the_users_sessions(app, make_user, login_as, client):
    make_user("karin@example.se")
    log_in(client, "karin@example.se")
    assert client.get("/").status_code == 200
    admin_client = app.test_client()
    admin = make_user("admin2@example.se", roles=("admin",))
    with admin_client.session_transaction() as session:
        session["_user_id"] = admin.get_id()
    with app.app_context():
        karin = db.session.scalar(select(User).where(User.email == "karin@example.se"))
        karin_id, version = karin.id, karin.version
    response = admin_client.post(
        f"/admin/anvandare/{karin_id}",
        data={
            "name": "Karin",
            "email": "karin@example.se",
            "roles": ["chef"],
            "unit_id": "0",
            "version": str(version),
        },
    )  # "active" left out: unchecked
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert log_in(client, "karin@example.se").status_code == 422


def sent_cookie(response, name="session") -> bool:
    return any(h.startswith(f"{name}=") for h in response.headers.getlist("Set-Cookie"))


def backdate_session(app, client, monkeypatch, seconds: int) -> None:
    """The client's session cookie, signed again as if this many seconds ago."""
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(cookie_value(client, "session"))
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda _: int(time.time()) - seconds)
        client.set_cookie("session", serializer.dumps(data), domain="127.0.0.1")


def test_session_cookie_is_signed_again_only_after_the_refresh_interval(
    app, make_user, client, monkeypatch
):
    make_user("karin@example.se")
    assert sent_cookie(log_in(client, "karin@example.se"))
    client.get("/")  # the page's CSRF token goes into the session
    assert not sent_cookie(client.get("/"))
    backdate_session(app, client, monkeypatch, app.config["SESSION_REFRESH_SECONDS"] - 5)
    assert not sent_cookie(client.get("/"))
    backdate_session(app, client, monkeypatch, app.config["SESSION_REFRESH_SECONDS"] + 1)
    response = client.get("/")
    assert response.status_code == 200
    assert sent_cookie(response)
    assert not sent_cookie(client.get("/"))


def test_session_ends_a_lifetime_after_it_was_last_signed(app, make_user, client, monkeypatch):
    make_user("karin@example.se")
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    log_in(client, "karin@example.se")
    backdate_session(app, client, monkeypatch, lifetime - 60)
    response = client.get("/")
    assert response.status_code == 200
    assert sent_cookie(response)  # signed again: the lifetime starts over
    assert client.get("/").status_code == 200
    backdate_session(app, client, monkeypatch, lifetime + 1)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_refresh_interval_zero_signs_the_cookie_on_every_response(app, make_user, client):
    make_user("karin@example.se")
    app.config["SESSION_REFRESH_SECONDS"] = 0
    log_in(client, "karin@example.se")
    assert sent_cookie(client.get("/"))
    assert sent_cookie(client.get("/"))


def test_visitor_session_is_not_sent_again_unchanged(client):
    assert sent_cookie(client.get("/login"))  # the form's CSRF token
    client.get("/login")  # Flask-Login notes that the session is not fresh
    assert not sent_cookie(client.get("/login"))


def test_load_user_checks_the_token_and_brings_the_roles_along(app, make_user, count_statements):
    user = make_user(roles=("chef", "hr"))
    with app.test_request_context("/"):
        assert load_user(f"{user.id}.wrong-token") is None
        assert load_user(f"x.{user.session_token}") is None
        assert load_user(f"{user.id + 1000}.{user.session_token}") is None
        with count_statements() as counter:
            loaded = load_user(user.get_id())
            issued = counter.count
            assert loaded.roles == {"chef", "hr"}
            assert counter.count == issued
        loaded.active = False
        db.session.commit()
        assert load_user(user.get_id()) is None
