#!/bin/sh
# Refresh the translation sources from the code, then build the .qm files the app loads.
#   scripts/update_translations.sh          (run from anywhere; uses the venv's pyside6 tools)
# Edit resources/translations/*.ts with pyside6-linguist (or by hand), then run this again.
set -eu
cd "$(dirname "$0")/.."
BIN="${VIRTUAL_ENV:-.venv}/bin"
LUPDATE="$BIN/pyside6-lupdate"; [ -x "$LUPDATE" ] || LUPDATE=pyside6-lupdate
LRELEASE="$BIN/pyside6-lrelease"; [ -x "$LRELEASE" ] || LRELEASE=pyside6-lrelease
SOURCES="desktop/app.py $(ls desktop/gui/*.py)"
for ts in resources/translations/archive_browser_zh_CN.ts; do
    # shellcheck disable=SC2086
    "$LUPDATE" -locations none -no-obsolete $SOURCES -ts "$ts"
    "$LRELEASE" "$ts" -qm "${ts%.ts}.qm"
done
