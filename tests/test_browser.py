"""Browser tests: the Dagster UI (lineage with check badges, the checks tab) and the HTML quality
report, in Debian's chromium driven by Playwright's sync API (no Playwright browser download).

Screenshots go to a pytest temp folder; with SAVE_SCREENSHOTS=docs they are also copied to docs/
(docs/lineage.png is the README's).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import pytest
from conftest import (
    ROOT,
    SEED,
    DagsterDev,
    copy_articles,
    dagster_dev_started,
    dagster_home,
    graphql,
    materialize_in_process,
    read_warehouse,
)
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    expect,
    sync_playwright,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
RUNS = 2  # pipeline runs before the pages are opened (one in-process, one from the UI's
# Materialize all), so that histories have more than one entry
UI_TIMEOUT_MS = 30_000  # the Dagster UI fetches its data after the page loads
LINEAGE_ASSETS = ("articles", "figures", "relations", "derived_metrics")  # upstream of metrics
ALL_ASSETS = (
    "article_batches", "sources", "articles", "figures", "non_figures", "relations", "mentions",
    "reference_tables", "reference_values", "derived_metrics", "reference_matches",
    "measure_proposals", "published_warehouse", "quality_report",
)  # fmt: skip
GROUPS = ("sources", "curation", "reference", "metrics", "warehouse")
# The global asset graph (Lineage in the side bar) with its groups open, as the README links it
ASSET_GRAPH = "/asset-groups?expanded=" + ",".join(f"global@global:{group}" for group in GROUPS)
UI_RUN_SECONDS = 120  # a guard: the backfill Materialize all once started took 3 minutes
LAPTOP = {"width": 1280, "height": 900}
# The lineage graph draws full asset nodes (check badges included) only above some zoom level,
# which it picks to fit the graph in the viewport; 1600x900 fits the upstream of derived_metrics
# (five nodes) at full detail. If it ever does not, the test zooms in.
LINEAGE_VIEWPORT = {"width": 1600, "height": 900}
PHONE = {"width": 390, "height": 844}
CONTRADICTED_FIGURES = {"twice_as_many", "increase_116_percent"}  # x2.16 against x2.00
HOLDING_FIGURES = {"doubled", "departures_standfirst", "departures", "already_joined", "women"}
UNCHECKED_FIGURES = {"returnees", "returnees_increase", "networks_dismantled", "converts_share"}


# Module scope, and asked for after `pipeline`: Playwright's event loop, once started, makes the
# in-process Dagster runs warn (un-awaited shutdown_asyncgens). The fixtures of this module come
# in that order: dagster_server, first_run (the in-process run), browser.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. Install it with "
            "`apt-get install chromium` (as root; .ci/run does this in CI).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshot(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Save a screenshot of a page under a name, in the temp folder and, with
    SAVE_SCREENSHOTS=docs, in docs/ too."""
    folder = tmp_path_factory.mktemp("screenshots")

    def save(page: Page, name: str, **options) -> Path:
        path = folder / name
        page.screenshot(path=path, **options)
        if os.environ.get("SAVE_SCREENSHOTS") == "docs":
            shutil.copyfile(path, ROOT / "docs" / name)
        return path

    return save


@dataclass(frozen=True)
class Workspace:
    """Where the pipeline reads and writes, the Dagster instance that keeps its runs (in
    DAGSTER_HOME, so that `dagster dev` shows them), and the runs made so far."""

    folder: Path
    dagster_home: Path
    articles_dir: Path
    duckdb_path: Path
    instance: dg.DagsterInstance
    run_ids: list[str] = field(default_factory=list)

    @property
    def report_path(self) -> Path:
        return self.duckdb_path.parent / "report.html"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DAGSTER_HOME": str(self.dagster_home),
            "ETL_ARTICLES_DIR": str(self.articles_dir),
            "ETL_DUCKDB_PATH": str(self.duckdb_path),
        }

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        return read_warehouse(self.duckdb_path, sql, params)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    folder = tmp_path_factory.mktemp("pipeline")
    home = dagster_home(folder)
    # The instance `dagster dev` will open, from the same dagster.yaml, its storage created here
    # before `dagster dev` starts.
    with dg.DagsterInstance.from_config(str(home)) as instance:
        instance.get_runs(limit=1)
        yield Workspace(
            folder, home, copy_articles(folder), folder / "warehouse" / "figures.duckdb", instance
        )


