#!/usr/bin/env bash
# README command 2: install, then lint and run the tests. Arguments go to pytest.
# The tests run in 2 processes (pytest-xdist), each test file whole in one of them (--dist
# loadfile: a file's shared fixtures, such as a built warehouse or a started `dagster dev`, are
# made once); every test has its own temporary folder, Dagster instance and free port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
