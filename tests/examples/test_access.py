"""Every route of the feature declares its access, and the declaration holds
for every role and for a visitor who is not logged in – with real ids, so that
a refusal is the rule's and not a missing object's."""

import pytest
from flask import Flask

from toolbox.roles import ROLES
from toolbox.web.security import PUBLIC, SIGNED_IN, access_for

VISITORS = ("anonymous", *ROLES)


def example_rules(app: Flask):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.startswith("examples."):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def test_every_route_declares_access(app):
    rules = list(example_rules(app))
    assert len(rules) >= 25
    assert all(access_for(app, rule.endpoint) is not None for rule, _ in rules)


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_rule_holds_for_every_visitor(
    app, visitor, make_user, login_as, client, published_case
):
    case_id, example_id = published_case()
    values = {
        "case_id": case_id,
        "example_id": example_id,
        "collection_id": 1,
        "followup_id": 1,
        "token": "ogiltig",
    }
    for rule, method in example_rules(app):
        if visitor != "anonymous":
            login_as(make_user(roles=(visitor,)))
        path = rule.build(values, append_unknown=False)[1]
        response = client.open(path, method=method, data={})
        response.close()
        access = access_for(app, rule.endpoint)
        where = f"{method} {path} as {visitor}"
        if access == PUBLIC:
            assert response.status_code not in (302, 403), where
        elif visitor == "anonymous":
            assert response.status_code == 302, where
            assert response.headers["Location"].startswith("/login?next="), where
        elif access == SIGNED_IN or visitor in access:
            assert response.status_code != 403, where
        else:
            assert response.status_code == 403, where
