"""Browser fixtures: the portal with demo data served on 127.0.0.1 from a
background thread, and the system's Chromium driven through Playwright.

The server is production-like: CSRF is on and error pages are the app's own.
It runs on SQLite only (the parent conftest's `app` fixture is not used).
Modules whose scenarios change the data take a portal of their own
(`demo_app` and `serving`); every module shares the one Chromium, since
Playwright's sync API allows one instance per thread."""

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from werkzeug.serving import make_server

from toolbox import create_app
from toolbox.extensions import db

DEMO_PASSWORD = "tillit-demo-2026"
DEMO_ACCOUNTS = {
    "chef": "chef@example.se",
    "hr": "hr@example.se",
    "ledning": "ledning@example.se",
    "admin": "admin@example.se",
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """The system Chromium, or a skip (a failure under REQUIRE_BROWSER=1)."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        reason = (
            f"browser tests need Chromium at {path} "
            "(apt-get install chromium, or set CHROMIUM_PATH)"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@contextmanager
def demo_app(folder: Path, **settings) -> Iterator[Flask]:
    """The portal on a fresh SQLite file in `folder` with the demo organisation
    and accounts, CSRF on, and any further `settings`; its connections are
    closed afterwards."""
    application = create_app(
        {
            "SECRET_KEY": "browser-test-secret-key",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'browser.db'}",
            "WTF_CSRF_ENABLED": True,
            "MAIL_SUPPRESS_SEND": True,
            "MAIL_OUTBOX": False,
        }
        | settings
    )
    application.instance_path = str(folder / "instance")
    with application.app_context():
        db.create_all()
    result = application.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    try:
        yield application
    finally:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


@contextmanager
def serving(application: Flask) -> Iterator[str]:
    """The app served from a thread on a free port of 127.0.0.1 only; its base URL."""
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="browser-test-server")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_app(tmp_path_factory):
    """The demo portal most browser tests share (they leave its data as it was)."""
    with demo_app(tmp_path_factory.mktemp("browser")) as application:
        yield application


@pytest.fixture(scope="session")
def server_url(browser_app) -> Iterator[str]:
    with serving(browser_app) as url:
        yield url


@pytest.fixture
def open_context(chromium, server_url) -> Iterator[Callable[..., BrowserContext]]:
    """Opens browser contexts (separate cookie jars) that close after the test."""
    contexts: list[BrowserContext] = []

    def open_(**options) -> BrowserContext:
        context = chromium.new_context(base_url=server_url, locale="sv-SE", **options)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real /login form, as a person would."""
    page.goto("/login")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(password)
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_load_state()


def signed_in(browser: Browser, base: str, email: str) -> Page:
    """A page in a browser context of its own (its own cookies), signed in on
    the portal at `base`; it lands on Min sida."""
    page = browser.new_context(base_url=base, locale="sv-SE").new_page()
    sign_in(page, email)
    assert page.url == f"{base}/", page.url
    return page


@pytest.fixture(scope="session")
def log_in() -> Callable[..., None]:
    return sign_in
