"""An indexing run that stops early (Cancel, SIGKILL) is never silent: the archive, the CLI's
`index` and `sources --json`, and every search say it is unfinished until a later run completes it."""

from __future__ import annotations

import json
import signal
import time

from tests.reliability.conftest import no_traceback, popen_cli, run_cli, write_many


def test_cancelled_run_is_reported_and_continued(tmp_path):
    from desktop.core.service import ArchiveService

    folder = tmp_path / "articles"
    write_many(folder, 300, marker="未完成测试")
    svc = ArchiveService(tmp_path / "data")
    try:
        seen = []
        report = svc.index([folder], progress=lambda d, t, f: seen.append(d), cancel=lambda: len(seen) > 120)
        assert report.cancelled
        state = svc.index_state()
        assert not state.complete
        assert state.expected == 300
        assert 0 < state.documents < 300
        assert state.describe() == f"已索引 {state.documents:,} / 300 — 未完成"
        assert svc.stats()["index"] == {"complete": False, "documents": state.documents, "expected": 300}
        result = svc.search("未完成测试")
        assert result.partial and result.to_json()["partial"] is True
        assert result.total == state.documents

        svc.index()  # no paths: the known folders again, which finishes the run
        state = svc.index_state()
        assert state.complete and state.documents == state.expected == 300
        result = svc.search("未完成测试")
        assert not result.partial and "partial" not in result.to_json()
        assert result.total == 300
    finally:
        svc.close()


def test_unchanged_rescan_leaves_the_state_complete(tmp_path):
    from desktop.core.service import ArchiveService

    folder = tmp_path / "articles"
    write_many(folder, 20)
    svc = ArchiveService(tmp_path / "data")
    try:
        svc.index([folder])
        svc.index()
        assert svc.index_state().complete
    finally:
        svc.close()


def test_killed_cli_run_is_reported_by_index_and_sources(tmp_path):
    folder = tmp_path / "articles"
    write_many(folder, 2500, marker="杀死测试")
    data = tmp_path / "data"
    proc = popen_cli("index", folder, "--progress-json", data_dir=data)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline:  # wait until past the first committed batch
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("{"):
            done = json.loads(line)["done"]
            if done >= 1200:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert done >= 1200

    out = run_cli("sources", "--json", data_dir=data)
    no_traceback(out)
    state = json.loads(out.stdout)["index"]
    assert state["complete"] is False and state["expected"] == 2500
    assert 0 < state["documents"] < 2500

    text = run_cli("sources", data_dir=data)
    assert "未完成" in text.stdout and "/ 2,500" in text.stdout

    search = run_cli("search", "杀死测试", "--json", data_dir=data)
    assert json.loads(search.stdout)["partial"] is True

    again = run_cli("index", "--json", data_dir=data, timeout=300)
    no_traceback(again)
    report = json.loads(again.stdout)
    assert report["index"] == {"complete": True, "documents": 2500, "expected": 2500}
    assert report["added"] == 2500 - state["documents"]
    out = run_cli("sources", "--json", data_dir=data)
    assert json.loads(out.stdout)["index"]["complete"] is True
