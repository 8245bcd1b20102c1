"""Catalog forms: HR's item editor and review, paths, and the manager's plan."""

from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from toolbox.catalog.models import (
    FORMATS,
    KINDS,
    MODES,
    PLAN_STATUSES,
    PRIORITIES,
    PROVIDERS,
    TARGET_GROUPS,
)
from toolbox.submissions.service import SingleSubmitForm
from toolbox.web.forms import PortalForm


def choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in labels.items()]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ItemForm(PortalForm):
    title = StringField("Titel", validators=[DataRequired("Fyll i en titel."), Length(max=200)])
    slug = StringField(
        "Adress (slug)",
        description=(
            "Görs av titeln om du lämnar fältet tomt. Små bokstäver a–z, siffror och "
            "bindestreck. Kan inte ändras när objektet är sparat."
        ),
        validators=[
            Optional(),
            Length(max=120),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message="Bara a–z, 0–9 och bindestreck."),
        ],
    )
    summary = TextAreaField(
        "Sammanfattning",
        validators=[DataRequired("Fyll i en sammanfattning."), Length(max=600)],
        render_kw={"rows": 3},
    )
    body = TextAreaField(
        "Beskrivning",
        description="Markdown: ## rubrik, - lista, **fet**, [länk](https://…).",
        validators=[Length(max=20000)],
        render_kw={"rows": 12},
    )
    kind = RadioField("Typ", choices=choices(KINDS), validators=[DataRequired("Välj en typ.")])
    format = SelectField("Form", choices=choices(FORMATS))
    provider = SelectField("Anordnare", choices=choices(PROVIDERS))
    target_groups = CheckboxesField(
        "Målgrupper",
        choices=choices(TARGET_GROUPS),
        validators=[DataRequired("Välj minst en målgrupp.")],
    )
    areas = CheckboxesField("Områden", validators=[DataRequired("Välj minst ett område.")])
    principles = CheckboxesField("Principer", validators=[DataRequired("Välj minst en princip.")])
    duration = StringField(
        "Omfattning",
        description="Till exempel 45 minuter eller 3 heldagar.",
        validators=[Length(max=100)],
    )
    cost_sek = IntegerField(
        "Kostnad för enheten (kronor)",
        default=0,
        validators=[Optional(), NumberRange(0, 10_000_000, "Ange 0 eller ett positivt belopp.")],
    )
    mode = SelectField("Genomförande", choices=choices(MODES))
    location = StringField("Plats", validators=[Length(max=200)])
    language = SelectField(
        "Språk", choices=[SelectChoice("sv", "Svenska"), SelectChoice("en", "Engelska")]
    )
    link = URLField(
        "Länk",
        validators=[
            Optional(),
            Length(max=500),
            URL(message="Skriv en fullständig adress som börjar med https://."),
        ],
    )
    next_dates = StringField("Nästa tillfällen", validators=[Length(max=300)])
    contact = StringField("Kontakt", validators=[Length(max=200)])
    version = HiddenField()
    submit = SubmitField("Spara")


class ReviewForm(PortalForm):
    step = HiddenField(validators=[DataRequired()])
    priority = RadioField(
        "Prioritet mot ramverket", choices=choices(PRIORITIES), validators=[Optional()]
    )
    note = TextAreaField(
        "Motivering",
        description="Varför beslutet? Motiveringen sparas i objektets historik.",
        validators=[Length(max=4000)],
        render_kw={"rows": 4},
    )
    next_review_on = DateField("Nästa granskning", validators=[Optional()])
    version = HiddenField()


class PathForm(PortalForm):
    title = StringField("Namn", validators=[DataRequired("Fyll i ett namn."), Length(max=200)])
    slug = StringField(
        "Adress (slug)",
        validators=[
            DataRequired("Fyll i en adress."),
            Length(max=120),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message="Bara a–z, 0–9 och bindestreck."),
        ],
    )
    description = TextAreaField("Beskrivning", validators=[Length(max=4000)], render_kw={"rows": 4})
    items = TextAreaField(
        "Steg i ordning",
        description="En adress (slug) per rad, i den ordning stegen ska tas.",
        validators=[DataRequired("Lägg till minst ett steg.")],
        render_kw={"rows": 8},
    )
    version = HiddenField()
    submit = SubmitField("Spara lärvägen")


class PlanAddForm(SingleSubmitForm):
    submit = SubmitField("Lägg till i min utvecklingsplan")
    # The page to come back to (kept on this host by safe_next); empty: the item.
    next = HiddenField()


def plan_forms(item_ids, back: str) -> dict[int, PlanAddForm]:
    """One "Lägg i min utvecklingsplan" form per recommended item, each with
    its own single-use submission token, coming back to `back`."""
    return {item_id: PlanAddForm(formdata=None, next=back) for item_id in item_ids}


class PlanStatusForm(PortalForm):
    status = SelectField("Status", choices=choices(PLAN_STATUSES))
    submit = SubmitField("Spara status")


class RatingForm(PortalForm):
    rating = RadioField(
        "Hjälpte det?",
        coerce=int,
        choices=[
            SelectChoice(1, "1 – inte alls"),
            SelectChoice(2, "2"),
            SelectChoice(3, "3"),
            SelectChoice(4, "4"),
            SelectChoice(5, "5 – mycket"),
        ],
        validators=[DataRequired("Välj ett betyg 1–5.")],
    )
    comment = TextAreaField(
        "Kommentar (valfri)", validators=[Length(max=2000)], render_kw={"rows": 3}
    )
    submit = SubmitField("Spara betyg")
