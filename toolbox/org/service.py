"""The organisation tree and the CSV import of units and users."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from toolbox.audit.service import record
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.models import LEVELS, OrgUnit
from toolbox.roles import ROLES
from toolbox.web.language import gettext as _

UNIT_COLUMNS = ("kod", "namn", "overordnad", "niva", "antal_medarbetare", "chefsstod")
USER_COLUMNS = ("epost", "namn", "roller", "enhet", "chef_for")
TRUE_WORDS = {"", "ja", "j", "1", "true", "aktiv"}
FALSE_WORDS = {"nej", "n", "0", "false", "inaktiv"}


class ImportFailed(ValueError):
    """The file was refused as a whole; errors name their lines."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)


def unit_tree() -> list[tuple[OrgUnit, int]]:
    """Every unit with its depth, parents before children, siblings by name."""
    units = db.session.scalars(select(OrgUnit).order_by(OrgUnit.name)).all()
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[OrgUnit, int]] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        ordered.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.id, [])))
    return ordered


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows (with their line numbers) of a comma or semicolon CSV."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = []
    for row in reader:
        if any((value or "").strip() for value in row.values() if isinstance(value, str)):
            cleaned = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            rows.append((reader.line_num, cleaned))
    return header, rows


def import_csv(text: str, actor_id: int | None = None) -> ImportResult:
    """Import units or users (told apart by the header); all or nothing."""
    header, rows = read_rows(text)
    if set(UNIT_COLUMNS) <= set(header):
        result = _import_units(rows)
    elif set(USER_COLUMNS) <= set(header):
        result = _import_users(rows)
    else:
        raise ImportFailed(
            [
                _(
                    "Rad 1: okänd rubrikrad. Enheter: %(units)s. Användare: %(users)s "
                    "(och valfritt aktiv, extern_id).",
                    units=",".join(UNIT_COLUMNS),
                    users=",".join(USER_COLUMNS),
                )
            ]
        )
    if not rows:
        raise ImportFailed([_("Filen innehåller inga rader efter rubrikraden.")])
    if result.created or result.updated:
        record(
            "org_imported",
            actor_id=actor_id,
            target=result.kind,
            detail=f"{result.created} nya, {result.updated} ändrade, "
            f"{result.unchanged} oförändrade",
        )
    return result


def _parse_count(value: str) -> int | None:
    if value == "":
        return None
    if not value.isdigit():
        raise ValueError(_("antal_medarbetare ska vara ett heltal, inte '%(value)s'", value=value))
    return int(value)


def _parse_support(value: str) -> Decimal | None:
    if value == "":
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(
            _("chefsstod ska vara ett tal som 0,5, inte '%(value)s'", value=value)
        ) from error
    if not Decimal(0) <= number <= Decimal(10):
        raise ValueError(_("chefsstod ska vara mellan 0 och 10 tjänster"))
    return number.quantize(Decimal("0.01"))


def _unit_row(row: dict, seen: set[str], existing: set[str]) -> tuple[str, str, dict]:
    """A row's code, parent code and values; ValueError says what is wrong.
    `seen`: the codes of earlier rows; `existing`: those in the database."""
    code, parent = row["kod"], row["overordnad"]
    if not code or not row["namn"]:
        raise ValueError(_("kod och namn måste vara ifyllda"))
    if code in seen:
        raise ValueError(_("koden %(code)s finns redan tidigare i filen", code=code))
    if row["niva"] not in LEVELS:
        raise ValueError(_("niva ska vara en av %(levels)s", levels=", ".join(LEVELS)))
    if parent and parent not in seen and parent not in existing:
        raise ValueError(_("överordnad enhet %(code)s finns inte (ange den före)", code=parent))
    if parent == code:
        raise ValueError(_("en enhet kan inte vara sin egen överordnade"))
    values = {
        "name": row["namn"][:200],
        "level": row["niva"],
        "staff_count": _parse_count(row["antal_medarbetare"]),
        "manager_support": _parse_support(row["chefsstod"]),
    }
    return code, parent, values


def row_error(line: int, error: ValueError) -> str:
    return _("Rad %(line)s: %(error)s.", line=line, error=error)


def _import_units(rows) -> ImportResult:
    existing = {u.code: u for u in db.session.scalars(select(OrgUnit))}
    errors: list[str] = []
    parsed = []
    seen: set[str] = set()
    for line, row in rows:
        try:
            code, parent, values = _unit_row(row, seen, existing.keys())
        except ValueError as error:
            errors.append(row_error(line, error))
            continue
        seen.add(code)
        parsed.append((code, parent, values))
    if errors:
        raise ImportFailed(errors)
    result = ImportResult(kind="enheter")
    for code, parent_code, values in parsed:
        unit = existing.get(code)
        if unit is None:
            unit = OrgUnit(code=code, **values)
            db.session.add(unit)
            existing[code] = unit
            result.created += 1
        elif _assign(unit, values):
            result.updated += 1
        else:
            result.unchanged += 1
        parent = existing.get(parent_code) if parent_code else None
        if unit.parent is not parent:
            if unit in result_parents(parent):
                raise ImportFailed(
                    [
                        _(
                            "Enheten %(code)s: överordnad %(parent)s ger en slinga.",
                            code=code,
                            parent=parent_code,
                        )
                    ]
                )
            unit.parent = parent
    return result


