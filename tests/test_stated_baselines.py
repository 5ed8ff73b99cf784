"""A change's stated baseline ("from $2.5 million", `from:` in a figures file) is a figure, and
the check stated_baselines_agree compares it with the baseline the change implies."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
import yaml
from conftest import materialize_in_process, read_warehouse
from test_pipeline import outcomes

FRONT = '---\ntitle: {title}\noutlet: Example Gazette\npublished: "2026-03-02"\nlanguage: en\n---\n'


def money(figure_id: str, quote: str, value: float) -> dict:
    return {
        "id": figure_id, "quote": quote, "value": value, "kind": "money", "unit": "USD",
        "qualifier": "exact", "measure": {"what": "spending on libraries"},
    }  # fmt: skip


def change(figure_id: str, quote: str, value: float, kind: str) -> dict:
    unit = {"multiplier": "times", "percent": "percent"}[kind]
    return {
        "id": figure_id, "quote": quote, "value": value, "kind": kind, "unit": unit,
        "qualifier": "exact", "measure": {"what": "change in spending on libraries"},
    }  # fmt: skip


def write(folder: Path, name: str, body: str, figures: list[dict], relations: list[dict]) -> None:
    (folder / f"{name}.md").write_text(FRONT.format(title=name) + body + "\n")
    document = {"figures": figures, "relations": relations}
    (folder / f"{name}.figures.yaml").write_text(yaml.safe_dump(document, sort_keys=False))


def relation(relation_id: str, kind: str, subject: str, obj: str, **more: str) -> dict:
    return {"id": relation_id, "type": kind, "subject": subject, "object": obj, **more}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("baselines")
    articles = folder / "articles"
    articles.mkdir()
    write(
        articles,
        "doubles-from-2-5",
        "Spending on libraries doubles to $6 million from $2.5 million.",
        [
            change("doubles", "doubles", 2, "multiplier"),
            money("after", "$6 million", 6e6),
            money("before", "$2.5 million", 2.5e6),
        ],
        [relation("r", "multiple_of", "doubles", "after", **{"from": "before"})],
    )
    write(
        articles,
        "doubles-from-3",
        "Spending on libraries doubles to $6 million from $3 million.",
        [
            change("doubles", "doubles", 2, "multiplier"),
            money("after", "$6 million", 6e6),
            money("before", "$3 million", 3e6),
        ],
        [relation("r", "multiple_of", "doubles", "after", **{"from": "before"})],
    )
    write(
        articles,
        "rose-percent",
        "Spending on libraries rose 17 percent to $131.40 from $112.31, and 20 percent to $7 "
        "from $6.00.",
        [
            change("rose", "17 percent", 17, "percent"),
            money("after", "$131.40", 131.4),
            money("before", "$112.31", 112.31),
            change("rose2", "20 percent", 20, "percent"),
            money("after2", "$7", 7),
            money("before2", "$6.00", 6),
        ],
        [
            relation("r", "percent_change", "rose", "after", **{"from": "before"}),
            relation("r2", "percent_change", "rose2", "after2", **{"from": "before2"}),
        ],
    )
    write(
        articles,
        "bad-from",
        "Spending on libraries doubles to $6 million from $3 million; 4 libraries of 40 close.",
        [
            change("doubles", "doubles", 2, "multiplier"),
            money("after", "$6 million", 6e6),
            money("before", "$3 million", 3e6),
            {**money("part", "4", 4), "kind": "count", "unit": "libraries"},
            {**money("whole", "40", 40), "kind": "count", "unit": "libraries"},
        ],
        [
            relation("own", "multiple_of", "doubles", "after", **{"from": "after"}),
            relation("missing", "multiple_of", "doubles", "after", **{"from": "nowhere"}),
            relation("part", "part_of", "part", "whole", **{"from": "before"}),
            relation("kinds", "multiple_of", "doubles", "after", **{"from": "part"}),
        ],
    )
    with dg.instance_for_test() as instance:
        result = materialize_in_process(instance, articles, folder / "w.duckdb")
    return result, folder / "w.duckdb"


def metrics(duckdb_path: Path) -> dict[tuple[str, str], tuple]:
    rows = read_warehouse(
        duckdb_path,
        "SELECT article_id, relation_id, value, lower, upper, severity, computation "
        "FROM derived_metrics WHERE metric = 'baseline_agreement'",
    )
    return {(row[0], row[1]): row[2:] for row in rows}


def test_a_stated_baseline_the_change_cannot_reach_is_an_error(warehouse):
    result, duckdb_path = warehouse
    value, lower, upper, severity, computation = metrics(duckdb_path)["doubles-from-2-5", "r"]
    assert value == pytest.approx(2.5 / 3)
    assert (lower, upper, severity) == (pytest.approx(2.5 / 3), pytest.approx(2.5 / 3), "error")
    assert computation == (
        "6,000,000 / 2 = 3,000,000 implied, 2,500,000 stated: 2,500,000 / 3,000,000 = 0.8333 "
        "(gap 0.2)"
    )
    check = outcomes(result)["derived_metrics", "stated_baselines_agree"]
    assert not check.passed
    assert check.metadata["failing_rows"].value == 2  # and rose-percent's r2


def test_stated_baselines_that_agree_are_ok(warehouse):
    _, duckdb_path = warehouse
    found = metrics(duckdb_path)
    assert found["doubles-from-3", "r"][3] == "ok"
    assert found["rose-percent", "r"][0] == pytest.approx(112.31 / (131.4 / 1.17))
    assert found["rose-percent", "r"][3] == "ok"
    # 7 / 1.2 = 5.833 against 6.00: a gap of 0.029, beyond the tolerance (0.02), and exact figures
    assert found["rose-percent", "r2"][3] == "error"


def test_a_from_that_cannot_stand_holds_its_relation_back(warehouse):
    _, duckdb_path = warehouse
    held = dict(
        read_warehouse(
            duckdb_path,
            "SELECT item_id, rule || ': ' || message FROM quarantine "
            "WHERE article_id = 'bad-from' ORDER BY item_id",
        )
    )
    assert held == {
        "kinds": "relations_fit_figure_kinds: relation kinds: its from part is a count, but the "
        "value after the change (after) is a money",
        "missing": "relations_refer_to_valid_figures: relation missing: its from nowhere is not "
        "a figure of article bad-from",
        "own": "relations_fit_figure_kinds: relation own: its from after is one of its own figures",
        "part": "relations_fit_figure_kinds: relation part: a part_of has no baseline, but it "
        "names from: before",
    }
    assert metrics(duckdb_path).keys().isdisjoint({("bad-from", "own"), ("bad-from", "kinds")})
