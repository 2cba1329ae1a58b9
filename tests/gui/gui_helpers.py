"""Helpers for the GUI tests: open a window, search and open results as a user would."""

from __future__ import annotations

from pathlib import Path

from desktop.core.index.indexer import doc_id_for

_SEEDS = (Path(__file__).resolve().parents[2] / "seeds").resolve()
# Document ids are hashes of the seed files' absolute paths (the tests index the repo's seeds/).
HEYUAN = doc_id_for(str(_SEEDS / "002_cba2e6ab6a53fdd1.txt"))  # 河源市, 黄远程: 劳模工匠 7 times
ZHUHAI = doc_id_for(str(_SEEDS / "001_b2818bfe998f7276.txt"))  # 珠海市, 吕红珍
MAOMING = doc_id_for(str(_SEEDS / "000_6ae12ce34c73e871.txt"))  # 茂名市, 黄奕奕


def make_window(qtbot, data_dir: Path, *, restore: bool = False, start: bool = True):
    from desktop.gui.main_window import MainWindow
    from desktop.gui.settings import Settings

    window = MainWindow(data_dir, Settings.for_data_dir(data_dir), restore=restore)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    if start:
        with qtbot.waitSignal(window.service_ready, timeout=30_000):
            window.start()
        qtbot.waitUntil(lambda: window.is_search_settled() and bool(window.archive), timeout=30_000)
    return window


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII key by key, Chinese as an input method commits it (QTest's key
    clicks only know ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(qtbot, window, text: str, *, timeout: int = 10_000):
    """Type a query into the search box like a user and wait for its results."""
    box = window.search_panel.box.lineEdit()
    box.clear()
    with qtbot.waitSignal(window.search_finished, timeout=timeout,
                          check_params_cb=lambda r: r is not None and r.query == text.strip()) as blocker:
        type_text(qtbot, box, text)
    return blocker.args[0]


def open_hit(qtbot, window, row: int, side: int):
    """Select a result with the keyboard and open it: Enter (left) or Ctrl+Enter (right)."""
    from PySide6.QtCore import Qt

    view = window.results
    view.setFocus()
    view.setCurrentIndex(window.results_model.index(row, 0))
    modifier = Qt.KeyboardModifier.ControlModifier if side else Qt.KeyboardModifier.NoModifier
    with qtbot.waitSignal(window.document_opened, timeout=10_000, check_params_cb=lambda s: s == side):
        qtbot.keyClick(view, Qt.Key.Key_Return, modifier)
    return window.compare.pane(side)


def row_of(window, doc_id: str) -> int:
    hits = window.results_model.hits()
    return next(i for i, h in enumerate(hits) if h.id == doc_id)
