"""The two buttons of Mina uppgifter."""

from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired


class ExportForm(FlaskForm):
    """Download everything: only the CSRF token."""


class DeleteReflectionsForm(FlaskForm):
    confirm = BooleanField(
        "Ja, ta bort alla mina självskattningar och utkast för gott",
        validators=[DataRequired("Kryssa i rutan om du vill ta bort allt.")],
    )
