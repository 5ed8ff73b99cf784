"""Text from the inputs (file names, titles, quotes, messages) made inert for a screen: for a
terminal, and for Markdown as the Dagster UI renders it (CommonMark with GitHub's tables and
autolinks). The HTML report escapes with Jinja's autoescape (core/report.py)."""

from __future__ import annotations

import string
import unicodedata

import pandas as pd

# Characters a terminal acts on, or that reorder what it shows: C0 and C1 controls, DEL, line and
# paragraph separators, and the bidirectional overrides and isolates ("Trojan source")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# CommonMark: any ASCII punctuation character may be backslash-escaped, and then is only itself.
# Escaped: every one that can begin or end markup (":" and "." and "@" break GitHub's autolinks);
# left as they are: the few that never do, so that the text stays readable where shown raw
_INERT = "'\",;?%$=/"
_MARKDOWN = str.maketrans({c: "\\" + c for c in string.punctuation if c not in _INERT})


def _visible(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _acted_on(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI


def for_terminal(text: object) -> str:
    """The text with every control character shown as its escape (`\\n`, `\\x1b`, `\\u202e`):
    one line that cannot move the cursor, clear the screen, retitle the window or fake a line."""
    text = str(text)
    if not any(_acted_on(char) for char in text):
        return text
    return "".join(_visible(char) if _acted_on(char) else char for char in text)


def for_markdown(text: object) -> str:
    """The text as Markdown that renders as exactly that text, on one line: no image, link,
    autolink, emphasis, code, HTML or table cell boundary can come from it."""
    return for_terminal(text).translate(_MARKDOWN)


def markdown_table(frame: pd.DataFrame) -> str:
    """A frame as a Markdown table whose cells are text, escaped (missing values left empty)."""
    cells = frame.astype(object).where(frame.notna(), "").map(for_markdown)
    cells.columns = [for_markdown(column) for column in cells.columns]
    return cells.to_markdown(index=False, disable_numparse=True)
