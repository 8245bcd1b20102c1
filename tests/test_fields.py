"""The shared fields: the decimal field (a Swedish comma in and out, a point
shown in English, nothing that is not a number) and the select of data."""

from decimal import Decimal

import pytest
from flask import session
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectChoice

from toolbox.web.fields import CommaDecimalField, DataSelectField


class HoursForm(Form):
    hours = CommaDecimalField(places=1)


def test_a_comma_or_a_point_is_read_and_a_comma_shown():
    assert HoursForm(MultiDict({"hours": "2,5"})).hours.data == Decimal("2.5")
    assert HoursForm(MultiDict({"hours": "2.5"})).hours.data == Decimal("2.5")
    shown = HoursForm(data={"hours": Decimal("2.5")}).hours
    assert shown() == '<input id="hours" name="hours" type="text" value="2,5">'


def test_english_shows_a_point(app):
    with app.test_request_context("/"):
        session["lang"] = "en"
        shown = HoursForm(data={"hours": Decimal("2.5")}).hours
        assert shown() == '<input id="hours" name="hours" type="text" value="2.5">'


@pytest.mark.parametrize("sent", ["NaN", "sNaN", "Infinity", "-inf", "mycket"])
def test_what_is_not_a_finite_number_is_refused_and_shown_as_sent(sent):
    form = HoursForm(MultiDict({"hours": sent}))
    assert not form.validate()
    assert form.hours.data is None
    assert form.hours.errors
    assert f'value="{sent}"' in form.hours()


class UnitForm(Form):
    unit = DataSelectField(
        coerce=int, choices=[SelectChoice(0, "Ingen enhet"), SelectChoice(7, "Bild och funktion")]
    )


def test_a_select_of_data_marks_the_names_swedish_and_leaves_none_to_the_interface():
    shown = UnitForm(data={"unit": 7}).unit()
    assert '<option value="0">Ingen enhet</option>' in shown
    assert '<option lang="sv" selected value="7">Bild och funktion</option>' in shown
