"""Hostile input: each bad file beside the seed ends with the seed loaded, the bad input held in
`quarantine` with a message that says where and what was expected, and a failed check; the run
itself goes on. Every input file and every curated entry is loaded or held back (the two
reconciliation checks pass in every case)."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import COUNCIL_ARTICLE, SEED, described

from benchmarks.hostile import DRIVERS, FIGURE, NIGHT, NIGHT_OF_ROUTES, RELATION, ROUTES
from core import pipeline, sql
from core.checks import CHECKS
from core.folder import article_id_of, scan
from etl.resources import QualityPolicy, resources_from_environment

EXTRA_ARTICLE = COUNCIL_ARTICLE + "Fifty percent of the new routes will run at night.\n"


def figures_file(figures: list[dict], relations: list[dict] = (NIGHT_OF_ROUTES,)) -> str:
    text = "figures:\n" + "".join(FIGURE.format(**figure) for figure in figures)
    if relations:
        text += "relations:\n" + "".join(RELATION.format(**r) for r in relations)
    return text


def extra(articles_dir: Path, figures: list[dict] | None = None, relations=(NIGHT_OF_ROUTES,)):
    """Write the extra article (extra.md) and its figures file, with these figures."""
    (articles_dir / "extra.md").write_text(EXTRA_ARTICLE, encoding="utf-8")
    figures = [ROUTES, DRIVERS, NIGHT] if figures is None else figures
    text = figures_file(figures, relations)
    (articles_dir / "extra.figures.yaml").write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """Line (1-based) of the first line of text that contains needle."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def outcomes(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
    return {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in result.get_asset_check_evaluations()
    }


@dataclass
class Expect:
    """What a bad input must give: its quarantine row and the check that fails."""

    stage: str
    source_file: str
    line: int | None
    item_id: str | None
    rule: str
    message: str  # a fragment of the message
    expected: str  # a fragment of what the rule expected
    check: tuple[str, str]  # (asset, check name) that fails


def with_(figure: dict, **changes: str) -> dict:
    return {**figure, **changes}


# --- the bad inputs: each writes its file(s) beside the seed and says what must follow ---------


def not_utf8(d: Path) -> Expect:
    text = EXTRA_ARTICLE.replace("12 bus routes", "12 bus routes to the café")
    (d / "latin1.md").write_bytes(text.encode("latin-1"))
    return Expect("articles", "latin1.md", 7, None, "articles_match_schema",
                  "not UTF-8 text (byte 0xe9 is not UTF-8 at line 7, column", "UTF-8 text",
                  ("articles", "articles_match_schema"))  # fmt: skip


