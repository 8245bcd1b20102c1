"""Login, logout and passwords."""

from datetime import timedelta

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from toolbox.audit.service import record
from toolbox.auth import oidc, service
from toolbox.auth.forms import ChangePasswordForm, ForgotPasswordForm, LoginForm, SetPasswordForm
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.web import mailing
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l
from toolbox.web.security import form_page, form_status, public, safe_next, signed_in


def throttle_rules() -> service.ThrottleRules:
    config = current_app.config
    return service.ThrottleRules(
        per_account=config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
        per_address=config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
        window=timedelta(seconds=config["LOGIN_THROTTLE_WINDOW_SECONDS"]),
    )


THROTTLED = _l(
    "För många misslyckade inloggningar. Av säkerhetsskäl är inloggningen "
    "spärrad en stund. Vänta 15 minuter och försök igen, eller begär ett nytt "
    "lösenord."
)

# A message, not a password; translated when the page is rendered:
PASSWORD_OFF = _l("Inloggning med lösenord är avstängd. Använd regionens inloggning.")


@public
@form_page
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        return login_page(form), form_status(form)
    outcome = service.log_in(
        form.email.data,
        form.password.data,
        request.remote_addr or "",
        throttle_rules(),
        passwords_on=current_app.config["PASSWORD_LOGIN"],
    )
    db.session.commit()
    if outcome.throttled:
        return login_page(form, throttled=THROTTLED), 429
    if outcome.user is None:
        # With passwords off, the same answer for every account and password.
        passwords_on = current_app.config["PASSWORD_LOGIN"]
        form.password.errors.append(
            _("Fel e-postadress eller lösenord.") if passwords_on else PASSWORD_OFF
        )
        return login_page(form), 422
    start_session(outcome.user, remember=form.remember.data)
    return redirect(safe_next(request.args.get("next"), url_for("home.index")))


def login_page(form: LoginForm, **values) -> str:
    """The login page: the region's login first when single sign-on is set up."""
    return render_template(
        "auth/login.html",
        form=form,
        sso=oidc.configured(current_app),
        passwords_on=current_app.config["PASSWORD_LOGIN"],
        **values,
    )


def empty_session() -> None:
    """Nothing of the visitor's session is kept but the language."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def start_session(user: User, remember: bool) -> None:
    """A fresh session for the signed-in user; only the language is kept."""
    empty_session()
    session.permanent = True
    login_user(user, remember=remember)


@signed_in
def logout() -> ResponseReturnValue:
    user = current_user._get_current_object()
    service.end_all_sessions(user)
    record("logout", actor_id=user.id, target=user.email)
    db.session.commit()
    at_provider = None
    if oidc.configured(current_app):
        at_provider = oidc.logout_url(url_for("auth.login", _external=True))
    logout_user()
    empty_session()  # the language chosen stays
    flash(_("Du är utloggad."), "success")
    # Also out at the provider (RP-initiated logout), which sends the browser back to /login.
    return redirect(at_provider or url_for("auth.login"))


@signed_in
@form_page
def change_password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if service.authenticate(user.email, form.current_password.data) is None:
            form.current_password.errors.append(_("Det nuvarande lösenordet stämmer inte."))
        elif apply_new_password(form, user):
            record("password_changed", actor_id=user.id, target=user.email)
            db.session.commit()
            # The rotation ended every session; this one continues with the new token.
            login_user(user)
            flash(_("Ditt lösenord är bytt. Du är utloggad på alla andra enheter."), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/change_password.html", form=form), form_status(form)


def apply_new_password(form: SetPasswordForm, user) -> bool:
    """Set the password if it follows the rules; otherwise note why on the form."""
    config = current_app.config
    try:
        service.check_password_rules(
            form.new_password.data,
            config["PASSWORD_MIN_LENGTH"],
            config["PASSWORD_MAX_LENGTH"],
            (user.email, user.name),
        )
    except service.PasswordRejected as rejected:
        form.new_password.errors.append(str(rejected))
        return False
    service.set_password(user, form.new_password.data)
    return True


@public
@form_page
def forgot_password() -> ResponseReturnValue:
    form = ForgotPasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/forgot.html", form=form), form_status(form)
    user = service.find_by_email(form.email.data)
    if user is not None and user.active:
        send_password_link(user, invitation=False)
        record("password_reset_requested", actor_id=user.id, target=user.email)
        db.session.commit()
    flash(
        _(
            "Om adressen finns hos oss har vi skickat en länk för att välja nytt lösenord. "
            "Länken gäller i 72 timmar och kan användas en gång."
        ),
        "success",
    )
    return redirect(url_for("auth.login"))


def send_password_link(user, invitation: bool) -> None:
    token = service.make_password_link_token(user, current_app.config["SECRET_KEY"])
    link = url_for("auth.set_password", token=token, _external=True)
    hours = current_app.config["SET_PASSWORD_LINK_HOURS"]
    if invitation:
        mailing.send(
            user.email,
            _("Välkommen till Verktygslådan"),
            "invitation",
            user=user,
            link=link,
            hours=hours,
        )
    else:
        mailing.send(
            user.email,
            _("Nytt lösenord till Verktygslådan"),
            "reset_password",
            user=user,
            link=link,
            hours=hours,
        )


@public
@form_page
def set_password(token: str) -> ResponseReturnValue:
    config = current_app.config
    user = service.user_for_password_link(
        token, config["SECRET_KEY"], config["SET_PASSWORD_LINK_HOURS"]
    )
    if user is None:
        return render_template("auth/link_invalid.html"), 400
    form = SetPasswordForm()
    if form.validate_on_submit() and apply_new_password(form, user):
        record("password_set", actor_id=user.id, target=user.email)
        db.session.commit()
        logout_user()
        flash(_("Ditt lösenord är sparat. Logga in med det."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, user=user), form_status(form)
