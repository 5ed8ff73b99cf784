"""What the articles folder holds and what of it may be read: every entry, by the article it
belongs to, sorted out by its name and its stat alone (one listing of the folder and one stat a
file); then the text of the files admitted.

An article is `<name>.md` or `<name>.txt` and, beside it, `<name>.figures.yaml`; its id comes
from the name (`article_id_of`). Every other entry is an input too, so that nothing in the
folder is silently ignored: a figures file without its article, a file of another kind, a
subfolder, a symbolic link out of the folder. Each is held back with a finding when its group is
processed. Hidden entries (names starting with '.': editors' swap files, .DS_Store, .git) are
not inputs. A file is read only when it is a regular file inside the folder, within the size
limit (`max_file_bytes`, the setting ETL_MAX_FILE_BYTES), and UTF-8 text (`read_text`).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from core.checks import (
    FILES_ARE_ARTICLES_OR_FIGURES,
    FILES_INSIDE_THE_FOLDER,
    FILES_WITHIN_SIZE_LIMIT,
)
from core.findings import Finding, InputError

ARTICLE_SUFFIXES = (".md", ".txt")
FIGURES_SUFFIX = ".figures.yaml"
# An article id as it is: a letter or digit, then letters, digits, '_', '.' or '-' (any script)
SAFE_ID = re.compile(r"[^\W_][\w.-]*")
# Largest article or figures file read (setting ETL_MAX_FILE_BYTES): a larger one is held back
DEFAULT_MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Input:
    """One entry of the folder: its folder and name, its name as stored, the article it belongs
    to (for an entry that is neither an article nor a figures file, a key made from its name the
    same way), its role, why it is held back unread (None when it may be read), and its stat
    when the folder was listed (of the link itself for an entry held back, else of the file):
    size, modification time, inode and change time. The last two cannot be set back by a copy
    or a restore that keeps size and modification time (`cp -p`, `rsync -t`): any write, rename
    or replacement of the file changes them."""

    folder: Path
    name: str
    source_file: str
    article_id: str
    role: str  # article, figures or other
    problem: Finding | None
    size_bytes: int
    modified_ns: int
    inode: int
    changed_ns: int

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


def scan(
    articles_dir: Path,
    keep: Callable[[str], bool] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> list[Group]:
    """Every entry of the folder (hidden ones excepted), grouped by article id, sorted by id;
    within a group the entries keep the order of their names. With keep, only the entries whose
    article id it keeps (the others are not even looked at: no stat)."""
    groups: dict[str, list[Input]] = {}
    named = ((entry, *name_parts(entry.name)) for entry in entries(articles_dir))
    kept = [item for item in named if keep is None or keep(item[2])]
    for entry, role, article_id in sorted(kept, key=_name):
        try:
            found = classify(entry, articles_dir, role, article_id, max_file_bytes)
        except FileNotFoundError:  # deleted since the listing: the next run sees it gone
            continue
        groups.setdefault(article_id, []).append(found)
    return [Group(article_id, tuple(groups[article_id])) for article_id in sorted(groups)]


def entries(articles_dir: Path) -> list[os.DirEntry]:
    """The folder's listing, hidden entries excepted (one system call per many entries)."""
    if not articles_dir.is_dir():
        raise FileNotFoundError(
            f"articles folder {articles_dir} does not exist (a share that is not mounted? a "
            "wrong ETL_ARTICLES_DIR?): nothing was processed, and the published warehouse is "
            "kept as it is. Mount or create the folder, or set ETL_ARTICLES_DIR"
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


def classify(
    entry: os.DirEntry,
    articles_dir: Path,
    role: str,
    article_id: str,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Input:
    """An entry of the folder listing, with the role and article id of its name (`name_parts`),
    its problem told by its stat."""
    name = entry.name
    source = source_file_of(name)
    status = entry.stat(follow_symlinks=False)  # one system call, cached by the entry
    problem = None  # a regular file within the size limit is read; anything else is judged
    if not stat.S_ISREG(status.st_mode) or status.st_size > max_file_bytes:
        problem = unreadable(entry.path, articles_dir, source, entry, max_file_bytes)
        status = entry.stat(follow_symlinks=problem is None)
    if problem is None and source != name:
        problem = Finding(
            rule=FILES_ARE_ARTICLES_OR_FIGURES.name,
            source_file=source,
            message="its name is not UTF-8 (the bytes shown as \\xNN): held back unread; rename it",
            expected="a UTF-8 file name",
            found=source,
        )
    if role == "other" and problem is None:
        problem = Finding(
            rule=FILES_ARE_ARTICLES_OR_FIGURES.name,
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
        status.st_ino,
        status.st_ctime_ns,
    )


def groups_of(
    articles_dir: Path, paths: Iterable[Path], max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> list[Group]:
    """The groups of some article files of the folder (each with its figures file)."""
    wanted = {Path(path).name for path in paths}
    return [
        group
        for group in scan(articles_dir, max_file_bytes=max_file_bytes)
        if any(i.role == "article" and i.name in wanted for i in group.inputs)
    ]


def article_id_of(stem: str) -> str:
    """The id of the article whose file name, without its suffix, is stem.

    A name that is already a safe id (a letter or digit, then letters, digits, '_', '.' or '-',
    in any script) is the id. Any other name (spaces, quotes, semicolons, ...) gets a safe id:
    each run of other characters becomes '-', followed by '-' and the first 8 hex digits of the
    SHA-256 of the name, so two names never share an id. A name is read in its composed Unicode
    form (NFC): "é" typed as one character or as "e" and an accent is one name."""
    stem = unicodedata.normalize("NFC", stem)
    if SAFE_ID.fullmatch(stem):
        return stem
    slug = re.sub(r"[^\w.-]+", "-", stem).strip("-._") or "article"
    digest = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{slug}-{digest}"


def display_name(name: str) -> str:
    """A file name as text that can be stored: bytes that are not UTF-8 written as \\xNN."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def unreadable(
    path: Path | str,
    articles_dir: Path,
    source_file: str,
    entry: os.DirEntry | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Finding | None:
    """Why a file of the folder is held back without being read, from its name and stat alone:
    a symbolic link out of the folder (its target is not even looked at), something that is not
    a regular file, or a file over max_file_bytes. None when it may be read. Given the folder
    listing's entry of the file, its cached type and stat are used (one system call a file)."""

    def finding(rule: str, message: str, expected: str, found: str) -> Finding:
        return Finding(
            rule=rule,
            source_file=source_file,
            message=message,
            expected=expected,
            found=found,
        )

    is_link = entry.is_symlink() if entry is not None else os.path.islink(path)
    link = display_name(os.readlink(path)) if is_link else None
    if link is not None:
        try:
            inside = Path(path).resolve(strict=False).is_relative_to(articles_dir.resolve())
        except (OSError, RuntimeError):  # a loop of links
            inside = False
        if not inside:
            return finding(
                FILES_INSIDE_THE_FOLDER.name,
                f"symbolic link to {link}, outside the articles folder: held back unread "
                "(links may only point to files inside the folder)",
                "a file, or a link to a file, inside the articles folder",
                f"a link to {link}",
            )
    try:
        status = entry.stat() if entry is not None else os.stat(path)
    except OSError as error:
        what = f"symbolic link to {link}, which" if link is not None else "it"
        return finding(
            FILES_ARE_ARTICLES_OR_FIGURES.name,
            f"{what} cannot be opened ({error.strerror}): held back",
            "a file that can be opened",
            f"{error.strerror}",
        )
    if not stat.S_ISREG(status.st_mode):
        kind = "folder" if stat.S_ISDIR(status.st_mode) else "special file"
        return finding(
            FILES_ARE_ARTICLES_OR_FIGURES.name,
            f"is a {kind}, not a file: only files directly in the articles folder are read "
            "(subfolders are not scanned)",
            "a file",
            f"a {kind}",
        )
    if status.st_size > max_file_bytes:
        return _too_large(source_file, status.st_size, max_file_bytes)
    return None


def _too_large(source_file: str, size: int, max_file_bytes: int) -> Finding:
    return Finding(
        rule=FILES_WITHIN_SIZE_LIMIT.name,
        source_file=source_file,
        message=f"{size:,} bytes, over the limit of {max_file_bytes:,} bytes "
        "(ETL_MAX_FILE_BYTES): held back unread; split it, or raise the limit",
        expected=f"at most {max_file_bytes:,} bytes",
        found=f"{size:,} bytes",
    )


BYTE_ORDER_MARK = "\ufeff"  # UTF-8's, as Windows editors save it


def read_text(
    path: Path,
    articles_dir: Path,
    source_file: str,
    rule: str,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> str:
    """A file's text, as written (no newline translation), without the byte-order mark some
    editors put first (offsets into the text count from after it). Raise InputError, without
    reading it, for a file held back by `unreadable`; and for a file that is binary or not UTF-8,
    with the line and offset of the first bad byte."""
    problem = unreadable(path, articles_dir, source_file, max_file_bytes=max_file_bytes)
    if problem:
        raise InputError(problem)
    try:
        with path.open("rb") as file:
            data = file.read(max_file_bytes + 1)  # a file grown since its stat is not read whole
    except OSError as error:
        raise InputError(
            Finding(
                rule=FILES_ARE_ARTICLES_OR_FIGURES.name,
                source_file=source_file,
                message=f"cannot be read ({error.strerror}): give the pipeline read access",
                expected="a readable file",
                found=str(error.strerror),
            )
        ) from None
    if len(data) > max_file_bytes:
        raise InputError(_too_large(source_file, path.stat().st_size, max_file_bytes))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise InputError(
            _bad_byte(source_file, data, error.start, rule, f"byte 0x{bad:02x} is not UTF-8")
        ) from None
    if "\0" in text:
        raise InputError(_bad_byte(source_file, data, data.index(b"\0"), rule, "a NUL byte"))
    return text.removeprefix(BYTE_ORDER_MARK)


def _bad_byte(source_file: str, data: bytes, offset: int, rule: str, what: str) -> Finding:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Finding(
        rule=rule,
        source_file=source_file,
        line=line,
        message=f"not UTF-8 text ({what} at line {line}, column {column}, "
        f"offset {offset}): a binary file, or text saved in another encoding; save it as UTF-8",
        expected="UTF-8 text",
        found=f"{what} at offset {offset}",
    )