def binary(d: Path) -> Expect:
    (d / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return Expect("articles", "photo.md", 1, None, "articles_match_schema",
                  "not UTF-8 text (byte 0x89 is not UTF-8 at line 1, column 1, offset 0): a binary "
                  "file", "UTF-8 text", ("articles", "articles_match_schema"))  # fmt: skip


def nul_bytes(d: Path) -> Expect:
    (d / "nul.md").write_bytes(EXTRA_ARTICLE.encode() + b"\x00\x00\x00")
    return Expect("articles", "nul.md", 9, None, "articles_match_schema",
                  "not UTF-8 text (a NUL byte at line 9", "UTF-8 text",
                  ("articles", "articles_match_schema"))  # fmt: skip


def empty(d: Path) -> Expect:
    (d / "empty.md").write_text("")
    return Expect("articles", "empty.md", 1, None, "articles_match_schema", "the file is empty",
                  "a '---' line", ("articles", "articles_match_schema"))  # fmt: skip


def no_front_matter(d: Path) -> Expect:
    (d / "bare.md").write_text("Just a body: 12 people.\n")
    return Expect("articles", "bare.md", 1, None, "articles_match_schema",
                  "no YAML front matter: the file must start with a '---' line", "a '---' line",
                  ("articles", "articles_match_schema"))  # fmt: skip


def unclosed_front_matter(d: Path) -> Expect:
    (d / "open.md").write_text(EXTRA_ARTICLE.replace("language: en\n---\n", "language: en\n\n"))
    return Expect("articles", "open.md", 1, None, "articles_match_schema",
                  "the front matter opened by '---' on line 1 is never closed", "closing '---'",
                  ("articles", "articles_match_schema"))  # fmt: skip


def front_matter_not_a_mapping(d: Path) -> Expect:
    (d / "list.md").write_text("---\n- a title\n- an outlet\n---\nBody\n")
    return Expect("articles", "list.md", 2, None, "articles_match_schema",
                  "front matter is not a mapping", "key: value",
                  ("articles", "articles_match_schema"))  # fmt: skip


def yaml_error_in_front_matter(d: Path) -> Expect:
    (d / "syntax.md").write_text(EXTRA_ARTICLE.replace("published: 2024-03", "published: a: b"))
    return Expect("articles", "syntax.md", 4, None, "articles_match_schema", "YAML syntax error",
                  "valid YAML", ("articles", "articles_match_schema"))  # fmt: skip


def yaml_error_in_figures_file(d: Path) -> Expect:
    text = extra(d)
    bad = text.replace("unit: drivers", "unit: drivers: all")
    (d / "extra.figures.yaml").write_text(bad)
    return Expect("figures", "extra.figures.yaml", line_of(bad, "drivers: all"), None,
                  "figures_match_schema", "YAML syntax error", "valid YAML",
                  ("figures", "figures_match_schema"))  # fmt: skip


def unknown_front_matter_key(d: Path) -> Expect:
    (d / "keys.md").write_text(EXTRA_ARTICLE.replace("language: en", "language: en\neditor: Ann"))
    return Expect("articles", "keys.md", 6, None, "articles_match_schema",
                  "front matter: unknown key 'editor' (expected one of: author, language, notes, "
                  "outlet, published, title, url)", "required: title, outlet, published, language",
                  ("articles", "articles_match_schema"))  # fmt: skip


def missing_front_matter_key(d: Path) -> Expect:
    (d / "keys.md").write_text(EXTRA_ARTICLE.replace("language: en\n", ""))
    return Expect("articles", "keys.md", 2, None, "articles_match_schema",
                  "front matter: missing key 'language'", "required: title, outlet, published",
                  ("articles", "articles_match_schema"))  # fmt: skip


def unknown_figure_key(d: Path) -> Expect:
    text = extra(d, [ROUTES, with_(DRIVERS, unit="drivers\n    colour: red"), NIGHT])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: drivers"), "drivers",
                  "figures_match_schema", "figure drivers: unknown key 'colour' (expected one of:",
                  "the keys of a figure", ("figures", "figures_match_schema"))  # fmt: skip


def missing_figure_key(d: Path) -> Expect:
    text = extra(d, [ROUTES, DRIVERS, NIGHT])
    text = text.replace("    unit: drivers\n", "")
    (d / "extra.figures.yaml").write_text(text)
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: drivers"), "drivers",
                  "figures_match_schema", "figure drivers: missing key 'unit'",
                  "the keys of a figure", ("figures", "figures_match_schema"))  # fmt: skip


def quote_not_in_body(d: Path) -> Expect:
    text = extra(d, [with_(ROUTES, quote="13 bus routes"), DRIVERS, NIGHT])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: routes"), "routes",
                  "figure_quotes_occur_in_text", "quote '13 bus routes' (occurrence 1) is not in "
                  "the body of article extra", "'13 bus routes' at least 1 time(s) in the body",
                  ("figures", "figure_quotes_occur_in_text"))  # fmt: skip


def value_contradicts_quote(d: Path) -> Expect:
    text = extra(d, [with_(ROUTES, value="14"), DRIVERS, NIGHT])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: routes"), "routes",
                  "quoted_numbers_equal_values",
                  "the quote '12 bus routes' states 12, but the recorded value is 14", "14",
                  ("figures", "quoted_numbers_equal_values"))  # fmt: skip


