"""axe finds no violations on any page, for every role and for a visitor who is
not logged in (PRODUCT.md section 8), and every page has the same skeleton:
Swedish, one <main> with a skip link to it, a title and one h1.

Pages reached through the main menu, the admin sub-menu and the footer are
found by following the links, so a new feature's pages are checked as soon as
they are in the menu; pages that no menu links to are listed here."""

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from tests.browser.conftest import DEMO_ACCOUNTS
from toolbox.auth.models import User
from toolbox.auth.service import make_password_link_token
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

pytestmark = pytest.mark.browser

AXE = Axe()
# axe's default rules, plus target size (WCAG 2.2 AA, named in PRODUCT.md section 8).
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}  # 1280 px at 400 % zoom
TITLE_SUFFIX = " – Verktygslådan"
MENU_LINKS = "nav.main-nav a, nav.subnav a, footer a"
FOOTER_PAGES = {
    f"/sidor/{slug}" for slug in ("om", "begrepp", "vem-ser-mina-svar", "tillganglighet", "hjalp")
}
ADMIN_PAGES = {"/admin/", "/admin/anvandare", "/admin/enheter", "/admin/import", "/admin/logg"}

# (role, path, expected status); {user_id}, {unit_id} and {token} come from demo_ids.
UNLINKED_PAGES = [
    *(
        pytest.param(role, "/konto/losenord", 200, id=f"{role}-byt-losenord")
        for role in DEMO_ACCOUNTS
    ),
    pytest.param("admin", "/admin/anvandare/ny", 200, id="admin-ny-anvandare"),
    pytest.param("admin", "/admin/anvandare/{user_id}", 200, id="admin-andra-anvandare"),
    pytest.param("admin", "/admin/enheter/ny", 200, id="admin-ny-enhet"),
    pytest.param("admin", "/admin/enheter/{unit_id}", 200, id="admin-andra-enhet"),
    pytest.param("chef", "/admin/", 403, id="chef-403"),
    pytest.param(None, "/login", 200, id="anonym-login"),
    pytest.param(None, "/glomt-losenord", 200, id="anonym-glomt-losenord"),
    pytest.param(None, "/satt-losenord/{token}", 200, id="anonym-valj-losenord"),
    pytest.param(None, "/satt-losenord/invalid-token", 400, id="anonym-ogiltig-lank"),
    *(pytest.param(None, path, 200, id=f"anonym-{path}") for path in sorted(FOOTER_PAGES)),
    pytest.param(None, "/finns-inte", 404, id="anonym-404"),
]

# (role, path, fields to fill by label, submit button): submitted, the form
# comes back with an error summary.
FORMS_WITH_ERRORS = [
    pytest.param(None, "/login", {}, "Logga in", id="anonym-login-tomt"),
    pytest.param(
        None,
        "/login",
        {"E-postadress": "chef@example.se", "Lösenord": "inte-det-ratta-losenordet"},
        "Logga in",
        id="anonym-login-fel-losenord",
    ),
    pytest.param(None, "/glomt-losenord", {}, "Skicka länk", id="anonym-glomt-losenord-tomt"),
    pytest.param("chef", "/konto/losenord", {}, "Byt lösenord", id="chef-byt-losenord-tomt"),
    pytest.param(
        "admin",
        "/admin/anvandare/ny",
        {},
        "Skapa och skicka inbjudan",
        id="admin-ny-anvandare-tomt",
    ),
    pytest.param("admin", "/admin/enheter/ny", {}, "Spara", id="admin-ny-enhet-tomt"),
    pytest.param("admin", "/admin/import", {}, "Importera", id="admin-import-tomt"),
]


