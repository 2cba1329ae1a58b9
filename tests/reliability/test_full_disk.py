"""Issue 13, item 3: a full or read-only disk, for real, on every write path.

A small tmpfs is mounted (as root; the tests skip and say why where mounting is not allowed) under
the data folder, or under just its word index, and `main.py` runs against it: the store and its
bigram index, the word index written in-process (small runs) and by its writer child process (big
runs), bookmarks, corrections and settings. Each failure is one plain line and exit 2 (the README's
code for a user's error), never "unexpected"; nothing committed before is lost, and once there is
room again the next run finishes the archive."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.reliability.conftest import no_traceback, run_cli, write_many


def _mount(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({proc.stderr.strip() or proc.returncode}): needs root")


def _remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


@pytest.fixture
def mounts():
    mounted: list[Path] = []

    def mount(folder: Path, size: str) -> Path:
        _mount(folder, size)
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _plain_failure(proc: subprocess.CompletedProcess, words: str) -> None:
    no_traceback(proc)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and words in last, proc.stderr
    assert "unexpected" not in proc.stderr


def _integrity(data_dir: Path) -> str:
    with sqlite3.connect(data_dir / "archive.sqlite") as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _count(data_dir: Path, marker: str) -> int:
    proc = run_cli("search", marker, "--json", "--limit", "1", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["total"]


@pytest.mark.parametrize("files", [120, 700], ids=["in-process", "big-run"])
def test_data_folder_fills_up_while_indexing(tmp_path, data_dir, mounts, files):
    """The whole data folder on a 3 MB disk; 700 files is a big run (the word index in its child)."""
    mounts(data_dir, "3m")
    write_many(tmp_path / "in", files, marker="满盘标记", body="广东省总工会劳动模范座谈会在茂名召开。" * 200)
    proc = run_cli("index", tmp_path / "in", data_dir=data_dir, timeout=300)
    _plain_failure(proc, "磁盘已满")
    assert _integrity(data_dir) == "ok"
    before = _count(data_dir, "满盘标记")  # what was committed is searchable
    _remount(data_dir, "size=200m")
    proc = run_cli("index", "--json", data_dir=data_dir, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["index"]["complete"] is True
    assert _count(data_dir, "满盘标记") == files >= before
    assert _integrity(data_dir) == "ok"


@pytest.mark.parametrize("files", [150, 700], ids=["in-process", "writer-child"])
def test_word_index_disk_fills_up(tmp_path, data_dir, mounts, files):
    """Only the word index (words/) on a tiny disk: Whoosh's own writes fail, in this process or in
    the writer child (desktop/core/index/word_writer.py), and the error says the disk is full."""
    assert run_cli("cities", data_dir=data_dir).returncode == 0  # the archive exists
    words = data_dir / "words"
    for f in words.iterdir():
        f.unlink()
    mounts(words, "400k")
    write_many(tmp_path / "in", files, marker="词盘标记", body="职工之家建设与产业工人队伍建设改革。" * 40)
    proc = run_cli("index", tmp_path / "in", data_dir=data_dir, timeout=300)
    _plain_failure(proc, "磁盘已满")
    assert _integrity(data_dir) == "ok"
    _remount(words, "size=200m")
    proc = run_cli("index", "--json", data_dir=data_dir, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert _count(data_dir, "词盘标记") == files


def test_read_only_disk_refuses_every_write_plainly(tmp_path, data_dir, mounts):
    mounts(data_dir, "50m")
    write_many(tmp_path / "in", 30, marker="只读标记")
    assert run_cli("index", tmp_path / "in", data_dir=data_dir).returncode == 0
    doc = json.loads(run_cli("search", "只读标记", "--json", data_dir=data_dir).stdout)["hits"][0]["id"]
    assert run_cli("bookmark", "add", doc, data_dir=data_dir).returncode == 0
    (tmp_path / "in" / "new.txt").write_text("新文件只读标记", encoding="utf-8")
    _remount(data_dir, "ro")
    _plain_failure(run_cli("index", data_dir=data_dir), "只读")
    _plain_failure(run_cli("bookmark", "add", doc, "--start", "0", "--end", "4", data_dir=data_dir), "只读")
    _plain_failure(run_cli("bookmark", "edit", "1", "--note", "x", data_dir=data_dir), "只读")
    _plain_failure(run_cli("correct", doc, "--title", "新标题", data_dir=data_dir), "只读")
    _plain_failure(run_cli("remove", tmp_path / "in", data_dir=data_dir), "只读")
    _remount(data_dir, "rw")
    assert _count(data_dir, "只读标记") == 30  # nothing lost
    assert len(json.loads(run_cli("bookmark", "list", "--json", data_dir=data_dir).stdout)["bookmarks"]) == 1


def test_bookmarks_and_corrections_on_a_full_disk(tmp_path, data_dir, mounts):
    mounts(data_dir, "8m")
    write_many(tmp_path / "in", 20, marker="书签标记")
    assert run_cli("index", tmp_path / "in", data_dir=data_dir).returncode == 0
    doc = json.loads(run_cli("search", "书签标记", "--json", data_dir=data_dir).stdout)["hits"][0]["id"]
    assert run_cli("bookmark", "add", doc, "--note", "保留", data_dir=data_dir).returncode == 0
    filler = data_dir / "filler"
    with open(filler, "wb") as f:  # fill the disk to the last block
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    try:
        big_note = "很长的备注" * 6000
        _plain_failure(run_cli("bookmark", "edit", "1", "--note", big_note, data_dir=data_dir), "磁盘已满")
        _plain_failure(run_cli("correct", doc, "--title", "标题" * 15000, data_dir=data_dir), "磁盘已满")
    finally:
        filler.unlink()
    bms = json.loads(run_cli("bookmark", "list", "--json", data_dir=data_dir).stdout)["bookmarks"]
    assert [b["note"] for b in bms] == ["保留"]
    assert _integrity(data_dir) == "ok"
