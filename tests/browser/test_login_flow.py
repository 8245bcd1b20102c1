"""Logging in and out, and inviting a user, in a real browser: with
JavaScript, without it, and with a wrong password."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.conftest import DEMO_ACCOUNTS
from toolbox.auth.models import User
from toolbox.extensions import db

pytestmark = pytest.mark.browser

WRONG_PASSWORD = "Fel e-postadress eller lösenord."


def path_of(page: Page) -> str:
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def main_menu(page: Page):
    return page.get_by_role("navigation", name="Huvudmeny")


def test_admin_invites_a_new_user(open_context, log_in, browser_app):
    page = open_context().new_page()
    log_in(page, DEMO_ACCOUNTS["admin"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")

    main_menu(page).get_by_role("link", name="Administration").click()
    expect(page).to_have_title("Administration – Verktygslådan")
    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Användare"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Användare")
    page.get_by_role("link", name="Bjud in en användare").click()

    page.get_by_label("Namn").fill("Greta Gustafsson")
    page.get_by_label("E-postadress").fill("Greta.Gustafsson@Example.se")
    page.get_by_role("group", name="Roller").get_by_label("Chef", exact=True).check()
    unit = page.get_by_label("Enhet")
    unit_value = unit.locator("option", has_text="(MED-AVD14)").get_attribute("value")
    unit.select_option(unit_value)
    page.get_by_role("button", name="Skapa och skicka inbjudan").click()

    assert path_of(page) == "/admin/anvandare"
    expect(page.get_by_role("status")).to_have_text(
        "Greta Gustafsson är skapad och har fått en inbjudan via e-post."
    )
    expect(page.get_by_role("row", name=re.compile("Greta Gustafsson"))).to_contain_text(
        "(inget lösenord)"
    )
    with browser_app.app_context():
        user = db.session.scalar(select(User).where(User.email == "greta.gustafsson@example.se"))
        assert user is not None
        assert user.roles == {"chef"}
        assert user.unit.code == "MED-AVD14"
        assert user.active
        assert user.password_hash is None


def test_log_out_and_log_back_in(open_context, log_in):
    context = open_context()
    page = context.new_page()
    log_in(page, DEMO_ACCOUNTS["admin"])
    assert path_of(page) == "/"
    signed_in_cookies = context.storage_state()

    page.get_by_role("button", name="Logga ut").click()
    assert path_of(page) == "/login"
    expect(page.get_by_role("status")).to_have_text("Du är utloggad.")
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)
    expect(main_menu(page)).to_have_count(0)

    page.goto("/")
    assert path_of(page) == "/login?next=/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")

    # The cookie from before the logout no longer opens anything.
    old_session = open_context(storage_state=signed_in_cookies).new_page()
    old_session.goto("/")
    assert path_of(old_session) == "/login?next=/"

    log_in(page, DEMO_ACCOUNTS["admin"])
    assert path_of(page) == "/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def test_wrong_password_is_named_in_the_error_summary(open_context, log_in):
    page = open_context().new_page()
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        log_in(page, DEMO_ACCOUNTS["hr"], "inte-mitt-losenord")
    assert posted.value.status == 422
    assert path_of(page) == "/login"

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Något behöver rättas")
    link = summary.get_by_role("link", name=WRONG_PASSWORD)
    expect(link).to_have_attribute("href", "#password")
    password = page.get_by_label("Lösenord", exact=True)
    expect(password).to_have_attribute("id", "password")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(re.compile(re.escape(WRONG_PASSWORD)))
    expect(password).to_have_value("")
    expect(page.get_by_label("E-postadress")).to_have_value(DEMO_ACCOUNTS["hr"])

    link.click()
    expect(password).to_be_focused()
    assert urlsplit(page.url).fragment == "password"


def test_login_and_logout_work_without_javascript(open_context, log_in):
    page = open_context(java_script_enabled=False).new_page()
    log_in(page, DEMO_ACCOUNTS["chef"], "inte-mitt-losenord")
    expect(page.locator(".error-summary")).to_contain_text(WRONG_PASSWORD)

    log_in(page, DEMO_ACCOUNTS["chef"])
    assert path_of(page) == "/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")
    # The name in the header leads to what the portal keeps about the user.
    page.get_by_role("link", name=re.compile(r"^Karin Lindqvist ?: Mina uppgifter$")).click()
    assert path_of(page) == "/konto/mina-uppgifter"
    main_menu(page).get_by_role("link", name="Min sida").click()
    assert path_of(page) == "/"

    page.get_by_role("button", name="Logga ut").click()
    assert path_of(page) == "/login"
    page.goto("/")
    assert path_of(page) == "/login?next=/"
