"""The key pages of issue 9 and the demo users who load them.

Users log in through the real login form (CSRF on); the ids in the URLs of
the chef's latest reflection and closed feedback round are read from the
database (bench/data.py)."""

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from http.cookiejar import CookieJar

from data import key_ids

PASSWORD = "tillit-demo-2026"  # noqa: S105 - the documented demo password
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ASSETS = re.compile(r'<(?:link rel="stylesheet" href|script[^>]* src)="(/[^"]+)"')


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    cookie: str
    weight_kb: float = 0.0  # HTML with the CSS and JS it loads, uncompressed
    first_ms: float = 0.0  # its first request, before a worker kept any of its results


@dataclass(frozen=True)
class Session:
    """A signed-in user: the Cookie header, and a CSRF token valid for the session."""

    email: str
    cookie: str
    csrf: str = ""


def login(base: str, who: str) -> str:
    """Log `who`@example.se in through the form; returns the Cookie header."""
    return sign_in(base, f"{who}@example.se").cookie


def sign_in(base: str, email: str, form_page: str = "") -> Session:
    """Log in through the form. With `form_page`, also load that page (one with a
    form) for a CSRF token: Flask-WTF keeps the token's secret in the session,
    so the cookie is read after it."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/login") as response:
        token = csrf_token(response.read().decode(), "/login")
    fields = {"email": email, "password": PASSWORD, "csrf_token": token}
    body = urllib.parse.urlencode(fields).encode()
    with opener.open(base + "/login", data=body) as response:
        if urllib.parse.urlsplit(response.geturl()).path == "/login":
            raise SystemExit(f"bench: could not log in as {email}")
    csrf = ""
    if form_page:
        with opener.open(base + form_page) as response:
            csrf = csrf_token(response.read().decode(), form_page)
    return Session(email, "; ".join(f"{c.name}={c.value}" for c in jar), csrf)


def csrf_token(html: str, path: str) -> str:
    token = CSRF.search(html)
    if token is None:
        raise SystemExit(f"bench: no csrf_token on {path}")
    return token.group(1)


def discover_pages(base: str, cookies: dict[str, str], database_url: str) -> tuple[list, list]:
    """The key pages with their users' cookies, and notes on any left out."""
    found = key_ids(database_url)
    chef, leader = cookies["chef"], cookies["ledning"]
    pages = [
        # The floor: a signed-in page with the layout and a text only (no data).
        Page("Innehållssida (chef)", "/sidor/om", chef),
        Page("Min sida (chef)", "/", chef),
        Page("Min sida (ledning)", "/", leader),
        Page("Katalog, lista", "/katalog/", chef),
        Page("Katalog, sökning", "/katalog/?q=ledarskapet", chef),
        Page("Katalog, objekt", f"/katalog/{found['item']}", chef),
        Page("Självskattning, resultat", f"/sjalvskattning/{found['reflection']}", chef),
    ]
    notes = []
    if found["round"]:
        results = f"/aterkoppling/omgangar/{found['round']}"
        pages.append(Page("Återkoppling, resultat", results, chef))
    else:
        notes.append("Återkoppling, resultat: skipped, the chef has no closed round.")
    pages += [
        Page("Uppgiftsregistret", "/uppgifter/", chef),
        Page("Gapanalys, översikt", "/analys/", leader),
        Page("Gapanalys, självskattning", "/analys/skattning", leader),
        Page("Gapanalys, förutsättningar", "/analys/forutsattningar", leader),
        Page("Gapanalys, katalog", "/analys/katalog", leader),
    ]
    return [weighed(base, page) for page in pages], notes


def weighed(base: str, page: Page) -> Page:
    """The page with its weight in KB and the time of its first request (the
    workers compute then what they keep, as after a change to the data). It
    must answer 200 to its user, not send them to log in."""
    started = time.perf_counter()
    html = fetch(base, page.path, page.cookie, page.name)
    first_ms = (time.perf_counter() - started) * 1000
    assets = set(ASSETS.findall(html.decode()))
    weight = (len(html) + sum(len(fetch(base, path, "", path)) for path in assets)) / 1024
    return replace(page, weight_kb=weight, first_ms=first_ms)


def fetch(base: str, path: str, cookie: str, name: str) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
        base + path, headers={"Cookie": cookie} if cookie else {}
    )
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 - our own server
            if urllib.parse.urlsplit(response.geturl()).path != "/login":
                return response.read()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"bench: {name} ({path}) answered {error.code}") from error
    raise SystemExit(f"bench: {name} ({path}) sent its user to the login page")