@pytest.fixture(scope="module")
def first_run(workspace: Workspace) -> Workspace:
    """The workspace once the pipeline has run in-process, as `python -m etl materialize` runs it
    (before the browser starts: see `browser`)."""
    result = materialize_in_process(
        workspace.instance, workspace.articles_dir, workspace.duckdb_path
    )
    failures = [
        f"{event.step_key}: {event.step_failure_data.error.message.strip()}"
        for event in result.all_events
        if event.is_step_failure
    ]
    assert result.success, f"the pipeline failed: {failures}"
    workspace.run_ids.append(result.run_id)
    return workspace


@dataclass(frozen=True)
class UiRun:
    """The run Materialize all started from the asset graph, and the seconds from the click to
    its success."""

    run_id: str
    seconds: float


def runs_of(port: int) -> dict[str, dict]:
    """Every run the webserver knows, by id: its job, status and tags."""
    found = graphql(
        port,
        "{ runsOrError { ... on Runs { results { runId jobName status tags { key value } } } } }",
    )
    return {run["runId"]: run for run in found["runsOrError"]["results"]}


@pytest.fixture(scope="module")
def ui_run(
    dagster_server: DagsterDev,
    first_run: Workspace,
    browser: Browser,
    screenshot: Callable[..., Path],
) -> UiRun:
    """Materialize all, clicked on the asset graph as the README says (confirmed once if the UI
    asks), once the run it started succeeded."""
    port = dagster_server.wait_until_ready()
    assert graphql(port, "mutation { setNuxSeen }")["setNuxSeen"] is True  # no popup
    before = set(runs_of(port))
    context = browser.new_context(viewport=LINEAGE_VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}{ASSET_GRAPH}")
        nodes = page.locator('svg foreignObject [class*="AssetNode_assetName"]')
        expect(nodes).to_have_count(len(ALL_ASSETS), timeout=UI_TIMEOUT_MS)  # the groups open
        button = page.get_by_role("button", name="Materialize all")
        expect(button).to_be_enabled(timeout=UI_TIMEOUT_MS)
        started = time.monotonic()
        button.click()
        dialog = page.get_by_role("dialog")
        while not set(runs_of(port)) - before:
            if dialog.count():  # one confirmation at most: launch from it
                dialog.get_by_role("button", name=re.compile("Launch|Materialize")).click()
                expect(dialog).to_have_count(0)
            assert time.monotonic() - started < UI_TIMEOUT_MS / 1000, "no run was launched"
            page.wait_for_timeout(250)
        [run_id] = set(runs_of(port)) - before
        while (status := runs_of(port)[run_id]["status"]) not in {"SUCCESS", "FAILURE", "CANCELED"}:
            page.wait_for_timeout(250)
        seconds = time.monotonic() - started
        screenshot(page, "materialize-all.png")
    finally:
        context.close()
    messages = [entry.user_message for entry in first_run.instance.all_logs(run_id)]
    assert status == "SUCCESS", "the run from the UI failed:\n" + "\n".join(messages[-20:])
    first_run.run_ids.append(run_id)
    print(f"\nMaterialize all from the UI: run {run_id} succeeded {seconds:.1f} s after the click")
    return UiRun(run_id, seconds)


@pytest.fixture(scope="module")
def pipeline(first_run: Workspace, ui_run: UiRun) -> Workspace:
    """The workspace once the pipeline has run RUNS times: in-process, then from the UI."""
    assert first_run.run_ids[-1] == ui_run.run_id and len(first_run.run_ids) == RUNS
    return first_run


@pytest.fixture(scope="module")
def dagster_server(workspace: Workspace) -> Iterator[DagsterDev]:
    """`dagster dev` on the workspace's instance, started (asked for before `pipeline`, it boots
    while the pipeline runs). Not in the repository root: `dagster dev` there would load the
    root's .env, whose DAGSTER_HOME wins over the workspace's."""
    with dagster_dev_started(
        workspace.env(), ["-m", "etl.definitions"], cwd=workspace.folder
    ) as server:
        yield server


def check_outcomes(pipeline: Workspace, asset: str) -> dict[str, int]:
    """How many checks of an asset passed, warned and failed in the latest run."""
    return dict(
        pipeline.query(
            "SELECT status, count(*) FROM check_history WHERE run_id = ? AND asset = ? "
            "GROUP BY status",
            [pipeline.run_ids[-1], asset],
        )
    )


# The Dagster UI --------------------------------------------------------------------------------


