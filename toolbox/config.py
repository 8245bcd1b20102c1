"""Configuration as data: defaults here, overlays from the instance folder,
TOOLBOX_* / well-known environment variables and a test dict."""

import json
import os
import secrets
from pathlib import Path
from typing import Any

from toolbox.roles import ROLES

DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_DATABASE_URI": None,  # filled in: SQLite in the instance folder
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    "SECRET_KEY": None,
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_SECURE": False,
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
    # A signed-in session's cookie is signed again for activity at most this
    # often (0: on every response), so the 8 hours without a request after
    # which it ends can be up to this much shorter. Saves signing and sending
    # the cookie on nearly every response.
    "SESSION_REFRESH_SECONDS": 300,
    "WTF_CSRF_TIME_LIMIT": 3600,
    "BABEL_DEFAULT_LOCALE": "sv",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
    "LANGUAGES": ("sv", "en"),
    "MAIL_SERVER": None,  # None: mail goes to the log and instance/outbox
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_DEFAULT_SENDER": "Verktygslådan <noreply@example.se>",
    "MAIL_OUTBOX": True,
    "PUBLIC_BASE_URL": None,  # used in mails sent from the CLI
    # Login throttling (PRODUCT.md section 6), counted in the database.
    "LOGIN_MAX_FAILURES_PER_ACCOUNT": 10,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 50,
    "LOGIN_THROTTLE_WINDOW_SECONDS": 15 * 60,
    "PASSWORD_MIN_LENGTH": 12,
    "PASSWORD_MAX_LENGTH": 128,
    "SET_PASSWORD_LINK_HOURS": 72,
    # Privacy thresholds (PRODUCT.md section 5); never configurable below 3.
    "FEEDBACK_MIN_GROUP": 3,
    "FEEDBACK_MIN_TEXT": 5,
    "AGGREGATE_MIN_GROUP": 5,
    # Retention (PRODUCT.md section 5), in days; applied by `flask apply-retention`.
    # Reflection drafts untouched this long are deleted with their answers.
    "REFLECTION_DRAFT_RETENTION_DAYS": 180,
    # The audit log: two years, long enough to follow up an incident.
    "AUDIT_RETENTION_DAYS": 730,
    # Failed logins and failed feedback codes (an address and a time): only
    # throttling needs them, for minutes; a month helps to trace an attack.
    "LOGIN_FAILURE_RETENTION_DAYS": 30,
    # Used single-use form tokens: a form is stale after an hour anyway (CSRF).
    "USED_SUBMISSION_RETENTION_DAYS": 7,
    # Leadership-team dialogues, counted from the close: two years, as the
    # audit log (a published step of the pooled figure goes as a whole).
    "TEAM_DIALOGUE_RETENTION_DAYS": 730,
    # Span of control: staff per first-line manager considered reasonable.
    "NORMTAL_MIN": 10,
    "NORMTAL_MAX": 30,
    # Where managers reach HR for support (shown with recommendations); empty: no address.
    "HR_CONTACT_EMAIL": "",
    "CONTENT_DIR": None,  # filled in: content/ beside the package
    "PRODUCTION": False,
    # Shared results (dashboard figures, search hits) kept per worker process
    # until their tables change (toolbox/db/cache.py): at most this many per cached
    # function, and this long at most (a safety net for changes made outside the portal).
    "CACHE_ENTRIES": 300,
    "CACHE_SECONDS": 300,
    # The costly ones kept for every worker too (the dashboards' published
    # tables, kept_results): this long at most while their tables are unchanged.
    # A change made by hand outside the portal: `flask data-changed`.
    "KEPT_SECONDS": 86400,
    # Proxies in front that set X-Forwarded-For/-Proto (0: none, trust nothing).
    "TRUSTED_PROXIES": 0,
    # Single sign-on with the region's OpenID provider (issue 19; README). Off
    # while OIDC_ISSUER is empty. Set as TOOLBOX_OIDC_* in the environment.
    "OIDC_ISSUER": "",
    "OIDC_CLIENT_ID": "",
    "OIDC_CLIENT_SECRET": "",
    "OIDC_SCOPES": "openid email profile",
    # The claim that names a person for good (`sub`; Inera: employeeHsaId, README).
    "OIDC_SUBJECT_CLAIM": "sub",
    "OIDC_GROUPS_CLAIM": "groups",
    # Role → the group values that give it, e.g. {"hr": ["GRP-Verktygslada-HR"]}.
    "OIDC_ROLE_GROUPS": {},
    # The claim holding the code of the unit the person works at ("" : none).
    "OIDC_UNIT_CLAIM": "",
    "OIDC_CREATE_USERS": False,
    # Trust the provider's e-mail claim without `email_verified` (Entra, Inera:
    # the region's directory mail, by the region's decision). Off: only a
    # verified e-mail creates an account or links an existing one.
    "OIDC_TRUST_EMAIL": False,
    # Seconds of clock difference allowed between the provider and the portal.
    "OIDC_CLOCK_SKEW_SECONDS": 60,
    # Whom a signed-in person without access should contact (shown on the page);
    # empty: HR_CONTACT_EMAIL, else the portal's administrators.
    "OIDC_ACCESS_CONTACT": "",
    # Local passwords; when off, only accounts created with --break-glass use them.
    "PASSWORD_LOGIN": True,
    # Four eyes on the catalog: a catalog item is approved by someone other
    # than the person who sent it to review (TOOLBOX_CATALOG_SEPARATE_APPROVER=0: off).
    "CATALOG_SEPARATE_APPROVER": True,
    # An action's owner (with an e-mail address) is reminded this many days
    # before the action is due (`flask send-reminders`).
    "ACTION_REMINDER_DAYS": 7,
}

