"""Stored and reflected XSS in every form of the portal (issue 10), rendered
in Chromium: nothing may run.

Generated from the app: the forms are those a visitor of each role finds by
following links (tests/security/discovery.py). Every payload of the corpus
(tests/security/xss_payloads.py) goes into every free-text field of every
form, through the form itself with its CSRF token: several payloads per
value where the field is long enough (blank lines apart in a textarea, so
Markdown keeps them apart), over as many rounds as the field needs. Each
answer is then shown in the browser as the visitor: the form again with
errors (reflected), and, where the form was saved, the page it led to
(stored). Last, every page of every role is opened once more, now that the
portal is full of payloads.

The portal runs on its own copy of the demo data here, since the payloads
stay: the other browser tests keep their clean `browser_app`."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from tests.browser.test_catalog_xss import URL_ATTRIBUTES, Watch, watched
from tests.security.conftest import close, make_app, seed, visitor_client
from tests.security.demo import VISITORS, Prepared, user_id_of
from tests.security.discovery import Form, Site, crawl
from tests.security.filling import SAVED, fill, typed_fields
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.browser

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# A value without maxlength gets this many characters of payloads at a time.
DEFAULT_LIMIT = 1000
# A field that refuses this many values in a row checks a format (slug,
# code, e-mail, hours): its later rounds would only be refused again.
RETIRE_AFTER = 3
SETTLE_MS = 60
SKIPPED = {"auth.logout"}

# The portal has no script of its own and no inline style, frames or SVG
# animation: any of these on a page came from a payload.
PROBE = """([urlAttributes, schemes]) => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${el.tagName} has ${name}`);
      if (name === 'srcdoc') problems.push(`${el.tagName} has srcdoc`);
      if (name === 'style' && /url\\(|expression|script/i.test(attr.value))
        problems.push(`${el.tagName} style=${attr.value}`);
      if (urlAttributes.includes(name)) {
        const value = attr.value.replace(/[\\t\\n\\r]/g, '').replace(/^[\\x00-\\x20]+/, '');
        let scheme = '';
        try { scheme = new URL(value, document.baseURI).protocol; } catch (e) {}
        if (schemes.some(s => value.toLowerCase().startsWith(s) || scheme === s))
          problems.push(`${el.tagName} ${name}=${attr.value.slice(0, 80)}`);
      }
    }
  }
  const unwanted = ['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'base',
    'meta[http-equiv]', 'style', 'link[href^="http"]', 'link[href^="//"]', 'math',
    'animate', 'set', 'foreignObject', 'template', 'xmp', 'noscript'];
  for (const el of document.querySelectorAll(unwanted.join(', ')))
    problems.push(`<${el.tagName.toLowerCase()}> element`);
  if (document.baseURI.split('#')[0] !== location.href.split('#')[0])
    problems.push(`base ${document.baseURI}`);
  return problems.concat(window.__violations.map(v => `CSP ${v}`));
}"""


@dataclass
class Portal:
    app: Flask
    prepared: Prepared
    sites: dict[str, Site]
    url: str


@dataclass
class Tally:
    """The figures of the run (SECURITY.md)."""

    forms: int = 0
    fields: int = 0
    pairs: int = 0  # payload × field submitted
    stored: int = 0  # of those, saved
    renders: int = 0
    retired: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[Portal]:
    """The demo data on a SQLite file of its own, served like production."""
    folder = tmp_path_factory.mktemp("xss")
    app = make_app(
        f"sqlite:///{folder / 'xss.db'}",
        folder / "instance",
        WTF_CSRF_ENABLED=True,
        SERVER_NAME=None,
        LOGIN_MAX_FAILURES_PER_ACCOUNT=10_000,
        LOGIN_MAX_FAILURES_PER_ADDRESS=10_000,
    )
    prepared = seed(app)
    sites = discover(app, prepared)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="xss-test-server")
    thread.start()
    try:
        yield Portal(app, prepared, sites, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        close(app)


def discover(app: Flask, prepared: Prepared) -> dict[str, Site]:
    return {
        visitor: crawl(
            app, visitor_client(app, visitor, prepared), visitor, prepared.start.get(visitor, ())
        )
        for visitor in VISITORS
    }


@pytest.fixture(scope="module")
def pages(portal, chromium: Browser) -> Iterator[dict[str, tuple[Page, Watch]]]:
    """A watched page per visitor, its session cookie signed by the app."""
    found, contexts = {}, []
    serializer = portal.app.session_interface.get_signing_serializer(portal.app)
    for visitor in VISITORS:
        session = dict(portal.prepared.session.get(visitor, {}))
        if user_id := user_id_of(portal.app, visitor):
            session |= {"_user_id": user_id, "_fresh": True}
        context = chromium.new_context(base_url=portal.url, locale="sv-SE")
        # Style sheets and images play no part here: skip them for speed.
        context.route("**/static/**", lambda route: route.abort())
        context.add_cookies(
            [
                {
                    "name": portal.app.config["SESSION_COOKIE_NAME"],
                    "value": serializer.dumps(session),
                    "url": portal.url,
                }
            ]
        )
        contexts.append(context)
        found[visitor] = watched(context)
    yield found
    for context in contexts:
        context.close()


def chunks(payloads: list[str], limit: int, separator: str) -> list[str]:
    """The payloads packed into values of at most `limit` characters."""
    packed, current = [], ""
    for payload in payloads:
        if len(payload) > limit:
            continue  # the field cannot hold it at all
        joined = f"{current}{separator}{payload}" if current else payload
        if len(joined) <= limit:
            current = joined
        else:
            packed.append(current)
            current = payload
    return packed + [current] if current else packed


def render(page: Page, watch: Watch, url: str, answer=None) -> list[str]:
    """Open `url` (or show `answer`, a response the test client got, at that
    address with its own headers) and say what ran or reached the DOM."""
    watch.clear()
    if answer is not None:
        headers = {
            k: v for k, v in answer.headers.items() if k not in ("Set-Cookie", "Content-Length")
        }

        def fulfil(route):
            route.fulfill(status=answer.status, headers=headers, body=answer.html)

        page.route(url, fulfil)
    try:
        page.goto(url)
        landed = page.url
        page.wait_for_timeout(SETTLE_MS)
        problems = page.evaluate(PROBE, [list(URL_ATTRIBUTES), list(DANGEROUS_SCHEMES)])
    finally:
        if answer is not None:
            page.unroute(url)
    problems += watch.dialogs + [e for e in watch.errors if "Failed to load resource" not in e]
    if page.url != landed:
        problems.append(f"went on to {page.url}")
    if page.frames != [page.main_frame]:
        problems.append("a frame appeared")
    return [f"{url}: {problem}" for problem in problems]


def plant(portal: Portal, form: Form, page: Page, watch: Watch, tally: Tally) -> None:
    """Every payload into every free-text field of one form, and each answer shown."""
    by_name = {f.name: f for f in form.fields}
    plan = {}
    for name in typed_fields(form):
        item = by_name[name]
        separator = "\n\n" if item.kind == "textarea" else " "
        plan[name] = chunks(PAYLOADS, item.maxlength or DEFAULT_LIMIT, separator)
    tally.forms += 1
    tally.fields += len(plan)
    client = visitor_client(portal.app, form.role, portal.prepared)
    action = urljoin(portal.url, form.action)
    refusals: dict[str, int] = dict.fromkeys(plan, 0)
    retired: set[str] = set()
    for turn in range(max(len(values) for values in plan.values())):
        overrides = {
            name: values[(turn + i) % len(values)]
            for i, (name, values) in enumerate(plan.items())
            if name not in retired and turn < len(values) + i
        }
        if not overrides:
            break
        filled = fill(client, form, overrides)
        for name, value in overrides.items():
            count = sum(payload in value for payload in PAYLOADS)
            tally.pairs += count
            if filled.saved and name not in filled.refused:
                tally.stored += count
                refusals[name] = -1_000  # it stores payloads: never retire it
            elif name in filled.refused:
                refusals[name] += 1
                if refusals[name] >= RETIRE_AFTER:
                    retired.add(name)
                    tally.retired.append(f"{form.endpoint}.{name}")
        # The first answer holds every value of the turn; later ones, fewer.
        first = filled.answers[0]
        if first.status not in SAVED and "text/html" in first.headers.get("Content-Type", ""):
            tally.problems += render(page, watch, action, first)
            tally.renders += 1
        if filled.location:
            tally.problems += render(page, watch, urljoin(action, filled.location))
            tally.renders += 1


def test_the_corpus_is_big_and_varied():
    assert len(PAYLOADS) >= 40
    assert len(PAYLOADS) == len(set(PAYLOADS))
    assert chunks(["ab", "cd", "efgh"], 5, " ") == ["ab cd", "efgh"]


def test_no_payload_runs_in_any_form_or_on_any_page(portal, pages, figure):
    tally = Tally()
    forms = [
        form
        for site in portal.sites.values()
        for form in site.unique_forms()
        if typed_fields(form) and form.endpoint not in SKIPPED
    ]
    for form in forms:
        page, watch = pages[form.role]
        plant(portal, form, page, watch, tally)
    # Now every page of every role, full of payloads (new objects included).
    for visitor, site in discover(portal.app, portal.prepared).items():
        page, watch = pages[visitor]
        for visit in site.pages():
            tally.problems += render(page, watch, urljoin(portal.url, visit.url))
            tally.renders += 1
    print(
        f"\nXSS: {len(PAYLOADS)} payloads, {tally.forms} forms, {tally.fields} text fields, "
        f"{tally.pairs} payload×field submitted, {tally.stored} stored, "
        f"{tally.renders} pages rendered, {len(tally.problems)} problems; "
        f"format-checked fields: {tally.retired}"
    )
    figure("XSS: payloads in the corpus", len(PAYLOADS))
    figure("XSS: forms", tally.forms)
    figure("XSS: free-text fields", tally.fields)
    figure("XSS: payload × field submitted", tally.pairs)
    figure("XSS: pages rendered in Chromium", tally.renders)
    figure("XSS: payloads that ran or reached the DOM", len(tally.problems))
    assert tally.problems == [], "\n".join(tally.problems[:50])
    assert tally.forms >= 40
    assert tally.pairs >= len(PAYLOADS) * 40
    assert tally.stored >= len(PAYLOADS) * 20
