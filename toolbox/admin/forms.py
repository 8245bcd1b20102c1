"""Forms for users, org units and imports."""

from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from toolbox.org.models import LEVEL_LABELS
from toolbox.roles import ROLE_LABELS
from toolbox.web.fields import CommaDecimalField
from toolbox.web.forms import PortalForm


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(PortalForm):
    name = StringField("Namn", validators=[DataRequired("Fyll i namnet."), Length(max=200)])
    email = EmailField(
        "E-postadress",
        validators=[
            DataRequired("Fyll i e-postadressen."),
            Email("Skriv en giltig e-postadress, till exempel namn@example.se."),
            Length(max=254),
        ],
    )
    roles = CheckboxesField(
        "Roller",
        choices=[SelectChoice(k, v) for k, v in ROLE_LABELS.items()],
        validators=[DataRequired("Välj minst en roll.")],
    )
    unit_id = SelectField("Enhet", coerce=int, validate_choice=True)
    active = BooleanField("Aktiv (kan logga in)", default=True)
    version = HiddenField()
    submit = SubmitField("Spara")


class UnitForm(PortalForm):
    code = StringField(
        "Kod",
        description="Versaler, siffror och bindestreck, t.ex. MED-AVD12.",
        validators=[
            DataRequired("Fyll i koden."),
            Length(max=40),
            Regexp(r"^[A-ZÅÄÖ0-9-]+$", message="Koden får bara ha versaler, siffror och -."),
        ],
    )
    name = StringField("Namn", validators=[DataRequired("Fyll i namnet."), Length(max=200)])
    level = SelectField("Nivå", choices=[SelectChoice(k, v) for k, v in LEVEL_LABELS.items()])
    parent_id = SelectField("Överordnad enhet", coerce=int)
    manager_id = SelectField("Chef", coerce=int)
    staff_count = IntegerField(
        "Antal medarbetare", validators=[Optional(), NumberRange(0, 5000, "Ange 0–5000.")]
    )
    manager_support = CommaDecimalField(
        "Chefsstöd (andel av heltid)",
        places=2,
        description="Till exempel 0,5 för en halvtid.",
        validators=[Optional(), NumberRange(0, 10, "Ange ett tal mellan 0 och 10.")],
    )
    version = HiddenField()
    submit = SubmitField("Spara")


class ImportForm(PortalForm):
    file = FileField(
        "CSV-fil",
        validators=[
            FileRequired("Välj en fil."),
            FileAllowed(["csv", "txt"], "Filen ska vara en CSV-fil."),
        ],
    )
    submit = SubmitField("Importera")


class ConfirmForm(PortalForm):
    """A bare form for buttons that change state (CSRF only)."""

    submit = SubmitField("Bekräfta")
