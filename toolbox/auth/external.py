"""Who gets in with a login at the region's identity provider, and with what:
the rules of single sign-on as plain functions of the verified ID token's
claims (the checks of the token itself are in oidc.py)."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from toolbox.audit.service import record
from toolbox.auth.models import User
from toolbox.auth.service import end_all_sessions, normalise_email
from toolbox.clock import utcnow
from toolbox.extensions import db
from toolbox.org.models import OrgUnit

# Why a verified login still gets no session (the audit log's detail).
NO_ACCESS = "no_access"  # no mapped group, no unit: the no-access page
DEACTIVATED = "deactivated"
UNVERIFIED_EMAIL = "unverified_email"  # an e-mail the provider does not vouch for
SUBJECT_TAKEN = "subject_taken"  # the e-mail's account is linked to another subject
NO_EMAIL = "no_email"
NO_SUBJECT = "no_subject"  # the configured subject claim is missing


@dataclass(frozen=True)
class ClaimRules:
    """The settings that turn claims into a user (OIDC_* in config.py)."""

    # The claim naming the person for good: `sub`, unless the provider's
    # `sub` is transient (Inera's is; its employeeHsaId is not).
    subject_claim: str = "sub"
    groups_claim: str = "groups"
    role_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unit_claim: str = ""
    create_users: bool = False
    # The provider's `email` claim counts as verified without `email_verified`
    # (OIDC_TRUST_EMAIL: the region's directory mail, by the region's decision).
    trust_email: bool = False


@dataclass(frozen=True)
class ExternalOutcome:
    """The user to sign in, or why not."""

    user: User | None = None
    refused: str = ""


def groups_of(claims: dict[str, Any], rules: ClaimRules) -> set[str]:
    value = claims.get(rules.groups_claim) or ()
    if isinstance(value, str):
        value = [value]
    return {str(group) for group in value}


def unit_of(claims: dict[str, Any], rules: ClaimRules) -> OrgUnit | None:
    """The unit whose code the unit claim holds, when it is one of ours."""
    code = claims.get(rules.unit_claim) if rules.unit_claim else None
    if not isinstance(code, str) or not code.strip():
        return None
    return db.session.scalar(select(OrgUnit).where(OrgUnit.code == code.strip()))


def roles_from(
    claims: dict[str, Any], rules: ClaimRules, unit: OrgUnit | None, user: User | None
) -> set[str]:
    """Roles from the mapped groups; chef also when the unit claim names a unit
    whose manager our org data (import-org, admin) already says this user is.
    A unit claim says where someone works, not what they lead."""
    groups = groups_of(claims, rules)
    roles = {role for role, wanted in rules.role_groups.items() if groups & set(wanted)}
    if unit is not None and user is not None and unit.manager_id == user.id:
        roles.add("chef")
    return roles


def subject_of(claims: dict[str, Any], rules: ClaimRules) -> str:
    return str(claims.get(rules.subject_claim) or "")


def email_trusted(claims: dict[str, Any], rules: ClaimRules) -> bool:
    """Whether the e-mail claim may name an account: verified by the provider,
    or the provider's e-mail claim trusted by setting."""
    return rules.trust_email or claims.get("email_verified") is True


def find_user(claims: dict[str, Any], subject: str, rules: ClaimRules) -> tuple[User | None, str]:
    """The account for this subject: by subject, else by a trusted e-mail the
    first time; else None, or a reason to refuse."""
    user = db.session.scalar(select(User).where(User.external_subject == subject))
    if user is not None:
        return user, ""
    email = normalise_email(str(claims.get("email") or ""))
    if not email:
        return None, ""
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        return None, ""
    if not email_trusted(claims, rules):
        return None, UNVERIFIED_EMAIL
    if user.external_subject is not None:
        return None, SUBJECT_TAKEN
    return user, ""  # linked in sign_in, when the sign-in succeeds


def sign_in(claims: dict[str, Any], rules: ClaimRules) -> ExternalOutcome:
    """Match, create or refuse the person the provider vouches for, apply the
    roles and unit from the claims and write the audit log. The caller commits."""
    subject = subject_of(claims, rules)
    user, refused = find_user(claims, subject, rules) if subject else (None, NO_SUBJECT)
    unit = unit_of(claims, rules)
    roles = roles_from(claims, rules, unit, user)
    refused = refused or why_not(user, roles, claims, rules)
    if refused == NO_ACCESS and user is not None:
        withdraw(user)
    if refused:
        return refuse(refused, subject, user)
    if user is None:
        user = create_user(claims, subject)
    if user.external_subject is None:
        user.external_subject = subject  # matched by e-mail: from now on by subject
    apply_claims(user, roles, unit)
    user.last_login_at = utcnow()
    record("login_sso", actor_id=user.id, target=user.email, detail=f"sub={subject}")
    return ExternalOutcome(user=user)


def why_not(user: User | None, roles: set[str], claims: dict[str, Any], rules: ClaimRules) -> str:
    """Why a matched (or unknown) person gets no session, or ""."""
    if user is not None and not user.active:
        return DEACTIVATED
    if not roles or (user is None and not rules.create_users):
        return NO_ACCESS
    if user is None and not claims.get("email"):
        return NO_EMAIL
    if user is None and not email_trusted(claims, rules):
        # An unverified address would let a provider account shadow the person
        # it names: import-org and create-user find accounts by e-mail.
        return UNVERIFIED_EMAIL
    return ""


def create_user(claims: dict[str, Any], subject: str) -> User:
    """A new account for a free, trusted e-mail (a taken one was matched or
    refused in find_user, an untrusted one in why_not)."""
    email = normalise_email(str(claims["email"]))
    user = User(email=email, name=str(claims.get("name") or email)[:200], external_subject=subject)
    db.session.add(user)
    db.session.flush()
    record("user_created", actor_id=user.id, target=email, detail="vid första inloggningen (SSO)")
    return user


def apply_claims(user: User, roles: set[str], unit: OrgUnit | None) -> None:
    """The roles and unit the claims give; a change is in the audit log."""
    if user.roles != roles:
        before = ", ".join(sorted(user.roles)) or "-"
        user.set_roles(roles)
        record(
            "roles_from_claims",
            actor_id=user.id,
            target=user.email,
            detail=f"{before} → {', '.join(sorted(roles)) or '-'}",
        )
    if unit is not None:
        user.unit = unit  # where they work; who leads a unit is never taken from claims


def withdraw(user: User) -> None:
    """A known person whose mapped groups are all gone: the roles the claims
    gave are cleared (audited) and every open session of theirs ends."""
    apply_claims(user, set(), None)
    end_all_sessions(user)


def refuse(reason: str, subject: str, user: User | None) -> ExternalOutcome:
    record(
        "login_sso_refused",
        actor_id=user.id if user is not None else None,
        target=user.email if user is not None else f"sub={subject}",
        detail=reason,
    )
    return ExternalOutcome(refused=reason)
