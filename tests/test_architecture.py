"""The rules of docs/architecture.md that keep the code easy to change: Dagster only in etl/,
settings only in the resources, schemas/ below core/, core/ below etl/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from etl.resources import ROOT


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.py"))


def _imports(path: Path) -> set[str]:
    """The top-level packages and modules a file imports (`core.checks`, `dagster`, ...)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [("schemas", ("core", "etl", "dagster")), ("core", ("etl", "dagster"))],
)
def test_layers_import_only_downwards(folder: str, forbidden: tuple[str, ...]) -> None:
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(folder)
        for name in sorted(_imports(path))
        if name.split(".")[0] in forbidden
    ]
    assert wrong == []


@pytest.mark.parametrize("folder", ["core", "schemas"])
def test_no_setting_is_read_outside_the_resources(folder: str) -> None:
    reads = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in _modules(folder)
        for word in ("os.environ", "getenv")
        if word in path.read_text(encoding="utf-8")
    ]
    assert reads == []


def test_each_module_fits_on_a_few_screens() -> None:
    """No module of core/, etl/ or schemas/ grows back into a file of many concerns (the
    extractor, one concern, is the longest)."""
    long = {
        str(path.relative_to(ROOT)): lines
        for folder in ("core", "etl", "schemas")
        for path in _modules(folder)
        if (lines := path.read_text(encoding="utf-8").count("\n")) > 500
    }
    assert set(long) <= {"core/extract.py"}, long
