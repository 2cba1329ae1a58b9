"""Folders nobody curated: every file is either indexed correctly or skipped with its reason,
and the rest of the folder is indexed either way. Real files, real SQLite and Whoosh."""

from __future__ import annotations

import codecs
import ctypes
import json
import os
import time
from pathlib import Path

import opencc
import pytest

from desktop.core.index import indexer
from desktop.core.ingest.cleaning import match_text
from tests.reliability.conftest import FIFTY_MB_TAIL, SEED_TEXTS, no_traceback, run_cli, write_many

TEXT = SEED_TEXTS["maoming"].replace("⑬", "13")  # the one character GBK lacks
PHRASE = "以心换心诠释职工之家"
BIG5_TEXT = opencc.OpenCC("s2t").convert(TEXT)
LONG_NAME = "广东省总工会劳动模范访谈" * 5 + "长" * 6 + ".txt"  # 66 characters, 202 bytes in UTF-8

# name -> (bytes, the encoding the engine should report); each carries a tag only it contains
GOOD = {
    "plain-utf8.txt": ((TEXT + "\nTAG-utf8-END\n").encode("utf-8"), "utf-8"),
    "utf8-bom.txt": (codecs.BOM_UTF8 + (TEXT + "\nTAG-utf8bom-END\n").encode("utf-8"), "utf-8-sig"),
    "utf16-le.txt": (codecs.BOM_UTF16_LE + (TEXT + "\nTAG-utf16le-END\n").encode("utf-16-le"), "utf-16-le"),
    "utf16-be.txt": (codecs.BOM_UTF16_BE + (TEXT + "\nTAG-utf16be-END\n").encode("utf-16-be"), "utf-16-be"),
    "gb18030.txt": ((TEXT + "\nTAG-gb18030-END\n").encode("gb18030"), "gb18030"),
    # GBK bytes are valid GB18030 (its superset), which is what the engine calls them
    "gbk.txt": ((TEXT + "\nTAG-gbk-END\n").encode("gbk"), "gb18030"),
    "big5.txt": ((BIG5_TEXT + "\nTAG-big5-END\n").encode("big5", errors="ignore"), "big5"),
    "invalid-middle.txt": (None, "utf-8"),  # filled below
    "广东 工会 主席 访谈.txt": ((TEXT + "\nTAG-spaces-END\n").encode("utf-8"), "utf-8"),
    LONG_NAME: ((TEXT + "\nTAG-long-END\n").encode("utf-8"), "utf-8"),
}
_raw = (TEXT + "\nTAG-invalid-END\n").encode("utf-8")
_mid = len(_raw) // 2
while _raw[_mid] & 0xC0 == 0x80:  # on a character boundary
    _mid += 1
GOOD["invalid-middle.txt"] = (_raw[:_mid] + b"\xff\xfe\x80\x81" + _raw[_mid:], "utf-8")

# name -> a word the skip reason must contain
BAD = {
    "empty.txt": "空文件",
    "blank.txt": "空文件",
    "binary.txt": "图片",  # PNG bytes behind a .txt name: read as the image it claims to be, and broken
    "not-text.pdf": "PDF",  # .pdf files are read now: this one is not a PDF
    "loop-a.txt": "符号链接",
    "loop-b.txt": "符号链接",
    "dangling.txt": "符号链接",
}


def build_messy(folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, (data, _) in GOOD.items():
        (folder / name).write_bytes(data)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \r\n\t\n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (folder / "not-text.pdf").write_bytes(b"%PDF-1.4 ignored by extension")
    os.symlink("loop-b.txt", folder / "loop-a.txt")  # a file symlink loop a -> b -> a
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "nested.txt").write_bytes((TEXT + "\nTAG-nested-END\n").encode("utf-8"))
    os.symlink("..", sub / "parent-loop")  # a folder symlink to its parent


@pytest.fixture
def messy(tmp_path) -> Path:
    folder = tmp_path / "收件箱 folder"
    build_messy(folder)
    return folder


