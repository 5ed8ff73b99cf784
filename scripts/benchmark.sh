#!/usr/bin/env bash
# Benchmarks: install the `bench` group (quantulum3, for comparison) and print the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --quiet --group bench
.venv/bin/python -m benchmarks.extractor "$@"
