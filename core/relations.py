"""Relations between the figures of one article, as curated: their rows, and why one cannot
stand (bad keys, a missing or held-back figure, figures of the wrong kinds, a cycle)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.checks import (
    RELATIONS_DO_NOT_FORM_CYCLES,
    RELATIONS_FIT_FIGURE_KINDS,
    RELATIONS_MATCH_SCHEMA,
    RELATIONS_REFER_TO_VALID_FIGURES,
)
from core.find_relations import FoundRelation
from core.findings import Finding
from core.parse import Article, Entry
from core.resolve import cover_of, curated_spans, text_or_none

# What each relation type needs of its subject, and whether subject and object share a kind.
RELATION_SUBJECT_KINDS = {
    "part_of": None,
    "share_of": ("ratio", "percent"),
    "percent_change": ("percent", "ratio"),  # "rose 12 percent", "fell by a third"
    "multiple_of": ("multiplier",),
    "same_quantity": None,
}
RELATIONS_OF_SAME_KIND = ("part_of", "same_quantity")
# Relations that point one way, from subject to object (same_quantity goes both ways)
DIRECTED_RELATIONS = ("part_of", "share_of", "percent_change", "multiple_of")
# Relations whose object is the value after a change, which may name the figure it started from
CHANGES = ("percent_change", "multiple_of")


def relation_row(article: Article, entry: Entry, figures_file: str) -> dict[str, Any]:
    """A `relations` row as curated."""
    fields = entry.fields
    return {
        "article_id": article.article_id,
        "relation_id": text_or_none(fields.get("id")),
        "type": fields.get("type"),
        "direction": fields.get("direction", "up"),
        "subject_id": text_or_none(fields.get("subject")),
        "object_id": text_or_none(fields.get("object")),
        "baseline_id": text_or_none(fields.get("from")),
        "baseline": text_or_none(fields.get("baseline")),
        "base_ambiguous": bool(fields.get("base_ambiguous", False)),
        "note": text_or_none(fields.get("note")),
        "origin": "curated",
        "rule": None,
        "cue": None,
        "figures_file": figures_file,
        "figures_file_line": entry.line,
    }


# What a found relation asserts, for the reviewer: "'Four hundred' is a part of 'some 1,200'"
REVIEW = {
    "part_of": "is a part of",
    "share_of": "is a share of",
    "percent_change": "is the percent change that led to",
    "multiple_of": "is the multiple that led to",
    "same_quantity": "states the same quantity as",
}


def found_relation_row(
    article: Article, found: FoundRelation, figure_ids: dict[int, str], origin: str
) -> dict[str, Any]:
    """A `relations` row for a relation the machine found: origin 'found' between the unreviewed
    figures of an article with no figures file, 'suggested' between the curated figures of one
    that has (never applied). figure_ids maps a mention's start offset to its figure's id (a
    mention no figure covers has none)."""
    subject, target = figure_ids.get(found.subject.start), figure_ids.get(found.object.start)
    baseline = None if found.baseline is None else figure_ids.get(found.baseline.start)
    prefix = "" if origin == "found" else f"{origin}."
    return {
        "article_id": article.article_id,
        "relation_id": f"{prefix}{found.type}.{subject}.{target}",
        "type": found.type,
        "direction": found.direction,
        "subject_id": subject,
        "object_id": target,
        "baseline_id": baseline,
        "baseline": None,
        "base_ambiguous": False,
        "note": f"found by the machine (rule {found.rule}, cue {_short(found.cue)!r}): review that "
        f"{found.subject.text!r} {REVIEW[found.type]} {found.object.text!r}"
        + (f", from {found.baseline.text!r}" if baseline else ""),
        "origin": origin,
        "rule": found.rule,
        "cue": found.cue,
        "figures_file": article.figures_file,
        "figures_file_line": None,
    }


def _short(cue: str, limit: int = 60) -> str:
    """A cue as a finding's message quotes it: whole when short, else its start and an ellipsis
    (the relations table keeps it whole)."""
    return cue if len(cue) <= limit else cue[: limit - 1].rstrip() + "…"


def relation_findings(
    relation: dict[str, Any],
    entry: Entry | None,
    figure_kinds: dict[str, str],
    held_back: set[str],
    source_file: str,
) -> list[Finding]:
    """Why a relation cannot stand: bad keys, a missing or held-back figure, or the wrong kinds.

    entry is the figures file's entry of a curated relation (None for a found one); figure_kinds
    maps the ids of the article's validated figures to their kind; held_back holds the ids of its
    figures that were quarantined; source_file is the file a finding names (the figures file, or
    the article of a found relation).
    """

    def finding(rule: str, message: str, expected: str, found: str) -> Finding:
        return Finding(
            rule=rule,
            source_file=source_file,
            line=relation["figures_file_line"],
            article_id=relation["article_id"],
            item_id=relation["relation_id"],
            message=f"relation {relation['relation_id'] or '(no id)'}: {message}",
            expected=expected,
            found=found,
        )

    findings = [
        finding(
            RELATIONS_MATCH_SCHEMA.name,
            problem,
            "id, type, subject, object",
            ", ".join(str(key) for key in entry.fields),
        )
        for problem in (entry.problems if entry else [])
    ]
    for role, label in (("subject", "subject"), ("object", "object"), ("baseline", "from")):
        figure_id = relation[f"{role}_id"]
        if figure_id in held_back:
            findings.append(
                finding(
                    RELATIONS_REFER_TO_VALID_FIGURES.name,
                    f"its {label} {figure_id} is quarantined, so the relation is held back too",
                    f"{label} is a validated figure",
                    f"{figure_id} in quarantine",
                )
            )
        elif figure_id is not None and figure_id not in figure_kinds:
            known = ", ".join(sorted(figure_kinds)) or "none"
            findings.append(
                finding(
                    RELATIONS_REFER_TO_VALID_FIGURES.name,
                    f"its {label} {figure_id} is not a figure of article {relation['article_id']}",
                    f"one of: {known}",
                    figure_id,
                )
            )
    findings += _kind_findings(relation, figure_kinds, finding)
    return findings


def cycle_findings(relations: list[dict[str, Any]], source_files: list[str]) -> dict[int, Finding]:
    """A finding for each relation (by its index in relations) that lies on a cycle of directed
    relations of its article (a part_of b, b part_of a: a figure would be a part of itself);
    source_files gives the file each relation's finding names.

    Every relation of a cycle is held back: which one is wrong is for the curator to say."""
    edges: dict[str, dict[str, list[tuple[int, dict]]]] = {}  # article -> subject -> out-edges
    for index, relation in enumerate(relations):
        subject, target = relation["subject_id"], relation["object_id"]
        if relation["type"] in DIRECTED_RELATIONS and subject != target:
            edges.setdefault(relation["article_id"], {}).setdefault(subject, []).append(
                (index, relation)
            )
    findings = {}
    for graph in edges.values():
        for outgoing in graph.values():
            for index, relation in outgoing:
                back = _path(graph, relation["object_id"], relation["subject_id"])
                if back is None:
                    continue
                cycle = [relation, *back]
                steps = ", ".join(
                    f"{r['subject_id']} {r['type']} {r['object_id']} ({r['relation_id']})"
                    for r in cycle
                )
                figures = " -> ".join([r["subject_id"] for r in cycle] + [relation["subject_id"]])
                findings[index] = Finding(
                    rule=RELATIONS_DO_NOT_FORM_CYCLES.name,
                    source_file=source_files[index],
                    line=relation["figures_file_line"],
                    article_id=relation["article_id"],
                    item_id=relation["relation_id"],
                    message=f"relation {relation['relation_id']}: relations form a cycle, "
                    f"{figures}: {steps}; a figure cannot be a part, share or change of itself: "
                    "remove or reverse one of them (every relation of the cycle is held back)",
                    expected="relations that lead from parts to wholes, never back",
                    found=f"cycle {figures}",
                )
    return findings


def _path(graph: dict[str, list[tuple[int, dict]]], start: str, goal: str) -> list[dict] | None:
    """The relations of a shortest path from figure start to figure goal, or None."""
    came_from: dict[str, tuple[str, dict] | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            path = []
            while came_from[node] is not None:
                node, relation = came_from[node]
                path.append(relation)
            return path[::-1]
        for _, relation in graph.get(node, []):
            target = relation["object_id"]
            if target not in came_from:
                came_from[target] = (node, relation)
                queue.append(target)
    return None


def _kind_findings(relation: dict, figure_kinds: dict[str, str], finding) -> list[Finding]:  # noqa: ANN001
    subject_kind = figure_kinds.get(relation["subject_id"])
    object_kind = figure_kinds.get(relation["object_id"])
    kind = relation["type"]
    if subject_kind is None or object_kind is None or not isinstance(kind, str):
        return []
    if kind not in RELATION_SUBJECT_KINDS:
        return []
    allowed = RELATION_SUBJECT_KINDS[kind]
    if allowed and subject_kind not in allowed:
        return [
            finding(
                RELATIONS_FIT_FIGURE_KINDS.name,
                f"{kind} needs a subject of kind {' or '.join(allowed)}, "
                f"but {relation['subject_id']} is a {subject_kind}",
                " or ".join(allowed),
                subject_kind,
            )
        ]
    if kind in RELATIONS_OF_SAME_KIND and subject_kind != object_kind:
        return [
            finding(
                RELATIONS_FIT_FIGURE_KINDS.name,
                f"{kind} links figures of one kind, but {relation['subject_id']} is a "
                f"{subject_kind} and {relation['object_id']} a {object_kind}",
                subject_kind,
                object_kind,
            )
        ]
    return _baseline_findings(relation, figure_kinds, finding)


def _baseline_findings(relation: dict, figure_kinds: dict[str, str], finding) -> list[Finding]:  # noqa: ANN001
    """Why a relation's stated baseline (`from`) cannot stand: it is given to a relation that is
    not a change, it is one of the relation's own figures, or it is of another kind than the
    value after the change."""
    baseline = relation["baseline_id"]
    kind, after = relation["type"], relation["object_id"]
    if relation["direction"] == "down" and kind != "percent_change":
        return [
            finding(
                RELATIONS_FIT_FIGURE_KINDS.name,
                f"direction down is for a percent_change ('fell 40 percent'), not a {kind}",
                "direction up (or none)",
                "down",
            )
        ]
    if baseline is None or baseline not in figure_kinds:
        return []
    if kind not in CHANGES:
        problem, expected = f"a {kind} has no baseline, but it names from: {baseline}", "no from"
    elif baseline in (relation["subject_id"], after):
        problem = f"its from {baseline} is one of its own figures"
        expected = "from names a third figure: the value before the change"
    elif figure_kinds[baseline] != figure_kinds.get(after):
        problem = (
            f"its from {baseline} is a {figure_kinds[baseline]}, but the value after the change "
            f"({after}) is a {figure_kinds.get(after)}"
        )
        expected = f"from names a {figure_kinds.get(after)}, as the value after the change"
    else:
        return []
    return [finding(RELATIONS_FIT_FIGURE_KINDS.name, problem, expected, baseline)]


def figure_kinds(figures: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The kind of each validated figure, by article and figure id."""
    kinds: dict[str, dict[str, str]] = {}
    for row in figures.itertuples(index=False):
        kinds.setdefault(row.article_id, {})[row.figure_id] = row.kind
    return kinds