def test_messy_folder_indexes_every_readable_file(fresh_service, messy):
    report = fresh_service.index([messy])
    skipped = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(skipped) == set(BAD), report.skipped
    for name, word in BAD.items():
        assert word in skipped[name], (name, skipped[name])
    assert report.added == len(GOOD) + 1  # + sub/nested.txt, found once despite the loop back to its parent
    assert fresh_service.store.count() == len(GOOD) + 1
    for name, (_, encoding) in GOOD.items():
        doc = fresh_service.document(str(messy / name))
        assert doc.encoding == encoding, name
        assert match_text(PHRASE) in match_text(doc.text), name
        assert "\ufffd" not in doc.text, name
    # each file is found by its own tag, and only by it
    for tag in ("utf8", "utf8bom", "utf16le", "utf16be", "gb18030", "gbk", "big5", "invalid", "spaces", "long",
                "nested"):
        assert fresh_service.search(f"TAG-{tag}-END", limit=0).total == 1, tag
    # every copy of the text is found by a simplified query, Big5's traditional one included
    assert fresh_service.search(PHRASE, limit=0).total == len(GOOD) + 1
    # the archive keeps the same list (the GUI's Archive tab shows it after a restart)
    assert {(s.path, s.reason) for s in fresh_service.skipped()} == {(s.path, s.reason) for s in report.skipped}
    # fix the bad files: the next run indexes them and the list empties
    for name in BAD:
        (messy / name).unlink()
    (messy / "empty.txt").write_text("现在有内容了 NOWFILLED", encoding="utf-8")
    again = fresh_service.index()
    assert (again.added, again.skipped) == (1, []), again.summary()
    assert fresh_service.skipped() == []


def test_messy_folder_via_cli_prints_each_skip(messy, data_dir):
    proc = run_cli("index", messy, "--json", data_dir=data_dir)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["documents"] == len(GOOD) + 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("跳过 ")]
    for name, word in BAD.items():
        line = next((ln for ln in lines if ln.startswith(f"跳过 {messy / name}: ")), None)
        assert line is not None, (name, proc.stderr)
        assert word in line
    assert len(lines) == len(BAD)
    # the file names survive the trip: Chinese with spaces, and a 202-byte one
    for name in ("广东 工会 主席 访谈.txt", LONG_NAME):
        show = run_cli("show", messy / name, "--json", data_dir=data_dir)
        assert show.returncode == 0, show.stderr
        assert json.loads(show.stdout)["path"] == str(messy / name)
    found = run_cli("search", "TAG-long-END", "--json", data_dir=data_dir)
    assert [h["path"] for h in json.loads(found.stdout)["hits"]] == [str(messy / LONG_NAME)]


