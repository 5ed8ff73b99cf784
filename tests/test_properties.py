"""Properties that hold for any input, checked with Hypothesis on random and mutated text and
files: the extractor never raises and every mention it returns is well formed; the loader never
raises and accounts for every input (a row, or a finding that names it)."""

from __future__ import annotations

import copy
import math
import tempfile
from pathlib import Path

import yaml
from conftest import SEED
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.extract import extract, iter_mentions
from core.pipeline import process
from etl.resources import DEFAULT_ARTICLES_DIR, ROOT
from schemas.vocab import FIGURE_KINDS, QUALIFIERS

# derandomize: the same examples on every run, so CI is reproducible (a new seed finds new cases:
# set derandomize=False locally when hunting for bugs)
FAST = settings(max_examples=1000, deadline=None, derandomize=True)  # a few seconds a property
SLOW = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)  # the loader validates with Pandera: a few hundred milliseconds an example

ARTICLE = (DEFAULT_ARTICLES_DIR / f"{SEED}.md").read_bytes()
FIGURES = (DEFAULT_ARTICLES_DIR / f"{SEED}.figures.yaml").read_bytes()
CORPUS = [
    document["text"]
    for document in yaml.safe_load((ROOT / "tests/corpus/dev.yaml").read_text())["documents"]
] + [ARTICLE.decode().split("---\n", 2)[2]]

# Pieces of numbers, hedges and units, and characters that change length or class when
# lower-cased or are digits of other scripts: what the extractor's patterns look at
TOKENS = [
    "1,200", "1.33m", "$4.5bn", "£3", "€", "US$", "0.25", "2,000-2,500", "12-15", "3–4", "-5",
    "some", "about", "at least", "more than", "up to", "fewer than", "nearly", "almost", "over",
    "between", "and", "to", "percent", "per cent", "%", "percentage points", "per million", "per",
    "in", "0", "0,000",
    "one", "two", "Four hundred", "twenty-five", "half a million", "a dozen", "dozens of",
    "hundreds of", "tens of thousands", "one fifth", "two-thirds", "1 in 5", "twice as many",
    "doubled", "halved", "fivefold", "3-fold", "times", "million", "billion", "bn", "k",
    "2014", "2014-12-17", "12/17/2014", "10:30", "7 p.m.", "11th", "first", "iPhone 15",
    "COVID-19", "won 3-2", "+44 20 7946 0000", "İ", "ß", "ﬁ", "\u00a0", "−", "½", "²", "٣",
    "١٢٠٠", "\n", "\n\n", ".", ",", "(", ")", '"', "'",
]  # fmt: skip


@st.composite
def numberish(draw: st.DrawFn) -> str:
    """Text made of number pieces and random bits, joined by random separators."""
    parts = draw(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=40))
    separators = draw(st.lists(st.sampled_from([" ", "", "-", " of ", "\n", ", "]), min_size=1))
    return "".join(part + separators[i % len(separators)] for i, part in enumerate(parts))


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """A text changed a few times: pieces deleted, duplicated or replaced by number pieces,
    characters replaced, case changed."""
    for _ in range(draw(st.integers(0, 6))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 40)))
        operation = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "case"]))
        if operation == "delete":
            text = text[:i] + text[j:]
        elif operation == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif operation == "insert":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        elif operation == "replace":
            text = text[:i] + draw(st.text(min_size=1, max_size=3)) + text[j:]
        else:
            text = text[:i] + text[i:j].upper() + text[j:]
    return text


def mutated_text() -> st.SearchStrategy[str]:
    """A corpus text or the seed's body, edited."""
    return st.sampled_from(CORPUS).flatmap(edited)


TEXTS = st.one_of(st.text(max_size=300), numberish(), mutated_text())


@FAST
@given(text=TEXTS, tolerance=st.floats(0, 0.5))
def test_every_mention_lies_in_the_text_and_is_well_formed(text, tolerance):
    mentions = extract(text, tolerance)  # never raises
    assert list(iter_mentions(text, tolerance)) == mentions
    starts = [mention.start for mention in mentions]
    assert starts == sorted(starts)  # in order of position
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.kind in FIGURE_KINDS
        assert mention.qualifier in QUALIFIERS
        assert not math.isnan(mention.value)
        assert not (math.isnan(mention.lower) or math.isnan(mention.upper))
        if math.isfinite(mention.value):
            assert mention.lower <= mention.value <= mention.upper, mention


# --------------------------------------------------------------------------------------------
# The loader on mutated article and figures files


def random_yaml() -> st.SearchStrategy[bytes]:
    """Any YAML document: scalars, lists and mappings, nested."""
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
        st.sampled_from(["figures", "relations", "not_figures", "id", "quote", "value"]),
    )  # fmt: skip
    values = st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10) | scalars, inner)
        ),
        max_leaves=20,
    )
    keyed = st.dictionaries(st.sampled_from(["figures", "relations", "not_figures"]), values)
    return st.one_of(values, keyed).map(
        lambda document: yaml.safe_dump(document, allow_unicode=True).encode()
    )


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """A file's bytes, changed a few times: bytes flipped, lines deleted or duplicated, text
    inserted, cut short."""
    for _ in range(draw(st.integers(0, 4))):
        operation = draw(st.sampled_from(["flip", "delete", "duplicate", "insert", "truncate"]))
        if operation == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
        elif operation in ("delete", "duplicate"):
            lines = data.splitlines(keepends=True)
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                lines[i : i + 1] = [] if operation == "delete" else [lines[i], lines[i]]
                data = b"".join(lines)
        elif operation == "insert":
            i = draw(st.integers(0, len(data)))
            piece = draw(st.sampled_from(TOKENS + [": ", "- ", "  ", "---\n", "\t", "'"]))
            data = data[:i] + piece.encode() + data[i:]
        elif operation == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
    return data


