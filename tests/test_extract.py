"""The extractor on every form the issue lists, its command line, and its place in the pipeline."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import SEED, described

from core.extract import extract

ROOT = Path(__file__).resolve().parents[1]


def only(text: str):
    figures = [m for m in extract(text) if m.is_figure]
    assert len(figures) == 1, f"expected one figure in {text!r}, found {figures}"
    return figures[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "kind", "qualifier"),
    [
        ("Unemployment stood at 1,200 people.", "1,200", 1200, "count", "exact"),
        ("Its debt reached 11.2 million euros.", "11.2 million euros", 11.2e6, "money", "exact"),
        ("The claimant count is 1.33m.", "1.33m", 1.33e6, "count", "exact"),
        ("The deal was worth $4.5bn.", "$4.5bn", 4.5e9, "money", "exact"),
        ("Four hundred of them left.", "Four hundred", 400, "count", "exact"),
        ("He waited twenty-five days.", "twenty-five", 25, "count", "exact"),
        ("It costs half a million.", "half a million", 5e5, "count", "exact"),
        ("They bought a dozen eggs.", "a dozen", 12, "count", "exact"),
        ("One fifth of all recruits.", "One fifth", 0.2, "ratio", "exact"),
        ("A third of the budget.", "A third", 1 / 3, "ratio", "exact"),
        ("Two-thirds of MPs agreed.", "Two-thirds", 2 / 3, "ratio", "exact"),
        ("It hits 1 in 5 adults.", "1 in 5", 0.2, "ratio", "exact"),
        ("It hits one in five children.", "one in five", 0.2, "ratio", "exact"),
        ("A rate of 42 per million.", "42 per million", 42e-6, "ratio", "exact"),
        ("A 116 percent increase.", "116 percent", 116, "percent", "exact"),
        ("Growth of 3.5% a year.", "3.5%", 3.5, "percent", "exact"),
        ("Turnout was 13.6 per cent.", "13.6 per cent", 13.6, "percent", "exact"),
        ("Up 5 percentage points.", "5 percentage points", 5, "percent", "exact"),
        ("Twice as many joined.", "Twice", 2, "multiplier", "exact"),
        ("The number has doubled.", "doubled", 2, "multiplier", "exact"),
        ("Prices tripled.", "tripled", 3, "multiplier", "exact"),
        ("Enrolments trebled.", "trebled", 3, "multiplier", "exact"),
        ("It grew four times faster.", "four times", 4, "multiplier", "exact"),
        ("Costs were halved.", "halved", 0.5, "multiplier", "exact"),
        ("Sales rose fivefold.", "fivefold", 5, "multiplier", "exact"),
        ("Exports were up 104 percent.", "104 percent", 104, "percent", "exact"),
        ("Payrolls fell by 31,000.", "31,000", 31000, "count", "exact"),
        ("Some 1,200 French nationals left.", "Some 1,200", 1200, "count", "approx"),
        ("About 40 people.", "About 40", 40, "count", "approx"),
        ("Around 50 homes.", "Around 50", 50, "count", "approx"),
        ("Roughly 60 firms.", "Roughly 60", 60, "count", "approx"),
        ("Nearly 70 boats.", "Nearly 70", 70, "count", "approx"),
        ("Almost 80 cars.", "Almost 80", 80, "count", "approx"),
        ("An estimated 90 deaths.", "An estimated 90", 90, "count", "approx"),
        ("The abbey housed c. 95 monks.", "c. 95", 95, "count", "approx"),
        ("No more than 105 guests.", "No more than 105", 105, "count", "at_most"),
        ("At least 100 women left.", "At least 100", 100, "count", "at_least"),
        ("More than 110 staff.", "More than 110", 110, "count", "more_than"),
        ("Over 120 flights.", "Over 120", 120, "count", "more_than"),
        ("Upwards of 130 lorries.", "Upwards of 130", 130, "count", "more_than"),
        ("Up to 140 seats.", "Up to 140", 140, "count", "at_most"),
        ("As many as 150 troops.", "As many as 150", 150, "count", "at_most"),
        ("At most 160 places.", "At most 160", 160, "count", "at_most"),
        ("Fewer than 170 votes.", "Fewer than 170", 170, "count", "less_than"),
        ("Less than 180 tonnes.", "Less than 180", 180, "other", "less_than"),  # a mass
        ("Under 190 pupils.", "Under 190", 190, "count", "less_than"),
        ("Nearly half of voters.", "Nearly half", 0.5, "ratio", "approx"),
        ("Sales nearly doubled.", "nearly doubled", 2, "multiplier", "approx"),
    ],
)
def test_reads_each_form(text, span, value, kind, qualifier):
    mention = only(text)
    assert (mention.text, mention.kind, mention.qualifier) == (span, kind, qualifier)
    assert mention.value == pytest.approx(value)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "span", "lower", "upper"),
    [
        ("Between 20 and 30 people.", "Between 20 and 30", 20, 30),
        ("A rise of 15 to 20 percent.", "15 to 20 percent", 15, 20),
        ("Some 2,000-2,500 homes.", "Some 2,000-2,500", 2000, 2500),
        ("Some 3 to 4 million people.", "3 to 4 million", 3e6, 4e6),
    ],
)
def test_reads_a_range_as_one_figure_with_two_bounds(text, span, lower, upper):
    mention = only(text)
    assert span in mention.text
    assert (mention.lower, mention.upper) == (lower, upper)
    assert mention.value == (lower + upper) / 2


@pytest.mark.parametrize(
    ("text", "value"),
    [("Hundreds of people fled.", 200), ("Dozens of homes.", 24), ("Thousands marched.", 2000)],
)
def test_reads_vague_amounts_as_lower_bounds(text, value):
    mention = only(text)
    assert (mention.value, mention.qualifier, mention.lower, mention.upper) == (
        value,
        "at_least",
        value,
        math.inf,
    )


@pytest.mark.parametrize(
    "text",
    [
        "One of the first to arrive.",
        "English is her first language.",
        "He holds double citizenship.",
        "The iPhone 15, the Boeing 737, COVID-19, the G7, Windows 11, an F-16 and an A380.",
        "The team won 3-2.",
        "Open 24/7.",
        "Call 020 7946 0958.",
        "The bill passed 9 votes to 4.",
        "No one came; the two sides met.",
        "Sales rose in the first half of 2021 and fell in the second half.",
    ],
)
def test_words_that_only_look_numeric_are_no_figures(text):
    assert [m for m in extract(text) if m.is_figure] == []


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ("It began in 2014.", "2014", "year"),
        ("On December 17, the minister spoke.", "17", "date"),
        ("Published 2014-12-18.", "2014-12-18", "date"),
        ("At 10:30 a.m. the polls opened.", "10:30 a.m.", "date"),
        ("Their 3rd report.", "3rd", "ordinal"),
        ("On Nov. 19 it fell.", "19", "date"),
    ],
)
def test_years_dates_times_and_ordinals_are_classified_not_counted(text, span, kind):
    [mention] = extract(text)
    assert (mention.text, mention.kind, mention.is_figure) == (span, kind, False)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The agency said on Monday. 190 turbines were approved.", "190", 190),  # not a name
        ("It ran to November. 193 libraries closed.", "193", 193),  # not a date
        ("They came by the hundreds of", "hundreds", 200),  # a vague amount ends the text
        ("Turnout by region\n190 stations reported.", "190", 190),  # a line break is no glue
    ],
)
def test_a_number_after_a_full_stop_or_line_break_starts_anew(text, span, value):
    mention = only(text)
    assert (mention.text, mention.value, mention.kind) == (span, value, "count")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("470 jobs went over ", "470"),  # no hedge read from the end of the text
        ("12 people left Boeing", "12"),  # no name read from the end of the text
        ("some 12", "some 12"),  # the hedge starts the text
    ],
)
def test_a_number_at_the_start_of_the_text_reads_nothing_before_it(text, span):
    mention = extract(text)[0]
    assert (mention.text, mention.start) == (span, 0)


@pytest.mark.parametrize("text", ["5 per 0 people", "5 per 0,000 people", "1 in 0"])
def test_a_rate_over_zero_is_no_rate_but_its_numbers_are_read(text):
    mentions = extract(text)
    assert mentions[0].text == text.split()[0] and mentions[0].kind == "count"
    assert all(mention.kind != "ratio" for mention in mentions)


def test_the_end_of_a_year_range_is_a_year():
    assert [(m.text, m.kind) for m in extract("the 2020-21 season")] == [
        ("2020", "year"),
        ("21", "year"),
    ]


def test_offsets_hold_on_every_text_of_the_corpus():
    corpus = yaml.safe_load((ROOT / "tests" / "corpus" / "dev.yaml").read_text())
    for document in corpus["documents"]:
        for mention in extract(document["text"]):
            assert document["text"][mention.start : mention.end] == mention.text
            assert mention.lower <= mention.value <= mention.upper


def test_command_prints_one_json_object_per_mention_with_file_offsets():
    path = ROOT / "data" / "articles" / f"{SEED}.md"
    output = subprocess.run(
        [sys.executable, "-m", "etl.extract", str(path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    rows = [json.loads(line) for line in output.splitlines()]
    text = path.read_text(encoding="utf-8")
    assert len(rows) == 16
    for row in rows:
        assert set(row) == {
            "start", "end", "text", "value", "kind", "unit", "qualifier", "lower", "upper",
        }  # fmt: skip
        assert text[row["start"] : row["end"]] == row["text"]
    women = next(row for row in rows if row["text"] == "At least 100")
    assert (women["value"], women["qualifier"], women["upper"]) == (100, "at_least", None)


def test_command_with_relations_adds_one_line_per_relation_after_the_same_figure_lines():
    path = ROOT / "data" / "articles" / f"{SEED}.md"

    def run(*flags: str) -> list[str]:
        return subprocess.run(
            [sys.executable, "-m", "etl.extract", *flags, str(path)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        ).stdout.splitlines()  # fmt: skip

    figures, lines = run(), run("--relations")
    assert lines[: len(figures)] == figures  # the figure lines are unchanged
    relations = [json.loads(line) for line in lines[len(figures) :]]
    text = path.read_text(encoding="utf-8")
    quoted = {
        (r["relation"], text[slice(*r["subject"])], text[slice(*r["object"])], r["rule"])
        for r in relations
    }
    assert ("part_of", "Four hundred", "some 1,200", "of_them") in quoted
    assert ("percent_change", "50 percent", "234", "has_risen_by") in quoted
    for relation in relations:
        assert set(relation) == {"relation", "subject", "object", "cue", "rule", "baseline"}
        assert relation["cue"] in text
    [twice] = [r for r in relations if text[slice(*r["subject"])] == "Twice"]
    [change] = [r for r in relations if text[slice(*r["subject"])] == "116 percent"]
    assert twice["object"] == change["object"] and change["baseline"] is None


def test_relation_lines_give_a_stated_baseline_with_file_offsets(tmp_path):
    front = "---\ntitle: Libraries\noutlet: Test\npublished: '2024'\nlanguage: en\n---\n"
    path = tmp_path / "libraries.md"
    path.write_text(front + "Spending doubled to $6 million from $2.5 million.\n", encoding="utf-8")
    output = subprocess.run(
        [sys.executable, "-m", "etl.extract", "--relations", str(path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    [relation] = [json.loads(line) for line in output.splitlines() if '"relation"' in line]
    text = path.read_text(encoding="utf-8")
    assert relation["relation"] == "multiple_of"
    assert [text[slice(*relation[key])] for key in ("subject", "object", "baseline")] == [
        "doubled", "$6 million", "$2.5 million",
    ]  # fmt: skip


def test_an_article_without_figures_file_gets_unreviewed_figures(articles_dir, run_pipeline, query):
    body = "Officials said some 300 people were evacuated, up 25 percent on 2019.\n"
    front = "---\ntitle: Floods\noutlet: Test Outlet\npublished: '2020'\nlanguage: en\n---\n"
    (articles_dir / "floods.md").write_text(front + body, encoding="utf-8")
    assert run_pipeline().success
    rows = query(
        "SELECT figure_id, quote, value, qualifier, reviewed FROM figures "
        "WHERE article_id = 'floods' ORDER BY start"
    )
    assert rows == [
        ("auto-15", "some 300", 300.0, "approx", False),
        ("auto-50", "25 percent", 25.0, "exact", False),
    ]
    statuses = query("SELECT text, status FROM mentions WHERE article_id = 'floods' ORDER BY start")
    assert statuses == [
        ("some 300", "unreviewed"),
        ("25 percent", "unreviewed"),
        ("2019", "classified"),
    ]


def test_a_figure_the_curator_missed_fails_the_coverage_check(articles_dir, run_pipeline):
    path = articles_dir / f"{SEED}.figures.yaml"
    document = yaml.safe_load(path.read_text())
    document["figures"] = [f for f in document["figures"] if f["id"] != "networks_dismantled"]
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    result = run_pipeline()
    [check] = [
        e
        for e in result.get_asset_check_evaluations()
        if e.check_name == "extracted_mentions_are_covered"
    ]
    assert not check.passed
    assert check.severity.value == "WARN"
    assert "'some 13'" in described(check) or "some 13" in described(check)
    assert "neither a curated figure nor listed under not_figures" in described(check)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Some 1\u00a0200 French nationals left.", "Some 1\u00a0200", 1200),
        ("About 1\u202f200\u202f000 people voted.", "About 1\u202f200\u202f000", 1_200_000),
        ("It paid $4\u00a0500 in fines.", "$4\u00a0500", 4500),
    ],
)
def test_a_no_break_space_between_digit_groups_is_a_thousands_separator(text, span, value):
    mention = only(text)
    assert (mention.text, mention.value) == (span, value)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Police arrested 2010 protesters on Friday.", "count"),
        ("The school hired 1900 teachers.", "count"),
        ("The army killed 1850 civilians.", "count"),
        ("In 2010 protesters marched again.", "year"),
        ("It was the 2010 election.", "year"),
        ("After the 2010 elections, turnout fell.", "year"),
        ("The 2010 organisers said so.", "year"),
        ("Since 2010 voters have changed.", "year"),
        ("In 2010\u00a0200 people were arrested.", "year"),  # a year, then no group of three
    ],
)
def test_a_number_before_people_is_a_count_unless_a_year_reads_there(text, kind):
    [mention, *_] = extract(text)
    assert (mention.value, mention.kind) == (float(mention.text), kind)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The state added 22 gigawatts of solar.", 22, "GW"),
        ("The state added 9.7 gigawatts of solar.", 9.7, "GW"),
        ("The harvest came in at 11.1m tonnes.", 11_100_000, "t"),
        ("Fires burned 1.58m hectares.", 1_580_000, "ha"),
        ("Wind supplied 28.4 terawatt hours.", 28.4, "TWh"),
        ("Loggers cleared 1,758 sq km of forest.", 1758, "km2"),
    ],
)
def test_a_number_in_a_physical_unit_written_out_is_a_measurement_in_that_unit(text, value, unit):
    mention = only(text)
    assert (mention.value, mention.kind, mention.unit) == (value, "other", unit)


@pytest.mark.parametrize(
    ("text", "span", "value", "kind", "unit"),
    [
        ("The state spends ₹2,340 crore on roads.", "₹2,340 crore", 23_400_000_000, "money", "INR"),
        ("The budget is ₹50.65 lakh crore.", "₹50.65 lakh crore", 50.65e12, "money", "INR"),
        ("Tickets cost Rs 450 each.", "Rs 450", 450, "money", "INR"),
        ("Exports earned KSh 91.4 billion.", "KSh 91.4 billion", 91.4e9, "money", "KES"),
        ("The fund paid out ₦3.1 billion.", "₦3.1 billion", 3.1e9, "money", "NGN"),
        ("The utility lost R12.6 billion.", "R12.6 billion", 12.6e9, "money", "ZAR"),
        ("Some 9.2 lakh candidates sat the test.", "Some 9.2 lakh", 920_000, "count", "candidates"),
        ("The firm now employs 2,18,500 people.", "2,18,500", 218_500, "count", "people"),
    ],
)
def test_reads_indian_scales_and_the_currencies_written_before_a_number(
    text, span, value, kind, unit
):
    mention = only(text)
    assert (mention.text, mention.kind, mention.unit) == (span, kind, unit)
    assert mention.value == pytest.approx(value)


def test_an_r_before_a_number_without_a_scale_is_a_name_not_rands():
    assert extract("Take the R12 towards the coast.") == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It took 900, double the 450 of 2020.", "double", 2),
        ("Costs hit $9m, triple the $3m planned.", "triple", 3),
        ("Fees reached ₦8 billion, double the ₦4 billion of 2021.", "double", 2),
    ],
)
def test_double_or_triple_before_the_amount_it_multiplies_is_a_multiplier(text, span, value):
    multipliers = [m for m in extract(text) if m.is_figure and m.kind == "multiplier"]
    assert [(m.text, m.value) for m in multipliers] == [(span, value)]


@pytest.mark.parametrize(
    "text",
    ["The new hall is double the size of the old one.", "He earns double the pay of 2019 staff."],
)
def test_double_before_no_amount_is_no_multiplier(text):
    assert not [m for m in extract(text) if m.is_figure and m.kind == "multiplier"]


def test_an_amount_of_money_per_units_is_a_price_not_a_rate():
    """'Rs 71,500 per 10 grams' is 71,500 rupees (for 10 grams), not a ratio of 7,150; '42 per
    million' stays a rate."""
    price = [m for m in extract("Gold ended at Rs 71,500 per 10 grams.") if m.is_figure][0]
    assert (price.text, price.value, price.kind, price.unit) == ("Rs 71,500", 71500, "money", "INR")
    rate = [m for m in extract("A rate of 42 per million.") if m.is_figure][0]
    assert (rate.kind, rate.value) == ("ratio", pytest.approx(42e-6))


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("Tea exports earned Sh12 billion last year.", "Sh12 billion", "KES"),
        ("The state collected N7.5 billion in levies.", "N7.5 billion", "NGN"),
    ],
)
def test_a_shilling_or_naira_letter_glued_to_a_number_before_a_scale_is_the_currency(
    text, span, unit
):
    mention = only(text)
    assert (mention.text, mention.kind, mention.unit) == (span, "money", unit)


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("Costs halved to NOK 120 million.", "NOK 120 million", "NOK"),
        ("The club paid CHF 30 million for him.", "CHF 30 million", "CHF"),
    ],
)
def test_an_iso_currency_code_before_a_number_is_its_currency(text, span, unit):
    money = [m for m in extract(text) if m.is_figure and m.kind == "money"]
    assert [(m.text, m.unit) for m in money] == [(span, unit)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("FIRS collects N12.37trn in 2023.", "N12.37trn", 12.37e12),
        ("Debt hit £2.6trn.", "£2.6trn", 2.6e12),
    ],
)
def test_trn_after_a_number_is_trillions(text, span, value):
    mention = only(text)
    assert (mention.text, mention.kind) == (span, "money")
    assert mention.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Afghans were about one and a half times as many.", "about one and a half times", 1.5),
        ("Premiums are two and a half times the average.", "two and a half times", 2.5),
    ],
)
def test_n_and_a_half_times_is_a_multiplier(text, span, value):
    mention = only(text)
    assert (mention.text, mention.kind, mention.value) == (span, "multiplier", value)


