"""Forms of the task register: proposal and edit, endorsement, comment and
one form per workflow step. Every form is single-use (SingleSubmitForm)."""

from decimal import Decimal

from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    ValidationError,
)

from toolbox.submissions.service import SingleSubmitForm
from toolbox.tasks.content import MAX_HOURS, MAX_MANAGERS
from toolbox.tasks.models import ACTION_LABELS, FREQUENCY_LABELS
from toolbox.web.fields import CommaDecimalField, count_field, within

TEXT_MAX = 4000


def one_decimal(_form, field) -> None:
    if field.data is None or abs(field.data) > MAX_HOURS:  # out of range: NumberRange says so
        return
    if field.data != field.data.quantize(Decimal("0.1")):
        raise ValidationError("Ange timmar med högst en decimal, till exempel 2,5.")


def hours_field(label: str, description: str, minimum: str = "0.1") -> CommaDecimalField:
    return CommaDecimalField(
        label,
        description=description,
        places=1,
        validators=[
            *within(
                Decimal(minimum),
                MAX_HOURS,
                missing="Fyll i antal timmar.",
                outside=f"Ange {minimum.replace('.', ',')}–{MAX_HOURS}.",
            ),
            one_decimal,
        ],
    )


def managers_field() -> IntegerField:
    return count_field(
        "Antal chefer som berörs",
        "Räkna med dig själv. Chefer som anmäler att uppgiften berör dem "
        "räknas till, med sin egen uppskattning.",
        default=1,
        most=MAX_MANAGERS,
        missing="Fyll i hur många chefer som berörs.",
        outside=f"Ange 1–{MAX_MANAGERS} chefer.",
    )


class TaskForm(SingleSubmitForm):
    title = StringField(
        "Uppgift",
        description="En kort rubrik, till exempel ”Attestera fakturor för förbrukningsmaterial”.",
        validators=[DataRequired("Skriv vad uppgiften heter."), Length(max=200)],
    )
    description = TextAreaField(
        "Beskrivning",
        description="Vad gör du, och varför tar det tid från ledarskapet?",
        validators=[DataRequired("Beskriv uppgiften."), Length(max=TEXT_MAX)],
        render_kw={"rows": 6},
    )
    category = SelectField(
        "Kategori",
        validators=[DataRequired("Välj en kategori.")],
        invalid_choice_message="Välj en kategori i listan.",
    )
    frequency = SelectField(
        "Hur ofta",
        choices=[SelectChoice("", "Välj hur ofta")]
        + [SelectChoice(k, v) for k, v in FREQUENCY_LABELS.items()],
        validators=[DataRequired("Välj hur ofta uppgiften görs.")],
        invalid_choice_message="Välj hur ofta i listan.",
    )
    hours_per_month = hours_field(
        "Timmar per månad för en chef",
        "Din uppskattning av tiden uppgiften tar en chef varje månad, till exempel 2,5.",
    )
    affected_managers = managers_field()
    scope_unit_id = SelectField("Gäller chefer inom (valfritt)", coerce=int, default=0)
    action = SelectField(
        "Föreslagen åtgärd (valfritt)",
        default="",
        choices=[SelectChoice("", "Vet inte – låt HR bedöma")]
        + [SelectChoice(k, v) for k, v in ACTION_LABELS.items()],
        invalid_choice_message="Välj en åtgärd i listan.",
    )
    version = HiddenField()
    submit = SubmitField("Skicka förslaget")


class EndorseForm(SingleSubmitForm):
    hours_per_month = hours_field(
        "Hur många timmar i månaden tar uppgiften för dig?",
        "Din egen uppskattning, till exempel 1,5. Den visas med ditt namn på uppgiftens sida "
        "och räknas in i registrets siffror.",
    )
    submit = SubmitField("Berör mig också")


class CommentForm(SingleSubmitForm):
    text = TextAreaField(
        "Kommentar",
        validators=[DataRequired("Skriv en kommentar."), Length(max=TEXT_MAX)],
        render_kw={"rows": 3},
    )
    submit = SubmitField("Skicka kommentaren")


class StepForm(SingleSubmitForm):
    """A step with an optional note: starta, aterremittera, ateroppna."""

    version = HiddenField()
    note = TextAreaField(
        "Kommentar (valfritt)",
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 3},
    )


class WithdrawForm(StepForm):
    note = TextAreaField(
        "Varför drar du tillbaka förslaget? (valfritt)",
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 3},
    )


class AssessForm(StepForm):
    action = RadioField(
        "Åtgärd",
        choices=[SelectChoice(k, v) for k, v in ACTION_LABELS.items()],
        invalid_choice_message="Välj en åtgärd: utveckla, avveckla eller avlasta.",
    )
    function = SelectField(
        "Mottagande funktion",
        description="Vem tar över eller utvecklar uppgiften? Krävs när den ska avlastas.",
        default="",
        invalid_choice_message="Välj en funktion i listan.",
    )
    hours_per_month = hours_field(
        "Timmar per chef och månad",
        "Justera förslagets uppskattning om bedömningen ger ett annat värde.",
    )
    affected_managers = managers_field()
    note = TextAreaField(
        "Bedömning",
        description="Motivera åtgärden. Beslutet fattas av ledningen.",
        validators=[DataRequired("Skriv bedömningen."), Length(max=TEXT_MAX)],
        render_kw={"rows": 5},
    )

    def validate_function(self, field) -> None:
        if self.action.data == "avlasta" and not field.data:
            raise ValidationError("Välj vilken funktion som ska ta över uppgiften.")


class DecideForm(StepForm):
    note = TextAreaField(
        "Beslut",
        description="Vad har ledningen beslutat, och när ska det vara genomfört?",
        validators=[DataRequired("Skriv beslutet."), Length(max=TEXT_MAX)],
        render_kw={"rows": 5},
    )
    owner_id = SelectField(
        "Ägare",
        coerce=int,
        description="Ansvarar för genomförandet och rapporterar realiserad tid efter uppföljning.",
        validators=[DataRequired("Välj en ägare.")],
        invalid_choice_message="Välj en ägare i listan.",
    )


class RejectForm(StepForm):
    note = TextAreaField(
        "Skäl till avslaget",
        validators=[DataRequired("Skriv skälet till avslaget."), Length(max=TEXT_MAX)],
        render_kw={"rows": 4},
    )


class ReportForm(StepForm):
    realised = hours_field(
        "Realiserad tid per chef och månad (timmar)",
        "Hur mycket tid har varje berörd chef fått tillbaka i månaden enligt uppföljningen?",
        minimum="0",
    )
    note = TextAreaField(
        "Hur följdes det upp? (valfritt)",
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 3},
    )


STEP_FORMS: dict[str, type[StepForm]] = {
    "bedom": AssessForm,
    "aterkalla": WithdrawForm,
    "aterremittera": StepForm,
    "besluta": DecideForm,
    "avsla": RejectForm,
    "starta": StepForm,
    "rapportera": ReportForm,
    "ateroppna": StepForm,
}
