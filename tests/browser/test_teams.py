"""Ledningsgruppsdialog in Chromium (issue 20, acceptance 1 and 5): the
verksamhetschef opens a dialogue for a team of four; three members answer,
each in a fresh browser context; the team page shows the spread and the
facilitation guide but no single answer; a second dialogue with two answers
shows nothing but "för få svar"; the agreed behaviours are recorded; and
leadership's overview lists the dialogue and counts its behaviours. Then the
programme plan and the report, down to the Word file. axe runs on every new
page on the way, at 1280 and 320 px."""

from collections.abc import Callable, Iterator

import docx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import DEMO_PASSWORD, demo_app, serving, sign_in
from tests.browser.test_accessibility import WIDE, assert_accessible
from toolbox.auth.models import User
from toolbox.auth.service import hash_password
from toolbox.extensions import db

pytestmark = pytest.mark.browser

LEADER = "ledning@example.se"
MEMBERS = [f"ledamot{n}@example.se" for n in range(1, 5)]
SECRET = "Bara jag skriver just den här meningen om tillit"
RATED = {
    "Vi frågar hur något gick till innan vi drar slutsatser.": ("2", "4", "5"),
    "Det är tryggt att säga emot i ledningsgruppen.": ("1", "3", "3"),
}


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[str]:
    """The demo portal of this module, with four team members who can sign in."""
    with demo_app(tmp_path_factory.mktemp("teams-browser")) as application:
        with application.app_context():
            password = hash_password(DEMO_PASSWORD)
            for number, email in enumerate(MEMBERS, start=1):
                user = User(email=email, name=f"Ledamot {number}", password_hash=password)
                user.set_roles({"chef"})
                db.session.add(user)
            db.session.commit()
        with serving(application) as url:
            yield url


@pytest.fixture
def fresh(chromium, portal) -> Iterator[Callable[[str], Page]]:
    """A page signed in as `email` in a browser context of its own."""
    contexts: list[BrowserContext] = []

    def open_(email: str) -> Page:
        context = chromium.new_context(base_url=portal, locale="sv-SE", viewport=WIDE)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, email)
        return page

    yield open_
    for context in contexts:
        context.close()


def check(page: Page, where: str) -> None:
    assert_accessible(page, where)
    if "#" in page.url:
        page.goto(page.url.split("#")[0])


def submit(page: Page, button: str) -> int:
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    return posted.value.status


def open_dialogue(page: Page, team: str, members: list[str], first: bool = False) -> str:
    page.goto("/ledningsgrupp/")
    if first:
        check(page, "ledning: ledningsgrupp")
    page.get_by_role("link", name="Öppna en dialog för din ledningsgrupp").click()
    if first:
        check(page, "ledning: ny dialog")
        page.get_by_label("Ledningsgrupp", exact=True).fill(team)
        page.get_by_label("Medlemmar").fill("okand@example.se")
        assert submit(page, "Öppna dialogen") == 422
        check(page, "ledning: ny dialog med fel")
    page.get_by_label("Ledningsgrupp", exact=True).fill(team)
    page.get_by_label("Begrepp att samtala om").select_option(label="Tillit")
    page.get_by_label("Medlemmar").fill("\n".join(members))
    assert submit(page, "Öppna dialogen") == 302
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ledningsgruppsdialog: {team}")
    return page.url


def answer(page: Page, url: str, number: int, meaning: str = "", first: bool = False) -> None:
    page.goto(url)
    page.get_by_role("link", name="Svara på frågorna").click()
    if first:
        check(page, "medlem: svara")
        assert submit(page, "Skicka svaren") == 422
        check(page, "medlem: svara med fel")
    for group in page.locator('fieldset:has(input[name^="r_"])').all():
        legend = group.locator("legend").inner_text()
        value = RATED[legend][number] if legend in RATED else "3"
        group.locator(f'input[value="{value}"]').check()
    priorities = page.get_by_role(
        "group", name="Vilka 3 beteenden är viktigast att stärka härnäst?"
    )
    for text in (
        "Vi frågar hur något gick till innan vi drar slutsatser.",
        "Det är tryggt att säga emot i ledningsgruppen.",
        "Vi delar erfarenheter och misstag öppet mellan verksamheterna.",
    ):
        priorities.get_by_label(text).check()
    if meaning:
        page.get_by_label("Vad betyder tillit för oss i vårt dagliga arbete?").fill(meaning)
    assert submit(page, "Skicka svaren") == 302
    expect(page.locator(".notice-success")).to_contain_text("Dina svar är sparade utan ditt namn")
    if first:
        check(page, "medlem: dialogen efter svar")


