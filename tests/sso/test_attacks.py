"""Issue 19, acceptance 2: each attack on the sign-in gives a clear page, an
audit entry and no session. Each test fails without the check it names."""

import time

import pytest
from sqlalchemy import select

from tests.sso.conftest import CHEF_GROUP, audit_actions, begin, callback, sign_in, signed_in
from tests.sso.forging import hmac_signed, unsigned
from toolbox.auth.models import User
from toolbox.extensions import db

REFUSED_PAGE = "Inloggningen kunde inte slutföras"
MANAGER = {
    "unit_code": "ENH-1",
    "email": "anna@example.se",
    "email_verified": True,
    "groups": [CHEF_GROUP],
}


@pytest.fixture
def sso_extra() -> dict:
    """Users are created at first sign-in, so the honest flow succeeds."""
    return {"OIDC_CREATE_USERS": True}


@pytest.fixture
def unit(make_unit):
    return make_unit("ENH-1", name="Avdelning 1")


def refused(
    app, client, response, status: int = 400, action: str = "login_sso_failed", earlier: int = 0
) -> str:
    """The refusal's page, audit entry and absent session (after `earlier`
    honest sign-ins); the entry's detail."""
    page = response.get_data(as_text=True)
    assert response.status_code == status, page
    titles = (REFUSED_PAGE, "Du har inte behörighet", "Din e-postadress är inte bekräftad")
    assert any(title in page for title in titles), page
    assert not signed_in(client)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    details = [detail for name, detail in audit_actions(app) if name == action]
    assert details, audit_actions(app)
    assert [name for name, _ in audit_actions(app)].count("login_sso") == earlier
    return details[-1]


def test_the_honest_sign_in_works(app, client, provider, unit):
    """The control for every attack below: the same flow, untampered, succeeds."""
    response = sign_in(client, provider, "anna", **MANAGER)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert signed_in(client)


def test_a_tampered_state_is_refused(app, client, provider, unit):
    params = begin(client)
    code = provider.issue_code(params, "anna", **MANAGER)
    response = callback(client, code=code, state=params["state"] + "x")
    assert "state" in refused(app, client, response).lower()
    assert not provider.grants[code].used  # refused before the token request


def test_a_missing_state_is_refused(app, client, provider, unit):
    params = begin(client)
    code = provider.issue_code(params, "anna", **MANAGER)
    refused(app, client, callback(client, code=code))


def test_a_replayed_code_is_refused(app, client, provider, unit):
    """A code already exchanged (seen in a log or a Referer) is dead, also
    in another browser's fresh login: single use and PKCE at the provider."""
    victim = app.test_client()
    params = begin(victim)
    code = provider.issue_code(params, "anna", **MANAGER)
    assert callback(victim, code=code, state=params["state"]).status_code == 302
    attacker_params = begin(client)
    response = callback(client, code=code, state=attacker_params["state"])
    assert "invalid_grant" in refused(app, client, response, earlier=1)


def test_the_callback_url_replayed_in_the_same_browser_is_refused(app, client, provider, unit):
    params = begin(client)
    code = provider.issue_code(params, "anna", **MANAGER)
    assert callback(client, code=code, state=params["state"]).status_code == 302
    client.post("/logout")
    refused(app, client, callback(client, code=code, state=params["state"]), earlier=1)


def forge_claims(**changes):
    def forge(claims, header, provider):
        return provider.sign(claims | changes, header)

    return forge


def test_an_id_token_for_another_audience_is_refused(app, client, provider, unit):
    provider.forge = forge_claims(aud="another-portal")
    assert "aud" in refused(app, client, sign_in(client, provider, "anna", **MANAGER))


def test_an_expired_id_token_is_refused(app, client, provider, unit):
    now = int(time.time())
    provider.forge = forge_claims(iat=now - 900, exp=now - 300)
    assert "exp" in refused(app, client, sign_in(client, provider, "anna", **MANAGER))


