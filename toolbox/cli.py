"""Flask commands; thin wrappers around the services."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from toolbox import clock
from toolbox.account.retention import apply_retention
from toolbox.analysis.owners import send_due_reminders as send_action_reminders
from toolbox.auth import service as auth
from toolbox.auth.models import User
from toolbox.catalog.starter import load_catalog
from toolbox.clock import utcnow
from toolbox.content import LANGUAGES, ContentError, load_content
from toolbox.db import backup, cache
from toolbox.demo.analysis import seed_analysis
from toolbox.demo.catalog import seed_catalog
from toolbox.demo.examples import seed_examples
from toolbox.demo.feedback import seed_feedback
from toolbox.demo.org import seed_org
from toolbox.demo.programme import seed_programme
from toolbox.demo.reflection import seed_reflections
from toolbox.demo.tasks import seed_tasks
from toolbox.demo.teams import seed_teams
from toolbox.extensions import db
from toolbox.feedback.service import send_feedback_reminders
from toolbox.org.models import OrgUnit
from toolbox.org.service import ImportFailed, import_csv
from toolbox.programme.content import FILENAME as PROGRAMME_FILE
from toolbox.programme.content import load_programme_content
from toolbox.reflection.cli import send_reflection_reminders
from toolbox.roles import ROLES
from toolbox.tasks.content import load_register
from toolbox.teams.content import FILENAME as DIALOGUE_FILE
from toolbox.teams.content import load_dialogue_content
from toolbox.teams.reminders import send_followup_reminders

# Each feature's demo data, in dependency order: fn(content_dir, size) -> summary.
DEMO_SEEDERS = (
    seed_org,
    seed_catalog,
    seed_reflections,
    seed_feedback,
    seed_tasks,
    seed_examples,
    seed_analysis,
    seed_teams,
    seed_programme,
)


@click.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Namn som visas i portalen.")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLES))
@click.option("--unit", "unit_code", help="Kod för användarens enhet.")
@click.option("--password-stdin", is_flag=True, help="Läs lösenordet från standard in.")
@click.option(
    "--break-glass/--no-break-glass",
    default=None,
    help="Nödåtkomst: kontot får logga in med lösenord även när PASSWORD_LOGIN är av "
    "(utan någon av dem behåller ett befintligt konto sin inställning).",
)
@click.option(
    "--linked-ok",
    is_flag=True,
    help="Bekräfta ändring av ett konto som är kopplat till regionens inloggning.",
)
@with_appcontext
def create_user(email, name, roles, unit_code, password_stdin, break_glass, linked_ok):
    """Skapa eller uppdatera en användare med lösenord."""
    unit = None
    if unit_code:
        unit = db.session.scalar(select(OrgUnit).where(OrgUnit.code == unit_code))
        if unit is None:
            raise click.ClickException(f"Enheten {unit_code} finns inte.")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Lösenord", hide_input=True, confirmation_prompt=True)
    config = current_app.config
    try:
        auth.check_password_rules(
            password, config["PASSWORD_MIN_LENGTH"], config["PASSWORD_MAX_LENGTH"], (email, name)
        )
    except auth.PasswordRejected as rejected:
        raise click.ClickException(str(rejected)) from rejected
    user = auth.find_by_email(email)
    if user is not None and user.external_subject and not linked_ok:
        # The account may belong to whoever signed in with this address at the
        # provider: roles and a password go to it only when confirmed.
        raise click.ClickException(
            f"{user.email} är kopplat till en inloggning hos identitetsleverantören "
            f"({user.external_subject}). Kontrollera att det är samma person och kör "
            "igen med --linked-ok."
        )
    created = user is None
    if created:
        user = User(email=auth.normalise_email(email), name=name)
        db.session.add(user)
    user.name, user.unit = name, unit
    if break_glass is not None or created:
        user.break_glass = bool(break_glass)
    user.set_roles(set(roles))
    auth.set_password(user, password)
    db.session.commit()
    kind = ", nödåtkomst" if user.break_glass else ""
    click.echo(
        f"{'Skapade' if created else 'Uppdaterade'} {user.email} ({', '.join(roles)}{kind})."
    )


@click.command("import-org")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_org(path: Path):
    """Importera enheter eller användare från en CSV-fil (allt eller inget)."""
    try:
        result = import_csv(path.read_text(encoding="utf-8-sig"))
    except (ImportFailed, UnicodeDecodeError) as failed:
        db.session.rollback()
        errors = getattr(failed, "errors", ["Filen är inte sparad som UTF-8."])
        raise click.ClickException("Inget importerades.\n" + "\n".join(errors)) from failed
    db.session.commit()
    click.echo(
        f"Importerade {result.kind}: {result.created} nya, {result.updated} ändrade, "
        f"{result.unchanged} oförändrade."
    )


@click.command("load-content")
@with_appcontext
def load_content_command():
    """Läs in och kontrollera innehållet i content/ och läs in startkatalogen."""
    directory = Path(current_app.config["CONTENT_DIR"])
    try:
        content, *_ = (load_content(directory, language) for language in LANGUAGES)
        register = load_register(directory / "admin_tasks.yaml")
        dialogue = load_dialogue_content(directory / DIALOGUE_FILE)
        programme = load_programme_content(directory / PROGRAMME_FILE)
        report = load_catalog(directory)
    except ContentError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(
        f"Innehållet är giltigt: {len(content.areas)} områden, "
        f"{len(content.principles)} principer, {len(content.pages)} sidor, "
        f"{len(content.question_sets)} frågeuppsättningar."
    )
    click.echo(f"Administrativa uppgifter: {len(register.categories)} kategorier giltiga.")
    click.echo(f"Ledningsgruppsdialog: {len(dialogue.behaviours)} beteenden giltiga.")
    click.echo(f"Programplan: {len(programme.tracks)} delar giltiga.")
    click.echo(f"Inläst i databasen: {report.summary()}.")


@click.command("seed-demo")
@click.option("--size", type=click.Choice(["small", "large"]), default="small")
@with_appcontext
def seed_demo(size: str):
    """Läs in demodata (går att köra flera gånger)."""
    content_dir = Path(current_app.config["CONTENT_DIR"])
    for seed in DEMO_SEEDERS:
        summary = seed(content_dir, size)
        db.session.commit()
        click.echo(f"Demodata ({size}): {summary}")


@click.command("send-reminders")
@with_appcontext
def send_reminders():
    """Skicka påminnelser som är dags (för cron; säkert att köra på flera servrar)."""
    sent, failed = send_reflection_reminders()
    click.echo(f"Påminnelser om självskattning: {sent} skickade, {failed} misslyckades.")
    feedback = send_feedback_reminders(clock.today())
    click.echo(
        f"Påminnelser om återkoppling: {feedback.sent} skickade, {feedback.failed} misslyckades."
    )
    teams = send_followup_reminders(clock.today())
    click.echo(
        f"Påminnelser om uppföljning av ledningsgruppsdialoger: {teams.sent} skickade, "
        f"{teams.failed} misslyckades."
    )
    actions_sent, actions_failed = send_action_reminders(clock.today())
    click.echo(f"Påminnelser om åtgärder: {actions_sent} skickade, {actions_failed} misslyckades.")
    if failed or feedback.failed or teams.failed or actions_failed:
        raise click.ClickException("Några påminnelser kunde inte skickas; de försöks igen.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path):
    """Spara en säkerhetskopia av hela databasen i FIL (ersätter en befintlig fil)."""
    try:
        result = backup.backup(db.engine, path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Säkerhetskopian är sparad i {result.path}: {result.summary()}.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Skriv över en databas som redan innehåller data.")
@with_appcontext
def restore_command(path: Path, force: bool):
    """Återställ hela databasen från en säkerhetskopia i FIL."""
    db.session.remove()
    try:
        result = backup.restore(db.engine, path, force=force)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Databasen är återställd från {path}: {result.summary()}.")


@click.command("apply-retention")
@with_appcontext
def apply_retention_command():
    """Ta bort det som har passerat sin bevarandetid (går att köra flera gånger)."""
    removed = apply_retention(current_app.config, utcnow())
    db.session.commit()
    for label, count in removed.items():
        click.echo(f"Gallrat {label}: {count}")


@click.command("data-changed")
@with_appcontext
def data_changed_command():
    """Efter en ändring i databasen utanför portalen (för hand i psql): alla
    processer räknar om sina sparade siffror vid nästa förfrågan."""
    cache.renumber(db.engine)
    click.echo("Alla sparade siffror räknas om vid nästa förfrågan.")


commands = (
    create_user,
    import_org,
    load_content_command,
    seed_demo,
    send_reminders,
    backup_command,
    restore_command,
    apply_retention_command,
    data_changed_command,
)
