"""Issue 13, item 2: any name the file system can hold is indexed, and no output crashes on it.

A name that is not UTF-8 (GBK bytes from a Windows zip, a stray 0xFF) reaches Python as lone
surrogates, which SQLite's text cannot hold; one such name used to abort the whole run and every
later re-scan. The store now keeps such paths losslessly. Real files, the CLI in a subprocess with
a strict UTF-8 console (PYTHONIOENCODING=utf-8)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.reliability.conftest import SEED_TEXTS, cli_env, no_traceback
from tests.reliability.conftest import run_cli as _run_cli

TEXT = SEED_TEXTS["maoming"]
NAMES = {  # raw bytes of the name -> the tag its file carries
    "工会.txt".encode("gbk"): "TAG-gbk-END",
    b"bad-\xff\xfe.txt": "TAG-ff-END",
    "私用\ue000区.txt".encode(): "TAG-pua-END",  # the store's escape character itself, in a valid name
    "普通.txt".encode(): "TAG-plain-END",
}
STRICT = cli_env(PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")


@pytest.mark.parametrize("path", [
    "/a/b.txt", "/a/\udcb9\udca4.txt", "/x/\ue000\ue000\udcff", "\ue100\ue000\ue101", "\ud800\udfff", "",
])
def test_stored_paths_round_trip(path):
    from desktop.core.index.store import db_path, from_db_path

    stored = db_path(path)
    stored.encode("utf-8")  # SQLite text accepts it
    assert from_db_path(stored) == path
    if "\ue000" not in path and not any(0xD800 <= ord(c) <= 0xDFFF for c in path):
        assert stored == path  # ordinary names are stored as they are (existing archives unchanged)


def run_cli(*args, **kw):
    return _run_cli(*args, errors="surrogateescape", **kw)  # the output holds the names' own bytes


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for raw, tag in NAMES.items():
        with open(os.path.join(os.fsencode(folder), raw), "wb") as f:
            f.write(f"{TEXT}\n{tag}\n".encode())
    return folder


def test_names_that_are_not_utf8_are_indexed_and_shown(tmp_path, data_dir):
    folder = _folder(tmp_path)
    expected = {tag: os.fsdecode(os.path.join(os.fsencode(folder), raw)) for raw, tag in NAMES.items()}
    proc = run_cli("index", folder, "--json", data_dir=data_dir, env=STRICT)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["added"] == len(NAMES) and not report["skipped"]
    for tag, path in expected.items():
        found = run_cli("search", tag, "--json", data_dir=data_dir, env=STRICT)
        assert found.returncode == 0, found.stderr
        hits = json.loads(found.stdout)["hits"]
        assert [h["path"] for h in hits] == [path]  # the exact name, surrogates and all
        shown = run_cli("show", path, "--json", data_dir=data_dir, env=STRICT)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["path"] == path
        text = run_cli("search", tag, data_dir=data_dir, env=STRICT)  # text output: the name's own bytes
        assert text.returncode == 0, text.stderr
    # a re-scan finds every file unchanged (the stored names are the names on disk)
    again = run_cli("index", "--json", data_dir=data_dir, env=STRICT)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["unchanged"] == len(NAMES)
    # bookmarks and exports of such a document
    gbk = expected["TAG-gbk-END"]
    bm = run_cli("bookmark", "add", gbk, "--json", data_dir=data_dir, env=STRICT)
    assert bm.returncode == 0, bm.stderr
    assert json.loads(bm.stdout)["doc_path"] == gbk
    for fmt in ("md", "csv", "docx", "json", "html"):
        out = tmp_path / f"out.{fmt}"
        exp = run_cli("export", "--format", fmt, "-o", out, data_dir=data_dir, env=STRICT)
        no_traceback(exp)
        assert exp.returncode == 0, exp.stderr
    assert "\\xb9\\xa4\\xbb\\xe1.txt" in (tmp_path / "out.md").read_text(encoding="utf-8")
    # a file with such a name deleted: the next run removes it, the rest stay
    os.unlink(os.fsencode(gbk))
    gone = run_cli("index", "--json", data_dir=data_dir, env=STRICT)
    assert gone.returncode == 0, gone.stderr
    assert json.loads(gone.stdout)["removed"] == 1
    assert json.loads(gone.stdout)["documents"] == len(NAMES) - 1


def test_folder_whose_own_name_is_not_utf8(tmp_path, data_dir):
    parent = os.fsencode(tmp_path) + b"/\xc4\xea\xb1\xa8"  # GBK 年报
    os.mkdir(parent)
    with open(parent + b"/a.txt", "wb") as f:
        f.write(f"{TEXT}\nTAG-dir-END\n".encode())
    proc = run_cli("index", os.fsdecode(parent), "--json", data_dir=data_dir, env=STRICT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] == 1
    sources = run_cli("sources", "--json", data_dir=data_dir, env=STRICT)
    assert json.loads(sources.stdout)["sources"] == [os.fsdecode(parent)]
    assert run_cli("index", "--json", data_dir=data_dir, env=STRICT).returncode == 0
