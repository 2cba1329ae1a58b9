#!/usr/bin/env bash
# Set up (first time only) and launch the desktop app on the bundled archive.
#   ./run.sh                 the window (the five bundled interviews on first launch)
#   ./run.sh FOLDER...       the window, adding and indexing these folders
#   ./run.sh search 工会      the command line (python main.py --help)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import desktop, numpy, PySide6, whoosh, rjieba, pypdfium2, trafilatura, rapidocr_onnxruntime, cv2" 2>/dev/null; then
  echo "Setting up .venv (first run only; the log goes to .venv/setup.log)…" >&2
  "$PY" -m venv .venv
  if ! { .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip \
         && .venv/bin/python -m pip install --quiet --disable-pip-version-check -e . \
         && .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps rapidocr-onnxruntime==1.4.4; } >.venv/setup.log 2>&1; then
    echo "error: installing the app's Python packages failed; the last lines of .venv/setup.log:" >&2
    grep -v "^WARNING: Location" .venv/setup.log | tail -n 20 >&2
    exit 1
  fi
fi
# Before a window opens: can Qt load its platform plugin? If not, it names the system packages.
.venv/bin/python -m desktop.platform_check "$@" || exit 1
exec .venv/bin/python main.py "$@"
