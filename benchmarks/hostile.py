"""The hostile input of benchmarks.same_warehouse: a copy of the sample articles plus broken
inputs, one per way an input can be held back (or flagged), so that nearly every check fails.

    make_hostile(sample, folder, outside)

writes into folder (which must not exist) a copy of the sample folder's files, then the files
of each case of CASES, taken from tests/test_hostile.py, tests/test_pipeline.py,
tests/test_measures.py and docs/bad-input.md. Each case has its own article
(named after the case, with a body of its own: no two bodies are alike but in the case that
makes them so) and figures file, so that no case hides another. The folder is the same on every
call: no randomness, no clock; every entry's times are set to TIMESTAMP_NS (links' own times
too), so `sources.modified_ns` and the size-and-time fingerprints compare equal between two
builds from copies that keep file times.

Four cases are not plain files: a symbolic link to `outside` (an absolute path outside the
folder, written there as a valid article that must never be read), a link to a file that does
not exist, a subfolder, and a sparse file one byte over the default ETL_MAX_FILE_BYTES (held
back from its size, never read: no setting needs to change).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

TIMESTAMP_NS = 1_700_000_000 * 10**9  # 2023-11-14 22:13:20 UTC: every entry's atime and mtime
DEFAULT_MAX_FILE_BYTES = 5_000_000  # core.parse's default ETL_MAX_FILE_BYTES


def article(case: str, body: str | None = None, published: str = "2024-03", **extra: str) -> str:
    """An article file: front matter, then a body whose first line names the case (so no two
    cases share a body), then the council's sentences (or body)."""
    front = {"title": f"Council adds bus routes ({case})", "outlet": "Example Gazette"}
    front |= {"published": published, "language": "en", **extra}
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    headline = f"Case {case.replace('-', ' ')}\n\n"
    return f"---\n{lines}---\n{headline}{COUNCIL if body is None else body}"


COUNCIL = (
    "The council will add 12 bus routes next year, and about 300 drivers will be hired.\n"
    "Fifty percent of the new routes will run at night.\n"
)
FIGURE = """  - id: {id}
    quote: {quote}
    value: {value}
    kind: {kind}
    unit: {unit}
    qualifier: {qualifier}
    measure:
      what: {what}
"""
ROUTES = {"id": "routes", "quote": "12 bus routes", "value": "12", "kind": "count",
          "unit": "routes", "qualifier": "exact", "what": "new bus routes"}  # fmt: skip
DRIVERS = {"id": "drivers", "quote": "about 300", "value": "300", "kind": "count",
           "unit": "drivers", "qualifier": "approx", "what": "drivers to be hired"}  # fmt: skip
NIGHT = {"id": "night_share", "quote": "Fifty percent", "value": "50", "kind": "percent",
         "unit": "percent", "qualifier": "exact", "what": "night routes"}  # fmt: skip
RELATION = """  - id: {id}
    type: {type}
    subject: {subject}
    object: {object}
"""
NIGHT_OF_ROUTES = {"id": "night_of_routes", "type": "share_of", "subject": "night_share",
                   "object": "routes"}  # fmt: skip


def with_(entry: dict, **changes: str) -> dict:
    return {**entry, **changes}


def figures_file(
    figures: tuple[dict, ...] = (ROUTES, DRIVERS, NIGHT),
    relations: tuple[dict, ...] = (NIGHT_OF_ROUTES,),
    tail: str = "",
) -> str:
    """A figures file of the council's figures (all of them, clean, by default), then tail."""
    text = "figures:\n" + "".join(FIGURE.format(**figure) for figure in figures)
    if relations:
        text += "relations:\n" + "".join(RELATION.format(**r) for r in relations)
    return text + tail


@dataclass(frozen=True)
class Case:
    """One way an input is held back or flagged: its name, the rule (or check) it should trip,
    and the files it writes (name: text, or bytes as they are)."""

    name: str
    rule: str
    files: dict[str, str | bytes]


def curated(name: str, rule: str, figures: str, body: str | None = None) -> Case:
    """A case of an article named after it, with this figures file."""
    return Case(name, rule, {f"{name}.md": article(name, body), f"{name}.figures.yaml": figures})


RANGE_BODY = "The council will buy between 20 and 30 buses.\n"
BUSES = {"id": "buses", "quote": "between 20 and 30", "value": "50", "kind": "count",
         "unit": "buses", "qualifier": "approx", "what": "buses to be bought"}  # fmt: skip
CYCLE = (
    {"id": "drivers_in_routes", "type": "part_of", "subject": "drivers", "object": "routes"},
    {"id": "routes_in_drivers", "type": "part_of", "subject": "routes", "object": "drivers"},
)

