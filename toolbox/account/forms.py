"""The deletion form of Mina uppgifter (the download is a ConfirmForm)."""

from wtforms import BooleanField
from wtforms.validators import DataRequired

from toolbox.web.forms import PortalForm


class DeleteReflectionsForm(PortalForm):
    confirm = BooleanField(
        "Ja, ta bort alla mina självskattningar och utkast för gott",
        validators=[DataRequired("Kryssa i rutan om du vill ta bort allt.")],
    )
