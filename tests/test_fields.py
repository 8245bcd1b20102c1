"""The shared decimal field: a Swedish comma in and out (a point shown in
English), nothing that is not a number."""

from decimal import Decimal

import pytest
from flask import session
from werkzeug.datastructures import MultiDict
from wtforms import Form

from toolbox.web.fields import CommaDecimalField


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
