"""Typed answers survive an ended login session.

A step posted after the session has ended cannot be saved: nobody is logged
in to own it. Its answers are then kept in a short-lived, signed, HttpOnly
cookie that only /sjalvskattning/ receives, and the step page fills them in
again once the manager has logged in (and owns the reflection). A stale CSRF
token with a live session needs none of this: the form is shown again with
the input kept (security.form_page).

Only a post of the author's own step page is kept: the page carries a signed
value naming the author, the reflection and the step (`form_value`), valid
for FORM_MAX_AGE_SECONDS. A post without it – a form on another site, or
one made up – is refused and sets no cookie, so nobody can plant answers for
the manager to find after logging in."""

from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from flask import Request, Response, current_app, url_for
from itsdangerous import BadData, URLSafeTimedSerializer

COOKIE = "reflection_kept"
SALT = "reflection-kept-input"
FORM_SALT = "reflection-step-form"
MAX_AGE_SECONDS = 3600
# Longer than a login session (8 hours): the value must outlive it to be of use.
FORM_MAX_AGE_SECONDS = 24 * 3600
FIELD = "keep"
# Browsers keep cookies up to 4096 bytes with name and attributes.
MAX_BYTES = 3800


@dataclass(frozen=True)
class Kept:
    user_id: int
    reflection_id: int
    step: int
    answers: dict[str, str]
    note: str


def _serializer(salt: str = SALT) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=salt)


def form_value(user_id: int, reflection_id: int, step: int) -> str:
    """The signed value the author's step page carries in its form."""
    return _serializer(FORM_SALT).dumps([user_id, reflection_id, step])


def author_of(request: Request, reflection_id: int, step: int) -> int | None:
    """The author named by the posted form's signed value, if it is this
    reflection's step and recent enough; None for anything else."""
    try:
        user_id, signed_reflection, signed_step = _serializer(FORM_SALT).loads(
            request.form.get(FIELD, ""), max_age=FORM_MAX_AGE_SECONDS
        )
    except (BadData, TypeError, ValueError):
        return None
    if (signed_reflection, signed_step) != (reflection_id, step):
        return None
    return user_id


def from_this_site(request: Request) -> bool:
    """False for a post that another site made the browser send; such a post
    must not be able to plant answers for the manager to find."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


def dump(kept: Kept) -> str | None:
    """The signed cookie value, or None when the answers are too long for a cookie."""
    value = _serializer().dumps(asdict(kept))
    return value if len(value) <= MAX_BYTES else None


def remember(response: Response, value: str) -> None:
    response.set_cookie(
        COOKIE,
        value,
        max_age=MAX_AGE_SECONDS,
        path=url_for("reflection.index"),
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def read(request: Request, user_id: int, reflection_id: int, step: int) -> Kept | None:
    """The kept answers of this author for this reflection's step, if there are any."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=MAX_AGE_SECONDS)
        kept = Kept(**data)
    except (BadData, TypeError):
        return None
    if (kept.user_id, kept.reflection_id, kept.step) != (user_id, reflection_id, step):
        return None
    return kept


def forget(response: Response) -> None:
    response.delete_cookie(
        COOKIE,
        path=url_for("reflection.index"),
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