@pytest.fixture(scope="module")
def context_for(chromium, server_url, log_in) -> Iterator[Callable[[str | None], BrowserContext]]:
    """One browser context per role (None: not logged in), logged in once per module."""
    contexts: dict[str | None, BrowserContext] = {}

    def get(role: str | None) -> BrowserContext:
        if role not in contexts:
            context = chromium.new_context(base_url=server_url, locale="sv-SE", viewport=WIDE)
            if role is not None:
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
def open_page(context_for) -> Iterator[Callable[[str | None], Page]]:
    pages: list[Page] = []

    def open_(role: str | None) -> Page:
        page = context_for(role).new_page()
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def demo_ids(browser_app) -> dict[str, int | str]:
    """A demo user and unit to edit, and a set-password link of a user invited
    by the demo import (who has no password yet)."""
    with browser_app.app_context():
        invited = db.session.scalar(select(User).where(User.email == "anna.lindqvist@example.se"))
        return {
            "user_id": db.session.scalar(select(User.id).where(User.email == "chef@example.se")),
            "unit_id": db.session.scalar(select(OrgUnit.id).where(OrgUnit.code == "MED-AVD14")),
            "token": make_password_link_token(invited, browser_app.config["SECRET_KEY"]),
        }


def assert_accessible(page: Page, where: str) -> None:
    """The common skeleton of every page; axe at desktop and phone width;
    reflow at 320 px; a skip link that the keyboard reaches first."""
    assert page.locator("html").get_attribute("lang") == "sv", where
    main = page.locator("main")
    assert main.count() == 1, f"{where}: {main.count()} <main> elements"
    main_id = main.get_attribute("id")
    assert main_id, f"{where}: <main> has no id for the skip link"
    title = page.title()
    assert title.endswith(TITLE_SUFFIX), f"{where}: title {title!r}"
    assert title.removesuffix(TITLE_SUFFIX).strip(), f"{where}: empty title {title!r}"
    headings = page.locator("h1")
    assert headings.count() == 1, f"{where}: {headings.count()} h1 elements"
    for width in (WIDE, NARROW):
        page.set_viewport_size(width)
        results = AXE.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, (
            f"{where}, {width['width']} px wide\n{results.generate_report()}"
        )
    # Reflow (WCAG 1.4.10): at 320 CSS px only a table may scroll sideways.
    page.set_viewport_size(NARROW)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROW["width"], f"{where}: {scroll_width} px wide at 320 px"
    page.set_viewport_size(WIDE)
    # The skip link is the first stop for the keyboard, is seen when focused
    # and leads to <main>.
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == f"#{main_id}", f"{where}: the first Tab stop"
    expect(skip).to_be_in_viewport()
    skip.press("Enter")
    expect(main).to_be_focused()


def menu_links(page: Page, origin: str) -> set[str]:
    """Paths (with query) of the menu and footer links that stay on this site."""
    found = set()
    for href in page.locator(MENU_LINKS).evaluate_all("links => links.map(a => a.href)"):
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" == origin:
            found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.mark.parametrize("role", list(DEMO_ACCOUNTS))
def test_every_page_in_the_menus_is_accessible(role, open_page, server_url, subtests):
    page = open_page(role)
    queue, seen = ["/"], {"/"}
    while queue:
        path = queue.pop(0)
        with subtests.test(msg=f"{role} {path}"):
            response = page.goto(path)
            for link in sorted(menu_links(page, server_url) - seen):
                seen.add(link)
                queue.append(link)
            assert response.status == 200, f"{role} {path}"
            assert_accessible(page, f"{role} {path}")
    assert seen >= FOOTER_PAGES
    if role == "admin":
        assert seen >= ADMIN_PAGES
    else:
        assert not seen & ADMIN_PAGES


@pytest.mark.parametrize(("role", "path", "status"), UNLINKED_PAGES)
def test_page_is_accessible(role, path, status, open_page, demo_ids):
    page = open_page(role)
    path = path.format(**demo_ids)
    response = page.goto(path)
    assert response.status == status
    assert_accessible(page, f"{role or 'anonym'} {path}")


@pytest.mark.parametrize(("role", "path", "fields", "button"), FORMS_WITH_ERRORS)
def test_form_with_errors_is_accessible(role, path, fields, button, open_page):
    page = open_page(role)
    page.goto(path)
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    assert posted.value.status == 422
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
    assert_accessible(page, f"{role or 'anonym'} {path} after submitting it")
