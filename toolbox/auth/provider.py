"""The OpenID Connect client (Authlib's Flask integration): the authorisation
code flow with PKCE, state and nonce, and the checks of the ID token –
signature by a key from the provider's JWKS (fetched again when a new key id
appears), an algorithm from our allow-list, issuer, audience, expiry with a
small clock skew and the nonce of this login. Loaded by oidc.init_app only
when single sign-on is configured."""

from typing import Any

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, session
from joserfc.errors import JoseError
from requests import RequestException
from werkzeug.wrappers import Response

from toolbox.auth.oidc import SSO_SESSION_KEY, LoginFailed

# Asymmetric algorithms only: never `none`, never HMAC (whose secret would be
# the client secret or, in the classic attack, the provider's public key).
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")

# What a broken or hostile answer raises in Authlib, joserfc or requests (a
# token response that is not JSON is requests' JSONDecodeError, a
# RequestException). Not KeyError, ValueError or TypeError: those are our
# bugs, to be seen as errors, not audited as attacks.
FAILURES = (AuthlibBaseError, JoseError, RequestException)


def discovery_url(issuer: str) -> str:
    """OpenID Connect Discovery 1.0, section 4: the issuer without a trailing
    "/", then /.well-known/openid-configuration. The issuer itself is kept
    exactly as configured for the checks."""
    return f"{issuer.rstrip('/')}/.well-known/openid-configuration"


class Provider:
    """The region's provider as the portal's client of it."""

    def __init__(self, app: Flask):
        config = app.config
        self.client = OAuth(app).register(
            "region",
            client_id=config["OIDC_CLIENT_ID"],
            client_secret=config["OIDC_CLIENT_SECRET"] or None,
            server_metadata_url=discovery_url(config["OIDC_ISSUER"]),
            client_kwargs={"scope": config["OIDC_SCOPES"], "code_challenge_method": "S256"},
        )

    def metadata(self) -> dict[str, Any]:
        """The provider's discovery document, checked once: it must name the
        configured issuer (a mix-up otherwise), and only our algorithms count."""
        data = self.client.load_server_metadata()
        if data.get("issuer") != current_app.config["OIDC_ISSUER"]:
            raise LoginFailed(f"discovery names issuer {data.get('issuer')!r}")
        offered = data.get("id_token_signing_alg_values_supported") or ALGORITHMS
        # Authlib verifies with the algorithms this list names: the provider's
        # word is narrowed to ours, so `none` and HS256 never verify.
        allowed = [a for a in ALGORITHMS if a in offered]
        if not allowed:
            # An empty list would mean joserfc's "recommended" algorithms, HS256 among them.
            raise LoginFailed(f"the provider offers no algorithm we allow: {offered!r}")
        data["id_token_signing_alg_values_supported"] = allowed
        return data

    def start(self, redirect_uri: str) -> Response:
        """The redirect to the provider's login; state, nonce and the PKCE
        verifier are kept in this browser's session."""
        try:
            self.metadata()
            return self.client.authorize_redirect(redirect_uri)
        except FAILURES as error:
            raise LoginFailed(f"{type(error).__name__}: {error}") from error

    def finish(self, query: dict[str, str]) -> dict[str, Any]:
        """The verified ID token's claims, from the callback's query string;
        LoginFailed for anything that does not hold."""
        config = current_app.config
        try:
            issuer = self.metadata()["issuer"]
            # RFC 9207: a provider that names itself in the answer must be ours.
            if "iss" in query and query["iss"] != issuer:
                raise LoginFailed(f"authorisation response from issuer {query['iss']!r}")
            token = self.client.authorize_access_token(
                claims_options={
                    "iss": {"essential": True, "value": issuer},
                    "aud": {"essential": True, "value": config["OIDC_CLIENT_ID"]},
                    "nonce": {"essential": True},
                },
                leeway=config["OIDC_CLOCK_SKEW_SECONDS"],
            )
        except FAILURES as error:
            raise LoginFailed(f"{type(error).__name__}: {error}") from error
        claims = token.get("userinfo")
        if not claims or not claims.get("sub"):
            raise LoginFailed("no verified ID token in the token response")
        return dict(claims)

    def logout_url(self, post_logout_redirect_uri: str) -> str | None:
        """The provider's end-session address for this browser's login, when the
        provider offers RP-initiated logout and the user came in through it. The
        client id names us instead of an id_token_hint (OpenID Connect
        RP-Initiated Logout 1.0, section 2), so the ID token is not kept."""
        if not session.get(SSO_SESSION_KEY):
            return None
        try:
            if not self.metadata().get("end_session_endpoint"):
                return None
            result = self.client.create_logout_url(
                post_logout_redirect_uri=post_logout_redirect_uri,
                client_id=current_app.config["OIDC_CLIENT_ID"],
            )
        except (*FAILURES, LoginFailed) as error:
            current_app.logger.warning("No logout at the provider: %s", error)
            return None
        return result["url"]
