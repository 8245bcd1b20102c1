"""A small OpenID provider on 127.0.0.1 whose ID tokens a test can bend.

The certified provider of the browser test (node oidc-provider) never signs a
token for the wrong audience or with `alg: none`; the attacks of issue 19
need one that does. This one is honest where a real provider must be – codes
are single-use and bound to their PKCE challenge, and the client
authenticates – and signs whatever claims and header the test asks for.
Its discovery document also offers `none` and HS256, as a hostile or
careless provider might: the portal must not take its word for them."""

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

CLIENT_ID = "verktygsladan"
CLIENT_SECRET = "test-hemlighet"  # noqa: S105 - the test provider's client secret


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(header: dict, claims: dict) -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}."


def hmac_signed(header: dict, claims: dict, secret: bytes) -> str:
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


@dataclass
class Grant:
    """An issued authorisation code and what it was issued for."""

    subject: str
    claims: dict[str, Any]
    nonce: str
    challenge: str
    redirect_uri: str
    used: bool = False


@dataclass
class ForgingProvider:
    issuer: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "k1"}))
    grants: dict[str, Grant] = field(default_factory=dict)
    # (claims, header, provider) -> the ID token to send; None: sign honestly.
    forge: Callable[[dict, dict, "ForgingProvider"], str] | None = None
    end_session: bool = True
    # What discovery offers for ID tokens (a hostile or broken provider's word).
    algorithms: list[str] = field(default_factory=lambda: ["RS256", "HS256", "none"])

    def reset(self) -> None:
        self.grants.clear()
        self.forge = None
        self.end_session = True
        self.algorithms = ["RS256", "HS256", "none"]

    def rotate_key(self, kid: str) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": kid})

    def issue_code(self, params: dict[str, str], subject: str, **claims: Any) -> str:
        """What the login page would do for `subject`: a code for the request `params`."""
        assert params["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            subject=subject,
            claims=claims,
            nonce=params["nonce"],
            challenge=params["code_challenge"],
            redirect_uri=params["redirect_uri"],
        )
        return code

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant.subject,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.claims,
        }
        header = {"alg": "RS256", "kid": self.key.kid, "typ": "JWT"}
        if self.forge is not None:
            return self.forge(claims, header, self)
        return jwt.encode(header, claims, self.key)

    def sign(self, claims: dict, header: dict) -> str:
        return jwt.encode(header, claims, self.key)

    def discovery(self) -> dict[str, Any]:
        base = self.issuer.rstrip("/")  # an issuer may end in "/"
        document = {
            "issuer": self.issuer,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": self.algorithms,
            "code_challenge_methods_supported": ["S256"],
        }
        if self.end_session:
            document["end_session_endpoint"] = f"{base}/logout"
        return document

    def token(self, request: Request) -> Response:
        auth = request.authorization
        if auth is None or (auth.username, auth.password) != (CLIENT_ID, CLIENT_SECRET):
            return json_response({"error": "invalid_client"}, 401)
        grant = self.grants.get(request.form.get("code", ""))
        verifier = request.form.get("code_verifier", "")
        challenge = b64(hashlib.sha256(verifier.encode()).digest())
        if (
            grant is None
            or grant.used
            or grant.challenge != challenge
            or grant.redirect_uri != request.form.get("redirect_uri")
        ):
            if grant is not None:
                grant.used = True  # RFC 6749 4.1.2: a code tried twice is dead
            return json_response({"error": "invalid_grant"}, 400)
        grant.used = True
        return json_response(
            {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": self.id_token(grant),
            }
        )

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path == "/.well-known/openid-configuration":
            response = json_response(self.discovery())
        elif request.path == "/jwks":
            response = json_response({"keys": [self.key.as_dict(private=False)]})
        elif request.path == "/token" and request.method == "POST":
            response = self.token(request)
        else:
            response = Response("not found", 404)
        return response(environ, start_response)


def json_response(data: dict, status: int = 200) -> Response:
    return Response(json.dumps(data), status, content_type="application/json")


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


@contextmanager
def forging_provider() -> Iterator[ForgingProvider]:
    provider = ForgingProvider()
    server = make_server("127.0.0.1", 0, provider, threaded=True)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name="forging-provider")
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
