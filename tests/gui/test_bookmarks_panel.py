"""Bookmarking a selected passage (Ctrl+D, with a note), finding it under its city, editing it,
opening it again, and exporting bookmarks with a format chooser and a preview."""

from __future__ import annotations

import os
from pathlib import Path

from gui_helpers import HEYUAN, ZHUHAI, open_hit, row_of, search, type_text
from PySide6.QtCore import Qt

PASSAGE = "制造业是河源高质量发展的当家产业"


def _bookmark_selection(qtbot, window, pane, note: str = "", city: str | None = None):
    pane.text.setFocus()
    qtbot.keyClick(pane.text, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = window.bookmark_dialog
    assert dialog is not None and dialog.isVisible()
    if note:
        type_text(qtbot, dialog.note, note)
    if city is not None:
        dialog.city.setEditText(city)
    with qtbot.waitSignal(window.bookmark_added, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    panel = window.bookmarks_panel
    qtbot.waitUntil(lambda: any(b.id == blocker.args[0].id for b in panel.bookmarks()), timeout=10_000)
    return blocker.args[0]


def _bookmark_the_passage(qtbot, window, note: str):
    """Search 劳模工匠, open Heyuan's story on the left, select PASSAGE and bookmark it with a note:
    (the pane, the passage's start, the bookmark)."""
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    start = pane.doc.text.index(PASSAGE)
    pane.select_range(start, start + len(PASSAGE))
    return pane, start, _bookmark_selection(qtbot, window, pane, note=note)


def _city_heads(panel) -> dict[str, object]:
    return {panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i)
            for i in range(panel.tree.topLevelItemCount())}


def test_bookmark_a_selected_passage_and_find_it_under_its_city(qtbot, window):
    pane, start, bookmark = _bookmark_the_passage(qtbot, window, "写报告时引用")
    assert (bookmark.start, bookmark.end, bookmark.quote) == (start, start + len(PASSAGE), PASSAGE)
    assert bookmark.city == "河源市" and bookmark.note == "写报告时引用"

    panel = window.bookmarks_panel
    heads = _city_heads(panel)
    assert list(heads) == ["河源市（1）"]
    child = heads["河源市（1）"].child(0)
    assert child.text(0) == PASSAGE and child.text(1) == "写报告时引用"
    assert window.sidebar.tabText(1) == "书签（1）"

    # a second passage, from another city, filed under a city the user chose
    pane2 = open_hit(qtbot, window, row_of(window, ZHUHAI), 1)
    s2 = pane2.spans[0][0]
    pane2.select_range(s2, s2 + 10)
    window.focus_pane(1)
    _bookmark_selection(qtbot, window, pane2, city="广州市")
    heads = _city_heads(panel)
    assert set(heads) == {"河源市（1）", "广州市（1）"}

    # a click only selects; a double click (or Enter) opens the passage in the reader, highlighted
    window.compare.close_right()
    pane.clear()
    window.sidebar.setCurrentIndex(1)
    item = _city_heads(panel)["河源市（1）"].child(0)
    panel.tree.scrollToItem(item)
    where = panel.tree.visualItemRect(item).center()
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.wait(300)
    assert pane.doc is None and panel.tree.currentItem() is item
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert pane.doc.id == HEYUAN and pane.passage == (start, start + len(PASSAGE))
    assert pane.text.textCursor().selectedText() == PASSAGE


def test_opening_a_bookmark_never_puts_a_second_copy_beside_its_document(qtbot, window):
    search(qtbot, window, "劳模工匠")
    left = open_hit(qtbot, window, row_of(window, ZHUHAI), 0)
    right = open_hit(qtbot, window, row_of(window, HEYUAN), 1)
    start = right.doc.text.index(PASSAGE)
    right.select_range(start, start + len(PASSAGE))
    window.focus_pane(1)
    _bookmark_selection(qtbot, window, right)
    window.compare.set_active(0)  # the user reads on the left again
    panel = window.bookmarks_panel
    window.sidebar.setCurrentIndex(1)
    item = _city_heads(panel)["河源市（1）"].child(0)
    panel.tree.setCurrentItem(item)
    panel.tree.setFocus()
    with qtbot.waitSignal(window.document_opened, timeout=10_000) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert blocker.args[0] == 1  # shown where Heyuan already was
    assert left.doc.id == ZHUHAI and right.doc.id == HEYUAN


def test_a_removed_bookmark_comes_back_with_undo(qtbot, window):
    pane, start, bookmark = _bookmark_the_passage(qtbot, window, "别丢了")
    panel = window.bookmarks_panel
    window.sidebar.setCurrentIndex(1)
    panel.tree.setCurrentItem(panel.find_item(bookmark.id))
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not panel.bookmarks(), timeout=10_000)
    assert "Ctrl+Z" in window.statusBar().currentMessage() and panel.undo_button.isVisible()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(panel.bookmarks()) == 1, timeout=10_000)
    back = panel.bookmarks()[0]
    assert (back.id, back.note, back.quote, back.start) == (bookmark.id, "别丢了", PASSAGE, start)
    assert not panel.undo_button.isVisible()


