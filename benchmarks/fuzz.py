"""A fuzzer of the articles folder: hostile articles and figures files made by random edits of
real ones, run through the pipeline many at a time.

    python -m benchmarks.fuzz --cases 5000 --seed 1 [--per-folder 250]
    python -m benchmarks.fuzz --seed 1 --case 1234 --write DIR   # one case's files, to look at

A case is one article id's files (its names start with `c<index>-`), made from a real input
(data/articles/, a case of benchmarks/hostile.py, an article of benchmarks/generate.py, or an
article built around two hedged figures) by one to three edits drawn from the families of
EDITS: bytes (flips, truncations, inserted and deleted runs), encodings (latin-1, UTF-16, a
BOM, CR and CRLF line ends), numbers at the edges of float (in the body and as `value:`),
Unicode (NFC/NFD, spaces other than the ASCII one, bidi marks, joiners, control characters,
emoji), YAML (tags, anchors and aliases, deep nesting, duplicate keys, a wrong type for a key),
hedges in every pairing and relations among any figures (every type, random ends, cycles, self
links). Everything comes from `random.Random(f"{seed}:{index}")`: case i is the same whatever
the number of cases, and a failing case is reproduced from (seed, index) alone.

Many cases go into one folder, beside a clean control article (CONTROL), and the folder runs
through the whole pipeline without Dagster (`run_folder`: the steps the assets call, in their
order, publication and the report included). Each folder must: publish (no step raises, the
blocking check passes), account for every file and every curated entry (the two
reconciliation checks pass), and keep the control article with its figures and relation. A
folder that fails is split in halves until the cases that fail alone are found; each is then
shrunk (edits dropped, then lines of its files) and printed with its files as a reproducer.

What it found is kept in tests/test_fuzz.py as regression cases (hedged pairs whose intervals
made NaN, numbers over 308 digits, byte-order marks, YAML aliases that repeat an entry, tags
and dates that cannot be built, a relation type given as a mapping).
"""

from __future__ import annotations

import argparse
import codecs
import dataclasses
import datetime as dt
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks import generate, hostile
from core import checks as registry
from core import publication, report, sql
from core.batches import batch_of
from core.changes import built_with
from core.derivation import derive_metrics
from core.folder import DEFAULT_MAX_FILE_BYTES, article_id_of, scan
from core.gathering import assemble
from core.intervals import DEFAULT_APPROX_TOLERANCE
from core.pipeline import update_batches
from core.publication import connect_staging
from core.tables import ensure_schema
from core.validate import quarantine_findings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
AGREEMENT_TOLERANCE = 0.02  # the default ETL_AGREEMENT_TOLERANCE
TABLES = ("sources", "articles", "figures", "non_figures", "relations", "mentions")

# --- the control: a clean article beside the hostile ones, which must be published whole ------

CONTROL = "control"
CONTROL_FILES = {
    f"{CONTROL}.md": hostile.article(CONTROL).encode(),
    f"{CONTROL}.figures.yaml": hostile.figures_file().encode(),
}
CONTROL_FIGURES, CONTROL_RELATIONS = 3, 1


@dataclass(frozen=True)
class Case:
    """One case: its index, the files it writes (name: bytes), and the edits that made them."""

    index: int
    files: dict[str, bytes]
    edits: tuple[str, ...]
    keep: tuple[str, ...] = ()  # article ids that must be published (a good article, kept good)

    @property
    def prefix(self) -> str:
        return case_prefix(self.index)


def case_prefix(index: int) -> str:
    return f"c{index:06d}-"


# --- where a case starts: real inputs ---------------------------------------------------------

Files = dict[str, bytes]


def _sample(rng: random.Random) -> Files:
    stems = sorted({p.name.split(".")[0] for p in SAMPLE.iterdir() if not p.name.startswith(".")})
    stem = rng.choice(stems)
    return {p.name: p.read_bytes() for p in sorted(SAMPLE.glob(f"{stem}.*"))}


def _hostile(rng: random.Random) -> Files:
    case = rng.choice([c for c in hostile.CASES if c.files])
    return {
        name: content if isinstance(content, bytes) else content.encode()
        for name, content in case.files.items()
    }


