"""Printing (Ctrl+P) the document in the reader and the bookmarks, through the print dialog to a
PDF read back; the About dialog's versions; opening the original file or its folder."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import HEYUAN, open_hit, row_of, search
from PySide6.QtPrintSupport import QPrinter


def _print_to_pdf(qtbot, window, target: Path) -> str:
    from pypdf import PdfReader

    assert window.print_action.shortcut().toString() == "Ctrl+P"
    window.print_action.trigger()
    dialog = window.print_dialog
    assert dialog.isVisible()
    # what accepting the dialog prints, to a PDF printer of our own (the dialog's UI would put its own
    # output file name back on accept)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    _, qdoc = dialog.keep
    qdoc.print_(printer)
    dialog.reject()
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 1000, timeout=10_000)
    return "".join(page.extract_text() for page in PdfReader(target).pages)


def test_ctrl_p_prints_the_document_in_the_reader(qtbot, window, tmp_path):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    text = _print_to_pdf(qtbot, window, tmp_path / "doc.pdf").replace("\n", "").replace(" ", "")
    assert pane.doc.meta.title.replace(" ", "") in text
    assert "制造业是河源高质量发展的当家产业" in text  # the body, far down the article


def test_ctrl_p_on_the_bookmarks_tab_prints_the_excerpts(qtbot, window, tmp_path):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    svc = window.svc
    start = pane.doc.text.index("制造业是河源高质量发展的当家产业")
    svc.bookmarks.add_passage(svc.document(HEYUAN), start, start + 16, note="打印的备注")
    window.bookmarks_panel.refresh()
    qtbot.waitUntil(lambda: len(window.bookmarks_panel.bookmarks()) == 1, timeout=10_000)
    window.sidebar.setCurrentIndex(1)
    text = _print_to_pdf(qtbot, window, tmp_path / "excerpts.pdf").replace("\n", "").replace(" ", "")
    assert "制造业是河源高质量发展的当家产业" in text and "打印的备注" in text and "河源市" in text


def test_about_names_the_versions(qtbot, window):
    window.show_about()
    dialog = window.about_dialog
    assert dialog.isVisible()
    for part in ("Archive Browser", "Python", "PySide6", "Qt", "SQLite", "whoosh3", "rjieba"):
        assert part in dialog.versions, part
    assert dialog.versions["PySide6"] in dialog.label.text()
    assert str(window.data_dir) in dialog.label.text()
    dialog.reject()


def test_the_original_file_and_its_folder(qtbot, window):
    search(qtbot, window, "劳模工匠")
    pane = open_hit(qtbot, window, row_of(window, HEYUAN), 0)
    assert Path(window.original_url().toLocalFile()) == Path(pane.doc.path)
    assert Path(window.original_url(folder=True).toLocalFile()) == Path(pane.doc.path).parent