def test_dagster_ui_draws_the_lineage_with_check_badges_and_lists_the_checks(
    dagster_server, pipeline, browser, screenshot
):
    port = dagster_server.wait_until_ready()
    assert graphql(port, "mutation { setNuxSeen }")["setNuxSeen"] is True  # no popup
    runs = graphql(port, "{ runsOrError { ... on Runs { results { runId status } } } }")
    assert {(r["runId"], r["status"]) for r in runs["runsOrError"]["results"]} == {
        (run_id, "SUCCESS") for run_id in pipeline.run_ids
    }
    context = browser.new_context(viewport=LINEAGE_VIEWPORT)
    try:
        page = context.new_page()
        ui = f"http://127.0.0.1:{port}"

        page.goto(f"{ui}/assets/derived_metrics?view=lineage&lineageScope=upstream&lineageDepth=5")
        graph = page.locator("svg foreignObject")  # the nodes are HTML inside the SVG graph
        for asset in LINEAGE_ASSETS:
            expect(graph.get_by_text(asset, exact=True)).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(graph.get_by_text("published_warehouse", exact=True)).to_have_count(0)
        # Zoomed out, nodes show only their names; full nodes have rows (Latest event, Asset
        # checks, ...).
        for _ in range(6):
            if graph.get_by_text("Asset checks", exact=True).count():
                break
            page.get_by_role("button", name="zoom_in").click()
            page.wait_for_timeout(300)
        # A full node's "Asset checks" row links to its checks tab and reads "n / m Passed",
        # with an icon: "done" when all passed, "warning_outline" when one warned. A check that
        # judged nothing passes in Dagster (its description says so).
        for asset in LINEAGE_ASSETS:
            outcomes = check_outcomes(pipeline, asset)
            fine = {"passed", "judged nothing"}
            passed = sum(n for status, n in outcomes.items() if status in fine)
            evaluated = sum(outcomes.values())
            badge = graph.locator(f'a[href="/assets/{asset}?view=checks"]')
            expect(badge).to_have_text(f"{passed} / {evaluated} Passed", timeout=UI_TIMEOUT_MS)
            icon = {(): "done", ("warned",): "warning_outline"}.get(
                tuple(sorted(set(outcomes) - fine))
            )
            if icon:
                expect(badge.locator(f'[role="img"][aria-label="{icon}"]')).to_be_visible()
        assert check_outcomes(pipeline, "derived_metrics").get("warned") == 1, (
            "change_statements_agree WARNs on the seed"
        )
        screenshot(page, "lineage.png")

        page.goto(f"{ui}/assets/derived_metrics?view=checks")
        listed = page.get_by_title("change_statements_agree", exact=True)
        expect(listed).to_be_visible(timeout=UI_TIMEOUT_MS)
        row = (
            page.locator("div")
            .filter(has=listed)
            .filter(has=page.locator('[role="img"][aria-label="warning_outline"]'))
            .last
        )
        expect(row).to_contain_text("Failed")  # the UI says Failed for a check that WARNs
        listed.click()
        expect(page.get_by_text("Twice as many", exact=False).first).to_be_visible()
        screenshot(page, "dagster-checks.png")
    finally:
        context.close()


def test_materialize_all_on_the_asset_graph_is_one_run_that_shows_the_failing_figures(
    dagster_server, ui_run, pipeline, browser
):
    port = dagster_server.wait_until_ready()
    run = runs_of(port)[ui_run.run_id]
    assert set(runs_of(port)) == set(pipeline.run_ids)  # one run from the click, no backfill
    tags = {tag["key"]: tag["value"] for tag in run["tags"]}
    assert not [key for key in tags if "partition" in key], tags
    starts = [e for e in pipeline.instance.all_logs(ui_run.run_id) if e.is_dagster_event]
    starts = [e.dagster_event for e in starts if e.dagster_event.is_step_start]
    assert {event.step_key for event in starts} == {
        "article_batches", "warehouse_tables", "reference_tables", "derived_metrics",
        "published_warehouse", "quality_report",
    }  # fmt: skip
    assert len({event.pid for event in starts}) == 1  # every step in the run's one process
    assert ui_run.seconds < UI_RUN_SECONDS

    context = browser.new_context(viewport=LAPTOP)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/assets/derived_metrics?view=checks")
        page.get_by_title("change_statements_agree", exact=True).click()
        latest = page.get_by_text("1 failing:", exact=False).first
        expect(latest).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(latest).to_contain_text("'Twice as many' and '116 percent'")
        page.goto(f"http://127.0.0.1:{port}/assets/figures?view=checks")
        expect(page.get_by_title("figures_match_schema", exact=True)).to_be_visible(
            timeout=UI_TIMEOUT_MS
        )
        expect(page.get_by_text("Execution failed")).to_have_count(0)
        assert page.get_by_text("Succeeded", exact=True).count() >= 10  # each of its checks
    finally:
        context.close()


