"""Forms of the programme plan and the report's introduction."""

from wtforms import DateField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from toolbox.programme.models import STATUS_LABELS, TEXT_MAX, TITLE_MAX
from toolbox.submissions.service import SingleSubmitForm
from toolbox.web.forms import PortalForm

INVALID_DATE = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-25."


def date_field(label: str) -> DateField:
    return DateField(
        label, description="ÅÅÅÅ-MM-DD", invalid_value_message=INVALID_DATE, validators=[Optional()]
    )


class ActivityForm(SingleSubmitForm):
    title = StringField(
        "Aktivitet",
        validators=[DataRequired("Skriv vad aktiviteten heter."), Length(max=TITLE_MAX)],
    )
    track = SelectField("Del av programmet", validators=[InputRequired("Välj en del.")])
    owner = StringField(
        "Ansvarig",
        description="En roll eller en funktion, till exempel HR-direktör.",
        validators=[DataRequired("Skriv vem som är ansvarig."), Length(max=200)],
    )
    status = SelectField(
        "Status",
        choices=[SelectChoice(key, label) for key, label in STATUS_LABELS.items()],
        validators=[InputRequired("Välj en status.")],
    )
    starts_on = date_field("Startdatum (valfritt)")
    ends_on = date_field("Slutdatum (valfritt)")
    outcome = TextAreaField(
        "Kort utfall",
        description="Vad aktiviteten har lett till. Visas i återrapporteringen.",
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 4},
    )
    version = HiddenField()

    def set_tracks(self, tracks: tuple[tuple[str, str], ...]) -> None:
        self.track.choices = [SelectChoice(key, name) for key, name in tracks]

    def validate_ends_on(self, field) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError("Slutdatum kan inte vara före startdatum.")


class IntroForm(PortalForm):
    summary = TextAreaField(
        "Sammanfattning",
        description="Inledningen till rapporten. Lämna en tom rad mellan styckena.",
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 10},
    )
    version = HiddenField()
