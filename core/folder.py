"""What the articles folder holds: every entry, by the article it belongs to, sorted out by its
name and its stat alone (nothing is read here).

An article is `<name>.md` or `<name>.txt` and, beside it, `<name>.figures.yaml`; its id comes
from the name (`parse.article_id_of`). Every other entry is an input too, so that nothing in the
folder is silently ignored: a figures file without its article, a file of another kind, a
subfolder, a symbolic link out of the folder. Each is held back with a finding when its group is
processed. Hidden entries (names starting with '.': editors' swap files, .DS_Store, .git) are
not inputs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core import parse
from core.findings import Finding
from core.parse import ARTICLE_SUFFIXES, FIGURES_SUFFIX, article_id_of, display_name

ROLES = ("article", "figures", "other")


@dataclass(frozen=True)
class Input:
    """One entry of the folder: its path, its name as stored, the article it belongs to (for an
    entry that is neither an article nor a figures file, a key made from its name the same way),
    its role, and why it is held back unread (None when it may be read)."""

    path: Path
    source_file: str
    article_id: str
    role: str  # article, figures or other
    problem: Finding | None


@dataclass(frozen=True)
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


def scan(articles_dir: Path) -> list[Group]:
    """Every entry of the folder (hidden ones excepted), grouped by article id, sorted by id;
    within a group the entries keep the order of their names."""
    if not articles_dir.is_dir():
        raise FileNotFoundError(
            f"articles folder {articles_dir} does not exist: create it or set ETL_ARTICLES_DIR"
        )
    groups: dict[str, list[Input]] = {}
    for path in sorted(articles_dir.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        entry = classify(path, articles_dir)
        groups.setdefault(entry.article_id, []).append(entry)
    return [Group(article_id, tuple(groups[article_id])) for article_id in sorted(groups)]


def classify(path: Path, articles_dir: Path) -> Input:
    """An entry of the folder, its role told by its name, its problem by its stat."""
    name = path.name
    source = display_name(name)
    if name.endswith(FIGURES_SUFFIX) and len(name) > len(FIGURES_SUFFIX):
        role, stem = "figures", name[: -len(FIGURES_SUFFIX)]
    elif path.suffix in ARTICLE_SUFFIXES:
        role, stem = "article", path.stem
    else:
        role, stem = "other", name
    problem = parse.unreadable(path, articles_dir, source)
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
    return Input(path, source, article_id_of(stem), role, problem)


def groups_of(articles_dir: Path, paths: Iterable[Path]) -> list[Group]:
    """The groups of some article files of the folder (each with its figures file)."""
    wanted = {Path(path).name for path in paths}
    return [
        group
        for group in scan(articles_dir)
        if any(i.role == "article" and i.path.name in wanted for i in group.inputs)
    ]
