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
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    Optional,
    ValidationError,
)

from toolbox.analysis.models import ACTION_STATUSES
from toolbox.web.fields import within
from toolbox.web.forms import PortalForm


class GoalForm(PortalForm):
    metric = SelectField("Mått", validators=[DataRequired("Välj ett mått.")])
    area = SelectField(
        "Område", description="Bara för mått som gäller ett område.", validators=[Optional()]
    )
    unit_id = SelectField("Gäller", coerce=int)
    target = FloatField(
        "Målvärde (0–100)",
        validators=within(
            0, 100, missing="Ange ett målvärde.", outside="Ange ett värde mellan 0 och 100."
        ),
    )
    period_key = SelectField(
        "Period",
        description="Ett kvartal, halvår eller år. Utfallet visas när halvåret är slut.",
        validators=[DataRequired("Välj en period.")],
        validate_choice=False,  # validate_period_key says what is wrong
    )
    note = TextAreaField("Kommentar", validators=[Length(max=2000)], render_kw={"rows": 3})
    version = HiddenField()
    submit = SubmitField("Spara målet")

    def validate_period_key(self, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(
                "Välj ett kvartal, halvår eller år i listan: mål gäller hela perioder."
            )


class ActionForm(PortalForm):
    title = StringField(
        "Åtgärd", validators=[DataRequired("Beskriv åtgärden kort."), Length(max=200)]
    )
    description = TextAreaField("Beskrivning", validators=[Length(max=4000)], render_kw={"rows": 4})
    goal_id = SelectField("Kopplat till mål", coerce=int)
    gap = StringField(
        "Gap som åtgärden ska minska",
        validators=[Length(max=300)],
        description="Till exempel: Erbjudandegap Kultur × Öppenhet.",
    )
    activity_id = SelectField("Aktivitet i programplanen", coerce=int, validators=[Optional()])
    owner = StringField(
        "Ansvarig", validators=[DataRequired("Ange vem som är ansvarig."), Length(max=200)]
    )
    owner_email = EmailField(
        "Ansvarigs e-postadress (valfri)",
        description=(
            "Den ansvariga får ett mejl om åtgärden när du sparar, och en påminnelse "
            "en vecka innan den ska vara klar."
        ),
        validators=[
            Optional(),
            Length(max=254),
            Email("Skriv en giltig e-postadress, till exempel namn@example.se."),
        ],
    )
    due_on = DateField("Klart senast", validators=[DataRequired("Ange ett datum.")])
    status = SelectField("Status", choices=[SelectChoice(k, v) for k, v in ACTION_STATUSES.items()])
    version = HiddenField()
    submit = SubmitField("Spara åtgärden")
