"""Sending mail: through Flask-Mail when a server is configured, otherwise to
the log and to instance/outbox so that the demo works offline."""

from datetime import datetime
from pathlib import Path

from flask import current_app, render_template
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
    current_app.logger.info("Mail till %s: %s\n%s", to, subject, body)
    if config["MAIL_OUTBOX"]:
        write_to_outbox(message, Path(current_app.instance_path) / "outbox")


def write_to_outbox(message: Message, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{stamp}.eml"
    path.write_bytes(message.as_bytes())
    return path
