"""Error pages in the portal's look; rollback on failure; 503 on database loss."""

from http import HTTPStatus

from flask import Flask, g, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from toolbox.extensions import db, login_manager
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

MESSAGES = {
    400: (_l("Felaktig begäran"), _l("Begäran kunde inte behandlas. Försök igen från början.")),
    403: (_l("Åtkomst nekad"), _l("Du har inte behörighet till den här sidan.")),
    404: (
        _l("Sidan finns inte"),
        _l("Sidan du söker finns inte, eller så har du inte tillgång till den."),
    ),
    405: (_l("Metoden är inte tillåten"), _l("Sidan kan inte användas på det sättet.")),
    409: (
        _l("Krock med en annan ändring"),
        _l("Någon annan har ändrat samma sak medan du arbetade."),
    ),
    413: (
        _l("För mycket data"),
        _l("Det du skickade var för stort. Korta texten eller välj en mindre fil."),
    ),
    429: (
        _l("För många försök"),
        _l("Du har gjort för många försök. Vänta en stund och försök igen."),
    ),
    500: (
        _l("Något gick fel"),
        _l("Ett oväntat fel uppstod. Felet är loggat. Försök igen om en stund."),
    ),
    503: (
        _l("Tjänsten är inte tillgänglig just nu"),
        _l("Databasen svarar inte för tillfället. Ingenting har sparats. Försök igen om en stund."),
    ),
}
HIDDEN_FIELDS = ("csrf_token", "password", "new_password", "confirm", "current_password")


def kept_input(status: int) -> list[tuple[str, str]]:
    """What the user sent, shown back so that nothing typed is lost."""
    if (
        request.method != "POST" or status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    ):  # an oversized body is not read
        return []
    return [
        (key, value)
        for key, value in request.form.items(multi=True)
        if key not in HIDDEN_FIELDS and value.strip()
    ]


def error_page(status: int, message: str | None = None):
    title, text = MESSAGES.get(status, MESSAGES[500])
    page = render_template(
        "errors/error.html",
        status=status,
        title=title,
        text=message or text,
        kept=kept_input(status),
    )
    return page, status


def handle_http(error: HTTPException):
    if error.code is None or error.code < HTTPStatus.BAD_REQUEST:
        return error
    message = (
        error.description
        if error.code in (HTTPStatus.BAD_REQUEST, HTTPStatus.TOO_MANY_REQUESTS) and _custom(error)
        else None
    )
    return error_page(error.code, message)


def _custom(error: HTTPException) -> bool:
    """True when the view passed its own message to abort()."""
    return error.description != type(error).description


def handle_csrf(_error: CSRFError):
    return error_page(
        400, _("Formuläret hade gått ut eller saknade säkerhetskod. Ladda sidan och försök igen.")
    )


def handle_database_down(error: DBAPIError):
    db.session.rollback()
    if isinstance(error, OperationalError) or error.connection_invalidated:
        # The page must not ask the database who is logged in.
        g._login_user = login_manager.anonymous_user()
        return error_page(503)
    raise error


def handle_stale_save(_error: StaleDataError):
    """Two saves of the same version at once (PostgreSQL lets both read it):
    the later one is a conflict, shown with what the user sent, not a 500."""
    db.session.rollback()
    return error_page(409)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(DBAPIError, handle_database_down)
    app.register_error_handler(StaleDataError, handle_stale_save)
    # Any other exception becomes a 500 that handle_http renders; the session
    # is rolled back when Flask-SQLAlchemy removes it at teardown.
