"""Issue 16, acceptance 1, through the portal itself: random organisations and
reflections go into the database, leadership downloads the dashboard table
(CSV) for every scope it can open and every period of the year, each shown
figure is checked against the truth (so that we know exactly which people it
covers), and the adversary of tests/privacy/attack.py works on all of them
together. The pages, trend and goals read the same table as the export
(tests/privacy/test_demo_attacks.py checks that on the demo)."""

import csv
import io
import os
from datetime import datetime
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings

from tests.conftest import PASSWORD_HASH, app_on
from tests.privacy.attack import small_disclosed_set
from tests.privacy.test_disclosure import World, worlds
from toolbox import clock
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.models import OrgUnit
from toolbox.privacy.periods import year_periods
from toolbox.reflection import summary
from toolbox.reflection.models import SUBMITTED, Reflection, ReflectionAnswer

YEAR = clock.today().year - 1  # ended, and among the periods the dashboards offer
# 25 in CI; HYPOTHESIS_EXAMPLES=… runs more (as in test_disclosure.py).
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")) // 6
AREA = "ledarskap"
# Each manager answers one statement, in Ledarskap and carrying Tillit and Stöd:
# the three columns cover the same answers, and the adversary has all of them.
STATEMENT = "ledarskap-narvaro"
COLUMNS = ("Ledarskap", "Tillit", "Stöd")


def unit_of(node) -> int:
    return node[1] if isinstance(node, tuple) else node


def fill(world: World) -> None:
    """The world's units, one manager per answer and their reflections."""
    parents = {kid: parent for parent, kids in world.org.children.items() for kid in kids}
    for node in sorted(world.org.order, key=world.org.order.get):
        if node is not None and not isinstance(node, tuple):
            parent = parents[node]
            db.session.add(
                OrgUnit(id=node, code=f"U{node}", name=f"Enhet {node}", level="enhet",
                        parent_id=parent)
            )  # fmt: skip
    db.session.flush()
    people = []
    for (leaf, number), values in world.answers.items():
        for n, value in enumerate(values):
            user = User(
                email=f"u{unit_of(leaf)}-{isinstance(leaf, tuple)}-{number}-{n}@example.se",
                name="Chef",
                unit_id=unit_of(leaf),
                password_hash=PASSWORD_HASH,
            )
            user.set_roles({"chef"})
            people.append((user, datetime(YEAR, 3 * number - 1, 15, 12), value))
    db.session.add_all([user for user, _, _ in people])
    db.session.flush()
    reflections = [
        Reflection(user_id=user.id, question_set_version=1, status=SUBMITTED, submitted_at=when)
        for user, when, _ in people
    ]
    db.session.add_all(reflections)
    db.session.flush()
    db.session.add_all(
        ReflectionAnswer(reflection_id=r.id, question_key=STATEMENT, area=AREA, value=value)
        for r, (_, _, value) in zip(reflections, people, strict=True)
    )
    summary.refresh([r.id for r in reflections])
    db.session.commit()


def truth(world: World, node, period) -> float | None:
    values = [
        v
        for leaf in world.org.leaves[node]
        for n in period.quarters
        for v in world.answers.get((leaf, n), ())
    ]
    return (sum(values) - len(values)) * 25 / len(values) if values else None


def shown_figures(client, world: World) -> list[set[tuple]]:
    """Every figure of the area and its principles the exports show, as the
    atoms it covers."""
    names = {f"Enhet {n}": n for n in world.org.order if isinstance(n, int)}
    # Every unit with sub-units has a row for the people placed directly on it.
    names |= {f"Direkt på Enhet {n}": ("direkt", n) for n in world.org.children if n is not None}
    scopes = [n for n in world.org.children if not isinstance(n, tuple)]
    shown = []
    for scope in scopes:
        for period in year_periods(YEAR):
            query = {"tabell": "skattning", "period": period.key}
            if scope is not None:
                query["enhet"] = scope
            response = client.get("/analys/export.csv", query_string=query)
            assert response.status_code == 200
            rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")),
                                   delimiter=";"))  # fmt: skip
            for column in map(rows[0].index, COLUMNS):
                for row in rows[1:]:
                    node = scope if row[0] == "Totalt" else names[row[0]]
                    if row[column] in ("för få svar", "pågår"):
                        continue
                    value = float(row[column].replace(",", "."))
                    assert value == pytest.approx(truth(world, node, period), abs=0.051)
                    shown.append(
                        {(leaf, n) for leaf in world.org.leaves[node] for n in period.quarters}
                    )
    return shown


def test_every_export_of_every_scope_and_period_resists_the_attack(tmp_path):
    """The rule does not depend on the database: SQLite only, a new one per example."""
    examples, found = count(), {"figures": 0}

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(worlds())
    def check(world):
        url = f"sqlite:///{tmp_path / f'attack-{next(examples)}.db'}"
        with app_on(url, tmp_path) as app, app.app_context():
            fill(world)
            leader = User(email="ledning@example.se", name="Ledning", password_hash=PASSWORD_HASH)
            leader.set_roles({"ledning"})
            db.session.add(leader)
            db.session.commit()
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = leader.get_id()
            shown = shown_figures(client, world)
            found["figures"] += len(shown)
            k = app.config["AGGREGATE_MIN_GROUP"]
        assert small_disclosed_set(shown, world.people(), k) is None

    check()
    assert found["figures"] > 50  # the attack had real figures to work on
