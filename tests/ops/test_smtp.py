"""Mail leaves through a real SMTP server, and its set-password link works;
without a server it lands in the instance outbox."""

import email
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as email_policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import app_on
from tests.ops.conftest import free_port

ADDRESS = "greta.post@example.se"
SUBJECT = "Nytt lösenord till Verktygslådan"
NEW_PASSWORD = "korv-med-bröd-och-senap-7"
LINK = re.compile(r"https?://\S+/satt-losenord/\S+")


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    port: int
    envelopes: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[Inbox]:
    inbox = Inbox(free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def mail_settings(smtp_server) -> dict:
    """Send through the local SMTP server; a test may parametrize this away."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server.port}


@pytest.fixture
def app(tmp_path, mail_settings):
    """An app on SQLite that really sends mail (TESTING suppresses it by default)."""
    url = f"sqlite:///{tmp_path / 'mail.db'}"
    with app_on(url, tmp_path, MAIL_SUPPRESS_SEND=False, **mail_settings) as application:
        yield application


def parse(raw: bytes) -> tuple[EmailMessage, str]:
    message = email.message_from_bytes(raw, policy=email_policy)
    return message, message.get_body(preferencelist=("plain",)).get_content()


def link_path(body: str) -> str:
    found = LINK.search(body)
    assert found, f"no set-password link in the mail:\n{body}"
    return urlsplit(found.group(0)).path


def test_reset_mail_goes_through_smtp_and_its_link_sets_the_password(
    smtp_server, make_user, client
):
    make_user(email=ADDRESS, name="Greta Post")
    response = client.post("/glomt-losenord", data={"email": ADDRESS})
    assert response.status_code == 302

    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == [ADDRESS]
    message, body = parse(envelope.original_content)
    assert message["Subject"] == SUBJECT
    assert message["To"] == ADDRESS
    path = link_path(body)

    assert client.get(path).status_code == 200
    response = client.post(path, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"

    response = client.post("/login", data={"email": ADDRESS, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Välkommen, Greta Post." in client.get("/").get_data(as_text=True)
    # The link was single-use.
    assert client.get(path).status_code == 400


def test_no_mail_for_an_unknown_address(smtp_server, client):
    response = client.post("/glomt-losenord", data={"email": "okand@example.se"})
    assert response.status_code == 302
    assert smtp_server.envelopes == []


@pytest.mark.parametrize("mail_settings", [{"MAIL_SERVER": None, "MAIL_OUTBOX": True}])
def test_without_a_mail_server_the_mail_lands_in_the_outbox(app, make_user, client):
    make_user(email=ADDRESS, name="Greta Post")
    assert client.post("/glomt-losenord", data={"email": ADDRESS}).status_code == 302

    files = list((Path(app.instance_path) / "outbox").glob("*.eml"))
    assert len(files) == 1
    message, body = parse(files[0].read_bytes())
    assert message["Subject"] == SUBJECT
    assert message["To"] == ADDRESS
    assert client.get(link_path(body)).status_code == 200
