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
from toolbox.web.fields import CommaDecimalField, DataSelectField
from toolbox.web.forms import PortalForm
from toolbox.web.language import lazy_gettext as _l


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(PortalForm):
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i namnet.")), Length(max=200)])
    email = EmailField(
        _l("E-postadress"),
        validators=[
            DataRequired(_l("Fyll i e-postadressen.")),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.se.")),
            Length(max=254),
        ],
    )
    roles = CheckboxesField(
        _l("Roller"),
        choices=[SelectChoice(k, _l(v)) for k, v in ROLE_LABELS.items()],
        validators=[DataRequired(_l("Välj minst en roll."))],
    )
    unit_id = DataSelectField(_l("Enhet"), coerce=int, validate_choice=True)
    active = BooleanField(_l("Aktiv (kan logga in)"), default=True)
    version = HiddenField()
    submit = SubmitField(_l("Spara"))


class UnitForm(PortalForm):
    code = StringField(
        _l("Kod"),
        description=_l("Versaler, siffror och bindestreck, t.ex. MED-AVD12."),
        validators=[
            DataRequired(_l("Fyll i koden.")),
            Length(max=40),
            Regexp(r"^[A-ZÅÄÖ0-9-]+$", message=_l("Koden får bara ha versaler, siffror och -.")),
        ],
    )
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i namnet.")), Length(max=200)])
    level = SelectField(_l("Nivå"), choices=[SelectChoice(k, v) for k, v in LEVEL_LABELS.items()])
    parent_id = DataSelectField(_l("Överordnad enhet"), coerce=int)
    manager_id = DataSelectField(_l("Chef"), coerce=int)
    staff_count = IntegerField(
        _l("Antal medarbetare"), validators=[Optional(), NumberRange(0, 5000, _l("Ange 0–5000."))]
    )
    manager_support = CommaDecimalField(
        _l("Chefsstöd (andel av heltid)"),
        places=2,
        description=_l("Till exempel 0,5 för en halvtid."),
        validators=[Optional(), NumberRange(0, 10, _l("Ange ett tal mellan 0 och 10."))],
    )
    version = HiddenField()
    submit = SubmitField(_l("Spara"))


class ImportForm(PortalForm):
    file = FileField(
        _l("CSV-fil"),
        validators=[
            FileRequired(_l("Välj en fil.")),
            FileAllowed(["csv", "txt"], _l("Filen ska vara en CSV-fil.")),
        ],
    )
    submit = SubmitField(_l("Importera"))


class ConfirmForm(PortalForm):
    """A bare form for buttons that change state (CSRF only)."""

    submit = SubmitField(_l("Bekräfta"))
