"""The organisation: a tree of units from förvaltning down to enhet."""

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from toolbox.extensions import db
from toolbox.web.language import lazy_gettext as _l

if TYPE_CHECKING:  # the models refer to each other by name
    from toolbox.auth.models import User

LEVELS = ("forvaltning", "omrade", "verksamhet", "enhet")
LEVEL_LABELS = {
    "forvaltning": _l("Förvaltning"),
    "omrade": _l("Område"),
    "verksamhet": _l("Verksamhet"),
    "enhet": _l("Enhet"),
}


class OrgUnit(db.Model):
    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("org_units.id", ondelete="RESTRICT"), index=True
    )
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True), index=True
    )
    staff_count: Mapped[int | None]
    # Chefsstöd as a fraction of a full-time post, e.g. 0.5.
    manager_support: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    version: Mapped[int] = mapped_column(default=1)

    parent: Mapped["OrgUnit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["OrgUnit"]] = relationship(back_populates="parent")
    # post_update: users and units refer to each other, so the manager is set
    # in a second statement once both rows exist.
    manager: Mapped["User | None"] = relationship(foreign_keys=[manager_id], post_update=True)
    members: Mapped[list["User"]] = relationship(foreign_keys="User.unit_id", back_populates="unit")

    __mapper_args__ = {"version_id_col": version}

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]
