"""A share set beside the part it states, and the parts a sentence lists up to "the remaining
N" or with one verb for all, are judged against their whole (derived metrics
share_part_agreement and sum_of_parts, checks shares_agree_with_their_parts and
listed_parts_fit_their_whole), in curated articles and in articles nobody curated."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
import yaml
from conftest import materialize_in_process, read_warehouse
from test_pipeline import outcomes

FRONT = '---\ntitle: {title}\noutlet: Example Gazette\npublished: "2026-03-02"\nlanguage: en\n---\n'


def count(figure_id: str, quote: str, value: float, what: str = "customers") -> dict:
    return {
        "id": figure_id, "quote": quote, "value": value, "kind": "count", "unit": "people",
        "qualifier": "exact", "measure": {"what": what},
    }  # fmt: skip


def percent(figure_id: str, quote: str, value: float) -> dict:
    return {
        "id": figure_id, "quote": quote, "value": value, "kind": "percent", "unit": "percent",
        "qualifier": "exact", "measure": {"what": "share of customers"},
    }  # fmt: skip


def relation(relation_id: str, kind: str, subject: str, obj: str) -> dict:
    return {"id": relation_id, "type": kind, "subject": subject, "object": obj}


def write(folder: Path, name: str, body: str, figures: list[dict] | None = None, relations=()):
    """An article; with a figures file when figures are given."""
    (folder / f"{name}.md").write_text(FRONT.format(title=name) + body + "\n")
    if figures is not None:
        document = {"figures": figures, "relations": list(relations)}
        (folder / f"{name}.figures.yaml").write_text(yaml.safe_dump(document, sort_keys=False))


SHARE_RELATIONS = [
    relation("part", "part_of", "part", "whole"),
    relation("share", "share_of", "share", "whole"),
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("parts")
    articles = folder / "articles"
    articles.mkdir()
    write(
        articles,
        "share-disagrees",
        "The breach exposed 1,800 customers. Of them, 1,100, or 72 percent, lost their numbers.",
        [count("whole", "1,800", 1800), count("part", "1,100", 1100), percent("share", "72", 72)],
        SHARE_RELATIONS,
    )
    write(
        articles,
        "share-agrees",
        "Road deaths reached 4,690. Pedestrians were 1,843 (39 per cent) of them.",
        [count("whole", "4,690", 4690), count("part", "1,843", 1843), percent("share", "39", 39)],
        SHARE_RELATIONS,
    )
    write(
        articles,
        "share-apart",
        "The breach exposed 1,800 customers. Of them, 1,100 lost their numbers, and 72 percent "
        "were over 40.",
        [count("whole", "1,800", 1800), count("part", "1,100", 1100), percent("share", "72", 72)],
        SHARE_RELATIONS,
    )
    parts = [("a", "749", 749), ("b", "385", 385), ("c", "343", 343), ("rest", "207", 207)]
    write(
        articles,
        "list-exceeds",
        "Road deaths fell to 1,624. Of those killed, 749 were car occupants, 385 were "
        "pedestrians and 343 were motorcyclists, with cyclists making up the remaining 207.",
        [count("whole", "1,624", 1624)] + [count(i, q, v) for i, q, v in parts],
        [relation(i, "part_of", i, "whole") for i, _, _ in parts],
    )
    write(
        articles,
        "list-short",
        "Road deaths fell to 1,624. Of those killed, 749 were car occupants and the remaining "
        "700 were pedestrians.",
        [count("whole", "1,624", 1624), count("a", "749", 749), count("rest", "700", 700)],
        [relation("a", "part_of", "a", "whole"), relation("rest", "part_of", "rest", "whole")],
    )
    write(
        articles,
        "list-open",
        "Of the 1,000 patients, 700 were over 65 and 600 had diabetes.",
        [count("whole", "1,000", 1000), count("a", "700", 700), count("b", "600", 600)],
        [relation("a", "part_of", "a", "whole"), relation("b", "part_of", "b", "whole")],
    )
    write(
        articles,
        "uncurated",
        "A data breach exposed the records of 1.8 million customers. About 1.1 million of them, "
        "or 72 percent, had Social Security numbers stolen. Of the 420 applications, 248 were "
        "licensed, 62 were declined and the remaining 130 are under review.",
    )
    write(
        articles,
        "gapped-list",
        "Allotment waiting lists have grown to 2,940 names. Of those waiting, 1,310 have been on "
        "the list for more than five years, 1,050 for between two and five years and 720 for "
        "less than two years.",
    )
    write(
        articles,
        "share-of-them",
        "Of the 1,500 adults polled, 690 had deleted every app, and one in four of them, 240, "
        "had returned within a month.",
    )
    write(
        articles,
        "subgroup",
        "Half of British adults have used a delivery app, according to a poll of 3,000 people "
        "for the firm. Among the 620 respondents aged 18 to 24, the share rose to 85 per cent, "
        "or 527 people.",
    )
    with dg.instance_for_test() as instance:
        result = materialize_in_process(instance, articles, folder / "w.duckdb")
    return result, folder / "w.duckdb"


def metrics(duckdb_path: Path, metric: str) -> dict[str, tuple]:
    rows = read_warehouse(
        duckdb_path,
        "SELECT article_id, value, severity, computation, input_figure_ids FROM derived_metrics "
        "WHERE metric = ? ORDER BY metric_id",
        [metric],
    )
    return {row[0]: row[1:] for row in rows}


def test_a_share_beside_its_part_is_compared_with_part_over_whole(warehouse):
    result, duckdb_path = warehouse
    found = metrics(duckdb_path, "share_part_agreement")
    value, severity, computation, inputs = found["share-disagrees"]
    assert value == pytest.approx(0.72 / (1100 / 1800))
    assert severity == "error"
    assert computation.startswith("1,100 / 1,800 = 0.6111 implied, 0.72 stated")
    assert inputs == ["part", "share", "whole"]
    assert found["share-agrees"][1] == "ok"  # 1,843 / 4,690 = 0.393: "39 per cent" rounds it
    check = outcomes(result)["derived_metrics", "shares_agree_with_their_parts"]
    assert not check.passed
    assert "share-disagrees/part+share" in check.metadata["failing_items"].value


def test_a_share_and_a_part_apart_in_the_text_are_not_compared(warehouse):
    _, duckdb_path = warehouse
    assert "share-apart" not in metrics(duckdb_path, "share_part_agreement")


def test_a_list_closed_by_the_remaining_that_exceeds_its_whole_is_an_error(warehouse):
    _, duckdb_path = warehouse
    found = metrics(duckdb_path, "sum_of_parts")
    value, severity, computation, inputs = found["list-exceeds"]
    assert value == pytest.approx(1684 / 1624)
    assert severity == "error"
    assert computation.startswith("749 + 385 + 343 + 207 = 1,684, whole 1,624")
    assert inputs == ["a", "b", "c", "rest", "whole"]


def test_a_list_short_of_its_whole_or_open_is_not_judged_wrong(warehouse):
    _, duckdb_path = warehouse
    found = metrics(duckdb_path, "sum_of_parts")
    assert found["list-short"][1] == "ok"  # 1,449 of 1,624: parts may be given elsewhere
    assert "list-open" not in found  # no "remaining": the parts may overlap


def test_a_share_and_its_part_after_of_them_are_compared(warehouse):
    """'one in four of them, 240': side by side after 'of them', 240 / 690 = 0.35, not 0.25."""
    _, duckdb_path = warehouse
    value, severity, computation, _ = metrics(duckdb_path, "share_part_agreement")["share-of-them"]
    assert severity != "ok"
    assert computation.startswith("240 / 690 = 0.3478 implied, 0.25 stated")


PARTS = ("1,310", "1,050", "720")


def test_parts_listed_with_one_verb_for_all_are_added_up_with_no_remaining(warehouse):
    """'1,310 have been ..., 1,050 for ... and 720 for ...': one verb, parts of one kind, which
    may not add up past their whole (3,080 of 2,940); unlike '700 were over 65 and 600 had
    diabetes' (list-open), where each part has a verb of its own."""
    _, duckdb_path = warehouse
    value, severity, computation, _ = metrics(duckdb_path, "sum_of_parts")["gapped-list"]
    assert value == pytest.approx(3080 / 2940)
    assert severity != "ok"
    assert computation.startswith("1,310 + 1,050 + 720 = 3,080, whole 2,940")
    caveat = read_warehouse(
        duckdb_path,
        "SELECT caveat FROM derived_metrics WHERE article_id = 'gapped-list' "
        "AND metric = 'sum_of_parts'",
    )[0][0]
    assert all(f"review that '{part}' is a part of '2,940'" in caveat for part in PARTS)


def test_both_checks_judge_articles_nobody_curated(warehouse):
    _, duckdb_path = warehouse
    shares = metrics(duckdb_path, "share_part_agreement")["uncurated"]
    assert shares[1] != "ok"  # 1.1 million of 1.8 million is 61 percent, not 72
    listed = metrics(duckdb_path, "sum_of_parts")["uncurated"]
    assert listed[1] == "error"  # 248 + 62 + 130 = 440 of 420
    caveat = read_warehouse(
        duckdb_path,
        "SELECT caveat FROM derived_metrics WHERE article_id = 'uncurated' "
        "AND metric = 'sum_of_parts'",
    )[0][0]
    assert "found by the machine" in caveat


def test_a_found_share_and_part_that_imply_another_figure_of_the_text_are_not_judged(warehouse):
    """527 / 0.85 = 620, the respondents aged 18 to 24: if the machine takes the 3,000 polled
    for their whole, the whole is wrong, not the text."""
    _, duckdb_path = warehouse
    found = read_warehouse(
        duckdb_path,
        "SELECT count(*) FROM derived_metrics WHERE article_id = 'subgroup' "
        "AND metric = 'share_part_agreement' AND severity <> 'ok'",
    )
    assert found == [(0,)]
