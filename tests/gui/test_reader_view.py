"""Opening results in the two panes, stepping through hits, the outline, text size, original text."""

from __future__ import annotations

from gui_helpers import HEYUAN, ZHUHAI, open_hit, row_of, search
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _highlighted(pane) -> list[str]:
    return [sel.cursor.selectedText() for sel in pane.text.extraSelections()]


def test_open_documents_in_both_panes(qtbot, window):
    search(qtbot, window, "劳模工匠")
    left = open_hit(qtbot, window, row_of(window, HEYUAN), 0)  # Enter
    right = open_hit(qtbot, window, row_of(window, ZHUHAI), 1)  # Ctrl+Enter
    assert left.doc.id == HEYUAN and right.doc.id == ZHUHAI
    assert "职工对美好生活的向往" in left.header.text()
    assert "黄远程" in left.header.text() and "河源市" in left.header.text()
    assert "工会主席访谈⑭" in left.header.text() and "彭新启" in left.header.text()
    assert "珠海市" in right.header.text()
    # the outline: sections, and the questions under them
    tops = [left.outline.topLevelItem(i).text(0) for i in range(left.outline.topLevelItemCount())]
    assert tops[0] == "开篇"
    assert [t.split()[0] for t in tops[1:]] == ["谈体会", "谈思路", "谈未来"]
    thinking = left.outline.topLevelItem(2)
    assert thinking.childCount() == 3 and thinking.child(0).text(0).startswith("问1 近年来")
    # both panes highlight the query's hits
    assert len(left.spans) == 7
    assert all(t == "劳模工匠" for t in _highlighted(left))
    assert window.compare.compare_button.isVisible()


def test_double_click_opens_on_the_left(qtbot, window):
    search(qtbot, window, "劳模工匠")
    view = window.results
    rect = view.visualRect(window.results_model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.document_opened, timeout=10_000, check_params_cb=lambda s: s == 0):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.compare.pane(0).doc.id == window.results_model.hit(1).id


def test_step_through_hits_with_f3(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    assert pane.hit_label.text() == "第 1 / 7 处"
    pane.text.setFocus()
    qtbot.keyClick(pane.text, Qt.Key.Key_F3)
    assert pane.hit_label.text() == "第 2 / 7 处"
    s, e = pane.spans[1]
    assert pane.doc.text[s:e] == "劳模工匠"
    assert pane.text.textCursor().position() == s  # the cursor moved to the hit
    for _ in range(5):
        qtbot.keyClick(pane.text, Qt.Key.Key_F3)
    assert pane.hit_label.text() == "第 7 / 7 处"
    qtbot.keyClick(pane.text, Qt.Key.Key_F3)
    assert pane.hit_label.text() == "第 1 / 7 处"  # wraps around
    qtbot.keyClick(pane.text, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.hit_label.text() == "第 7 / 7 处"
    # the current hit is marked apart from the others
    colors = {sel.format.background().color().name() for sel in pane.text.extraSelections()}
    assert len(colors) == 2
    # the hit is scrolled into view
    rect = pane.text.cursorRect()
    assert 0 <= rect.top() < pane.text.viewport().height()


def test_hits_follow_a_new_query(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    search(qtbot, window, "河源")
    qtbot.waitUntil(lambda: pane.query == "河源", timeout=10_000)
    assert pane.spans and all(pane.doc.text[s:e] == "河源" for s, e in pane.spans)


def test_font_size_shortcuts(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, 0, 0)
    size = pane.font_size()
    qtbot.keyClick(pane.text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pane.font_size() == size + 1
    qtbot.keyClick(pane.text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pane.font_size() == size - 1
    assert window.settings.font_size == size - 1


def test_original_text_toggle_keeps_the_hits(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    cleaned = pane.text.toPlainText()
    qtbot.keyClick(pane.text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # Reader > original text
    assert pane.show_original
    shown = pane.text.toPlainText()
    assert shown != cleaned and len(shown) >= len(pane.doc.text)
    marked = [t for t in _highlighted(pane)]
    assert marked and all("".join(t.split()) == "劳模工匠" for t in marked)
    qtbot.keyClick(pane.text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not pane.show_original and pane.text.toPlainText() == cleaned


def test_copy_with_citation(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    start = pane.doc.text.index("制造业是河源高质量发展的当家产业")
    pane.select_range(start, start + 16)
    qtbot.keyClick(pane.text, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copied = QApplication.clipboard().text()
    assert copied.startswith("制造业是河源高质量发展的当家产业")
    assert "《职工对美好生活的向往,就是工会的奋斗目标》" in copied and "谈思路" in copied


def test_ctrl_1_and_ctrl_2_focus_the_panes(qtbot, window):
    search(qtbot, window, "劳模工匠")
    open_hit(qtbot, window, 0, 0)
    open_hit(qtbot, window, 1, 1)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.compare.active == 0 and window.compare.pane(0).text.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.compare.active == 1 and window.compare.pane(1).text.hasFocus()


def test_long_outline_entries_wrap_instead_of_being_cut_off(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    qtbot.wait(100)
    tree = pane.outline
    line = tree.fontMetrics().height()
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    items += [it.child(j) for it in items for j in range(it.childCount())]
    longest = max(items, key=lambda it: tree.fontMetrics().horizontalAdvance(it.text(0)))
    assert tree.fontMetrics().horizontalAdvance(longest.text(0)) > tree.viewport().width()  # would be cut
    rect = tree.visualItemRect(longest)
    assert rect.height() >= 2 * line and rect.right() <= tree.viewport().width() + 1
