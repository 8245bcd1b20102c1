"""Återkoppling in Chromium (acceptance 1 and 6): chef@example.se opens a
round and invites four addresses; three respondents answer through their
mailed links, each in a fresh browser context; two kollegor and one code
holder answer too; after closing, the results and self against others show,
and the kollegor (two answers) and egen chef (one) are absent everywhere,
totals included. axe runs on every manager and respondent page on the way,
at 1280 and 320 px (assert_accessible from test_accessibility)."""

import re
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.test_accessibility import WIDE, assert_accessible
from toolbox import clock
from toolbox.extensions import mail

pytestmark = pytest.mark.browser

LINK = re.compile(r"http://127\.0\.0\.1:\d+(/aterkoppling/svar/[A-Za-z0-9_-]+)")
TITLE = "Återkoppling i webbläsaren"
COMMENT = "Du lyssnar på oss och ger oss utrymme att lösa problemen själva."


@pytest.fixture
def fresh(chromium, server_url) -> Iterator[Callable[[], Page]]:
    """A page in a browser context of its own (its own cookies), closed after the test."""
    contexts: list[BrowserContext] = []

    def open_() -> Page:
        context = chromium.new_context(base_url=server_url, locale="sv-SE", viewport=WIDE)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def check(page: Page, where: str) -> None:
    """assert_accessible, then the page again without the #main that its skip
    link test left in the address (a form would otherwise post back to it)."""
    assert_accessible(page, where)
    if "#" in page.url:
        page.goto(page.url.split("#")[0])


def submit(page: Page, button: str) -> int:
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    return posted.value.status


def links_in(outbox, first: int) -> list[str]:
    return [LINK.search(message.body).group(1) for message in outbox[first:]]


def open_round_and_invite(page: Page, outbox: list) -> tuple[list[str], list[str], str]:
    page.goto("/aterkoppling/")
    check(page, "chef: återkoppling")
    page.get_by_role("link", name="Starta en ny omgång").click()
    check(page, "chef: ny omgång")
    page.get_by_label("Medarbetare").uncheck()
    assert submit(page, "Starta omgången") == 422
    check(page, "chef: ny omgång med fel")
    page.get_by_label("Namn på omgången").fill(TITLE)
    for group in ("Medarbetare", "Kollegor", "Egen chef"):
        page.get_by_label(group).check()
    assert submit(page, "Starta omgången") == 302
    check(page, "chef: ny öppen omgång")
    move_closing_date(page)
    invite(page, "Medarbetare", [f"medarbetare{n}@example.se" for n in range(1, 5)])
    assert len(outbox) == 4
    invite(page, "Kollegor", ["kollega1@example.se", "kollega2@example.se"])
    assert len(outbox) == 6
    page.get_by_role("link", name="Skapa koder att dela ut").click()
    check(page, "chef: skapa koder")
    page.get_by_label("Egen chef").check()
    page.get_by_label("Antal koder").fill("1")
    assert submit(page, "Skapa koderna") == 302
    check(page, "chef: koder att skriva ut")
    code = page.locator(".fb-code").inner_text()
    assert submit(page, "Jag har skrivit ut koderna") == 302
    return links_in(outbox, 0)[:4], links_in(outbox, 4), code


def move_closing_date(page: Page) -> None:
    page.get_by_role("link", name="Ändra sista dag att svara").click()
    check(page, "chef: ändra sista dag")
    page.get_by_label("Sista dag att svara").fill("2020-01-01")
    assert submit(page, "Spara sista dag") == 422
    check(page, "chef: ändra sista dag med fel")
    later = clock.today() + timedelta(days=21)
    page.get_by_label("Sista dag att svara").fill(later.isoformat())
    assert submit(page, "Spara sista dag") == 302
    expect(page.locator(".notice-success")).to_contain_text(later.isoformat())


def invite(page: Page, group: str, addresses: list[str]) -> None:
    page.get_by_role("link", name="Bjud in via e-post").click()
    if group == "Medarbetare":
        check(page, "chef: bjud in")
        assert submit(page, "Skicka inbjudan") == 422
        check(page, "chef: bjud in med fel")
    page.get_by_label(group, exact=True).check()
    page.get_by_label("E-postadresser").fill("\n".join(addresses))
    assert submit(page, "Skicka inbjudan") == 302
    expect(page.locator(".notice-success")).to_contain_text("Inbjudan med en egen länk")


def answer_all(page: Page, value: str, comment: str = "") -> None:
    for radio_group in page.locator('fieldset:has(input[name^="q_"])').all():
        radio_group.locator(f'input[value="{value}"]').check()
    if comment:
        page.get_by_label("Vad fungerar bra i chefens ledarskap? (frivilligt)").fill(comment)
    assert submit(page, "Skicka svaren") == 302
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för dina svar!")


