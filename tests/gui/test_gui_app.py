"""The app around the window: --screenshot, single instance, the error hook, translations,
and what is remembered between launches."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from gui_helpers import HEYUAN, ZHUHAI, make_window, open_hit, row_of, search
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_option_renders_the_window_to_a_png(data_dir, tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data_dir), "--screenshot", str(out), "--query", "劳模工匠",
         "--open", HEYUAN, "--compare", ZHUHAI],
        check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 860)
    # not a blank picture: many distinct colours (text, highlights, chips)
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 860, 7)}
    assert len(colours) > 50


def test_screenshot_with_a_bad_id_still_exits_cleanly(data_dir, tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data_dir), "--screenshot", str(out), "--open", "nope"],
        check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "找不到文档" in proc.stderr or "nope" in proc.stderr
    assert out.exists()


def test_a_second_launch_raises_the_first_window(qtbot, data_dir):
    """A second `python main.py` finds this process listening, asks it to raise, and exits 0."""
    from desktop.gui.single_instance import InstanceServer, server_name

    server = InstanceServer(server_name(data_dir))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        with qtbot.waitSignal(server.raise_requested, timeout=30_000):
            proc = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(data_dir)], cwd=ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
        assert proc.returncode == 0
        assert "already running" in proc.stderr.read()
    finally:
        server.server.close()


def test_unexpected_errors_show_a_plain_message_and_are_logged(qtbot, tmp_path, monkeypatch):
    from desktop.app import install_excepthook

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ARCHIVE_BROWSER_NO_ERROR_DIALOG", raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    import threading

    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthook()
    shown = []

    def close_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(50, close_box)

    QTimer.singleShot(50, close_box)
    try:
        raise ValueError("坏数据")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert shown and shown[0].startswith("出现了意外错误：ValueError: 坏数据")
    assert "Traceback" not in shown[0]
    logs = list((tmp_path / "cache").rglob("gui-error.log"))
    assert logs and "Traceback" in logs[0].read_text(encoding="utf-8")


def test_translations_are_complete_and_the_ui_is_chinese(window):
    ts = ROOT / "resources" / "translations" / "archive_browser_zh_CN.ts"
    unfinished = [m.findtext("source") for m in ET.parse(ts).getroot().iter("message")
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []
    assert (ts.with_suffix(".qm")).exists()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "搜索(&S)", "阅读(&R)", "视图(&V)", "设置(&T)", "帮助(&H)"]
    assert [window.sidebar.tabText(i) for i in range(3)] == ["搜索", "书签", "档案"]
    assert window.windowTitle() == "新闻档案浏览器"


def test_english_can_be_chosen(qtbot, data_dir):
    """The same window in English (no translator), as `--lang en` gives it."""
    app = QApplication.instance()
    translators = list(getattr(app, "_archive_translators", []))
    for t in translators:
        app.removeTranslator(t)
    try:
        w = make_window(qtbot, data_dir, start=False)
        assert [w.sidebar.tabText(i) for i in range(3)] == ["Search", "Bookmarks", "Archive"]
        w.close()
    finally:
        for t in translators:
            app.installTranslator(t)
    from desktop.gui.settings import Settings

    s = Settings.for_data_dir(data_dir)
    s.language = "en"
    assert Settings.for_data_dir(data_dir).language == "en"


def test_the_window_remembers_query_documents_and_layout(qtbot, data_dir):
    w = make_window(qtbot, data_dir, restore=True)
    search(qtbot, w, "劳模工匠")
    open_hit(qtbot, w, row_of(w, HEYUAN), 0)
    open_hit(qtbot, w, row_of(w, ZHUHAI), 1)
    w.splitter.setSizes([330, 1070])
    sizes = w.splitter.sizes()
    w.close()

    again = make_window(qtbot, data_dir, restore=True)
    qtbot.waitUntil(lambda: again.compare.pane(1).has_document() and again.compare.pane(0).has_document(),
                    timeout=10_000)
    assert again.search_panel.query() == "劳模工匠"
    assert again.compare.pane(0).doc.id == HEYUAN and again.compare.pane(1).doc.id == ZHUHAI
    assert abs(again.splitter.sizes()[0] - sizes[0]) <= 2
    qtbot.waitUntil(lambda: again.results_model.rowCount() == 5, timeout=10_000)
    again.close()
