"""Pages in the reader: a PDF's page is shown as 第 N 页 and follows the scrolling, the reader jumps
by page, and the page's image can be shown beside its text."""

from __future__ import annotations

import sys
from pathlib import Path

from gui_helpers import open_hit, search

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "ingest"))
from format_fixtures import PAGE3_MARK, PAGES, write_pdf  # noqa: E402


def test_a_pdf_opens_at_the_page_of_its_hit_and_jumps_by_page(qtbot, window, tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    write_pdf(folder / "渔港.pdf", [p * 12 for p in PAGES])  # long pages: each fills more than a screen
    with qtbot.waitSignal(window.index_finished, timeout=120_000):
        window.add_paths([str(folder)])
    search(qtbot, window, PAGE3_MARK)
    pane = open_hit(qtbot, window, 0, 0)
    pages = len(pane.doc.pages)
    assert pages >= 3  # the long pages flow over more than one PDF page each
    assert pane.page_box.isVisible() and pane.page_box.maximum() == pages
    assert pane.page_box.suffix() == f" / {pages} 页"
    hit_page = pane.doc.page_at(pane.spans[pane.hit][0])
    assert hit_page > 2 and pane.page_box.value() == pane.current_page()
    assert hit_page - 2 <= pane.current_page() <= hit_page  # the hit is a third of the way down
    pane.page_box.setValue(1)
    assert pane.current_page() == 1 and pane.top_offset() < pane.doc.pages[0][1]
    pane.page_box.setValue(2)
    assert pane.current_page() == 2
    # the page image beside the text
    with qtbot.waitSignal(pane.page_image_loaded, timeout=30_000) as blocker:
        pane.page_action.setChecked(True)
    assert blocker.args[0] == 2
    assert pane.page_scroll.isVisible() and not pane.page_image.pixmap().isNull()
    with qtbot.waitSignal(pane.page_image_loaded, timeout=30_000) as blocker:
        pane.page_box.setValue(3)
    assert blocker.args[0] == 3


def test_a_text_file_has_no_page_controls(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, 0, 0)
    assert not pane.page_box.isVisible() and not pane.page_action.isEnabled()
