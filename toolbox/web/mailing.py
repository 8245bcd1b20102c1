"""Sending mail: through Flask-Mail when a server is configured, otherwise to
the log and to instance/outbox so that the demo works offline."""

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, has_request_context, render_template, url_for
from flask_mail import Message

from toolbox.extensions import mail


def send(to: str, subject: str, template: str, **context) -> None:
    """Render templates/mail/<template>.txt and send it to one address."""
    body = render_template(f"mail/{template}.txt", **context)
    message = Message(subject=subject, recipients=[to], body=body)
    config = current_app.config
    if config["MAIL_SERVER"] or config.get("MAIL_SUPPRESS_SEND"):
        mail.send(message)
        return
    # The body is not logged: it can hold a single-use link.
    if config["MAIL_OUTBOX"]:
        path = write_to_outbox(message, Path(current_app.instance_path) / "outbox")
        current_app.logger.info("Mail till %s: %s (sparat i %s)", to, subject, path)
    else:
        current_app.logger.info("Mail till %s: %s (ingen e-postserver)", to, subject)


def write_to_outbox(message: Message, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{stamp}.eml"
    path.write_bytes(message.as_bytes())
    return path


LOCAL_BASE_URL = "http://127.0.0.1:5000"


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a mail: PUBLIC_BASE_URL when set (always so for
    cron, which has no request), otherwise the request's own host."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if has_request_context() and not base:
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(base or LOCAL_BASE_URL)
    urls = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme
    )
    return urls.build(endpoint, values, force_external=True)