def duplicate_figure_ids(d: Path) -> Expect:
    text = extra(d, [ROUTES, with_(DRIVERS, id="routes"), NIGHT])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: routes"), "routes",
                  "figure_ids_are_unique", "id 'routes' is used more than once in the article",
                  "a unique id", ("figures", "figure_ids_are_unique"))  # fmt: skip


def relation_to_missing_figure(d: Path) -> Expect:
    text = extra(d, relations=[with_(NIGHT_OF_ROUTES, object="buses")])
    return Expect("relations", "extra.figures.yaml", line_of(text, "id: night_of_routes"),
                  "night_of_routes", "relations_refer_to_valid_figures",
                  "relation night_of_routes: its object buses is not a figure of article extra",
                  "one of: drivers, night_share, routes",
                  ("relations", "relations_refer_to_valid_figures"))  # fmt: skip


def relations_in_a_cycle(d: Path) -> Expect:
    cycle = [
        {"id": "drivers_in_routes", "type": "part_of", "subject": "drivers", "object": "routes"},
        {"id": "routes_in_drivers", "type": "part_of", "subject": "routes", "object": "drivers"},
    ]
    text = extra(d, relations=[NIGHT_OF_ROUTES, *cycle])
    return Expect("relations", "extra.figures.yaml", line_of(text, "id: drivers_in_routes"),
                  "drivers_in_routes", "relations_do_not_form_cycles",
                  "relations form a cycle, drivers -> routes -> drivers: drivers part_of routes "
                  "(drivers_in_routes), routes part_of drivers (routes_in_drivers)",
                  "never back", ("relations", "relations_do_not_form_cycles"))  # fmt: skip


def negative_count(d: Path) -> Expect:
    text = extra(d, [ROUTES, with_(DRIVERS, value="-300"), NIGHT])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: drivers"), "drivers",
                  "counts_are_not_negative", "count -300 is negative", ">= 0",
                  ("figures", "counts_are_not_negative"))  # fmt: skip


def percent_as_text(d: Path) -> Expect:
    text = extra(d, [ROUTES, DRIVERS, with_(NIGHT, value='"fifty percent"')])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: night_share"),
                  "night_share", "figures_match_schema",
                  "figure night_share: value 'fifty percent' is not a number: the value is a "
                  "number in the figure's unit (50 for 'fifty percent', unit percent); write "
                  "value: 50", "a number such as 50",
                  ("figures", "figures_match_schema"))  # fmt: skip


def value_beyond_a_double(d: Path) -> Expect:
    text = extra(d, [with_(ROUTES, value="1" + "0" * 400), DRIVERS, NIGHT])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: routes"), "routes",
                  "figures_match_schema", "figure routes: value 10000000000000000000…0000000000 "
                  "(401 characters) is not a finite number the warehouse can store",
                  "a finite number below about 1.8e308",
                  ("figures", "figures_match_schema"))  # fmt: skip


def number_beyond_a_double_in_a_body(d: Path) -> Expect:
    text = EXTRA_ARTICLE + f"About 1{'0' * 400} people rode the buses.\n"
    (d / "extra.md").write_text(text, encoding="utf-8")
    return Expect("mentions", "extra.md", line_of(text, "About 1"), None, "mentions_match_schema",
                  "the number About 10000000000000…0000000000 (407 characters) is beyond the "
                  "numbers the warehouse can store", "a number below about 1.8e308",
                  ("mentions", "mentions_match_schema"))  # fmt: skip


def share_above_one(d: Path) -> Expect:
    text = extra(d, [ROUTES, DRIVERS, with_(NIGHT, kind="ratio", unit="fraction")])
    return Expect("figures", "extra.figures.yaml", line_of(text, "id: night_share"),
                  "night_share", "shares_lie_in_unit_interval", "share 50 is outside [0, 1]",
                  "0 <= value <= 1", ("figures", "shares_lie_in_unit_interval"))  # fmt: skip


