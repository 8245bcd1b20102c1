"""Forms for collections, invitations, the three steps, cases and the report."""

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from toolbox.content import QuestionSet, Term
from toolbox.examples.models import CONTACT_WAYS, FollowUp
from toolbox.submissions.service import SingleSubmitForm
from toolbox.web.forms import PortalForm

TEXT_MAX = 8000
INVALID_DATE = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-25."


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def date_field(label: str, what: str, description: str = "") -> DateField:
    return DateField(
        label,
        description=description or "ÅÅÅÅ-MM-DD",
        invalid_value_message=INVALID_DATE,
        # InputRequired, not DataRequired: a badly written date keeps its own message.
        validators=[InputRequired(f"Fyll i {what}.")],
    )


class CollectionForm(SingleSubmitForm):
    title = StringField(
        "Namn på insamlingen",
        description="Till exempel: Goda exempel inför utskottsmötet i juni.",
        validators=[DataRequired("Fyll i ett namn."), Length(max=200)],
    )
    purpose = TextAreaField(
        "Syfte",
        description="Vad exemplen ska användas till. Texten visas för kontaktpersonerna.",
        validators=[DataRequired("Beskriv syftet."), Length(max=TEXT_MAX)],
        render_kw={"rows": 5},
    )
    step1_due = date_field("Sista dag för steg 1 (berättelse)", "sista dag för steg 1")
    step2_due = date_field("Sista dag för steg 2 (inventering)", "sista dag för steg 2")
    step3_due = date_field("Sista dag för steg 3 (följdfrågor)", "sista dag för steg 3")
    delivery_date = date_field(
        "Leveransdatum",
        "leveransdatum",
        "ÅÅÅÅ-MM-DD. Länkarna till kontaktpersonerna slutar gälla efter leveransdatum.",
    )
    version = HiddenField()

    def validate_delivery_date(self, field) -> None:
        dates = [self.step1_due.data, self.step2_due.data, self.step3_due.data, field.data]
        if None not in dates and dates != sorted(dates):
            raise ValidationError(
                "Datumen ska komma i ordning: steg 1, steg 2, steg 3 och sist leveransen."
            )


def contact_way_field(label: str) -> RadioField:
    return RadioField(
        label,
        choices=[SelectChoice(k, v) for k, v in CONTACT_WAYS.items()],
        default="epost",
        validators=[DataRequired("Välj ett sätt att bli kontaktad.")],
    )


def contact_note_field(label: str) -> StringField:
    return StringField(
        label,
        description="Till exempel telefonnummer eller tider som passar. Frivilligt.",
        validators=[Optional(), Length(max=300)],
    )


class InviteForm(SingleSubmitForm):
    unit_id = SelectField("Enhet", coerce=int, validate_choice=True)
    unit_name = StringField(
        "Enhet eller verksamhet (om den inte finns i listan)",
        validators=[Length(max=200)],
    )
    contact_name = StringField(
        "Kontaktpersonens namn", validators=[DataRequired("Fyll i namnet."), Length(max=200)]
    )
    contact_email = EmailField(
        "Kontaktpersonens e-postadress",
        description="Inbjudan med en personlig länk skickas hit.",
        validators=[
            DataRequired("Fyll i e-postadressen."),
            Email("Skriv en giltig e-postadress, till exempel namn@example.se."),
            Length(max=254),
        ],
    )
    preferred_contact = contact_way_field("Hur vill kontaktpersonen helst bli kontaktad?")
    contact_note = contact_note_field("Kontaktuppgifter och önskemål")

    def validate_unit_name(self, field) -> None:
        if not self.unit_id.data and not (field.data or "").strip():
            raise ValidationError("Välj en enhet i listan eller skriv vilken enhet det gäller.")


class ProposeForm(SingleSubmitForm):
    unit_id = SelectField("Enhet som du föreslår", coerce=int, validate_choice=True)
    preferred_contact = contact_way_field("Hur vill du helst bli kontaktad?")
    contact_note = contact_note_field("Kontaktuppgifter och önskemål")


class StepForm(SingleSubmitForm):
    """A contact's step: the hidden step number refuses a post meant for a
    step that has been submitted since the page was opened."""

    step = HiddenField()


class StoryForm(StepForm):
    story = TextAreaField(
        "Er berättelse",
        description=(
            "Berätta fritt och kort om enheten och vad ni tror är grunden till att ni är "
            "ett gott exempel. Några stycken räcker."
        ),
        validators=[
            DataRequired("Skriv några rader om enheten innan du skickar."),
            Length(max=TEXT_MAX, message=f"Texten får vara högst {TEXT_MAX} tecken."),
        ],
        render_kw={"rows": 12},
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
                validators=[Optional(), Length(max=TEXT_MAX, message="Svaret är för långt.")],
                render_kw={"rows": 4},
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
                followup.question,
                validators=[Optional(), Length(max=TEXT_MAX, message="Svaret är för långt.")],
                render_kw={"rows": 5},
            ),
        )
    return FollowUpAnswerForm()


class FollowUpForm(SingleSubmitForm):
    question = TextAreaField(
        "Ny följdfråga",
        description=(
            "En fråga i taget, med vardagliga ord, till exempel: Hur gick det till när ni "
            "började? Frågorna skickas först när du väljer att skicka dem till kontaktpersonen."
        ),
        validators=[DataRequired("Skriv frågan."), Length(max=2000)],
        render_kw={"rows": 3},
    )


def case_form(principles: tuple[Term, ...], areas: tuple[Term, ...], obj=None) -> PortalForm:
    """The packaging form; lessons have one field per area of the question set."""

    class CaseForm(PortalForm):
        title = StringField(
            "Rubrik", validators=[DataRequired("Skriv en rubrik."), Length(max=200)]
        )
        setting = StringField(
            "Verksamhet som den beskrivs",
            description="Utan namn, till exempel: En vårdavdelning inom medicin.",
            validators=[Optional(), Length(max=200)],
        )
        summary = TextAreaField(
            "Sammanfattning",
            description="Markdown fungerar: tom rad mellan stycken, * för punktlistor.",
            validators=[Optional(), Length(max=TEXT_MAX)],
            render_kw={"rows": 8},
        )
        principle_keys = CheckboxesField(
            "Principer som exemplet visar",
            choices=[SelectChoice(p.key, p.name) for p in principles],
        )
        anonymised = BooleanField(
            "Jag har tagit bort uppgifter som kan identifiera patienter, medarbetare "
            "eller andra personer"
        )
        version = HiddenField()

    for area in areas:
        setattr(
            CaseForm,
            f"lesson_{area.key}",
            TextAreaField(
                f"Lärdomar: {area.name}",
                validators=[Optional(), Length(max=TEXT_MAX)],
                render_kw={"rows": 5},
            ),
        )
    return CaseForm(obj=obj)


def report_form(areas: tuple[Term, ...]) -> PortalForm:
    class ReportForm(PortalForm):
        intro = TextAreaField(
            "Inledning",
            description="Syfte och hur exemplen samlades in. Markdown fungerar.",
            validators=[Optional(), Length(max=TEXT_MAX)],
            render_kw={"rows": 6},
        )
        case_ids = CheckboxesField(
            "Exempel i rapporten",
            description="Välj omkring tio av de publicerade exemplen.",
            coerce=int,
        )
        version = HiddenField()

    for area in areas:
        setattr(
            ReportForm,
            f"lesson_{area.key}",
            TextAreaField(
                f"Sammanfattade lärdomar: {area.name}",
                validators=[Optional(), Length(max=TEXT_MAX)],
                render_kw={"rows": 6},
            ),
        )
    return ReportForm()
