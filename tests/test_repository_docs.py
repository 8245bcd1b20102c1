"""The repository stands on its own: a licence, a publiccode.yml, and docs/
whose links lead somewhere."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_licence_is_the_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    for heading in (
        "1. Definitions",
        "5. Obligations of the Licensee",
        "15. Applicable Law",
        "Appendix",
    ):
        assert heading in text


def test_publiccode_yml_has_the_standards_required_fields():
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    assert data["publiccodeYmlVersion"] == "0.4"
    for key in (
        "name",
        "url",
        "platforms",
        "categories",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ):
        assert data[key], key
    assert data["legal"]["license"] == "EUPL-1.2"
    for language in ("sv", "en"):
        description = data["description"][language]
        assert len(description["shortDescription"]) <= 150
        assert description["longDescription"]
        assert description["features"]
    assert data["maintenance"]["contacts"][0]["name"]


def test_docs_cover_roles_privacy_architecture_operations_and_links_resolve():
    docs = ROOT / "docs"
    for name in (
        "README.md",
        "product.md",
        "roles.md",
        "privacy.md",
        "architecture.md",
        "operations.md",
    ):
        assert (docs / name).is_file(), name
    for page in [*docs.glob("*.md"), ROOT / "README.md"]:
        for target in re.findall(r"\]\(([^)#:]+)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_readme_points_at_docs_not_outside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    assert "docs/README.md" in readme
