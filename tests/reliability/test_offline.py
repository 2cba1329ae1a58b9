"""Offline, always: indexing, searching, exporting and the GUI open no network connection.

Every socket connection (and name lookup) raises during these tests and is recorded; a test
fails if anything tried, even if the code swallowed the error. In-process through monkeypatch,
and in subprocesses (CLI, and the GUI's own child processes) through a sitecustomize.py.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.reliability import netguard
from tests.reliability.conftest import cli_env, no_traceback, run_cli

HERE = Path(__file__).resolve().parent


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[str] = []
    netguard.install(monkeypatch.setattr, attempts.append)
    with pytest.raises(OSError):  # the guard is really in place
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("192.0.2.1", 53))
    attempts.clear()
    return attempts


@pytest.fixture
def guard_env(tmp_path) -> tuple[dict[str, str], Path]:
    """Environment for subprocesses: the same guard, installed by sitecustomize, logging to a file."""
    folder = tmp_path / "guard"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(netguard.SITECUSTOMIZE.format(folder=str(HERE)), encoding="utf-8")
    log = tmp_path / "network-attempts.log"
    env = cli_env(PYTHONPATH=str(folder), NETGUARD_LOG=str(log), QT_QPA_PLATFORM="offscreen",
                  ARCHIVE_BROWSER_NO_ERROR_DIALOG="1")
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), 1)"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "blocked by the offline test" in probe.stderr, probe.stderr
    assert log.exists()
    log.unlink()
    return env, log


def _attempts(log: Path) -> str:
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_index_search_bookmark_export_in_process(no_network, fresh_service, tmp_path):
    from desktop.core.excerpts.export import FORMATS, excerpts_from_bookmarks, excerpts_from_hits, export

    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    report = fresh_service.index([folder])
    assert report.added == 5
    result = fresh_service.search("工会主席", limit=0)
    assert result.total >= 1
    fresh_service.search("city:茂名 OR 劳模 -珠海")
    doc = fresh_service.document(result.hits[0].id)
    fresh_service.bookmarks.add_passage(doc, 10, 40, note="离线")
    fresh_service.bookmarks.add_document(doc)
    from_hits = excerpts_from_hits(result.hits, fresh_service.document)
    from_marks = excerpts_from_bookmarks(fresh_service.bookmarks.list(), fresh_service.document)
    for fmt in FORMATS:
        assert export(from_hits, fmt, tmp_path / f"hits.{fmt}").stat().st_size > 0
        assert export(from_marks, fmt, tmp_path / f"marks.{fmt}").stat().st_size > 0
    assert no_network == [], no_network[0]


def test_gui_in_process(no_network, tmp_path, monkeypatch, guard_env):
    """The main window opens on an empty archive (it seeds it through a child `index` process,
    guarded too), searches, and opens a document."""
    pytest.importorskip("PySide6")
    try:
        from desktop.gui.main_window import MainWindow
        from desktop.gui.settings import Settings
    except ImportError as exc:
        pytest.skip(f"the main window is not available: {exc}")
    from PySide6.QtWidgets import QApplication

    env, log = guard_env
    for key in ("PYTHONPATH", "NETGUARD_LOG"):
        monkeypatch.setenv(key, env[key])
    app = QApplication.instance() or QApplication([sys.argv[0]])
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    window = MainWindow(data_dir, Settings.for_data_dir(data_dir), restore=False)
    state = {"ready": False, "indexed": None, "opened": False}
    window.service_ready.connect(lambda: state.update(ready=True))
    window.index_finished.connect(lambda report: state.update(indexed=report))
    window.document_opened.connect(lambda side: state.update(opened=True))

    def wait_for(condition, timeout=60.0):
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"timed out; state {state}"
            app.processEvents()
            time.sleep(0.01)

    try:
        window.show()
        window.start()
        wait_for(lambda: state["ready"])
        wait_for(lambda: state["indexed"] is not None)  # the first launch indexes the bundled seeds
        assert state["indexed"].get("added") == 5, state["indexed"]
        window.search_panel.set_query("工会主席")
        wait_for(lambda: window.is_search_settled() and window.results_model.rowCount() > 0)
        window.open_document(window.svc.search("工会主席").hits[0].id, 0)
        wait_for(lambda: state["opened"])
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    assert no_network == [], no_network[0]
    assert _attempts(log) == ""


def test_cli_and_gui_subprocesses(guard_env, tmp_path):
    env, log = guard_env
    data = tmp_path / "data"
    proc = run_cli("index", SEEDS, data_dir=data, env=env)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("search", "工会主席", "--json", data_dir=data, env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout)["total"] >= 1, proc.stderr
    from desktop.core.excerpts.export import FORMATS

    for fmt in FORMATS:
        out = tmp_path / f"hits.{fmt}"
        proc = run_cli("export", "--query", "工会主席", "--format", fmt, "-o", out, data_dir=data, env=env)
        no_traceback(proc)
        assert proc.returncode == 0, (fmt, proc.stderr)
        assert out.stat().st_size > 0
    if (ROOT / "desktop" / "app.py").exists():
        shot = tmp_path / "window.png"
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "--screenshot",
                               str(shot), "--query", "工会主席"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
        assert "Traceback" not in proc.stderr
        assert proc.returncode == 0, proc.stderr
        assert shot.stat().st_size > 0
    assert _attempts(log) == ""


NETWORK_IMPORTS = (r"^\s*(import|from)\s+(urllib\.request|urllib3|http\.client|http\.server|requests|httpx|"
                   r"aiohttp|ftplib|smtplib|webbrowser|socket|ssl|xmlrpc)\b")
NETWORK_QT = r"\b(QNetworkAccessManager|QNetworkRequest|QTcpSocket|QUdpSocket|QSslSocket|QWebEngine\w*)\b"


def test_no_network_api_in_the_code():
    """The runtime guards above see Python sockets only; Qt's C++ networking would bypass them, so the
    code itself must not use a network API (QLocalServer/QLocalSocket, local IPC, are fine)."""
    import re

    imports, qt = re.compile(NETWORK_IMPORTS), re.compile(NETWORK_QT)
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")) + [ROOT / "main.py"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if imports.search(code) or qt.search(code):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, offenders
