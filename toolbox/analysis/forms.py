"""Goals and actions."""

from wtforms import (
    DateField,
    EmailField,
    FloatField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from toolbox.analysis.models import ACTION_STATUSES
from toolbox.web.fields import DataSelectField, within
from toolbox.web.forms import PortalForm
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l


class GoalForm(PortalForm):
    metric = SelectField(_l("Mått"), validators=[DataRequired(_l("Välj ett mått."))])
    focus = SelectField(
        _l("Område eller princip"),
        description=_l("Bara för mått som gäller ett område eller en princip."),
        validators=[Optional()],
    )
    unit_id = DataSelectField(_l("Gäller"), coerce=int)
    target = FloatField(
        _l("Målvärde (0–100)"),
        validators=within(
            0,
            100,
            missing=_l("Ange ett målvärde."),
            outside=_l("Ange ett värde mellan 0 och 100."),
        ),
    )
    period_key = SelectField(
        _l("Period"),
        description=_l("Ett kvartal, halvår eller år. Utfallet visas när halvåret är slut."),
        validators=[DataRequired(_l("Välj en period."))],
        validate_choice=False,  # validate_period_key says what is wrong
    )
    note = TextAreaField(_l("Kommentar"), validators=[Length(max=2000)], render_kw={"rows": 3})
    version = HiddenField()
    submit = SubmitField(_l("Spara målet"))

    def validate_period_key(self, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(
                _("Välj ett kvartal, halvår eller år i listan: mål gäller hela perioder.")
            )


class ActionForm(PortalForm):
    title = StringField(
        _l("Åtgärd"), validators=[DataRequired(_l("Beskriv åtgärden kort.")), Length(max=200)]
    )
    description = TextAreaField(
        _l("Beskrivning"), validators=[Length(max=4000)], render_kw={"rows": 4}
    )
    # A goal is named by its measure and its unit, as written: data.
    goal_id = DataSelectField(_l("Kopplat till mål"), coerce=int)
    gap = StringField(
        _l("Gap som åtgärden ska minska"),
        validators=[Length(max=300)],
        description=_l("Till exempel: Erbjudandegap Kultur × Öppenhet."),
    )
    activity_id = DataSelectField(
        _l("Aktivitet i programplanen"), coerce=int, validators=[Optional()]
    )
    owner = StringField(
        _l("Ansvarig"),
        validators=[DataRequired(_l("Ange vem som är ansvarig.")), Length(max=200)],
    )
    owner_email = EmailField(
        _l("Ansvarigs e-postadress (valfri)"),
        description=_l(
            "Den ansvariga får ett mejl om åtgärden när du sparar, och en påminnelse "
            "en vecka innan den ska vara klar."
        ),
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.se.")),
        ],
    )
    due_on = DateField(_l("Klart senast"), validators=[DataRequired(_l("Ange ett datum."))])
    status = SelectField(
        _l("Status"), choices=[SelectChoice(k, v) for k, v in ACTION_STATUSES.items()]
    )
    version = HiddenField()
    submit = SubmitField(_l("Spara åtgärden"))
