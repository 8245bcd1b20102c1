"""Sign-in with the region's identity provider: the start and the callback.
The rules of who gets in are in external.py, the token checks in oidc.py."""

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from toolbox.audit.service import record
from toolbox.auth import external, oidc, service
from toolbox.auth.pages import empty_session, start_session, throttle_rules
from toolbox.extensions import db
from toolbox.web.security import public

# A refused sign-in is counted like a failed password, per address.
SSO_ACCOUNT = "sso:{}"


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
    try:
        return oidc.start(url_for("auth.sso_callback", _external=True))
    except oidc.FAILURES + (oidc.LoginFailed,) as error:
        current_app.logger.error("The identity provider cannot be reached: %s", error)
        return render_template("auth/sso_refused.html", reason="unavailable"), 503


@public
def sso_callback() -> ResponseReturnValue:
    if not oidc.configured(current_app):
        abort(404)
    address = request.remote_addr or ""
    account = SSO_ACCOUNT.format(address)
    rules = throttle_rules()
    if service.is_throttled(account, address, rules):
        record("login_throttled", target=account)
        db.session.commit()
        return refused_page("throttled", 429)
    try:
        claims, id_token = oidc.finish(request.args.to_dict())
    except oidc.LoginFailed as failed:
        current_app.logger.warning("Single sign-on refused: %s", failed)
        service.record_failure(account, address, rules)
        record("login_sso_failed", target=account, detail=str(failed)[:500])
        db.session.commit()
        return refused_page("failed", 400)
    outcome = external.sign_in(claims, claim_rules())
    if outcome.user is None:
        db.session.commit()
        return refused_page(outcome.refused, 403)
    service.clear_failures(account)
    db.session.commit()
    start_session(outcome.user, remember=False)
    session[oidc.ID_TOKEN_KEY] = id_token
    return redirect(url_for("home.index"))
