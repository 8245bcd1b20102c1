"""The register in Chromium: the whole workflow by the demo accounts
(acceptance 1) and axe on the register's pages (acceptance 4).

The workflow changes the demo data, so this module serves a portal of its
own (tests/browser/conftest.py)."""

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from tests.browser.conftest import demo_app, serving, signed_in
from tests.browser.test_accessibility import assert_accessible
from toolbox.extensions import db
from toolbox.tasks.models import Task

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    with demo_app(tmp_path_factory.mktemp("tasks-browser")) as application:
        yield application


@pytest.fixture(scope="module")
def live_url(live_app):
    with serving(live_app) as url:
        yield url


def figures_now(page: Page) -> dict[str, Decimal]:
    page.goto("/uppgifter/siffror")
    found = {}
    for name in ("tasks", "managers", "estimated", "realised"):
        text = page.locator(f"#total-{name}").inner_text()
        # Thousands are set apart with a no-break space (Babel's Swedish format).
        found[name] = Decimal(text.replace("\xa0", "").replace(",", "."))
    return found


def changed(before: dict, after: dict) -> dict:
    return {key: after[key] - before[key] for key in before if after[key] != before[key]}


def propose(chef: Page) -> str:
    chef.goto("/uppgifter/ny")
    chef.get_by_label("Uppgift", exact=True).fill("Sammanställa sjukfrånvaron varje månad")
    chef.get_by_label("Beskrivning").fill(
        "Jag tar ut frånvaron ur HR-systemet och räknar för hand."
    )
    chef.get_by_label("Kategori").select_option(label="HR och personal")
    chef.get_by_label("Hur ofta").select_option(label="Varje månad")
    chef.get_by_label("Timmar per månad för en chef").fill("3,5")
    chef.get_by_label("Antal chefer som berörs").fill("2")
    chef.get_by_role("button", name="Skicka förslaget").click()
    expect(chef.locator(".notice-success")).to_contain_text("Förslaget är mottaget")
    expect(chef.locator("#task-estimated")).to_have_text("7,0")
    return chef.url


def endorse(page: Page, task_url: str, hours: str) -> None:
    page.goto(task_url)
    page.get_by_role("link", name="Berör mig också").click()
    page.get_by_label("Hur många timmar i månaden tar uppgiften för dig?").fill(hours)
    page.get_by_role("button", name="Berör mig också").click()


def take_step(page: Page, task_url: str, link: str, fields: dict, status: str) -> None:
    """Click the step's button on the task page, fill in its form, send it."""
    page.goto(task_url)
    page.get_by_role("link", name=link, exact=True).click()
    for label, value in fields.items():
        field = page.get_by_label(label, exact=True)
        if value is True:
            field.check()
        elif field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name=link, exact=True).click()
    expect(page.locator(".task-status")).to_contain_text(status)


def workflow(browser: Browser, url: str) -> None:
    chef, hr = signed_in(browser, url, "chef@example.se"), signed_in(browser, url, "hr@example.se")
    ledning = signed_in(browser, url, "ledning@example.se")  # Ledning and Chef
    start = figures_now(hr)
    task_url = propose(chef)
    proposed = figures_now(hr)
    assert changed(start, proposed) == {"tasks": 1, "managers": 2, "estimated": Decimal("7.0")}

    endorse(ledning, task_url, "1,5")
    expect(ledning.locator("#task-estimated")).to_have_text("8,5")
    endorsed = figures_now(hr)
    assert changed(proposed, endorsed) == {"managers": 1, "estimated": Decimal("1.5")}

    assessment = {
        "Avlasta": True,
        "Mottagande funktion": "Chefsstöd",
        "Bedömning": "Passar chefsstödet.",
    }
    take_step(hr, task_url, "Bedöm", assessment, "Under genomlysning")
    decision = {"Beslut": "Chefsstödet tar över från maj.", "Ägare": "Hanna Rostami, HR"}
    take_step(ledning, task_url, "Besluta", decision, "Beslutad")
    take_step(hr, task_url, "Påbörja genomförandet", {}, "Genomförs")
    assert figures_now(hr) == endorsed  # assessment and decision free no time by themselves
    realised = {"Realiserad tid per chef och månad (timmar)": "2,0"}
    take_step(hr, task_url, "Rapportera realiserad tid", realised, "Genomförd")
    expect(hr.locator("#task-realised")).to_have_text("6,0")  # 2,0 × 3 managers
    assert changed(endorsed, figures_now(hr)) == {"realised": Decimal("6.0")}

    chef.goto(task_url)
    rows = chef.locator("section[aria-labelledby='history-title'] tbody tr")
    history = [(row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text())
               for row in rows.all()]  # fmt: skip
    assert [(who, what.split(".")[0]) for who, what in history] == [
        ("Karin Lindqvist", "Förslaget lämnades"),
        ("Lars Ekström", "Berör mig också"),
        ("Hanna Rostami", "Bedömd av HR (Inkommen → Under genomlysning)"),
        ("Lars Ekström", "Beslutad (Under genomlysning → Beslutad)"),
        ("Hanna Rostami", "Genomförandet påbörjat (Beslutad → Genomförs)"),
        ("Hanna Rostami", "Realiserad tid rapporterad (Genomförs → Genomförd)"),
    ]
    assert "Beslut: Chefsstödet tar över från maj. Ägare: Hanna Rostami." in history[3][1]


