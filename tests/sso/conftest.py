"""Fixtures for single sign-on: the forging provider (forging.py) on
127.0.0.1 for the whole run, and the portal configured against it."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from tests.conftest import app_on
from tests.sso.forging import CLIENT_ID, CLIENT_SECRET, ForgingProvider, forging_provider, query_of
from toolbox.audit.models import AuditEvent
from toolbox.extensions import db

HR_GROUP = "GRP-Verktygslada-HR"
CHEF_GROUP = "GRP-Verktygslada-Chef"
ROLE_GROUPS = {"chef": [CHEF_GROUP], "hr": [HR_GROUP], "ledning": ["GRP-Verktygslada-Ledning"]}


@pytest.fixture(scope="session")
def forger() -> Iterator[ForgingProvider]:
    with forging_provider() as provider:
        yield provider


@pytest.fixture
def provider(forger) -> ForgingProvider:
    forger.reset()
    return forger


def sso_settings(issuer: str, **extra) -> dict:
    return {
        "OIDC_ISSUER": issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_ROLE_GROUPS": ROLE_GROUPS,
        "OIDC_UNIT_CLAIM": "unit_code",
        "OIDC_ACCESS_CONTACT": "Regionens HR-service, 010-123 45 67",
    } | extra


@pytest.fixture
def sso_extra() -> dict:
    """Settings a test module adds (override the fixture)."""
    return {}


@pytest.fixture
def app(database_url, tmp_path, provider, sso_extra):
    with app_on(
        database_url, tmp_path, **sso_settings(provider.issuer, **sso_extra)
    ) as application:
        yield application


def begin(client: FlaskClient) -> dict[str, str]:
    """GET /login/sso: the parameters of the redirect to the provider."""
    response = client.get("/login/sso")
    assert response.status_code == 302, response.status_code
    return query_of(response.headers["Location"])


def callback(client: FlaskClient, **params: str) -> TestResponse:
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return client.get(f"/login/sso/callback?{query}")


def sign_in(client: FlaskClient, provider: ForgingProvider, subject: str, **claims) -> TestResponse:
    """A whole sign-in: start, the provider's code, the callback."""
    params = begin(client)
    code = provider.issue_code(params, subject, **claims)
    return callback(client, code=code, state=params["state"])


def signed_in(client: FlaskClient) -> bool:
    """Whether the client's cookie opens Min sida."""
    response = client.get("/")
    return response.status_code == 200 and not urlsplit(
        response.headers.get("Location", "")
    ).path.startswith("/login")


def audit_actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(event.action, event.detail) for event in events]
