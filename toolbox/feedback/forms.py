"""Forms: a round, invitations by mail, printed codes, the code page and the
answer form built from the question set."""

from datetime import date, timedelta

from wtforms import (
    DateField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from toolbox.content import DONT_KNOW, SCALE, QuestionSet
from toolbox.feedback.invitations import MAX_CODES, parse_addresses
from toolbox.feedback.models import GROUP_PROMPTS, PROMPTS, RATER_GROUPS
from toolbox.feedback.responses import COMMENT_MAX
from toolbox.submissions.service import SingleSubmitForm
from toolbox.web.fields import count_field
from toolbox.web.forms import PortalForm

DONT_KNOW_VALUE = "vet-ej"
LONGEST_ROUND = timedelta(days=90)
ANSWER_CHOICES = [SelectChoice(str(v), f"{v} – {label}") for v, label in SCALE] + [
    SelectChoice(DONT_KNOW_VALUE, DONT_KNOW)
]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def closing_date_field() -> DateField:
    return DateField(
        "Sista dag att svara",
        description="ÅÅÅÅ-MM-DD. Resultatet visas dagen efter, eller när du avslutar omgången.",
        invalid_value_message="Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-25.",
        validators=[InputRequired("Fyll i sista dag att svara.")],
    )


def check_closing_date(closes_on: date | None, today: date, opened_on: date) -> None:
    """Tomorrow at the earliest; at most LONGEST_ROUND after the round opened."""
    if closes_on is None:  # not a date: the field already says so
        return
    if closes_on <= today:
        raise ValidationError("Sista dag att svara måste vara i morgon eller senare.")
    if closes_on > opened_on + LONGEST_ROUND:
        raise ValidationError("En omgång kan vara öppen i högst 90 dagar.")


class RoundForm(SingleSubmitForm):
    title = StringField(
        "Namn på omgången",
        description="Visas för dem du frågar, till exempel: Återkoppling inför medarbetarsamtalen.",
        validators=[DataRequired("Skriv ett namn på omgången."), Length(max=200)],
    )
    groups = CheckboxesField(
        "Vilka vill du fråga?",
        description="Resultat för en grupp visas bara om minst tre i gruppen svarar.",
        choices=[SelectChoice(key, label) for key, label in RATER_GROUPS.items()],
    )
    closes_on = closing_date_field()
    message = TextAreaField(
        "Hälsning till dem du frågar (frivilligt)",
        description="Visas i inbjudan och på svarssidan. Skriv till exempel varför du frågar.",
        validators=[Optional(), Length(max=1000)],
        render_kw={"rows": 4},
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_groups(self, field) -> None:
        if not field.data:
            raise ValidationError("Välj minst en grupp att fråga.")

    def validate_closes_on(self, field) -> None:
        check_closing_date(field.data, self.today, opened_on=self.today)


class ClosingDateForm(SingleSubmitForm):
    """Move the last day of an open round, earlier or later."""

    closes_on = closing_date_field()

    def __init__(self, *args, today: date, opened_on: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.opened_on = today, opened_on

    def validate_closes_on(self, field) -> None:
        check_closing_date(field.data, self.today, self.opened_on)


def group_field(label: str) -> RadioField:
    return RadioField(label, validators=[DataRequired("Välj en grupp.")])


def group_choices(groups: list[str]) -> list[SelectChoice]:
    return [SelectChoice(g, RATER_GROUPS[g]) for g in groups]


class InviteForm(SingleSubmitForm):
    rater_group = group_field("Vilken grupp tillhör de du bjuder in?")
    addresses = TextAreaField(
        "E-postadresser",
        description="En adress per rad, eller åtskilda med komma. "
        "Var och en får en egen länk som fungerar en gång.",
        validators=[DataRequired("Fyll i minst en e-postadress.")],
        render_kw={"rows": 6, "autocomplete": "off", "spellcheck": "false"},
    )

    def validate_addresses(self, field) -> None:
        valid, invalid = parse_addresses(field.data or "")
        if invalid:
            raise ValidationError(
                "De här adresserna är inte giltiga: " + ", ".join(invalid) + ". "
                "Rätta eller ta bort dem."
            )
        if not valid:
            raise ValidationError("Fyll i minst en e-postadress.")
        self.valid_addresses = valid


class CodesForm(SingleSubmitForm):
    rater_group = group_field("Vilken grupp ska koderna gå till?")
    count = count_field(
        "Antal koder",
        f"Mellan 1 och {MAX_CODES}. Skapa gärna någon extra.",
        default=10,
        most=MAX_CODES,
        missing="Fyll i hur många koder du vill ha.",
        outside=f"Välj mellan 1 och {MAX_CODES} koder.",
    )


class CodeEntryForm(PortalForm):
    code = StringField(
        "Kod",
        description="Koden står på lappen du har fått, till exempel ABCDE-FGHJK.",
        validators=[DataRequired("Skriv koden från lappen.")],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


def prompts_for(questions: QuestionSet, group: str | None) -> dict[str, str]:
    """The free-text prompts as the group reads them (worded per group from the
    version that words its statements per group)."""
    if group and questions.perspectives:
        return GROUP_PROMPTS.get(group, PROMPTS)
    return PROMPTS


def answer_form(questions: QuestionSet, group: str | None = None) -> SingleSubmitForm:
    """One required choice per statement (a number or "Vet ej"), worded for
    the rater group, then the optional comments. Fields are named q_<key> and
    c_<prompt>."""

    class AnswerForm(SingleSubmitForm):
        pass

    for number, question in enumerate(questions.questions, start=1):
        field = RadioField(
            f"{number}. {question.text_for(group)}",
            choices=ANSWER_CHOICES,
            validators=[
                InputRequired(f"Svara på påstående {number}, eller välj {DONT_KNOW.lower()}.")
            ],
        )
        setattr(AnswerForm, f"q_{question.key}", field)
    for prompt, label in prompts_for(questions, group).items():
        field = TextAreaField(
            f"{label} (frivilligt)",
            validators=[Optional(), Length(max=COMMENT_MAX)],
            render_kw={"rows": 4},
        )
        setattr(AnswerForm, f"c_{prompt}", field)
    return AnswerForm()


def answer_values(form, questions: QuestionSet) -> dict[str, int | None]:
    values = {}
    for question in questions.questions:
        raw = form[f"q_{question.key}"].data
        values[question.key] = None if raw == DONT_KNOW_VALUE else int(raw)
    return values


def comment_texts(form) -> dict[str, str]:
    return {prompt: form[f"c_{prompt}"].data or "" for prompt in PROMPTS}
