"""The demo organisation's fixtures, for every suite that uses them (security,
language, account, privacy): the seed, a module's copy on each backend, and
the pages and forms each visitor finds. Registered once, as a plugin of
tests/conftest.py, so that the session's seed and crawl are made once: a
fixture imported into a second conftest or test module would be a second
fixture with a cache, and a seed, of its own."""

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.conftest import BACKENDS
from tests.security.conftest import (
    DemoSeed,
    close,
    make_app,
    open_demo_app,
    seed,
    visitor_client,
)
from tests.security.demo import VISITORS
from tests.security.discovery import Site, crawl


@pytest.fixture(scope="session")
def demo_seed(tmp_path_factory) -> DemoSeed:
    """The demo data on SQLite, prepared; each module works on a copy."""
    folder = tmp_path_factory.mktemp("demo-seed")
    path = folder / "demo.db"
    app = make_app(f"sqlite:///{path}", folder / "instance")
    prepared = seed(app)
    close(app)
    return DemoSeed(path, prepared)


@pytest.fixture(scope="module", params=BACKENDS)
def demo_app(request, tmp_path_factory, demo_seed) -> Iterator[Flask]:
    """The demo organisation on SQLite and PostgreSQL, CSRF off (the
    suites that test CSRF switch it on)."""
    app = open_demo_app(request.param, tmp_path_factory.mktemp("demo"), demo_seed)
    yield app
    close(app)


@pytest.fixture(scope="session")
def sites(demo_seed, tmp_path_factory) -> dict[str, Site]:
    """What each visitor reaches by following links on the demo data."""
    folder = tmp_path_factory.mktemp("crawl")
    app = open_demo_app("sqlite", folder, demo_seed)
    found = {}
    for visitor in VISITORS:
        client = visitor_client(app, visitor, demo_seed.prepared)
        found[visitor] = crawl(app, client, visitor, demo_seed.prepared.start.get(visitor, ()))
    close(app)
    return found


@pytest.fixture(scope="session")
def site(sites) -> Site:
    """Every visitor's pages and forms together."""
    merged = Site()
    for found in sites.values():
        merged.visits += found.visits
        merged.forms += found.forms
    return merged
