"""Login and password forms."""

from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from toolbox.web.forms import PortalForm
from toolbox.web.language import lazy_gettext as _l


class LoginForm(PortalForm):
    email = EmailField(
        _l("E-postadress"),
        validators=[DataRequired(_l("Fyll i din e-postadress.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Lösenord"), validators=[DataRequired(_l("Fyll i ditt lösenord.")), Length(max=1024)]
    )
    remember = BooleanField(_l("Håll mig inloggad på den här datorn"))
    submit = SubmitField(_l("Logga in"))


class ForgotPasswordForm(PortalForm):
    email = EmailField(
        _l("E-postadress"),
        validators=[
            DataRequired(_l("Fyll i din e-postadress.")),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.se.")),
            Length(max=254),
        ],
    )
    submit = SubmitField(_l("Skicka länk"))


class SetPasswordForm(PortalForm):
    new_password = PasswordField(
        _l("Nytt lösenord"),
        description=_l(
            "Minst 12 tecken. En fras med flera ord är lätt att minnas och svår att gissa."
        ),
        validators=[DataRequired(_l("Fyll i ett nytt lösenord."))],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Upprepa det nya lösenordet"),
        validators=[
            DataRequired(_l("Fyll i lösenordet en gång till.")),
            EqualTo("new_password", _l("Lösenorden är inte likadana.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Spara lösenord"))


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField(
        _l("Nuvarande lösenord"),
        validators=[DataRequired(_l("Fyll i ditt nuvarande lösenord."))],
        render_kw={"autocomplete": "current-password"},
    )
