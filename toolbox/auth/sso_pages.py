"""Sign-in with the region's identity provider: the start and the callback.
The rules of who gets in are in external.py, the token checks in oidc.py."""

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.audit.service import record
from toolbox.auth import external, oidc
from toolbox.auth.pages import empty_session, start_session
from toolbox.extensions import db
from toolbox.web.security import public, safe_next

# Where the browser goes after the sign-in (the login page's `next`, checked).
NEXT_KEY = "sso_next"


def claim_rules() -> external.ClaimRules:
    config = current_app.config
    return external.ClaimRules(
        subject_claim=config["OIDC_SUBJECT_CLAIM"],
        groups_claim=config["OIDC_GROUPS_CLAIM"],
        role_groups=config["OIDC_ROLE_GROUPS"],
        unit_claim=config["OIDC_UNIT_CLAIM"],
        create_users=config["OIDC_CREATE_USERS"],
        trust_email=config["OIDC_TRUST_EMAIL"],
    )


def access_contact() -> str:
    config = current_app.config
    return (config["OIDC_ACCESS_CONTACT"] or config["HR_CONTACT_EMAIL"] or "").strip()


def refused_page(reason: str, status: int) -> ResponseReturnValue:
    """The page for a sign-in that gets no session; the session is emptied."""
    empty_session()
    return render_template("auth/sso_refused.html", reason=reason, contact=access_contact()), status


@public
def sso_start() -> ResponseReturnValue:
    if not oidc.configured(current_app):
        abort(404)
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    # Authlib keeps each attempt's state, nonce and PKCE verifier under
    # _state_<name>_<state>; abandoned attempts would pile up in the cookie
    # until it passed 4 KB. Only the newest attempt counts.
    for key in [key for key in session if key.startswith("_state_")]:
        session.pop(key)
    session[NEXT_KEY] = safe_next(request.args.get("next"), url_for("home.index"))
    try:
        return oidc.start(url_for("auth.sso_callback", _external=True))
    except oidc.LoginFailed as error:
        current_app.logger.error("The identity provider cannot be reached: %s", error)
        return render_template("auth/sso_refused.html", reason="unavailable"), 503


@public
def sso_callback() -> ResponseReturnValue:
    if not oidc.configured(current_app):
        abort(404)
    # Not throttled: nothing here can be guessed (state is this browser's, the
    # code single-use and bound to its PKCE verifier, the token signed), and
    # a count per address would lock out a whole region behind one NAT
    # address after a few cancelled logins or stale tabs.
    address = request.remote_addr or ""
    if request.args.get("error") == "access_denied":
        # The person chose to cancel at the provider (or it refused them there).
        record("login_sso_failed", target=f"sso:{address}", detail="access_denied (avbruten)")
        db.session.commit()
        return refused_page("cancelled", 400)
    try:
        claims = oidc.finish(request.args.to_dict())
    except oidc.LoginFailed as failed:
        current_app.logger.warning("Single sign-on refused: %s", failed)
        record("login_sso_failed", target=f"sso:{address}", detail=str(failed)[:500])
        db.session.commit()
        return refused_page("failed", 400)
    outcome = external.sign_in(claims, claim_rules())
    if outcome.user is None:
        db.session.commit()
        return refused_page(outcome.refused, 403)
    db.session.commit()
    target = safe_next(session.get(NEXT_KEY), url_for("home.index"))
    start_session(outcome.user, remember=False)
    session[oidc.SSO_SESSION_KEY] = True
    return redirect(target)
