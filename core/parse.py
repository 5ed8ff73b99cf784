"""Read article files (YAML front matter + verbatim body) and their curated figures files."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from core.findings import Finding, InputError

ARTICLE_SUFFIXES = (".md", ".txt")
FIGURES_SUFFIX = ".figures.yaml"
REQUIRED_FRONT_MATTER = ("title", "outlet", "published", "language")
OPTIONAL_FRONT_MATTER = ("author", "url", "notes")
FIGURE_KEYS = {
    "required": ("id", "quote", "value", "kind", "unit", "qualifier", "measure"),
    "optional": ("occurrence", "note"),
}
MEASURE_KEYS = {"required": ("what",), "optional": ("id", "of_whom", "where", "period")}
RELATION_KEYS = {
    "required": ("id", "type", "subject", "object"),
    "optional": ("baseline", "base_ambiguous", "note"),
}
NOT_FIGURE_KEYS = {"required": ("quote", "reason"), "optional": ("occurrence",)}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*\r?\n", re.DOTALL | re.MULTILINE)
LINE_KEY = "__line__"
ARTICLE_RULE = "articles_match_schema"
FIGURES_RULE = "figures_match_schema"


@dataclass(frozen=True)
class Article:
    """An article file split into its front matter and its verbatim body."""

    article_id: str
    source_file: str
    front_matter: dict[str, Any]
    body: str
    body_first_line: int
    figures_file: str | None


@dataclass(frozen=True)
class Entry:
    """One item of a figures file (a figure, relation or non-figure) and where it stands."""

    fields: dict[str, Any]
    line: int | None
    problems: tuple[str, ...]  # missing or unknown keys, said in words


@dataclass(frozen=True)
class FiguresFile:
    source_file: str
    figures: list[Entry]
    relations: list[Entry]
    not_figures: list[Entry]


def find_article_files(articles_dir: Path) -> list[Path]:
    """Article files in the folder, sorted by name (figures files are not articles)."""
    if not articles_dir.is_dir():
        raise FileNotFoundError(
            f"articles folder {articles_dir} does not exist: create it or set ETL_ARTICLES_DIR"
        )
    return sorted(
        path
        for path in articles_dir.iterdir()
        if path.is_file() and path.suffix in ARTICLE_SUFFIXES
    )


def read_article(path: Path, articles_dir: Path) -> Article:
    """Read one article file; raise InputError naming the file and line when it is malformed."""
    source = path.relative_to(articles_dir).as_posix()
    text = path.read_bytes().decode("utf-8")  # as written: no newline translation
    match = FRONT_MATTER.match(text)
    if not match:
        raise InputError(
            Finding(
                rule=ARTICLE_RULE,
                source_file=source,
                line=1,
                message="no YAML front matter: expected the file to start with a '---' line, "
                "the front matter, and a closing '---' line",
                expected="---",
                found=text.splitlines()[0][:80] if text else "an empty file",
            )
        )
    front_matter = _load_yaml(match["yaml"], source, first_line=2, rule=ARTICLE_RULE)
    if not isinstance(front_matter, dict):
        raise InputError(
            Finding(
                rule=ARTICLE_RULE,
                source_file=source,
                line=2,
                message="front matter is not a mapping of keys to values",
                expected="key: value lines",
                found=type(front_matter).__name__,
            )
        )
    front_matter.pop(LINE_KEY, None)
    _check_keys(front_matter, REQUIRED_FRONT_MATTER, OPTIONAL_FRONT_MATTER, source, ARTICLE_RULE)
    figures = path.with_name(path.stem + FIGURES_SUFFIX)
    return Article(
        article_id=path.stem,
        source_file=source,
        front_matter=front_matter,
        body=text[match.end() :],
        body_first_line=text[: match.end()].count("\n") + 1,
        figures_file=figures.relative_to(articles_dir).as_posix() if figures.exists() else None,
    )


def article_row(article: Article) -> dict[str, Any]:
    """The article as a row of the `articles` table (published date spelled out as a range)."""
    meta = article.front_matter
    published = _date_text(meta.get("published"))
    earliest, latest = published_range(published)
    return {
        "article_id": article.article_id,
        "source_file": article.source_file,
        "figures_file": article.figures_file,
        "title": meta.get("title"),
        "outlet": meta.get("outlet"),
        "author": meta.get("author"),
        "url": meta.get("url"),
        "published": published,
        "published_earliest": earliest,
        "published_latest": latest,
        "language": meta.get("language"),
        "notes": meta.get("notes"),
        "body": article.body,
        "body_sha256": hashlib.sha256(article.body.encode("utf-8")).hexdigest(),
        "body_chars": len(article.body),
        "body_first_line": article.body_first_line,
    }


def published_range(published: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can stand for."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published or "")
    if not match:
        return None, None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            date = dt.date(year, month, day)
            return date, date
        if month is not None:
            return dt.date(year, month, 1), dt.date(
                year, month, calendar.monthrange(year, month)[1]
            )
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None, None


def read_figures_file(path: Path, articles_dir: Path) -> FiguresFile:
    """Read a curated figures file; raise InputError on YAML syntax errors or a wrong layout."""
    source = path.relative_to(articles_dir).as_posix()
    document = _load_yaml(path.read_text(encoding="utf-8"), source, first_line=1, rule=FIGURES_RULE)
    if not isinstance(document, dict):
        raise InputError(
            Finding(
                rule=FIGURES_RULE,
                source_file=source,
                line=1,
                message="expected a mapping with the lists 'figures', 'relations' and "
                "'not_figures'",
                expected="figures: [...]",
                found=type(document).__name__,
            )
        )
    document.pop(LINE_KEY, None)
    _check_keys(document, ("figures",), ("relations", "not_figures"), source, FIGURES_RULE)
    return FiguresFile(
        source_file=source,
        figures=_entries(document, "figures", FIGURE_KEYS, source),
        relations=_entries(document, "relations", RELATION_KEYS, source),
        not_figures=_entries(document, "not_figures", NOT_FIGURE_KEYS, source),
    )


def _entries(document: dict, key: str, keys: dict, source: str) -> list[Entry]:
    items = document.get(key) or []
    if not isinstance(items, list):
        raise InputError(
            Finding(
                rule=FIGURES_RULE,
                source_file=source,
                message=f"'{key}' must be a list of mappings",
                expected="a list",
                found=type(items).__name__,
            )
        )
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(
                Finding(
                    rule=FIGURES_RULE,
                    source_file=source,
                    message=f"{key}[{index}] must be a mapping of keys to values",
                    expected="key: value lines",
                    found=repr(item)[:80],
                )
            )
        fields = dict(item)
        line = fields.pop(LINE_KEY, None)
        problems = _key_problems(fields, keys["required"], keys["optional"])
        measure = fields.get("measure")
        if key == "figures" and isinstance(measure, dict):
            measure.pop(LINE_KEY, None)
            problems += [
                f"measure: {p}"
                for p in _key_problems(measure, MEASURE_KEYS["required"], MEASURE_KEYS["optional"])
            ]
        elif key == "figures" and measure is not None:
            problems.append(f"measure: expected a mapping with 'what', found {measure!r}")
        entries.append(Entry(fields=fields, line=line, problems=tuple(problems)))
    return entries


def _key_problems(fields: dict, required: tuple, optional: tuple) -> list[str]:
    problems = [f"missing key '{k}'" for k in required if fields.get(k) is None]
    allowed = set(required) | set(optional)
    problems += [
        f"unknown key '{k}' (expected one of: {', '.join(sorted(allowed))})"
        for k in fields
        if k not in allowed
    ]
    return problems


def _check_keys(fields: dict, required: tuple, optional: tuple, source: str, rule: str) -> None:
    problems = _key_problems(fields, required, optional)
    if problems:
        what = "front matter" if rule == ARTICLE_RULE else "figures file"
        raise InputError(
            Finding(
                rule=rule,
                source_file=source,
                line=2 if rule == ARTICLE_RULE else 1,
                message=f"{what}: {'; '.join(problems)}",
                expected=", ".join(required),
                found=", ".join(sorted(fields)) or "no keys",
            )
        )


def _date_text(value: Any) -> str | None:
    """YAML reads 2014-12-18 as a date and 2014 as an int; keep the text as written."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# libyaml's parser when PyYAML has it (its wheels do): about ten times faster, same safe constructor
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """A safe YAML loader that records the 1-based line where each mapping starts."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def _load_yaml(text: str, source: str, first_line: int, rule: str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(
            Finding(
                rule=rule,
                source_file=source,
                line=(mark.line + first_line) if mark else None,
                message=f"YAML syntax error: {getattr(error, 'problem', None) or error}",
                expected="valid YAML",
                found=str(getattr(error, "context", None) or "unparseable text"),
            )
        ) from error
