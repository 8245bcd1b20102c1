"""Single sign-on with the region's OpenID provider: whether it is
configured, and the flow's three steps (start, finish, logout at the
provider). The client itself, with Authlib and the token checks, is in
provider.py, loaded only when TOOLBOX_OIDC_ISSUER is set: Authlib with its
HTTP and JOSE libraries would cost every web worker 16 MB otherwise."""

from typing import Any

from flask import Flask, current_app
from werkzeug.wrappers import Response

EXTENSION = "toolbox.oidc"
# The session key that marks a session begun at the provider, for the logout
# there. Only the mark: the ID token (with every group claim) would overflow
# the signed, not encrypted, 4 KB session cookie and show its claims.
SSO_SESSION_KEY = "sso"


class LoginFailed(Exception):
    """The provider's answer did not pass a check; the message is for the log."""


def init_app(app: Flask) -> None:
    """Register the provider's client when OIDC_ISSUER is set."""
    if not app.config["OIDC_ISSUER"]:
        return
    from toolbox.auth.provider import Provider  # noqa: PLC0415 - see the module docstring

    app.extensions[EXTENSION] = Provider(app)


def configured(app: Flask) -> bool:
    return EXTENSION in app.extensions


def provider():  # -> toolbox.auth.provider.Provider, not imported here
    return current_app.extensions[EXTENSION]


def metadata() -> dict[str, Any]:
    """The provider's discovery document as checked (issuer, algorithms)."""
    return provider().metadata()


def start(redirect_uri: str) -> Response:
    """The redirect to the provider's login; LoginFailed when it cannot be reached."""
    return provider().start(redirect_uri)


def finish(query: dict[str, str]) -> dict[str, Any]:
    """The verified ID token's claims; LoginFailed for anything that does not hold."""
    return provider().finish(query)


def logout_url(post_logout_redirect_uri: str) -> str | None:
    """The provider's end-session address for this browser's login, if any."""
    return provider().logout_url(post_logout_redirect_uri)
