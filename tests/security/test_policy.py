"""Every route declares who may use it, and the declaration holds for every
role and for an anonymous visitor (PRODUCT.md section 6)."""

import pytest
from flask import Flask

from toolbox import create_app
from toolbox.roles import ROLES
from toolbox.web.security import PUBLIC, SIGNED_IN, access_for, undeclared_endpoints

VISITORS = ("anonymous", *ROLES)


def test_every_endpoint_has_an_access_rule(app):
    assert undeclared_endpoints(app) == []


def test_a_route_without_a_rule_is_caught_and_refused(tmp_path):
    throwaway = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 't.db'}",
        }
    )
    throwaway.add_url_rule("/glomd", "forgotten", lambda: "hemligt")
    assert undeclared_endpoints(throwaway) == ["forgotten"]
    response = throwaway.test_client().get("/glomd")
    assert response.status_code == 403
    assert "hemligt" not in response.get_data(as_text=True)


def allowed(access: frozenset[str], visitor: str) -> bool:
    if access == PUBLIC:
        return True
    if visitor == "anonymous":
        return False
    return access == SIGNED_IN or visitor in access


def url_for_rule(rule, values: dict) -> str:
    """The rule's path with known objects filled in; any other argument gets a
    placeholder (1 for numbers), which is enough: the policy is enforced before
    the view looks anything up."""
    arguments = {}
    for argument in rule.arguments:
        converter = type(rule._converters.get(argument)).__name__
        arguments[argument] = values.get(argument, 1 if converter == "IntegerConverter" else "x")
    with_params = rule.rule
    for argument, value in arguments.items():
        for pattern in (f"<int:{argument}>", f"<{argument}>", f"<path:{argument}>"):
            with_params = with_params.replace(pattern, str(value))
    return with_params


def rules_of(app: Flask):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_rule_holds_for_every_visitor(
    app, make_user, make_unit, login_as, client, visitor, figure
):
    unit = make_unit("POL-1", name="Policyenheten")
    target = make_user("target@example.se", roles=("chef",))
    values = {
        "user_id": target.id,
        "unit_id": unit.id,
        "slug": "om",
        "token": "ogiltig",
        "filename": "css/main.css",
    }
    if visitor != "anonymous":
        login_as(make_user(f"{visitor}@example.se", roles=(visitor,)))
    checked = 0
    for rule, method in rules_of(app):
        access = access_for(app, rule.endpoint)
        path = url_for_rule(rule, values)
        response = client.open(path, method=method, data={})
        response.close()
        where = f"{method} {path} as {visitor}"
        if allowed(access, visitor):
            assert response.status_code != 403, where
            assert not response.headers.get("Location", "").startswith("/login?"), where
        elif visitor == "anonymous":
            assert response.status_code == 302, where
            assert response.headers["Location"].startswith("/login?next="), where
        else:
            assert response.status_code == 403, where
        if visitor != "anonymous":  # a POST may have logged the visitor out
            login_as(make_user(f"{visitor}{checked}@example.se", roles=(visitor,)))
        checked += 1
    assert checked >= 20
    cells = len(list(rules_of(app)))
    figure("access matrix: endpoint × method × visitor cells in the URL map", cells)
    figure("access matrix: cells checked", checked)
