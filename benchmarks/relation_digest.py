"""A digest of everything extract, find_measures and find_relations return on the corpora, to
show that a change to them (for speed) keeps their behaviour.

    .venv/bin/python -m benchmarks.relation_digest [--dump FILE]

Reads every relation corpus (tests/corpus/relations_*.yaml), the extraction corpora (dev.yaml,
blind.yaml, heldout_vice.yaml) and the articles in data/articles/, each document on its own and
each corpus's texts joined into one (as benchmarks.relations times them). Prints one SHA-256
digest per corpus and one of them all; --dump writes every result, one line each, to compare
two trees with diff when the digests differ.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Iterator
from pathlib import Path

from benchmarks.score import corpus_documents
from core.extract import extract
from core.find_measures import find_measures
from core.find_relations import find_relations
from core.parse import read_article

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "corpus"
ARTICLES = ROOT / "data" / "articles"
EXTRACTION = ("dev.yaml", "blind.yaml", "heldout_vice.yaml")


def sources() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Each corpus's name and its documents as (id, text) (a corpus still unseen stays out of
    tests/corpus until it is measured)."""
    paths = sorted(CORPORA.glob("relations_*.yaml")) + [CORPORA / name for name in EXTRACTION]
    for path in paths:
        yield path.name, [(doc_id, text) for doc_id, text, _ in corpus_documents(path)]
    for path in sorted(ARTICLES.glob("*.md")):
        yield path.name, [(path.stem, read_article(path, path.parent).body)]


def results(text: str) -> Iterator[str]:
    """One line for each mention, measure and relation the three stages return on a text."""
    mentions = extract(text)
    measures = find_measures(text, mentions)
    for mention in mentions:
        yield f"mention {mention!r}"
    for measure in measures:
        yield f"measure {measure!r}"
    for relation in find_relations(text, mentions, measures):
        yield f"relation {relation!r}"


def corpus_lines(documents: list[tuple[str, str]]) -> Iterator[str]:
    """The result lines of each document, then of the documents' texts joined into one."""
    for doc_id, text in documents:
        yield f"document {doc_id}"
        yield from results(text)
    yield "joined"
    yield from results("\n\n".join(text for _, text in documents))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, help="write every result line to this file")
    dump = parser.parse_args(argv).dump
    everything = hashlib.sha256()
    lines_out: list[str] = []
    for name, documents in sources():
        digest = hashlib.sha256()
        count = 0
        for line in corpus_lines(documents):
            digest.update(line.encode("utf-8") + b"\n")
            lines_out.append(f"{name} {line}")
            count += 1
        everything.update(digest.digest())
        print(f"{name:<28} {count:>7} lines  {digest.hexdigest()[:16]}")
    print(f"{'all':<28} {len(lines_out):>7} lines  {everything.hexdigest()[:16]}")
    if dump:
        dump.write_text("\n".join(lines_out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
