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
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from toolbox.content import QuestionSet
from toolbox.feedback.invitations import MAX_CODES, parse_addresses
from toolbox.feedback.models import GROUP_PROMPTS, PROMPTS, RATER_GROUPS
from toolbox.feedback.responses import COMMENT_MAX
from toolbox.reflection.results import ANSWER_LABELS, DONT_KNOW_LABEL, scale_label
from toolbox.submissions.service import SingleSubmitForm
from toolbox.web.fields import count_field
from toolbox.web.forms import PortalForm
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

DONT_KNOW_VALUE = "vet-ej"
LONGEST_ROUND = timedelta(days=90)


def answer_choices() -> list[SelectChoice]:
    """The scale and "Vet ej / ej aktuellt", in the visitor's language."""
    return [SelectChoice(str(v), scale_label(v)) for v in ANSWER_LABELS] + [
        SelectChoice(DONT_KNOW_VALUE, str(DONT_KNOW_LABEL))
    ]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def closing_date_field() -> DateField:
    return DateField(
        _l("Sista dag att svara"),
        description=_l("ÅÅÅÅ-MM-DD. Resultatet visas dagen efter, eller när du avslutar omgången."),
        invalid_value_message=_l("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-25."),
        validators=[InputRequired(_l("Fyll i sista dag att svara."))],
    )


def check_closing_date(closes_on: date | None, today: date, opened_on: date) -> None:
    """Tomorrow at the earliest; at most LONGEST_ROUND after the round opened."""
    if closes_on is None:  # not a date: the field already says so
        return
    if closes_on <= today:
        raise ValidationError(_("Sista dag att svara måste vara i morgon eller senare."))
    if closes_on > opened_on + LONGEST_ROUND:
        raise ValidationError(_("En omgång kan vara öppen i högst 90 dagar."))


class RoundForm(SingleSubmitForm):
    title = StringField(
        _l("Namn på omgången"),
        description=_l(
            "Visas för dem du frågar, till exempel: Återkoppling inför medarbetarsamtalen."
        ),
        validators=[DataRequired(_l("Skriv ett namn på omgången.")), Length(max=200)],
    )
    groups = CheckboxesField(
        _l("Vilka vill du fråga?"),
        description=_l("Resultat för en grupp visas bara om minst tre i gruppen svarar."),
        choices=[SelectChoice(key, label) for key, label in RATER_GROUPS.items()],
    )
    closes_on = closing_date_field()
    message = TextAreaField(
        _l("Hälsning till dem du frågar (frivilligt)"),
        description=_l("Visas i inbjudan och på svarssidan. Skriv till exempel varför du frågar."),
        validators=[Optional(), Length(max=1000)],
        render_kw={"rows": 4},
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_groups(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Välj minst en grupp att fråga."))

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
    return RadioField(label, validators=[DataRequired(_l("Välj en grupp."))])


def group_choices(groups: list[str]) -> list[SelectChoice]:
    return [SelectChoice(g, RATER_GROUPS[g]) for g in groups]


class InviteForm(SingleSubmitForm):
    rater_group = group_field(_l("Vilken grupp tillhör de du bjuder in?"))
    addresses = TextAreaField(
        _l("E-postadresser"),
        description=_l(
            "En adress per rad, eller åtskilda med komma. "
            "Var och en får en egen länk som fungerar en gång."
        ),
        validators=[DataRequired(_l("Fyll i minst en e-postadress."))],
        render_kw={"rows": 6, "autocomplete": "off", "spellcheck": "false"},
    )

    def validate_addresses(self, field) -> None:
        valid, invalid = parse_addresses(field.data or "")
        if invalid:
            raise ValidationError(
                _(
                    "De här adresserna är inte giltiga: %(addresses)s. Rätta eller ta bort dem.",
                    addresses=", ".join(invalid),
                )
            )
        if not valid:
            raise ValidationError(_("Fyll i minst en e-postadress."))
        self.valid_addresses = valid


class CodesForm(SingleSubmitForm):
    rater_group = group_field(_l("Vilken grupp ska koderna gå till?"))
    count = count_field(
        _l("Antal koder"),
        _l("Mellan 1 och %(most)s. Skapa gärna någon extra.", most=MAX_CODES),
        default=10,
        most=MAX_CODES,
        missing=_l("Fyll i hur många koder du vill ha."),
        outside=_l("Välj mellan 1 och %(most)s koder.", most=MAX_CODES),
    )


class CodeEntryForm(PortalForm):
    code = StringField(
        _l("Kod"),
        description=_l("Koden står på lappen du har fått, till exempel ABCDE-FGHJK."),
        validators=[DataRequired(_l("Skriv koden från lappen."))],
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
            choices=answer_choices(),
            validators=[
                InputRequired(
                    _(
                        "Svara på påstående %(number)s, eller välj %(dont_know)s.",
                        number=number,
                        dont_know=str(DONT_KNOW_LABEL).lower(),
                    )
                )
            ],
        )
        setattr(AnswerForm, f"q_{question.key}", field)
    for prompt, label in prompts_for(questions, group).items():
        field = TextAreaField(
            _("%(prompt)s (frivilligt)", prompt=label),
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