def test_n_and_a_half_with_no_times_is_no_multiplier():
    assert all(m.kind != "multiplier" for m in extract("The talks took one and a half hours."))


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [("Unions want N180,000 a month.", "N180,000", "NGN"), ("Rent is R18,000.", "R18,000", "ZAR")],
)
def test_a_naira_or_rand_letter_before_a_number_with_thousands_is_the_currency(text, span, unit):
    mention = only(text)
    assert (mention.text, mention.kind, mention.unit) == (span, "money", unit)


@pytest.mark.parametrize("text", ["Call NHS 111 for advice.", "Watch ABC 7 at noon."])
def test_three_capitals_before_a_number_that_are_no_currency_code_are_a_name(text):
    assert all(m.kind != "money" for m in extract(text))


@pytest.mark.parametrize("text", ["Flight N12 left at noon.", "Shop Sh5 sold out."])
def test_an_n_or_sh_before_a_number_without_a_scale_is_a_name_not_a_currency(text):
    assert all(m.kind != "money" for m in extract(text))


def test_a_hundred_or_more_times_with_no_comparison_after_counts_occasions():
    mention = only("Crews launched 1,180 times last year.")
    assert (mention.text, mention.kind, mention.unit) == ("1,180 times", "count", "times")


@pytest.mark.parametrize("text", ["It is 1,000 times more potent.", "It was 100 times the dose."])
def test_a_hundred_or_more_times_before_a_comparison_is_a_multiplier(text):
    assert only(text).kind == "multiplier"
