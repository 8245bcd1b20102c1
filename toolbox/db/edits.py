"""The two ways an edit of a stored record can fail, shared by every feature."""


class EditConflict(Exception):
    """Someone saved the record after the form was opened: the version the
    form was loaded with no longer matches the row's `version_id` (SQLAlchemy's
    optimistic lock). The view shows the form again with the current values."""


class EditRefused(ValueError):
    """The change breaks a rule of the feature and is not saved; the message
    is for the user."""
