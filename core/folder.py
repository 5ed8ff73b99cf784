"""What the articles folder holds: every entry, by the article it belongs to, sorted out by its
name and its stat alone (nothing is read here; one listing of the folder and one stat a file).

An article is `<name>.md` or `<name>.txt` and, beside it, `<name>.figures.yaml`; its id comes
from the name (`parse.article_id_of`). Every other entry is an input too, so that nothing in the
folder is silently ignored: a figures file without its article, a file of another kind, a
subfolder, a symbolic link out of the folder. Each is held back with a finding when its group is
processed. Hidden entries (names starting with '.': editors' swap files, .DS_Store, .git) are
not inputs.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from core import parse
from core.findings import Finding
from core.parse import ARTICLE_SUFFIXES, FIGURES_SUFFIX, article_id_of, display_name


@dataclass(frozen=True, slots=True)
class Input:
    """One entry of the folder: its folder and name, its name as stored, the article it belongs
    to (for an entry that is neither an article nor a figures file, a key made from its name the
    same way), its role, why it is held back unread (None when it may be read), and its size and
    time when the folder was listed (of the link itself for an entry held back, else of the
    file)."""

    folder: Path
    name: str
    source_file: str
    article_id: str
    role: str  # article, figures or other
    problem: Finding | None
    size_bytes: int
    modified_ns: int

    @property
    def path(self) -> Path:
        return self.folder / self.name


@dataclass(frozen=True, slots=True)
class Group:
    """The entries of one article id: its article file, its figures file, and any other entry
    whose name gives the same id. Processed together, stored together, removed together."""

    article_id: str
    inputs: tuple[Input, ...]

    def first(self, role: str) -> Input | None:
        return next((i for i in self.inputs if i.role == role), None)

    @property
    def article(self) -> Input | None:
        return self.first("article")

    @property
    def figures(self) -> Input | None:
        return self.first("figures")


def scan(articles_dir: Path, keep: Callable[[str], bool] | None = None) -> list[Group]:
    """Every entry of the folder (hidden ones excepted), grouped by article id, sorted by id;
    within a group the entries keep the order of their names. With keep, only the entries whose
    article id it keeps (the others are not even looked at: no stat)."""
    groups: dict[str, list[Input]] = {}
    named = ((entry, *name_parts(entry.name)) for entry in entries(articles_dir))
    kept = [item for item in named if keep is None or keep(item[2])]
    for entry, role, article_id in sorted(kept, key=_name):
        try:
            found = classify(entry, articles_dir, role, article_id)
        except FileNotFoundError:  # deleted since the listing: the next run sees it gone
            continue
        groups.setdefault(article_id, []).append(found)
    return [Group(article_id, tuple(groups[article_id])) for article_id in sorted(groups)]


def entries(articles_dir: Path) -> list[os.DirEntry]:
    """The folder's listing, hidden entries excepted (one system call per many entries)."""
    if not articles_dir.is_dir():
        raise FileNotFoundError(
            f"articles folder {articles_dir} does not exist: create it or set ETL_ARTICLES_DIR"
        )
    with os.scandir(articles_dir) as listing:
        return [entry for entry in listing if not entry.name.startswith(".")]


def _name(item: tuple[os.DirEntry, str, str]) -> str:
    return item[0].name


def source_file_of(name: str) -> str:
    """An entry's name as the tables store it (bytes that are not UTF-8 written as \\xNN)."""
    return name if name.isascii() else display_name(name)


def name_parts(name: str) -> tuple[str, str]:
    """The role an entry's name gives it (article, figures or other) and its article id."""
    stem, dot, suffix = name.rpartition(".")
    if name.endswith(FIGURES_SUFFIX) and len(name) > len(FIGURES_SUFFIX):
        return "figures", article_id_of(name[: -len(FIGURES_SUFFIX)])
    if dot + suffix not in ARTICLE_SUFFIXES:
        return "other", article_id_of(name)
    return "article", article_id_of(stem)


def classify(entry: os.DirEntry, articles_dir: Path, role: str, article_id: str) -> Input:
    """An entry of the folder listing, with the role and article id of its name (`name_parts`),
    its problem told by its stat."""
    name = entry.name
    source = source_file_of(name)
    status = entry.stat(follow_symlinks=False)  # one system call, cached by the entry
    problem = None  # a regular file within the size limit is read; anything else is judged
    if not stat.S_ISREG(status.st_mode) or status.st_size > parse.MAX_FILE_BYTES:
        problem = parse.unreadable(entry.path, articles_dir, source, entry)
        status = entry.stat(follow_symlinks=problem is None)
    if problem is None and source != name:
        problem = Finding(
            rule=parse.KIND_RULE,
            source_file=source,
            message="its name is not UTF-8 (the bytes shown as \\xNN): held back unread; rename it",
            expected="a UTF-8 file name",
            found=source,
        )
    if role == "other" and problem is None:
        problem = Finding(
            rule=parse.KIND_RULE,
            source_file=source,
            message="neither an article nor a figures file: held back unread. An article is "
            f"<name>{' or <name>'.join(ARTICLE_SUFFIXES)} and its curated figures "
            f"<name>{FIGURES_SUFFIX}; rename it, or move it out of the articles folder",
            expected=f"a name ending in {', '.join(ARTICLE_SUFFIXES)} or {FIGURES_SUFFIX}",
            found=source,
        )
    return Input(
        articles_dir,
        name,
        source,
        article_id,
        role,
        problem,
        status.st_size,
        status.st_mtime_ns,
    )


def groups_of(articles_dir: Path, paths: Iterable[Path]) -> list[Group]:
    """The groups of some article files of the folder (each with its figures file)."""
    wanted = {Path(path).name for path in paths}
    return [
        group
        for group in scan(articles_dir)
        if any(i.role == "article" and i.name in wanted for i in group.inputs)
    ]
