#!/usr/bin/env bash
# README command 1: install, then materialize every asset into the DuckDB file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m etl materialize "$@"
