"""The catalog in a real browser (issue 3, acceptance 1): HR creates an item,
sends it to review and approves it; a manager finds it by a search for another
inflection of a word of its body and by combined filters in a URL that can be
shared, reads the rendered Markdown, saves it in Min utvecklingsplan, marks it
done and rates it. Searching and filtering also work without JavaScript."""

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import and_, exists, func, select, text

from tests.browser.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD
from toolbox import clock
from toolbox.auth.models import User
from toolbox.auth.service import hash_password
from toolbox.catalog import search
from toolbox.catalog.models import CatalogItem, ItemTag, PlanEntry
from toolbox.catalog.service import set_tags
from toolbox.extensions import db

pytestmark = pytest.mark.browser

TITLE = "Kulturkompassen – samtal om hur vi har det tillsammans"
SLUG = "kulturkompassen-samtal"
# The approver: not the HR user who sent the item to review (four eyes).
SECOND_HR = "granskare@example.se"
SUMMARY = "Ett samtalsunderlag för arbetsplatsträffen om arbetsklimat och öppenhet i gruppen."
LINK = "https://intra.example.se/verktygsladan/kulturkompassen"
# The body names "ledarskap" (never "ledarskapet") and nothing in the title or
# summary does: a search for "ledarskapet" finds the item through its body.
BODY = f"""## Så gör du

Samtalet handlar om ett **öppet ledarskap** där *alla* får komma till tals.

- Läs frågorna i förväg.
- Låt varje medarbetare svara på en fråga.
- Avsluta med en sak att pröva.

Mer stöd finns i [Verktygslådans guide]({LINK}).
"""
MOTIVATION = "Stärker öppenheten i arbetsgruppen och är lätt att använda utan extern hjälp."
COMMENT = "Gav ett bra samtal på vår APT."


def main_menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Huvudmeny")


def catalog_menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Katalogen")


def search_form(page: Page) -> Locator:
    return page.get_by_role("search", name="Sök och filtrera")


def result_count(page: Page) -> int:
    """The number in the results heading, "12 träffar"."""
    text = page.locator("#results-title").inner_text()
    match = re.fullmatch(r"(\d+) träff(ar)?", text.strip())
    assert match, f"results heading {text!r}"
    return int(match.group(1))


def result_titles(page: Page) -> list[str]:
    return page.locator(".results .item-card h3").all_inner_texts()


def all_result_titles(page: Page) -> list[str]:
    """Titles on every page of the results, following the pagination."""
    titles = result_titles(page)
    while (following := page.get_by_role("link", name="Nästa", exact=True)).count():
        following.click()
        titles += result_titles(page)
    return titles


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def count_tagged(app, area: str, principle: str, kind: str | None = None) -> int:
    """Approved items with both tags, counted straight from the tables."""

    def tagged(dimension: str, value: str):
        return exists().where(
            and_(
                ItemTag.item_id == CatalogItem.id,
                ItemTag.dimension == dimension,
                ItemTag.value == value,
            )
        )

    query = (
        select(func.count())
        .select_from(CatalogItem)
        .where(CatalogItem.state == "godkand", tagged("area", area), tagged("principle", principle))
    )
    if kind:
        query = query.where(CatalogItem.kind == kind)
    with app.app_context():
        return db.session.scalar(query)


