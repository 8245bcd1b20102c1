"""Gapanalys in Chromium (issue 8, acceptance 1 and 5): ledning@example.se sets
a goal for Styrning in one område, sees the gap, drills down to its units,
sees a suppressed unit as "för få svar", creates an action and finds it on
the overview; axe finds no violations on the pages on the way, forms with
errors included. The menu walk in test_accessibility.py covers every
dashboard page reached from the sub-navigation."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_ACCOUNTS
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, WIDE, assert_accessible
from toolbox.demo.reflection import ANCHOR
from toolbox.privacy.periods import half

pytestmark = pytest.mark.browser
# The demo's reflections are dated up to ANCHOR: its half-year has figures.
DEMO_HALF = half(ANCHOR.year, 1 if ANCHOR.month <= 6 else 2)


def test_leadership_sets_a_goal_drills_down_and_plans_an_action(open_context, log_in, server_url):
    page = open_context(viewport=WIDE).new_page()
    log_in(page, DEMO_ACCOUNTS["ledning"])
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Gapanalys").click()
    page.get_by_role("link", name="Nytt mål").click()
    page.get_by_role("button", name="Spara målet").click()
    expect(page.locator(".error-summary")).to_contain_text("Ange ett målvärde.")
    assert_accessible(page, "nytt mål med fel")
    page.get_by_label("Mått").select_option(label="Självskattning, index per område eller princip")
    page.get_by_label("Område eller princip", exact=True).select_option(label="Styrning")
    page.get_by_label("Gäller").select_option(label="\u2003\u2003Område Medicin och diagnostik")
    page.get_by_label("Målvärde (0–100)").fill("85")
    page.get_by_label("Period").select_option(label=DEMO_HALF.label)
    page.get_by_role("button", name="Spara målet").click()
    row = page.locator("tr", has_text="mot 85)")
    expect(row).to_contain_text("indexenheter under målet")
    expect(row).to_contain_text("Område Medicin och diagnostik")
    expect(row).to_contain_text(DEMO_HALF.label)
    results = AXE.run(page, options=AXE_OPTIONS)  # the menu walk checks the rest of this page
    assert results.violations_count == 0, results.generate_report()

    page.get_by_role("link", name="Skattning och återkoppling").click()
    page.get_by_label("Område eller princip", exact=True).select_option(label="Styrning")
    page.get_by_label("Period").select_option(value=DEMO_HALF.key)
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Sjukhusförvaltningen").click()
    page.get_by_role("link", name="Område Medicin och diagnostik").click()
    table = page.locator("table", has_text="Index per enhet, område och princip")
    expect(table).to_contain_text("för få svar")
    expect(page.locator("nav.breadcrumb")).to_contain_text("Område Medicin och diagnostik")
    expect(page.get_by_label("Period")).to_have_value(DEMO_HALF.key)  # kept while drilling
    assert_accessible(page, "nedbrytning per enhet")

    page.get_by_role("link", name="Översikt och mål").click()
    page.locator("tr", has_text="mot 85)").get_by_role("link", name="Lägg till åtgärd").click()
    page.get_by_role("button", name="Spara åtgärden").click()
    expect(page.locator(".error-summary")).to_contain_text("Beskriv åtgärden kort.")
    assert_accessible(page, "ny åtgärd med fel")
    page.get_by_label("Åtgärd", exact=True).fill("Styrningsdialog i verksamheterna")
    page.get_by_label("Ansvarig", exact=True).fill("Områdeschef")
    page.get_by_label("Klart senast").fill("2027-06-30")
    page.get_by_role("button", name="Spara åtgärden").click()
    expect(page.locator("table", has_text="Öppna åtgärder")).to_contain_text(
        "Styrningsdialog i verksamheterna"
    )
