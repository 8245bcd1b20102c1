"""Zero errors from the Nu HTML Checker on every page kind of every role
(issue 21): each page a visitor reaches by following links on the demo data,
one per endpoint (and per step of a multi-step form or content page), and the
error page, validated in one run of vnu – with CSRF on, as in production, so
that the hidden security fields are on the pages too."""

import re

from sqlalchemy import select

from tests.security.conftest import visitor_client
from tests.security.demo import VISITORS
from tests.security.discovery import endpoint_of
from tests.security.nu_checker import check
from toolbox.extensions import db
from toolbox.tasks.models import Task
from toolbox.tasks.workflow import TRANSITIONS

# Arguments that make another kind of page of the same endpoint (the steps of
# a form, the content pages); other arguments only pick the object shown.
KIND_ARGUMENTS = {"step", "area"}
KIND_ENDPOINTS = {"home.page"}


def kind_of(app, url: str, endpoint: str) -> str:
    args = (endpoint_of(app, url) or ("", {}))[1]
    if endpoint in KIND_ENDPOINTS:
        return f"{endpoint}-{'-'.join(str(v) for v in args.values())}"
    shown = [str(v) for k, v in sorted(args.items()) if k in KIND_ARGUMENTS]
    return "-".join([endpoint, *shown])


def task_steps(app, visitor: str) -> dict[str, str]:
    """Every step form of the task register the visitor's role may take, on a
    demo task where it can be taken (links show only the steps of one task)."""
    found = {}
    with app.app_context():
        for transition in TRANSITIONS:
            if visitor not in transition.actors:
                continue
            task_id = db.session.scalar(
                select(Task.id).where(Task.status == transition.source).order_by(Task.id).limit(1)
            )
            if task_id:
                found[f"tasks.step-{transition.step}"] = (
                    f"/uppgifter/{task_id}/steg/{transition.step}"
                )
    return found


def test_every_page_kind_of_every_role_is_valid_html(
    demo_app, demo_seed, sites, tmp_path, monkeypatch, figure
):
    monkeypatch.setitem(demo_app.config, "WTF_CSRF_ENABLED", True)
    written = 0
    for visitor in VISITORS:
        client = visitor_client(demo_app, visitor, demo_seed.prepared)
        kinds: dict[str, str] = {}
        for visit in sites[visitor].pages():
            kinds.setdefault(kind_of(demo_app, visit.url, visit.endpoint), visit.url)
        kinds |= task_steps(demo_app, visitor)
        kinds["404"] = "/finns-inte"
        for kind, url in sorted(kinds.items()):
            response = client.get(url)
            assert response.status_code == (404 if kind == "404" else 200), url
            name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{visitor}--{kind}")
            (tmp_path / f"{name}.html").write_bytes(response.data)
            written += 1
    assert written >= 100
    problems = check(tmp_path)
    report = "\n".join(f"{p.file}:{p.line}: {p.message} [{p.extract[:100]}]" for p in problems)
    assert not problems, f"{len(problems)} errors:\n{report}"
    figure("HTML: page kinds validated by the Nu HTML Checker", written)
