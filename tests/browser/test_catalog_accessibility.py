"""axe finds no violations on any catalog page, for every role (issue 3,
acceptance 6), with the skeleton of tests/browser/test_accessibility.py: one
<main> with a skip link, Swedish, a title and one h1, at 1280 and 320 px.

Forms are also checked after a failed submit (the error summary links to
the fields), and the page HR gets when someone else saved the item first
(acceptance 4: a 409 with the differences, and nothing lost)."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select, text

from tests.browser.conftest import DEMO_ACCOUNTS
from tests.browser.test_accessibility import WIDE, assert_accessible
from toolbox import clock
from toolbox.auth.models import User
from toolbox.catalog import search
from toolbox.catalog.models import CatalogItem, LearningPath, PlanEntry
from toolbox.catalog.service import set_tags
from toolbox.clock import utcnow
from toolbox.extensions import db

pytestmark = pytest.mark.browser

# (name, path, a text the page shows) for every role; {…} come from catalog_ids.
EVERYONE = [
    ("katalog", "/katalog/", "träffar"),
    (
        "sok-och-filter",
        "/katalog/?q=ledarskapet&area=kultur&principle=oppenhet&sort=titel",
        "träffar",
    ),
    ("inga-traffar", "/katalog/?q=finnsintenagonstans&kind=verktyg", "Inget matchar"),
    ("sida-2", "/katalog/?page=2", "Sida 2 av"),
    ("objekt", "/katalog/{item_slug}", "Därför rekommenderar vi det"),
    ("plan", "/katalog/plan", "Min utvecklingsplan"),
    ("larvagar", "/katalog/larvagar", "steg genomförda"),
    ("larvag", "/katalog/larvagar/{path_slug}", "Du har genomfört"),
]
HR_ONLY = [
    ("hantera", "/katalog/hantera", "Dags för ny granskning"),
    ("hantera-filter", "/katalog/hantera?status=granskas&q=team", "1 objekt"),
    ("nytt-objekt", "/katalog/hantera/ny", "Adress (slug)"),
    ("redigera-utkast", "/katalog/hantera/{draft_id}", "Skicka till granskning"),
    ("redigera-granskas", "/katalog/hantera/{review_id}", "Prioritet mot ramverket"),
    ("redigera-godkant-med-betyg", "/katalog/hantera/{rated_id}", "Chefernas betyg:"),
    ("redigera-avvecklat", "/katalog/hantera/{retired_id}", "Återuppta som utkast"),
    ("forhandsvisa-utkast", "/katalog/{draft_slug}", "Förhandsvisning för HR"),
    ("hantera-larvagar", "/katalog/hantera/larvagar", "Ny lärväg"),
    ("ny-larvag", "/katalog/hantera/larvagar/ny", "Steg i ordning"),
    ("redigera-larvag", "/katalog/hantera/larvagar/{path_id}", "Steg i ordning"),
]
PAGES = [
    *(
        pytest.param(role, path, shows, id=f"{role}-{name}")
        for role in DEMO_ACCOUNTS
        for name, path, shows in EVERYONE
    ),
    *(pytest.param("hr", path, shows, id=f"hr-{name}") for name, path, shows in HR_ONLY),
]
CONFLICT_SLUG = "tillganglighetsprov-samtidig-redigering"


@pytest.fixture(scope="module")
def catalog_ids(browser_app) -> dict[str, int | str]:
    """Items in each review state, an item with enough ratings for HR to see
    them, one overdue for review, a path, and a completed but unrated item in
    chef@example.se's plan."""
    with browser_app.app_context():

        def first(state: str) -> CatalogItem:
            return db.session.scalar(
                select(CatalogItem)
                .where(CatalogItem.state == state, CatalogItem.slug.not_like("xss-%"))
                .order_by(CatalogItem.slug)
            )

        chef = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS["chef"]))
        planned = set(
            db.session.scalars(select(PlanEntry.item_id).where(PlanEntry.user_id == chef.id))
        )
        unrated = next(
            item
            for item in db.session.scalars(
                select(CatalogItem)
                .where(CatalogItem.state == "godkand", CatalogItem.slug.not_like("xss-%"))
                .order_by(CatalogItem.title.desc())
            )
            if item.id not in planned
        )
        db.session.add(
            PlanEntry(user_id=chef.id, item=unrated, status="genomford", completed_at=utcnow())
        )
        # One approved item past its next review date, for HR's list of those.
        overdue = db.session.scalar(
            select(CatalogItem)
            .where(CatalogItem.state == "godkand", CatalogItem.slug.not_like("xss-%"))
            .order_by(CatalogItem.slug.desc())
        )
        overdue.next_review_on = clock.today() - timedelta(days=1)
        path = db.session.scalar(select(LearningPath).order_by(LearningPath.id))
        draft = first("utkast")
        ids = {
            # The first approved item by slug is the one the demo data has ratings for.
            "item_slug": first("godkand").slug,
            "rated_id": first("godkand").id,
            "draft_id": draft.id,
            "draft_slug": draft.slug,
            "review_id": first("granskas").id,
            "retired_id": first("avvecklad").id,
            "path_id": path.id,
            "path_slug": path.slug,
            "unrated_title": unrated.title,
        }
        db.session.commit()
        return ids