def _generated(rng: random.Random) -> Files:
    made = next(generate.generate(1, seed=rng.randrange(100), curated_share=1.0))
    files = {"generated.md": made.text.encode()}
    if made.figures_text is not None:
        files["generated.figures.yaml"] = made.figures_text.encode()
    return files


# Hedges as an article writes them, with the qualifier a curator gives them
HEDGES = (
    ("", "exact"), ("about ", "approx"), ("some ", "approx"), ("nearly ", "approx"),
    ("at least ", "at_least"), ("more than ", "more_than"), ("over ", "more_than"),
    ("up to ", "at_most"), ("at most ", "at_most"), ("fewer than ", "less_than"),
    ("less than ", "less_than"),
)  # fmt: skip
OPEN_QUALIFIERS = ("at_least", "more_than", "at_most", "less_than")
RELATION_TYPES = ("part_of", "share_of", "percent_change", "multiple_of", "same_quantity")


def _hedged_pair(rng: random.Random, open_ended: bool) -> Files:
    """An article with two hedged figures and a relation between them (issue 14, item 1: "At
    least 100 women left. Officials said more than 100 women left." and same_quantity)."""
    hedges = [h for h in HEDGES if (h[1] in OPEN_QUALIFIERS) == open_ended or h[1] == "exact"]
    (hedge_a, qual_a), (hedge_b, qual_b) = rng.choice(hedges), rng.choice(hedges)
    if open_ended and qual_a not in OPEN_QUALIFIERS and qual_b not in OPEN_QUALIFIERS:
        hedge_a, qual_a = rng.choice([h for h in HEDGES if h[1] in OPEN_QUALIFIERS])
    kind_a, kind_b = rng.choice((("count", "count"), ("percent", "count"), ("count", "percent")))
    a, b = rng.choice((100, 50, 1000, 1, 0, 12)), rng.choice((100, 1000, 50, 3, 0))
    quote_a = f"{hedge_a}{a}{' percent' if kind_a == 'percent' else ''}"
    quote_b = f"{hedge_b}{b:,}{' percent' if kind_b == 'percent' else ''}"
    body = f"{quote_a[:1].upper()}{quote_a[1:]} women left.\nOfficials said {quote_b} women left.\n"
    unit = {"count": "people", "percent": "percent"}
    figures = tuple(
        dict(hostile.ROUTES, id=fid, quote=quote[:1].upper() + quote[1:] if i == 0 else quote,
             value=str(value), kind=kind, unit=unit[kind], qualifier=qual, what="women who left")
        for i, (fid, quote, value, kind, qual) in enumerate(
            (("first", quote_a, a, kind_a, qual_a), ("second", quote_b, b, kind_b, qual_b)))
    )  # fmt: skip
    kind = rng.choice(RELATION_TYPES)
    subject, object_ = ("first", "second") if rng.random() < 0.5 else ("second", "first")
    relation = {"id": "link", "type": kind, "subject": subject, "object": object_}
    return {
        "hedged.md": hostile.article("hedged", body).encode(),
        "hedged.figures.yaml": hostile.figures_file(figures, (relation,)).encode(),
    }


BASES: dict[str, Callable[[random.Random], Files]] = {
    "sample": _sample,
    "hostile": _hostile,
    "generated": _generated,
    "hedged_pair": lambda rng: _hedged_pair(rng, open_ended=False),
    "open_hedged_pair": lambda rng: _hedged_pair(rng, open_ended=True),
}

# --- edits ------------------------------------------------------------------------------------


def _pick(rng: random.Random, files: Files, suffix: str = "") -> str | None:
    names = sorted(name for name in files if name.endswith(suffix))
    return rng.choice(names) if names else None


