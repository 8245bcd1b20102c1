"""Issue 19, acceptance 1 and 4 in Chromium: signing in through the region's
login page (a real OpenID provider process, tests/sso/provider) gives the
roles and unit of the claims; a person without access sees the no-access page
and gets no account; logging out ends the session at the provider too."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select

from tests.browser.conftest import demo_app, serving
from tests.sso.node_provider import CLIENT_ID, CLIENT_SECRET, free_port, node_provider
from toolbox.auth.models import User
from toolbox.extensions import db

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
PASSWORDS = {"anna.chef": "anna-lösen", "hanna.hr": "hanna-lösen", "olle.obehorig": "olle-lösen"}


@pytest.fixture(scope="module")
def sso_portal(tmp_path_factory) -> Iterator[tuple]:
    """The demo portal with single sign-on against the local provider."""
    port = free_port()
    settings = {
        "OIDC_ISSUER": f"http://127.0.0.1:{port}",
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_ROLE_GROUPS": '{"chef": ["GRP-Verktygslada-Chef"], "hr": ["GRP-Verktygslada-HR"]}',
        "OIDC_UNIT_CLAIM": "unit_code",
        "OIDC_CREATE_USERS": "1",
    }
    with (
        demo_app(tmp_path_factory.mktemp("sso"), **settings) as application,
        serving(application) as base,
        node_provider(port, base) as issuer,
    ):
        yield application, base, issuer


def sign_in_at_the_region(
    chromium: Browser, base: str, issuer: str, login: str, javascript: bool = True
) -> Page:
    context = chromium.new_context(base_url=base, locale="sv-SE", java_script_enabled=javascript)
    page = context.new_page()
    page.goto("/login")
    page.get_by_role("link", name="Logga in med regionens inloggning").click()
    assert page.url.startswith(f"{issuer}/interaction/"), page.url
    page.get_by_label("Användarnamn").fill(login)
    page.get_by_label("Lösenord").fill(PASSWORDS[login])
    page.get_by_role("button", name="Logga in hos regionen").click()
    page.wait_for_url(f"{base}/**")
    return page


def account(application, email: str) -> User | None:
    with application.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return user and (user.roles, user.unit.code if user.unit else None, user.external_subject)


def test_the_login_page_leads_with_the_regions_login(chromium, sso_portal):
    _, base, _ = sso_portal
    page = chromium.new_context(base_url=base, locale="sv-SE").new_page()
    page.goto("/login")
    first = page.get_by_role("main").get_by_role("link").first
    expect(first).to_have_text("Logga in med regionens inloggning")
    assert Axe().run(page, options=AXE_OPTIONS).violations_count == 0
    page.context.close()


def test_a_manager_signs_in_and_out_through_the_regions_login(chromium, sso_portal):
    application, base, issuer = sso_portal
    page = sign_in_at_the_region(chromium, base, issuer, "anna.chef")
    assert page.url == f"{base}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")
    assert account(application, "anna.chef@example.se") == ({"chef"}, "MED-AVD14", "anna.chef")
    cookies = page.context.cookies(base)

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{issuer}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{base}/login**")
    expect(page.get_by_role("status")).to_have_text("Du är utloggad.")

    thief = chromium.new_context(base_url=base)
    thief.add_cookies([c for c in cookies if c["name"] == "session"])
    stolen = thief.new_page()
    stolen.goto("/")
    assert stolen.url.startswith(f"{base}/login"), stolen.url
    # The provider's session ended as well: the next sign-in asks for the password again.
    page.get_by_role("link", name="Logga in med regionens inloggning").click()
    expect(page.get_by_label("Användarnamn")).to_be_visible()
    thief.close()
    page.context.close()


def test_an_hr_group_member_gets_the_hr_role_also_without_javascript(chromium, sso_portal):
    application, base, issuer = sso_portal
    page = sign_in_at_the_region(chromium, base, issuer, "hanna.hr", javascript=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")
    assert account(application, "hanna.hr@example.se") == ({"hr"}, None, "hanna.hr")
    page.context.close()


@pytest.fixture
def no_creation(sso_portal) -> Iterator[None]:
    """User creation off, as the portal ships (the settings are read per request)."""
    application = sso_portal[0]
    application.config["OIDC_CREATE_USERS"] = False
    yield
    application.config["OIDC_CREATE_USERS"] = True


def test_a_person_without_access_sees_whom_to_contact_and_gets_no_account(
    chromium, sso_portal, no_creation
):
    application, base, issuer = sso_portal
    with application.app_context():
        before = db.session.scalar(select(func.count()).select_from(User))
    page = sign_in_at_the_region(chromium, base, issuer, "olle.obehorig")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har inte behörighet")
    expect(page.get_by_text("Kontakta")).to_be_visible()
    assert Axe().run(page, options=AXE_OPTIONS).violations_count == 0
    assert account(application, "olle@example.se") is None
    with application.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == before
    page.goto("/")
    assert page.url.startswith(f"{base}/login")
    page.context.close()
