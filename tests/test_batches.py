"""core.batches: which batch an article is in, and what changed in a batch since the last run."""

from __future__ import annotations

import os
from pathlib import Path

from core.batches import (
    BATCHES,
    RECORD_COLUMNS,
    batch_of,
    batches_changed_since,
    folder_digest,
    plan,
    split,
)
from core.folder import scan


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def everything(folder: Path, known=()) -> list:
    """One plan per batch, over the folder."""
    groups = split(scan(folder))
    return [plan(groups[batch], batch, [s for s in known if batch_of(s.article_id) == batch])
            for batch in range(BATCHES)]  # fmt: skip


def sources(plans: list) -> list:
    return [source for p in plans for source in p.sources]


def processed(plans: list) -> set[str]:
    return {group.article_id for p in plans for group in p.process}


def test_an_article_keeps_its_batch() -> None:
    assert batch_of("vice-2014-12-french-jihadist-recruits") == batch_of(
        "vice-2014-12-french-jihadist-recruits"
    )
    spread = {batch_of(f"article-{n}") for n in range(200)}
    assert spread == set(range(BATCHES))


def test_new_changed_unchanged_and_deleted_articles(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "A")
    write(tmp_path, "b.md", "B")
    write(tmp_path, "b.figures.yaml", "figures: []")
    first = everything(tmp_path)
    assert processed(first) == {"a", "b"}
    assert {(s.source_file, s.role) for s in sources(first)} == {
        ("a.md", "article"), ("b.md", "article"), ("b.figures.yaml", "figures"),
    }  # fmt: skip

    assert processed(everything(tmp_path, sources(first))) == set()

    write(tmp_path, "b.figures.yaml", "figures: [] # edited")  # a figures file counts too
    write(tmp_path, "c.md", "C")
    (tmp_path / "a.md").unlink()
    second = everything(tmp_path, sources(first))
    assert processed(second) == {"b", "c"}
    assert {article for p in second for article in p.remove} == {"a"}


def test_a_touched_file_with_the_same_bytes_is_not_processed(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "A")
    first = everything(tmp_path)
    os.utime(path, ns=(1, 1))
    second = everything(tmp_path, sources(first))
    assert processed(second) == set()
    assert sources(second)[0].modified_ns == 1  # remembered, so the hash is not computed again


def edit_keeping_size_and_time(path: Path, text: str) -> None:
    """Rewrite a file with other bytes of the same length, then set its times back (as `cp -p`,
    `rsync -t` or a restored backup leave a file)."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_that_keeps_size_and_time_is_read_and_processed(tmp_path: Path) -> None:
    article = write(tmp_path, "a.md", "A")
    figures = write(tmp_path, "b.figures.yaml", "figures: []")
    write(tmp_path, "b.md", "B")
    first = everything(tmp_path)
    recorded = record(first)
    edit_keeping_size_and_time(article, "Z")
    edit_keeping_size_and_time(figures, "figures: {}")
    assert batches_changed_since(tmp_path, recorded) == {batch_of("a"), batch_of("b")}
    second = everything(tmp_path, sources(first))
    assert processed(second) == {"a", "b"}
    assert processed(everything(tmp_path, sources(second))) == set()


def test_a_file_copied_back_with_the_same_bytes_is_hashed_not_processed(tmp_path: Path) -> None:
    article = write(tmp_path, "a.md", "A")
    first = everything(tmp_path)
    edit_keeping_size_and_time(article, "A")  # another change time, the same bytes
    assert batches_changed_since(tmp_path, record(first)) == {batch_of("a")}  # looked at
    second = everything(tmp_path, sources(first))
    assert processed(second) == set()  # its hash says it is the same
    assert sources(second)[0].changed_ns == article.stat().st_ctime_ns  # recorded anew


def test_a_figures_file_added_or_removed_reprocesses_its_article(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "A")
    first = everything(tmp_path)
    figures = write(tmp_path, "a.figures.yaml", "figures: []")
    second = everything(tmp_path, sources(first))
    assert processed(second) == {"a"}
    figures.unlink()
    assert processed(everything(tmp_path, sources(second))) == {"a"}


def test_the_folder_digest_changes_with_any_file_and_only_then(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "A")
    before = folder_digest(tmp_path)
    write(tmp_path, ".a.md.swp", "a hidden file is not an input")
    assert folder_digest(tmp_path) == before
    write(tmp_path, "a.figures.yaml", "figures: []")
    assert folder_digest(tmp_path) != before
    before = folder_digest(tmp_path)
    write(tmp_path, "notes.txt.bak", "not an article file: reported, so it counts")
    assert folder_digest(tmp_path) != before


def test_files_held_back_unread_are_fingerprinted_by_size_and_time(tmp_path: Path) -> None:
    write(tmp_path, "notes.csv", "a,b")
    (tmp_path / "link.md").symlink_to(tmp_path.parent)  # a link out of the folder
    first = everything(tmp_path)
    assert processed(first) == {"notes.csv", "link"}
    assert {(s.source_file, s.role) for s in sources(first)} == {
        ("notes.csv", "other"), ("link.md", "article"),
    }  # fmt: skip
    assert processed(everything(tmp_path, sources(first))) == set()


def record(plans: list) -> list[tuple]:
    """The record of files as the published sources table keeps it."""
    return [tuple(getattr(s, column) for column in RECORD_COLUMNS) for s in sources(plans)]


def test_the_batches_changed_since_a_record_are_told_from_names_and_stats(
    tmp_path: Path,
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        write(tmp_path, name, name)
    write(tmp_path, "b.figures.yaml", "figures: []")
    (tmp_path / "d.md").symlink_to(tmp_path / "c.md")  # a link is recorded with its target's stat
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_bytes(b"not UTF-8")  # recorded as 'caf\\xe9.md'
    recorded = record(everything(tmp_path))
    assert batches_changed_since(tmp_path, recorded) == set()

    write(tmp_path, "b.figures.yaml", "figures: [] # edited")  # a figures file counts too
    assert batches_changed_since(tmp_path, recorded) == {batch_of("b")}
    recorded = record(everything(tmp_path))
    write(tmp_path, "e.md", "new")
    (tmp_path / "a.md").unlink()
    os.utime(tmp_path / "c.md", ns=(1, 1))  # same bytes, another time: looked at again
    assert batches_changed_since(tmp_path, recorded) == {
        batch_of(article) for article in ("a", "c", "d", "e")
    }
