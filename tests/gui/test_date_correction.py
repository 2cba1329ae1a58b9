"""Issue 17: the user corrects an article's date in the reader; it is stored (surviving re-indexing,
as the core tests show), shown in the header, and a bad date is a plain message that changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.gui.gui_helpers import open_hit, search


def test_a_date_corrected_in_the_reader_is_stored_and_shown(qtbot, window):
    search(qtbot, window, "江洪灿")
    pane = open_hit(qtbot, window, 0, 0)
    doc_id, found = pane.doc.id, pane.doc.meta.date
    assert found != "2024-12-29"

    pane.correct_date("2024-12-29")
    qtbot.waitUntil(lambda: pane.doc is not None and pane.doc.meta.date == "2024-12-29", timeout=10_000)
    assert "2024年12月29日" in pane.header.text()
    assert window.svc.document(doc_id).meta.date == "2024-12-29"
    qtbot.waitUntil(window.is_search_settled, timeout=10_000)
    assert window.results_model.hits()[0].date == "2024-12-29"

    pane.correct_date("2024-13-45")  # not a date: said plainly, nothing changed
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=10_000)
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert "日期无效" in box.text() and "Traceback" not in box.text()
    box.close()
    assert window.svc.document(doc_id).meta.date == "2024-12-29"

    pane.correct_date("")  # empty: back to the date found in the file
    qtbot.waitUntil(lambda: pane.doc is not None and pane.doc.meta.date == found, timeout=10_000)