def result_parents(unit: OrgUnit | None) -> list[OrgUnit]:
    chain = []
    while unit is not None:
        chain.append(unit)
        unit = unit.parent
    return chain


def _assign(obj, values: dict) -> bool:
    """Set only what differs, so that an unchanged row stays untouched."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _parse_user_row(row: dict[str, str], units: dict[str, OrgUnit]) -> dict:
    try:
        email = validate_email(row["epost"], check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError(_("ogiltig e-postadress '%(email)s'", email=row["epost"])) from error
    if not row["namn"]:
        raise ValueError(_("namn måste vara ifyllt"))
    roles = set(row["roller"].replace(",", " ").replace("|", " ").split())
    if not roles or roles - set(ROLES):
        raise ValueError(_("roller ska vara en eller flera av %(roles)s", roles=", ".join(ROLES)))
    for column in ("enhet", "chef_for"):
        if row[column] and row[column] not in units:
            raise ValueError(
                _("%(column)s: enheten %(code)s finns inte", column=column, code=row[column])
            )
    active = row.get("aktiv", "").lower()
    if active not in TRUE_WORDS | FALSE_WORDS:
        raise ValueError(_("aktiv ska vara ja eller nej"))
    return {
        "email": email,
        "extern_id": row.get("extern_id", ""),
        "name": row["namn"][:200],
        "roles": roles,
        "unit": units.get(row["enhet"]),
        "manages": units.get(row["chef_for"]),
        "active": active in TRUE_WORDS,
    }


def _check_link(values: dict, users: dict[str, User], subjects: dict[str, User]) -> None:
    """An account linked to a login at the identity provider is only changed
    when the row names the same identity in extern_id (the confirmation that it
    is this person's); an extern_id is stored on one account only."""
    user = users.get(values["email"])
    wanted = values["extern_id"]
    linked = user.external_subject if user is not None else None
    if linked and wanted != linked:
        raise ValueError(
            _(
                "kontot är kopplat till en inloggning hos identitetsleverantören; ange "
                "dess id (%(id)s) i kolumnen extern_id för att bekräfta att det är samma person",
                id=linked,
            )
        )
    owner = subjects.get(wanted) if wanted else None
    if owner is not None and owner is not user:
        raise ValueError(
            _("extern_id %(id)s hör redan till %(email)s", id=wanted, email=owner.email)
        )


def _import_users(rows) -> ImportResult:
    units = {u.code: u for u in db.session.scalars(select(OrgUnit))}
    users = {u.email: u for u in db.session.scalars(select(User))}
    subjects = {u.external_subject: u for u in users.values() if u.external_subject}
    errors, parsed, seen = [], [], {}
    managed: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for line, row in rows:
        try:
            values = _parse_user_row(row, units)
            if values["email"] in seen:
                raise ValueError(
                    _("adressen finns redan på rad %(line)s", line=seen[values["email"]])
                )
            _check_link(values, users, subjects)
            if values["extern_id"] in seen_ids:
                raise ValueError(
                    _("extern_id finns redan på rad %(line)s", line=seen_ids[values["extern_id"]])
                )
            if row["chef_for"] and row["chef_for"] in managed:
                raise ValueError(
                    _(
                        "enheten %(code)s har redan en chef på rad %(line)s",
                        code=row["chef_for"],
                        line=managed[row["chef_for"]],
                    )
                )
        except ValueError as error:
            errors.append(row_error(line, error))
            continue
        seen[values["email"]] = line
        if values["extern_id"]:
            seen_ids[values["extern_id"]] = line
        if row["chef_for"]:
            managed[row["chef_for"]] = line
        parsed.append(values)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult(kind="användare")
    for values in parsed:
        _upsert_user(values, users, result)
    return result


def _upsert_user(values: dict, users: dict[str, User], result: ImportResult) -> None:
    user = users.get(values["email"])
    attributes = {"name": values["name"], "unit": values["unit"], "active": values["active"]}
    created = user is None
    if created:
        user = User(email=values["email"], **attributes)
        db.session.add(user)
        users[user.email] = user
    changed = _assign(user, attributes)
    if values["extern_id"] and user.external_subject != values["extern_id"]:
        # The person's id at the identity provider: their first sign-in finds
        # this account without an e-mail match (Entra sends no email_verified).
        user.external_subject = values["extern_id"]
        changed = True
    if user.roles != values["roles"]:
        user.set_roles(values["roles"])
        changed = True
    manages = values["manages"]
    if manages is not None and manages.manager is not user:
        manages.manager = user
        changed = True
    if created:
        result.created += 1
    elif changed:
        result.updated += 1
    else:
        result.unchanged += 1