# Environment variables read at create_app time (never at import).
ENVIRONMENT = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "MAIL_SERVER": "MAIL_SERVER",
    "MAIL_PORT": "MAIL_PORT",
    "MAIL_USERNAME": "MAIL_USERNAME",
    "MAIL_PASSWORD": "MAIL_PASSWORD",
    "MAIL_DEFAULT_SENDER": "MAIL_DEFAULT_SENDER",
    "PUBLIC_BASE_URL": "PUBLIC_BASE_URL",
}
PRIVACY_FLOORS = {"FEEDBACK_MIN_GROUP": 3, "FEEDBACK_MIN_TEXT": 3, "AGGREGATE_MIN_GROUP": 3}
RETENTION_SETTINGS = (
    "REFLECTION_DRAFT_RETENTION_DAYS",
    "AUDIT_RETENTION_DAYS",
    "LOGIN_FAILURE_RETENTION_DAYS",
    "USED_SUBMISSION_RETENTION_DAYS",
    "TEAM_DIALOGUE_RETENTION_DAYS",
)
INT_SETTINGS = {
    "MAIL_PORT",
    "TRUSTED_PROXIES",
    "CACHE_ENTRIES",
    "CACHE_SECONDS",
    "KEPT_SECONDS",
    "SESSION_REFRESH_SECONDS",
    "OIDC_CLOCK_SKEW_SECONDS",
    "ACTION_REMINDER_DAYS",
    *PRIVACY_FLOORS,
    *RETENTION_SETTINGS,
}


BOOL_SETTINGS = (
    "OIDC_CREATE_USERS",
    "OIDC_TRUST_EMAIL",
    "PASSWORD_LOGIN",
    "CATALOG_SEPARATE_APPROVER",
)
TRUE_WORDS = ("1", "true", "yes", "on", "ja")
FALSE_WORDS = ("0", "false", "no", "off", "nej")


class ConfigError(RuntimeError):
    """The configuration is not safe or not complete."""


def environment_overrides(environ: dict[str, str]) -> dict[str, Any]:
    """Settings from well-known variables and from TOOLBOX_<NAME>."""
    found: dict[str, Any] = {}
    for variable, key in ENVIRONMENT.items():
        if environ.get(variable):
            found[key] = environ[variable]
    for variable, value in environ.items():
        if variable.startswith("TOOLBOX_"):
            found[variable.removeprefix("TOOLBOX_")] = value
    if environ.get("TOOLBOX_ENV", "").lower() == "production":
        found["PRODUCTION"] = True
    for key in INT_SETTINGS & found.keys():
        found[key] = int(found[key])
    return found