def file_over_the_size_limit(d: Path) -> Expect:
    with (d / "huge.md").open("wb") as file:
        file.truncate(20_000_000)  # 20 MB (sparse): it must be stat'ed, never read
    return Expect("articles", "huge.md", None, None, "input_files_are_within_size_limit",
                  "20,000,000 bytes, over the limit of 5,000,000 bytes (ETL_MAX_FILE_BYTES): "
                  "held back unread", "at most 5,000,000 bytes",
                  ("articles", "input_files_are_within_size_limit"))  # fmt: skip


def figures_file_over_the_size_limit(d: Path) -> Expect:
    extra(d)
    with (d / "extra.figures.yaml").open("r+b") as file:
        file.truncate(20_000_000)
    return Expect("articles", "extra.figures.yaml", None, None,
                  "input_files_are_within_size_limit", "20,000,000 bytes, over the limit",
                  "at most 5,000,000 bytes",
                  ("articles", "input_files_are_within_size_limit"))  # fmt: skip


def symlink_out_of_the_folder(d: Path) -> Expect:
    outside = d.parent / "outside.md"
    outside.write_text(EXTRA_ARTICLE)  # a valid article, which must not be read through the link
    (d / "link.md").symlink_to(outside)
    return Expect("articles", "link.md", None, None, "input_files_stay_inside_the_folder",
                  f"symbolic link to {outside}, outside the articles folder: held back unread",
                  "inside the articles folder",
                  ("articles", "input_files_stay_inside_the_folder"))  # fmt: skip


def figures_file_without_its_article(d: Path) -> Expect:
    (d / "ghost.figures.yaml").write_text(figures_file([ROUTES]))
    return Expect("figures", "ghost.figures.yaml", None, None, "figures_files_have_their_article",
                  "figures file without its article: no ghost.md or ghost.txt beside it",
                  "ghost.md or ghost.txt",
                  ("figures", "figures_files_have_their_article"))  # fmt: skip


def figures_file_of_a_held_back_article(d: Path) -> Expect:
    extra(d)
    (d / "extra.md").write_text(EXTRA_ARTICLE.replace("language: en\n", ""))
    return Expect("figures", "extra.figures.yaml", None, None, "figures_files_have_their_article",
                  "not read: its article extra.md is held back", "extra.md loaded",
                  ("figures", "figures_files_have_their_article"))  # fmt: skip


def neither_article_nor_figures(d: Path) -> Expect:
    (d / "notes.csv").write_text("a,b\n1,2\n")
    return Expect("articles", "notes.csv", None, None, "input_files_are_articles_or_figures",
                  "neither an article nor a figures file: held back unread",
                  "a name ending in .md, .txt or .figures.yaml",
                  ("articles", "input_files_are_articles_or_figures"))  # fmt: skip


def a_subfolder(d: Path) -> Expect:
    (d / "archive").mkdir()
    (d / "archive" / "old.md").write_text(EXTRA_ARTICLE)
    return Expect("articles", "archive", None, None, "input_files_are_articles_or_figures",
                  "is a folder, not a file: only files directly in the articles folder are read",
                  "a file", ("articles", "input_files_are_articles_or_figures"))  # fmt: skip


def published_is_not_a_date(d: Path) -> Expect:
    (d / "date.md").write_text(EXTRA_ARTICLE.replace("published: 2024-03", "published: 2024-13"))
    return Expect("articles", "date.md", 4, None, "articles_match_schema",
                  "front matter: published '2024-13' is not a date", "YYYY, YYYY-MM or YYYY-MM-DD",
                  ("articles", "articles_match_schema"))  # fmt: skip


def unknown_not_figures_key(d: Path) -> Expect:
    text = extra(d) + "not_figures:\n  - quote: next year\n    why: a time, not a figure\n"
    (d / "extra.figures.yaml").write_text(text)
    return Expect("non_figures", "extra.figures.yaml", line_of(text, "quote: next year"), None,
                  "non_figures_match_schema", "not_figures entry 'next year': missing key "
                  "'reason'; ", "the keys of a not_figures entry",
                  ("non_figures", "non_figures_match_schema"))  # fmt: skip


