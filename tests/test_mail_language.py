"""A mail is written in the language of the request that sends it, and in
Swedish when the command line sends it (reminders, cron)."""

from types import SimpleNamespace

from flask import render_template, session

USER = SimpleNamespace(name="Anna Berg", email="anna@example.se")


def reset_mail() -> str:
    return render_template("mail/reset_password.txt", user=USER, link="https://x/l", hours=72)


def test_a_mail_sent_from_an_english_page_is_english(app):
    with app.test_request_context("/"):
        session["lang"] = "en"
        text = reset_mail()
    assert text.startswith("Hello Anna Berg,\n\nSomeone, probably you, has asked")
    assert "The link is valid for 72 hours" in text
    assert "Best regards\nVerktygslådan" in text


def test_a_mail_sent_from_the_command_line_is_swedish(app):
    with app.app_context():
        text = reset_mail()
    assert text.startswith("Hej Anna Berg!\n\nNågon, troligen du, har bett om")
    assert "Länken gäller i 72 timmar" in text
