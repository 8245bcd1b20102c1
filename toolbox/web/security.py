"""Who may use each route, response headers and safe redirects.

Every view declares its access with one of the decorators below; a request to
an endpoint without a declaration is refused (and the policy test fails)."""

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from urllib.parse import urlsplit

from flask import Flask, Request, abort, current_app, redirect, request, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_login import current_user
from itsdangerous import BadSignature

from toolbox.extensions import csrf
from toolbox.roles import ROLES
from toolbox.web.forms import PortalForm
from toolbox.web.language import gettext as _

PUBLIC = frozenset({"public"})
SIGNED_IN = frozenset({"signed_in"})
ANY_ROLE = frozenset(ROLES)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Endpoints that Flask itself registers.
BUILTIN_POLICY = {"static": PUBLIC}
FIRST_PRINTABLE = 32  # ord(" "): below it, control characters
MAX_VERSION_DIGITS = 9


def public(view: Callable) -> Callable:
    """Anyone, also a visitor who is not logged in."""
    view.access = PUBLIC
    return view


def signed_in(view: Callable) -> Callable:
    """Any logged-in user, also one who has no role yet."""
    view.access = SIGNED_IN
    return view


def allow(*roles: str) -> Callable[[Callable], Callable]:
    """Logged-in users holding at least one of these roles."""
    unknown = set(roles) - ANY_ROLE
    if unknown or not roles:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorate(view: Callable) -> Callable:
        view.access = frozenset(roles)
        return view

    return decorate


allow_any_role = allow(*ROLES)


def form_page(view: Callable) -> Callable:
    """The view validates CSRF through its form, so that a stale token
    shows the form again with the input kept instead of a bare error."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.csrf_by_form = True
    return wrapper


def access_for(app: Flask, endpoint: str) -> frozenset[str] | None:
    if endpoint in BUILTIN_POLICY:
        return BUILTIN_POLICY[endpoint]
    view = app.view_functions.get(endpoint)
    return getattr(view, "access", None)


def enforce_policy():
    """before_request: refuse what the route's declaration does not allow."""
    if request.endpoint is None:  # 404 and 405 are answered by Flask
        return None
    view = current_app.view_functions[request.endpoint]
    if (
        request.method == "POST"
        and current_app.config["WTF_CSRF_ENABLED"]
        and not getattr(view, "csrf_by_form", False)
    ):
        csrf.protect()
    access = access_for(current_app, request.endpoint)
    if access is None:
        current_app.logger.error("Endpoint %s has no access rule", request.endpoint)
        abort(403)
    if access == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if access != SIGNED_IN and not current_user.has_role(*access):
        abort(403)
    return None


def refuse_nul_characters():
    """before_request: 400 for a NUL character anywhere in the address or the
    form. Nobody types one, and PostgreSQL cannot store text that holds it."""
    texts = [request.path]
    texts += [part for pair in request.args.items(multi=True) for part in pair]
    if request.method == "POST" and request.mimetype in FORM_TYPES:
        texts += [part for pair in request.form.items(multi=True) for part in pair]
    if any("\x00" in text for text in texts):
        abort(400, _("Det du skickade innehöll ett tecken som inte går att spara (NUL)."))


def safe_next(target: str | None, fallback: str) -> str:
    """A redirect target on this host, or the fallback."""
    if not target or "\\" in target or any(ord(c) < FIRST_PRINTABLE for c in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def security_headers(csp: str) -> tuple[tuple[str, str, str], ...]:
    """(lower-case name, name, value): sent unless the view set the header itself."""
    return tuple(
        (name.lower(), name, value)
        for name, value in (
            ("Content-Security-Policy", csp),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        )
    )


def content_security_policy(issuer: str) -> str:
    """The CSP; with single sign-on, forms may also lead to the identity
    provider: the logout form's answer redirects there (RP-initiated logout),
    and browsers check form-action along a form's redirects."""
    if not issuer:
        return CSP
    parts = urlsplit(issuer)
    return CSP.replace("form-action 'self'", f"form-action 'self' {parts.scheme}://{parts.netloc}")


def add_security_headers(response):
    """after_request: the headers of PRODUCT.md section 6."""
    headers = response.headers
    # One pass over the response's headers instead of one per setdefault.
    present = {name.lower() for name, _ in headers.items()}
    for lower, name, value in current_app.extensions["security_headers"]:
        if lower not in present:
            headers.add(name, value)
    if current_app.config["PRODUCTION"]:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static":
        # Pages can hold personal data; none of them belongs in a shared cache.
        headers["Cache-Control"] = "no-store"
    return response


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, re-signed for activity at most every
    SESSION_REFRESH_SECONDS instead of on every response.

    Flask refuses a cookie signed longer than PERMANENT_SESSION_LIFETIME ago,
    so a signed-in session ends after that long without a request – counted
    from the last re-signing, up to SESSION_REFRESH_SECONDS earlier than the
    last request. A session that changes is signed again at once, as before."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at
        return session

    def should_set_cookie(self, app: Flask, session: SecureCookieSession) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        if signed_at is None:
            return True
        age = (datetime.now(UTC) - signed_at).total_seconds()
        return age >= app.config["SESSION_REFRESH_SECONDS"]


def init_app(app: Flask) -> None:
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.session_interface = SessionCookies()
    app.extensions["security_headers"] = security_headers(
        content_security_policy(app.config["OIDC_ISSUER"])
    )
    app.before_request(enforce_policy)
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)


class ConfirmForm(PortalForm):
    """A button with only the CSRF token: for a confirmation page (the page is
    the confirmation) or a download that must be a POST."""


def form_status(form) -> int:
    """400 for a stale or missing CSRF token, 422 for other errors, else 200."""
    if "csrf_token" in form.errors:
        return 400
    return 422 if form.errors else 200


def form_version(form) -> int | None:
    """The version number a form was loaded with: None when it has none, 0
    (which no saved object has, so the save is a conflict) when the hidden
    field was tampered with."""
    raw = (form.version.data or "").strip()
    if not raw:
        return None
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= MAX_VERSION_DIGITS else 0


def undeclared_endpoints(app: Flask) -> list[str]:
    """Endpoints that have no access rule; the policy test keeps this empty."""
    return sorted(e for e in app.view_functions if access_for(app, e) is None)