def two_files_of_one_article(d: Path) -> Expect:
    extra(d)
    (d / "extra.txt").write_text(EXTRA_ARTICLE)
    return Expect("articles", "extra.txt", None, None, "articles_match_schema",
                  "its article id 'extra' is already the id of extra.md",
                  "one article file with the id 'extra'",
                  ("articles", "articles_match_schema"))  # fmt: skip


BAD_INPUTS: list[Callable[[Path], Expect]] = [
    not_utf8, binary, nul_bytes, empty, no_front_matter, unclosed_front_matter,
    front_matter_not_a_mapping, yaml_error_in_front_matter, yaml_error_in_figures_file,
    unknown_front_matter_key, missing_front_matter_key, unknown_figure_key, missing_figure_key,
    quote_not_in_body, value_contradicts_quote, duplicate_figure_ids, relation_to_missing_figure,
    relations_in_a_cycle, negative_count, percent_as_text, share_above_one,
    value_beyond_a_double, number_beyond_a_double_in_a_body,
    file_over_the_size_limit, figures_file_over_the_size_limit, symlink_out_of_the_folder,
    figures_file_without_its_article, figures_file_of_a_held_back_article,
    neither_article_nor_figures, a_subfolder, two_files_of_one_article, published_is_not_a_date,
    unknown_not_figures_key,
]  # fmt: skip
RECONCILIATION = [
    ("sources", "every_input_file_is_accounted_for"),
    ("sources", "every_curated_entry_is_accounted_for"),
]