def hr_creates_and_sends_to_review(page: Page) -> None:
    main_menu(page).get_by_role("link", name="Katalog", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Katalog")
    catalog_menu(page).get_by_role("link", name="Granska och redigera").click()
    page.get_by_role("link", name="Nytt objekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt objekt i katalogen")

    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Adress (slug)").fill(SLUG)
    page.get_by_label("Sammanfattning").fill(SUMMARY)
    page.get_by_label("Beskrivning", exact=True).fill(BODY)
    page.get_by_role("group", name="Typ").get_by_label("Verktyg").check()
    page.get_by_label("Form", exact=True).select_option(label="Samtalsguide")
    page.get_by_label("Anordnare").select_option(label="Förvaltningen")
    page.get_by_role("group", name="Målgrupper").get_by_label("Första linjens chef").check()
    page.get_by_role("group", name="Områden").get_by_label("Kultur").check()
    page.get_by_role("group", name="Principer").get_by_label("Öppenhet").check()
    page.get_by_label("Omfattning").fill("60 minuter")
    page.get_by_label("Genomförande").select_option(label="Används på egen hand")
    page.get_by_role("button", name="Spara", exact=True).click()

    expect(page.get_by_role("status")).to_have_text(f"{TITLE} är sparat som utkast.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Status: Utkast")

    page.get_by_role("button", name="Skicka till granskning").click()
    expect(page.get_by_role("status")).to_have_text(f"{TITLE}: granskas.")
    expect(page.locator("main")).to_contain_text("Status: Granskas")


def another_hr_approves(page: Page, next_review: date, item_id: int) -> None:
    """Four eyes: someone other than the sender approves."""
    page.goto(f"/katalog/hantera/{item_id}")
    approve = page.locator("form.review-step").filter(
        has=page.get_by_role("heading", name="Godkänn", exact=True)
    )
    approve.get_by_role("group", name="Prioritet mot ramverket").get_by_label("Hög").check()
    approve.get_by_label("Nästa granskning").fill(next_review.isoformat())
    approve.get_by_label("Motivering").fill(MOTIVATION)
    approve.get_by_role("button", name="Godkänn").click()

    expect(page.get_by_role("status")).to_have_text(f"{TITLE}: godkänd.")
    expect(page.locator("main")).to_contain_text(
        f"Status: Godkänd · Prioritet: Hög · Nästa granskning: {next_review.isoformat()}"
    )
    history = page.locator("ol.history > li")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text("Granskas → Godkänd (prioritet hög)")
    expect(history.nth(0)).to_contain_text(MOTIVATION)
    expect(history.nth(1)).to_contain_text("Utkast → Granskas")


def manager_finds_the_item(page: Page, app) -> None:
    main_menu(page).get_by_role("link", name="Katalog", exact=True).click()
    # A word of the body in another inflection.
    search_form(page).get_by_label("Sök", exact=True).fill("ledarskapet")
    search_form(page).get_by_role("button", name="Visa").click()
    assert query_of(page)["q"] == ["ledarskapet"]
    assert TITLE in all_result_titles(page)

    # Two filters combined through the form; the URL carries them.
    page.get_by_role("link", name="Rensa alla val").click()
    search_form(page).get_by_label("Område").select_option(label="Kultur")
    search_form(page).get_by_label("Princip").select_option(label="Öppenhet")
    search_form(page).get_by_role("button", name="Visa").click()
    query = query_of(page)
    assert query["area"] == ["kultur"]
    assert query["principle"] == ["oppenhet"]
    expect(search_form(page).get_by_label("Område")).to_have_value("kultur")
    expect(search_form(page).get_by_label("Princip")).to_have_value("oppenhet")
    count = result_count(page)
    assert count == count_tagged(app, "kultur", "oppenhet")
    titles = all_result_titles(page)
    assert TITLE in titles
    assert len(titles) == count

    # The same URL in a new page gives the same result.
    shared = page.context.new_page()
    shared.goto(page.url)
    assert result_count(shared) == count
    expect(shared.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    shared.close()


def manager_reads_saves_and_rates(page: Page) -> None:
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".lead")).to_have_text(SUMMARY)
    body = page.locator(".item-body")
    expect(body.get_by_role("heading", level=2, name="Så gör du")).to_be_visible()
    expect(body.locator("ul > li")).to_have_count(3)
    expect(body.locator("strong")).to_have_text("öppet ledarskap")
    expect(body.locator("em")).to_have_text("alla")
    link = body.get_by_role("link", name="Verktygslådans guide")
    expect(link).to_have_attribute("href", LINK)
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(body).not_to_contain_text("**")
    expect(page.get_by_text(MOTIVATION)).to_be_visible()

    page.get_by_role("button", name="Lägg till i min utvecklingsplan").click()
    expect(page.get_by_role("status")).to_have_text(f"{TITLE} finns nu i din utvecklingsplan.")
    page.get_by_role("link", name="Till din plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min utvecklingsplan")

    entry = page.get_by_role("region", name=TITLE)
    expect(entry).to_contain_text("Status: Planerad")
    expect(entry.get_by_role("group", name="Betyg 1–5")).to_have_count(0)
    entry.get_by_label("Ändra status").select_option(label="Genomförd")
    entry.get_by_role("button", name="Spara status").click()
    expect(page.get_by_role("status")).to_have_text(f"Status för {TITLE}: genomförd.")

    entry = page.get_by_role("region", name=TITLE)
    expect(entry).to_contain_text("Status: Genomförd")
    entry.get_by_role("group", name="Betyg 1–5").get_by_label("4", exact=True).check()
    entry.get_by_label("Kommentar (valfri)").fill(COMMENT)
    entry.get_by_role("button", name="Spara betyg").click()
    expect(page.get_by_role("status")).to_have_text("Tack för ditt betyg!")
    entry = page.get_by_role("region", name=TITLE)
    expect(entry).to_contain_text("Ditt betyg: 4 av 5.")
    expect(entry.get_by_label("4", exact=True)).to_be_checked()
    expect(entry.get_by_label("Kommentar (valfri)")).to_have_value(COMMENT)


