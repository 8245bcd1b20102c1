"""Issue 19, acceptance 3: with local passwords off, /login's password form
lets in only break-glass accounts and throttling works as before; the
region's login is not throttled (nothing in its callback can be guessed)."""

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.sso.conftest import audit_actions, begin, callback, signed_in
from toolbox.auth.models import User
from toolbox.extensions import db

PASSWORD_OFF = "Inloggning med lösenord är avstängd"


@pytest.fixture
def sso_extra() -> dict:
    return {"PASSWORD_LOGIN": "0"}  # as the environment gives it


def password_login(client, email: str, password: str = PASSWORD, address: str = "10.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.parametrize("role", ["chef", "hr", "ledning", "admin"])
def test_the_password_form_is_refused_for_every_ordinary_account(app, client, make_user, role):
    make_user(f"{role}@example.se", roles=(role,))
    response = password_login(client, f"{role}@example.se")
    assert response.status_code == 422
    assert PASSWORD_OFF in response.get_data(as_text=True)
    assert not signed_in(client)
    assert ("login_password_off", "") in audit_actions(app)


def test_a_right_and_a_wrong_password_get_the_same_answer(app, client, make_user):
    """Finding 9: 403 for the right password and 422 for a wrong one was an
    oracle for passwords of accounts that may not use them."""
    make_user("chef@example.se", roles=("chef",))
    make_user("nod@example.se", roles=("admin",), break_glass=True)
    answers = {
        (response.status_code, response.get_data(as_text=True).count(PASSWORD_OFF))
        for response in (
            password_login(client, "chef@example.se"),
            password_login(client, "chef@example.se", "fel-lösenord"),
            password_login(client, "nobody@example.se"),
            password_login(client, "nod@example.se", "fel-lösenord"),
        )
    }
    assert len(answers) == 1
    assert next(iter(answers))[0] == 422


def test_the_password_off_message_follows_the_language(app, client, make_user):
    """Finding 16: the message was a plain string, Swedish in every language."""
    make_user("chef@example.se", roles=("chef",))
    with client.session_transaction() as session:
        session["lang"] = "en"
    page = password_login(client, "chef@example.se").get_data(as_text=True)
    assert "Signing in with a password is turned off" in page
    assert PASSWORD_OFF not in page


def test_a_break_glass_account_still_signs_in_with_its_password(app, client, make_user):
    make_user("nod@example.se", roles=("admin",), break_glass=True)
    response = password_login(client, "nod@example.se")
    assert response.status_code == 302
    assert signed_in(client)
    assert ("login", "nödåtkomst (break-glass)") in audit_actions(app)


def test_the_login_page_leads_with_the_regions_login_and_hides_the_form(client):
    page = client.get("/login").get_data(as_text=True)
    assert page.index("Logga in med regionens inloggning") < page.index("Nödinloggning")
    assert '<details class="break-glass">' in page  # closed: for emergencies only
    assert "Glömt lösenord" not in page


def test_throttling_still_locks_an_account_when_passwords_are_off(app, client, make_user):
    make_user("nod@example.se", roles=("admin",), break_glass=True)
    statuses = [password_login(client, "nod@example.se", "fel").status_code for _ in range(10)]
    assert statuses == [422] * 9 + [429]
    assert password_login(client, "nod@example.se").status_code == 429


def test_cancelled_and_stale_sso_callbacks_lock_nobody_out(app, client, provider):
    """Finding 4: a region behind one NAT address cancels logins and leaves
    stale tabs; none of it is guessable, so none of it is throttled."""
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 3
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    for _ in range(4):
        begin(client)
        assert callback(client, error="access_denied", state="x").status_code == 400
        params = begin(client)
        assert callback(client, code="stale", state=params["state"] + "x").status_code == 400
    params = begin(client)
    code = provider.issue_code(params, "anyone")
    response = callback(client, code=code, state=params["state"])
    assert response.status_code != 429
    assert provider.grants[code].used
    assert "login_throttled" not in [action for action, _ in audit_actions(app)]


def test_create_user_break_glass_flags_the_account(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-user",
            "nod@example.se",
            "--name",
            "Nöd Konto",
            "--role",
            "admin",
            "--break-glass",
            "--password-stdin",
        ],
        input="blå-tallrik-vid-havet-9\n",
    )
    assert result.exit_code == 0, result.output
    assert "nödåtkomst" in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "nod@example.se"))
        assert user.break_glass


def test_create_user_keeps_the_break_glass_flag_unless_told(app):
    """Finding 17: a rerun without --break-glass silently cleared the flag."""
    runner = app.test_cli_runner()
    base = ["create-user", "nod@example.se", "--name", "Nöd", "--role", "admin", "--password-stdin"]

    def flag() -> bool:
        with app.app_context():
            return db.session.scalar(select(User.break_glass).where(User.email == "nod@example.se"))

    password = "blå-tallrik-vid-havet-9\n"
    assert runner.invoke(args=[*base, "--break-glass"], input=password).exit_code == 0
    assert runner.invoke(args=base, input=password).exit_code == 0
    assert flag() is True
    assert runner.invoke(args=[*base, "--no-break-glass"], input=password).exit_code == 0
    assert flag() is False