@pytest.fixture
def never_read(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Paths whose bytes must never be read: reading one fails the step that tries."""
    paths: set[Path] = set()
    for name in ("open", "read_bytes", "read_text"):
        original = getattr(pathlib.Path, name)

        def guarded(self, *args, _original=original, **kwargs):  # noqa: ANN001, ANN202
            if Path(os.path.realpath(self)) in paths:
                raise AssertionError(f"{self} was read")
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, name, guarded)
    return paths


@pytest.mark.parametrize("write_bad_input", BAD_INPUTS, ids=lambda f: f.__name__)
def test_bad_input_is_held_back_with_a_clear_message_and_a_failed_check(
    write_bad_input, articles_dir, run_pipeline, query, never_read
):
    expect = write_bad_input(articles_dir)
    big = [p for p in articles_dir.iterdir() if p.is_file() and p.stat().st_size > 10**7]
    never_read.update(Path(os.path.realpath(p)) for p in big)
    never_read.add(Path(os.path.realpath(articles_dir.parent / "outside.md")))

    result = run_pipeline()
    assert result.success  # the run goes on

    # the seed is loaded whole
    assert query("SELECT count(*) FROM figures WHERE article_id = ?", [SEED]) == [(11,)]
    assert query("SELECT count(*) FROM relations WHERE article_id = ?", [SEED]) == [(8,)]

    # the bad input is held back, with the file, the place and what was expected
    rows = query(
        "SELECT stage, line, item_id, message, expected, found FROM quarantine "
        "WHERE source_file = ? AND rule = ? ORDER BY line",
        [expect.source_file, expect.rule],
    )
    assert rows, f"no quarantine row for {expect.source_file} / {expect.rule}"
    stage, line, item_id, message, expected, found = rows[0]
    assert (stage, line, item_id) == (expect.stage, expect.line, expect.item_id)
    assert expect.message in message
    assert expect.expected in expected
    assert found

    # and its check fails in the UI, naming the file
    evaluations = outcomes(result)
    assert len(evaluations) == len(CHECKS)
    check = evaluations[expect.check]
    assert not check.passed
    assert expect.source_file in described(check)
    cases = check.metadata["failure_cases"].value
    assert any(case["source_file"] == expect.source_file for case in cases)

    # nothing is lost: every file and every curated entry is loaded or held back
    for key in RECONCILIATION:
        assert evaluations[key].passed, evaluations[key].description


def test_duplicate_figure_ids_hold_back_both_uses(articles_dir, run_pipeline, query):
    duplicate_figure_ids(articles_dir)
    assert run_pipeline().success
    held = query(
        "SELECT line FROM quarantine WHERE rule = 'figure_ids_are_unique' AND item_id = 'routes'"
    )
    assert len(held) == 2  # neither use is preferred
    assert query("SELECT figure_id FROM figures WHERE article_id = 'extra'") == [("night_share",)]


def test_the_extra_article_alone_is_clean(articles_dir, run_pipeline, query):
    extra(articles_dir)
    result = run_pipeline()
    assert result.success
    failing = [key for key, e in outcomes(result).items() if not e.passed]
    assert failing == [("derived_metrics", "change_statements_agree")]  # the seed's own gap
    assert query("SELECT count(*) FROM figures WHERE article_id = 'extra'") == [(3,)]
    assert query("SELECT count(*) FROM quarantine") == [(0,)]
    assert query("SELECT entries FROM sources WHERE source_file = 'extra.figures.yaml'") == [(4,)]


def test_the_same_article_under_two_names_is_flagged_not_dropped(articles_dir, run_pipeline, query):
    (articles_dir / "extra.md").write_text(EXTRA_ARTICLE)
    copy = EXTRA_ARTICLE.replace("Example Gazette", "Example Herald")  # same body
    (articles_dir / "extra-copy.md").write_text(copy)
    result = run_pipeline()
    assert result.success
    check = outcomes(result)["articles", "articles_are_not_duplicated"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    cases = {case["source_file"]: case for case in check.metadata["failure_cases"].value}
    assert set(cases) == {"extra.md", "extra-copy.md"}  # both flagged, each naming the other
    assert cases["extra-copy.md"]["message"].startswith("same body as extra.md (SHA-256 ")
    assert cases["extra.md"]["message"].startswith("same body as extra-copy.md (SHA-256 ")
    assert query("SELECT count(*) FROM articles") == [(3,)]  # kept: two outlets, two sources
    assert query("SELECT count(*) FROM figures WHERE article_id = ?", [SEED]) == [(11,)]


def test_a_link_inside_the_folder_is_followed(articles_dir, run_pipeline, query):
    (articles_dir / "extra.md").write_text(EXTRA_ARTICLE)
    (articles_dir / "alias.md").symlink_to(articles_dir / "extra.md")
    result = run_pipeline()
    assert result.success
    assert query("SELECT article_id FROM articles ORDER BY 1") == [("alias",), ("extra",), (SEED,)]
    assert not outcomes(result)["articles", "articles_are_not_duplicated"].passed  # one body


WEIRD_NAME = 'l\'été; "report" 2014 — Ünïcode 東京'


def test_file_names_with_quotes_spaces_and_any_script_load_like_any_other(
    articles_dir, run_pipeline, query
):
    (articles_dir / f"{WEIRD_NAME}.md").write_text(EXTRA_ARTICLE, encoding="utf-8")
    (articles_dir / f"{WEIRD_NAME}.figures.yaml").write_text(figures_file([ROUTES, DRIVERS, NIGHT]))
    (articles_dir / "Ünïcode-東京.md").write_text(EXTRA_ARTICLE.replace("12", "13"))
    result = run_pipeline()
    assert result.success
    failing = [key for key, e in outcomes(result).items() if not e.passed]
    assert failing == [("derived_metrics", "change_statements_agree")]
    weird_id = article_id_of(WEIRD_NAME)
    assert weird_id == "l-été-report-2014-Ünïcode-東京-9bd4c884"
    assert query("SELECT article_id, source_file, figures_file FROM articles ORDER BY 1") == [
        (weird_id, f"{WEIRD_NAME}.md", f"{WEIRD_NAME}.figures.yaml"),
        (SEED, f"{SEED}.md", f"{SEED}.figures.yaml"),
        ("Ünïcode-東京", "Ünïcode-東京.md", None),  # a safe name is its own id, in any script
    ]  # fmt: skip
    assert query("SELECT count(*) FROM figures WHERE article_id = ?", [weird_id]) == [(3,)]
    assert query("SELECT count(*) FROM quarantine") == [(0,)]


def test_a_file_name_that_is_not_utf8_is_held_back(articles_dir, run_pipeline, query):
    name = os.fsencode(articles_dir) + b"/caf\xe9.md"
    try:
        with open(name, "wb") as file:
            file.write(EXTRA_ARTICLE.encode())
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    result = run_pipeline()
    assert result.success
    assert query("SELECT source_file, rule FROM quarantine") == [
        ("caf\\xe9.md", "input_files_are_articles_or_figures")
    ]
    assert query("SELECT count(*) FROM figures WHERE article_id = ?", [SEED]) == [(11,)]
    assert outcomes(result)["sources", "every_input_file_is_accounted_for"].passed


def test_a_file_that_cannot_be_read_is_held_back(
    articles_dir, run_pipeline, query, monkeypatch: pytest.MonkeyPatch
):
    locked = articles_dir / "locked.md"
    locked.write_text(EXTRA_ARTICLE)
    locked.chmod(0)  # unreadable for a user; root reads it anyway, so opening it also fails:
    original = pathlib.Path.open

    def refuse(self, *args, **kwargs):  # noqa: ANN001, ANN202
        if Path(os.path.realpath(self)) == locked.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    result = run_pipeline()
    assert result.success
    assert query("SELECT stage, rule, message, expected FROM quarantine") == [
        (
            "articles",
            "input_files_are_articles_or_figures",
            "cannot be read (Permission denied): give the pipeline read access",
            "a readable file",
        )
    ]
    assert query("SELECT count(*) FROM figures WHERE article_id = ?", [SEED]) == [(11,)]
    check = outcomes(result)["articles", "input_files_are_articles_or_figures"]
    assert not check.passed and "locked.md" in described(check)
    assert outcomes(result)["sources", "every_input_file_is_accounted_for"].passed


def test_a_held_back_file_leaves_quarantine_when_fixed_or_removed(
    articles_dir, run_pipeline, query, monkeypatch: pytest.MonkeyPatch
):
    (articles_dir / "notes.csv").write_text("a,b\n")
    (articles_dir / "extra.md").write_text(EXTRA_ARTICLE)
    assert run_pipeline(max_file_bytes=100).success  # ETL_MAX_FILE_BYTES=100
    assert query("SELECT source_file, rule FROM quarantine ORDER BY 1") == [
        ("extra.md", "input_files_are_within_size_limit"),
        ("notes.csv", "input_files_are_articles_or_figures"),
        (f"{SEED}.figures.yaml", "input_files_are_within_size_limit"),
        (f"{SEED}.md", "input_files_are_within_size_limit"),
    ]
    (articles_dir / "notes.csv").unlink()  # and the limit back to its default: files read
    result = run_pipeline()
    assert result.success
    assert query("SELECT count(*) FROM quarantine") == [(0,)]
    assert query("SELECT count(*) FROM articles") == [(2,)]
    assert all(e.passed for key, e in outcomes(result).items() if key[0] != "derived_metrics")


def test_the_size_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ETL_MAX_FILE_BYTES", "1_000")
    assert resources_from_environment()["corpus"].max_file_bytes == 1000
    monkeypatch.setenv("ETL_MAX_FILE_BYTES", "lots")
    with pytest.raises(
        ValueError,
        match=r"ETL_MAX_FILE_BYTES must be a whole number from 1 \(bytes\); found 'lots'",
    ):
        resources_from_environment()


def test_the_reconciliation_checks_catch_a_lost_file_and_a_lost_entry(
    articles_dir, run_pipeline, duckdb_path
):
    extra(articles_dir, [ROUTES, with_(DRIVERS, value="-300"), NIGHT])
    (articles_dir / "notes.csv").write_text("a,b\n")
    assert run_pipeline().success
    with duckdb.connect(str(duckdb_path)) as conn:  # as if the pipeline had dropped rows
        sql.install_macros_and_views(conn, QualityPolicy().sql_parameters())
        for check in ("every_input_file_is_accounted_for", "every_curated_entry_is_accounted_for"):
            assert sql.check_query(conn, check, {}).empty  # all accounted for
        conn.execute("DELETE FROM quarantine WHERE source_file = 'notes.csv'")
        conn.execute("DELETE FROM quarantine WHERE item_id = 'drivers'")  # a held-back figure
        conn.execute("DELETE FROM figures WHERE figure_id = 'routes'")  # a loaded one
        conn.execute(f"DELETE FROM articles WHERE article_id = '{SEED}'")
        files = sql.check_query(conn, "every_input_file_is_accounted_for", {})
        entries = sql.check_query(conn, "every_curated_entry_is_accounted_for", {})
    assert list(files["message"]) == [
        "notes.csv (other file) is neither loaded nor held back: it is not in articles and no "
        "row of quarantine names it",
        f"{SEED}.figures.yaml (figures file) is neither loaded nor held back: it is not in "
        "articles.figures_file and no row of quarantine names it",
        f"{SEED}.md (article file) is neither loaded nor held back: it is not in articles and no "
        "row of quarantine names it",
    ]
    assert list(entries["message"]) == [
        "extra.figures.yaml lists 4 entries (figures, relations, not_figures), but 2 are in the "
        "tables and 0 held back in quarantine",
    ]


def test_a_body_that_tripped_the_extractor_loads(tmp_path):
    # "thousands" is read as the int 2000, and "THOUSANDS-TWO" once raised in the extractor
    # (int has no is_integer before Python 3.12), which failed the whole batch and the run
    (tmp_path / "tally.md").write_text(EXTRA_ARTICLE + "THOUSANDS-TWO, thousands-2.\n")
    stage = pipeline.process(tmp_path, scan(tmp_path), 0.1)
    assert list(stage.tables["articles"]["article_id"]) == ["tally"]
    assert not [finding for found in stage.findings.values() for finding in found]


def test_entries_whose_keys_are_not_text_are_held_back(tmp_path):
    (tmp_path / "keys.md").write_text(EXTRA_ARTICLE)
    (tmp_path / "keys.figures.yaml").write_text(
        "figures:\n- null: 1\n  id: routes\nrelations:\n- true: -5.0\n- 3: x\n"
    )  # YAML reads null, true and 3 as keys of other types than text
    stage = pipeline.process(tmp_path, scan(tmp_path), 0.1)  # does not raise
    held = {(f.rule, f.line) for found in stage.findings.values() for f in found}
    assert held == {
        ("figures_match_schema", 2),
        ("relations_match_schema", 5),
        ("relations_match_schema", 6),
    }
    assert stage.entries == {"keys.figures.yaml": 3}


@pytest.mark.parametrize(
    ("setting", "value", "says"),
    [
        ("ETL_APPROX_TOLERANCE", "nan", "a number from 0 to 1"),
        ("ETL_APPROX_TOLERANCE", "1.5", "a number from 0 to 1"),
        ("ETL_AGREEMENT_TOLERANCE", "-0.02", "a number from 0"),
        ("ETL_LOCK_TIMEOUT", "inf", "a number from 0 (seconds)"),
        ("ETL_WORKERS", "0", "a whole number from 1 (processes)"),
        ("ETL_MAX_FILE_BYTES", "-5", "a whole number from 1 (bytes)"),
    ],
)
def test_a_setting_out_of_its_range_stops_at_once_naming_it(
    monkeypatch: pytest.MonkeyPatch, setting: str, value: str, says: str
):
    monkeypatch.setenv(setting, value)
    with pytest.raises(ValueError) as raised:
        resources_from_environment()
    assert str(raised.value).startswith(f"{setting} must be {says}")
    assert str(raised.value).endswith(f"; found {value!r}")
