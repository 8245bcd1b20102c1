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
from toolbox.web.language import lazy_gettext as _l


def choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in labels.items()]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ItemForm(PortalForm):
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Fyll i en titel.")), Length(max=200)]
    )
    slug = StringField(
        _l("Adress (slug)"),
        description=_l(
            "Görs av titeln om du lämnar fältet tomt. Små bokstäver a–z, siffror och "
            "bindestreck. Kan inte ändras när objektet är sparat."
        ),
        validators=[
            Optional(),
            Length(max=120),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Bara a–z, 0–9 och bindestreck.")),
        ],
    )
    summary = TextAreaField(
        _l("Sammanfattning"),
        validators=[DataRequired(_l("Fyll i en sammanfattning.")), Length(max=600)],
        render_kw={"rows": 3, "lang": "sv"},
    )
    body = TextAreaField(
        _l("Beskrivning"),
        description=_l("Markdown: ## rubrik, - lista, **fet**, [länk](https://…)."),
        validators=[Length(max=20000)],
        render_kw={"rows": 12, "lang": "sv"},
    )
    kind = RadioField(
        _l("Typ"), choices=choices(KINDS), validators=[DataRequired(_l("Välj en typ."))]
    )
    format = SelectField(_l("Form"), choices=choices(FORMATS))
    provider = SelectField(_l("Anordnare"), choices=choices(PROVIDERS))
    target_groups = CheckboxesField(
        _l("Målgrupper"),
        choices=choices(TARGET_GROUPS),
        validators=[DataRequired(_l("Välj minst en målgrupp."))],
    )
    areas = CheckboxesField(_l("Områden"), validators=[DataRequired(_l("Välj minst ett område."))])
    principles = CheckboxesField(
        _l("Principer"), validators=[DataRequired(_l("Välj minst en princip."))]
    )
    duration = StringField(
        _l("Omfattning"),
        description=_l("Till exempel 45 minuter eller 3 heldagar."),
        validators=[Length(max=100)],
    )
    cost_sek = IntegerField(
        _l("Kostnad för enheten (kronor)"),
        default=0,
        validators=[
            Optional(),
            NumberRange(0, 10_000_000, _l("Ange 0 eller ett positivt belopp.")),
        ],
    )
    mode = SelectField(_l("Genomförande"), choices=choices(MODES))
    location = StringField(_l("Plats"), validators=[Length(max=200)])
    language = SelectField(
        _l("Språk"),
        choices=[SelectChoice("sv", _l("Svenska")), SelectChoice("en", _l("Engelska"))],
    )
    link = URLField(
        _l("Länk"),
        validators=[
            Optional(),
            Length(max=500),
            URL(message=_l("Skriv en fullständig adress som börjar med https://.")),
        ],
    )
    next_dates = StringField(_l("Nästa tillfällen"), validators=[Length(max=300)])
    contact = StringField(_l("Kontakt"), validators=[Length(max=200)])
    version = HiddenField()
    submit = SubmitField(_l("Spara"))


class ReviewForm(PortalForm):
    step = HiddenField(validators=[DataRequired()])
    priority = RadioField(
        _l("Prioritet mot ramverket"), choices=choices(PRIORITIES), validators=[Optional()]
    )
    note = TextAreaField(
        _l("Motivering"),
        description=_l("Varför beslutet? Motiveringen sparas i objektets historik."),
        validators=[Length(max=4000)],
        render_kw={"rows": 4, "lang": "sv"},
    )
    next_review_on = DateField(_l("Nästa granskning"), validators=[Optional()])
    version = HiddenField()


class PathForm(PortalForm):
    title = StringField(
        _l("Namn"), validators=[DataRequired(_l("Fyll i ett namn.")), Length(max=200)]
    )
    slug = StringField(
        _l("Adress (slug)"),
        validators=[
            DataRequired(_l("Fyll i en adress.")),
            Length(max=120),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Bara a–z, 0–9 och bindestreck.")),
        ],
    )
    description = TextAreaField(
        _l("Beskrivning"), validators=[Length(max=4000)], render_kw={"rows": 4, "lang": "sv"}
    )
    items = TextAreaField(
        _l("Steg i ordning"),
        description=_l("En adress (slug) per rad, i den ordning stegen ska tas."),
        validators=[DataRequired(_l("Lägg till minst ett steg."))],
        render_kw={"rows": 8},
    )
    version = HiddenField()
    submit = SubmitField(_l("Spara lärvägen"))


class PlanAddForm(SingleSubmitForm):
    submit = SubmitField(_l("Lägg till i min utvecklingsplan"))
    # The page to come back to (kept on this host by safe_next); empty: the item.
    next = HiddenField()


def plan_forms(item_ids, back: str) -> dict[int, PlanAddForm]:
    """One "Lägg i min utvecklingsplan" form per recommended item, each with
    its own single-use submission token, coming back to `back`."""
    return {item_id: PlanAddForm(formdata=None, next=back) for item_id in item_ids}


class PlanStatusForm(PortalForm):
    status = SelectField(_l("Status"), choices=choices(PLAN_STATUSES))
    submit = SubmitField(_l("Spara status"))


class RatingForm(PortalForm):
    rating = RadioField(
        _l("Hjälpte det?"),
        coerce=int,
        choices=[
            SelectChoice(1, _l("1 – inte alls")),
            SelectChoice(2, "2"),
            SelectChoice(3, "3"),
            SelectChoice(4, "4"),
            SelectChoice(5, _l("5 – mycket")),
        ],
        validators=[DataRequired(_l("Välj ett betyg 1–5."))],
    )
    comment = TextAreaField(
        _l("Kommentar (valfri)"), validators=[Length(max=2000)], render_kw={"rows": 3, "lang": "sv"}
    )
    submit = SubmitField(_l("Spara betyg"))
