"""The layers drawn in the README's layout section, checked against the
imports: the core never imports a feature, and nothing imports the demo
data or the command line but the application factory and the commands."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "toolbox"
# The core: what every feature may use. Each entry is a module or a package.
CORE = {"config", "extensions", "clock", "roles", "content", "db", "web", "privacy", "translations"}
# The composition: builds the application from the features.
COMPOSITION = {"__init__", "cli", "demo"}


def layer(module: str) -> str:
    """`toolbox.web.forms` → core; `toolbox.catalog.views` → feature."""
    part = module.split(".")[1] if "." in module else "__init__"
    if part in CORE:
        return "core"
    return "composition" if part in COMPOSITION else "feature"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 2 else parts)


def imports(path: Path) -> set[str]:
    """The toolbox modules `path` imports (absolute imports, as the code writes them)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("toolbox.")}


def edges() -> list[tuple[str, str]]:
    return [
        (module_name(path), target)
        for path in sorted(PACKAGE.rglob("*.py"))
        for target in sorted(imports(path))
    ]


ALLOWED = {
    "core": {"core"},
    "feature": {"core", "feature"},
    "composition": {"core", "feature", "composition"},
}


def crossings(found: list[tuple[str, str]]) -> list[str]:
    return [
        f"{source} ({layer(source)}) imports {target} ({layer(target)})"
        for source, target in found
        if layer(target) not in ALLOWED[layer(source)]
    ]


def test_every_import_follows_the_layers():
    found = edges()
    assert len(found) > 300  # the walk saw the code base
    assert crossings(found) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("toolbox.web.filters", "toolbox.auth.models"),
        ("toolbox.db.cache", "toolbox.catalog.search"),
        ("toolbox.catalog.service", "toolbox.demo.catalog"),
        ("toolbox.tasks.register_views", "toolbox.cli"),
    ],
)
def test_a_crossing_is_caught(source, target):
    assert crossings([(source, target)]) != []


def test_every_core_entry_exists():
    for name in CORE | COMPOSITION:
        assert (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").exists(), name
