"""The figure finder compiled with mypyc (core/compiled.py): used only when built from these
sources, and finding exactly what the plain Python finds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import core.extract
import core.find_relations
from core import compiled
from etl.resources import ROOT

# Every relation corpus through extract, find_measures and find_relations, one line a document
DIGEST = """
import hashlib, sys
from pathlib import Path
from benchmarks.score import corpus_documents
from core import compiled
import core.extract
from core.extract import extract
from core.find_measures import find_measures
from core.find_relations import find_relations
digest = hashlib.sha256()
for path in sorted(Path(sys.argv[1]).glob("relations_*.yaml")):
    for _, text, _ in corpus_documents(path):
        mentions = extract(text)
        found = find_relations(text, mentions, find_measures(text, mentions))
        digest.update(repr((mentions, found)).encode())
print(compiled.is_compiled(core.extract), digest.hexdigest())
"""


def _digest(checkout: Path) -> tuple[str, str]:
    """(whether it ran compiled, the digest) of the corpora in a fresh interpreter whose core
    package is checkout's."""
    corpora = ROOT / "tests" / "corpus"
    done = subprocess.run(
        [sys.executable, "-c", DIGEST, str(corpora)],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    ran_compiled, digest = done.stdout.split()
    return ran_compiled, digest


@pytest.mark.skipif(not compiled.is_current(), reason="no current build (scripts/setup.sh)")
def test_the_compiled_finder_finds_what_the_plain_python_finds(tmp_path: Path) -> None:
    """The same mentions and relations, to the repr, on every relation corpus: the plain run is
    a copy of core/ and benchmarks/ with no build beside it."""
    for folder in ("core", "benchmarks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    ran_compiled, plain = _digest(tmp_path)
    assert ran_compiled == "False"
    assert _digest(ROOT) == ("True", plain)


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler: no build to check")
def test_the_tests_run_the_finder_as_built() -> None:
    """scripts/test.sh builds first; a stale build (a module edited since) is not used, and the
    tests then say so here rather than time the plain Python as if compiled."""
    assert compiled.is_current(), (
        "no current build: run scripts/setup.sh, whose last lines say why the build failed"
    )
    assert compiled.is_compiled(core.extract) and compiled.is_compiled(core.find_relations)


def test_an_edited_module_changes_the_stamp(tmp_path: Path) -> None:
    copy = tmp_path / "core"
    shutil.copytree(ROOT / "core", copy)
    before = compiled.stamp(copy)
    assert before == compiled.stamp()
    source = copy / "part_rules.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert compiled.stamp(copy) != before


def test_a_stale_build_is_not_put_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "STAMP", tmp_path / "STAMP")
    (tmp_path / "STAMP").write_text("a stamp of other sources", encoding="utf-8")
    package_path = ["core"]
    compiled.put_ahead(package_path)
    assert package_path == ["core"]


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_a_type_error_stops_the_build_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mypyc relies on the annotations: a module that does not type-check is not compiled,
    mypy's message names it, and no stamp is written (the finder stays plain Python)."""
    copy = tmp_path / "core"
    shutil.copytree(ROOT / "core", copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "numbers.py").open("a", encoding="utf-8") as source:
        source.write('\n\ndef _wrong() -> int:\n    return "not a number"\n')
    monkeypatch.setattr(compiled, "CORE", copy)
    monkeypatch.setattr(compiled, "BUILD", tmp_path / "build")
    monkeypatch.setattr(compiled, "STAMP", tmp_path / "build" / "STAMP")
    said = compiled.build()
    assert said.startswith("mypyc failed, the figure finder runs as plain Python")
    assert "core/numbers.py" in said and "incompatible return value" in said.lower()
    assert not (tmp_path / "build").exists()
