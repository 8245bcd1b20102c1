"""The deletion form of Mina uppgifter (the download is a ConfirmForm)."""

from wtforms import BooleanField
from wtforms.validators import DataRequired

from toolbox.web.forms import PortalForm
from toolbox.web.language import lazy_gettext as _l


class DeleteReflectionsForm(PortalForm):
    confirm = BooleanField(
        _l("Ja, ta bort alla mina självskattningar och utkast för gott"),
        validators=[DataRequired(_l("Kryssa i rutan om du vill ta bort allt."))],
    )