def respondents_answer(fresh, staff: list[str], colleagues: list[str], code: str) -> None:
    for number, link in enumerate(staff[:3]):
        page = fresh()
        page.goto(link)
        if number == 0:
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "Återkoppling till Karin Lindqvist"
            )
            expect(page.get_by_text("allmän handling")).to_be_visible()
            check(page, "svarande: formuläret")
            assert submit(page, "Skicka svaren") == 422
            check(page, "svarande: formuläret med fel")
        answer_all(page, "4", COMMENT if number == 0 else "")
        if number == 0:
            check(page, "svarande: tack")
            assert page.goto(link).status == 410
            check(page, "svarande: länken är använd")
    for link in colleagues:
        page = fresh()
        page.goto(link)
        answer_all(page, "1")
    page = fresh()
    assert page.goto("/aterkoppling/svar/finns-inte").status == 404
    check(page, "svarande: okänd länk")
    page.goto("/aterkoppling/svara")
    check(page, "svarande: svara med kod")
    page.get_by_label("Kod").fill("AAAAA-BBBBB")
    assert submit(page, "Fortsätt") == 422
    check(page, "svarande: fel kod")
    page.get_by_label("Kod").fill(code.lower())
    assert submit(page, "Fortsätt") == 302
    answer_all(page, "2")


def cells(page: Page, caption: str) -> list[list[str]]:
    table = page.locator("table", has=page.locator("caption", has_text=caption))
    return [row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all()]


def check_results(page: Page) -> None:
    results = page.locator("#fb-results")
    expect(results).to_contain_text("Antal svar: Medarbetare 3.")
    for absent in ("Kollegor", "Egen chef"):
        expect(results).not_to_contain_text(absent)
    for row in cells(page, "Medelvärde 1–5 per område"):
        # Område, Du själv, Medarbetare, Alla andra: the kollegor's 1s are not in the total.
        assert row[2] == row[3] == "4,0", row
    expect(page.get_by_role("heading", name="Du själv och andra")).to_be_visible()
    expect(page.get_by_text("Din egen bild kommer från din senaste självskattning")).to_be_visible()
    expect(page.get_by_role("heading", name="Blinda fläckar")).to_be_visible()
    expect(page.get_by_role("heading", name="Dolda styrkor")).to_be_visible()
    chart = page.locator("#fb-results svg[role=img]")
    expect(chart.locator("title")).to_have_text("Du själv och andra, medelvärde per område")
    assert "Kollegor" not in chart.locator("desc").text_content()
    # Three staff members are shown, the two colleagues dropped: too few for comments
    # from the shown groups (FEEDBACK_MIN_TEXT 5), and nothing counts the dropped two.
    expect(results).not_to_contain_text(COMMENT)
    expect(results).to_contain_text(
        "Kommentarer visas bara när minst 5 har svarat i de grupper som visas"
    )


def test_a_round_from_invitation_to_results(fresh, log_in):
    manager = fresh()
    log_in(manager, "chef@example.se")
    with mail.record_messages() as outbox:
        staff, colleagues, code = open_round_and_invite(manager, outbox)
    round_url = manager.url
    respondents_answer(fresh, staff, colleagues, code)
    manager.goto(round_url)
    expect(manager.locator(".fb-thresholds")).to_contain_text(
        "Medarbetare: tillräckligt många svar"
    )
    expect(manager.locator(".fb-thresholds")).to_contain_text(
        "Kollegor: inte tillräckligt många svar ännu"
    )
    check(manager, "chef: omgången med svar")
    assert submit(manager, "Avsluta omgången nu") == 302
    check_results(manager)
    check(manager, "chef: resultatet")
    manager.get_by_role("link", name="Utskriftsversion").click()
    check_results(manager)
    check(manager, "chef: utskriftsversion")
    manager.goto("/aterkoppling/jamfor")
    check(manager, "chef: jämför omgångar")


def test_the_demo_rounds_are_accessible(fresh, log_in):
    page = fresh()
    log_in(page, "chef@example.se")
    page.goto("/aterkoppling/")
    for title in ("Återkoppling inför medarbetarsamtalen 2026", "Återkoppling hösten 2026"):
        page.goto("/aterkoppling/")
        page.get_by_role("link", name=title).click()
        check(page, f"chef: {title}")
    # The open round's confirmation page for removing it (nothing is removed).
    page.get_by_role("link", name="Ta bort omgången i stället").click()
    check(page, "chef: ta bort omgången?")
    page.goto("/")
    expect(page.get_by_text("Återkopplingen ”Återkoppling hösten 2026” pågår")).to_be_visible()
    check(page, "chef: min sida")