def _text(content: bytes) -> str:
    return content.decode("utf-8", errors="surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def _on_bytes(change: Callable[[random.Random, bytes], bytes], suffix: str = "") -> Callable:
    def edit(rng: random.Random, files: Files) -> Files:
        name = _pick(rng, files, suffix)
        if name is None:
            return files
        return {**files, name: change(rng, files[name])}

    return edit


def _on_text(change: Callable[[random.Random, str], str], suffix: str = "") -> Callable:
    return _on_bytes(lambda rng, data: _bytes(change(rng, _text(data))), suffix)


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _insert_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.choice((0, 0xFF, 0xFE, 0xC3, 0x80, 0x1B, 0x0D, rng.randrange(256))) for _ in
                 range(rng.randint(1, 8)))  # fmt: skip
    return data[:at] + junk + data[at:]


def _delete_run(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[at + rng.randint(1, 40) :]


def _duplicate_run(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    run = data[at : at + rng.randint(1, 200)]
    return data[:at] + run + run + data[at + len(run) :]


def _encode(encoding: str) -> Callable[[random.Random, bytes], bytes]:
    return lambda rng, data: _text(data).encode(encoding, errors="replace")


def _line_ends(ending: str) -> Callable[[random.Random, bytes], bytes]:
    return lambda rng, data: data.replace(b"\r\n", b"\n").replace(b"\n", ending.encode())


NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
EDGE_NUMBERS = (
    "1e308", "1.7976931348623157e308", "1e309", "-0", "0.0", "-0.0", "4.9e-324", "2.2e-308",
    "1e-7", "nan", "NaN", "inf", "-inf", "Infinity", ".inf", "-.inf", ".nan", "0x10", "1_000",
    "9" * 20, "1" + "0" * 300, "0.000000000000000000001", "1,000,000,000,000,000,000",
    "٣٤", "１２", "Ⅻ", "½", "1e", "--5", "+7",
)  # fmt: skip
LONG_NUMBERS = ("1" + "0" * 400, "9" * 309, "1e400" + "0" * 10)  # issue 14, item 2


def _body_number(choices: Sequence[str]) -> Callable[[random.Random, str], str]:
    """A number of the text replaced by an edge of float, hedged or not."""

    def change(rng: random.Random, text: str) -> str:
        found = list(NUMBER.finditer(text))
        hedge = rng.choice(("", "About ", "at least ", "more than "))
        number = hedge + rng.choice(choices)
        if not found:
            return text + f"\n{number} people left.\n"
        match = rng.choice(found)
        return text[: match.start()] + number + text[match.end() :]

    return change


def _value_edge(choices: Sequence[str]) -> Callable[[random.Random, str], str]:
    """Some `value:` of a figures file set to an edge of float."""

    def change(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        at = [i for i, line in enumerate(lines) if line.strip().startswith("value:")]
        for i in rng.sample(at, min(len(at), rng.randint(1, 3))):
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            lines[i] = f"{indent}value: {rng.choice(choices)}"
        return "\n".join(lines)

    return change


ODD_CHARACTERS = (
    "\u00a0", "\u202f", "\u2009", "\u2007", "\u3000", "\u200b", "\u200c", "\u200d", "\u200e",
    "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\u0085", "\ufeff",
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1b[2J", "\x7f", "\r", "\t",
    "\u0301", "\u0308", "👩\u200d👩\u200d👧", "🇫🇷", "🏳️\u200d🌈", "\U0001f600", "\ufffd", "\uffff",
    "İ", "ß", "ﬁ", "Ω", "\u2212", "\u2013", "'", "\"", ": ", "#", "- ", "---",
)  # fmt: skip


def _odd_characters(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(ODD_CHARACTERS) + text[at:]
    return text


def _odd_spaces(rng: random.Random, text: str) -> str:
    """ASCII spaces and digit group separators replaced by other spaces."""
    space = rng.choice(("\u00a0", "\u202f", "\u2009", "\u3000", "\t"))
    return re.sub(r"(?<=\d),(?=\d{3})| ", lambda m: space if rng.random() < 0.3 else m[0], text)


def _normal_form(form: str) -> Callable[[random.Random, str], str]:
    return lambda rng, text: unicodedata.normalize(form, text)


# YAML: text that may stand where a value stands, of every type and then some
ODD_SCALARS = (
    "null", "~", "true", "no", "2024-03-01", "2024-03-01T10:00:00", "12:30:00", "0o17", "0x1F",
    "1_000", "-.inf", ".nan", "''", '""', "'   '", "|\n  text", "!!binary aGVsbG8=", "!custom 3",
    "!!str 12", "!!int '12'", "!!float 1", "&anchor 12", "*nowhere", "\"\\u0000\"",
    "\"\\ud800\"", "x" * 5000, "12 # comment", "a: b: c", "[unclosed", "'unclosed", "@reserved",
    "`reserved", "%directive", "!!python/object/apply:os.system ['true']",
)  # fmt: skip
# Scalars that PyYAML resolves, then fails to construct (IndexError, ValueError, KeyError, ...)
UNCONSTRUCTIBLE = (
    "!!int", "!!int ''", "!!float ''", "0b_", "0x_", "!!timestamp x", "!!bool maybe", "!!float x",
    "!!int x", "!!timestamp 2024-13-45", "2024-02-30",
)  # fmt: skip
ODD_COLLECTIONS = (
    "[]", "{}", "[1, 2]", "{a: 1}", "!!set {a, b}", "!!omap [a: 1]", "<<: {a: 1}",
    "? complex\n  : key",
)  # fmt: skip


def _wrong_type(values: Sequence[str]) -> Callable[[random.Random, str], str]:
    """The value of some keys (any key, in any entry) replaced by one of values."""

    def change(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        at = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w-]+:", line)]
        for i in rng.sample(at, min(len(at), rng.randint(1, 3))):
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {rng.choice(values)}"
        return "\n".join(lines)

    return change


def _duplicate_key(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w-]+:", line)]
    if not at:
        return text
    i = rng.choice(at)
    copy = lines[i].replace("- ", "  ", 1)
    lines.insert(i + 1, copy if rng.random() < 0.5 else f"{copy.split(':')[0]}: {rng.random()}")
    return "\n".join(lines)


def _anchors(rng: random.Random, text: str) -> str:
    """An anchor on a mapping and aliases (a merge key, a small billion laughs) of it."""
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if re.match(r"^\s*- id:", line)]
    if not at:
        return text + "\nx: &a [1, 2]\ny: [*a, *a, *a]\n"
    i = rng.choice(at)
    lines[i] = lines[i].replace("- id:", "- &entry\n    id:", 1)
    extra = rng.choice(("  - *entry", "  - <<: *entry\n    id: merged", "  - [*entry, *entry]"))
    lines.insert(rng.randrange(i + 1, len(lines) + 1), extra)
    return "\n".join(lines)


def _nesting(rng: random.Random, text: str) -> str:
    depth = rng.choice((50, 500, 5000))
    nested = rng.choice(("[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth))
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w-]+:", line)]
    if not at:
        return text + f"\nnested: {nested}\n"
    i = rng.choice(at)
    lines[i] = f"{lines[i].split(':', 1)[0]}: {nested}"
    return "\n".join(lines)


def _front_matter_types(values: Sequence[str]) -> Callable[[random.Random, str], str]:
    """Keys of the front matter (between the first two '---' lines) given one of values."""

    def change(rng: random.Random, text: str) -> str:
        parts = text.split("---\n", 2)
        if len(parts) < 3:
            return text
        return "---\n".join((parts[0], _wrong_type(values)(rng, parts[1]), parts[2]))

    return change


def _relations(rng: random.Random, text: str) -> str:
    """Relations among any figures of the file (or none of them): every type, random ends,
    self links, cycles, odd keys."""
    ids = re.findall(r"^\s*- id: (\S+)", text, flags=re.M) or ["nothing"]
    made = []
    for n in range(rng.randint(1, 6)):
        subject, object_ = rng.choice(ids), rng.choice(ids)
        style = rng.random()
        if style < 0.15:
            object_ = subject  # a self link
        elif style < 0.3:
            object_ = "missing_figure"
        made.append({"id": f"fuzz_{n}", "type": rng.choice(RELATION_TYPES), "subject": subject,
                     "object": object_})  # fmt: skip
        if rng.random() < 0.3:  # and back: a cycle
            made.append({**made[-1], "id": f"fuzz_{n}_back", "subject": object_,
                         "object": subject})  # fmt: skip
    block = "".join(hostile.RELATION.format(**relation) for relation in made)
    if "\nrelations:\n" in text:
        return text.replace("\nrelations:\n", "\nrelations:\n" + block, 1)
    return text.rstrip("\n") + "\nrelations:\n" + block


@dataclass(frozen=True)
class Edit:
    """A kind of edit: its family, what it does to a case's files."""

    family: str
    apply: Callable[[random.Random, Files], Files]


FIGURES = ".figures.yaml"
EDITS: dict[str, Edit] = {
    "flip": Edit("bytes", _on_bytes(_flip)),
    "truncate": Edit("bytes", _on_bytes(_truncate)),
    "insert_bytes": Edit("bytes", _on_bytes(_insert_bytes)),
    "delete_run": Edit("bytes", _on_bytes(_delete_run)),
    "duplicate_run": Edit("bytes", _on_bytes(_duplicate_run)),
    "latin1": Edit("encoding", _on_bytes(_encode("latin-1"))),
    "utf16": Edit("encoding", _on_bytes(_encode("utf-16"))),
    "utf16le": Edit("encoding", _on_bytes(_encode("utf-16-le"))),
    "cp1252": Edit("encoding", _on_bytes(_encode("cp1252"))),
    "bom": Edit(  # saved with a BOM: one, as an editor writes it, however often it is saved
        "encoding",
        _on_bytes(lambda rng, data: codecs.BOM_UTF8 + data.removeprefix(codecs.BOM_UTF8)),
    ),
    "crlf": Edit("encoding", _on_bytes(_line_ends("\r\n"))),
    "cr": Edit("encoding", _on_bytes(_line_ends("\r"))),
    "body_number": Edit("numbers", _on_text(_body_number(EDGE_NUMBERS), ".md")),
    "value_edge": Edit("numbers", _on_text(_value_edge(EDGE_NUMBERS), FIGURES)),
    "long_body_number": Edit("numbers", _on_text(_body_number(LONG_NUMBERS), ".md")),
    "long_value": Edit("numbers", _on_text(_value_edge(LONG_NUMBERS), FIGURES)),
    "nfd": Edit("unicode", _on_text(_normal_form("NFD"))),
    "nfd_one_file": Edit("unicode", _on_text(_normal_form("NFD"), ".md")),
    "nfkc": Edit("unicode", _on_text(_normal_form("NFKC"))),
    "odd_characters": Edit("unicode", _on_text(_odd_characters)),
    "odd_spaces": Edit("unicode", _on_text(_odd_spaces)),
    "wrong_type": Edit("yaml", _on_text(_wrong_type(ODD_SCALARS), FIGURES)),
    "wrong_collection": Edit("yaml", _on_text(_wrong_type(ODD_COLLECTIONS), FIGURES)),
    "unconstructible": Edit("yaml", _on_text(_wrong_type(UNCONSTRUCTIBLE), FIGURES)),
    "unconstructible_front_matter": Edit(
        "yaml", _on_text(_front_matter_types(UNCONSTRUCTIBLE), ".md")
    ),
    "front_matter_type": Edit("yaml", _on_text(_front_matter_types(ODD_SCALARS), ".md")),
    "duplicate_key": Edit("yaml", _on_text(_duplicate_key, FIGURES)),
    "anchors": Edit("yaml", _on_text(_anchors, FIGURES)),
    "nesting": Edit("yaml", _on_text(_nesting)),
    "relations": Edit("relations", _on_text(_relations, FIGURES)),
}

CLEAN_BASES = ("sample", "generated", "hedged_pair", "open_hedged_pair")
# Edits after which an article is as good as before: saved with a BOM or CRLF line ends, every
# file of the case in NFD (its quotes still match its body)
HARMLESS = ("bom", "crlf", "nfd")


def make_case(seed: int, index: int) -> Case:
    """Case index of the campaign of seed: a base drawn, then one to three edits."""
    rng = random.Random(f"{seed}:{index}")
    base = rng.choice(list(BASES))
    files = BASES[base](rng)
    edits = list(EDITS)
    chosen = [] if base.endswith("hedged_pair") and rng.random() < 0.5 else None
    if chosen is None:
        chosen = [rng.choice(edits) for _ in range(rng.randint(1, 3))]
    return build_case(index, base, files, chosen, rng.randrange(2**32))


def build_case(index: int, base: str, files: Files, edits: Sequence[str], seed: int) -> Case:
    """The case made by applying edits in order to files (each with its own random numbers, so
    that dropping one leaves the others as they were), its names prefixed. A clean base's
    article that only HARMLESS edits changed must be published (`keep`)."""
    spoiled = set() if base in CLEAN_BASES else set(files)
    for n, name in enumerate(edits):
        edited = EDITS[name].apply(random.Random(f"{seed}:{n}:{name}"), files)
        if name not in HARMLESS:
            spoiled |= {file for file in edited if edited[file] != files.get(file)}
        files = edited
    prefix = case_prefix(index)
    keep = tuple(
        article_id_of(prefix + name.rsplit(".", 1)[0])
        for name in sorted(files)
        if name.endswith(".md") and name not in spoiled
    )
    return Case(index, {prefix + name: data for name, data in files.items()}, (base, *edits), keep)


# --- running a folder -------------------------------------------------------------------------


@dataclass
class Verdict:
    """What a run of a folder gave: the error that stopped it (a traceback's last lines), the
    failed checks that a published folder must pass, and what is missing of the control."""

    error: str | None = None
    failed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    named: set[int] = field(default_factory=set)  # the cases its failures name

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed and not self.missing

    @property
    def kind(self) -> tuple[str, ...]:
        """What failed, without the details: the error's type, the checks, missing articles."""
        error = (self.error or "").strip().splitlines()[-1:] or [""]
        checks = [failed.split(":")[0] for failed in self.failed]
        return (error[0].split(":")[0], *checks, "missing" if self.missing else "")

    def __str__(self) -> str:
        if self.ok:
            return "ok"
        said = [f"raised: {self.error}"] if self.error else []
        said += [f"check failed: {check}" for check in self.failed]
        return "; ".join(said + [f"control: {missing}" for missing in self.missing])


# The checks a folder must pass, whatever it holds: nothing dropped (with the blocking checks)
MUST_PASS = ("every_input_file_is_accounted_for", "every_curated_entry_is_accounted_for")


def write_folder(folder: Path, cases: Iterable[Case], control: bool = True) -> Path:
    """The files of the cases (and of the control) written into folder (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in cases:
        for name, data in case.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if control:
        for name, data in CONTROL_FILES.items():
            (folder / name).write_bytes(data)
    return folder


def run_folder(articles: Path, warehouse: Path, keep: Sequence[str] = ()) -> Verdict:
    """Every step of the pipeline on a folder, as the assets call them (without Dagster): the
    batches processed, gathered into the staging file, every check evaluated, the derived
    metrics computed, the file published and the report written. The verdict: whatever raised,
    the blocking and reconciliation checks that failed, what of the control and of the good
    articles (keep) is missing."""
    settings = built_with(DEFAULT_APPROX_TOLERANCE, AGREEMENT_TOLERANCE, DEFAULT_MAX_FILE_BYTES)
    params = {"agreement_tolerance": AGREEMENT_TOLERANCE}
    used = {batch_of(group.article_id) for group in scan(articles)}  # a small folder: few batches
    batch_files = {b: warehouse.parent / "batches" / f"batch-{b}.duckdb" for b in sorted(used)}
    (warehouse.parent / "batches").mkdir(parents=True, exist_ok=True)
    verdict = Verdict()
    try:
        update_batches(batch_files, articles, DEFAULT_APPROX_TOLERANCE)
        with connect_staging(warehouse) as conn:
            ensure_schema(conn)
            assemble(conn, batch_files, warehouse)
            sql.install_macros_and_views(conn, params)
            findings = quarantine_findings(conn.execute("SELECT * FROM quarantine").df())
            outcomes = [o for t in TABLES for o in registry.evaluate(t, findings.get(t, []), conn,
                                                                     params)]  # fmt: skip
            derive_metrics(conn, params, settings)
            held = conn.execute("SELECT * FROM quarantine WHERE stage = 'derived_metrics'").df()
            derived = quarantine_findings(held).get("derived_metrics", [])
            outcomes += registry.evaluate("derived_metrics", derived, conn, params)
        bad = [
            o for o in outcomes if (o.check.blocking or o.check.name in MUST_PASS) and not o.passed
        ]
        verdict.failed = [f"{o.check.name}: {o.summary}" for o in bad]
        verdict.named = {n for o in bad for failure in o.failures for n in named_cases(failure)}
        if any(o.check.blocking and not o.passed for o in outcomes):
            return verdict  # the run fails here: nothing is published
        publication.publish(warehouse, settings)
        with duckdb.connect(str(warehouse), read_only=True) as conn:
            page = report.build(report.load(conn), registry.CHECKS, dt.datetime.now(dt.UTC), "x")
            report.render(page)
            verdict.missing = control_missing(conn) + articles_missing(conn, keep)
    except Exception as error:  # noqa: BLE001 - any error is the finding
        lines = traceback.format_exception(error)
        verdict.error = "".join(lines[-3:]).strip()[-600:]
        verdict.named = set(named_cases(lines))
    verdict.named |= set(named_cases(verdict.missing))
    return verdict


CASE_NAME = re.compile(r"\bc(\d{6})-")


def named_cases(said: object) -> list[int]:
    """The indices of the cases whose files or ids a message (or a row of messages) names."""
    return [int(n) for n in CASE_NAME.findall(str(said))]


def articles_missing(conn: duckdb.DuckDBPyConnection, keep: Sequence[str]) -> list[str]:
    """The good articles of keep that are not published, each with why (its quarantine rows)."""
    found = conn.execute(
        "SELECT k.id, string_agg(q.rule || ': ' || q.message, '; ') FROM unnest(?) AS k(id) "
        "LEFT JOIN articles AS a ON a.article_id = k.id "
        "LEFT JOIN quarantine AS q ON q.article_id = k.id AND q.stage = 'articles' "
        "WHERE a.article_id IS NULL GROUP BY k.id ORDER BY k.id",
        [list(keep)],
    ).fetchall()
    return [f"good article {article_id} not published ({why})" for article_id, why in found]


def control_missing(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """What of the control article the published file lacks."""
    queries = {
        "article": "SELECT count(*) FROM articles WHERE article_id = ?",
        "figures": "SELECT count(*) FROM figures WHERE article_id = ? AND reviewed",
        "relations": "SELECT count(*) FROM relations WHERE article_id = ?",
    }
    want = {"article": 1, "figures": CONTROL_FIGURES, "relations": CONTROL_RELATIONS}
    found = {name: conn.execute(query, [CONTROL]).fetchone()[0] for name, query in queries.items()}
    return [f"{found[n]} {n} row(s), expected {want[n]}" for n in want if found[n] != want[n]]


def check_cases(cases: Sequence[Case], workdir: Path) -> Verdict:
    """Run one folder of these cases beside the control (in a fresh folder under workdir)."""
    work = Path(tempfile.mkdtemp(dir=workdir))
    try:
        folder = write_folder(work / "articles", cases)
        keep = [article_id for case in cases for article_id in case.keep]
        return run_folder(folder, work / "warehouse" / "figures.duckdb", keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def failing_cases(
    cases: Sequence[Case], workdir: Path, verdict: Verdict | None = None
) -> list[tuple[Case, Verdict]]:
    """The cases of a failing folder that fail alone (found by halves), each with its verdict;
    when no half fails alone, the whole group as one case (the failure needs them together)."""
    verdict = verdict or check_cases(cases, workdir)
    if verdict.ok:
        return []
    if len(cases) == 1:
        return [(cases[0], verdict)]
    named = [case for case in cases if case.index in verdict.named]
    alone = [(case, check_cases([case], workdir)) for case in named]  # the suspects first
    rest = [case for case in cases if case.index not in verdict.named]
    if named and check_cases(rest, workdir).ok:
        return [(case, said) for case, said in alone if not said.ok] or [
            (_together(named), verdict)
        ]
    half = len(cases) // 2
    found = failing_cases(cases[:half], workdir) + failing_cases(cases[half:], workdir)
    return found or [(_together(cases), verdict)]


def _together(cases: Sequence[Case]) -> Case:
    """Cases that fail only together, as one."""
    files = {name: data for case in cases for name, data in case.files.items()}
    keep = tuple(article_id for case in cases for article_id in case.keep)
    return Case(cases[0].index, files, ("together:", *(str(c.index) for c in cases)), keep)


def shrink(case: Case, workdir: Path, budget: float = 60.0) -> Case:
    """A smaller case that still fails: edits dropped one at a time, then lines of its files
    (greedy), for up to budget seconds."""
    deadline = time.monotonic() + budget

    kind = check_cases([case], workdir).kind

    def fails(candidate: Case) -> bool:  # in the same way
        verdict = check_cases([candidate], workdir)
        return not verdict.ok and verdict.kind == kind

    files = dict(case.files)
    for name in sorted(files):
        lines = files[name].split(b"\n")
        chunk = max(1, len(lines) // 2)
        while chunk >= 1 and time.monotonic() < deadline:
            at = 0
            while at < len(lines) and time.monotonic() < deadline:
                fewer = lines[:at] + lines[at + chunk :]
                candidate = dataclasses.replace(case, files={**files, name: b"\n".join(fewer)})
                if fewer != lines and fails(candidate):
                    lines, files = fewer, candidate.files
                else:
                    at += chunk
            chunk //= 2
        if time.monotonic() < deadline and len(files) > 1:
            without = {k: v for k, v in files.items() if k != name}
            if fails(dataclasses.replace(case, files=without)):
                files = without
    return dataclasses.replace(case, files=files)


def reproducer(case: Case) -> str:
    """The files of a case, as Python literals to paste into a test."""
    return "\n".join(f"    {name!r}: {data!r}," for name, data in sorted(case.files.items()))


def campaign(
    seed: int,
    indices: Iterable[int],
    per_folder: int,
    workdir: Path,
    say: Callable[[str], None] = print,
) -> list[tuple[Case, Verdict]]:
    """Run the cases per_folder at a time; the cases that fail alone, with their verdicts."""
    indices = list(indices)
    failures = []
    for start in range(0, len(indices), per_folder):
        cases = [make_case(seed, i) for i in indices[start : start + per_folder]]
        began = time.monotonic()
        verdict = check_cases(cases, workdir)
        say(
            f"cases {cases[0].index}..{cases[-1].index}: {verdict} "
            f"({time.monotonic() - began:.1f} s)"
        )
        if not verdict.ok:
            found = failing_cases(cases, workdir, verdict)
            failures += found
            for case, alone in found:
                say(f"  case {case.index} {'+'.join(case.edits)}: {alone}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first case")
    parser.add_argument("--per-folder", type=int, default=250)
    parser.add_argument("--case", type=int, help="only this case (with --write: its files)")
    parser.add_argument("--write", type=Path, help="write the case's files into this folder")
    parser.add_argument("--no-shrink", action="store_true")
    parser.add_argument("--shrink-seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    if args.case is not None and args.write:
        case = make_case(args.seed, args.case)
        write_folder(args.write, [case])
        print(f"case {args.case} ({'+'.join(case.edits)}) written to {args.write} with the control")
        return 0
    indices = [args.case] if args.case is not None else range(args.start, args.start + args.cases)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as workdir:
        began = time.monotonic()
        failures = campaign(args.seed, indices, args.per_folder, Path(workdir))
        print(f"{len(list(indices))} case(s) in {time.monotonic() - began:.0f} s: "
              f"{len(failures)} failed alone")  # fmt: skip
        for case, verdict in failures:
            small = case if args.no_shrink else shrink(case, Path(workdir), args.shrink_seconds)
            print(f"\n--- case {case.index} (seed {args.seed}), {'+'.join(case.edits)}: {verdict}")
            print(f"reproduce: python -m benchmarks.fuzz --seed {args.seed} --case {case.index}")
            print("shrunk files:\n" + reproducer(small))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
