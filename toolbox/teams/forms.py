"""Forms of the dialogue: opening it, a member's answers, the agreement and
its follow-up, and leadership's samsyn. A text area for people's own words
is marked lang="sv": it shows their text as written, whatever the page's
language."""

from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from toolbox import clock
from toolbox.content import Term
from toolbox.submissions.service import SingleSubmitForm
from toolbox.teams.content import DialogueContent
from toolbox.teams.models import TEXT_MAX, TITLE_MAX
from toolbox.web.forms import PortalForm
from toolbox.web.language import gettext as _
from toolbox.web.language import lazy_gettext as _l

INVALID_DATE = _l("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-25.")
DONT_KNOW = "vet-ej"
MAX_MEMBERS = 40
MAX_AGREED = 3


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def email_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").replace(",", "\n").splitlines() if line.strip()]


def some_members(_form, field) -> None:
    emails = email_lines(field.data)
    if not emails:
        raise ValidationError(_("Skriv minst en e-postadress."))
    if len(emails) > MAX_MEMBERS:
        raise ValidationError(_("Bjud in högst %(n)s medlemmar.", n=MAX_MEMBERS))


class DialogueForm(SingleSubmitForm):
    team_name = StringField(
        _l("Ledningsgrupp"),
        description=_l("Till exempel: Verksamhetsledningen, Medicinkliniken."),
        validators=[DataRequired(_l("Skriv ledningsgruppens namn.")), Length(max=TITLE_MAX)],
    )
    concept = SelectField(
        _l("Begrepp att samtala om"),
        description=_l("Medlemmarna beskriver vad begreppet betyder i ert dagliga arbete."),
        validators=[InputRequired(_l("Välj ett begrepp."))],
    )
    meeting_on = DateField(
        _l("Datum för mötet (valfritt)"),
        description=_l("ÅÅÅÅ-MM-DD"),
        invalid_value_message=INVALID_DATE,
        validators=[Optional()],
    )
    members = TextAreaField(
        _l("Medlemmar"),
        description=_l(
            "E-postadresserna till ledningsgruppens medlemmar, en per rad. "
            "De behöver ha ett konto i portalen."
        ),
        validators=[some_members],
        render_kw={"rows": 6},
    )

    def set_concepts(self, principles: tuple[Term, ...]) -> None:
        self.concept.choices = [SelectChoice(p.key, p.name) for p in principles]


def behaviour_choices(content: DialogueContent) -> list[SelectChoice]:
    return [SelectChoice(b.key, b.text) for b in content.behaviours]


def answer_form(content: DialogueContent, concept: str) -> PortalForm:
    """The member's answers: the meaning (optional), a rating per behaviour,
    and exactly `content.priorities` behaviours to strengthen next."""

    class AnswerForm(PortalForm):
        meaning = TextAreaField(
            _("Vad betyder %(concept)s för oss i vårt dagliga arbete?", concept=concept.lower()),
            description=_("%(prompt)s Frivilligt.", prompt=content.meaning_prompt),
            validators=[Optional(), Length(max=TEXT_MAX, message=_("Svaret är för långt."))],
            render_kw={"rows": 5, "lang": "sv"},
        )
        priorities = CheckboxesField(
            _("Vilka %(n)s beteenden är viktigast att stärka härnäst?", n=content.priorities),
            choices=behaviour_choices(content),
        )

        def validate_priorities(self, field) -> None:
            if len(set(field.data or ())) != content.priorities:
                raise ValidationError(_("Välj exakt %(n)s beteenden.", n=content.priorities))

    scale = [SelectChoice(str(n), f"{n} – {label}") for n, label in enumerate(content.scale, 1)]
    for behaviour in content.behaviours:
        setattr(
            AnswerForm,
            f"r_{behaviour.key}",
            RadioField(
                behaviour.text,
                choices=[*scale, SelectChoice(DONT_KNOW, _("Vet ej"))],
                validators=[InputRequired(_("Välj hur etablerat beteendet är, eller Vet ej."))],
            ),
        )
    return AnswerForm()


def rating_value(raw: str) -> int | None:
    return None if raw == DONT_KNOW else int(raw)


def future_date(_form, field) -> None:
    if field.data is not None and field.data <= clock.today():
        raise ValidationError(_("Välj ett datum efter i dag."))


class AgreementForm(PortalForm):
    behaviours = CheckboxesField(
        _l("Beteenden ni kom överens om att stärka"),
        description=_l("Högst %(n)s.", n=MAX_AGREED),
    )
    commitments = TextAreaField(
        _l("Åtaganden"),
        description=_l("Vad ni gör, vem som gör vad och hur ni märker skillnaden."),
        validators=[DataRequired(_l("Skriv vad ni åtog er.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 6, "lang": "sv"},
    )
    followup_on = DateField(
        _l("Datum för uppföljning"),
        description=_l("ÅÅÅÅ-MM-DD. Du får en påminnelse på Min sida två veckor innan."),
        invalid_value_message=INVALID_DATE,
        validators=[InputRequired(_l("Fyll i datum för uppföljningen.")), future_date],
    )
    version = HiddenField()

    def validate_behaviours(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Välj minst ett beteende."))
        if len(set(field.data)) > MAX_AGREED:
            raise ValidationError(_("Välj högst %(n)s beteenden.", n=MAX_AGREED))


class MembersForm(PortalForm):
    members = TextAreaField(
        _l("Bjud in fler medlemmar"),
        description=_l("E-postadresser, en per rad. De som redan är med påverkas inte."),
        validators=[some_members],
        render_kw={"rows": 3},
    )


class FollowUpForm(PortalForm):
    note = TextAreaField(
        _l("Vad kom ni fram till vid uppföljningen?"),
        validators=[DataRequired(_l("Skriv en kort sammanfattning.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 4, "lang": "sv"},
    )


class SharedViewForm(PortalForm):
    behaviours = CheckboxesField(
        _l("Beteenden i förvaltningens samsyn"),
        validators=[DataRequired(_l("Välj minst ett beteende."))],
    )
    text = TextAreaField(
        _l("Samsynen i ord"),
        description=_l("Vad förvaltningsledningen är överens om, och varför."),
        validators=[DataRequired(_l("Beskriv samsynen.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 8, "lang": "sv"},
    )
