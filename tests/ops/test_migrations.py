"""`flask db upgrade` on an empty database builds exactly the models' schema,
and the migrations go down to base and up again, on SQLite and PostgreSQL."""

from pprint import pformat

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tests.conftest import base_config
from tests.ops.conftest import app_env, flask_cli
from toolbox import create_app
from toolbox.db.engine import managed_name
from toolbox.extensions import db


@pytest.fixture
def empty_app(scratch_database_url, tmp_path):
    """An app on an empty database; only the migrations create tables in it."""
    application = create_app(
        base_config(tmp_path) | {"SQLALCHEMY_DATABASE_URI": scratch_database_url}
    )
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def schema_diff(app) -> list:
    """What autogenerate would still change: empty when migrations match the models."""
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": managed_name}
        )
        return compare_metadata(context, db.metadata)


def table_names(app) -> set[str]:
    with app.app_context(), db.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_migrations_build_the_models_schema_and_go_down_and_up(empty_app, scratch_database_url):
    # The command line as an operator runs it, in its own process: Alembic's
    # env.py reconfigures logging, which must not leak into this test run.
    env = app_env(scratch_database_url)
    assert table_names(empty_app) == set()
    assert schema_diff(empty_app), "the comparison does not see the models"

    flask_cli(env, "db", "upgrade")
    assert table_names(empty_app) >= {"alembic_version", "users", "login_failures"}
    diff = schema_diff(empty_app)
    assert diff == [], "migrations and models differ:\n" + pformat(diff)

    flask_cli(env, "db", "downgrade", "base")
    assert table_names(empty_app) == {"alembic_version"}

    flask_cli(env, "db", "upgrade")
    diff = schema_diff(empty_app)
    assert diff == [], "migrations and models differ after going down and up:\n" + pformat(diff)


def row_counts(app) -> dict[str, int]:
    with app.app_context(), db.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        return {
            name: connection.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar()  # noqa: S608
            for name in names
            if name != "alembic_version" and managed_name(name, "table", {})
        }


def test_the_latest_migrations_keep_every_row_down_and_up(empty_app, scratch_database_url):
    """A migration that alters a table others refer to must not take their rows
    with it: on SQLite the table is copied and the old one dropped, which with
    foreign keys on deletes every row that cascades from it."""
    env = app_env(scratch_database_url)
    flask_cli(env, "db", "upgrade")
    flask_cli(env, "seed-demo")
    seeded = row_counts(empty_app)
    assert seeded["user_roles"] > 0
    assert seeded["reflections"] > 0
    for _ in range(3):
        flask_cli(env, "db", "downgrade")  # one step
        now = row_counts(empty_app)
        assert now == {name: seeded[name] for name in now}, "rows lost going down"
    flask_cli(env, "db", "upgrade")
    after = row_counts(empty_app)
    lost = {name: (seeded[name], after[name]) for name in now if after[name] != seeded[name]}
    assert lost == {}, "rows lost going up"
