"""The starter catalog loads idempotently and respects HR's edits."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from toolbox.catalog.models import CatalogItem, LearningPath
from toolbox.catalog.starter import load_catalog
from toolbox.content import AREA_KEYS, PRINCIPLE_KEYS, ContentError
from toolbox.extensions import db

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_starter_content_covers_the_framework(ctx):
    report = load_catalog(CONTENT)
    db.session.commit()
    assert report.created >= 24
    assert report.paths == 2
    items = db.session.scalars(select(CatalogItem)).all()
    assert {a for item in items for a in item.areas} == set(AREA_KEYS)
    assert {p for item in items for p in item.principles} == set(PRINCIPLE_KEYS)
    tools = sum(item.kind == "verktyg" for item in items)
    assert 0.4 <= tools / len(items) <= 0.6
    path = db.session.scalar(
        select(LearningPath).where(LearningPath.slug == "chefsintroduktion-enhetschefer")
    )
    assert path.title == "Chefsintroduktion för enhetschefer"
    assert len(path.steps) >= 4


def test_loading_twice_changes_nothing_and_portal_edits_are_kept(ctx, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    load_catalog(content)
    db.session.commit()
    versions = dict(db.session.execute(select(CatalogItem.slug, CatalogItem.version)).all())
    again = load_catalog(content)
    db.session.commit()
    assert again.created == again.updated == 0
    assert again.unchanged == len(versions)
    assert dict(db.session.execute(select(CatalogItem.slug, CatalogItem.version)).all()) == versions
    edited = db.session.scalar(select(CatalogItem).where(CatalogItem.slug == "delegeringstrappan"))
    edited.edited_in_portal = True
    db.session.commit()
    for slug in ("delegeringstrappan", "farre-mal-helhet"):
        path = content / "offers" / f"{slug}.md"
        path.write_text(path.read_text().replace("title: ", "title: Ny "), encoding="utf-8")
    report = load_catalog(content)
    db.session.commit()
    assert report.updated == 1
    assert report.kept == ["delegeringstrappan"]
    titles = dict(db.session.execute(select(CatalogItem.slug, CatalogItem.title)).all())
    assert titles["farre-mal-helhet"].startswith("Ny ")
    assert not titles["delegeringstrappan"].startswith("Ny ")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("kind: verktyg", "kind: hemlig", "'kind' ska vara en av"),
        ("areas: [", "areas: [okänt, ", "'areas' ska vara en lista"),
        ("cost_sek: 0", "cost_sek: -1", "'cost_sek'"),
    ],
)
def test_a_broken_offer_names_the_file(ctx, tmp_path, old, new, message):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "offers" / "delegeringstrappan.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError, match=message) as error:
        load_catalog(content)
    assert "delegeringstrappan.md" in str(error.value)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(CatalogItem)) >= 0


def test_load_content_command_loads_the_catalog(app):
    result = app.test_cli_runner().invoke(args=["load-content"])
    assert result.exit_code == 0, result.output
    assert "26 nya" in result.output
    assert "26 oförändrade" in app.test_cli_runner().invoke(args=["load-content"]).output
