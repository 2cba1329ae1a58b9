"""Issue 13, item 1: only regular files are read. A FIFO, a socket or a device named *.txt (or a
symlink to one) is skipped with a reason instead of blocking `index` forever, and SIGTERM (the
GUI's Cancel) still ends a run. Real FIFOs, sockets and device links; the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from desktop.core.errors import UndecodableFile
from desktop.core.ingest.decoding import read_text
from tests.reliability.conftest import SEED_TEXTS, no_traceback, popen_cli, run_cli, write_many

TEXT = SEED_TEXTS["maoming"]


def _special_folder(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True)
    (folder / "good.txt").write_text(TEXT + "\nTAG-good-END\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("pipe.txt", folder / "link-to-pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")  # a device that never ends
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(folder / "sock.txt"))
    sock.close()
    return {name: folder / name for name in ("pipe.txt", "link-to-pipe.txt", "zero.txt", "sock.txt")}


def test_fifo_socket_and_device_are_skipped_with_a_reason(tmp_path, data_dir):
    special = _special_folder(tmp_path / "in")
    proc = run_cli("index", tmp_path / "in", "--json", data_dir=data_dir, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["added"] == 1
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    for name in special:
        assert "不是普通文件" in reasons.get(name, ""), (name, reasons)
        assert f"跳过 {special[name]}" in proc.stderr
    found = run_cli("search", "TAG-good-END", "--json", data_dir=data_dir)
    assert json.loads(found.stdout)["total"] == 1
    # a FIFO given by name, not found in a folder, is refused the same way
    proc = run_cli("index", special["pipe.txt"], "--json", data_dir=data_dir, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "不是普通文件" in json.loads(proc.stdout)["skipped"][0]["reason"]


def test_reader_refuses_a_fifo_put_in_place_after_listing(tmp_path):
    """The read path itself never blocks: a FIFO that replaced a listed file is refused at once."""
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def read() -> None:
        try:
            read_text(fifo)
        except BaseException as exc:  # noqa: BLE001
            done.append(exc)

    t = threading.Thread(target=read, daemon=True)
    t.start()
    t.join(5)
    if t.is_alive():  # unblock the thread so the test process can end
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("read_text blocked on a FIFO")
    assert done and isinstance(done[0], UndecodableFile) and "不是普通文件" in str(done[0])
    with pytest.raises(UndecodableFile, match="不是普通文件"):
        read_text(Path("/dev/zero"))


def test_sigterm_ends_an_index_run_of_a_folder_with_a_fifo(tmp_path, data_dir):
    folder = tmp_path / "many"
    write_many(folder, 1500, marker="SIGTERMRUN")
    os.mkfifo(folder / "part001" / "000600x.txt")  # in the middle of the run
    proc = popen_cli("index", folder, "--json", "--progress-json", data_dir=data_dir)
    for line in proc.stderr:  # until the run has reached the FIFO (before the fix: blocked in it)
        event = json.loads(line)
        if event["file"].endswith("000600x.txt") or event["done"] >= 602:
            break
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    try:
        out, err = proc.communicate(timeout=30)
    except Exception:
        proc.kill()
        proc.communicate()
        pytest.fail("SIGTERM did not end `index` within 30 s")
    assert proc.returncode == 0, err
    assert json.loads(out)["cancelled"] is True
    # the rest of the run goes through and skips the FIFO
    proc = run_cli("index", "--json", data_dir=data_dir, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["documents"] == 1500
    assert any(s["path"].endswith("000600x.txt") and "不是普通文件" in s["reason"] for s in report["skipped"])
