"""Every route of the register declares who may use it, and the declaration
holds for every role and for a visitor who is not logged in – the house rule
of tests/security/test_policy.py, here for /uppgifter with its own ids."""

import pytest

from toolbox.roles import ROLES
from toolbox.web.security import access_for

VISITORS = ("anonymous", *ROLES)
REGISTER = frozenset({"chef", "hr", "ledning"})
DECLARED = {
    "tasks.index": REGISTER,
    "tasks.export": REGISTER,
    "tasks.export_xlsx": REGISTER,
    "tasks.figures_page": REGISTER,
    "tasks.new": {"chef"},
    "tasks.detail": REGISTER,
    "tasks.comment": REGISTER,
    "tasks.edit": {"chef", "hr"},
    "tasks.endorse": {"chef"},
    "tasks.unendorse": {"chef"},
    "tasks.step": REGISTER,
}


def test_every_route_has_the_intended_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert {e for e in endpoints if e.startswith("tasks.")} == set(DECLARED)
    for endpoint, roles in DECLARED.items():
        assert access_for(app, endpoint) == frozenset(roles), endpoint


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_route_holds_for_every_visitor(app, make_user, make_task, login_as, client, visitor):
    task_id = make_task("inkommen")
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("tasks."):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for task in (task_id, 99999):
                if visitor != "anonymous":  # a fresh user: a POST may have changed things
                    login_as(make_user(f"{visitor}{checked}@example.se", roles=(visitor,)))
                path = rule.rule.replace("<int:task_id>", str(task)).replace("<step>", "bedom")
                response = client.open(path, method=method, data={})
                response.close()
                where = f"{method} {path} as {visitor}"
                if visitor == "anonymous":
                    assert response.status_code == 302, where
                    assert response.headers["Location"].startswith("/login?next="), where
                elif visitor not in DECLARED[rule.endpoint]:
                    assert response.status_code == 403, where
                elif task == 99999 and "task_id" in rule.arguments:
                    assert response.status_code == 404, where  # allowed, but no such task
                else:
                    assert response.status_code < 500, where
                checked += 1
    assert checked == 2 * 15  # 15 route and method pairs, each with two task ids