def found_rows(
    article: Article, found: list[FoundRelation], figure_ids: dict[int, str], origin: str = "found"
) -> list[dict]:
    """Rows of the relations found in one article, each pair of figures and type once."""
    rows = {}
    for relation in found:
        row = found_relation_row(article, relation, figure_ids, origin)
        rows.setdefault(row["relation_id"], row)
    return list(rows.values())


def suggestions(
    found: list[tuple[Article, list[FoundRelation]]],
    figures: pd.DataFrame,
    relations: pd.DataFrame,
) -> list[dict]:
    """Relations found in curated articles, between two of their curated figures, that the
    figures file does not have (no curated relation links the two figures): suggestions, never
    applied. A suggestion whose figures do not fit its type is not made."""
    spans = curated_spans(figures)
    related = {
        (row.article_id, frozenset((row.subject_id, row.object_id)))
        for row in relations.itertuples(index=False)
    }
    kinds = figure_kinds(figures)
    rows = []
    for article, relations_found in found:
        covering = spans.get(article.article_id, [])
        covers = {
            mention.start: cover_of(covering, mention)
            for relation in relations_found
            for mention in (relation.subject, relation.object, relation.baseline)
            if mention is not None
        }
        ids = {start: cover[2] for start, cover in covers.items() if cover is not None}
        for row in found_rows(article, relations_found, ids, "suggested"):
            pair = frozenset((row["subject_id"], row["object_id"]))
            if None in pair or len(pair) < 2 or (article.article_id, pair) in related:
                continue
            fits = not relation_findings(
                row, None, kinds.get(article.article_id, {}), set(), article.figures_file
            )
            if fits:
                rows.append(row)
    return rows
