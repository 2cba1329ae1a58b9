"""The result list says what matched where, and sets OCR misreadings apart: an article whose every
occurrence of a name is misread (汀洪灿 for 江洪灿) appears under its own heading below the exact
results, never counted with them, with the misread character marked."""

from __future__ import annotations

from gui_helpers import search
from PySide6.QtCore import Qt

from desktop.gui.results_model import HTML_ROLE, VARIANT_CHAR_HTML, VariantsHeading


def test_a_misread_name_is_found_below_the_exact_results(qtbot, window, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "scan.txt").write_text("云浮市总工会召开座谈会\n\n会上，汀洪灿同志强调要做好职工服务工作。"
                                     "汀洪灿还要求各级工会主动作为。\n", encoding="utf-8")
    with qtbot.waitSignal(window.index_finished, timeout=60_000):
        window.add_paths([str(folder)])
    result = search(qtbot, window, "江洪灿")
    model = window.results_model
    exact = model.hits()
    assert result.total == len(exact) >= 1 and all("scan.txt" not in h.path for h in exact)
    row = model.variants_row()
    assert row == len(exact)
    heading = model.index(row, 0)
    assert isinstance(model._hits[row], VariantsHeading)
    assert "可能的识别错误" in heading.data(Qt.ItemDataRole.DisplayRole)
    assert not model.flags(heading) & Qt.ItemFlag.ItemIsSelectable
    variants = model.variant_hits()
    assert [h.path.rsplit("/", 1)[-1] for h in variants] == ["scan.txt"]
    html = model.index(row + 1, 0).data(HTML_ROLE)
    assert f'<span style="{VARIANT_CHAR_HTML}">汀</span>' in html
    assert "识别错误" in window.search_panel.summary.text()
    # why the exact hit matched, in words
    first = model.index(0, 0).data(HTML_ROLE)
    assert "命中" in first and "人物" in first
