"""Filling in a discovered form the way a patient person would: keep what the
page shows, choose an option where one is needed, and when the form comes
back with an error, try the next plausible value in the field it names.

The suites use it to get chosen values – formulas, scripts, fuzz – saved
through the features' own forms rather than written into the database."""

import itertools
import re
from dataclasses import dataclass, field
from datetime import timedelta

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from tests.security.discovery import Field, Form, on_this_host, parse_page
from toolbox import clock

ERROR_ID = re.compile(r'id="([^"]+)-error"')
SAVED = (301, 302, 303)
ATTEMPTS = 8
# Kinds a person types free text into, which the suites fill with their values.
TYPED = frozenset({"text", "textarea", "search"})
_serial = itertools.count(1)


@dataclass(frozen=True)
class Answer:
    status: int
    html: str
    headers: dict[str, str]


@dataclass
class Filled:
    status: int
    sent: list[tuple[str, str]]
    html: str
    refused: set[str] = field(default_factory=set)  # fields that refused the value
    answers: list[Answer] = field(default_factory=list)  # every response on the way
    location: str = ""  # where a saved form led

    @property
    def saved(self) -> bool:
        return self.status in SAVED


def typed_fields(form: Form) -> list[str]:
    """The free-text fields of the form, each once."""
    return list(dict.fromkeys(f.name for f in form.fields if f.kind in TYPED))


def candidates(item: Field, position: int) -> list[str]:
    """Plausible values for one field, the page's own value first."""
    n = next(_serial)
    if item.kind == "number":
        values = [item.value, item.minimum or "1", "2", item.maximum, "10"]
    elif item.kind == "date":
        ahead = clock.today() + timedelta(days=14 * (position + 1))
        values = [item.value, ahead.isoformat(), (ahead + timedelta(days=400)).isoformat()]
    elif item.kind == "email":
        values = [item.value, f"prov{n}@example.se"]
    elif item.kind == "url":
        values = [item.value, f"https://example.se/prov-{n}", ""]
    elif item.kind == "select":
        values = [item.value, *(o for o in item.options if o)]
    else:
        values = [
            item.value,
            f"Provtext {n}",
            "2",
            f"prov-{n}",
            f"prov{n}@example.se",
            f"https://example.se/prov-{n}",
            f"{clock.today() + timedelta(days=30)}",
        ]
    return [v for v in dict.fromkeys(values) if v is not None and (v or item.kind == "url")] or [""]


def form_data(form: Form, choice: dict[str, int], overrides: dict[str, str]) -> list[tuple]:
    """The fields as sent: overrides in typed fields, a choice everywhere else."""
    sent: list[tuple[str, str]] = []
    groups: dict[str, list[Field]] = {}
    for item in form.fields:
        if item.kind in ("checkbox", "radio"):
            groups.setdefault(item.name, []).append(item)
    done: set[str] = set()
    for position, item in enumerate(form.fields):
        name = item.name
        if name in done or item.kind in ("submit", "button", "reset", "file", "image"):
            continue
        if item.kind in ("checkbox", "radio"):
            done.add(name)
            sent += group_values(groups[name], choice.get(name, 0))
        elif name in overrides:
            sent.append((name, overrides[name]))
        elif item.kind in {"hidden", "password"}:
            sent.append((name, item.value))
        else:
            options = candidates(item, position)
            sent.append((name, options[choice.get(name, 0) % len(options)]))
    return sent


def group_values(items: list[Field], turn: int) -> list[tuple[str, str]]:
    """Check boxes and radio buttons: as shown, then one more, then the next."""
    checked = [i for i in items if i.checked]
    if items[0].kind == "radio":
        chosen = checked[0] if checked and turn == 0 else items[turn % len(items)]
        return [(chosen.name, chosen.value or "y")]
    picked = list(checked)
    if turn:
        extra = [i for i in items if i not in picked]
        picked += extra[: turn % (len(extra) + 1)] or items[:1]
    return [(i.name, i.value or "y") for i in picked]


def fresh(client: FlaskClient, form: Form) -> Form:
    """The form as its page shows it now: a new single-use submission token,
    the current version number, the values saved since the crawl."""
    response = client.get(form.page)
    if response.status_code != 200:
        response.close()
        return form
    _, forms = parse_page(response.get_data(as_text=True))
    for action, fields in forms:
        names = tuple(f.name for f in fields)
        if on_this_host(form.page, action or form.page) == form.action and names == tuple(
            f.name for f in form.fields
        ):
            return Form(form.role, form.page, form.action, form.endpoint, tuple(fields))
    return form


def fill(client: FlaskClient, form: Form, overrides: dict[str, str] | None = None) -> Filled:
    """Post the form with `overrides` until it is saved or no field error is
    left to work on. An override that its field refuses is dropped (and
    named in `refused`), so that the other fields still get theirs saved."""
    form = fresh(client, form)
    overrides = dict(overrides or {})
    choice: dict[str, int] = {}
    refused: set[str] = set()
    answers: list[Answer] = []
    for _ in range(ATTEMPTS):
        sent = form_data(form, choice, overrides)
        response = client.post(form.action, data=MultiDict(sent))
        html = response.get_data(as_text=True)
        answers.append(Answer(response.status_code, html, dict(response.headers)))
        if response.status_code in SAVED or response.status_code >= 500:
            break
        names = {f.name for f in form.fields}
        named = {name for name in ERROR_ID.findall(html) if name in names}
        if not named:
            break
        for name in named:
            if name in overrides:
                refused.add(name)
                del overrides[name]
            else:
                choice[name] = choice.get(name, 0) + 1
    location = response.headers.get("Location", "") if response.status_code in SAVED else ""
    return Filled(response.status_code, sent, html, refused, answers, location)
