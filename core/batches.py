"""Split the articles folder into batches and tell, per batch, what changed since the last run.

An article is its file (`<slug>.md` or `.txt`) and, when there is one, its figures file
(`<slug>.figures.yaml`). It belongs to the batch its slug hashes to, so it never moves between
batches. Its fingerprint is the SHA-256 of both files' bytes; a file whose size and modification
time did not change is not read again to compute it.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.parse import ARTICLE_SUFFIXES, FIGURES_SUFFIX

BATCHES = 8  # batches (Dagster partitions) the corpus is split into; changing it re-processes all


@dataclass(frozen=True)
class SourceFile:
    """One input file as last seen: where it is, its size and time, and its content hash."""

    source_file: str  # relative to the articles folder
    article_id: str
    role: str  # "article" or "figures"
    size_bytes: int
    modified_ns: int
    sha256: str


@dataclass(frozen=True)
class Plan:
    """What a batch must do: articles to (re)process, articles whose files are gone."""

    batch: int
    process: list[Path]  # article files, new or changed
    remove: list[str]  # article ids to delete
    sources: list[SourceFile]  # every file of the batch, as it is now

    @property
    def changed(self) -> bool:
        return bool(self.process or self.remove)


def batch_of(article_id: str, batches: int = BATCHES) -> int:
    """The batch an article belongs to, stable across runs and machines."""
    return zlib.crc32(article_id.encode("utf-8")) % batches


def plan(
    articles_dir: Path,
    article_files: Iterable[Path],
    batch: int,
    known: Iterable[SourceFile],
    force: bool = False,
    batches: int = BATCHES,
) -> Plan:
    """Compare the batch's files on disk (among article_files, from `find_article_files`) with
    the files known from the last run; with force, every article of the batch is processed."""
    known_by_file: dict[str, SourceFile] = {}
    known_hashes: dict[str, dict[str, str]] = {}  # article id -> file -> sha256
    for source in known:
        known_by_file[source.source_file] = source
        known_hashes.setdefault(source.article_id, {})[source.source_file] = source.sha256
    sources: list[SourceFile] = []
    process: list[Path] = []
    seen: set[str] = set()
    for path in article_files:
        article_id = path.stem
        if batch_of(article_id, batches) != batch:
            continue
        seen.add(article_id)
        files = [(path, "article")]
        figures = path.with_name(article_id + FIGURES_SUFFIX)
        if figures.is_file():
            files.append((figures, "figures"))
        current = [
            _source(file, articles_dir, article_id, role, known_by_file) for file, role in files
        ]
        sources += current
        if force or {s.source_file: s.sha256 for s in current} != known_hashes.get(article_id):
            process.append(path)
    remove = sorted(set(known_hashes) - seen)
    return Plan(batch, process, remove, sources)


def _source(
    path: Path, articles_dir: Path, article_id: str, role: str, known: dict[str, SourceFile]
) -> SourceFile:
    relative = path.relative_to(articles_dir).as_posix()
    stat = path.stat()
    before = known.get(relative)
    if before and (before.size_bytes, before.modified_ns) == (stat.st_size, stat.st_mtime_ns):
        return before  # unchanged on disk: its hash is not computed again
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return SourceFile(relative, article_id, role, stat.st_size, stat.st_mtime_ns, digest)


def folder_digest(articles_dir: Path) -> str:
    """One hash of the names, sizes and times of the folder's article and figures files: it
    changes when a file is added, changed or deleted, without reading any file."""
    digest = hashlib.sha256()
    for path in sorted(articles_dir.iterdir()):
        if path.suffix in ARTICLE_SUFFIXES or path.name.endswith(FIGURES_SUFFIX):
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
