"""Forms of the programme plan and the report's introduction. A text area
for people's own words is marked lang="sv": it shows their text as written,
whatever the page's language."""

from wtforms import DateField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from toolbox.programme.models import STATUS_LABELS, TEXT_MAX, TITLE_MAX
from toolbox.submissions.service import SingleSubmitForm
from toolbox.web.forms import PortalForm
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

INVALID_DATE = _l("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-25.")


def date_field(label: str) -> DateField:
    return DateField(
        label,
        description=_l("ÅÅÅÅ-MM-DD"),
        invalid_value_message=INVALID_DATE,
        validators=[Optional()],
    )


class ActivityForm(SingleSubmitForm):
    title = StringField(
        _l("Aktivitet"),
        validators=[DataRequired(_l("Skriv vad aktiviteten heter.")), Length(max=TITLE_MAX)],
    )
    track = SelectField(_l("Del av programmet"), validators=[InputRequired(_l("Välj en del."))])
    owner = StringField(
        _l("Ansvarig"),
        description=_l("En roll eller en funktion, till exempel HR-direktör."),
        validators=[DataRequired(_l("Skriv vem som är ansvarig.")), Length(max=200)],
    )
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(key, label) for key, label in STATUS_LABELS.items()],
        validators=[InputRequired(_l("Välj en status."))],
    )
    starts_on = date_field(_l("Startdatum (valfritt)"))
    ends_on = date_field(_l("Slutdatum (valfritt)"))
    outcome = TextAreaField(
        _l("Kort utfall"),
        description=_l("Vad aktiviteten har lett till. Visas i återrapporteringen."),
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 4, "lang": "sv"},
    )
    version = HiddenField()

    def set_tracks(self, tracks: tuple[tuple[str, str], ...]) -> None:
        self.track.choices = [SelectChoice(key, name) for key, name in tracks]

    def validate_ends_on(self, field) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_("Slutdatum kan inte vara före startdatum."))


class IntroForm(PortalForm):
    summary = TextAreaField(
        _l("Sammanfattning"),
        description=_l("Inledningen till rapporten. Lämna en tom rad mellan styckena."),
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 10, "lang": "sv"},
    )
    version = HiddenField()
