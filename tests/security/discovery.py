"""The portal as a visitor finds it: every page, form and download reachable
from the start page and from every argument-free GET rule, per role.

The generated security suites take their targets from here, so that a new
page, form or field is covered without anyone adding it to a list."""

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Rule

# Pages with arguments: how many different objects to open per endpoint, and
# how many addresses (filters, tables of an export) per object.
PER_ENDPOINT = 2
PER_OBJECT = 3
# Text-like inputs a person types into (the XSS and fuzzing targets).
TEXT_KINDS = frozenset({"text", "textarea", "search", "email", "url", "tel", "password"})


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: tuple[str, ...] = ()
    maxlength: int | None = None
    required: bool = False
    checked: bool = False
    minimum: str = ""
    maximum: str = ""


@dataclass(frozen=True)
class Form:
    role: str
    page: str  # where the form was found
    action: str  # path (and query) it posts to
    endpoint: str
    fields: tuple[Field, ...]

    @property
    def text_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind in TEXT_KINDS)

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return self.role, self.endpoint, tuple(f.name for f in self.fields)

    def defaults(self) -> list[tuple[str, str]]:
        """The form as a browser would send it untouched, with each required
        choice made (the first offered option)."""
        sent: list[tuple[str, str]] = []
        groups_done: set[str] = set()
        for item in self.fields:
            if item.kind in ("checkbox", "radio"):
                if item.checked or (item.required and item.name not in groups_done):
                    sent.append((item.name, item.value or "y"))
                    groups_done.add(item.name)
            elif item.kind == "select":
                options = [o for o in item.options if o]
                chosen = item.value or (options[0] if options else "")
                sent.append((item.name, chosen))
            elif item.kind not in ("submit", "button", "reset", "file", "image"):
                sent.append((item.name, item.value))
        return sent


@dataclass(frozen=True)
class Visit:
    role: str
    url: str
    endpoint: str
    status: int
    content_type: str
    cache_control: str


@dataclass
class Site:
    visits: list[Visit] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)

    def pages(self, role: str | None = None) -> list[Visit]:
        return [
            v
            for v in self.visits
            if v.status == 200
            and v.content_type.startswith("text/html")
            and (role is None or v.role == role)
        ]

    def downloads(self) -> list[Visit]:
        return [
            v for v in self.visits if v.status == 200 and not v.content_type.startswith("text/html")
        ]

    def unique_forms(self) -> list[Form]:
        """One form per role, endpoint and set of fields."""
        seen: dict[tuple, Form] = {}
        for form in self.forms:
            seen.setdefault(form.key, form)
        return list(seen.values())


class _PageParser(HTMLParser):
    """Links and POST forms of one page, with their fields as a browser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[str, list[Field]]] = []
        self._form: list[Field] | None = None
        self._textarea: dict | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = []
                self.forms.append((a.get("action", ""), self._form))
        elif self._form is None:
            return
        elif tag in ("input", "button") and a.get("name"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self._form.append(
                Field(
                    a["name"],
                    kind,
                    a.get("value", ""),
                    maxlength=_int(a.get("maxlength")),
                    required="required" in a,
                    checked="checked" in a,
                    minimum=a.get("min", ""),
                    maximum=a.get("max", ""),
                )
            )
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"a": a, "text": []}
        elif tag == "select" and a.get("name"):
            self._select = {"a": a, "options": [], "selected": ""}
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["selected"] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["text"].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            a = self._textarea["a"]
            value = "".join(self._textarea["text"]).removeprefix("\n")
            self._form.append(
                Field(
                    a["name"],
                    "textarea",
                    value,
                    maxlength=_int(a.get("maxlength")),
                    required="required" in a,
                )
            )
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            a = self._select["a"]
            options = tuple(self._select["options"])
            selected = self._select["selected"] or ("" if "multiple" in a else options[0:1] or "")
            self._form.append(
                Field(
                    a["name"],
                    "select",
                    selected if isinstance(selected, str) else selected[0],
                    options=options,
                    required="required" in a,
                )
            )
            self._select = None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def parse_page(html: str) -> tuple[list[str], list[tuple[str, list[Field]]]]:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.links, parser.forms


def endpoint_of(app: Flask, url: str, method: str = "GET") -> tuple[str, dict] | None:
    """The endpoint and arguments a path on this host goes to, or None."""
    parts = urlsplit(url)
    adapter = app.url_map.bind("127.0.0.1")
    try:
        endpoint, args = adapter.match(parts.path, method=method)
    except HTTPException:
        return None
    return endpoint, args


def argument_free_get_rules(app: Flask) -> list[Rule]:
    return sorted(
        (
            r
            for r in app.url_map.iter_rules()
            if "GET" in r.methods and not r.arguments and r.endpoint != "static"
        ),
        key=lambda r: r.rule,
    )


def post_rules(app: Flask) -> list[Rule]:
    return sorted(
        (r for r in app.url_map.iter_rules() if "POST" in r.methods), key=lambda r: r.rule
    )


def on_this_host(base: str, href: str) -> str | None:
    """The path and query of a link on this host; None for anything else."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    absolute = urljoin("http://127.0.0.1" + base, href)
    parts = urlsplit(absolute)
    if parts.netloc not in ("127.0.0.1", "localhost") or parts.path.startswith("/static/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(app: Flask, client: FlaskClient, role: str, extra: Iterable[str] = ()) -> Site:
    """Every page, form and download one visitor reaches by following links
    (breadth first, a few objects per endpoint); GET requests only."""
    site = Site()
    start = ["/", *(r.rule for r in argument_free_get_rules(app)), *extra]
    queue: deque[str] = deque(start)
    taken: dict[str, dict[tuple, int]] = {}
    seen: set[str] = set()
    while queue:
        url = queue.popleft()
        target = endpoint_of(app, url)
        if url in seen or target is None:
            continue
        seen.add(url)
        endpoint, args = target
        objects = taken.setdefault(endpoint, {})
        key = tuple(sorted(args.items()))
        if key not in objects and len(objects) >= PER_ENDPOINT:
            continue
        if objects.get(key, 0) >= PER_OBJECT:
            continue  # enough filters of a page already seen
        objects[key] = objects.get(key, 0) + 1
        try:
            response = client.get(url)
        except Exception as error:  # TESTING propagates errors: report one as a 500
            site.visits.append(Visit(role, url, endpoint, 500, f"error: {error!r}", ""))
            continue
        content_type = response.headers.get("Content-Type", "")
        site.visits.append(
            Visit(
                role,
                url,
                endpoint,
                response.status_code,
                content_type,
                response.headers.get("Cache-Control", ""),
            )
        )
        if response.status_code != 200 or not content_type.startswith("text/html"):
            response.close()
            continue
        links, forms = parse_page(response.get_data(as_text=True))
        for action, fields in forms:
            path = on_this_host(url, action or url)
            found = path and endpoint_of(app, path, "POST")
            if found:
                site.forms.append(Form(role, url, path, found[0], tuple(fields)))
        for href in links:
            path = on_this_host(url, href)
            if path and path not in seen:
                queue.append(path)
    return site