@pytest.fixture(scope="module")
def context_for(chromium, server_url, log_in) -> Iterator[Callable[[str], BrowserContext]]:
    """One browser context per role, logged in once per module."""
    contexts: dict[str, BrowserContext] = {}

    def get(role: str) -> BrowserContext:
        if role not in contexts:
            context = chromium.new_context(base_url=server_url, locale="sv-SE", viewport=WIDE)
            page = context.new_page()
            log_in(page, DEMO_ACCOUNTS[role])
            assert urlsplit(page.url).path == "/", f"{role} could not log in"
            page.close()
            contexts[role] = context
        return contexts[role]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture
def open_page(context_for) -> Iterator[Callable[[str], Page]]:
    pages: list[Page] = []

    def open_(role: str) -> Page:
        page = context_for(role).new_page()
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def submit_expecting(page: Page, button, status: int) -> None:
    """Click a submit button and check the status of the POST's answer."""
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        button.click()
    page.wait_for_load_state()
    assert posted.value.status == status


def assert_error_summary_leads_to_fields(page: Page) -> None:
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    links = summary.locator("a")
    assert links.count() > 0
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        target = page.locator(href)
        assert target.count() == 1, f"{href} leads nowhere"
        assert target.evaluate("el => el.matches('input, select, textarea')"), (
            f"{href} does not lead to a form field"
        )


@pytest.mark.parametrize(("role", "path", "shows"), PAGES)
def test_catalog_page_is_accessible(role, path, shows, open_page, catalog_ids):
    page = open_page(role)
    path = path.format(**catalog_ids)
    response = page.goto(path)
    assert response.status == 200, f"{role} {path}"
    expect(page.locator("main")).to_contain_text(shows)
    assert_accessible(page, f"{role} {path}")


def test_plan_with_a_rating_form_is_accessible(open_page, catalog_ids):
    page = open_page("chef")
    page.goto("/katalog/plan")
    entry = page.get_by_role("region", name=catalog_ids["unrated_title"])
    expect(entry.get_by_role("group", name="Betyg 1–5")).to_be_visible()
    assert page.locator(".plan-entry").count() > 1
    assert_accessible(page, "chef /katalog/plan with a rating form")


def test_rating_submitted_empty_is_accessible(open_page, catalog_ids):
    page = open_page("chef")
    page.goto("/katalog/plan")
    entry = page.get_by_role("region", name=catalog_ids["unrated_title"])
    submit_expecting(page, entry.get_by_role("button", name="Spara betyg"), 422)
    entry = page.get_by_role("region", name=catalog_ids["unrated_title"])
    expect(entry.locator(".error-summary")).to_contain_text("Välj ett betyg 1–5.")
    expect(entry.get_by_role("group", name="Betyg 1–5")).to_contain_text("Välj ett betyg 1–5.")
    assert_error_summary_leads_to_fields(page)
    assert_accessible(page, "chef /katalog/plan after an empty rating")


@pytest.mark.parametrize(
    ("path", "button", "message"),
    [
        pytest.param("/katalog/hantera/ny", "Spara", "Fyll i en titel.", id="nytt-objekt"),
        pytest.param(
            "/katalog/hantera/larvagar/ny", "Spara lärvägen", "Fyll i ett namn.", id="ny-larvag"
        ),
    ],
)
def test_hr_form_submitted_empty_is_accessible(path, button, message, open_page):
    page = open_page("hr")
    page.goto(path)
    submit_expecting(page, page.get_by_role("button", name=button, exact=True), 422)
    expect(page.locator(".error-summary")).to_contain_text(message)
    assert_error_summary_leads_to_fields(page)
    assert_accessible(page, f"hr {path} after submitting it empty")


def test_review_decision_without_rationale_is_accessible(open_page, catalog_ids, browser_app):
    page = open_page("hr")
    path = f"/katalog/hantera/{catalog_ids['review_id']}"
    page.goto(path)
    approve = page.locator("#step-godkann")
    approve.get_by_role("group", name="Prioritet mot ramverket").get_by_label("Medel").check()
    submit_expecting(page, approve.get_by_role("button", name="Godkänn"), 422)
    expect(page.locator(".error-summary")).to_contain_text("Skriv en motivering.")
    expect(page.locator("#note-godkann")).to_have_attribute(
        "aria-describedby", "note-godkann-hint note-godkann-error"
    )
    assert_error_summary_leads_to_fields(page)
    assert_accessible(page, f"hr {path} after approving without a rationale")
    with browser_app.app_context():
        assert db.session.get(CatalogItem, catalog_ids["review_id"]).state == "granskas"