def _drop_dac_capabilities() -> None:
    """In the child, before exec: lose root's power to read files regardless of their mode."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_unreadable_file_and_folder_are_skipped(tmp_path, data_dir):
    """chmod 000 stops reads for a normal user. Root ignores it, so as root the CLI runs with the
    capabilities that let root read anything dropped (a real EACCES, no mock); where that is not
    allowed either, the test skips."""
    folder = tmp_path / "in"
    write_many(folder, 3, marker="READABLE")
    secret = folder / "secret.txt"
    secret.write_text(TEXT, encoding="utf-8")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(TEXT, encoding="utf-8")
    secret.chmod(0)
    locked.chmod(0)
    preexec = None
    if os.geteuid() == 0:
        import subprocess

        probe = subprocess.run(["cat", str(secret)], capture_output=True, preexec_fn=_drop_dac_capabilities)
        if probe.returncode == 0:
            pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE: unreadable files cannot be made")
        preexec = _drop_dac_capabilities
    try:
        data_dir.mkdir()
        proc = run_cli("index", folder, "--json", data_dir=data_dir, preexec_fn=preexec)
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == 3
    assert f"跳过 {secret}: " in proc.stderr and "没有读取权限" in proc.stderr, proc.stderr
    assert f"跳过 {locked}: 无法读取文件夹" in proc.stderr, proc.stderr


def test_file_deleted_or_changed_while_indexing(fresh_service, tmp_path):
    folder = tmp_path / "in"
    paths = write_many(folder, 10, marker="ORIGINAL")
    doomed, changed = paths[6], paths[7]

    def progress(done, total, current):
        if current == str(paths[3]):  # the indexer is at file 3: delete 6, rewrite 7
            doomed.unlink()
            changed.write_text("改写后的内容 CHANGEDMIDRUN 广东工会", encoding="utf-8")

    report = fresh_service.index([folder], progress=progress)
    assert [Path(s.path).name for s in report.skipped] == [doomed.name]
    assert "删除" in report.skipped[0].reason
    assert report.added == 9
    assert fresh_service.search("CHANGEDMIDRUN", limit=0).total == 1
    assert fresh_service.search(f"FILE{7:06d}END", limit=0).total == 0
    assert [Path(s.path).name for s in fresh_service.skipped()] == [doomed.name]
    again = fresh_service.index()
    assert (again.added, again.updated, again.unchanged, again.skipped) == (0, 0, 9, [])
    assert fresh_service.skipped() == []  # it is gone, not skipped any more


def test_file_changed_between_read_and_stat_is_reindexed_next_time(fresh_service, tmp_path, monkeypatch):
    """A writer that appends to a file just after the indexer read it (the race window is hit
    deterministically by wrapping the real read): the next run must notice the change."""
    folder = tmp_path / "in"
    paths = write_many(folder, 4, marker="BEFORE")
    target = paths[2]
    real_read = indexer.read_document

    def read_then_append(path, *args, **kwargs):
        result = real_read(path, *args, **kwargs)
        if path == target:
            time.sleep(0.01)
            with open(target, "a", encoding="utf-8") as f:
                f.write("\n追加的段落 APPENDEDLATER\n")
        return result

    monkeypatch.setattr(indexer, "read_document", read_then_append)
    fresh_service.index([folder])
    monkeypatch.setattr(indexer, "read_document", real_read)
    assert fresh_service.search("APPENDEDLATER", limit=0).total == 0  # not read this time
    again = fresh_service.index()
    assert again.updated == 1, again.summary()
    assert fresh_service.search("APPENDEDLATER", limit=0).total == 1


def test_fifty_megabyte_file(fifty_mb_job):
    """One 50 MB file (the seeds repeated), indexed by `main.py index` (started in the background
    when this test was collected, see conftest.py); then a sentence at its very end is found."""
    proc, path = fifty_mb_job["proc"], fifty_mb_job["path"]
    size = path.stat().st_size
    assert size >= 50 * 1024 * 1024
    proc.wait(timeout=600)
    took = time.monotonic() - fifty_mb_job["started"]
    fifty_mb_job["out"].seek(0)
    fifty_mb_job["err"].seek(0)
    out, err = fifty_mb_job["out"].read(), fifty_mb_job["err"].read()
    assert "Traceback" not in err
    assert proc.returncode == 0, err[-2000:]
    report = json.loads(out)
    assert (report["added"], report["documents"], report["skipped"], report["bytes"]) == (1, 1, [], size)
    found = run_cli("search", FIFTY_MB_TAIL[2:], "--json", "--snippets", "1",
                    data_dir=fifty_mb_job["base"] / "data")
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert result["total"] == 1
    assert "ZXQ" in result["hits"][0]["snippets"][0]["text"]
    print(f"50 MB file indexed in {took:.1f} s (alongside the other tests); last sentence found")


def test_twenty_thousand_tiny_files_via_cli(tmp_path, data_dir):
    folder = tmp_path / "tiny"
    for part in range(20):
        sub = folder / f"{part:02d}"
        sub.mkdir(parents=True)
        for j in range(1000):
            i = part * 1000 + j
            (sub / f"{i:05d}.txt").write_bytes(f"第{i}号小文件 NO{i:05d}X 广东工会\n".encode())
    started = time.perf_counter()
    proc = run_cli("index", folder, "--json", data_dir=data_dir, timeout=300)
    took = time.perf_counter() - started
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert (report["added"], report["documents"], report["skipped"]) == (20000, 20000, [])
    found = run_cli("search", "NO19999X", "--json", data_dir=data_dir)
    assert json.loads(found.stdout)["total"] == 1
    print(f"20,000 files indexed by the CLI in {took:.1f} s")
