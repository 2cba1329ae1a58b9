"""Fonts, colours and the style sheet: one place for the look of the app.

Chinese needs a simplified-Chinese family named explicitly: Qt's own fallback picks Noto Sans
CJK JP glyph shapes (see docs/known-pitfalls.md), so every font here lists an SC family first.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

UI_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
               "Source Han Sans SC", "sans-serif"]
TEXT_FAMILIES = ["Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "SimSun",
                 "Songti SC", "serif"]

HIT = QColor("#ffe07a")  # every hit of the query
CURRENT_HIT = QColor("#ff9d3b")  # the hit F3 stepped to
PASSAGE = QColor("#bfe6c8")  # a bookmarked passage opened from the bookmarks panel
ACCENT = "#b3261e"  # headings and section labels (a muted red, as in the printed originals)
MUTED = "#66615a"
QUESTION = "#1d4f7a"

SNIPPET_MARK_HTML = "background-color:#ffe07a; color:#000;"


def ui_font(point_size: float = 10.0) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def text_font(point_size: float = 12.0) -> QFont:
    font = QFont()
    font.setFamilies(TEXT_FAMILIES)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


STYLE_SHEET = """
QMainWindow, QDialog { background: #f6f5f2; }
QToolBar { background: #efede8; border: none; border-bottom: 1px solid #dcd8cf; spacing: 6px; padding: 4px 6px; }
QStatusBar { background: #efede8; border-top: 1px solid #dcd8cf; }
QStatusBar QLabel { color: #4a463f; padding: 0 8px; }
QTabWidget::pane { border: 1px solid #dcd8cf; background: #ffffff; top: -1px; }
QTabBar::tab { padding: 5px 14px; background: #e9e6df; border: 1px solid #dcd8cf; border-bottom: none;
               margin-right: 2px; border-top-left-radius: 4px; border-top-right-radius: 4px; }
QTabBar::tab:selected { background: #ffffff; }
QListView, QTreeView, QTreeWidget, QListWidget, QTextBrowser, QPlainTextEdit {
    background: #ffffff; border: 1px solid #dcd8cf; selection-background-color: #d6e6f7; selection-color: #111; }
QListWidget#cityChips { border: none; background: transparent; }
QListWidget#cityChips::item { border: 1px solid #d3cec3; border-radius: 10px; padding: 2px 8px; margin: 2px;
                              background: #ffffff; color: #333; }
QListWidget#cityChips::item:selected { background: #b3261e; border-color: #b3261e; color: #ffffff; }
QListWidget#cityChips::item:hover:!selected { background: #f3e6e4; }
QComboBox#searchBox { padding: 4px 8px; font-size: 11.5pt; border: 1px solid #c9c3b6; border-radius: 4px;
                      background: #ffffff; min-height: 24px; }
QComboBox#searchBox:focus { border: 1px solid #b3261e; }
QLabel#docHeader { background: #fbfaf7; border: 1px solid #e3dfd6; border-radius: 4px; padding: 6px 8px; }
QLabel#emptyHint { color: #8a857c; font-size: 11pt; }
QLabel#summary { color: #4a463f; }
QLabel#warning { color: #8a4b00; background: #fff4e0; border: 1px solid #e8c28a; border-radius: 4px; padding: 4px 6px; }
QLabel#hitLabel { color: #4a463f; min-width: 84px; }
QToolButton { padding: 2px 6px; }
QToolButton::menu-indicator { image: none; width: 0px; }
QToolButton:checked { background: #e6d3cf; border: 1px solid #c9a9a3; border-radius: 3px; }
QProgressBar { border: 1px solid #c9c3b6; border-radius: 3px; background: #ffffff; text-align: center; height: 14px; }
QProgressBar::chunk { background: #b3261e; }
QSplitter::handle { background: #e3dfd6; }
QSplitter::handle:horizontal { width: 4px; }
QSplitter::handle:vertical { height: 4px; }
"""