ONE_TAG_EACH = {"areas": ["kultur"], "principles": ["oppenhet"], "target_groups": ["arbetsgrupp"]}
TWO_TAGS_EACH = {
    "areas": ["kultur", "ledarskap"],
    "principles": ["oppenhet", "tillit"],
    "target_groups": ["arbetsgrupp", "forsta-linjen"],
}
SAVED_FIRST = "Korta frågor för arbetsplatsträffen, med en fråga om tillit."
SAVED_SECOND = "Korta frågor för arbetsplatsträffen och ledningsgruppen."


@pytest.fixture
def make_draft(browser_app) -> Iterator[Callable[[dict[str, list[str]]], int]]:
    """Drafts for two HR pages to edit at once; removed after the test."""
    made: list[int] = []

    def make(tags: dict[str, list[str]]) -> int:
        with browser_app.app_context():
            item = CatalogItem(
                slug=f"{CONFLICT_SLUG}-{len(made) + 1}",
                title="Samtalskort om arbetsmiljö",
                summary="Korta frågor för arbetsplatsträffen.",
                body="Dra ett kort i taget och prata om frågan på kortet.",
                kind="verktyg",
                format="metodkort",
                provider="forvaltningen",
            )
            set_tags(item, tags)
            db.session.add(item)
            db.session.flush()
            search.reindex(db.session, item)
            db.session.commit()
            made.append(item.id)
            return item.id

    yield make
    with browser_app.app_context():
        for item_id in made:
            db.session.execute(
                text("DELETE FROM catalog_search WHERE rowid = :id"), {"id": item_id}
            )
            db.session.delete(db.session.get(CatalogItem, item_id))
        db.session.commit()


def save_in_two_pages(open_page, item_id: int) -> Page:
    """HR opens the item twice; the first page saves a new summary, the second
    a summary and a duration of its own: it gets the conflict page."""
    path = f"/katalog/hantera/{item_id}"
    first, second = open_page("hr"), open_page("hr")
    first.goto(path)
    second.goto(path)
    first.get_by_label("Sammanfattning").fill(SAVED_FIRST)
    submit_expecting(first, first.get_by_role("button", name="Spara", exact=True), 302)
    expect(first.get_by_role("status")).to_have_text("Ändringarna är sparade.")
    second.get_by_label("Sammanfattning").fill(SAVED_SECOND)
    second.get_by_label("Omfattning").fill("20 minuter")
    submit_expecting(second, second.get_by_role("button", name="Spara", exact=True), 409)
    return second


def differences(page: Page):
    alert = page.get_by_role("alert").filter(has_text="Någon annan har sparat objektet")
    expect(alert.get_by_role("heading", level=2)).to_have_text(
        "Någon annan har sparat objektet medan du arbetade"
    )
    return alert.get_by_role("table", name="Fält som skiljer sig").locator("tbody tr")


def test_edit_conflict_keeps_both_versions_and_is_accessible(open_page, make_draft, browser_app):
    item_id = make_draft(ONE_TAG_EACH)
    page = save_in_two_pages(open_page, item_id)

    rows = differences(page)
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("th")).to_have_text("Sammanfattning")
    expect(rows.nth(0).locator("td")).to_have_text([SAVED_FIRST, SAVED_SECOND])
    expect(rows.nth(1).locator("th")).to_have_text("Omfattning")
    expect(rows.nth(1).locator("td")).to_have_text(["", "20 minuter"])
    # The second editor's text is still in the form; the first one's is saved.
    expect(page.get_by_label("Sammanfattning")).to_have_value(SAVED_SECOND)
    expect(page.get_by_label("Omfattning")).to_have_value("20 minuter")
    with browser_app.app_context():
        saved = db.session.get(CatalogItem, item_id)
        assert (saved.summary, saved.duration) == (SAVED_FIRST, "")
    assert_accessible(page, f"hr /katalog/hantera/{item_id} after a conflicting save")

    # Having seen the differences, the second editor saves on purpose.
    submit_expecting(page, page.get_by_role("button", name="Spara", exact=True), 302)
    expect(page.get_by_role("status")).to_have_text("Ändringarna är sparade.")
    with browser_app.app_context():
        saved = db.session.get(CatalogItem, item_id)
        assert (saved.summary, saved.duration) == (SAVED_SECOND, "20 minuter")
        assert saved.areas == ONE_TAG_EACH["areas"]


def test_conflict_lists_only_the_fields_that_differ(open_page, make_draft):
    page = save_in_two_pages(open_page, make_draft(TWO_TAGS_EACH))
    expect(differences(page).locator("th")).to_have_text(
        ["Sammanfattning", "Omfattning"], timeout=1000
    )
