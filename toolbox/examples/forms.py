"""Forms for collections, invitations, the three steps, cases and the report."""

from markupsafe import Markup
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from toolbox.content import QuestionSet, Term
from toolbox.examples.models import CONTACT_WAYS, FollowUp
from toolbox.submissions.service import SingleSubmitForm
from toolbox.web.fields import DataSelectField
from toolbox.web.forms import PortalForm
from toolbox.web.language import lazy_gettext as _l

TEXT_MAX = 8000
INVALID_DATE = _l("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-25.")


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def date_field(label: str, missing: str, description: str = "") -> DateField:
    return DateField(
        label,
        description=description or _l("ÅÅÅÅ-MM-DD"),
        invalid_value_message=INVALID_DATE,
        # InputRequired, not DataRequired: a badly written date keeps its own message.
        validators=[InputRequired(missing)],
    )


class CollectionForm(SingleSubmitForm):
    title = StringField(
        _l("Namn på insamlingen"),
        description=_l("Till exempel: Goda exempel inför utskottsmötet i juni."),
        validators=[DataRequired(_l("Fyll i ett namn.")), Length(max=200)],
    )
    purpose = TextAreaField(
        _l("Syfte"),
        description=_l("Vad exemplen ska användas till. Texten visas för kontaktpersonerna."),
        validators=[DataRequired(_l("Beskriv syftet.")), Length(max=TEXT_MAX)],
        render_kw={"rows": 5, "lang": "sv"},
    )
    step1_due = date_field(
        _l("Sista dag för steg 1 (berättelse)"), _l("Fyll i sista dag för steg 1.")
    )
    step2_due = date_field(
        _l("Sista dag för steg 2 (inventering)"), _l("Fyll i sista dag för steg 2.")
    )
    step3_due = date_field(
        _l("Sista dag för steg 3 (följdfrågor)"), _l("Fyll i sista dag för steg 3.")
    )
    delivery_date = date_field(
        _l("Leveransdatum"),
        _l("Fyll i leveransdatum."),
        _l("ÅÅÅÅ-MM-DD. Länkarna till kontaktpersonerna slutar gälla efter leveransdatum."),
    )
    version = HiddenField()

    def validate_delivery_date(self, field) -> None:
        dates = [self.step1_due.data, self.step2_due.data, self.step3_due.data, field.data]
        if None not in dates and dates != sorted(dates):
            raise ValidationError(
                _l("Datumen ska komma i ordning: steg 1, steg 2, steg 3 och sist leveransen.")
            )


def contact_way_field(label: str) -> RadioField:
    return RadioField(
        label,
        choices=[SelectChoice(k, v) for k, v in CONTACT_WAYS.items()],
        default="epost",
        validators=[DataRequired(_l("Välj ett sätt att bli kontaktad."))],
    )


def contact_note_field(label: str) -> StringField:
    return StringField(
        label,
        description=_l("Till exempel telefonnummer eller tider som passar. Frivilligt."),
        validators=[Optional(), Length(max=300)],
    )


class InviteForm(SingleSubmitForm):
    unit_id = DataSelectField(_l("Enhet"), coerce=int, validate_choice=True)
    unit_name = StringField(
        _l("Enhet eller verksamhet (om den inte finns i listan)"),
        validators=[Length(max=200)],
    )
    contact_name = StringField(
        _l("Kontaktpersonens namn"),
        validators=[DataRequired(_l("Fyll i namnet.")), Length(max=200)],
    )
    contact_email = EmailField(
        _l("Kontaktpersonens e-postadress"),
        description=_l("Inbjudan med en personlig länk skickas hit."),
        validators=[
            DataRequired(_l("Fyll i e-postadressen.")),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@example.se.")),
            Length(max=254),
        ],
    )
    preferred_contact = contact_way_field(_l("Hur vill kontaktpersonen helst bli kontaktad?"))
    contact_note = contact_note_field(_l("Kontaktuppgifter och önskemål"))

    def validate_unit_name(self, field) -> None:
        if not self.unit_id.data and not (field.data or "").strip():
            raise ValidationError(_l("Välj en enhet i listan eller skriv vilken enhet det gäller."))


class ProposeForm(SingleSubmitForm):
    unit_id = DataSelectField(_l("Enhet som du föreslår"), coerce=int, validate_choice=True)
    preferred_contact = contact_way_field(_l("Hur vill du helst bli kontaktad?"))
    contact_note = contact_note_field(_l("Kontaktuppgifter och önskemål"))


class StepForm(SingleSubmitForm):
    """A contact's step: the hidden step number refuses a post meant for a
    step that has been submitted since the page was opened."""

    step = HiddenField()


