"""`python -m etl.extract PATH`: print every number the text of PATH states, one JSON per line.

Each line has start and end (character offsets into the text as read from PATH, front matter
included), text, value, kind, unit, qualifier, lower and upper. For an article file with YAML
front matter only the body is searched; the offsets still count from the start of the file.

With --relations, the figure lines are followed by one line per relation found between the
figures: relation (part_of, share_of, percent_change, multiple_of, same_quantity), subject and
object as [start, end] (the same offsets), cue (the words that state it), rule (the rule that
found it) and baseline ([start, end] of the stated earlier value of a change, or null).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from core.display import for_terminal
from core.extract import Mention, extract
from core.find_measures import find_measures
from core.find_relations import find_relations
from core.parse import FRONT_MATTER


def _body(text: str) -> tuple[int, str]:
    """Where the body starts (after any front matter) and the body."""
    front_matter = FRONT_MATTER.match(text)
    offset = front_matter.end() if front_matter else 0
    return offset, text[offset:]


def mentions_as_json_lines(text: str) -> list[str]:
    """One JSON object per mention; offsets into text; open bounds as null."""
    offset, body = _body(text)
    lines = []
    for mention in extract(body):
        row = mention.as_dict()
        row["start"] += offset
        row["end"] += offset
        for bound in ("lower", "upper"):
            if math.isinf(row[bound]):
                row[bound] = None
        lines.append(json.dumps(row, ensure_ascii=False))
    return lines


def relations_as_json_lines(text: str) -> list[str]:
    """One JSON object per relation found between the figures; offsets into text."""
    offset, body = _body(text)
    mentions = extract(body)

    def span(mention: Mention | None) -> list[int] | None:
        return None if mention is None else [mention.start + offset, mention.end + offset]

    return [
        json.dumps(
            {
                "relation": relation.type,
                "subject": span(relation.subject),
                "object": span(relation.object),
                "cue": relation.cue,
                "rule": relation.rule,
                "baseline": span(relation.baseline),
            },
            ensure_ascii=False,
        )
        for relation in find_relations(body, mentions, find_measures(body, mentions))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m etl.extract", description=__doc__.split("\n")[0]
    )
    parser.add_argument("path", type=Path, help="a text or article file (UTF-8)")
    parser.add_argument(
        "--relations",
        action="store_true",
        help="after the figures, one line per relation found between them (relation, subject, "
        "object, cue, rule, baseline)",
    )
    args = parser.parse_args(argv)
    try:
        text = args.path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(
            f"error: cannot read {for_terminal(args.path)}: {for_terminal(error)}", file=sys.stderr
        )
        return 2
    for line in mentions_as_json_lines(text):
        print(line)
    if args.relations:
        for line in relations_as_json_lines(text):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
