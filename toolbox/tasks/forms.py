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
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from toolbox.submissions.service import SingleSubmitForm
from toolbox.tasks.content import MAX_HOURS, MAX_MANAGERS
from toolbox.tasks.models import ACTION_LABELS, FREQUENCY_LABELS
from toolbox.web.fields import CommaDecimalField, DataSelectField, count_field, within
from toolbox.web.language import lazy_gettext as _l

TEXT_MAX = 4000


def one_decimal(_form, field) -> None:
    if field.data is None or abs(field.data) > MAX_HOURS:  # out of range: NumberRange says so
        return
    if field.data != field.data.quantize(Decimal("0.1")):
        raise ValidationError(_l("Ange timmar med högst en decimal, till exempel 2,5."))


def hours_field(label, description, minimum: str = "0.1") -> CommaDecimalField:
    return CommaDecimalField(
        label,
        description=description,
        places=1,
        validators=[
            *within(
                Decimal(minimum),
                MAX_HOURS,
                missing=_l("Fyll i antal timmar."),
                outside=_l(
                    "Ange %(least)s–%(most)s.", least=minimum.replace(".", ","), most=MAX_HOURS
                ),
            ),
            one_decimal,
        ],
    )


def managers_field() -> IntegerField:
    return count_field(
        _l("Antal chefer som berörs"),
        _l(
            "Räkna med dig själv. Chefer som anmäler att uppgiften berör dem "
            "räknas till, med sin egen uppskattning."
        ),
        default=1,
        most=MAX_MANAGERS,
        missing=_l("Fyll i hur många chefer som berörs."),
        outside=_l("Ange 1–%(most)s chefer.", most=MAX_MANAGERS),
    )


class TaskForm(SingleSubmitForm):
    title = StringField(
        _l("Uppgift"),
        description=_l(
            "En kort rubrik, till exempel ”Attestera fakturor för förbrukningsmaterial”."
        ),
        validators=[DataRequired(_l("Skriv vad uppgiften heter.")), Length(max=200)],
    )
    description = TextAreaField(
        _l("Beskrivning"),
        description=_l("Vad gör du, och varför tar det tid från ledarskapet?"),
        validators=[DataRequired(_l("Beskriv uppgiften.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 6},
    )
    category = SelectField(
        _l("Kategori"),
        validators=[DataRequired(_l("Välj en kategori."))],
        invalid_choice_message=_l("Välj en kategori i listan."),
    )
    frequency = SelectField(
        _l("Hur ofta"),
        choices=[SelectChoice("", _l("Välj hur ofta"))]
        + [SelectChoice(k, v) for k, v in FREQUENCY_LABELS.items()],
        validators=[DataRequired(_l("Välj hur ofta uppgiften görs."))],
        invalid_choice_message=_l("Välj hur ofta i listan."),
    )
    hours_per_month = hours_field(
        _l("Timmar per månad för en chef"),
        _l("Din uppskattning av tiden uppgiften tar en chef varje månad, till exempel 2,5."),
    )
    affected_managers = managers_field()
    scope_unit_id = DataSelectField(_l("Gäller chefer inom (valfritt)"), coerce=int, default=0)
    action = SelectField(
        _l("Föreslagen åtgärd (valfritt)"),
        default="",
        choices=[SelectChoice("", _l("Vet inte – låt HR bedöma"))]
        + [SelectChoice(k, v) for k, v in ACTION_LABELS.items()],
        invalid_choice_message=_l("Välj en åtgärd i listan."),
    )
    version = HiddenField()
    submit = SubmitField(_l("Skicka förslaget"))


class EndorseForm(SingleSubmitForm):
    hours_per_month = hours_field(
        _l("Hur många timmar i månaden tar uppgiften för dig?"),
        _l(
            "Din egen uppskattning, till exempel 1,5. Den visas med ditt namn på uppgiftens sida "
            "och räknas in i registrets siffror."
        ),
    )
    submit = SubmitField(_l("Berör mig också"))


class CommentForm(SingleSubmitForm):
    text = TextAreaField(
        _l("Kommentar"),
        validators=[DataRequired(_l("Skriv en kommentar.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Skicka kommentaren"))


class StepForm(SingleSubmitForm):
    """A step with an optional note: starta, aterremittera, ateroppna."""

    version = HiddenField()
    note = TextAreaField(
        _l("Kommentar (valfritt)"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 3},
    )


class WithdrawForm(StepForm):
    note = TextAreaField(
        _l("Varför drar du tillbaka förslaget? (valfritt)"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 3},
    )


class AssessForm(StepForm):
    action = RadioField(
        _l("Åtgärd"),
        choices=[SelectChoice(k, v) for k, v in ACTION_LABELS.items()],
        invalid_choice_message=_l("Välj en åtgärd: utveckla, avveckla eller avlasta."),
    )
    function = SelectField(
        _l("Mottagande funktion"),
        description=_l("Vem tar över eller utvecklar uppgiften? Krävs när den ska avlastas."),
        default="",
        invalid_choice_message=_l("Välj en funktion i listan."),
    )
    hours_per_month = hours_field(
        _l("Timmar per chef och månad"),
        _l("Justera förslagets uppskattning om bedömningen ger ett annat värde."),
    )
    affected_managers = managers_field()
    note = TextAreaField(
        _l("Bedömning"),
        description=_l("Motivera åtgärden. Beslutet fattas av ledningen."),
        validators=[DataRequired(_l("Skriv bedömningen.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 5},
    )

    def validate_function(self, field) -> None:
        if self.action.data == "avlasta" and not field.data:
            raise ValidationError(_l("Välj vilken funktion som ska ta över uppgiften."))


class DecideForm(StepForm):
    note = TextAreaField(
        _l("Beslut"),
        description=_l("Vad har ledningen beslutat, och när ska det vara genomfört?"),
        validators=[DataRequired(_l("Skriv beslutet.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 5},
    )
    owner_id = DataSelectField(
        _l("Ägare"),
        coerce=int,
        description=_l(
            "Ansvarar för genomförandet och rapporterar realiserad tid efter uppföljning."
        ),
        validators=[DataRequired(_l("Välj en ägare."))],
        invalid_choice_message=_l("Välj en ägare i listan."),
    )


class RejectForm(StepForm):
    note = TextAreaField(
        _l("Skäl till avslaget"),
        validators=[DataRequired(_l("Skriv skälet till avslaget.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 4},
    )


class ReportForm(StepForm):
    realised = hours_field(
        _l("Realiserad tid per chef och månad (timmar)"),
        _l("Hur mycket tid har varje berörd chef fått tillbaka i månaden enligt uppföljningen?"),
        minimum="0",
    )
    note = TextAreaField(
        _l("Hur följdes det upp? (valfritt)"),
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
