"""The single sign-on settings (issue 19) as the environment gives them."""

import pytest

from toolbox import create_app
from toolbox.config import ConfigError


def app_with(tmp_path, monkeypatch, **environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/s.db"})


def test_the_settings_are_read_from_the_environment(tmp_path, monkeypatch):
    app = app_with(
        tmp_path,
        monkeypatch,
        TOOLBOX_OIDC_ISSUER="https://idp.example.se/",
        TOOLBOX_OIDC_CLIENT_ID="verktygsladan",
        TOOLBOX_OIDC_ROLE_GROUPS='{"hr": ["GRP-Verktygslada-HR"], "admin": "GRP-Admin"}',
        TOOLBOX_OIDC_CREATE_USERS="true",
        TOOLBOX_PASSWORD_LOGIN="0",
    )
    config = app.config
    assert config["OIDC_ISSUER"] == "https://idp.example.se/"  # exact, as configured
    assert config["OIDC_ROLE_GROUPS"] == {"hr": ("GRP-Verktygslada-HR",), "admin": ("GRP-Admin",)}
    assert config["OIDC_CREATE_USERS"] is True
    assert config["PASSWORD_LOGIN"] is False
    assert config["OIDC_SCOPES"] == "openid email profile"
    assert config["OIDC_GROUPS_CLAIM"] == "groups"


def test_the_defaults_leave_single_sign_on_off_and_passwords_on(tmp_path):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/d.db"})
    assert (app.config["OIDC_ISSUER"], app.config["PASSWORD_LOGIN"]) == ("", True)
    assert app.config["OIDC_CREATE_USERS"] is False


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('{"chef": ["G"], "boss": ["G"]}', "okänd roll"),
        ("[1, 2]", "JSON-objekt"),
        ('{"hr": [1]}', "lista av gruppnamn"),
        ("{not json", "inte giltig JSON"),
    ],
)
def test_a_wrong_role_mapping_stops_the_start(tmp_path, monkeypatch, value, message):
    with pytest.raises(ConfigError, match=message):
        app_with(tmp_path, monkeypatch, TOOLBOX_OIDC_ROLE_GROUPS=value)


def test_an_issuer_without_a_client_id_stops_the_start(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="OIDC_CLIENT_ID"):
        app_with(tmp_path, monkeypatch, TOOLBOX_OIDC_ISSUER="https://idp.example.se")


@pytest.mark.parametrize("word", ["enabled", "sant", "", "0n"])
def test_an_unknown_boolean_word_stops_the_start(tmp_path, monkeypatch, word):
    """Finding 14: an unknown word silently meant off."""
    with pytest.raises(ConfigError, match="OIDC_CREATE_USERS: okänt värde"):
        app_with(tmp_path, monkeypatch, TOOLBOX_OIDC_CREATE_USERS=word)


@pytest.mark.parametrize(("word", "value"), [("Ja", True), ("off", False), ("NEJ", False)])
def test_the_known_boolean_words(tmp_path, monkeypatch, word, value):
    app = app_with(tmp_path, monkeypatch, TOOLBOX_OIDC_TRUST_EMAIL=word)
    assert app.config["OIDC_TRUST_EMAIL"] is value


def test_passwords_off_without_single_sign_on_stops_the_start(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="PASSWORD_LOGIN kan bara stängas av"):
        app_with(tmp_path, monkeypatch, TOOLBOX_PASSWORD_LOGIN="0")


def test_scopes_without_openid_stop_the_start(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="openid"):
        app_with(
            tmp_path,
            monkeypatch,
            TOOLBOX_OIDC_ISSUER="https://idp.example.se",
            TOOLBOX_OIDC_CLIENT_ID="verktygsladan",
            TOOLBOX_OIDC_SCOPES="email profile",
        )


def test_an_http_issuer_stops_the_start_in_production(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="https://"):
        app_with(
            tmp_path,
            monkeypatch,
            TOOLBOX_ENV="production",
            TOOLBOX_OIDC_ISSUER="http://idp.example.se",
            TOOLBOX_OIDC_CLIENT_ID="verktygsladan",
        )
