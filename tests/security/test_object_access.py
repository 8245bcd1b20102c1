"""Object-level checks on every route with an id (PRODUCT.md sections 5 and
6): the role a route asks for is not enough when the object is someone
else's. Generated from the URL map: every integer `*_id` argument of every
rule must be classified below – as owned (another user, even one holding
every other role, gets 403 or 404 and changes nothing), or as shared by
everyone the route's roles let in, with the reason. A new id route that is
in neither table fails the first test."""

from dataclasses import dataclass, field

import pytest
from flask import Flask
from sqlalchemy import ColumnElement, select
from werkzeug.routing import Rule

from tests.conftest import PASSWORD_HASH
from tests.security.conftest import changed_tables, table_state
from toolbox.auth.models import User
from toolbox.catalog.models import PlanEntry
from toolbox.examples.models import Example, ExampleCase, FollowUp
from toolbox.extensions import db
from toolbox.feedback.models import FeedbackRound
from toolbox.reflection.models import Reflection
from toolbox.roles import ROLES
from toolbox.tasks.models import Task
from toolbox.teams.models import Dialogue


@dataclass(frozen=True)
class Owned:
    """Objects that only their owner (or a privileged role) may use."""

    model: type
    owner: str | None  # the column naming the owning user; None: nobody owns it
    where: ColumnElement[bool] | None = None  # the objects the rule is about
    privileged: frozenset[str] = field(default_factory=frozenset)


# Ownership by argument name, unless the endpoint says otherwise below.
OWNED_ARGUMENTS = {
    "reflection_id": Owned(Reflection, "user_id"),
    "entry_id": Owned(PlanEntry, "user_id"),
    "round_id": Owned(FeedbackRound, "manager_id"),
    # A leadership-team dialogue: its leader's pages; members answer through teams.answer.
    "dialogue_id": Owned(Dialogue, "leader_id"),
}
OWNED_ENDPOINTS = {
    ("examples.answer_mine", "example_id"): Owned(Example, "contact_user_id"),
    # A proposal is its proposer's to change while it is new; HR may change any.
    ("tasks.edit", "task_id"): Owned(
        Task, "proposer_id", Task.status == "inkommen", frozenset({"hr"})
    ),
    # A case that is not published is HR's working material.
    ("examples.case", "case_id"): Owned(
        ExampleCase, None, ExampleCase.published_at.is_(None), frozenset({"hr"})
    ),
}
# Objects everyone the route's roles admit may use; test_policy.py holds the roles.
SHARED_ARGUMENTS = {
    "user_id": "administrators manage every account",
    "unit_id": "administrators manage the whole organisation",
    "item_id": "HR curates the whole catalog",
    "path_id": "HR curates every learning path",
    "goal_id": "leadership's goals belong to the organisation, not to one person",
    "action_id": "leadership's action plan belongs to the organisation",
    "collection_id": "HR runs every collection of good examples; managers propose to open ones",
    "example_id": "HR works on every example of its collections",
    "case_id": "HR packages every case; published cases are for every role",
    "followup_id": "HR's questions; checked against their example below",
    "task_id": "the task register is shared by managers, HR and leadership",
    "activity_id": "leadership's programme plan belongs to the organisation",
}
# Routes for the members of an object rather than its owner, tested in the feature's tests.
MEMBERS_ONLY = {
    ("teams.answer", "dialogue_id"): "a dialogue's members answer it; tests/teams/test_access.py",
}
# A child id must belong to the parent id in the same address.
NESTED = {("examples.delete_followup", "followup_id"): (FollowUp, "example_id", "example_id")}


def id_arguments(rule: Rule) -> list[str]:
    return sorted(
        name
        for name in rule.arguments
        if name.endswith("_id") and type(rule._converters.get(name)).__name__ == "IntegerConverter"
    )


def ownership(endpoint: str, argument: str) -> Owned | str | None:
    if (endpoint, argument) in OWNED_ENDPOINTS:
        return OWNED_ENDPOINTS[(endpoint, argument)]
    if (endpoint, argument) in MEMBERS_ONLY:
        return MEMBERS_ONLY[(endpoint, argument)]
    return OWNED_ARGUMENTS.get(argument) or SHARED_ARGUMENTS.get(argument)


def owned_cases(app: Flask) -> list[tuple[Rule, str, str]]:
    return [
        (rule, method, argument)
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
        for argument in id_arguments(rule)
        if isinstance(ownership(rule.endpoint, argument), Owned)
        for method in sorted(rule.methods & {"GET", "POST"})
    ]


def path_for(rule: Rule, values: dict[str, int]) -> str:
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<int:{name}>", str(values.get(name, 1)))
    return path


