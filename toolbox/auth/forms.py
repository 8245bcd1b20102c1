"""Login and password forms."""

from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from toolbox.web.forms import PortalForm

REQUIRED = "Fyll i {}."


class LoginForm(PortalForm):
    email = EmailField(
        "E-postadress",
        validators=[DataRequired(REQUIRED.format("din e-postadress")), Length(max=254)],
    )
    password = PasswordField(
        "Lösenord", validators=[DataRequired(REQUIRED.format("ditt lösenord")), Length(max=1024)]
    )
    remember = BooleanField("Håll mig inloggad på den här datorn")
    submit = SubmitField("Logga in")


class ForgotPasswordForm(PortalForm):
    email = EmailField(
        "E-postadress",
        validators=[
            DataRequired(REQUIRED.format("din e-postadress")),
            Email("Skriv en giltig e-postadress, till exempel namn@example.se."),
            Length(max=254),
        ],
    )
    submit = SubmitField("Skicka länk")


class SetPasswordForm(PortalForm):
    new_password = PasswordField(
        "Nytt lösenord",
        description="Minst 12 tecken. En fras med flera ord är lätt att minnas och svår att gissa.",
        validators=[DataRequired(REQUIRED.format("ett nytt lösenord"))],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Upprepa det nya lösenordet",
        validators=[
            DataRequired(REQUIRED.format("lösenordet en gång till")),
            EqualTo("new_password", "Lösenorden är inte likadana."),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField("Spara lösenord")


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField(
        "Nuvarande lösenord",
        validators=[DataRequired(REQUIRED.format("ditt nuvarande lösenord"))],
        render_kw={"autocomplete": "current-password"},
    )
