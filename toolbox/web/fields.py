"""Form fields shared by several features."""

from wtforms import DecimalField
from wtforms.widgets import TextInput


class CommaDecimalField(DecimalField):
    """Accepts the Swedish decimal comma as well as a point, and shows a comma.
    A text input (with inputmode="decimal" in the template), since a number
    input would refuse the comma in some browsers and show a point in others."""

    widget = TextInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return super()._value().replace(".", ",")

    def process_formdata(self, valuelist):
        super().process_formdata([value.replace(",", ".") for value in valuelist])
        if self.data is not None and not self.data.is_finite():
            # NaN and Infinity parse as decimals but cannot be compared or saved.
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))
