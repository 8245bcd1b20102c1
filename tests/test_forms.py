"""The portal's form base: WTForms' own messages in the visitor's language,
from a catalogue read once per language."""

import pytest
from flask import session
from wtforms import SelectChoice, SelectField

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
