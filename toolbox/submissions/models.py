"""Single-use submission tokens: a form posted twice creates one record."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from toolbox.clock import utcnow
from toolbox.extensions import db


class UsedSubmission(db.Model):
    __tablename__ = "used_submissions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