CASES: tuple[Case, ...] = (
    # --- article files: read, then held back ---------------------------------------------------
    Case("not-utf8", "articles_match_schema",
         {"not-utf8.md": article("not-utf8", COUNCIL.replace("routes next", "routes to the café"
                                                            " next")).encode("latin-1")}),
    Case("binary", "articles_match_schema",
         {"binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))}),
    Case("nul-bytes", "articles_match_schema",
         {"nul-bytes.md": article("nul-bytes").encode() + b"\x00\x00\x00"}),
    Case("empty", "articles_match_schema", {"empty.md": ""}),
    Case("no-front-matter", "articles_match_schema",
         {"no-front-matter.md": "Just a body: 12 people.\n"}),
    Case("unclosed-front-matter", "articles_match_schema",
         {"unclosed-front-matter.md": article("unclosed-front-matter").replace(
             "language: en\n---\n", "language: en\n\n")}),
    Case("front-matter-list", "articles_match_schema",
         {"front-matter-list.md": "---\n- a title\n- an outlet\n---\nBody\n"}),
    Case("front-matter-yaml-error", "articles_match_schema",
         {"front-matter-yaml-error.md": article("front-matter-yaml-error", published="a: b")}),
    Case("front-matter-unknown-key", "articles_match_schema",
         {"front-matter-unknown-key.md": article("front-matter-unknown-key", editor="Ann")}),
    Case("front-matter-missing-key", "articles_match_schema",
         {"front-matter-missing-key.md": article("front-matter-missing-key").replace(
             "language: en\n", "")}),
    Case("bad-date", "articles_match_schema",
         {"bad-date.md": article("bad-date", published="2024-13")}),
    Case("same-id", "articles_match_schema (the .txt, held back unread)",
         {"same-id.md": article("same-id"), "same-id.txt": article("same-id")}),
    Case("same-body", "articles_are_not_duplicated (WARN; both load)",
         {"same-body-gazette.md": article("same-body"),
          "same-body-herald.md": article("same-body").replace("Example Gazette",
                                                              "Example Herald")}),
    # --- entries of the folder held back unread (see make_hostile for the special ones) ------
    Case("other-kind", "input_files_are_articles_or_figures", {"notes.csv": "a,b\n1,2\n"}),
    Case("subfolder", "input_files_are_articles_or_figures",
         {"archive/old.md": article("subfolder")}),
    Case("over-size-limit", "input_files_are_within_size_limit", {}),  # huge.md, sparse
    Case("link-out-of-folder", "input_files_stay_inside_the_folder", {}),  # link-out.md
    Case("broken-link", "input_files_are_articles_or_figures", {}),  # broken-link.md
    # --- figures files held back whole -------------------------------------------------------
    curated("figures-yaml-error", "figures_match_schema",
            figures_file().replace("unit: drivers", "unit: drivers: all")),
    curated("figures-unknown-top-key", "figures_match_schema",
            figures_file() + "comments: none\n"),
    Case("figures-without-article", "figures_files_have_their_article",
         {"orphan.figures.yaml": figures_file((ROUTES,), ())}),
    Case("figures-of-held-back-article", "figures_files_have_their_article",
         {"held-back.md": article("held-back").replace("language: en\n", ""),
          "held-back.figures.yaml": figures_file()}),
    # --- figures held back ---------------------------------------------------------------------
    curated("value-differs-from-quote", "quoted_numbers_equal_values",
            figures_file((with_(ROUTES, value="14"), DRIVERS, NIGHT))),
    curated("quote-not-in-body", "figure_quotes_occur_in_text",
            figures_file((with_(ROUTES, quote="13 bus routes"), DRIVERS, NIGHT))),
    curated("negative-count", "counts_are_not_negative",
            figures_file((ROUTES, with_(DRIVERS, value="-300"), NIGHT))),
    curated("ratio-above-one", "shares_lie_in_unit_interval",
            figures_file((ROUTES, DRIVERS, with_(NIGHT, kind="ratio", unit="fraction")))),
    curated("value-outside-stated-range",
            "intervals_contain_values (and quoted_numbers_equal_values)",
            figures_file((BUSES,), ()), body=RANGE_BODY),
    curated("value-as-text", "figures_match_schema",
            figures_file((ROUTES, DRIVERS, with_(NIGHT, value='"fifty percent"')))),
    curated("figure-without-measure", "figures_match_schema",
            figures_file().replace("    measure:\n      what: drivers to be hired\n", "")),
    curated("measure-id-not-a-slug", "measure_ids_are_slugs (figures_match_schema)",
            figures_file().replace("      what: new bus routes\n",
                                   "      id: FR Bus Routes\n      what: new bus routes\n")),
    curated("unknown-figure-key", "figures_match_schema",
            figures_file((ROUTES, with_(DRIVERS, unit="drivers\n    colour: red"), NIGHT))),
    curated("missing-figure-key", "figures_match_schema",
            figures_file().replace("    unit: drivers\n", "")),
    curated("duplicate-figure-ids", "figure_ids_are_unique",
            figures_file((ROUTES, with_(DRIVERS, id="routes"), NIGHT))),
    # --- relations held back -------------------------------------------------------------------
    curated("relation-to-missing-figure", "relations_refer_to_valid_figures",
            figures_file(relations=(with_(NIGHT_OF_ROUTES, object="buses"),))),
    curated("relation-of-wrong-kinds", "relations_fit_figure_kinds",
            figures_file(relations=(NIGHT_OF_ROUTES, {"id": "routes_change",
                         "type": "percent_change", "subject": "routes", "object": "drivers"}))),
    curated("relation-to-itself", "relations_link_two_figures",
            figures_file(relations=(NIGHT_OF_ROUTES, {"id": "routes_are_routes",
                         "type": "same_quantity", "subject": "routes", "object": "routes"}))),
    curated("part-of-cycle", "relations_do_not_form_cycles",
            figures_file(relations=(NIGHT_OF_ROUTES, *CYCLE))),
    curated("relation-missing-key", "relations_match_schema",
            figures_file(relations=(NIGHT_OF_ROUTES,)) + "  - id: orphan_relation\n"
            "    type: part_of\n    subject: drivers\n"),
    curated("duplicate-relation-ids", "relation_ids_are_unique",
            figures_file(relations=(NIGHT_OF_ROUTES, NIGHT_OF_ROUTES))),
    # --- findings about the figures (they stay in the tables) ----------------------------------
    curated("part-larger-than-whole",
            "parts_do_not_exceed_wholes (and derived shares held back)",
            figures_file(relations=(NIGHT_OF_ROUTES, CYCLE[0]))),
    curated("same-quantity-disagrees", "same_quantity_figures_agree",
            figures_file(relations=(NIGHT_OF_ROUTES, {"id": "routes_restate_drivers",
                         "type": "same_quantity", "subject": "routes", "object": "drivers"}))),
    curated("shared-measure-in-other-unit", "shared_measures_are_defined_alike (WARN)",
            figures_file().replace("      what: drivers to be hired\n",
                                   "      id: fr-nationals-departing-for-jihad-2014\n"
                                   "      what: drivers to be hired\n")),
    curated("shared-measure-disagrees", "sources_agree_on_shared_measures",
            figures_file().replace("    unit: routes\n", "    unit: people\n").replace(
                "      what: new bus routes\n",
                "      id: fr-women-departing-for-jihad-2014\n      what: new bus routes\n")),
    curated("uncovered-mention", "extracted_mentions_are_covered (WARN)",
            figures_file((ROUTES, NIGHT))),
    # --- not_figures held back -----------------------------------------------------------------
    curated("not-figure-without-reason", "non_figures_match_schema",
            figures_file(tail="not_figures:\n  - quote: next year\n    why: a time\n")),
    curated("not-figure-quote-not-in-body", "figure_quotes_occur_in_text (non_figures)",
            figures_file(tail="not_figures:\n  - quote: last year\n    reason: a time\n")),
)  # fmt: skip


def make_hostile(sample: Path, folder: Path, outside: Path) -> Path:
    """Write the hostile input into folder (a new one): the sample folder's files, every case's
    files, a link to outside (written there), a sparse file over the size limit and a broken
    link; every entry's times set to TIMESTAMP_NS. Returns folder."""
    shutil.copytree(sample, folder)
    for case in CASES:
        for name, content in case.files.items():
            path = folder / name
            path.parent.mkdir(exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8", newline="\n")
            else:
                path.write_bytes(content)
    outside.write_text(article("link-out-of-folder"), encoding="utf-8", newline="\n")
    (folder / "link-out.md").symlink_to(outside.resolve())
    (folder / "broken-link.md").symlink_to("no-such-article.md")  # inside the folder, missing
    with (folder / "huge.md").open("wb") as file:  # sparse: no disk space, never read
        file.truncate(DEFAULT_MAX_FILE_BYTES + 1)
    _fix_times(folder)
    _fix_times(outside)
    return folder


def _fix_times(path: Path) -> None:
    """Set the times of path and everything under it (links themselves, not their targets)."""
    entries: list[Path] = [path]
    if path.is_dir() and not path.is_symlink():
        entries += sorted(path.rglob("*"))
    for entry in sorted(entries, key=lambda p: len(p.parts), reverse=True):  # folders last
        os.utime(entry, ns=(TIMESTAMP_NS, TIMESTAMP_NS), follow_symlinks=False)


def listing(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under folder by relative name: its modification time, and a file's bytes
    (a link's target, '/' for a folder), to compare two builds."""
    found: dict[str, tuple[int, bytes | str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            content: bytes | str = f"-> {os.readlink(path)}"
        elif path.is_dir():
            content = "/"
        else:
            content = path.read_bytes()
        found[path.relative_to(folder).as_posix()] = (path.lstat().st_mtime_ns, content)
    return found
