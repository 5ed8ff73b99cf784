"""Parsing, resolving, finding and judging figures, in plain Python (no Dagster). The figure
finder's modules run compiled when scripts/setup.sh could build them (core/compiled.py)."""

from core.compiled import put_ahead

put_ahead(__path__)
