"""What the warehouse flags in articles nobody curated: the inconsistencies, and only those?

    .venv/bin/python -m benchmarks.false_alarms [--corpus tests/corpus/relations_blind.yaml ...]

Each document of the relation corpora (tests/corpus/relations_*.yaml: dev, which the finder's
rules were tuned on, and the blind ones, which they were not) becomes an article
with no figures file in a temporary folder; `python -m etl materialize` runs on the folder as a
user would run it (fresh DAGSTER_HOME, default settings); then every SQL check of
warehouse/checks/ is queried on the published warehouse, and the rows held back in `quarantine`
are read. Each failing row and each held-back row is a finding on its article.

Every document says whether its figures agree (`consistent`). A finding on a consistent document
is a false alarm; an inconsistent document with a finding is caught. Precision is counted by
document (findings on inconsistent documents / all findings): a finding on an inconsistent
document is counted as right even when it flags another pair than the annotated inconsistency,
so it is an upper bound; every finding is printed for a person to read.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from core import sql
from core.checks import registry
from etl.resources import DEFAULT_AGREEMENT_TOLERANCE

ROOT = Path(__file__).resolve().parents[1]
CORPORA = sorted((ROOT / "tests" / "corpus").glob("relations_*.yaml"))
ETL = (sys.executable, "-m", "etl", "materialize")
FRONT_MATTER = '---\ntitle: {id}\noutlet: Corpus\npublished: "2026"\nlanguage: en\n---\n'


@dataclass(frozen=True)
class Finding:
    """A failing row of a check, or a row held back, on one document."""

    document: str
    check: str
    message: str


def write_articles(documents: list[dict], folder: Path) -> None:
    """Each document as an article file with no figures file."""
    folder.mkdir(parents=True)
    for document in documents:
        text = FRONT_MATTER.format(id=document["id"]) + document["text"].rstrip("\n") + "\n"
        (folder / f"{document['id']}.md").write_text(text, encoding="utf-8")


def materialize(articles: Path, database: Path, home: Path, command: Sequence[str] = ETL) -> None:
    """Run the main command (or another that runs it) on the folder, as a user would."""
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ETL_")}
    env |= {
        "ETL_ARTICLES_DIR": str(articles),
        "ETL_DUCKDB_PATH": str(database),
        "DAGSTER_HOME": str(home),
    }
    done = subprocess.run(
        list(command),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if not database.exists():
        output = done.stdout[-3000:] + done.stderr[-3000:]
        raise RuntimeError(f"the run wrote no warehouse:\n{output}")


def findings(database: Path) -> list[Finding]:
    """Every failing row of every SQL check, and every row held back, by article."""
    params = {"agreement_tolerance": DEFAULT_AGREEMENT_TOLERANCE}
    found = []
    with duckdb.connect(str(database), read_only=True) as conn:
        for check in registry():
            if check.evaluated_by != "sql":
                continue
            rows = sql.check_query(conn, check.name, params)
            found += [
                Finding(row.article_id, check.name, row.message)
                for row in rows.itertuples(index=False)
            ]
        held = conn.execute("SELECT article_id, rule, message FROM quarantine").fetchall()
        found += [Finding(article, rule, message) for article, rule, message in held]
    return found


def judge(path: Path, workdir: Path, command: Sequence[str] = ETL) -> str:
    """The findings on one corpus's documents (the warehouse built by command), as text."""
    documents = yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]
    consistent = {d["id"]: bool(d["consistent"]) for d in documents}
    folder = workdir / path.stem
    write_articles(documents, folder / "articles")
    materialize(folder / "articles", folder / "figures.duckdb", folder / "dagster_home", command)
    fired = findings(folder / "figures.duckdb")
    false_alarms = [f for f in fired if consistent.get(f.document, True)]
    caught = {f.document for f in fired if not consistent.get(f.document, True)}
    flagged_consistent = {f.document for f in false_alarms}
    inconsistent = sum(not value for value in consistent.values())
    precision = (len(fired) - len(false_alarms)) / len(fired) if fired else float("nan")
    by_check = Counter(f.check for f in fired)
    false_by_check = Counter(f.check for f in false_alarms)
    lines = [
        f"{path.name}: {len(documents)} documents, {len(documents) - inconsistent} consistent, "
        f"{inconsistent} inconsistent",
        f"  findings fired: {len(fired)}; on consistent documents (false alarms): "
        f"{len(false_alarms)}, on {len(flagged_consistent)} of {len(documents) - inconsistent} "
        "documents",
        f"  inconsistent documents caught: {len(caught)} of {inconsistent}",
        f"  precision of findings (by document, an upper bound): {precision:.3f}",
        "  by check: "
        + (
            ", ".join(
                f"{name} {count} ({false_by_check[name]} false)"
                for name, count in sorted(by_check.items())
            )
            or "none"
        ),
    ]
    for finding in sorted(fired, key=lambda f: (f.document, f.check)):
        verdict = "FALSE ALARM" if consistent.get(finding.document, True) else "on inconsistent"
        lines.append(f"    {verdict}: {finding.document}: {finding.check}: {finding.message}")
    missed = sorted(d for d, ok in consistent.items() if not ok and d not in caught)
    lines.append(f"  inconsistent documents with no finding: {', '.join(missed) or 'none'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.false_alarms", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--corpus", type=Path, action="append", help="a relation corpus file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="false-alarms-") as workdir:
        for path in args.corpus or CORPORA:
            print(judge(path, Path(workdir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
