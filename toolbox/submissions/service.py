"""Claiming a form's single-use token, safe under double clicks and parallel posts."""

import secrets

from sqlalchemy.exc import IntegrityError
from wtforms import HiddenField
from wtforms.validators import Length

from toolbox.extensions import db
from toolbox.submissions.models import UsedSubmission
from toolbox.web.forms import PortalForm

TOKEN_LENGTHS = range(16, 65)  # what a submission token may be


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SingleSubmitForm(PortalForm):
    """A form whose hidden token lets the server accept it only once."""

    submission = HiddenField(
        default=new_token, validators=[Length(min=TOKEN_LENGTHS.start, max=TOKEN_LENGTHS.stop - 1)]
    )


def claim(token: str) -> bool:
    """Mark the token used; False when it was used before (a repeated post).

    Call it in the same transaction as the write it guards, so that both
    commit together or neither does."""
    try:
        with db.session.begin_nested():
            db.session.add(UsedSubmission(token=token))
    except IntegrityError:
        return False
    return True
