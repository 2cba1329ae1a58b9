"""Indexing from the window: progress with Cancel, skipped files with reasons, drag and drop, and
a window that stays responsive while a long run goes on (it runs in a child process)."""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path

import pytest
from gui_helpers import search
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def make_archive(folder: Path, count: int, seed: int = 7) -> Path:
    """`count` small articles cut from the seeds with variations, in nested folders."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    cities = ["广州", "深圳", "汕头", "韶关", "湛江", "肇庆", "惠州", "梅州", "汕尾", "阳江", "清远", "东莞"]
    for i in range(count):
        text = texts[i % len(texts)]
        start = rng.randrange(0, max(1, len(text) - 900))
        body = text[start:start + rng.randrange(300, 900)]
        city = cities[i % len(cities)]
        sub = folder / f"batch{i // 250:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}.txt").write_text(
            f"{city}市总工会访谈 第{i}篇\n记者 测试{i}\n{body}\n编号{i:05d}{city}劳模工匠\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def big_archive(tmp_path_factory) -> Path:
    return make_archive(tmp_path_factory.mktemp("big") / "articles", 3000)


def test_cancel_an_indexing_run(qtbot, window, big_archive):
    documents_before = window.archive["stats"]["documents"]
    panel = window.index_panel
    with qtbot.waitSignal(window.runner.started, timeout=10_000):
        window.add_paths([str(big_archive)])
    assert panel.progress_box.isVisible() or not panel.isVisible()
    assert window.index_cancel.isVisible()
    qtbot.waitUntil(lambda: window.runner.done >= 20, timeout=120_000)
    assert window.runner.total == 3000
    assert "/ 3000" in panel.progress_label.text()
    window.sidebar.setCurrentIndex(2)
    with qtbot.waitSignal(window.index_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    report = blocker.args[0]
    assert report["cancelled"] is True
    assert not window.runner.is_running()
    assert not panel.progress_box.isVisible() and not window.index_cancel.isVisible()
    assert window.index_label.text() == "索引已取消"
    assert "索引已取消" in panel.report.text()
    # what was indexed before the cancel is kept, and the app still works
    qtbot.waitUntil(lambda: window.archive["stats"]["documents"] > documents_before, timeout=20_000)
    indexed = window.archive["stats"]["documents"]
    assert indexed < documents_before + 3000
    # the archive says the run is unfinished: status bar, archive tab and search notice
    expected = f"已索引 {indexed:,} / {documents_before + 3000:,} — 未完成"
    qtbot.waitUntil(lambda: window.index_label.text() == expected, timeout=10_000)
    assert panel.state.isVisible() and panel.state.text().startswith(expected)
    result = search(qtbot, window, "编号00000广州")
    assert result.total == 1
    assert "索引未完成：结果只是部分结果" in window.search_panel.summary.text()
    result = search(qtbot, window, "劳模工匠")
    assert result.total >= 5


def test_window_stays_responsive_while_indexing(qtbot, window, big_archive):
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    with qtbot.waitSignal(window.runner.started, timeout=10_000):
        window.add_paths([str(big_archive)])
    qtbot.waitUntil(lambda: window.runner.done >= 5, timeout=120_000)
    ticks.clear()
    # two seconds of a busy indexer: the GUI thread keeps ticking, and searching keeps working
    deadline = time.monotonic() + 2.0
    searched = []
    window.search_finished.connect(lambda r: searched.append(r))
    window.search_panel.set_query("劳模工匠")
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    timer.stop()
    assert window.runner.is_running(), "the run should still be going: the test is meant to overlap it"
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 40
    assert max(gaps) < 0.5, f"the GUI thread stalled for {max(gaps):.2f} s"
    assert searched and searched[-1] is not None and searched[-1].total >= 5
    with qtbot.waitSignal(window.index_finished, timeout=60_000):
        window.cancel_indexing()


def test_skipped_files_are_listed_with_their_reason(qtbot, window, tmp_path):
    folder = make_archive(tmp_path / "messy", 6)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    with qtbot.waitSignal(window.index_finished, timeout=120_000) as blocker:
        window.add_paths([str(folder)])
    report = blocker.args[0]
    assert not report["cancelled"] and report["added"] >= 6
    skipped = {Path(s["path"]).name for s in report["skipped"]}
    assert "binary.txt" in skipped
    tree = window.index_panel.skipped
    qtbot.waitUntil(lambda: tree.topLevelItemCount() >= 1, timeout=10_000)
    rows = {tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())}
    assert "binary.txt" in rows and rows["binary.txt"].strip()
    assert "跳过的文件" in window.index_panel.skipped_title.text()
    assert str(folder) in [window.index_panel.sources.item(i).text() for i in range(window.index_panel.sources.count())]


def test_drop_a_folder_on_the_window_adds_it(qtbot, window, tmp_path):
    folder = make_archive(tmp_path / "dropped", 3, seed=11)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)  # QApplication only routes drag events during a real drag: call the handlers
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.index_finished, timeout=60_000) as blocker:
        window.dropEvent(drop)
    assert blocker.args[0]["added"] == 3
    qtbot.waitUntil(lambda: window.archive["stats"]["documents"] == 8, timeout=10_000)
    assert search(qtbot, window, "编号00001").total == 1


def test_the_archive_tab_has_no_empty_bands(qtbot, window):
    window.sidebar.setCurrentIndex(2)
    qtbot.wait(100)
    panel = window.index_panel
    assert not panel.skipped.isVisible()
    gap = panel.skipped_title.geometry().top() - panel.sources.geometry().bottom()
    assert gap < 120, f"{gap} px between the folder list and the skipped-files line"


def test_the_folder_dialog_speaks_chinese(qtbot, window):
    from PySide6.QtWidgets import QFileDialog, QLabel

    from desktop.gui.file_dialogs import make_dialog

    dialog = make_dialog(window, "添加文件夹")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    assert labels and not [t for t in labels if any("a" <= c.lower() <= "z" for c in t.replace("&", ""))], labels
    dialog.reject()


def test_the_archive_tab_counts_files_by_format(qtbot, window, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "ingest"))
    from format_fixtures import write_pdf

    folder = tmp_path / "mixed"
    folder.mkdir()
    write_pdf(folder / "a.pdf")
    (folder / "b.txt").write_text("惠州市总工会召开会议\n\n会议内容。\n", encoding="utf-8")
    with qtbot.waitSignal(window.index_finished, timeout=120_000):
        window.add_paths([str(folder)])
    text = window.index_panel.report.text()
    assert "PDF：读取 1 个" in text and "文本：读取 1 个" in text
