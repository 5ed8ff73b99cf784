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

from core.checks import ARTICLES_MATCH_SCHEMA, FIGURES_MATCH_SCHEMA
from core.findings import Finding, InputError
from core.folder import DEFAULT_MAX_FILE_BYTES, FIGURES_SUFFIX, article_id_of, read_text
from schemas.vocab import FIGURE_KINDS, QUALIFIERS, RELATION_TYPES

REQUIRED_FRONT_MATTER = ("title", "outlet", "published", "language")
OPTIONAL_FRONT_MATTER = ("author", "url", "notes")
FIGURE_KEYS = {
    "required": ("id", "quote", "value", "kind", "unit", "qualifier", "measure"),
    "optional": ("occurrence", "note"),
}
MEASURE_KEYS = {"required": ("what",), "optional": ("id", "of_whom", "where", "period")}
RELATION_KEYS = {
    "required": ("id", "type", "subject", "object"),
    "optional": ("direction", "from", "baseline", "base_ambiguous", "note"),
}
NOT_FIGURE_KEYS = {"required": ("quote", "reason"), "optional": ("occurrence",)}
# What to write in a key that is there with no value: "measure.what is empty: say what the
# figure counts"
EMPTY_KEY_HINTS = {
    "id": "name the item in letters, digits, '_', '.' or '-' (e.g. french_nationals_1200)",
    "quote": "copy the figure's words from the article, verbatim",
    "value": "write the number in the figure's unit (1200 for 'some 1,200')",
    "kind": f"write one of {', '.join(FIGURE_KINDS)}",
    "unit": "write the figure's unit (people, percent, times, USD, ...)",
    "qualifier": f"write one of {', '.join(QUALIFIERS)}",
    "measure": "write what: (what the figure counts) under it",
    "what": "say what the figure counts",
    "type": f"write one of {', '.join(RELATION_TYPES)}",
    "subject": "write the id of a figure of this file",
    "object": "write the id of a figure of this file",
    "reason": "say why the number is not a figure",
    "figures": "list the article's figures (figures: [] when it has none)",
}
# A figure whose measure.what is there but empty is a draft (as `python -m etl.draft` writes it):
# an unreviewed figure until it is filled in, never held back for it. (section, key)
DRAFT_KEY = ("measure", "what")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*\r?\n", re.DOTALL | re.MULTILINE)
LINE_KEY = "__line__"


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
    problems: tuple[str, ...]  # missing, empty or unknown keys, said in words
    draft: bool = False  # a figure whose measure.what is empty: unreviewed until it is filled in


@dataclass(frozen=True)
class FiguresFile:
    source_file: str
    figures: list[Entry]
    relations: list[Entry]
    not_figures: list[Entry]


