"""The realistic mix of issue 17: many signed-in users on many addresses.

50 generated managers of the `large` data and the leadership account log in
through the form. The addresses: catalog searches (Swedish inflections and
misspellings), filter combinations, list pages 1–40, item pages, the
dashboards per unit, period and area (leadership), Min sida and each
manager's own pages. Each address goes with one user's cookie, drawn at
random (own pages with their owner's). Every address is requested once
before the run, timed per kind (what a page costs when no worker has kept
its results yet); those that do not answer 200 are left out and counted.

The posts (plan additions and removals, reflection drafts saved) carry the
CSRF token of their session; bench/mix.lua sends them."""

import random
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

import data
from pages import Session, sign_in

MANAGERS = 50
LEADER = "ledning@example.se"
TERMS = (
    "ledarskap", "ledarskapet", "ledarskapets", "ledarskapsutbildning", "ledare", "ledarens",
    "arbetsmiljö", "arbetsmiljön", "arbetsmiljöns", "arbetsmiljoarbete", "återkoppling",
    "återkopplingen", "återkopplingar", "tillit", "tilliten", "tillitsbaserad",
    "tillitsbaserat", "handledning", "handledningen", "coaching", "coachning", "samtal",
    "samtalet", "medarbetarsamtal", "styrning", "styrningen", "förändring", "förändringsarbete",
    "kommunikation", "ledarskpa", "arbetsmiljo", "aterkoppling", "tilit", "handleding",
)  # fmt: skip
FILTERS = ("kind", "area", "principle", "target", "format", "provider", "cost", "mode", "sort")
DASHBOARDS = ("/analys/", "/analys/skattning", "/analys/forutsattningar", "/analys/katalog")
OWN_PAGES = (
    ("Självskattning, översikt", "/sjalvskattning/"),
    ("Återkoppling, översikt", "/aterkoppling/"),
    ("Utvecklingsplan", "/katalog/plan"),
    ("Uppgiftsregistret", "/uppgifter/"),
)
LIST_PAGES = 40
ITEMS = 300
FILTER_COMBINATIONS = 250
DASHBOARD_ADDRESSES = 320
OWN_RESULTS = 5  # submitted reflections per manager
TASKS_EACH = 3
PLAN_ENTRIES_EACH = 8  # added before the run, for the posts that remove them
POSTS_EACH = 6  # plan additions and draft saves per user
SELECT = re.compile(r'<select[^>]*name="(\w+)"(.*?)</select>', re.S)
OPTION = re.compile(r'<option[^>]*value="([^"]+)"')


@dataclass(frozen=True)
class Request:
    kind: str
    path: str
    cookie: str
    body: str = ""  # a post's form fields; "{submission}" is replaced by a fresh token
    once: bool = False  # a post that succeeds only once (removing a plan entry)

    def line(self) -> str:
        method = "ONCE" if self.once else ("POST" if self.body else "GET")
        return "\t".join((method, self.path, self.cookie, self.body))


@dataclass
class Mix:
    gets: list[Request]
    posts: list[Request]
    users: int
    refused: Counter = field(default_factory=Counter)  # (kind, status) left out
    first_ms: dict[str, list[float]] = field(default_factory=dict)  # per kind

    @property
    def addresses(self) -> int:
        return len({request.path for request in self.gets})

    def write(self, path: Path) -> Path:
        lines = [request.line() for request in self.gets + self.posts]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


