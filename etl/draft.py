"""`python -m etl.draft ARTICLE`: print a draft figures file for an article file.

With --write, save it beside the article as <slug>.figures.yaml (never over an existing one) and
say what to fill in.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from core.display import for_terminal
from core.draft import draft_figures_file
from core.findings import InputError
from core.folder import FIGURES_SUFFIX
from core.parse import read_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.draft", description=__doc__.split("\n")[0])
    parser.add_argument("article", type=Path, help="an article file with YAML front matter")
    parser.add_argument("--write", action="store_true", help="save it beside the article")
    args = parser.parse_args(argv)
    path = args.article.resolve()
    try:
        article = read_article(path, path.parent)
    except (InputError, OSError, UnicodeDecodeError) as error:
        print(f"error: {for_terminal(error)}", file=sys.stderr)
        return 2
    draft = draft_figures_file(article)
    if not args.write:
        print(draft, end="")
        return 0
    target = path.with_name(path.stem + FIGURES_SUFFIX)
    if target.exists():
        print(
            f"error: {for_terminal(target)} exists; not overwriting a curated file", file=sys.stderr
        )
        return 2
    target.write_text(draft, encoding="utf-8")
    document = yaml.safe_load(draft)
    print(
        f"wrote {for_terminal(target)}: {len(document['figures'])} draft figures, "
        f"{len(document['relations'])} found relations\n"
        "  until you fill in a figure's measure.what (say what it counts; the machine's reading "
        "is beside it, after '# found:'), it stays unreviewed, as with no figures file;\n"
        "  check each value, kind, unit and qualifier, and delete what is wrong"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
