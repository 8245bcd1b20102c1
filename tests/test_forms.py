"""The portal's form base: WTForms' own messages in the visitor's language,
from a catalogue read once per language."""

import pytest
from flask import session
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired

from toolbox.web.forms import PortalForm, wtforms_translations


class ChoiceForm(PortalForm):
    class Meta:
        csrf = False

    colour = SelectField(choices=[SelectChoice("rod", "Röd"), SelectChoice("bla", "Blå")])


@pytest.mark.parametrize(
    ("language", "message"), [("sv", "Inte ett giltigt val"), ("en", "Not a valid choice.")]
)
def test_a_choice_not_offered_is_refused_in_the_visitors_language(app, language, message):
    with app.test_request_context("/", method="POST", data={"colour": "gron"}):
        session["lang"] = language
        form = ChoiceForm()
        assert not form.validate()
        assert form.colour.errors == [message]


def test_the_catalogue_is_read_once_per_language(app):
    wtforms_translations.cache_clear()
    for _ in range(3):
        with app.test_request_context("/", method="POST", data={"colour": "gron"}):
            ChoiceForm().validate()
    assert wtforms_translations.cache_info().currsize == 1
    assert wtforms_translations.cache_info().misses == 1


class HiddenForm(PortalForm):
    class Meta:
        csrf = True  # the test configuration turns it off

    version = HiddenField()
    step = HiddenField(validators=[DataRequired()])
    note = StringField()


@pytest.mark.parametrize(
    "value", ["", "7", 'a"b', "<script>&amp;</script>", "å ä ö", "x' onmouseover='y"]
)
def test_hidden_fields_are_written_as_wtforms_writes_them(app, value):
    """hidden_tag writes the hidden inputs itself (CSRF token too), byte for
    byte as WTForms' HiddenInput does without an id; other fields are left
    out unless named, and then rendered by their own widget."""
    with app.test_request_context("/"):
        form = HiddenForm(data={"version": value, "step": value, "note": value})
        wtforms = "\n".join(str(f(id=False)) for f in (form.version, form.step, form.csrf_token))
        assert str(form.hidden_tag()) == wtforms
        assert str(form.hidden_tag("note")) == str(form.note(id=False))
