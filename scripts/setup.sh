#!/usr/bin/env bash
# Build .venv exactly as uv.lock pins it. materialize.sh and test.sh call this first.
# Needs only Python 3.11+ (override with PYTHON=/path/to/python3); uv itself is pinned and
# installed into .tools/, so nothing outside the repository is changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
UV_VERSION=0.13.9

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is needed; '$PYTHON' is $("$PYTHON" --version 2>&1 || echo missing)." >&2
  echo "Set PYTHON to a Python 3.11+ interpreter and run this again." >&2
  exit 1
fi

if [ "$(.tools/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  echo "Installing uv $UV_VERSION into .tools/ ..."
  "$PYTHON" -m venv .tools
  .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi

echo "Syncing .venv with uv.lock ..."
# --compile-bytecode: the packages are installed with their bytecode, so no run compiles them
# (where Python may not write it, PYTHONDONTWRITEBYTECODE, each start would: seconds each time)
UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --quiet --compile-bytecode --python "$PYTHON"

# The figure finder's modules compiled with mypyc, about 1.4 times as fast (core/compiled.py);
# without a C compiler they run as plain Python, with the same results. About a minute, once
# per change of those modules.
.venv/bin/python -c "from core.compiled import build; print(build())" || echo "warning: compiling the figure finder failed; it runs as plain Python." >&2