def prepare(base: str, url: str, seed: int = 17) -> Mix:
    """Sign the users in, build and check their addresses and posts."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible mix, not security
    managers = data.managers(url, MANAGERS)
    users = [sign_in(base, email, "/") for _, email in managers]
    leader = sign_in(base, LEADER, "/")
    sessions = [*users, leader]
    catalog = select_options(fetch_text(base, "/katalog/", leader.cookie))
    dashboard = select_options(fetch_text(base, "/analys/skattning", leader.cookie))
    slugs = data.item_slugs(url)
    gets = catalog_requests(catalog, slugs, sessions, rng)
    gets += dashboard_requests(dashboard, data.unit_ids(url), leader, rng)
    tasks = data.task_ids(url)
    for (user_id, _), session in zip(managers, users, strict=True):
        gets += own_requests(url, user_id, session, tasks, rng)
    gets += [Request("Min sida", "/", session.cookie) for session in sessions for _ in range(3)]
    posts = post_requests(base, url, sessions, slugs, rng)
    mix = Mix([], posts, len(sessions))
    check(base, gets, mix)
    return mix


def select_options(html: str) -> dict[str, list[str]]:
    """The values offered by each <select> of a page (the empty choice left out)."""
    return {name: OPTION.findall(options) for name, options in SELECT.findall(html)}


def query(path: str, **args: str | int) -> str:
    return f"{path}?{urllib.parse.urlencode(args)}" if args else path


def catalog_requests(
    options: dict[str, list[str]], slugs: list[str], sessions: list[Session], rng: random.Random
) -> list[Request]:
    def anyone() -> str:
        return rng.choice(sessions).cookie

    found = []
    for term in TERMS:
        area = rng.choice(options["area"])
        for args in ({}, {"sort": "relevans"}, {"area": area}, {"page": 2}):
            found.append(Request("Katalog, sökning", query("/katalog/", q=term, **args), anyone()))
    for _ in range(FILTER_COMBINATIONS):
        chosen = rng.sample(FILTERS, rng.randint(1, 3))
        args = {name: rng.choice(options[name]) for name in chosen}
        found.append(Request("Katalog, filter", query("/katalog/", **args), anyone()))
    for page in range(1, LIST_PAGES + 1):
        for sort in ("", *options["sort"]):
            args = {"sort": sort} if sort else {}
            found.append(Request("Katalog, lista", query("/katalog/", page=page, **args), anyone()))
    for slug in rng.sample(slugs, min(ITEMS, len(slugs))):
        found.append(Request("Katalog, objekt", f"/katalog/{slug}", anyone()))
    return found


def dashboard_requests(
    options: dict[str, list[str]], units: list[int], leader: Session, rng: random.Random
) -> list[Request]:
    """The dashboards for random units, periods and areas; a quarter of them for
    the whole organisation."""
    found = []
    for number in range(DASHBOARD_ADDRESSES):
        path = DASHBOARDS[number % len(DASHBOARDS)]
        args = {"period": rng.choice(options["period"]), "omrade": rng.choice(options["omrade"])}
        if number % 4:
            args["enhet"] = rng.choice(units)
        found.append(Request("Gapanalys", query(path, **args), leader.cookie))
    return found


def own_requests(
    url: str, user_id: int, session: Session, tasks: list[int], rng: random.Random
) -> list[Request]:
    """A manager's own pages: the overviews, some reflection results, the
    feedback rounds and some tasks of the register."""
    found = [Request(kind, path, session.cookie) for kind, path in OWN_PAGES]
    pages = data.own_pages(url, user_id)
    results = [page for page in pages if page[0] == "Självskattning, resultat"]
    rounds = [page for page in pages if page[0] != "Självskattning, resultat"]
    for kind, path in rng.sample(results, min(OWN_RESULTS, len(results))) + rounds:
        found.append(Request(kind, path, session.cookie))
    for task in rng.sample(tasks, min(TASKS_EACH, len(tasks))):
        found.append(Request("Uppgift", f"/uppgifter/{task}", session.cookie))
    return found


def post_requests(
    base: str, url: str, sessions: list[Session], slugs: list[str], rng: random.Random
) -> list[Request]:
    """Each user's plan additions and draft saves, and the removals of plan
    entries added now (each can be removed once). A sample of each kind is
    posted here and must be accepted (a redirect)."""
    found = []
    by_email = {session.email: session for session in sessions}
    for session in sessions:
        for slug in rng.sample(slugs, PLAN_ENTRIES_EACH):
            posted(base, plan_addition(session, slug))
        draft = draft_step(base, session)
        for _ in range(POSTS_EACH // 2):
            found.append(plan_addition(session, rng.choice(slugs)))
            found.append(draft_save(session, draft, rng))
    for email, entry in data.removable_entries(url, list(by_email)):
        session = by_email[email]
        path = f"/katalog/plan/{entry}/ta-bort"
        found.append(Request("Plan, ta bort", path, session.cookie, csrf_body(session), once=True))
    rng.shuffle(found)
    for kind in {request.kind for request in found}:
        sample = next(request for request in found if request.kind == kind)
        posted(base, sample)
        if sample.once:
            found.remove(sample)
    return found


def plan_addition(session: Session, slug: str) -> Request:
    body = csrf_body(session) + "&submission={submission}"
    return Request("Plan, lägg till", f"/katalog/{slug}/spara", session.cookie, body)


def draft_save(session: Session, step_path: str, rng: random.Random) -> Request:
    """The first step of the user's draft saved for later, with a note."""
    note = f"Utkast {rng.randint(1, 10_000)}: {rng.choice(TERMS)} i min grupp."
    body = csrf_body(session) + "&" + urllib.parse.urlencode({"note": note, "action": "later"})
    return Request("Självskattning, utkast", step_path, session.cookie, body)


def draft_step(base: str, session: Session) -> str:
    """The path of step 1 of the user's draft reflection, started if need be."""
    location = posted(base, Request("", "/sjalvskattning/ny", session.cookie, csrf_body(session)))
    found = re.search(r"/sjalvskattning/(\d+)/", location)
    if found is None:
        raise SystemExit(f"bench: no draft reflection for {session.email} ({location})")
    return f"/sjalvskattning/{found.group(1)}/steg/1"


def csrf_body(session: Session) -> str:
    return urllib.parse.urlencode({"csrf_token": session.csrf})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to read, not to follow."""

    def redirect_request(self, *_args: object) -> None:
        return None


def posted(base: str, request: Request) -> str:
    """Post the form; it must answer with a redirect, whose Location is returned."""
    body = request.body.replace("{submission}", f"bench{random.getrandbits(64):016x}")  # noqa: S311
    sent = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
        base + request.path, data=body.encode(), headers={"Cookie": request.cookie}
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(sent) as response:
            status = response.status
    except urllib.error.HTTPError as answer:
        if answer.code in (302, 303):
            return answer.headers["Location"]
        status = answer.code
    raise SystemExit(f"bench: a post to {request.path} answered {status}, not a redirect")


def fetch_text(base: str, path: str, cookie: str) -> str:
    status, body = timed_get(base, path, cookie)[:2]
    if status != HTTPStatus.OK:
        raise SystemExit(f"bench: {path} answered {status}")
    return body


def timed_get(base: str, path: str, cookie: str) -> tuple[int, str, float]:
    """(status, body, milliseconds); redirects are not followed."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.build_opener(NoRedirect).open(request) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as answer:
        status, body = answer.code, ""
    return status, body, (time.perf_counter() - started) * 1000


def check(base: str, gets: list[Request], mix: Mix) -> None:
    """Request every address once: those answering 200 go into the mix, the
    others are counted by kind and status. The times are the pages' first
    requests, per kind."""
    for request in gets:
        status, _, ms = timed_get(base, request.path, request.cookie)
        if status == HTTPStatus.OK:
            mix.gets.append(request)
            mix.first_ms.setdefault(request.kind, []).append(ms)
        else:
            mix.refused[(request.kind, status)] += 1
