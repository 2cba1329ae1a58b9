"""Compare mode: choosing a section or question in one pane aligns the other; scroll lock."""

from __future__ import annotations

from gui_helpers import HEYUAN, MAOMING, ZHUHAI, open_hit, row_of, search
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor


def _open_pair(qtbot, window, left_id=HEYUAN, right_id=ZHUHAI):
    search(qtbot, window, "劳模工匠")
    left = open_hit(qtbot, window, row_of(window, left_id), 0)
    right = open_hit(qtbot, window, row_of(window, right_id), 1)
    assert window.compare.compare_mode
    return left, right


def _click_outline(qtbot, pane, item) -> None:
    """Click an outline item as a user would: scrolled into view first (the outline may be short)."""
    pane.outline.scrollToItem(item)
    visible = lambda: pane.outline.viewport().rect().contains(pane.outline.visualItemRect(item).center())  # noqa: E731
    qtbot.waitUntil(visible, timeout=5_000)
    rect = pane.outline.visualItemRect(item)
    qtbot.mouseClick(pane.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.outline.currentItem() is item


def _section_at_top(pane):
    return pane.doc.section_at(pane.top_offset())


def test_choosing_a_section_brings_the_same_section_into_view_on_the_other_side(qtbot, window):
    left, right = _open_pair(qtbot, window)
    for i, label in ((2, "谈思路"), (3, "谈未来"), (1, "谈体会")):
        item = left.outline.topLevelItem(i)
        assert item.text(0).startswith(label)
        _click_outline(qtbot, left, item)
        assert _section_at_top(left).label == label
        assert _section_at_top(right).label == label
        assert right.outline.currentItem().text(0).startswith(label)


def test_choosing_a_question_aligns_the_matching_question(qtbot, window):
    left, right = _open_pair(qtbot, window, HEYUAN, MAOMING)
    thinking = left.outline.topLevelItem(2)  # 谈思路: three questions in 河源's interview
    _click_outline(qtbot, left, thinking.child(1))  # its second question
    top = right.top_offset()
    questions = [t for t in right.doc.meta.turns if t.kind == "question"]
    section_index = next(i for i, s in enumerate(right.doc.meta.sections) if s.label == "谈思路")
    second = [t for t in questions if t.section == section_index][1]
    assert second.start - 40 <= top <= second.end
    # and the other way round
    _click_outline(qtbot, right, right.outline.topLevelItem(3))
    assert _section_at_top(left).label == "谈未来"


def test_without_compare_mode_the_other_pane_stays(qtbot, window):
    left, right = _open_pair(qtbot, window)
    window.compare.compare_button.click()
    assert not window.compare.compare_mode
    before = right.text.verticalScrollBar().value()
    _click_outline(qtbot, left, left.outline.topLevelItem(3))
    assert right.text.verticalScrollBar().value() == before


def test_scroll_lock_follows_sections(qtbot, window):
    left, right = _open_pair(qtbot, window)
    window.compare.lock_button.click()
    assert window.compare.locked
    future = next(s for s in left.doc.meta.sections if s.label == "谈未来")
    left.scroll_to(future.start)
    assert _section_at_top(right).label == "谈未来"
    thinking = next(s for s in right.doc.meta.sections if s.label == "谈思路")
    right.scroll_to(thinking.start)
    assert _section_at_top(left).label == "谈思路"


def test_swap_and_close_right(qtbot, window):
    left, right = _open_pair(qtbot, window)
    window.compare.swap_button.click()
    assert left.doc.id == ZHUHAI and right.doc.id == HEYUAN
    window.compare.close_right_button.click()
    assert not right.has_document() and not window.compare.compare_button.isVisible()


def _visible(pane, offset: int) -> bool:
    cur = QTextCursor(pane.text.document())
    cur.setPosition(pane._qt_range(offset, offset)[0])
    rect = pane.text.cursorRect(cur)
    return 0 <= rect.top() and rect.bottom() <= pane.text.viewport().height()


def test_a_document_opened_on_the_right_shows_its_current_hit(qtbot, window):
    search(qtbot, window, "劳模工匠")
    left = open_hit(qtbot, window, row_of(window, ZHUHAI), 0)
    left.goto_hit(len(left.spans) - 1)  # the left pane far down: the lock must not drag the new pane there
    right = open_hit(qtbot, window, row_of(window, HEYUAN), 1)
    assert right.hit == 0 and right.hit_label.text().startswith("第 1")
    assert _visible(right, right.spans[0][0]), "hit 1 is not on screen"
    first_line = right.text.cursorRect(right.text.cursorForPosition(QPoint(4, 1))).top()
    assert first_line >= 0, "the top line is cut in half"
