"""Split the articles folder into batches and tell, per batch, what changed since the last run.

An article is its file (`<slug>.md` or `.txt`) and, when there is one, its figures file
(`<slug>.figures.yaml`); every other entry of the folder is grouped the same way by its name
(core/folder.py), so that it is reported, not ignored. A group belongs to the batch its id hashes
to, so it never moves between batches. Its fingerprint is the SHA-256 of its files' bytes: an
article is processed again when that changed. A file whose stat is as recorded (size,
modification time, inode and change time: `STAT_FIELDS`) is not read again to compute it; the
change time is set by the system on every write, rename or restore and cannot be set back, so an
edit that keeps size and modification time (`cp -p`, `rsync -t`, a backup restored) is read. A
file held back unread (too large, a link out of the folder, not an article or figures file) is
fingerprinted by its size and modification time alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zlib
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from core import folder
from core.folder import Group, Input, scan

BATCHES = 8  # batches (Dagster partitions) the corpus is split into; changing it re-processes all
# The columns of `sources` that say a file is as last seen (its bytes are then not read again)
STAT_FIELDS = ("size_bytes", "modified_ns", "inode", "changed_ns")


class SourceFile(NamedTuple):
    """One input file as last seen: where it is, its stat (STAT_FIELDS), and its content hash (a
    tuple: a batch's record of its files is read and compared whole, thousands at a time)."""

    source_file: str  # relative to the articles folder
    article_id: str
    role: str  # "article", "figures" or "other"
    size_bytes: int
    modified_ns: int
    inode: int
    changed_ns: int  # the stat's change time (st_ctime_ns)
    sha256: str
    entries: int | None = None  # items a figures file listed when it was last read
    processed_at: dt.datetime | None = None  # when its article was last processed (UTC)


@dataclass(frozen=True)
class Plan:
    """What a batch must do: groups (articles) to (re)process, article ids whose files are gone."""

    batch: int
    process: list[Group]  # new or changed
    remove: list[str]  # article ids to delete
    sources: list[SourceFile]  # every file of the batch, as it is now

    @property
    def changed(self) -> bool:
        return bool(self.process or self.remove)


def batch_of(article_id: str, batches: int = BATCHES) -> int:
    """The batch an article belongs to, stable across runs and machines."""
    return zlib.crc32(article_id.encode("utf-8")) % batches


def split(groups: Iterable[Group], batches: int = BATCHES) -> dict[int, list[Group]]:
    """Groups of files (from `folder.scan`) by the batch of their article id; every batch is a
    key, empty or not."""
    found: dict[int, list[Group]] = {batch: [] for batch in range(batches)}
    for group in groups:
        found[batch_of(group.article_id, batches)].append(group)
    return found


def plan(
    groups: Iterable[Group], batch: int, known: Iterable[SourceFile], force: bool = False
) -> Plan:
    """Compare a batch's groups of files on disk (its part of `split`) with the files known from
    the last run; with force, every group of the batch is processed."""
    known_by_file = {source.source_file: source for source in known}
    known_files = Counter(source.article_id for source in known_by_file.values())
    sources: list[SourceFile] = []
    process: list[Group] = []
    seen: set[str] = set()
    for group in groups:
        seen.add(group.article_id)
        current = [_source(entry, group.article_id, known_by_file) for entry in group.inputs]
        sources += current
        if (  # a file added, removed or changed (a file's name gives its article)
            force
            or len(current) != known_files[group.article_id]
            or any(_sha256(known_by_file.get(s.source_file)) != s.sha256 for s in current)
        ):
            process.append(group)
    remove = sorted(set(known_files) - seen)
    return Plan(batch, process, remove, sources)


RECORD_COLUMNS = ("source_file", "article_id", "role", *STAT_FIELDS)  # of batches_changed_since


def batches_changed_since(
    articles_dir: Path,
    recorded: Iterable[tuple],
    max_file_bytes: int = folder.DEFAULT_MAX_FILE_BYTES,
) -> set[int]:
    """The batches whose files differ from a record of files, nothing read: a file added, gone,
    or with another role or stat (size, modification time, inode, change time). A record row is
    the RECORD_COLUMNS of the sources table. Empty when the folder is as recorded. An entry
    whose own stat is as recorded costs one stat; only the others are classified (a link is
    recorded with its target's)."""
    left = {row[0]: tuple(row) for row in recorded}
    changed: set[int] = set()
    for entry in folder.entries(articles_dir):
        try:
            status = entry.stat(follow_symlinks=False)
            before = left.pop(folder.source_file_of(entry.name), None)
            if before is not None and before[3:] == _stat_of(status):
                continue
            role, article_id = folder.name_parts(entry.name)
            found = folder.classify(entry, articles_dir, role, article_id, max_file_bytes)
        except FileNotFoundError:  # deleted since the listing: gone
            continue
        now = (found.source_file, found.article_id, found.role, *_stat_of(found))
        if before != now:
            changed.add(batch_of(found.article_id))
    return changed | {batch_of(article_id) for _, article_id, *_ in left.values()}


def _sha256(source: SourceFile | None) -> str | None:
    return source.sha256 if source is not None else None


def _stat_of(status: os.stat_result | Input | SourceFile) -> tuple[int, ...]:
    """The STAT_FIELDS of a stat, an entry of the folder or a record of a file."""
    if isinstance(status, os.stat_result):
        return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)
    return tuple(getattr(status, name) for name in STAT_FIELDS)


def _source(entry: Input, article_id: str, known: dict[str, SourceFile]) -> SourceFile:
    size, modified = entry.size_bytes, entry.modified_ns
    before = known.get(entry.source_file)
    if (
        before
        and (*_stat_of(before), before.role) == (*_stat_of(entry), entry.role)
        and (before.sha256 == unread_digest(size, modified)) == bool(entry.problem)
    ):
        return before  # unchanged on disk (and read or not as before): not hashed again
    digest = unread_digest(size, modified)  # held back unread: its size and time stand for it
    if not entry.problem:
        with suppress(OSError):  # a file it may not read keeps that: processing will say why
            digest = hashlib.sha256(entry.path.read_bytes()).hexdigest()
    return SourceFile(entry.source_file, article_id, entry.role, *_stat_of(entry), digest)


def unread_digest(size: int, modified_ns: int) -> str:
    """The fingerprint of a file held back unread: a SHA-256 of its size and time."""
    return hashlib.sha256(f"not read: {size} {modified_ns}".encode()).hexdigest()


def folder_digest(articles_dir: Path, max_file_bytes: int = folder.DEFAULT_MAX_FILE_BYTES) -> str:
    """One hash of the names and stats (STAT_FIELDS) of the folder's entries (hidden ones
    excepted): it changes when a file is added, changed or deleted, without reading any file."""
    digest = hashlib.sha256()
    for group in scan(articles_dir, max_file_bytes=max_file_bytes):
        for entry in group.inputs:
            fields = "\0".join(map(str, _stat_of(entry)))
            digest.update(f"{entry.source_file}\0{fields}\n".encode())
    return digest.hexdigest()
