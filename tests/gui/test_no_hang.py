"""--screenshot and the app's exit never hang: no message box nobody can close (offscreen, or on a
worker thread), background work outliving the event loop is dropped, and the screenshot driver
gives up after its timeout, saying what it was still waiting for."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from gui_helpers import make_window
from PySide6.QtWidgets import QMessageBox

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hook(monkeypatch, tmp_path):
    """install_excepthook(dialogs) with the hooks restored afterwards and message boxes recorded."""
    from desktop import app

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ARCHIVE_BROWSER_NO_ERROR_DIALOG", raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: boxes.append(threading.current_thread().name))

    def install(dialogs: bool = True) -> list[str]:
        app.install_excepthook(dialogs=dialogs)
        return boxes

    return install


def _raise_into_hook(message: str) -> None:
    try:
        raise ValueError(message)
    except ValueError:
        sys.excepthook(*sys.exc_info())


def test_an_error_on_a_worker_thread_never_opens_a_message_box(hook, capfd):
    boxes = hook(dialogs=True)
    worker = threading.Thread(target=_raise_into_hook, args=("坏数据",), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert boxes == []
    assert "error: ValueError: 坏数据" in capfd.readouterr().err


def test_screenshot_mode_never_opens_a_message_box(hook, capfd):
    boxes = hook(dialogs=False)
    _raise_into_hook("坏数据")
    assert boxes == []
    assert "error: ValueError: 坏数据" in capfd.readouterr().err


def test_a_result_delivered_after_the_application_is_gone_is_dropped(qapp):
    """At exit PySide deletes the dispatcher while a task may still run: its delivery must not raise
    (that error reached the hook on the worker thread, whose message box blocked the exit)."""
    import shiboken6

    from desktop.gui import workers

    gone = workers._Dispatcher()
    shiboken6.delete(gone)
    delivered = []
    task = workers._Task(lambda: 42, delivered.append, None)
    task._dispatcher = gone
    task.run()  # raised RuntimeError("Signal source has been deleted") before
    failing = workers._Task(lambda: 1 / 0, None, delivered.append)
    failing._dispatcher = gone
    failing.run()
    assert delivered == []


def test_the_screenshot_driver_gives_up_saying_what_it_waits_for(qtbot, data_dir, tmp_path, capfd):
    from desktop.app import ScreenshotDriver

    window = make_window(qtbot, data_dir, start=False)  # the archive never opens

    class App:
        code: int | None = None

        def exit(self, code: int) -> None:
            self.code = code

    app = App()
    shot = tmp_path / "shot.png"
    args = argparse.Namespace(screenshot=str(shot), query="工会", open=None, compare=None, timing=False)
    driver = ScreenshotDriver(window, app, args, timeout=0.5)
    qtbot.waitUntil(lambda: app.code is not None, timeout=10_000)
    assert app.code == 1
    assert shot.exists()
    err = capfd.readouterr().err
    assert "not ready after" in err and "the archive to open" in err
    assert driver.finished


def _run_screenshot(tmp_path: Path, data_dir: Path, site: str, timeout: float = 90):
    """`main.py --screenshot` with a sitecustomize that changes the app's behaviour (a slow
    task, a broken module), as a loaded machine or a half-edited file would."""
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "sitecustomize.py").write_text(textwrap.dedent(site), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(site_dir),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("ARCHIVE_BROWSER_NO_ERROR_DIALOG", None)
    out = tmp_path / "shot.png"
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "--screenshot", str(out),
                           "--query", "工会"], check=False, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    return proc, out, time.monotonic() - started


_PATCH = """
import importlib.abc, importlib.machinery, sys, time

class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != {module!r}:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            {patch}

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _Finder())
"""


def test_screenshot_exits_while_a_background_task_is_still_running(tmp_path, data_dir):
    """A task that outlives the picture (bookmarks listed slowly on a loaded machine) used to hang
    the exit: its result hit the deleted dispatcher, and the hook's message box on the worker
    thread never closed while the main thread waited for the pool."""
    patch = ("real = module.BookmarkStore.list\n"
             "            def slow(self, *a, **k):\n"
             "                t = time.monotonic()\n"
             "                while time.monotonic() - t < 4:  # busy, as on a loaded machine\n"
             "                    sum(range(1000))\n"
             "                return real(self, *a, **k)\n"
             "            module.BookmarkStore.list = slow")
    proc, out, took = _run_screenshot(tmp_path, data_dir, _PATCH.format(module="desktop.core.excerpts.bookmarks",
                                                                         patch=patch), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert out.exists()
    assert "Traceback" not in proc.stderr


def test_screenshot_with_a_broken_module_fails_at_once(tmp_path, data_dir):
    """An error while starting (a half-edited file) used to open a message box nobody could close."""
    patch = "raise SyntaxError('simulated: a half-edited file')"
    proc, out, took = _run_screenshot(tmp_path, data_dir, _PATCH.format(module="desktop.gui.reader_text",
                                                                        patch=patch), timeout=60)
    assert proc.returncode == 1
    assert "error: SyntaxError: simulated: a half-edited file" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert took < 30


def test_the_watchdog_ends_a_blocked_process(tmp_path):
    """The last resort of --screenshot: whatever blocks, the process ends with its stacks on stderr."""
    code = "import time\nfrom desktop.app import _arm_watchdog\n_arm_watchdog(1)\ntime.sleep(60)\n"
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    assert time.monotonic() - started < 30
    assert "no exit after 1 s" in proc.stderr and "time.sleep" not in proc.stderr.splitlines()[0]
    assert 'File "<string>", line 4' in proc.stderr  # the blocked main thread's stack