def finish(config: dict[str, Any], instance_path: Path, root_path: Path) -> None:
    """Fill in derived defaults and refuse unsafe settings."""
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance_path / 'verktygsladan.db'}"
    uri = config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgresql://") or uri.startswith("postgres://"):
        config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri.split("://", 1)[1]
    # A server connection can drop between requests (restart, failover): test
    # it on checkout. A SQLite file cannot, so the ping would be a wasted query.
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    if not config.get("CONTENT_DIR"):
        config["CONTENT_DIR"] = str(root_path.parent / "content")
    for key, floor in PRIVACY_FLOORS.items():
        if int(config[key]) < floor:
            raise ConfigError(f"{key} får inte vara lägre än {floor}.")
    for key in RETENTION_SETTINGS:
        if int(config[key]) < 1:
            raise ConfigError(f"{key} måste vara minst 1 (dagar).")
    production = config.get("PRODUCTION") in (True, "1", "true", "True")
    finish_sign_in(config, production)
    if production:
        config["PRODUCTION"] = True
        if not config.get("SECRET_KEY"):
            raise ConfigError("SECRET_KEY måste vara satt i produktion.")
        config["SESSION_COOKIE_SECURE"] = True
        config["REMEMBER_COOKIE_SECURE"] = True
    elif not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = local_secret_key(instance_path)


def local_secret_key(instance_path: Path) -> str:
    """A key generated once into the instance folder, for local use only."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        os.chmod(path, 0o600)
    return path.read_text().strip()


def finish_sign_in(config: dict[str, Any], production: bool = False) -> None:
    """The single sign-on and password settings as typed values; combinations
    that lock everyone out or weaken the sign-in stop the start."""
    for key in BOOL_SETTINGS:
        config[key] = as_bool(key, config[key])
    config["OIDC_ROLE_GROUPS"] = role_groups(config["OIDC_ROLE_GROUPS"])
    # Exact: the discovery document and the ID token must name the issuer as
    # configured, a trailing "/" included (oidc.py strips it only for discovery).
    config["OIDC_ISSUER"] = (config["OIDC_ISSUER"] or "").strip()
    issuer = config["OIDC_ISSUER"]
    if issuer and not config["OIDC_CLIENT_ID"]:
        raise ConfigError("OIDC_CLIENT_ID måste vara satt när OIDC_ISSUER är det.")
    if not config["PASSWORD_LOGIN"] and not issuer:
        raise ConfigError(
            "PASSWORD_LOGIN kan bara stängas av när OIDC_ISSUER är satt "
            "(annars kan ingen utom nödkonton logga in)."
        )
    if issuer and "openid" not in str(config["OIDC_SCOPES"]).split():
        raise ConfigError("OIDC_SCOPES måste innehålla openid (annars kommer ingen ID-token).")
    if issuer and production and not issuer.startswith("https://"):
        raise ConfigError("OIDC_ISSUER måste börja med https:// i produktion.")


def as_bool(key: str, value: Any) -> bool:
    """A setting's truth: a bool as it is, a string from the environment by
    its word; an unknown word stops the start rather than meaning off."""
    if not isinstance(value, str):
        return bool(value)
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(
        f"{key}: okänt värde {value!r} (på: {', '.join(TRUE_WORDS)}; av: {', '.join(FALSE_WORDS)})."
    )


def role_groups(value: Any) -> dict[str, tuple[str, ...]]:
    """OIDC_ROLE_GROUPS as role → group values; JSON text from the environment."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except json.JSONDecodeError as error:
            raise ConfigError(f"OIDC_ROLE_GROUPS är inte giltig JSON: {error}") from error
    if not isinstance(value, dict):
        raise ConfigError("OIDC_ROLE_GROUPS ska vara ett JSON-objekt: roll → lista av grupper.")
    mapping = {}
    for role, groups in value.items():
        if role not in ROLES:
            raise ConfigError(f"OIDC_ROLE_GROUPS: okänd roll {role!r} (finns: {', '.join(ROLES)}).")
        names = [groups] if isinstance(groups, str) else groups
        if not isinstance(names, list | tuple) or not all(isinstance(g, str) for g in names):
            raise ConfigError(f"OIDC_ROLE_GROUPS: {role} ska ha en lista av gruppnamn.")
        mapping[role] = tuple(names)
    return mapping