class StoryForm(StepForm):
    story = TextAreaField(
        _l("Er berättelse"),
        description=_l(
            "Berätta fritt och kort om enheten och vad ni tror är grunden till att ni är "
            "ett gott exempel. Några stycken räcker."
        ),
        validators=[
            DataRequired(_l("Skriv några rader om enheten innan du skickar.")),
            # Length fills in %(max)d.
            Length(max=TEXT_MAX, message=_l("Texten får vara högst %(max)d tecken.")),
        ],
        render_kw={"rows": 12, "lang": "sv"},
    )


def inventory_form(question_set: QuestionSet) -> StepForm:
    """One optional text field per question, named by the question's key."""

    class InventoryForm(StepForm):
        pass

    for question in question_set.questions:
        setattr(
            InventoryForm,
            f"q_{question.key}",
            TextAreaField(
                question.text,
                description=question.hint,
                validators=[Optional(), Length(max=TEXT_MAX, message=_l("Svaret är för långt."))],
                render_kw={"rows": 4, "lang": "sv"},
            ),
        )
    return InventoryForm()


def followup_answer_form(followups: list[FollowUp]) -> StepForm:
    """One optional answer field per open follow-up question."""

    class FollowUpAnswerForm(StepForm):
        pass

    for followup in followups:
        setattr(
            FollowUpAnswerForm,
            f"f_{followup.id}",
            TextAreaField(
                # HR's question, in Swedish whatever the contact's language.
                Markup('<span lang="sv">{}</span>').format(followup.question),
                validators=[Optional(), Length(max=TEXT_MAX, message=_l("Svaret är för långt."))],
                render_kw={"rows": 5, "lang": "sv"},
            ),
        )
    return FollowUpAnswerForm()


class FollowUpForm(SingleSubmitForm):
    question = TextAreaField(
        _l("Ny följdfråga"),
        description=_l(
            "En fråga i taget, med vardagliga ord, till exempel: Hur gick det till när ni "
            "började? Frågorna skickas först när du väljer att skicka dem till kontaktpersonen."
        ),
        validators=[DataRequired(_l("Skriv frågan.")), Length(max=2000)],
        render_kw={"rows": 3, "lang": "sv"},
    )


def case_form(principles: tuple[Term, ...], areas: tuple[Term, ...], obj=None) -> PortalForm:
    """The packaging form; lessons have one field per area of the question set."""

    class CaseForm(PortalForm):
        title = StringField(
            _l("Rubrik"), validators=[DataRequired(_l("Skriv en rubrik.")), Length(max=200)]
        )
        setting = StringField(
            _l("Verksamhet som den beskrivs"),
            description=_l("Utan namn, till exempel: En vårdavdelning inom medicin."),
            validators=[Optional(), Length(max=200)],
        )
        summary = TextAreaField(
            _l("Sammanfattning"),
            description=_l("Markdown fungerar: tom rad mellan stycken, * för punktlistor."),
            validators=[Optional(), Length(max=TEXT_MAX)],
            render_kw={"rows": 8, "lang": "sv"},
        )
        principle_keys = CheckboxesField(
            _l("Principer som exemplet visar"),
            choices=[SelectChoice(p.key, p.name) for p in principles],
        )
        anonymised = BooleanField(
            _l(
                "Jag har tagit bort uppgifter som kan identifiera patienter, medarbetare "
                "eller andra personer"
            )
        )
        version = HiddenField()

    for area in areas:
        setattr(
            CaseForm,
            f"lesson_{area.key}",
            TextAreaField(
                _l("Lärdomar: %(area)s", area=area.name),
                validators=[Optional(), Length(max=TEXT_MAX)],
                render_kw={"rows": 5, "lang": "sv"},
            ),
        )
    return CaseForm(obj=obj)


def report_form(areas: tuple[Term, ...]) -> PortalForm:
    class ReportForm(PortalForm):
        intro = TextAreaField(
            _l("Inledning"),
            description=_l("Syfte och hur exemplen samlades in. Markdown fungerar."),
            validators=[Optional(), Length(max=TEXT_MAX)],
            render_kw={"rows": 6, "lang": "sv"},
        )
        case_ids = CheckboxesField(
            _l("Exempel i rapporten"),
            description=_l("Välj omkring tio av de publicerade exemplen."),
            coerce=int,
            render_kw={"lang": "sv"},  # the choices are the cases' titles
        )
        version = HiddenField()

    for area in areas:
        setattr(
            ReportForm,
            f"lesson_{area.key}",
            TextAreaField(
                _l("Sammanfattade lärdomar: %(area)s", area=area.name),
                validators=[Optional(), Length(max=TEXT_MAX)],
                render_kw={"rows": 6, "lang": "sv"},
            ),
        )
    return ReportForm()