# The HTML quality report ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(pipeline: Workspace) -> str:
    """The report's file:// URL."""
    path = pipeline.report_path
    assert path.is_file(), f"the pipeline wrote no report at {path}"
    return path.as_uri()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=LAPTOP)
    yield context
    context.close()


def open_report(context: BrowserContext, report: str) -> tuple[Page, list[str]]:
    """A page on the report, and the URLs of every request it made (kept up to date)."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report)
    return page, requests


def own_text(locator: Locator) -> str:
    """The text of an element without that of its status icon and tooltip, spaces collapsed."""
    text = locator.evaluate(
        """element => {
            const copy = element.cloneNode(true);
            copy.querySelectorAll('.status-icon, [role="tooltip"]').forEach(e => e.remove());
            return copy.textContent;
        }"""
    )
    return " ".join(text.split())


def test_report_is_self_contained_and_counts_what_the_run_did(
    report, pipeline, context, screenshot
):
    page, requests = open_report(context, report)
    page.wait_for_load_state("networkidle")
    assert requests and all(url.startswith(("file:", "data:")) for url in requests), requests

    overview = page.locator("#overview")
    passed = pipeline.query(
        "SELECT count(*) FROM check_history WHERE run_id = ? AND status = 'passed'",
        [pipeline.run_ids[-1]],
    )[0][0]
    expected = {
        "articles": 1,
        "figures": 11,
        "derived_metrics": 11,
        "checks_passed": passed,
        # one article, no reference table: no pair of sources, no stated baseline, no
        # reference row, no proposal across articles, no share beside its part, no list closed
        # by "the remaining"
        "checks_judged_nothing": 9,
        "checks_warned": 1,
        "figures_holds": len(HOLDING_FIGURES),
        "figures_contradicted": len(CONTRADICTED_FIGURES),
        "figures_unchecked": len(UNCHECKED_FIGURES),
        "checks_failed": 0,
    }
    shown = {
        name: overview.locator(f'[data-count="{name}"]').inner_text().strip() for name in expected
    }
    assert shown == {name: str(n) for name, n in expected.items()}

    runs = pipeline.query("SELECT count(DISTINCT run_id) FROM check_history")[0][0]
    assert runs == RUNS
    expect(page.locator("svg#trend g.run")).to_have_count(runs)
    screenshot(page, "report.png", full_page=True)


def test_report_marks_each_figure_in_its_article_with_its_status(report, pipeline, context):
    page, _ = open_report(context, report)
    body = page.locator(f"article#article-{SEED} .body")
    marks = body.locator("mark.figure")
    expect(marks).to_have_count(len(CONTRADICTED_FIGURES | HOLDING_FIGURES | UNCHECKED_FIGURES))
    quotes = dict(
        pipeline.query("SELECT figure_id, quote FROM figures WHERE article_id = ?", [SEED])
    )
    statuses = {}
    for mark in marks.all():
        figure_id = mark.get_attribute("data-figure-id")
        statuses[figure_id] = mark.get_attribute("data-status")
        assert mark.get_attribute("id") == f"fig-{SEED}-{figure_id}"
        assert mark.get_attribute("tabindex") == "0"
        assert own_text(mark) == " ".join(quotes[figure_id].split())
        # status in text too, not by colour alone (the tooltip, hidden, has its own icons)
        icon = mark.locator(".status-icon").filter(visible=True)
        expect(icon).to_have_count(1)
        assert icon.inner_text().strip()
    assert statuses == (
        {f: "contradicted" for f in CONTRADICTED_FIGURES}
        | {f: "holds" for f in HOLDING_FIGURES}
        | {f: "unchecked" for f in UNCHECKED_FIGURES}
    )
    for figure_id, quote in [
        ("increase_116_percent", "116 percent"),
        ("already_joined", "Four hundred"),
        ("converts_share", "one fifth"),
    ]:
        assert own_text(body.locator(f"#fig-{SEED}-{figure_id}")) == quote


def test_report_tooltips_show_on_hover_and_on_focus(report, context, screenshot):
    page, _ = open_report(context, report)
    tooltips = page.locator(f"article#article-{SEED} .body mark.figure [role='tooltip']")
    for index in range(tooltips.count()):
        expect(tooltips.nth(index)).to_be_hidden()

    mark = page.locator(f"#fig-{SEED}-increase_116_percent")
    tooltip = mark.locator("[role='tooltip']")
    mark.hover()
    expect(tooltip).to_be_visible()
    for text in ("116", "change_statements_agree", "warned"):
        expect(tooltip).to_contain_text(text)
    screenshot(page, "report-hover.png")

    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    other = page.locator(f"#fig-{SEED}-converts_share")
    other.focus()  # keyboard users see it too
    expect(other.locator("[role='tooltip']")).to_be_visible()
    expect(tooltip).to_be_hidden()


def test_report_lists_derived_metrics_with_their_findings_and_inputs(report, context):
    page, _ = open_report(context, report)
    rows = page.locator("section#derived-metrics tr.metric")
    expect(rows).to_have_count(11)
    change = rows.filter(has_text="change_agreement")
    expect(change).to_have_count(1)
    expect(change).to_contain_text("2.16")
    expect(change).to_contain_text("warn")
    expect(rows.filter(has_text="implied_count")).to_contain_text("ambiguous base")
    for row in rows.all():
        links = row.locator('a[href^="#fig-"]')
        assert links.count() >= 1, row.inner_text()
        for href in [link.get_attribute("href") for link in links.all()]:
            expect(page.locator(href)).to_have_count(1)  # the link lands on a marked figure


def test_report_lists_each_check_with_its_failing_rows_and_history(report, pipeline, context):
    page, _ = open_report(context, report)
    checks = page.locator("section#checks .check")
    evaluations = dict(
        pipeline.query("SELECT check_name, count(DISTINCT run_id) FROM check_history GROUP BY 1")
    )
    (asset_checks,) = pipeline.query(
        "SELECT count(DISTINCT (asset, check_name)) FROM check_history"
    )[0]
    expect(checks).to_have_count(asset_checks)  # a check name may recur on several assets
    for check in checks.all():
        name = check.get_attribute("data-check")
        assert check.get_attribute("data-status") in {
            "passed", "judged nothing", "warned", "failed"
        }, name  # fmt: skip
        expect(check.locator("ol.history li")).to_have_count(evaluations[name])

    agree = page.locator('section#checks .check[data-check="change_statements_agree"]')
    expect(agree).to_have_attribute("data-status", "warned")
    failing = agree.locator("table")
    # the article by its title, and what the row leaves its figure
    expect(failing).to_contain_text("Number of French Jihadist Recruits has Doubled Since 2013")
    expect(failing).to_contain_text("contradicted")
    expect(failing).to_contain_text(re.compile("Twice as many|116 percent"))


def test_report_fits_a_phone_screen(report, context, screenshot):
    page, _ = open_report(context, report)
    page.set_viewport_size(PHONE)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"scrolls sideways: {widths[0]} px wide in {widths[1]} px"
    for mark in page.locator("mark.figure").all():  # a figure's details stay on the screen
        mark.focus()
        box = mark.locator('[role="tooltip"]').bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    screenshot(page, "report-phone.png")


def test_report_filters_by_verdict_article_and_outlet(report, context):
    page, _ = open_report(context, report)
    articles = page.locator("article.article")
    expect(page.locator("#filters")).to_be_visible()  # shown by its script
    page.select_option("#filter-verdict", "held_back")  # the seed holds none back
    expect(articles.filter(visible=True)).to_have_count(0)
    expect(page.locator("#filter-said")).to_have_text("0 article(s) shown")
    page.select_option("#filter-verdict", "contradicted")
    expect(articles.filter(visible=True)).to_have_count(1)
    dimmed = page.locator(f"article#article-{SEED} mark.dimmed")
    expect(dimmed).to_have_count(len(HOLDING_FIGURES | UNCHECKED_FIGURES))
    rows = page.locator("section#sources tr.filterable")
    expect(rows.filter(visible=True)).to_have_count(len(CONTRADICTED_FIGURES))
    page.select_option("#filter-verdict", "")
    page.select_option("#filter-outlet", "VICE News")
    expect(articles.filter(visible=True)).to_have_count(1)
    expect(page.locator("mark.dimmed")).to_have_count(0)
