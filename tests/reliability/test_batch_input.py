"""Issue 13, item 4: `search --batch FILE` reads its file as a stream, one line at a time, with a
line-length limit. A file that is not UTF-8, or a line without end (/dev/zero), is one plain line
and exit 2; queries before it are answered. Real files, the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time

import pytest

from tests.reliability.conftest import cli_args, no_traceback, run_cli, write_many
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    write_many(base / "in", 20, marker="批量标记")
    data = base / "data"
    assert run_cli("index", base / "in", data_dir=data).returncode == 0
    return data


@pytest.mark.parametrize("content", [
    "批量标记\n".encode("gbk") + "工会\n".encode("utf-8"),   # GBK, not UTF-8
    b"\xff\xfe" + "批量标记\n".encode("utf-16-le"),          # UTF-16
    "批量标记\n".encode("utf-8") + b"\x80\x81\n",            # a bad line after a good one
], ids=["gbk", "utf16", "bad-second-line"])
def test_batch_file_not_utf8_is_a_plain_error(archive, tmp_path, content):
    batch = tmp_path / "queries.txt"
    batch.write_bytes(content)
    proc = run_cli("search", "--batch", batch, "--json", data_dir=archive)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "不是 UTF-8" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_batch_answers_lines_before_the_bad_one(archive, tmp_path):
    batch = tmp_path / "queries.txt"
    batch.write_bytes("\ufeff批量标记\n\n第3篇\n".encode("utf-8") + b"\xc0\n")
    proc = run_cli("search", "--batch", batch, "--json", data_dir=archive)
    assert proc.returncode == 2
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [a["total"] for a in answers] == [20, 1]
    assert "第 4 行" in proc.stderr


def test_batch_from_dev_zero_stops_at_the_line_limit(archive):
    started = time.monotonic()
    proc = run_cli("search", "--batch", "/dev/zero", data_dir=archive, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert "太长" in proc.stderr
    assert time.monotonic() - started < 30


def test_batch_is_streamed_from_a_pipe(archive, tmp_path):
    """Answers come while the writer is still writing: the file is not read to its end first."""
    fifo = tmp_path / "queries.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen(cli_args("search", "--batch", fifo, "--json", data_dir=archive), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(30, proc.kill)  # a reader that waits for the end of the file never answers
    watchdog.start()
    try:
        with open(fifo, "w", encoding="utf-8") as w:
            w.write("批量标记\n")
            w.flush()
            first = proc.stdout.readline()  # before the writer has closed the pipe
            assert first, "no answer before the end of the batch file"
            assert json.loads(first)["total"] == 20
            w.write("第5篇\n")
    finally:
        watchdog.cancel()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert json.loads(out)["total"] == 1