def read_article(
    path: Path,
    articles_dir: Path,
    source_file: str | None = None,
    figures_file: str | None | bool = True,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Article:
    """Read one article file; raise InputError naming the file and line when it is malformed.

    source_file is its name in the folder (the path relative to it by default); figures_file
    the figures file that goes with it, or True to look for `<name>.figures.yaml` beside it."""
    source = source_file or path.relative_to(articles_dir).as_posix()
    text = read_text(path, articles_dir, source, ARTICLES_MATCH_SCHEMA.name, max_file_bytes)
    match = FRONT_MATTER.match(text)
    if not match:
        raise InputError(_no_front_matter(source, text))
    front_matter = _load_yaml(match["yaml"], source, first_line=2, rule=ARTICLES_MATCH_SCHEMA.name)
    if not isinstance(front_matter, dict):
        raise InputError(
            Finding(
                rule=ARTICLES_MATCH_SCHEMA.name,
                source_file=source,
                line=2,
                message="front matter is not a mapping of keys to values",
                expected="key: value lines",
                found=type(front_matter).__name__,
            )
        )
    front_matter.pop(LINE_KEY, None)
    _check_keys(
        front_matter,
        REQUIRED_FRONT_MATTER,
        OPTIONAL_FRONT_MATTER,
        source,
        ARTICLES_MATCH_SCHEMA.name,
        text=match["yaml"],
        first_line=2,
    )
    published = _date_text(front_matter.get("published"))
    if published_range(published) == (None, None):
        raise InputError(
            Finding(
                rule=ARTICLES_MATCH_SCHEMA.name,
                source_file=source,
                line=_key_line(match["yaml"], "published", 2),
                message=f"front matter: published {published!r} is not a date: write it as "
                "precisely as it is known, YYYY, YYYY-MM or YYYY-MM-DD (never invent a day)",
                expected="YYYY, YYYY-MM or YYYY-MM-DD, a real date",
                found=repr(published),
            )
        )
    if figures_file is True:
        figures = path.with_name(path.stem + FIGURES_SUFFIX)
        figures_file = figures.relative_to(articles_dir).as_posix() if figures.exists() else None
    return Article(
        article_id=article_id_of(path.stem),
        source_file=source,
        front_matter=front_matter,
        body=text[match.end() :],
        body_first_line=text[: match.end()].count("\n") + 1,
        figures_file=figures_file or None,
    )


def _no_front_matter(source: str, text: str) -> Finding:
    """Why text has no front matter: empty, not opened by '---', or never closed."""
    expected = "a '---' line, then the front matter (key: value lines), then a closing '---' line"
    if not text.strip():
        message, found, line = "the file is empty", "an empty file", 1
    elif re.match(r"---[ \t]*\r?\n", text):
        lines = text.count("\n") + 1
        message = "the front matter opened by '---' on line 1 is never closed by a '---' line"
        found, line = f"no closing '---' in {lines} lines", 1
    else:
        message = "no YAML front matter: the file must start with a '---' line"
        found, line = text.lstrip().splitlines()[0][:80], 1
    return Finding(
        rule=ARTICLES_MATCH_SCHEMA.name,
        source_file=source,
        line=line,
        message=f"{message}; expected {expected}",
        expected=expected,
        found=found,
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


def read_figures_file(
    path: Path,
    articles_dir: Path,
    source_file: str | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> FiguresFile:
    """Read a curated figures file; raise InputError on YAML syntax errors or a wrong layout."""
    source = source_file or path.relative_to(articles_dir).as_posix()
    text = read_text(path, articles_dir, source, FIGURES_MATCH_SCHEMA.name, max_file_bytes)
    document = _load_yaml(text, source, first_line=1, rule=FIGURES_MATCH_SCHEMA.name)
    if not isinstance(document, dict):
        raise InputError(
            Finding(
                rule=FIGURES_MATCH_SCHEMA.name,
                source_file=source,
                line=1,
                message="expected a mapping with the lists 'figures', 'relations' and "
                "'not_figures'",
                expected="figures: [...]",
                found=type(document).__name__,
            )
        )
    document.pop(LINE_KEY, None)
    _check_keys(
        document,
        ("figures",),
        ("relations", "not_figures"),
        source,
        FIGURES_MATCH_SCHEMA.name,
        text=text,
    )
    _refuse_repeated_entries(document, source)
    return FiguresFile(
        source_file=source,
        figures=_entries(document, "figures", FIGURE_KEYS, source),
        relations=_entries(document, "relations", RELATION_KEYS, source),
        not_figures=_entries(document, "not_figures", NOT_FIGURE_KEYS, source),
    )


def _refuse_repeated_entries(document: dict, source: str) -> None:
    """A YAML alias (`- *entry`) that repeats an entry would be one entry counted twice: the
    file is held back, asking for each entry to be written out."""
    seen: dict[int, str] = {}
    for key in ("figures", "relations", "not_figures"):
        items = document.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and id(item) in seen:
                raise InputError(
                    Finding(
                        rule=FIGURES_MATCH_SCHEMA.name,
                        source_file=source,  # the alias's own line is not known
                        message=f"{key}[{index}] repeats {seen[id(item)]} through a YAML alias "
                        "(*name): write each entry out, with its own id",
                        expected="each entry written once",
                        found=f"{key}[{index}] is an alias of {seen[id(item)]}",
                    )
                )
            seen[id(item)] = f"{key}[{index}]"


def _entries(document: dict, key: str, keys: dict, source: str) -> list[Entry]:
    items = document.get(key) or []
    if not isinstance(items, list):
        raise InputError(
            Finding(
                rule=FIGURES_MATCH_SCHEMA.name,
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
                    rule=FIGURES_MATCH_SCHEMA.name,
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
        draft = False
        if key == "figures" and isinstance(measure, dict):
            measure.pop(LINE_KEY, None)
            draft = DRAFT_KEY[1] in measure and _is_empty(measure[DRAFT_KEY[1]])
            required = () if draft else MEASURE_KEYS["required"]
            allowed = MEASURE_KEYS["required"] + MEASURE_KEYS["optional"]
            problems += _key_problems(measure, required, allowed, DRAFT_KEY[0])
        elif key == "figures" and measure is not None:
            problems.append(f"measure: expected a mapping with 'what', found {measure!r}")
        entries.append(Entry(fields=fields, line=line, problems=tuple(problems), draft=draft))
    return entries


def _key_problems(fields: dict, required: tuple, optional: tuple, section: str = "") -> list[str]:
    """Required keys missing or empty, and unknown keys, said in words; section names the
    mapping they are in ('measure: missing key ...', 'measure.what is empty: ...')."""
    where = f"{section}: " if section else ""
    problems = [
        f"{where}missing key '{k}'" if k not in fields else empty_key_problem(k, section)
        for k in required
        if fields.get(k) is None
    ]
    allowed = set(required) | set(optional)
    problems += [
        f"{where}unknown key '{k}' (expected one of: {', '.join(sorted(allowed))})"
        for k in fields
        if k not in allowed
    ]
    return problems


def empty_key_problem(key: str, section: str = "") -> str:
    """A key written with no value, and what to write in it: 'measure.what is empty: say what
    the figure counts'."""
    name = f"{section}.{key}" if section else key
    return f"{name} is empty: {EMPTY_KEY_HINTS.get(key, 'give it a value')}"


def _is_empty(value: Any) -> bool:
    """A value written empty: nothing after the key, null, or blank text."""
    return value is None or (isinstance(value, str) and not value.strip())


def _check_keys(
    fields: dict,
    required: tuple,
    optional: tuple,
    source: str,
    rule: str,
    text: str = "",
    first_line: int = 1,
) -> None:
    problems = _key_problems(fields, required, optional)
    if problems:
        what = "front matter" if rule == ARTICLES_MATCH_SCHEMA.name else "figures file"
        allowed = set(required) | set(optional)
        unknown = [key for key in fields if key not in allowed]
        line = _key_line(text, unknown[0], first_line) if unknown else None
        raise InputError(
            Finding(
                rule=rule,
                source_file=source,
                line=line or (first_line if rule == ARTICLES_MATCH_SCHEMA.name else 1),
                message=f"{what}: {'; '.join(problems)}",
                expected=f"required: {', '.join(required)}; optional: {', '.join(optional)}",
                found=", ".join(str(key) for key in fields) or "no keys",
            )
        )


def _key_line(text: str, key: object, first_line: int) -> int | None:
    """Line of the file where a top-level key of the YAML text is written."""
    match = re.search(rf"^{re.escape(str(key))}[ \t]*:", text, re.MULTILINE)
    return first_line + text.count("\n", 0, match.start()) if match else None


def _date_text(value: Any) -> str | None:
    """YAML reads 2014-12-18 as a date and 2014 as an int; keep the text as written."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# libyaml's parser when PyYAML has it (its wheels do): about ten times faster, same safe constructor
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# A number with an exponent and no dot ("1e-7"): YAML 1.1 reads it as text, YAML 1.2 and the
# writers of figures files as the number
_EXPONENT_FLOAT = re.compile(r"[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)[eE][-+]?\d+")


class _LineLoader(_SafeLoader):
    """A safe YAML loader that records the 1-based line where each mapping starts, keeps a
    `quote` as the text written ("quote: 400" is the text 400, "quote: 1.50" not 1.5; an empty
    one stays null), and reads a `value` with an exponent and no dot as the number it is."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201
        mapping = super().construct_mapping(node, deep=deep)
        for key_node, value_node in node.value:
            if not isinstance(value_node, yaml.ScalarNode) or value_node.style not in (None, ""):
                continue  # only plain scalars are read by type
            written = value_node.value
            if key_node.value == "quote" and mapping.get("quote") is not None:
                mapping["quote"] = written
            elif key_node.value == "value" and _EXPONENT_FLOAT.fullmatch(written):
                mapping["value"] = float(written.replace("_", ""))
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def construct_object(self, node, deep=False):  # noqa: ANN001, ANN201
        """A node's value, or a YAML error at its line when its tag's constructor fails on the
        text (`!!int x`, `!!bool maybe`, a date such as 2024-02-30): never a crash."""
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError) as error:
            tag = node.tag.rsplit(":", 1)[-1]
            written = node.value if isinstance(node, yaml.ScalarNode) else f"a {node.id}"
            problem = f"{written!r} cannot be read as {tag} ({error})"
            if tag == "int" and len(written) > 308:  # Python reads at most 4,300 digits
                problem = (
                    f"an integer of {len(written):,} characters, beyond any number the "
                    "warehouse can store (at most 308 digits)"
                )
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from error


def _load_yaml(text: str, source: str, first_line: int, rule: str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        lines = text.splitlines()
        at = lines[mark.line].strip()[:80] if mark and mark.line < len(lines) else None
        problem = getattr(error, "problem", None) or error
        where = f" in {at!r}" if at else ""
        hint = " (a value with ': ' in it must be quoted)" if "mapping values" in str(error) else ""
        raise InputError(
            Finding(
                rule=rule,
                source_file=source,
                line=(mark.line + first_line) if mark else None,
                message=f"YAML syntax error: {problem}{where}{hint}",
                expected="valid YAML",
                found=at or str(getattr(error, "context", None) or "unparseable text"),
            )
        ) from error
