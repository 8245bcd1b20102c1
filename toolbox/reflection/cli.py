"""`flask --app app send-reminders`: for cron, idempotent, safe on several instances."""

from urllib.parse import urlsplit

import click
from flask import current_app
from flask.cli import with_appcontext

from toolbox import mailing
from toolbox.reflection import reminders
from toolbox.reflection.models import RHYTHMS

LOCAL_BASE_URL = "http://127.0.0.1:5000"


def public_url(endpoint: str) -> str:
    """An absolute link for a mail sent outside a request (PUBLIC_BASE_URL)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"] or LOCAL_BASE_URL)
    urls = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return urls.build(endpoint, force_external=True)


@click.command("send-reminders")
@with_appcontext
def send_reminders():
    """Mejla chefer vars självskattning är dags enligt den påminnelse de har valt."""
    link = public_url("reflection.index")

    def send(due: reminders.Due) -> None:
        mailing.send(
            due.email,
            "Dags för en ny självskattning",
            "reflection_reminder",
            name=due.name,
            rhythm=RHYTHMS[due.every_months].lower(),
            due=due.next_due_on,
            link=link,
        )

    sent, failed = reminders.send_due(reminders.today(), send)
    click.echo(f"Påminnelser om självskattning: {sent} skickade, {failed} misslyckades.")
    if failed:
        raise click.ClickException(f"{failed} påminnelser kunde inte skickas; de försöks igen.")
