"""The step form (one area of the question set) and the reminder form."""

from wtforms import Field, HiddenField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from toolbox.content import AreaSection
from toolbox.reflection.models import NOTE_MAX, RHYTHMS
from toolbox.reflection.results import ANSWER_LABELS, DONT_KNOW_LABEL, scale_label
from toolbox.reflection.service import DONT_KNOW as DONT_KNOW_VALUE
from toolbox.web.forms import PortalForm
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

ALLOWED = {str(v) for v in ANSWER_LABELS} | {DONT_KNOW_VALUE}
NO_REMINDER = "ingen"
NOTE_HINT = _l(
    "Frivilligt. Bara du ser det du skriver här. Skriv inget om patienter och inga "
    "känsliga uppgifter om dig själv eller andra."
)


def answer_choices() -> list[SelectChoice]:
    """The scale and "Vet ej / ej aktuellt", in the visitor's language."""
    return [SelectChoice(str(v), scale_label(v)) for v in ANSWER_LABELS] + [
        SelectChoice(DONT_KNOW_VALUE, str(DONT_KNOW_LABEL))
    ]


def field_name(key: str) -> str:
    return f"q_{key}"


def known_answer(_form: PortalForm, field: Field) -> None:
    if field.data and field.data not in ALLOWED:
        raise ValidationError(_("Välj ett av svarsalternativen."))


def step_form(section: AreaSection, area_name: str, **kwargs) -> PortalForm:
    """One radio group per statement (a fieldset with the statement as legend),
    and the area's optional free-text field."""

    class StepForm(PortalForm):
        version = HiddenField()

    for number, question in enumerate(section.questions, start=1):
        setattr(
            StepForm,
            field_name(question.key),
            RadioField(
                f"{number}. {question.text}",
                choices=answer_choices(),
                validate_choice=False,
                validators=[Optional(), known_answer],
                description=question.hint,
            ),
        )
    prompt = section.free_text_prompt
    StepForm.note = TextAreaField(
        _("Egna tankar om %(area)s", area=area_name.lower()),
        description=(f"{prompt} " if prompt else "") + str(NOTE_HINT),
        validators=[
            Optional(),
            Length(max=NOTE_MAX, message=_("Texten får vara högst %(max)s tecken.", max=NOTE_MAX)),
        ],
        render_kw={"rows": 5},
    )
    return StepForm(**kwargs)


def posted_answers(form: PortalForm, section: AreaSection) -> dict[str, str | None]:
    return {q.key: form[field_name(q.key)].data for q in section.questions}


class ReminderForm(PortalForm):
    every = RadioField(
        _l("Hur ofta vill du bli påmind om att göra en självskattning?"),
        choices=[SelectChoice(str(m), label) for m, label in RHYTHMS.items()]
        + [SelectChoice(NO_REMINDER, _l("Ingen påminnelse"))],
        validate_choice=False,
        description=_l("Påminnelsen kommer med e-post och syns på Min sida."),
    )

    def validate_every(self, field: Field) -> None:
        allowed = {str(m) for m in RHYTHMS} | {NO_REMINDER}
        if field.data not in allowed:
            raise ValidationError(_("Välj hur ofta du vill bli påmind."))

    @property
    def months(self) -> int | None:
        return None if self.every.data == NO_REMINDER else int(self.every.data)
