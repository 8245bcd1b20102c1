"""The deletion form of Mina uppgifter (the download is a ConfirmForm)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired


class DeleteReflectionsForm(FlaskForm):
    confirm = BooleanField(
        "Ja, ta bort alla mina självskattningar och utkast för gott",
        validators=[DataRequired("Kryssa i rutan om du vill ta bort allt.")],
    )
