#!/usr/bin/env bash
# Set up (first time only) and launch the desktop app on the bundled archive.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import desktop, numpy, PySide6, whoosh, rjieba" 2>/dev/null; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
fi
exec .venv/bin/python main.py "$@"