def test_a_dialogue_from_opening_to_leaderships_overview(fresh):
    leader = fresh(LEADER)
    url = open_dialogue(leader, "Verksamhetsledningen i webbläsaren", MEMBERS, first=True)
    check(leader, "ledning: öppen dialog")
    for number, email in enumerate(MEMBERS[:3]):
        answer(fresh(email), url, number, SECRET if number == 0 else "", first=number == 0)
    leader.goto(url)
    expect(leader.get_by_text("Tillräckligt många har svarat")).to_be_visible()
    assert submit(leader, "Stäng för svar och visa resultatet") == 302
    check(leader, "ledning: stängd dialog med resultat")
    table = leader.get_by_role("table")
    expect(table).to_contain_text("Mitten (median)")
    row = table.get_by_role("row", name="Vi frågar hur något gick till")
    expect(row.get_by_role("cell").nth(6)).to_have_text("2–5")  # the spread
    expect(row.get_by_role("cell").nth(7)).to_have_text("4,0")  # the middle
    expect(
        leader.get_by_role("heading", name="Samtalsguide för mötet (90 minuter)")
    ).to_be_visible()
    expect(leader.get_by_role("heading", name="När ni ser olika på saker")).to_be_visible()
    assert SECRET not in leader.content()
    member = fresh(MEMBERS[0])
    member.goto(url)
    assert SECRET not in member.content()

    # With two answers nothing but "för få svar" shows.
    few = open_dialogue(leader, "Ledningsgruppen med två svar", MEMBERS[:3])
    for number, email in enumerate(MEMBERS[:2]):
        answer(fresh(email), few, number)
    leader.goto(few)
    expect(leader.get_by_text("Ännu har för få svarat")).to_be_visible()
    assert submit(leader, "Stäng för svar och visa resultatet") == 302
    check(leader, "ledning: stängd dialog med för få svar")
    expect(leader.get_by_text("För få svar för att visa något resultat.")).to_be_visible()
    expect(leader.get_by_role("table")).to_have_count(0)

    # The agreement after the meeting.
    leader.goto(url)
    assert submit(leader, "Spara överenskommelsen") == 422
    check(leader, "ledning: överenskommelse med fel")
    leader.goto(url)  # the form posts to an address of its own, which has no GET
    agreed = leader.get_by_role("group", name="Beteenden ni kom överens om att stärka")
    agreed.get_by_label("Vi frågar hur något gick till innan vi drar slutsatser.").check()
    agreed.get_by_label("Det är tryggt att säga emot i ledningsgruppen.").check()
    leader.get_by_label("Åtaganden").fill("Vi frågar först och säger emot när vi ser olika.")
    leader.get_by_label("Datum för uppföljning").fill("2099-03-01")
    assert submit(leader, "Spara överenskommelsen") == 302
    expect(leader.locator("ul.agreed li")).to_have_count(2)

    # Leadership's overview lists the dialogue and counts its behaviours.
    leader.goto("/ledningsgrupp/uppfoljning")
    check(leader, "ledning: uppföljning")
    row = leader.get_by_role("row", name="Verksamhetsledningen i webbläsaren")
    expect(row).to_contain_text("Vi frågar först och säger emot")
    expect(row).to_contain_text("Det är tryggt att säga emot i ledningsgruppen.")
    counts = leader.get_by_role("table").nth(1)
    first = counts.get_by_role(
        "row", name="Vi frågar hur något gick till innan vi drar slutsatser."
    )
    expect(first.get_by_role("cell").first).to_have_text("1")
    speak = counts.get_by_role("row", name="Det är tryggt att säga emot i ledningsgruppen.")
    expect(speak.get_by_role("cell").first).to_have_text("2")  # the demo's Kirurgi chose it too
    assert SECRET not in leader.content()
    leader.get_by_role("link", name="Skriv in eller ändra samsynen").click()
    check(leader, "ledning: samsyn")
    leader.get_by_label("Samsynen i ord").fill("")
    assert submit(leader, "Spara samsynen") == 422
    check(leader, "ledning: samsyn med fel")


@pytest.mark.parametrize(("email", "status"), [("hr@example.se", 403), ("admin@example.se", 403)])
def test_hr_and_administrators_are_refused(fresh, email, status):
    page = fresh(email)
    for path in ("/ledningsgrupp/", "/ledningsgrupp/uppfoljning", "/ledningsgrupp/1"):
        assert page.goto(path).status == status
    assert SECRET not in page.content()


def test_the_demo_chef_sees_the_dialogue_to_answer(fresh):
    page = fresh("chef@example.se")
    page.get_by_role("link", name="Svara på frågorna").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Inför dialogen i Verksamhetsledningen Medicin"
    )
    check(page, "chef: svara i demodialogen")
    page.goto("/ledningsgrupp/")
    check(page, "chef: ledningsgrupp")


def test_the_programme_plan_and_the_report(fresh, portal, tmp_path):
    page = fresh(LEADER)
    page.goto("/program/")
    check(page, "ledning: programplan")
    page.get_by_role("link", name="Lägg till en aktivitet").click()
    check(page, "ledning: ny aktivitet")
    assert submit(page, "Spara") == 422
    check(page, "ledning: ny aktivitet med fel")
    page.get_by_label("Aktivitet", exact=True).fill("Aktivitet i webbläsaren")
    page.get_by_label("Ansvarig").fill("Sjukhusdirektör")
    page.get_by_label("Status").select_option(label="Pågår")
    assert submit(page, "Spara") == 302
    page.get_by_role("link", name="Aktivitet i webbläsaren").click()
    check(page, "ledning: ändra aktivitet")
    page.goto("/program/aterrapportering")
    check(page, "ledning: återrapportering")
    page.get_by_label("Sammanfattning", exact=True).fill("Programmet är i gång i alla delar.")
    assert submit(page, "Spara sammanfattningen") == 302
    expect(page.locator(".report-body")).to_contain_text("Programmet är i gång i alla delar.")
    expect(page.locator(".report-body")).to_contain_text("Aktivitet i webbläsaren")
    page.get_by_role("link", name="Utskriftsversion").click()
    check(page, "ledning: återrapportering utskrift")
    page.goto("/program/aterrapportering")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Word-fil (DOCX)").click()
    saved = tmp_path / "rapport.docx"
    download.value.save_as(saved)
    text = "\n".join(p.text for p in docx.Document(saved).paragraphs)
    assert "Programmet är i gång i alla delar." in text
    assert "Planering framåt" in text
