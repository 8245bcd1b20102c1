"""Verktygslådan: the application factory."""

import os
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from toolbox import config as settings
from toolbox import content
from toolbox.auth import oidc
from toolbox.auth.service import load_user
from toolbox.db import cache
from toolbox.db.engine import configure_engine, managed_name
from toolbox.extensions import babel, csrf, db, login_manager, mail
from toolbox.web import errors, filters, language, navigation, security


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    root = Path(__file__).resolve().parent
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(root.parent / "templates"),
        static_folder=str(root.parent / "static"),
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    configure(app, test_config)
    init_extensions(app)
    cache.init_app(app)
    language.init_app(app)
    register_blueprints(app)
    security.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    navigation.init_app(app)
    content.init_app(app)
    register_cli(app)
    if app.config["TRUSTED_PROXIES"]:
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(settings.environment_overrides(dict(os.environ)))
    if test_config:
        app.config.from_mapping(test_config)
    settings.finish(app.config, Path(app.instance_path), Path(app.root_path))


def init_extensions(app: Flask) -> None:
    import_models()
    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    if os.environ.get("FLASK_RUN_FROM_CLI") == "true":
        init_migrations(app)
    csrf.init_app(app)
    mail.init_app(app)
    babel.init_app(
        app,
        locale_selector=language.select_locale,
        default_translation_directories=str(Path(app.root_path) / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Logga in för att se sidan."
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)
    oidc.init_app(app)


def init_migrations(app: Flask) -> None:
    """`flask db`: Flask-Migrate, and Alembic with it (about 11 MB), only in
    the command line (Flask marks it so); a web worker never migrates."""
    from flask_migrate import Migrate

    Migrate(
        app, db, directory=str(Path(app.root_path).parent / "migrations"), include_name=managed_name
    )


def import_models() -> None:
    """Every model module, so that SQLAlchemy (and Alembic) know all tables
    before first use."""
    import toolbox.analysis.models  # noqa: F401
    import toolbox.audit.models  # noqa: F401
    import toolbox.auth.models  # noqa: F401
    import toolbox.catalog.models  # noqa: F401
    import toolbox.examples.models  # noqa: F401
    import toolbox.feedback.models  # noqa: F401
    import toolbox.org.models  # noqa: F401
    import toolbox.programme.models  # noqa: F401
    import toolbox.reflection.models  # noqa: F401
    import toolbox.submissions.models  # noqa: F401
    import toolbox.tasks.models  # noqa: F401
    import toolbox.teams.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    """The features' blueprints, in a fixed order (it is the order of their
    to-dos on Min sida)."""
    from toolbox.account.views import bp as account
    from toolbox.admin.views import bp as admin
    from toolbox.analysis.views import bp as analysis
    from toolbox.auth.views import bp as auth
    from toolbox.catalog.views import bp as catalog
    from toolbox.examples.views import bp as examples
    from toolbox.feedback.views import bp as feedback
    from toolbox.home.views import bp as home
    from toolbox.programme.views import bp as programme
    from toolbox.reflection.views import bp as reflection
    from toolbox.tasks.views import bp as tasks
    from toolbox.teams.views import bp as teams

    for blueprint in (
        home,
        auth,
        admin,
        catalog,
        reflection,
        feedback,
        tasks,
        examples,
        teams,
        analysis,
        programme,
        account,
    ):
        app.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    from toolbox.cli import commands

    for command in commands:
        app.cli.add_command(command)
