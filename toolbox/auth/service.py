"""Account rules: passwords, login throttling, sessions and set-password links."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from toolbox.audit.service import record
from toolbox.auth.models import LoginFailure, User, new_session_token
from toolbox.clock import utcnow
from toolbox.db.engine import hold_until_commit
from toolbox.extensions import db
from toolbox.web.language import gettext as _

# scrypt at N=2^15, r=8, p=3: OWASP's minimum for scrypt, which ASVS 5.0 cites.
PASSWORD_HASH_METHOD = "scrypt:32768:8:3"  # noqa: S105 - a method name, not a secret
# Computed once so that an unknown account costs as much time as a known one.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method=PASSWORD_HASH_METHOD)
LINK_SALT = "set-password"
STRONG_ENOUGH = 3  # zxcvbn's score 0–4: 3 is "safely unguessable" for online attacks


class PasswordRejected(ValueError):
    """The password breaks a rule; the message is for the user."""


@dataclass(frozen=True)
class ThrottleRules:
    per_account: int
    per_address: int
    window: timedelta


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password_rules(
    password: str, min_length: int, max_length: int, user_inputs: tuple[str, ...] = ()
) -> None:
    """Length limits and a refusal of common or guessable passwords."""
    if len(password) < min_length:
        raise PasswordRejected(_("Lösenordet måste ha minst %(num)s tecken.", num=min_length))
    if len(password) > max_length:
        raise PasswordRejected(_("Lösenordet får ha högst %(num)s tecken.", num=max_length))
    # Imported on first use: its word lists take 12 MB in every worker, and only
    # setting a password needs them.
    from zxcvbn import zxcvbn  # noqa: PLC0415

    inputs = [part for text in user_inputs for part in text.replace("@", " ").split() if part]
    if zxcvbn(password, user_inputs=inputs)["score"] < STRONG_ENOUGH:
        raise PasswordRejected(
            _(
                "Lösenordet är för vanligt eller lätt att gissa. "
                "Välj en längre fras med flera ord som inte hör ihop."
            )
        )


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_HASH_METHOD)


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str, break_glass_only: bool = False) -> User | None:
    """The active user with this email and password, or None – in equal time.
    With `break_glass_only` any other account is checked like an unknown one
    (against the dummy hash), so the answer tells nothing of its password."""
    user = find_by_email(email)
    if user is None or user.password_hash is None or (break_glass_only and not user.break_glass):
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def is_throttled(account: str, address: str, rules: ThrottleRules) -> bool:
    """True when the account or the address has too many recent failures.

    The account is held until the transaction ends, so that two workers
    cannot both pass the check with the last guess allowed."""
    hold_until_commit(db.session, f"login:{account}")
    since = utcnow() - rules.window
    recent = select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since)
    by_account = db.session.scalar(recent.where(LoginFailure.account == account))
    if by_account >= rules.per_account:
        return True
    return db.session.scalar(recent.where(LoginFailure.address == address)) >= rules.per_address


def record_failure(account: str, address: str, rules: ThrottleRules) -> None:
    db.session.add(LoginFailure(account=account, address=address))
    # Old rows are no longer counted; clear them as we go.
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < utcnow() - rules.window))


def clear_failures(account: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.account == account))


@dataclass(frozen=True)
class LoginOutcome:
    """What a login attempt came to: the user when it succeeded; otherwise
    whether the account or the address is throttled now."""

    user: User | None = None
    throttled: bool = False


def log_in(
    email: str, password: str, address: str, rules: ThrottleRules, passwords_on: bool = True
) -> LoginOutcome:
    """One login attempt from `address`: the throttle, the password check, the
    failure count and the audit log. With `passwords_on` false only a
    break-glass account gets in. The caller commits."""
    account = normalise_email(email)
    if is_throttled(account, address, rules):
        record("login_throttled", target=account)
        return LoginOutcome(throttled=True)
    # With passwords off only a break-glass account's password is checked;
    # any other fails like a wrong password, whether it was right or not
    # (otherwise the answer would tell an attacker the password was right).
    user = authenticate(account, password, break_glass_only=not passwords_on)
    if user is None:
        record_failure(account, address, rules)
        record("login_failed" if passwords_on else "login_password_off", target=account)
        return LoginOutcome(throttled=is_throttled(account, address, rules))
    clear_failures(account)
    user.last_login_at = utcnow()
    record("login", actor_id=user.id, target=user.email, detail=password_detail(user))
    return LoginOutcome(user=user)


def password_detail(user: User) -> str:
    return "nödåtkomst (break-glass)" if user.break_glass else ""


def end_all_sessions(user: User) -> None:
    """Every session and remember cookie of this user stops working."""
    user.session_token = new_session_token()


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_all_sessions(user)


@cache
def user_with_roles() -> Select:
    """Every request loads its user, with the roles in the same query. Built
    once (on first use: the mappers must be complete), the statement keeps its
    cache key: about 0.1 ms less than db.session.get with the same option,
    which builds and keys a new statement each time."""
    return select(User).options(joinedload(User.role_rows)).where(User.id == bindparam("user_id"))


def load_user(user_id: str) -> User | None:
    """The user a session belongs to, if its token is still current."""
    ident, _, token = user_id.partition(".")
    if not ident.isdigit() or not token:
        return None
    user = db.session.scalars(user_with_roles(), {"user_id": int(ident)}).unique().one_or_none()
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _fingerprint(user: User) -> str:
    # Changes once the password is set, which makes every link single-use.
    return hashlib.sha256((user.password_hash or "unset").encode()).hexdigest()[:16]


def make_password_link_token(user: User, secret_key: str) -> str:
    serializer = URLSafeTimedSerializer(secret_key, salt=LINK_SALT)
    return serializer.dumps({"u": user.id, "f": _fingerprint(user)})


def user_for_password_link(token: str, secret_key: str, max_age_hours: int) -> User | None:
    """The user a set-password link is for, unless it is forged, expired or used."""
    serializer = URLSafeTimedSerializer(secret_key, salt=LINK_SALT)
    try:
        data = serializer.loads(token, max_age=max_age_hours * 3600)
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.active or data.get("f") != _fingerprint(user):
        return None
    return user
