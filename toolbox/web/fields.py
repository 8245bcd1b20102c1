"""Form fields shared by several features."""

from decimal import Decimal

from babel import numbers
from wtforms import DecimalField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange
from wtforms.widgets import Select, TextInput

from toolbox.web.language import current_locale

Number = int | float | Decimal


def within(least: Number, most: Number, *, missing: str, outside: str) -> list:
    """The validators of a required number from `least` to `most`; `missing`
    and `outside` are the messages for an empty and an out-of-range answer."""
    return [InputRequired(missing), NumberRange(least, most, outside)]


def count_field(
    label: str, description: str, *, default: int, most: int, missing: str, outside: str
) -> IntegerField:
    """A required whole number from 1 to `most` (messages as for `within`)."""
    return IntegerField(
        label,
        description=description,
        default=default,
        validators=within(1, most, missing=missing, outside=outside),
    )


class CommaDecimalField(DecimalField):
    """Accepts the Swedish decimal comma as well as a point, and shows the
    decimal sign of the visitor's language (a comma in Swedish).
    A text input (with inputmode="decimal" in the template), since a number
    input would refuse the comma in some browsers and show a point in others."""

    widget = TextInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return super()._value().replace(".", numbers.get_decimal_symbol(current_locale()))

    def process_formdata(self, valuelist):
        super().process_formdata([value.replace(",", ".") for value in valuelist])
        if self.data is not None and not self.data.is_finite():
            # NaN and Infinity parse as decimals but cannot be compared or saved.
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))


class DataSelect(Select):
    """A select whose options name people's data (units, people, items) as
    they were written: each option is marked lang="sv", except the one for
    none (value "" or 0, such as "Ingen enhet"), which is the interface's."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if choice.value not in ("", 0):
            kwargs.setdefault("lang", "sv")
        return super().render_option(choice, **kwargs)


class DataSelectField(SelectField):
    """A SelectField of data (see DataSelect)."""

    widget = DataSelect()
