"""Configuration as data: defaults, environment, production refusals."""

import pytest
from sqlalchemy import text

from toolbox import create_app
from toolbox.config import ConfigError, environment_overrides, local_secret_key
from toolbox.extensions import db


def sqlite(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'c.db'}"


def test_production_refuses_to_start_without_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("TOOLBOX_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": sqlite(tmp_path)})


def test_local_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("TOOLBOX_ENV", raising=False)
    first = local_secret_key(tmp_path / "instance")
    assert len(first) >= 40
    assert local_secret_key(tmp_path / "instance") == first
    assert oct((tmp_path / "instance" / "secret_key").stat().st_mode)[-3:] == "600"


def test_database_url_from_the_environment_uses_psycopg(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db/toolbox")
    monkeypatch.setenv("TOOLBOX_AGGREGATE_MIN_GROUP", "6")
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db/toolbox"
    assert app.config["AGGREGATE_MIN_GROUP"] == 6


def test_connections_are_pinged_on_checkout_only_on_a_database_server(tmp_path):
    server = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "postgresql://u:p@db/t"})
    local = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": sqlite(tmp_path)})
    with server.app_context():
        assert db.engine.pool._pre_ping is True
    with local.app_context():
        assert db.engine.pool._pre_ping is False


def test_privacy_thresholds_cannot_go_below_three(tmp_path):
    with pytest.raises(ConfigError, match="FEEDBACK_MIN_GROUP"):
        create_app(
            {
                "SQLALCHEMY_DATABASE_URI": sqlite(tmp_path),
                "SECRET_KEY": "x",
                "FEEDBACK_MIN_GROUP": 2,
            }
        )


def test_environment_overrides_read_only_known_names():
    found = environment_overrides(
        {"HOME": "/root", "MAIL_PORT": "2525", "TOOLBOX_ENV": "production"}
    )
    assert found == {"MAIL_PORT": 2525, "ENV": "production", "PRODUCTION": True}


def test_sqlite_runs_in_wal_mode_with_busy_timeout(app, backend):
    if backend != "sqlite":
        pytest.skip("SQLite only")
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_behind_a_trusted_proxy_the_client_address_is_used(tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": sqlite(tmp_path),
            "SECRET_KEY": "x",
            "TRUSTED_PROXIES": 1,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
    client = app.test_client()
    client.post(
        "/login",
        data={"email": "a@example.se", "password": "fel-fel-fel-fel"},
        headers={"X-Forwarded-For": "203.0.113.7"},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    with app.app_context():
        assert db.session.execute(text("SELECT address FROM login_failures")).scalar() == (
            "203.0.113.7"
        )