def test_hr_approves_an_item_that_a_manager_finds_saves_and_rates(
    open_context, log_in, browser_app
):
    next_review = clock.today() + timedelta(days=180)
    sender = open_context().new_page()
    log_in(sender, DEMO_ACCOUNTS["hr"])
    hr_creates_and_sends_to_review(sender)
    with browser_app.app_context():
        second = User(
            email=SECOND_HR, name="Greta Granskare", password_hash=hash_password(DEMO_PASSWORD)
        )
        second.set_roles({"hr"})
        db.session.add(second)
        db.session.commit()
        item_id = db.session.scalar(select(CatalogItem.id).where(CatalogItem.slug == SLUG))
    hr = open_context().new_page()
    log_in(hr, SECOND_HR)
    another_hr_approves(hr, next_review, item_id)

    with browser_app.app_context():
        item = db.session.scalar(select(CatalogItem).where(CatalogItem.slug == SLUG))
        reviewer = db.session.scalar(select(User).where(User.email == SECOND_HR))
        assert item.state == "godkand"
        assert item.priority == "hog"
        assert item.rationale == MOTIVATION
        assert item.reviewer_id == reviewer.id
        reviewer_name = reviewer.name
        assert item.reviewed_on == clock.today()
        assert item.next_review_on == next_review
        assert (item.kind, item.format, item.provider) == (
            "verktyg",
            "samtalsguide",
            "forvaltningen",
        )
        assert (item.areas, item.principles, item.target_groups) == (
            ["kultur"],
            ["oppenhet"],
            ["forsta-linjen"],
        )
        assert [(d.from_state, d.to_state) for d in item.decisions] == [
            ("granskas", "godkand"),
            ("utkast", "granskas"),
        ]
    expect(hr.locator("ol.history > li").nth(0)).to_contain_text(reviewer_name)

    chef = open_context().new_page()
    log_in(chef, DEMO_ACCOUNTS["chef"])
    manager_finds_the_item(chef, browser_app)
    manager_reads_saves_and_rates(chef)

    with browser_app.app_context():
        entry = db.session.scalar(
            select(PlanEntry)
            .join(PlanEntry.item)
            .join(User, User.id == PlanEntry.user_id)
            .where(CatalogItem.slug == SLUG, User.email == DEMO_ACCOUNTS["chef"])
        )
        assert (entry.status, entry.rating, entry.comment) == ("genomford", 4, COMMENT)
        assert entry.completed_at is not None