FRONT_MATTER, BODY = ARTICLE.decode().split("---\n", 2)[1:]
DOCUMENT = yaml.safe_load(FIGURES)
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(), st.text(max_size=12),
    st.lists(st.integers(), max_size=2), st.just({"what": 1}),
    st.sampled_from(["count", "percent", "exact", "approx", "departures", "women", "1,200"]),
)  # fmt: skip


@st.composite
def changed_figures(draw: st.DrawFn) -> bytes:
    """The seed's figures file as a curator might break it, still YAML: entries dropped,
    duplicated or replaced, keys dropped or misspelt, values of another type or unknown."""
    document = copy.deepcopy(DOCUMENT)
    for _ in range(draw(st.integers(1, 5))):
        items = document[draw(st.sampled_from(["figures", "relations", "not_figures"]))]
        if not items:
            continue
        i = draw(st.integers(0, len(items) - 1))
        operation = draw(st.sampled_from(["drop", "duplicate", "replace", "key", "value", "typo"]))
        if operation == "drop":
            del items[i]
        elif operation == "duplicate":
            items.insert(i, copy.deepcopy(items[i]))
        elif operation == "replace":
            items[i] = draw(ODD_VALUES)
        elif isinstance(items[i], dict) and items[i]:
            key = draw(st.sampled_from(sorted(items[i], key=str)))
            if operation == "key":
                del items[i][key]
            elif operation == "value":
                items[i][key] = draw(ODD_VALUES)
            else:
                items[i][f"{key}{draw(st.sampled_from(['_', 's', ' x']))}"] = items[i].pop(key)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()


EDITED_ARTICLES = st.one_of(
    st.just(ARTICLE),
    edited(BODY).map(lambda body: f"---\n{FRONT_MATTER}---\n{body}".encode()),
)
FIGURES_FILES = st.one_of(
    mutated(FIGURES), random_yaml(), st.binary(max_size=200), st.none()
)  # st.none(): the article has no figures file


def entries(data: bytes) -> dict[str, list[tuple[str | None, int, int]]] | None:
    """The entries of a figures file by list (figures, relations, not_figures): each its id and
    its first and last line. None when the file is not YAML with those lists."""
    try:
        document = yaml.compose(data)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(document, yaml.MappingNode):
        return None
    found = {}
    for key, value in document.value:
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode):
            found[key.value] = [(_id(item), *_lines(item)) for item in value.value]
    return found


def _id(item: yaml.Node) -> str | None:
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id":
                return value.value if isinstance(value, yaml.ScalarNode) else None
    return None


def _lines(item: yaml.Node) -> tuple[int, int]:
    return item.start_mark.line + 1, item.end_mark.line + 1


ID_COLUMNS = {"figures": "figure_id", "relations": "relation_id", "not_figures": None}
TABLE_OF = {"figures": "figures", "relations": "relations", "not_figures": "non_figures"}


@SLOW
@given(article=EDITED_ARTICLES, figures=changed_figures())
def test_the_loader_accounts_for_every_entry_of_a_broken_figures_file(article, figures):
    loads(article, figures)


@SLOW
@given(article=mutated(ARTICLE), figures=FIGURES_FILES)
def test_the_loader_accounts_for_every_mutated_file(article, figures):
    loads(article, figures)


def loads(article: bytes, figures: bytes | None) -> None:
    """The seed's article and figures file as given, loaded: nothing raises, and each input is
    a row or has a finding that names it (by id or line), unless its whole file is held back,
    or its article, which holds back its figures file with it."""
    with tempfile.TemporaryDirectory() as folder:
        articles_dir = Path(folder)
        path = articles_dir / f"{SEED}.md"
        path.write_bytes(article)
        figures_name = f"{SEED}.figures.yaml"
        if figures is not None:
            (articles_dir / figures_name).write_bytes(figures)
        stage = process(articles_dir, [path], 0.1)  # never raises

    findings = [finding for found in stage.findings.values() for finding in found]
    named = {finding.source_file for finding in findings}
    loaded = f"{SEED}.md" in set(stage.tables["articles"]["source_file"])
    assert loaded or f"{SEED}.md" in named, "the article is neither loaded nor held back"
    event("article loaded" if loaded else "article held back")
    if figures is None or not loaded:
        return  # an article held back holds back its figures file with it
    lists = entries(figures)
    if lists is None:  # not YAML with lists: the file is held back as a whole
        assert figures_name in named, "a figures file that is not YAML is not held back"
        event("figures file: not YAML with lists")
        return
    spans = [(first, last) for items in lists.values() for _, first, last in items]
    whole_file = any(  # a finding on the file that is about no entry of it
        f.source_file == figures_name
        and f.item_id is None
        and not any(first <= (f.line or 0) <= last for first, last in spans)
        for f in findings
    )
    for key, items in lists.items():
        if key not in ID_COLUMNS:
            continue
        rows = stage.tables[TABLE_OF[key]]
        if not len(rows) and whole_file:
            event(f"{key}: the file held back as a whole")
            continue
        event(f"{key}: {len(items)} entries checked one by one")
        ids = set(rows[ID_COLUMNS[key]]) if ID_COLUMNS[key] and len(rows) else set()
        row_lines = set(rows["figures_file_line"].dropna()) if len(rows) else set()
        for item_id, first, last in items:
            in_rows = item_id in ids or any(first <= line <= last for line in row_lines)
            held_back = any(
                finding.source_file == figures_name
                and (
                    (item_id is not None and finding.item_id == item_id)
                    or (finding.line is not None and first <= finding.line <= last)
                )
                for finding in findings
            )
            assert in_rows or held_back, f"{key} entry {item_id!r} (lines {first}-{last}) lost"
