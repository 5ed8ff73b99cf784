"""A finding: one thing wrong with one input item, said so that a person can act on it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    """One problem with one item (article, figure or relation), named for the rule it breaks."""

    rule: str
    source_file: str
    message: str
    line: int | None = None
    article_id: str | None = None
    item_id: str | None = None
    expected: str | None = None
    found: str | None = None
    quote: str | None = None

    def as_row(self, stage: str) -> dict:
        """A row of the `quarantine` table."""
        return {"stage": stage, **asdict(self)}

    def __str__(self) -> str:
        place = f"{self.source_file}:{self.line}" if self.line else self.source_file
        item = f" {self.item_id}" if self.item_id else ""
        return f"{place}:{item} {self.message}"


class InputError(Exception):
    """An input file that cannot be read at all; carries the finding that explains why."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding
