#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, GUI tests offscreen.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import desktop, numpy, PySide6, whoosh, rjieba, pytestqt, pypdf, hypothesis" 2>/dev/null; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
fi
# Chinese text in rendered windows and exported PDFs needs a CJK font.
if ! fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q fonts-wqy-microhei fonts-noto-cjk >/dev/null || apt-get update -q >/dev/null && apt-get install -y -q fonts-wqy-microhei fonts-noto-cjk >/dev/null
  else
    echo "note: install a CJK font (Debian/Ubuntu: sudo apt-get install fonts-wqy-microhei fonts-noto-cjk) for the PDF and GUI tests" >&2
  fi
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
