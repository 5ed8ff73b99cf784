"""The figure finder's modules compiled with mypyc, for speed (about 1.4 times as fast as the
same code interpreted, on the dense relation corpora).

scripts/setup.sh builds them into .build/mypyc/ (core.compiled.build()), with a stamp of the
SHA-256 of their sources and of the Python that built them. core/__init__.py puts that build
ahead of the sources only while the stamp matches: an edited module is never shadowed by a stale
build, it runs interpreted until the next build. Where no C compiler is found, or the build
fails, nothing is put ahead and every module runs as plain Python, with the same results (a test,
tests/test_compiled.py, compares the two on every relation corpus).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CORE = Path(__file__).resolve().parent
BUILD = CORE.parent / ".build" / "mypyc"
STAMP = BUILD / "STAMP"
# extract, find_measures and find_relations, and what they call for each figure (the modules
# must type-check under mypy: mypyc relies on their annotations)
MODULES = (
    "apposed_parts",
    "change_cues",
    "change_rules",
    "clause_cues",
    "extract",
    "find_measures",
    "find_relations",
    "found_relation",
    "list_rules",
    "numbers",
    "part_clauses",
    "part_rules",
    "relation_cues",
    "relation_text",
    "unstated_changes",
)


def stamp(core: Path = CORE) -> str:
    """The SHA-256 of the compiled modules' sources and of this Python's version."""
    digest = hashlib.sha256(sys.version.encode())
    for name in MODULES:
        digest.update((core / f"{name}.py").read_bytes())
    return digest.hexdigest()


def is_current() -> bool:
    """Whether .build/mypyc/ holds a build of exactly these sources by this Python."""
    return STAMP.is_file() and STAMP.read_text(encoding="utf-8").strip() == stamp()


def put_ahead(package_path: list[str]) -> None:
    """Put the build ahead of the sources on core's package path when it is current (its
    shared runtime module, named by mypyc, is imported from the top level)."""
    if is_current():
        package_path.insert(0, str(BUILD / "core"))
        sys.path.append(str(BUILD))


def is_compiled(module: object) -> bool:
    """Whether a module was loaded from the build (an extension module, not a .py file)."""
    return not str(getattr(module, "__file__", "")).endswith(".py")


def build() -> str:
    """Compile MODULES into BUILD unless it is current; a line saying what was done."""
    if is_current():
        return f"compiled modules up to date in {BUILD}"
    mypyc = Path(sys.executable).with_name("mypyc")
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        return "no C compiler found: the figure finder runs as plain Python (slower, same results)"
    with tempfile.TemporaryDirectory() as temp:
        # a copy of core/ alone: mypyc builds with setuptools in its working directory, which
        # must not see the project's packages, and its .so files must not land beside the sources
        shutil.copytree(CORE, Path(temp) / "core", ignore=shutil.ignore_patterns("__pycache__"))
        expected = stamp(Path(temp) / "core")  # of what is compiled, not of later edits
        sources = [f"core/{name}.py" for name in MODULES]
        # core/ alone is type-checked: the installed packages (pandas, Dagster) would take minutes
        options = ["--ignore-missing-imports", "--follow-imports=silent", "--no-site-packages"]
        done = subprocess.run(
            [str(mypyc), *options, *sources], cwd=temp, capture_output=True, text=True
        )
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            return f"mypyc failed, the figure finder runs as plain Python:\n{tail}"
        shutil.rmtree(BUILD, ignore_errors=True)
        (BUILD / "core").mkdir(parents=True)
        for built in Path(temp).glob("*.so"):
            shutil.copy2(built, BUILD / built.name)
        for built in (Path(temp) / "core").glob("*.so"):
            shutil.copy2(built, BUILD / "core" / built.name)
    STAMP.write_text(expected, encoding="utf-8")
    return f"compiled {len(MODULES)} modules of the figure finder into {BUILD}"