def test_ctrl_d_without_a_selection_explains_itself(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, 0, 0)
    pane.text.setFocus()
    qtbot.keyClick(pane.text, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.bookmark_dialog is None
    assert "Ctrl+D" in window.statusBar().currentMessage()


def test_bookmark_whole_document_and_edit_note_and_city(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    qtbot.mouseClick(pane.doc_button, Qt.MouseButton.LeftButton)
    dialog = window.bookmark_dialog
    with qtbot.waitSignal(window.bookmark_added, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].kind == "document"
    panel = window.bookmarks_panel
    qtbot.waitUntil(lambda: len(panel.bookmarks()) == 1, timeout=10_000)
    item = panel.find_item(blocker.args[0].id)
    assert item.text(0).startswith("［全文］")
    panel.tree.setCurrentItem(item)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    edit = panel.dialog
    edit.note.setPlainText("河源的经验")
    edit.city.setEditText("河源")
    qtbot.mouseClick(edit.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.bookmarks() and panel.bookmarks()[0].note == "河源的经验", timeout=10_000)
    assert panel.bookmarks()[0].city == "河源市"  # a city is the gazetteer's name for it
    assert "河源市（1）" in _city_heads(panel)


def test_export_selected_bookmarks_with_preview(qtbot, window, tmp_path):
    pane, _start, _bookmark = _bookmark_the_passage(qtbot, window, "备注一")
    panel = window.bookmarks_panel
    window.sidebar.setCurrentIndex(1)
    panel.tree.setCurrentItem(_city_heads(panel)["河源市（1）"])  # a city heading stands for its bookmarks
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog is not None
    assert dialog.source.currentText() == "所选书签（1）"
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == \
        ["md", "txt", "html", "docx", "pdf", "csv", "json"]
    qtbot.waitUntil(lambda: PASSAGE in dialog.preview.toPlainText(), timeout=15_000)
    preview = dialog.preview.toPlainText()
    assert "## 河源市" in preview and "职工对美好生活的向往" in preview and "备注一" in preview
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    qtbot.waitUntil(lambda: "## " not in dialog.preview.toPlainText()
                    and PASSAGE in dialog.preview.toPlainText(), timeout=15_000)
    # citations: the file by its name unless full paths are asked for; the GB/T 7714 form on request
    name = Path(pane.doc.path).name
    assert name in dialog.preview.toPlainText() and pane.doc.path not in dialog.preview.toPlainText()
    dialog.full_paths.setChecked(True)
    qtbot.waitUntil(lambda: pane.doc.path in dialog.preview.toPlainText(), timeout=15_000)
    dialog.full_paths.setChecked(False)
    dialog.citation.setCurrentIndex(dialog.citation.findData("gbt7714"))
    qtbot.waitUntil(lambda: "[N]" in dialog.preview.toPlainText(), timeout=15_000)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    target = tmp_path / "摘录.csv"
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        dialog.save_to(str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and PASSAGE in data.decode("utf-8-sig")
    assert "已保存到" in dialog.status.text()
    dialog.reject()


def test_export_failure_is_explained_and_leaves_no_file(qtbot, window, tmp_path):
    _export_failure(qtbot, window, tmp_path)


def test_export_into_a_missing_folder_is_explained(qtbot, window, tmp_path):
    _export_failure(qtbot, window, tmp_path, missing=True)


def _export_failure(qtbot, window, tmp_path, missing: bool = False):
    search(qtbot, window, "劳模工匠")
    window.show_export()
    dialog = window.export_dialog
    assert dialog.source.currentText().startswith("“劳模工匠”的搜索结果")
    if missing:
        target = tmp_path / "not-there" / "deeper" / "x.md"
    elif os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "x.md"
    else:  # root writes anywhere: use a "folder" that is a file
        (tmp_path / "a-file").write_text("x")
        target = tmp_path / "a-file" / "x.md"
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as blocker:
        dialog.save_to(str(target))
    assert blocker.args[0] and "Traceback" not in blocker.args[0]
    assert dialog.status.text().startswith("未保存")
    assert not target.exists()
    dialog.reject()


def test_the_bookmark_dialog_accepts_on_enter_and_ctrl_enter(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    start = pane.doc.text.index(PASSAGE)
    for keys in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier):
        pane.select_range(start, start + len(PASSAGE))
        pane.text.setFocus()
        qtbot.keyClick(pane.text, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        dialog = window.bookmark_dialog
        type_text(qtbot, dialog.note, "第一行")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        assert dialog.isVisible() and dialog.note.toPlainText() == "第一行\n"
        type_text(qtbot, dialog.note, "第二行")
        with qtbot.waitSignal(window.bookmark_added, timeout=10_000) as blocker:
            qtbot.keyClick(dialog.note, Qt.Key.Key_Return, keys)
        assert blocker.args[0].note == "第一行\n第二行"