def test_search_and_filters_work_without_javascript(open_context, log_in, browser_app):
    page = open_context(java_script_enabled=False).new_page()
    log_in(page, DEMO_ACCOUNTS["chef"])
    assert urlsplit(page.url).path == "/"
    main_menu(page).get_by_role("link", name="Katalog", exact=True).click()

    form = search_form(page)
    form.get_by_label("Sök", exact=True).fill("ledarskapet")
    form.get_by_role("button", name="Visa").click()
    assert query_of(page)["q"] == ["ledarskapet"]
    # A starter item whose body says "ledarskap", as one of the results.
    assert "Dialogguide för APT – vad betyder tillit hos oss?" in all_result_titles(page)

    page.get_by_role("link", name="Rensa alla val").click()
    assert urlsplit(page.url).query == ""
    form.get_by_label("Typ", exact=True).select_option(label="Verktyg")
    form.get_by_label("Område").select_option(label="Kultur")
    form.get_by_label("Princip").select_option(label="Öppenhet")
    form.get_by_label("Sortera efter").select_option(label="Titel")
    form.get_by_role("button", name="Visa").click()
    query = query_of(page)
    assert (query["kind"], query["area"], query["principle"], query["sort"]) == (
        ["verktyg"],
        ["kultur"],
        ["oppenhet"],
        ["titel"],
    )
    expected = count_tagged(browser_app, "kultur", "oppenhet", kind="verktyg")
    assert expected > 1
    assert result_count(page) == expected
    titles = all_result_titles(page)
    assert len(titles) == expected
    # Sorted by title (the database's order; both are plain Swedish titles).
    assert titles == sorted(titles)


# Known bugs in toolbox/catalog/manage.py, shown in the browser. Strict: when
# the bug is fixed the test passes and the marker must go.


@pytest.fixture
def item_in_review(browser_app):
    """An item in review whose body has several lines; removed after the test."""
    with browser_app.app_context():
        item = CatalogItem(
            slug="flodesprov-granskas",
            title="Reflektionskort för ledningsgruppen",
            summary="Frågor att börja ledningsgruppens möte med.",
            body="## Så gör du\n\nDra ett kort.\n\n- Läs frågan.\n- Svara i tur och ordning.",
            kind="verktyg",
            format="metodkort",
            provider="regionen",
            state="granskas",
        )
        set_tags(
            item,
            {"areas": ["styrning"], "principles": ["stod"], "target_groups": ["ledningsgrupp"]},
        )
        db.session.add(item)
        db.session.flush()
        search.reindex(db.session, item)
        db.session.commit()
        item_id = item.id
    yield item_id
    with browser_app.app_context():
        db.session.execute(text("DELETE FROM catalog_search WHERE rowid = :id"), {"id": item_id})
        db.session.delete(db.session.get(CatalogItem, item_id))
        db.session.commit()


def test_saving_an_untouched_item_changes_nothing(
    open_context, log_in, item_in_review, browser_app
):
    page = open_context().new_page()
    log_in(page, DEMO_ACCOUNTS["hr"])
    page.goto(f"/katalog/hantera/{item_in_review}")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    with browser_app.app_context():
        assert "\r" not in db.session.get(CatalogItem, item_in_review).body
    expect(page.get_by_role("status")).to_have_text("Inget var ändrat.", timeout=1000)


def test_a_refused_review_step_leaves_the_item_form_as_it_was(open_context, log_in, item_in_review):
    page = open_context().new_page()
    log_in(page, DEMO_ACCOUNTS["hr"])
    page.goto(f"/katalog/hantera/{item_in_review}")
    page.locator("#step-godkann").get_by_role("button", name="Godkänn").click()
    expect(page.locator(".error-summary")).to_contain_text("Skriv en motivering.")
    form = page.locator("form.item-form")
    expect(form.get_by_label("Titel", exact=True)).to_have_value(
        "Reflektionskort för ledningsgruppen", timeout=1000
    )
    expect(form.get_by_label("Anordnare")).to_have_value("regionen", timeout=1000)
    expect(form.get_by_role("group", name="Områden").get_by_label("Styrning")).to_be_checked(
        timeout=1000
    )
