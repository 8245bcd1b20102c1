"""Who gets in with the region's login, and with what (issue 19): matching,
roles and unit from the claims, refusals, the audit log, key rotation."""

import pytest
from sqlalchemy import func, select

from tests.conftest import app_on
from tests.sso.conftest import (
    CHEF_GROUP,
    HR_GROUP,
    audit_actions,
    begin,
    callback,
    sign_in,
    signed_in,
)
from tests.sso.forging import query_of
from tests.sso.node_provider import free_port
from toolbox.auth import oidc
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.models import OrgUnit


@pytest.fixture
def unit(make_unit):
    return make_unit("ENH-7", name="Avdelning 7")


def user_by_email(app, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_an_unmapped_person_sees_the_no_access_page_and_no_user_is_made(app, client, provider):
    before = user_count(app)
    response = sign_in(
        client, provider, "olle", email="olle@example.se", email_verified=True, groups=["GRP-X"]
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Du har inte behörighet" in page
    assert "Regionens HR-service, 010-123 45 67" in page  # whom to contact
    assert user_count(app) == before
    assert not signed_in(client)
    assert ("login_sso_refused", "no_access") in audit_actions(app)


def test_a_known_user_is_matched_by_verified_email_once_then_by_subject(
    app, client, provider, unit, make_user
):
    make_user("anna@example.se", roles=("chef",))
    claims = {"email": "anna@example.se", "email_verified": True, "groups": [CHEF_GROUP]}
    assert sign_in(client, provider, "sub-anna", **claims).status_code == 302
    anna = user_by_email(app, "anna@example.se")
    assert anna.external_subject == "sub-anna"
    assert anna.roles == {"chef"}
    client.post("/logout")
    # Later the e-mail changes at the provider; the subject still finds her.
    renamed = {"email": "anna.a@example.se", "email_verified": True, "groups": [CHEF_GROUP]}
    assert sign_in(client, provider, "sub-anna", **renamed).status_code == 302
    assert signed_in(client)
    assert user_count(app) == 1  # nobody created


def test_a_second_subject_cannot_take_a_linked_account_by_email(
    app, client, provider, unit, make_user
):
    make_user("anna@example.se", external_subject="sub-anna")
    claims = {"email": "anna@example.se", "email_verified": True, "groups": [CHEF_GROUP]}
    assert sign_in(client, provider, "sub-other", **claims).status_code == 403
    assert ("login_sso_refused", "subject_taken") in audit_actions(app)
    assert not signed_in(client)


def test_the_unit_claim_gives_chef_only_to_the_manager_the_org_data_names(
    app, client, provider, make_unit, make_user
):
    boss = make_user("boss@example.se", roles=(), external_subject="sub-boss")
    worker = make_user("worker@example.se", roles=(), external_subject="sub-worker")
    led = make_unit("ENH-8", name="Avdelning 8", manager_id=boss.id)
    assert sign_in(client, provider, "sub-worker", unit_code="ENH-8").status_code == 403
    assert user_by_email(app, "worker@example.se").roles == set()
    assert sign_in(client, provider, "sub-boss", unit_code="ENH-8").status_code == 302
    assert user_by_email(app, "boss@example.se").roles == {"chef"}
    with app.app_context():
        assert db.session.get(OrgUnit, led.id).manager_id == boss.id
        assert db.session.get(User, worker.id).unit_id is None  # refused: nothing applied


def test_roles_and_unit_come_from_the_claims_and_changes_are_audited(
    app, client, provider, unit, make_user
):
    make_user("hr@example.se", roles=("chef",), external_subject="sub-hr")
    response = sign_in(client, provider, "sub-hr", groups=[HR_GROUP, "GRP-Annat"])
    assert response.status_code == 302
    assert user_by_email(app, "hr@example.se").roles == {"hr"}
    assert ("roles_from_claims", "chef → hr") in audit_actions(app)
    assert any(action == "login_sso" for action, _ in audit_actions(app))


def test_losing_every_mapped_group_clears_the_roles_and_ends_other_sessions(
    app, client, provider, make_user
):
    """Finding 2: the refusal alone left the roles and the other sessions."""
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    other = app.test_client()
    assert sign_in(other, provider, "sub-hr", groups=[HR_GROUP]).status_code == 302
    assert signed_in(other)
    response = sign_in(client, provider, "sub-hr", groups=["GRP-Annat"])
    assert response.status_code == 403
    assert user_by_email(app, "hr@example.se").roles == set()
    assert ("roles_from_claims", "hr → -") in audit_actions(app)
    assert ("login_sso_refused", "no_access") in audit_actions(app)
    assert not signed_in(other)
    assert not signed_in(client)


@pytest.mark.parametrize(
    ("active", "groups", "reason"),
    [(False, [HR_GROUP], "deactivated"), (True, ["GRP-Annat"], "no_access")],
)
def test_a_refused_sign_in_links_no_subject(
    app, client, provider, make_user, active, groups, reason
):
    """Finding 12: the subject was stored before the refusal."""
    make_user("hr@example.se", roles=("hr",), active=active)
    claims = {"email": "hr@example.se", "email_verified": True, "groups": groups}
    assert sign_in(client, provider, "sub-hr", **claims).status_code == 403
    assert ("login_sso_refused", reason) in audit_actions(app)
    assert user_by_email(app, "hr@example.se").external_subject is None


def test_a_deactivated_user_is_refused_despite_a_valid_login(app, client, provider, make_user):
    make_user("gone@example.se", roles=("hr",), external_subject="sub-gone", active=False)
    response = sign_in(client, provider, "sub-gone", groups=[HR_GROUP])
    assert response.status_code == 403
    assert "Ditt konto är avstängt" in response.get_data(as_text=True)
    assert ("login_sso_refused", "deactivated") in audit_actions(app)
    assert not signed_in(client)


class TestCreation:
    @pytest.fixture
    def sso_extra(self) -> dict:
        return {"OIDC_CREATE_USERS": True}

    def test_a_manager_is_created_with_the_chef_role_and_the_unit(
        self, app, client, provider, unit
    ):
        claims = {"email": "Ny.Chef@Example.se", "email_verified": True, "name": "Ny Chef"}
        response = sign_in(
            client, provider, "sub-ny", unit_code="ENH-7", groups=[CHEF_GROUP], **claims
        )
        assert response.status_code == 302
        user = user_by_email(app, "ny.chef@example.se")
        assert (user.name, user.roles, user.external_subject) == ("Ny Chef", {"chef"}, "sub-ny")
        with app.app_context():
            placed = db.session.get(OrgUnit, unit.id)
            assert placed.manager_id is None  # a claim never makes a manager
            assert user.unit_id == unit.id
        assert "Ny Chef" in client.get("/").get_data(as_text=True)

    def test_a_unit_claim_alone_gives_no_role_and_no_account(self, app, client, provider, unit):
        """Finding 1: a unit claim is where someone works, not what they lead."""
        before = user_count(app)
        claims = {"email": "x@example.se", "email_verified": True, "unit_code": "ENH-7"}
        assert sign_in(client, provider, "sub-x", **claims).status_code == 403
        assert user_count(app) == before
        assert ("login_sso_refused", "no_access") in audit_actions(app)
        with app.app_context():
            assert db.session.get(OrgUnit, unit.id).manager_id is None

    def test_an_unverified_email_gets_no_account(self, app, client, provider, unit):
        """Finding 3: the account would shadow the person the address names
        (import-org and create-user find accounts by e-mail)."""
        before = user_count(app)
        claims = {"email": "x@example.se", "email_verified": False, "groups": [CHEF_GROUP]}
        assert sign_in(client, provider, "sub-x", **claims).status_code == 403
        assert user_count(app) == before
        assert ("login_sso_refused", "unverified_email") in audit_actions(app)
        without = {"email": "x@example.se", "groups": [CHEF_GROUP]}  # no email_verified
        assert sign_in(client, provider, "sub-x", **without).status_code == 403
        assert user_count(app) == before

    def test_no_account_without_an_email(self, app, client, provider, unit):
        before = user_count(app)
        assert sign_in(client, provider, "sub-x", groups=[CHEF_GROUP]).status_code == 403
        assert user_count(app) == before
        assert ("login_sso_refused", "no_email") in audit_actions(app)


class TestTrustedEmail:
    """OIDC_TRUST_EMAIL: the region vouches for its directory's e-mail (Entra
    sends no email_verified), for creating and for linking accounts."""

    @pytest.fixture
    def sso_extra(self) -> dict:
        return {"OIDC_CREATE_USERS": True, "OIDC_TRUST_EMAIL": True}

    def test_an_email_without_email_verified_creates_an_account(self, app, client, provider):
        claims = {"email": "ny@example.se", "groups": [CHEF_GROUP]}
        assert sign_in(client, provider, "oid-ny", **claims).status_code == 302
        assert user_by_email(app, "ny@example.se").external_subject == "oid-ny"

    def test_an_imported_user_is_linked_by_email(self, app, client, provider, make_user):
        make_user("anna@example.se", roles=("chef",))
        claims = {"email": "anna@example.se", "groups": [CHEF_GROUP]}
        assert sign_in(client, provider, "oid-anna", **claims).status_code == 302
        assert user_by_email(app, "anna@example.se").external_subject == "oid-anna"
        assert user_count(app) == 1


class TestIssuerEndingInASlash:
    """Finding 6: the issuer was stored without its "/", so the exact match
    with the discovery document and the token's `iss` failed."""

    @pytest.fixture
    def sso_extra(self, provider):
        provider.issuer += "/"
        yield {"OIDC_ISSUER": provider.issuer}
        provider.issuer = provider.issuer.rstrip("/")

    def test_the_issuer_is_matched_exactly(self, app, client, provider, make_user):
        assert provider.issuer.endswith("/")
        make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
        assert sign_in(client, provider, "sub-hr", groups=[HR_GROUP]).status_code == 302
        assert signed_in(client)


class TestAnotherSubjectClaim:
    """Inera's `sub` is transient: the person is found by employeeHsaId."""

    @pytest.fixture
    def sso_extra(self) -> dict:
        return {"OIDC_SUBJECT_CLAIM": "employeeHsaId"}

    def test_the_configured_claim_names_the_person(self, app, client, provider, make_user):
        make_user("hr@example.se", roles=("hr",), external_subject="SE2321000016-1234")
        hsa = {"employeeHsaId": "SE2321000016-1234", "groups": [HR_GROUP]}
        assert sign_in(client, provider, "transient-1", **hsa).status_code == 302
        client.post("/logout")
        assert sign_in(client, provider, "transient-2", **hsa).status_code == 302
        assert signed_in(client)

    def test_without_the_claim_nobody_gets_in(self, app, client, provider, make_user):
        make_user("hr@example.se", roles=("hr",), external_subject="transient-1")
        assert sign_in(client, provider, "transient-1", groups=[HR_GROUP]).status_code == 403
        assert ("login_sso_refused", "no_subject") in audit_actions(app)


def test_next_is_carried_through_the_sign_in(app, client, provider, make_user):
    """Finding 11: the page asked for before the login is where it ends."""
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    page = client.get("/login?next=/konto").get_data(as_text=True)
    assert 'href="/login/sso?next=/konto"' in page or "/login/sso?next=%2Fkonto" in page
    response = client.get("/login/sso?next=/konto")
    params = query_of(response.headers["Location"])
    code = provider.issue_code(params, "sub-hr", groups=[HR_GROUP])
    assert callback(client, code=code, state=params["state"]).headers["Location"] == "/konto"


def test_a_foreign_next_is_not_followed(app, client, provider, make_user):
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    response = client.get("/login/sso?next=https://evil.example/")
    params = query_of(response.headers["Location"])
    code = provider.issue_code(params, "sub-hr", groups=[HR_GROUP])
    assert callback(client, code=code, state=params["state"]).headers["Location"] == "/"


def test_abandoned_attempts_do_not_pile_up_in_the_cookie(app, client, provider, make_user):
    """Finding 13: each /login/sso left its state in the session cookie."""
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    for _ in range(5):
        params = begin(client)
    with client.session_transaction() as session:
        assert len([key for key in session if key.startswith("_state_")]) == 1
    code = provider.issue_code(params, "sub-hr", groups=[HR_GROUP])
    assert callback(client, code=code, state=params["state"]).status_code == 302
    assert signed_in(client)


def test_a_rotated_signing_key_is_fetched_from_the_jwks(app, client, provider, make_user):
    make_user("hr@example.se", roles=("hr",), external_subject="sub-hr")
    assert sign_in(client, provider, "sub-hr", groups=[HR_GROUP]).status_code == 302
    client.post("/logout")
    provider.rotate_key("k2")
    try:
        assert sign_in(client, provider, "sub-hr", groups=[HR_GROUP]).status_code == 302
        assert signed_in(client)
    finally:
        provider.rotate_key("k1")


def test_only_asymmetric_algorithms_count_whatever_the_provider_offers(app, provider):
    with app.test_request_context():
        offered = oidc.metadata()["id_token_signing_alg_values_supported"]
    assert provider.discovery()["id_token_signing_alg_values_supported"] == [
        "RS256",
        "HS256",
        "none",
    ]
    assert offered == ["RS256"]


def test_sso_routes_are_absent_without_an_issuer(tmp_path):
    with app_on(f"sqlite:///{tmp_path / 'plain.db'}", tmp_path) as plain:
        client = plain.test_client()
        assert client.get("/login/sso").status_code == 404
        assert client.get("/login/sso/callback?code=x&state=y").status_code == 404
        assert "regionens inloggning" not in client.get("/login").get_data(as_text=True)


def test_an_unreachable_provider_gives_a_clear_page(tmp_path):
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    settings = {"OIDC_ISSUER": closed, "OIDC_CLIENT_ID": "verktygsladan"}
    with app_on(f"sqlite:///{tmp_path / 'down.db'}", tmp_path, **settings) as down:
        response = down.test_client().get("/login/sso")
        assert response.status_code == 503
        assert "Regionens inloggning svarar inte" in response.get_data(as_text=True)


def test_a_discovery_document_naming_another_issuer_is_not_used(tmp_path, provider):
    """The portal is set up for `localhost`; the document says 127.0.0.1."""
    other = provider.issuer.replace("127.0.0.1", "localhost")
    settings = {"OIDC_ISSUER": other, "OIDC_CLIENT_ID": "verktygsladan"}
    with app_on(f"sqlite:///{tmp_path / 'mixup.db'}", tmp_path, **settings) as mixed:
        response = mixed.test_client().get("/login/sso")
        assert response.status_code == 503
        assert "Location" not in response.headers


class TestRefusalPages:
    """Finding 15: each refusal says what happened, in Swedish and English."""

    @pytest.fixture
    def sso_extra(self) -> dict:
        return {"OIDC_CREATE_USERS": True}

    @staticmethod
    def refusal(client, provider, reason: str) -> str:
        if reason == "cancelled":
            begin(client)
            response = callback(client, error="access_denied", state="x")
        else:
            claims = {"email": "anna@example.se", "email_verified": True, "groups": [CHEF_GROUP]}
            if reason == "unverified_email":
                claims["email_verified"] = False
            elif reason == "no_email":
                del claims["email"]
            response = sign_in(client, provider, "sub-anna", **claims)
        assert response.status_code in (400, 403)
        return response.get_data(as_text=True)

    @pytest.mark.parametrize(
        ("reason", "swedish", "english"),
        [
            ("unverified_email", "Din e-postadress är inte bekräftad", "is not verified"),
            ("subject_taken", "kopplat till en annan inloggning", "linked to another login"),
            ("no_email", "Ingen e-postadress från regionens inloggning", "No e-mail address"),
            ("cancelled", "Inloggningen avbröts", "The sign-in was cancelled"),
        ],
    )
    def test_each_refusal_has_its_own_text(
        self, app, client, provider, make_user, reason, swedish, english
    ):
        if reason == "subject_taken":
            make_user("anna@example.se", external_subject="sub-other")
        page = self.refusal(client, provider, reason)
        assert swedish in page
        assert "klarade inte våra säkerhetskontroller" not in page  # not the generic text
        visitor = app.test_client()
        with visitor.session_transaction() as session:
            session["lang"] = "en"
        assert english in self.refusal(visitor, provider, reason)
