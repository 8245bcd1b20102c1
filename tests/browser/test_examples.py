"""Goda exempel in Chromium (acceptance 1 and 4): HR opens a collection and
invites a contact, the contact answers steps 1 and 2 through the mailed link,
HR asks a follow-up question that the contact answers, HR publishes a case and
a manager finds it in the library by area – with axe on every page on the way.
The scenario changes the demo data, so this module serves a portal of its own."""

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from tests.browser.conftest import demo_app, serving, signed_in
from toolbox.demo.examples import DELIVERED, RUNNING
from toolbox.extensions import db, mail
from toolbox.org.models import OrgUnit

pytestmark = pytest.mark.browser

AXE = Axe()
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
LINK = re.compile(r"http://127\.0\.0\.1:\d+(/goda-exempel/svar/[A-Za-z0-9_-]+)")
CASE_TITLE = "Dialyspatienterna planerar sina egna tider"


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[dict]:
    """The demo portal of this module: its base URL and the dialysis unit's id."""
    with demo_app(tmp_path_factory.mktemp("examples-browser")) as application:
        with application.app_context():
            unit_id = db.session.scalar(select(OrgUnit.id).where(OrgUnit.code == "MED-DIAL"))
        with serving(application) as url:
            yield {"url": url, "unit_id": unit_id}


def check(page: Page, where: str) -> None:
    """The page skeleton, axe at desktop and phone width, and reflow at 320 px."""
    assert page.locator("html").get_attribute("lang") == "sv", where
    assert page.locator("main").count() == 1, where
    assert page.locator("h1").count() == 1, where
    assert page.title().endswith(" – Verktygslådan"), where
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        results = AXE.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{where} {size}\n{results.generate_report()}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{where}: {width} px wide at 320 px: {too_wide(page)}"
    page.set_viewport_size(WIDE)


def too_wide(page: Page) -> list[str]:
    """The outermost elements that reach past the right edge (outside scrolling tables)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main *')]
          .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > 321)
          .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= 321)
          .map(e => e.tagName + '.' + e.className)"""
    )


def submit(page: Page, button: str) -> int:
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    return posted.value.status


def latest_link(outbox: list, count: int) -> str:
    assert len(outbox) == count, [m.subject for m in outbox]
    return LINK.search(outbox[-1].body).group(1)


def hr_opens_a_collection_and_invites(page: Page, unit_id: int, outbox: list) -> None:
    page.goto("/goda-exempel/insamlingar")
    check(page, "HR: insamlingar")
    page.get_by_role("link", name="Ny insamling").click()
    check(page, "HR: ny insamling")
    assert submit(page, "Skapa insamlingen") == 422
    check(page, "HR: ny insamling med fel")
    page.get_by_label("Namn på insamlingen").fill("Goda exempel inför utskottet i juni")
    page.get_by_label("Syfte").fill("Exempel på hur man kan arbeta tillitsbaserat.")
    page.get_by_label("Sista dag för steg 1 (berättelse)").fill("2099-04-25")
    page.get_by_label("Sista dag för steg 2 (inventering)").fill("2099-05-09")
    page.get_by_label("Sista dag för steg 3 (följdfrågor)").fill("2099-05-16")
    page.get_by_label("Leveransdatum").fill("2099-05-26")
    assert submit(page, "Skapa insamlingen") == 302
    check(page, "HR: tavla utan exempel")
    page.get_by_role("link", name="Bjud in", exact=True).click()
    check(page, "HR: bjud in")
    page.get_by_label("Enhet", exact=True).select_option(str(unit_id))
    page.get_by_label("Kontaktpersonens namn").fill("Nikola Petrović")
    page.get_by_label("Kontaktpersonens e-postadress").fill("dialys.kontakt@example.se")
    page.get_by_label("Telefon").check()
    page.get_by_label("Kontaktuppgifter och önskemål").fill("070-123 45 67, helst förmiddag")
    assert submit(page, "Skicka inbjudan") == 302
    assert len(outbox) == 1
    assert outbox[0].recipients == ["dialys.kontakt@example.se"]
    check(page, "HR: tavla med en inbjudan")


def contact_answers_steps_1_and_2(page: Page, link: str) -> None:
    page.goto(link)
    check(page, "kontakt: steg 1")
    assert page.get_by_text("Poängen är att inte styra").count() == 1
    assert page.get_by_text("allmän handling").count() == 1
    assert submit(page, "Skicka berättelsen") == 422
    check(page, "kontakt: steg 1 med fel")
    page.get_by_label("Er berättelse").fill("Patienterna planerar sina dialystider med oss.")
    assert submit(page, "Skicka berättelsen") == 302
    check(page, "kontakt: steg 2")
    page.locator("#q_ledarskap-aterkoppling").fill("Varje fredag ger vi varandra återkoppling.")
    page.locator("#q_styrning-natverk").fill("Vi samarbetar med sjukresorna.")
    assert submit(page, "Skicka svaren") == 302
    check(page, "kontakt: tack efter steg 2")


def hr_asks_a_follow_up(page: Page) -> None:
    page.goto("/goda-exempel/insamlingar")
    page.get_by_role("link", name="Goda exempel inför utskottet i juni").click()
    check(page, "HR: tavla i steg 2")
    page.get_by_role("link", name="Dialysenheten").click()
    check(page, "HR: materialet")
    page.get_by_label("Ny följdfråga").fill("Hur kom ni igång med planeringen?")
    assert submit(page, "Lägg till frågan") == 302
    check(page, "HR: materialet med ett utkast till fråga")
    assert submit(page, "Skicka frågan till kontaktpersonen") == 302


