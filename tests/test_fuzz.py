"""The fuzzer (benchmarks/fuzz.py): thousands of hostile articles and figures files, made by
random edits of real ones with a fixed seed, each folder of them beside a clean control article.
Every folder publishes, accounts for every file and every curated entry, and keeps the control
article with its figures and relation. The cases the fuzzer found are kept below as regression
tests; those whose fix is being made in another branch (issue 14) are expected to fail until it
lands.

Timing on the 2-core machine (shared with other runs): a folder of 400 cases runs through every
step in 12 to 22 s, one case alone in 2 to 6 s, 200 cases through Dagster in ~20 s; the whole
file (2,000 fuzzed cases, 200 through Dagster, 8 regression cases) in about two minutes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import materialize_in_process

from benchmarks import fuzz
from benchmarks.hostile import article, figures_file

SEED = 14  # the campaign of the tests: change it to explore, keep it fixed to reproduce
CASES, PER_FOLDER = 2000, 400


@pytest.mark.parametrize("start", range(0, CASES, PER_FOLDER))
def test_fuzzed_folders_publish_account_for_every_file_and_keep_the_control(
    start: int, tmp_path: Path
):
    cases = [fuzz.make_case(SEED, i) for i in range(start, start + PER_FOLDER)]
    verdict = fuzz.check_cases(cases, tmp_path)
    if not verdict.ok:  # name the cases that fail alone, with the command that reproduces each
        found = fuzz.failing_cases(cases, tmp_path, verdict)
        pytest.fail(
            f"{verdict}\n"
            + "\n".join(
                f"case {case.index} ({'+'.join(case.edits)}): {alone}; reproduce with "
                f"python -m benchmarks.fuzz --seed {SEED} --case {case.index} --write DIR"
                for case, alone in found
            )
        )


def test_a_fuzzed_folder_publishes_through_dagster(tmp_path: Path, instance):
    cases = [fuzz.make_case(SEED, i) for i in range(CASES, CASES + 200)]
    folder = fuzz.write_folder(tmp_path / "articles", cases)
    warehouse = tmp_path / "warehouse" / "figures.duckdb"
    result = materialize_in_process(instance, folder, warehouse)
    assert result.success
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    for name in fuzz.MUST_PASS:
        assert evaluations[name].passed, evaluations[name].description
    keep = [article_id for case in cases for article_id in case.keep]
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert fuzz.control_missing(conn) + fuzz.articles_missing(conn, keep) == []


def test_cases_are_reproducible_from_seed_and_index_alone():
    assert fuzz.make_case(3, 17) == fuzz.make_case(3, 17)
    assert fuzz.make_case(3, 17).files != fuzz.make_case(3, 18).files
    assert all(name.startswith("c000017-") for name in fuzz.make_case(3, 17).files)
    edits = {edit for i in range(500) for edit in fuzz.make_case(0, i).edits}
    assert set(fuzz.EDITS) <= edits  # every edit is drawn


# --- what the fuzzer found: minimal reproducers -------------------------------------------------

HEDGED = article("hedged", "At least 100 women left.\nOfficials said more than 100 women left.\n")
WOMEN = {"quote": "At least 100", "value": "100", "kind": "count", "unit": "people",
         "qualifier": "at_least", "what": "women who left"}  # fmt: skip
HEDGED_FIGURES = figures_file(
    ({"id": "first", **WOMEN}, {**WOMEN, "id": "second", "quote": "more than 100",
                                "qualifier": "more_than"}),
    ({"id": "link", "type": "same_quantity", "subject": "first", "object": "second"},),
)  # fmt: skip
ALIASED_ENTRY = (
    figures_file()
    .replace("  - id: drivers", "  - &entry\n    id: drivers")
    .replace("relations:", "  - *entry\nrelations:")
)


REGRESSIONS = [
    pytest.param(
        {"hedged.md": HEDGED, "hedged.figures.yaml": HEDGED_FIGURES},
        id="open-hedged-pair-same-quantity",
    ),
    pytest.param(
        {"long.md": article("long", "About 1" + "0" * 400 + " people left.\n")},
        id="400-digit-number-in-a-body",
    ),
    pytest.param(
        {
            "long.md": article("long"),
            "long.figures.yaml": figures_file().replace("value: 12", "value: 1" + "0" * 400),
        },
        id="400-digit-value",
    ),  # fmt: skip
    pytest.param(
        {"bom.md": "\ufeff" + article("bom"), "bom.figures.yaml": figures_file()},
        id="byte-order-mark",
    ),
    pytest.param(
        {"aliased.md": article("aliased"), "aliased.figures.yaml": ALIASED_ENTRY},
        id="yaml-alias-repeats-an-entry",
    ),
    pytest.param(
        {
            "typed.md": article("typed"),
            "typed.figures.yaml": figures_file().replace("type: share_of", "type: {a: 1}"),
        },
        id="relation-type-is-a-mapping",
    ),
    pytest.param(
        {
            "tagged.md": article("tagged"),
            "tagged.figures.yaml": figures_file().replace("value: 12", "value: !!int x"),
        },
        id="yaml-tag-that-cannot-be-constructed",
    ),
    pytest.param(
        {"dated.md": article("dated", published="2024-02-30")},
        id="front-matter-date-out-of-range",  # held back, not published: not a good article
    ),
]


@pytest.mark.parametrize("files", REGRESSIONS)
def test_a_case_the_fuzzer_found(files: dict[str, str], tmp_path: Path):
    """The case publishes, accounts for its files and entries, keeps the control and its own
    article (a good one, but for the date out of range)."""
    keep = tuple(name[:-3] for name in files if name.endswith(".md") and name != "dated.md")
    case = fuzz.Case(0, {name: text.encode() for name, text in files.items()}, ("found",), keep)
    verdict = fuzz.check_cases([case], tmp_path)
    assert verdict.ok, str(verdict)
