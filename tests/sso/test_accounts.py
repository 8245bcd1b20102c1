"""Accounts linked to a login at the provider and the tools that find
accounts by e-mail (review findings 3 and 7): import-org and create-user do
not hand a linked account to someone else, and import-org can link an
account ahead of the first sign-in (extern_id)."""

import pytest
from sqlalchemy import select

from tests.sso.conftest import CHEF_GROUP, sign_in, signed_in
from toolbox.auth.models import User
from toolbox.extensions import db
from toolbox.org.service import ImportFailed, import_csv

HEADER = "epost,namn,roller,enhet,chef_for,extern_id\n"


def account(app, email: str) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.expunge(user)
        return user


def run_import(app, text: str):
    with app.app_context():
        try:
            result = import_csv(text)
        except ImportFailed:
            db.session.rollback()
            raise
        db.session.commit()
        return result


def test_import_refuses_a_linked_account_unless_the_row_names_its_subject(app, make_user):
    make_user("anna@example.se", roles=(), external_subject="sub-anna")
    with pytest.raises(ImportFailed, match="kopplat till en inloggning"):
        run_import(app, HEADER + "anna@example.se,Anna,admin,,,\n")
    assert account(app, "anna@example.se").roles == set()
    with pytest.raises(ImportFailed, match="kopplat till en inloggning"):
        run_import(app, HEADER + "anna@example.se,Anna,admin,,,sub-other\n")
    run_import(app, HEADER + "anna@example.se,Anna,admin,,,sub-anna\n")
    assert account(app, "anna@example.se").roles == {"admin"}


def test_import_refuses_an_extern_id_another_account_has(app, make_user):
    make_user("anna@example.se", roles=(), external_subject="sub-anna")
    with pytest.raises(ImportFailed, match="hör redan till anna@example.se"):
        run_import(app, HEADER + "bo@example.se,Bo,chef,,,sub-anna\n")


def test_an_imported_extern_id_lets_the_person_in_without_an_email(app, client, provider):
    """Finding 7: Entra sends no email_verified; the object id links instead."""
    run_import(app, HEADER + "karin@example.se,Karin,chef,,,oid-karin\n")
    assert sign_in(client, provider, "oid-karin", groups=[CHEF_GROUP]).status_code == 302
    assert signed_in(client)
    assert account(app, "karin@example.se").external_subject == "oid-karin"


def test_create_user_refuses_a_linked_account_without_confirmation(app, make_user):
    make_user("anna@example.se", roles=(), external_subject="sub-anna")
    runner = app.test_cli_runner()
    args = ["create-user", "anna@example.se", "--name", "A", "--role", "admin", "--password-stdin"]
    refused = runner.invoke(args=args, input="korv-med-bröd-och-senap-7\n")
    assert refused.exit_code != 0
    assert "--linked-ok" in refused.output
    assert account(app, "anna@example.se").roles == set()
    confirmed = runner.invoke(args=[*args, "--linked-ok"], input="korv-med-bröd-och-senap-7\n")
    assert confirmed.exit_code == 0, confirmed.output
    assert account(app, "anna@example.se").roles == {"admin"}