def contact_answers_the_follow_up(page: Page, link: str, old_link: str) -> None:
    page.goto(link)
    check(page, "kontakt: steg 3")
    page.get_by_label("Hur kom ni igång med planeringen?").fill("Med tre patienter först.")
    assert submit(page, "Skicka svaren") == 302
    assert page.get_by_text("Tack för svaren på följdfrågorna!").count() == 1
    assert page.goto(old_link).status == 404
    check(page, "kontakt: gammal länk")


def hr_publishes_a_case(page: Page) -> None:
    page.get_by_role("link", name="Paketera som case").click()
    check(page, "HR: paketera")
    page.get_by_label("Rubrik").fill(CASE_TITLE)
    page.get_by_label("Verksamhet som den beskrivs").fill("En dialysenhet")
    page.get_by_label("Sammanfattning").fill("Patienterna är med och planerar tiderna.")
    page.get_by_label("Lärdomar: Styrning").fill("Tydliga ramar gör det lätt att delegera.")
    page.get_by_label("Patient- och medborgarfokus").check()
    page.get_by_label("Jag har tagit bort uppgifter som kan identifiera").check()
    assert submit(page, "Spara caset") == 302
    check(page, "HR: sparat utkast")
    assert submit(page, "Publicera i exempelbanken") == 302
    assert page.get_by_text("Exemplet är publicerat i exempelbanken.").count() == 1
    check(page, "HR: publicerat case")
    page.get_by_role("link", name="Goda exempel inför utskottet i juni").click()
    page.get_by_role("link", name="Rapport").click()
    check(page, "HR: rapport")
    page.get_by_label(CASE_TITLE).check()
    page.get_by_label("Sammanfattade lärdomar: Styrning").fill("Ramar och mandat.")
    assert submit(page, "Spara rapporten") == 302
    page.get_by_role("link", name="Utskriftsversion av rapporten").click()
    check(page, "HR: utskriftsversion")
    assert page.get_by_role("heading", name=CASE_TITLE).count() == 1


def manager_finds_it_by_area(page: Page) -> None:
    page.goto("/goda-exempel/")
    check(page, "chef: exempelbanken")
    page.get_by_label("Område", exact=True).select_option("styrning")
    page.get_by_role("button", name="Visa exempel").click()
    page.wait_for_load_state()
    assert "omrade=styrning" in page.url
    check(page, "chef: exempelbanken, styrning")
    page.get_by_role("link", name=CASE_TITLE).click()
    assert page.get_by_role("heading", name=CASE_TITLE, level=1).count() == 1
    check(page, "chef: caset")
    page.goto("/goda-exempel/mina")
    check(page, "chef: mina exempel")


def scenario(browser: Browser, base: str, unit_id: int, outbox: list) -> None:
    hr = signed_in(browser, base, "hr@example.se")
    hr_opens_a_collection_and_invites(hr, unit_id, outbox)
    first = latest_link(outbox, 1)
    contact = browser.new_context(base_url=base, locale="sv-SE").new_page()
    contact_answers_steps_1_and_2(contact, first)
    hr_asks_a_follow_up(hr)
    contact_answers_the_follow_up(contact, latest_link(outbox, 2), first)
    hr.goto("/goda-exempel/insamlingar")
    hr.get_by_role("link", name="Goda exempel inför utskottet i juni").click()
    hr.get_by_role("link", name="Dialysenheten").click()
    hr_publishes_a_case(hr)
    manager = signed_in(browser, base, "chef@example.se")
    manager_finds_it_by_area(manager)
    for page in (hr, contact, manager):
        page.context.close()


def test_hr_contact_and_manager_in_chromium(chromium, portal):
    with mail.record_messages() as outbox:
        scenario(chromium, portal["url"], portal["unit_id"], outbox)


def demo_pages(browser: Browser, base: str) -> None:
    """The demo collections' pages, which hold every state a page can show."""
    hr = signed_in(browser, base, "hr@example.se")
    hr.goto("/goda-exempel/insamlingar")
    for title in (RUNNING, DELIVERED):
        hr.goto("/goda-exempel/insamlingar")
        hr.get_by_role("link", name=title).click()
        check(hr, f"HR: {title}")
        hr.get_by_role("link", name="Rapport").click()
        check(hr, f"HR: rapport {title}")
    hr.goto("/goda-exempel/insamlingar")
    hr.get_by_role(
        "link", name="Goda exempel inom tillitsbaserad styrning – andra insamlingen"
    ).click()
    for unit in ("Psykiatriska akutmottagningen", "Vårdavdelning 20 kolorektal kirurgi"):
        hr.get_by_role("link", name=unit).click()
        check(hr, f"HR: {unit}")
        hr.get_by_role("link", name="Ta bort exemplet ur insamlingen").click()
        check(hr, f"HR: ta bort {unit}?")  # the confirmation page; nothing is removed
        hr.go_back()
        hr.go_back()
    manager = signed_in(browser, base, "chef@example.se")
    manager.goto("/goda-exempel/mina")
    manager.get_by_role("link", name="Vårdavdelning 14 lung och allergi").first.click()
    check(manager, "chef: svara i portalen")
    manager.goto("/goda-exempel/?princip=tillit")
    check(manager, "chef: exempelbanken, tillit")
    for page in (hr, manager):
        page.context.close()


def test_demo_pages_are_accessible(chromium, portal):
    demo_pages(chromium, portal["url"])
