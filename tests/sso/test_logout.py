"""Issue 19, acceptance 4: logging out ends the portal session and, where the
provider offers it, the provider's session (RP-initiated logout)."""

import random
import uuid

from tests.sso.conftest import HR_GROUP, sign_in, signed_in
from tests.sso.forging import CLIENT_ID
from toolbox.auth.models import User
from toolbox.auth.service import end_all_sessions
from toolbox.extensions import db


def copied_cookie(client) -> str:
    return client.get_cookie("session", domain="127.0.0.1").value


def test_logout_ends_the_session_at_the_provider_and_the_copied_cookie_dies(
    app, client, provider, make_user
):
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    assert sign_in(client, provider, "sub-hr", groups=[HR_GROUP]).status_code == 302
    stolen = app.test_client()
    stolen.set_cookie("session", copied_cookie(client), domain="127.0.0.1")
    assert signed_in(stolen)

    response = client.post("/logout")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(f"{provider.issuer}/logout?")
    assert "id_token_hint" not in location  # the ID token is not kept (finding 5)
    assert f"client_id={CLIENT_ID}" in location
    assert "post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%2Flogin" in location

    assert not signed_in(stolen)
    assert not signed_in(client)


def test_the_session_cookie_stays_small_with_many_groups(app, client, provider, make_user):
    """Finding 5: the ID token in the cookie passed 4 KB at about 75 groups,
    and the browser dropped the cookie: the sign-in silently looped."""
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    # Entra sends group object ids: random, so the cookie's zlib cannot shrink them.
    groups = [HR_GROUP] + [
        str(uuid.UUID(int=random.Random(n).getrandbits(128))) for n in range(100)
    ]
    assert sign_in(client, provider, "sub-hr", groups=groups).status_code == 302
    assert signed_in(client)
    cookie = copied_cookie(client)
    assert len(cookie) < 1000, len(cookie)


def test_without_an_end_session_endpoint_logout_stays_in_the_portal(
    app, client, provider, make_user
):
    provider.end_session = False
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    assert sign_in(client, provider, "sub-hr", groups=[HR_GROUP]).status_code == 302
    response = client.post("/logout")
    assert response.headers["Location"] == "/login"
    assert not signed_in(client)


def test_a_password_user_logs_out_only_of_the_portal(app, client, make_user):
    make_user("lokal@example.se", roles=("chef",))
    client.post("/login", data={"email": "lokal@example.se", "password": "blå-tallrik-vid-havet-9"})
    assert signed_in(client)
    assert client.post("/logout").headers["Location"] == "/login"


def test_the_csp_lets_the_logout_form_lead_to_the_provider(app, client, provider):
    csp = client.get("/login").headers["Content-Security-Policy"]
    assert f"form-action 'self' {provider.issuer};" in csp


def test_deactivation_ends_a_session_begun_at_the_provider(app, client, provider, make_user):
    """Session revocation is the same for both ways in: the per-user token."""
    user = make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    assert sign_in(client, provider, "sub-hr", groups=[HR_GROUP]).status_code == 302
    assert signed_in(client)
    with app.app_context():
        stored = db.session.get(User, user.id)
        stored.active = False
        end_all_sessions(stored)
        db.session.commit()
    assert not signed_in(client)