def stranger(app: Flask, roles: set[str]) -> str:
    """A new account holding `roles`; its session id."""
    with app.app_context():
        count = db.session.scalar(select(db.func.count()).select_from(User))
        user = User(email=f"obehorig{count}@example.se", name="Obe Hörig")
        user.password_hash = PASSWORD_HASH
        user.set_roles(roles)
        db.session.add(user)
        db.session.commit()
        return user.get_id()


def sign_in_as(client, user_id: str) -> None:
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user_id, True


def test_every_id_argument_is_classified(demo_app):
    unclassified = [
        f"{rule.endpoint} {rule.rule}: {argument}"
        for rule in demo_app.url_map.iter_rules()
        for argument in id_arguments(rule)
        if ownership(rule.endpoint, argument) is None
    ]
    assert unclassified == [], "say who may use these objects in test_object_access.py"


def test_owned_objects_cover_the_private_features(demo_app):
    endpoints = {rule.endpoint for rule, _, _ in owned_cases(demo_app)}
    assert len(endpoints) >= 20
    for feature in ("reflection.", "feedback.round", "catalog.plan_", "examples.answer_mine"):
        assert any(e.startswith(feature) for e in endpoints), feature


def candidates(app: Flask, spec: Owned) -> list[tuple[int, str | None]]:
    """Objects of the kind with their owner's session id, the newest first."""
    with app.app_context():
        query = select(spec.model).order_by(spec.model.id.desc()).limit(60)
        if spec.owner:
            query = query.where(getattr(spec.model, spec.owner).is_not(None))
        if spec.where is not None:
            query = query.where(spec.where)
        found = []
        for row in db.session.scalars(query):
            owner = db.session.get(User, getattr(row, spec.owner)) if spec.owner else None
            found.append((row.id, owner.get_id() if owner else None))
        assert found, f"the demo data has no {spec.model.__name__} for this test"
        return found


def target_object(app: Flask, rule: Rule, method: str, argument: str, spec: Owned):
    """An object the route works on for its owner: for a page, one that its
    owner opens with 200 (a 404 for a missing object would prove nothing)."""
    found = candidates(app, spec)
    if method != "GET":
        return found[0]
    for object_id, owner in found:
        client = app.test_client()
        if owner:
            sign_in_as(client, owner)
        else:
            sign_in_as(client, stranger(app, set(ROLES)))
        response = client.get(path_for(rule, {argument: object_id}))
        response.close()
        if response.status_code == 200:
            return object_id, owner
    raise AssertionError(f"no {spec.model.__name__} that {rule.endpoint} shows to its owner")


def test_someone_elses_object_is_refused_on_every_owned_route(demo_app, figure):
    """One stranger per privilege level, holding every role the rule lets in
    except the privileged ones: a chef who is also HR, leadership and
    administrator still cannot open another manager's reflection."""
    checked, problems = 0, []
    for rule, method, argument in owned_cases(demo_app):
        spec = ownership(rule.endpoint, argument)
        object_id, _ = target_object(demo_app, rule, method, argument, spec)
        path = path_for(rule, {argument: object_id})
        client = demo_app.test_client()
        sign_in_as(client, stranger(demo_app, set(ROLES) - spec.privileged))
        before = table_state(demo_app)
        response = client.open(path, method=method, data={})
        response.close()
        where = f"{method} {path} ({rule.endpoint}) as a stranger"
        if response.status_code not in (403, 404):
            problems.append(f"{where}: {response.status_code}")
        if changed := changed_tables(before, table_state(demo_app)):
            problems.append(f"{where} changed {changed}")
        if client.get("/").status_code != 200:  # the refusal was not a failed login
            problems.append(f"{where}: the stranger is not signed in")
        checked += 1
    assert problems == []
    assert checked >= 25
    figure("object level: routes with an owned id refused to a stranger", checked)


@pytest.mark.parametrize(("endpoint", "argument"), sorted(NESTED))
def test_a_child_of_another_parent_is_refused(demo_app, endpoint, argument, figure):
    model, parent_column, parent_argument = NESTED[(endpoint, argument)]
    rule = next(r for r in demo_app.url_map.iter_rules() if r.endpoint == endpoint)
    with demo_app.app_context():
        child = db.session.scalars(select(model).order_by(model.id)).first()
        parent = getattr(child, parent_column)
        other = db.session.scalar(
            select(getattr(model, parent_column)).where(getattr(model, parent_column) != parent)
        ) or (parent + 1)
        child_id = child.id
    client = demo_app.test_client()
    sign_in_as(client, stranger(demo_app, set(ROLES)))
    before = table_state(demo_app)
    path = path_for(rule, {argument: child_id, parent_argument: other})
    response = client.post(path, data={})
    assert response.status_code == 404, path
    assert changed_tables(before, table_state(demo_app)) == []
    figure("object level: nested ids under another parent refused")
