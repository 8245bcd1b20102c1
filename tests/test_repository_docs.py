"""The repository stands on its own: a licence, a publiccode.yml, and docs/
whose links lead somewhere."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_licence_is_the_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith(
        "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n"
    )
    for heading in (
        "Definitions",
        "Obligations of the Licensee",
        "Applicable Law",
    ):
        assert re.search(rf"^\d+\.\s*{heading}$", text, re.MULTILINE), heading


def test_licence_has_the_appendix_of_compatible_licences():
    """The official text as SPDX's licence list carries it (EUPL-1.2)."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    appendix = text[text.index("Appendix\n") :]
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in appendix
    for licence in (
        "GNU General Public License (GPL) v. 2, v. 3",
        "GNU Affero General Public License (AGPL) v. 3",
        "Open Software License (OSL) v. 2.1, v. 3.0",
        "Eclipse Public License (EPL) v. 1.0",
        "CeCILL v. 2.0, v. 2.1",
        "Mozilla Public Licence (MPL) v. 2",
        "GNU Lesser General Public Licence (LGPL) v. 2.1, v. 3",
        "Creative Commons Attribution-ShareAlike v. 3.0 Unported (CC BY-SA 3.0)",
        "European Union Public Licence (EUPL) v. 1.1, v. 1.2",
        "Québec Free and Open-Source Licence — Reciprocity (LiLiQ-R)",
    ):
        assert f"— {licence}" in appendix, licence
    assert text.rstrip().endswith(
        "All other changes or additions to this Appendix require the production "
        "of a new EUPL version."
    )


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
