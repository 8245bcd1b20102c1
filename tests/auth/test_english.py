"""Signing in, passwords, the password mail, Mina uppgifter and Min sida in
English: every page, each form posted blank and filled in, with no Swedish
word of their UI left (issue 21).

On SQLite only: what a page says does not depend on the database, and
the feature's own tests run on both."""

import re

import pytest

from tests.conftest import ON_SQLITE_ONLY, PASSWORD
from tests.language.visitor import EnglishVisitor
from tests.language.vocabulary import vocabulary, words
from toolbox.clock import utcnow
from toolbox.extensions import db, mail
from toolbox.reflection.models import Reflection

pytestmark = ON_SQLITE_ONLY

NEW = "green-kettle-on-the-hill-4"


@pytest.fixture
def visitor(client):
    return EnglishVisitor(client, words("Alex Morgan"))


def swedish_in_mail(body: str) -> set[str]:
    return words(body) & vocabulary() - words("Alex Morgan")


def test_signing_in_and_out_in_english(make_user, visitor):
    make_user("alex@example.se", roles=("admin",), name="Alex Morgan")  # no checklist
    visitor.page("/login")
    page = visitor.page("/login", {})
    assert "Enter your email address." in page
    assert "Enter your password." in page
    page = visitor.page("/login", {"email": "alex@example.se", "password": "wrong"})
    assert "Wrong email address or password." in page
    page = visitor.page("/login", {"email": "alex@example.se", "password": PASSWORD})
    assert "Welcome, Alex Morgan." in page
    assert "You have been signed out." in visitor.page("/logout", {})


def test_a_forgotten_password_in_english(make_user, visitor):
    make_user("alex@example.se", name="Alex Morgan")
    visitor.page("/glomt-losenord")
    assert "Enter your email address." in visitor.page("/glomt-losenord", {})
    assert "Enter a valid email address" in visitor.page("/glomt-losenord", {"email": "alex"})
    with mail.record_messages() as outbox:
        page = visitor.page("/glomt-losenord", {"email": "alex@example.se"})
    assert "we have sent a link for choosing a new password" in page
    assert outbox[0].subject == "New password for Verktygslådan"
    assert "Someone, probably you, has asked for a new password" in outbox[0].body
    assert swedish_in_mail(outbox[0].body) == set()
    link = re.search(r"http://127\.0\.0\.1(/satt-losenord/\S+)", outbox[0].body).group(1)
    visitor.page(link)
    assert "Enter a new password." in visitor.page(link, {})
    page = visitor.page(link, {"new_password": "short", "confirm": "other"})
    assert "The passwords do not match." in page
    page = visitor.page(link, {"new_password": "short", "confirm": "short"})
    assert "The password must have at least 12 characters." in page
    page = visitor.page(link, {"new_password": NEW, "confirm": NEW})
    assert "Your password has been saved. Sign in with it." in page
    visitor.page(link)  # used: the link is no longer valid


def test_account_and_min_sida_in_english(app, make_user, login_as, visitor):
    user = make_user("alex@example.se", name="Alex Morgan")
    with app.app_context():
        # Submitted: a draft is the reflection feature's to-do on Min sida.
        submitted = Reflection(user_id=user.id, question_set_version=1, status="inskickad")
        submitted.submitted_at = utcnow()
        db.session.add(submitted)
        db.session.commit()
    login_as(user)
    page = visitor.client.get("/").get_data(as_text=True)
    assert "Choose your own password" in page
    assert "Read who sees your answers" in page
    assert "The checklist is hidden." in visitor.page("/kom-igang/dolj", {})
    visitor.page("/konto/losenord")
    page = visitor.page("/konto/losenord", {})
    assert "Enter your current password." in page
    page = visitor.page(
        "/konto/losenord", {"current_password": "wrong", "new_password": NEW, "confirm": NEW}
    )
    assert "The current password is not correct." in page
    page = visitor.page(
        "/konto/losenord", {"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}
    )
    assert "Your password has been changed." in page
    visitor.page("/konto/mina-uppgifter")
    response = visitor.client.post("/konto/mina-uppgifter", data={})
    assert response.mimetype == "application/json"
    path = "/konto/mina-uppgifter/radera-sjalvskattningar"
    assert "Tick the box if you want to delete everything." in visitor.page(path, {})
    page = visitor.page(path, {"confirm": "y"})
    assert "All your self-reflections and drafts have been deleted (1 in all)." in page