def test_the_clock_skew_is_ours_not_the_librarys(app, client, provider, unit):
    """Expired 90 s ago: past our 60 s, within Authlib's default of 120 s."""
    now = int(time.time())
    provider.forge = forge_claims(iat=now - 390, exp=now - 90)
    assert "exp" in refused(app, client, sign_in(client, provider, "anna", **MANAGER))


def test_a_token_just_past_expiry_is_within_the_clock_skew(app, client, provider, unit):
    now = int(time.time())
    provider.forge = forge_claims(iat=now - 330, exp=now - 30)
    assert sign_in(client, provider, "anna", **MANAGER).status_code == 302
    assert signed_in(client)


def test_an_id_token_from_another_issuer_is_refused(app, client, provider, unit):
    provider.forge = forge_claims(iss="https://idp.example.net")
    assert "iss" in refused(app, client, sign_in(client, provider, "anna", **MANAGER))


def test_an_authorisation_response_naming_another_issuer_is_refused(app, client, provider, unit):
    """The mix-up attack (RFC 9207): the answer says which provider sent it."""
    params = begin(client)
    code = provider.issue_code(params, "anna", **MANAGER)
    response = callback(client, code=code, state=params["state"], iss="https://idp.example.net")
    assert "issuer" in refused(app, client, response)
    assert not provider.grants[code].used


def test_an_unsigned_id_token_is_refused(app, client, provider, unit):
    provider.forge = lambda claims, header, _: unsigned(header | {"alg": "none"}, claims)
    refused(app, client, sign_in(client, provider, "anna", **MANAGER))


def test_an_id_token_signed_with_hmac_and_the_public_key_is_refused(app, client, provider, unit):
    def forge(claims, header, provider):
        public_pem = provider.key.as_pem(private=False)
        return hmac_signed(header | {"alg": "HS256"}, claims, public_pem)

    provider.forge = forge
    detail = refused(app, client, sign_in(client, provider, "anna", **MANAGER))
    # Refused by our allow-list, not by a failed HMAC check that a key of
    # another type happened to cause.
    assert "Algorithm of 'HS256' is not allowed" in detail


def test_a_provider_offering_only_hmac_is_not_used(app, client, provider, unit):
    """An empty allow-list would mean joserfc's recommended algorithms, HS256
    among them: the provider is refused before the login starts."""
    provider.algorithms = ["HS256"]
    response = client.get("/login/sso")
    assert response.status_code == 503
    assert "Location" not in response.headers


def test_a_nonce_from_another_login_is_refused(app, client, provider, unit):
    other = begin(app.test_client())
    provider.forge = forge_claims(nonce=other["nonce"])
    assert "nonce" in refused(app, client, sign_in(client, provider, "anna", **MANAGER))


def test_an_id_token_without_a_nonce_is_refused(app, client, provider, unit):
    def forge(claims, header, provider):
        return provider.sign({k: v for k, v in claims.items() if k != "nonce"}, header)

    provider.forge = forge
    assert "nonce" in refused(app, client, sign_in(client, provider, "anna", **MANAGER))


def test_an_unverified_email_does_not_take_over_an_existing_account(
    app, client, provider, unit, make_user
):
    make_user("boss@example.se", roles=("admin",))
    response = sign_in(
        client,
        provider,
        "mallory",
        email="boss@example.se",
        email_verified=False,
        **{"unit_code": "ENH-1", "groups": [CHEF_GROUP]},
    )
    assert refused(app, client, response, 403, "login_sso_refused") == "unverified_email"
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "boss@example.se"))
        assert user.external_subject is None
        assert user.roles == {"admin"}


def test_a_programming_error_is_not_audited_as_a_refused_sign_in(app, client, provider, unit):
    """Finding 18: KeyError, ValueError and TypeError were caught as failures."""

    def broken(**_):
        raise TypeError("a bug of ours")

    app.extensions["toolbox.oidc"].client.authorize_access_token = broken
    params = begin(client)
    code = provider.issue_code(params, "anna", **MANAGER)
    with pytest.raises(TypeError, match="a bug of ours"):
        callback(client, code=code, state=params["state"])
    assert "login_sso_failed" not in [action for action, _ in audit_actions(app)]
