#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, GUI tests offscreen.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import desktop, numpy, PySide6, whoosh, rjieba, pytestqt, pypdf, hypothesis, psutil, pypdfium2, trafilatura, rapidocr_onnxruntime, cv2, rapidfuzz, xlsxwriter" 2>/dev/null; then
  echo "Setting up .venv with the test extras (the log goes to .venv/setup.log)…" >&2
  "$PY" -m venv .venv
  if ! { .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip \
         && .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]" \
         && .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps rapidocr-onnxruntime==1.4.4; } >.venv/setup.log 2>&1; then
    echo "error: installing the Python packages failed; the last lines of .venv/setup.log:" >&2
    grep -v "^WARNING: Location" .venv/setup.log | tail -n 20 >&2
    exit 1
  fi
fi
# System packages: a CJK font (rendered windows, exported PDFs) and the libraries Qt's xcb plugin loads.
SYSTEM_PACKAGES="fonts-wqy-microhei fonts-noto-cjk libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0"
missing=""
for pkg in $SYSTEM_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ] && command -v apt-get >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q $missing >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null; }
  else
    echo "note: some tests need system packages: sudo apt-get install$missing" >&2
  fi
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