def test_a_task_through_the_whole_workflow(chromium, live_url):
    workflow(chromium, live_url)


@pytest.fixture(scope="module")
def seeded(live_app) -> dict[str, int]:
    with live_app.app_context():
        return dict(db.session.execute(select(Task.seed_key, Task.id)).all())


ACCOUNTS = {"chef": "chef@example.se", "hr": "hr@example.se", "ledning": "ledning@example.se"}
# (role, path, status): {key} is the id of that task of the starter register.
PAGES = [
    ("chef", "/uppgifter/", 200),
    ("hr", "/uppgifter/?kategori=hr_personal&status=inkommen&sortering=tid&mina=1&q=l", 200),
    ("ledning", "/uppgifter/?page=2", 200),
    ("ledning", "/uppgifter/siffror", 200),
    ("hr", "/uppgifter/{tidrapporter-avvikelser}", 200),
    ("chef", "/uppgifter/{schema-sjukfranvaro}", 200),
    ("chef", "/uppgifter/ny", 200),
    ("chef", "/uppgifter/{tidrapporter-avvikelser}/andra", 200),
    ("chef", "/uppgifter/{bestallning-material}/beror-mig", 200),
    ("hr", "/uppgifter/{avvikelser-enkla}/steg/bedom", 200),
    ("ledning", "/uppgifter/{behorigheter-journal}/steg/besluta", 200),
    ("chef", "/uppgifter/{behorigheter-journal}/steg/besluta", 403),
]
# (role, path, button): sent as it is, the form comes back with an error summary.
FORMS_WITH_ERRORS = [
    ("chef", "/uppgifter/ny", "Skicka förslaget"),
    ("chef", "/uppgifter/{bestallning-material}/beror-mig", "Berör mig också"),
    ("hr", "/uppgifter/{remissvar}/steg/bedom", "Bedöm"),
    ("ledning", "/uppgifter/{behorigheter-journal}/steg/avsla", "Avslå"),
]


def check_page(browser: Browser, url: str, role: str, path: str, status: int) -> None:
    page = signed_in(browser, url, ACCOUNTS[role])
    response = page.goto(path)
    assert response.status == status, f"{role} {path}: {response.status}"
    assert_accessible(page, f"{role} {path}")
    page.context.close()


def check_form_with_errors(browser: Browser, url: str, role: str, path: str, button: str) -> None:
    page = signed_in(browser, url, ACCOUNTS[role])
    page.goto(path)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=button, exact=True).click()
    assert posted.value.status == 422, f"{role} {path}: {posted.value.status}"
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    for href in summary.locator("a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert page.locator(href).count() == 1, f"{path}: {href} leads nowhere"
    assert_accessible(page, f"{role} {path} with errors")
    page.context.close()


@pytest.mark.parametrize(("role", "path", "status"), PAGES)
def test_register_page_is_accessible(chromium, live_url, seeded, role, path, status):
    check_page(chromium, live_url, role, path.format_map(seeded), status)


@pytest.mark.parametrize(("role", "path", "button"), FORMS_WITH_ERRORS)
def test_register_form_with_errors_is_accessible(chromium, live_url, seeded, role, path, button):
    check_form_with_errors(chromium, live_url, role, path.format_map(seeded), button)
