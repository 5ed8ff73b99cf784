"""`python -m etl.extract PATH`: print every number the text of PATH states, one JSON per line.

Each line has start and end (character offsets into the text as read from PATH, front matter
included), text, value, kind, unit, qualifier, lower and upper. For an article file with YAML
front matter only the body is searched; the offsets still count from the start of the file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from core.display import for_terminal
from core.extract import extract
from core.parse import FRONT_MATTER


def mentions_as_json_lines(text: str) -> list[str]:
    """One JSON object per mention; offsets into text; open bounds as null."""
    front_matter = FRONT_MATTER.match(text)
    offset = front_matter.end() if front_matter else 0
    lines = []
    for mention in extract(text[offset:]):
        row = mention.as_dict()
        row["start"] += offset
        row["end"] += offset
        for bound in ("lower", "upper"):
            if math.isinf(row[bound]):
                row[bound] = None
        lines.append(json.dumps(row, ensure_ascii=False))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m etl.extract", description=__doc__.split("\n")[0]
    )
    parser.add_argument("path", type=Path, help="a text or article file (UTF-8)")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
