"""The key pages of issue 9 and the demo users who load them.

Users log in through the real login form (CSRF on); the ids in the URLs of
the chef's latest reflection and closed feedback round are read from the
database through the application's own models."""

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from datetime import date
from http.cookiejar import CookieJar

from sqlalchemy import select

from toolbox import FEATURES, create_app
from toolbox.auth.models import User
from toolbox.catalog.models import CatalogItem
from toolbox.extensions import db
from toolbox.reflection.models import SUBMITTED, Reflection

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


def login(base: str, who: str) -> str:
    """Log `who`@example.se in through the form; returns the Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/login") as response:
        form = response.read().decode()
    token = CSRF.search(form)
    if token is None:
        raise SystemExit("bench: no csrf_token on /login")
    fields = {"email": f"{who}@example.se", "password": PASSWORD, "csrf_token": token.group(1)}
    body = urllib.parse.urlencode(fields).encode()
    with opener.open(base + "/login", data=body) as response:
        if urllib.parse.urlsplit(response.geturl()).path == "/login":
            raise SystemExit(f"bench: could not log in as {who}@example.se")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def discover_pages(base: str, cookies: dict[str, str], database_url: str) -> tuple[list, list]:
    """The key pages with their users' cookies, and notes on any left out."""
    found = ids_in(database_url)
    chef, leader = cookies["chef"], cookies["ledning"]
    pages = [
        Page("Min sida (chef)", "/", chef),
        Page("Min sida (ledning)", "/", leader),
        Page("Katalog, lista", "/katalog/", chef),
        Page("Katalog, sökning", "/katalog/?q=ledarskapet", chef),
        Page("Katalog, objekt", f"/katalog/{found['item']}", chef),
        Page("Självskattning, resultat", f"/sjalvskattning/{found['reflection']}", chef),
    ]
    notes = []
    if found.get("round"):
        results = f"/aterkoppling/omgangar/{found['round']}"
        pages.append(Page("Återkoppling, resultat", results, chef))
    else:
        notes.append(found["round_note"])
    pages += [
        Page("Uppgiftsregistret", "/uppgifter/", chef),
        Page("Gapanalys, översikt", "/analys/", leader),
        Page("Gapanalys, självskattning", "/analys/skattning", leader),
        Page("Gapanalys, förutsättningar", "/analys/forutsattningar", leader),
        Page("Gapanalys, katalog", "/analys/katalog", leader),
    ]
    return [weighed(base, page) for page in pages], notes


def ids_in(database_url: str) -> dict:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        chef = db.session.scalar(select(User.id).where(User.email == "chef@example.se"))
        found = {
            "item": db.session.scalar(
                select(CatalogItem.slug)
                .where(CatalogItem.state == "godkand")
                .order_by(CatalogItem.priority_rank, CatalogItem.title)
                .limit(1)
            ),
            "reflection": db.session.scalar(
                select(Reflection.id)
                .where(Reflection.user_id == chef, Reflection.status == SUBMITTED)
                .order_by(Reflection.submitted_at.desc())
                .limit(1)
            ),
        }
        found |= closed_round(chef)
        db.engine.dispose()
    return found


def closed_round(chef: int) -> dict:
    if "feedback" not in FEATURES:
        return {"round_note": "Återkoppling, resultat: skipped, the feedback feature is absent."}
    from toolbox.feedback.models import FeedbackRound  # only when the feature exists

    rounds = db.session.scalars(
        select(FeedbackRound)
        .where(FeedbackRound.manager_id == chef)
        .order_by(FeedbackRound.closes_on.desc())
    ).all()
    closed = [r for r in rounds if not r.is_open(date.today())]
    if not closed:
        return {"round_note": "Återkoppling, resultat: skipped, the chef has no closed round."}
    return {"round": closed[0].id}


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
