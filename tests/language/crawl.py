"""A feature's English test on the demo data: a visitor who chose English
follows the feature's links, posts each of its forms once blank and once
filled in, and what they read is checked against the Swedish vocabulary
(vocabulary.py; text marked lang="sv" is people's own and not read)."""

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from tests.language.vocabulary import read_text, vocabulary, words
from tests.security.conftest import DemoSeed, close, open_demo_app, sign_in
from tests.security.demo import Prepared
from tests.security.discovery import Form, endpoint_of, on_this_host, parse_page
from tests.security.filling import fill
from toolbox.extensions import mail

PER_ENDPOINT = 2
REDIRECTS = (301, 302, 303)
# The shared error pages (a form posted a second time after the first
# removed its object): the layout's, not a feature's.
ERROR_PAGES = frozenset({403, 404, 405, 410})


@contextmanager
def demo_portal(folder: Path, demo_seed: DemoSeed) -> Iterator[tuple[Flask, Prepared]]:
    """A copy in `folder` of the session's demo organisation (the demo_seed
    fixture), completed so that every page can be reached; on SQLite only,
    since the language does not depend on the database."""
    app = open_demo_app("sqlite", folder, demo_seed)
    try:
        yield app, demo_seed.prepared
    finally:
        close(app)


def english_client(app: Flask, prepared: Prepared, visitor: str) -> FlaskClient:
    """A client signed in as the visitor's demo account that chose English."""
    client = app.test_client()
    sign_in(app, client, visitor, prepared)
    response = client.post("/sprak", data={"lang": "en", "next": "/"})
    assert response.status_code in (302, 303), response.status_code
    return client


@dataclass
class Read:
    """What a visitor read, by where they read it."""

    pages: dict[str, str] = field(default_factory=dict)  # where → the text read
    forms: list[Form] = field(default_factory=list)

    def add(self, where: str, html: str) -> None:
        self.pages[where] = read_text(html)

    def swedish(self) -> dict[str, list[str]]:
        """Where the visitor read Swedish words of the interface, and which."""
        found = {where: sorted(words(text) & vocabulary()) for where, text in self.pages.items()}
        return {where: hits for where, hits in found.items() if hits}


def crawl(app: Flask, client: FlaskClient, prefixes: tuple[str, ...], start: Iterable[str]) -> Read:
    """The feature's pages a visitor reaches by links from `start`, a few
    objects per endpoint, and the POST forms on them."""
    read = Read()
    queue = deque(start)
    seen: set[str] = set()
    objects: dict[str, set] = {}
    while queue:
        url = queue.popleft()
        target = endpoint_of(app, url)
        if url in seen or target is None or not url.startswith(prefixes):
            continue
        seen.add(url)
        endpoint, args = target
        taken = objects.setdefault(endpoint, set())
        key = tuple(sorted(args.items()))
        if key not in taken and len(taken) >= PER_ENDPOINT:
            continue
        taken.add(key)
        response = client.get(url)
        if not response.content_type.startswith("text/html"):
            response.close()
            continue
        html = response.get_data(as_text=True)
        if response.status_code not in REDIRECTS:  # nobody reads a redirect's body
            read.add(f"GET {url} ({response.status_code})", html)
        links, forms = parse_page(html)
        for action, fields in forms:
            path = on_this_host(url, action or url)
            found = path and endpoint_of(app, path, "POST")
            if found and path.startswith(prefixes):
                read.forms.append(Form("", url, path, found[0], tuple(fields)))
        queue += [path for href in links if (path := on_this_host(url, href))]
    return read


def unique(forms: list[Form]) -> Iterator[Form]:
    """One form per endpoint and set of fields."""
    seen: set[tuple] = set()
    for form in forms:
        key = (form.endpoint, tuple(f.name for f in form.fields))
        if key not in seen:
            seen.add(key)
            yield form


def blank(form: Form) -> MultiDict:
    """The form sent with nothing typed or chosen: hidden fields only."""
    return MultiDict([(f.name, f.value) for f in form.fields if f.kind == "hidden"])


def answer(client: FlaskClient, response) -> tuple[str, str]:
    """Where the visitor ends up after a post, and that page's HTML."""
    if response.status_code in REDIRECTS:
        location = response.headers["Location"]
        response.close()
        landed = client.get(location)
        return location, landed.get_data(as_text=True)
    return f"({response.status_code})", response.get_data(as_text=True)


def post_each_form(client: FlaskClient, read: Read) -> list[str]:
    """Each form once blank, then once filled in; what was read is added to
    `read`, and the mails sent on the way are returned as text."""
    mails: list[str] = []
    with mail.record_messages() as outbox:
        for form in unique(read.forms):
            response = client.post(form.action, data=blank(form))
            if response.status_code not in ERROR_PAGES:
                where, html = answer(client, response)
                read.add(f"POST {form.action} blank → {where}", html)
            filled = fill(client, form)
            if filled.location:
                landed = client.get(filled.location)
                read.add(f"POST {form.action} → {filled.location}", landed.get_data(as_text=True))
            elif filled.status not in ERROR_PAGES:
                read.add(f"POST {form.action} ({filled.status})", filled.html)
        mails += [f"{message.subject}\n{message.body}" for message in outbox]
    return mails
