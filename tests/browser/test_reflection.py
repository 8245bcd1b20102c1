"""Självskattning in Chromium (issue 4, acceptance 1 and 5): chef@example.se
starts a reflection, answers two steps, leaves, comes back to the draft with
its answers, finishes, submits and reads the results with chart, table,
change and a recommendation with its reason. axe finds no violations on every
step (also with errors), the review page and the results, at 1280 and 320 px."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_ACCOUNTS
from tests.browser.test_accessibility import WIDE, assert_accessible

pytestmark = pytest.mark.browser

NOTE = "Jag vill ge återkoppling oftare, också när det går bra."


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def answer_step(page: Page, value: str) -> None:
    """Choose the same answer for every statement of the step."""
    groups = page.locator("form fieldset")
    assert groups.count() >= 4
    for index in range(groups.count()):
        groups.nth(index).get_by_label(value, exact=True).check()


def test_a_manager_reflects_leaves_comes_back_and_sees_results(open_context, log_in):
    context = open_context(viewport=WIDE)
    page = context.new_page()
    log_in(page, DEMO_ACCOUNTS["chef"])
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Självskattning"
    ).click()
    expect(heading(page)).to_have_text("Självskattning")
    expect(page.get_by_text("Bara du kan se dina svar")).to_be_visible()
    page.get_by_role("button", name="Starta en ny självskattning").click()

    expect(page).to_have_title("Steg 1 av 4: Ledarskap – Självskattning – Verktygslådan")
    expect(heading(page)).to_have_text("Steg 1 av 4: Ledarskap")
    assert_accessible(page, "steg 1")
    answer_step(page, "4 – Stämmer ganska bra")
    page.get_by_label("Egna tankar om ledarskap").fill(NOTE)
    page.get_by_role("button", name="Spara och gå vidare").click()

    expect(heading(page)).to_have_text("Steg 2 av 4: Styrning")
    assert_accessible(page, "steg 2")
    page.locator("form fieldset").first.get_by_label("2 – Stämmer ganska dåligt").check()
    page.get_by_role("button", name="Spara och gå vidare").click()
    expect(page).to_have_title(re.compile(r"^Fel: Steg 2 av 4: Styrning"))
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Välj ett svar på påstående 2")
    assert_accessible(page, "steg 2 med fel")
    summary.get_by_role("link", name=re.compile("påstående 2")).click()
    expect(page.locator(":focus")).to_have_attribute("type", "radio")
    answer_step(page, "2 – Stämmer ganska dåligt")
    page.get_by_role("button", name="Spara och gå vidare").click()
    expect(heading(page)).to_have_text("Steg 3 av 4: Kultur")

    # Leave: log out, log in again and find the draft from Min sida.
    page.get_by_role("button", name="Logga ut").click()
    log_in(page, DEMO_ACCOUNTS["chef"])
    page.get_by_role("link", name="Fortsätt självskattningen").click()
    page.get_by_role("link", name="Se alla svar i utkastet").click()
    expect(heading(page)).to_have_text("Granska dina svar")
    ledarskap = page.locator("section", has=page.get_by_role("heading", name="Ledarskap"))
    expect(ledarskap.get_by_text("4 – Stämmer ganska bra")).to_have_count(5)
    expect(ledarskap.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_text("10 påståenden saknar svar.")).to_be_visible()
    page.get_by_role("link", name="Ändra svaren om ledarskap").click()
    expect(page.get_by_label("Egna tankar om ledarskap")).to_have_value(NOTE)
    expect(
        page.locator("form fieldset").first.get_by_label("4 – Stämmer ganska bra")
    ).to_be_checked()
    page.go_back()

    page.get_by_role("link", name="Ändra svaren om kultur").click()
    expect(heading(page)).to_have_text("Steg 3 av 4: Kultur")
    assert_accessible(page, "steg 3")
    answer_step(page, "4 – Stämmer ganska bra")
    page.get_by_role("button", name="Spara och gå vidare").click()
    expect(heading(page)).to_have_text("Steg 4 av 4: Förutsättningar")
    assert_accessible(page, "steg 4")
    answer_step(page, "Vet ej / ej aktuellt")
    page.locator("form fieldset").first.get_by_label("3 – Stämmer delvis").check()
    page.get_by_role("button", name="Spara och granska").click()

    expect(heading(page)).to_have_text("Granska dina svar")
    assert_accessible(page, "granska")
    page.get_by_role("button", name="Skicka in självskattningen").click()

    assert re.fullmatch(r"/sjalvskattning/\d+", urlsplit(page.url).path)
    expect(heading(page)).to_have_text("Ditt resultat")
    expect(page.get_by_role("status")).to_contain_text("Bara du kan se dina svar")
    chart = page.get_by_role("img", name="Index per område, 0–100")
    expect(chart).to_be_visible()
    expect(chart.locator("desc")).to_contain_text("Styrning: 2,0 (index 25), förra gången")
    table = page.get_by_role("table", name="Resultat per område")
    expect(table.get_by_role("columnheader", name="Förändring sedan förra")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile(r"^Styrning 2,0 25 [−+±]"))).to_be_visible()
    reasons = page.locator(".rf-reason")
    expect(reasons.first).to_have_text(re.compile(r"^Visas för att .+ fick \d,\d"))
    expect(page.get_by_text("Visas för att Styrning fick 2,0")).not_to_have_count(0)
    assert_accessible(page, "resultat")

    page.get_by_role("link", name="Alla dina självskattningar").click()
    expect(page.get_by_role("img", name="Index per område över tid")).to_be_visible()
    assert_accessible(page, "översikt med historik")
    page.wait_for_load_state("networkidle")  # nothing in flight when the context closes


def test_the_form_works_without_javascript(open_context, log_in):
    """ledning@example.se is also a manager; the draft is deleted at the end."""
    context = open_context(viewport=WIDE, java_script_enabled=False)
    page = context.new_page()
    log_in(page, DEMO_ACCOUNTS["ledning"])
    page.goto("/sjalvskattning/")
    page.get_by_role("button", name="Starta en ny självskattning").click()
    expect(heading(page)).to_have_text("Steg 1 av 4: Ledarskap")
    answer_step(page, "5 – Stämmer helt")
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    expect(page.get_by_role("status")).to_contain_text("Utkastet är sparat.")
    page.get_by_role("link", name="Ta bort utkastet").click()
    page.get_by_role("button", name="Ja, ta bort utkastet").click()
    expect(page.get_by_role("status")).to_have_text("Utkastet är borttaget.")
    expect(page.get_by_role("button", name="Starta en ny självskattning")).to_be_visible()
    page.wait_for_load_state("networkidle")


def test_typed_answers_survive_an_ended_session(open_context):
    """The session cookie disappears while the manager types; after logging in
    again the step comes back with the answers filled in."""
    context = open_context(viewport=WIDE)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-postadress").fill(DEMO_ACCOUNTS["ledning"])
    page.get_by_label("Lösenord", exact=True).fill("tillit-demo-2026")
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.goto("/sjalvskattning/")
    page.get_by_role("button", name="Starta en ny självskattning").click()
    answer_step(page, "3 – Stämmer delvis")
    page.get_by_label("Egna tankar om ledarskap").fill(NOTE)
    context.clear_cookies()  # the login session ends
    page.get_by_role("button", name="Spara och gå vidare").click()

    expect(heading(page)).to_have_text("Du har blivit utloggad")
    expect(page.get_by_label("Egna tankar om ledarskap")).to_have_value(NOTE)
    assert_accessible(page, "utloggad")
    page.get_by_role("link", name="Logga in igen").click()
    page.get_by_label("E-postadress").fill(DEMO_ACCOUNTS["ledning"])
    page.get_by_label("Lösenord", exact=True).fill("tillit-demo-2026")
    page.get_by_role("button", name="Logga in", exact=True).click()

    expect(heading(page)).to_have_text("Steg 1 av 4: Ledarskap")
    expect(page.get_by_role("status")).to_contain_text("Vi har fyllt i det du skrev")
    expect(page.get_by_label("Egna tankar om ledarskap")).to_have_value(NOTE)
    expect(page.locator("form fieldset").last.get_by_label("3 – Stämmer delvis")).to_be_checked()
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    expect(page.get_by_role("status")).to_contain_text("Utkastet är sparat.")
    page.get_by_role("link", name="Ta bort utkastet").click()
    page.get_by_role("button", name="Ja, ta bort utkastet").click()
    expect(page.get_by_role("status")).to_have_text("Utkastet är borttaget.")
    page.wait_for_load_state("networkidle")
