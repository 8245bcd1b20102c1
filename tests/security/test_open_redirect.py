"""`next` never leads off this host (PRODUCT.md section 6), generated from
the app: every page and every form every visitor finds is requested with
`?next=…` (and, for a post, a `next` field) holding addresses that
browsers treat as another site. Where the answer is a redirect, its
Location must stay on 127.0.0.1 the way a browser reads it (backslashes as
slashes, tabs and newlines dropped, leading control characters stripped).

Every endpoint gets a canary and the three most common payloads; every
endpoint whose redirect follows the canary – it reads `next` – gets them all,
sent both encoded and raw."""

import re
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.security import generate_password_hash

from tests.security.conftest import visitor_client
from tests.security.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.security.discovery import Site
from toolbox.auth.models import User
from toolbox.extensions import db

PAYLOADS = (
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
    "http:evil.example",
    "///evil.example",
    "////evil.example/",
    "https:/evil.example",
    "HtTpS://evil.example",
    " //evil.example",
    "\t//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "%5C%5Cevil.example",
    "https://127.0.0.1@evil.example",
    "//127.0.0.1%40evil.example",
    "http://evil.example\\@127.0.0.1/",
    "data:text/html,<script>alert(1)</script>",
    "\x00//evil.example",
    "/%0d%0aLocation:%20https://evil.example",
)
FIRST = PAYLOADS[:3]
CANARY = "/kanariefagel?x=1"
CREDENTIALS = {"email": DEMO_ACCOUNTS["chef"], "password": DEMO_PASSWORD}


def leaves_host(location: str) -> bool:
    """True when a browser following this Location would leave 127.0.0.1,
    over plain HTTP here or behind TLS in production ("http:evil.example"
    stays on the host from an http page, but leaves it from an https one)."""
    cleaned = re.sub(r"[\t\n\r]", "", location).strip("".join(map(chr, range(33))))
    cleaned = cleaned.replace("\\", "/")
    # Browsers skip any number of slashes before the host of an http(s) address.
    cleaned = re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*:)?/{2,}", r"\1//", cleaned)
    for base in ("http://127.0.0.1/sida/", "https://127.0.0.1/sida/"):
        target = urlsplit(urljoin(base, cleaned))
        if target.scheme not in ("http", "https") or target.hostname != "127.0.0.1":
            return True
    return False


def test_the_check_sees_every_payload_as_another_site():
    """Each payload, once the server has decoded it, would leave the host if
    it were echoed as the Location (the last one tries header injection)."""
    for payload in PAYLOADS[:-1]:
        assert leaves_host(unquote(unquote(payload))), payload
    for safe in ("/sjalvskattning/?x=//evil.example", "/.//evil.example", "/kanariefagel?x=1"):
        assert not leaves_host(safe), safe


def targets(site: Site) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(visitor, method, url, form data): a page and a form per endpoint."""
    found, seen = [], set()
    for visit in site.visits:
        if visit.status in (200, 302) and ("GET", visit.endpoint) not in seen:
            seen.add(("GET", visit.endpoint))
            found.append((visit.role, "GET", visit.url, []))
    for form in site.unique_forms():
        if ("POST", form.endpoint) not in seen:
            seen.add(("POST", form.endpoint))
            data = [(k, v) for k, v in form.defaults() if k != "next"]
            if form.endpoint == "auth.login":
                data = [(k, CREDENTIALS.get(k, v)) for k, v in data]
            found.append((form.role, "POST", form.action, data))
    return found


def send(app, demo_seed, target, payload: str, raw: bool):
    visitor, method, url, data = target
    client = visitor_client(app, visitor, demo_seed.prepared)
    path, _, query = url.partition("?")
    value = payload if raw else quote(payload, safe="")
    query_string = "&".join(filter(None, [query, f"next={value}"]))
    form = MultiDict(data + [("next", payload)]) if method == "POST" else None
    response = client.open(path, method=method, query_string=query_string, data=form)
    response.close()
    return response


def battery(response) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """What to send after the canary: everything, encoded and raw, where the
    redirect followed it; the common payloads elsewhere."""
    location = response.headers.get("Location", "")
    if location.startswith(CANARY):
        return PAYLOADS, (False, True)
    return (FIRST if response.status_code in (301, 302, 303, 307, 308) else FIRST[:2]), (False,)


@pytest.fixture(scope="module")
def quick_login(demo_app) -> None:
    """The chef's password with a cheap hash: this module logs in some fifty
    times, and what is tested is where the login goes, not the hashing."""
    with demo_app.app_context():
        chef = db.session.scalar(select(User).where(User.email == CREDENTIALS["email"]))
        chef.password_hash = generate_password_hash(DEMO_PASSWORD, method="pbkdf2:sha256:1000")
        db.session.commit()


def test_no_redirect_leaves_the_host(demo_app, demo_seed, site, quick_login, figure):
    problems, readers, sent = [], set(), 0
    for target in targets(site):
        payloads, encodings = battery(send(demo_app, demo_seed, target, CANARY, raw=False))
        if payloads is PAYLOADS:
            readers.add((target[1], target[2].partition("?")[0]))
        for payload in payloads:
            for raw in encodings:
                response = send(demo_app, demo_seed, target, payload, raw)
                sent += 1
                location = response.headers.get("Location", "")
                if location and leaves_host(location):
                    problems.append(f"{target[1]} {target[2]} next={payload!r}: {location}")
    assert problems == []
    # The endpoints that do read `next` were found and got every payload.
    assert {("POST", "/login"), ("POST", "/sprak")} <= readers
    assert sent >= 250
    figure("open redirect: next values sent", sent)
    figure("open redirect: redirects that left the host", len(problems))
