"""The compare view's diff toggle on two real versions of a seed article (pytest-qt, real widgets)."""

import pytest
from PySide6.QtWidgets import QMessageBox

from bench.diff import make_version
from desktop.core.models import Document, DocumentMeta
from desktop.gui import diff_highlighter as dh
from desktop.gui.compare_view import CompareView
from tests.conftest import SEEDS


def _doc(i, text):
    return Document(id=f"d{i}", path=f"/tmp/v{i}.txt", encoding="utf-8", text=text, original=text,
                    meta=DocumentMeta(title=f"版本{i}"))


@pytest.fixture
def view(qtbot):
    text = (SEEDS / "000_6ae12ce34c73e871.txt").read_text(encoding="utf-8").strip()
    v = CompareView()
    qtbot.addWidget(v)
    v.resize(1200, 500)
    v.show()
    v.panes[0].set_document(_doc(0, text))
    v.panes[1].set_document(_doc(1, make_version(text)))
    v.documents_changed()
    qtbot.waitExposed(v)
    return v


def _marks(pane):
    return [s for s in pane.text.extraSelections()
            if s.format.hasProperty(dh.QTextCharFormat.Property.UserProperty)]


def test_toggle_marks_the_right_ranges(view):
    assert view.diff_result is None and not _marks(view.panes[0])
    view.diff_button.click()
    r = view.diff_result
    assert r is not None and view.diff_on
    for side, pane in enumerate(view.panes):
        marks = _marks(pane)
        want = dh.diff_ranges(r, side)
        assert [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in marks] == [(s, e) for s, e, _, _ in want]
    b = view.panes[1].doc.text
    kinds = {b[s:e]: k for s, e, _, k in dh.diff_ranges(r, 1)}
    assert kinds.get("新标题：以心换心建好职工之家") == "edit"
    assert "ocr" in kinds.values() and "space" in kinds.values()
    ocr = next(m for m in _marks(view.panes[1]) if m.cursor.selectedText() in
               [b[s:e] for s, e, _, k in dh.diff_ranges(r, 1) if k == "ocr"])
    assert ocr.format.underlineStyle() == dh.QTextCharFormat.UnderlineStyle.DotLine
    edit = next(m for m in _marks(view.panes[0]) if m.format.background().color() == dh.DELETED)
    assert edit.cursor.selectedText()  # the cut last paragraph, red on the left
    assert "%" in view.caption.text() and "1" in view.caption.text()
    view.diff_button.click()
    assert view.diff_result is None and not _marks(view.panes[0]) and not _marks(view.panes[1])


def test_scroll_sync_by_blocks(view, qtbot):
    view.set_locked(True)
    view.set_diff(True)
    left, right = (p.text.verticalScrollBar() for p in view.panes)
    assert left.maximum() > 0
    left.setValue(left.maximum() // 2)
    qtbot.wait(10)
    assert right.value() > 0
    # the paragraph at the top on the left is the aligned one at the top on the right
    top_a = view.panes[0].top_offset()
    top_b = view.panes[1].top_offset()
    a, b = view.panes[0].doc.text, view.panes[1].doc.text
    line_a = a[a.rfind("\n", 0, top_a) + 1:][:12]
    assert line_a[:6] in b[max(0, top_b - 200): top_b + 200]


def _spans_of(pane, word):
    t = pane.doc.text
    out, i = [], t.find(word)
    while i >= 0:
        out.append((i, i + len(word)))
        i = t.find(word, i + 1)
    return out


def _ranges(pane):
    return [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in _marks(pane)]


def test_diff_marks_survive_the_panes_own_redraws(view):
    view.set_diff(True)
    want = [_ranges(p) for p in view.panes]
    assert want[0] and want[1]
    for p in view.panes:
        spans = _spans_of(p, "职工")
        assert len(spans) >= 2
        p.set_spans(spans, "职工")  # new hits: _apply_highlights redraws
        p.next_hit()                # F3
        p.next_hit()
        p.show_passage(*spans[0])
    for p, w in zip(view.panes, want):
        assert _ranges(p) == w
        sels = p.text.extraSelections()
        assert len(sels) == len(w) + len(p.spans) + 2  # hits + passage + diff + current hit
        # the current hit is drawn last, over any diff mark
        assert (sels[-1].cursor.selectionStart(), sels[-1].cursor.selectionEnd()) == p.spans[p.hit]
    view.set_diff(False)
    for p in view.panes:
        assert not _marks(p)
        p.next_hit()
        assert not _marks(p) and len(p.text.extraSelections()) == len(p.spans) + 2
    view.set_diff(True)
    view.panes[0].set_document(view.panes[0].doc)  # a new document drops the old marks ...
    assert not _marks(view.panes[0])
    view.documents_changed()                       # ... and the view draws the new diff
    assert _ranges(view.panes[0]) == want[0]


def test_export_diff_from_the_view(view, fresh_service, tmp_path):
    view.service = fresh_service
    assert not view.export_diff_button.isEnabled()
    assert not view.export_diff_to(str(tmp_path / "off.md")) and not (tmp_path / "off.md").exists()
    view.set_diff(True)
    assert view.export_diff_button.isEnabled()
    assert view.export_diff_to(str(tmp_path / "d.md")) and view.last_error == ""
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert md.startswith("# 版本0 ↔ 版本1") and '<ins class="edit">' in md and "%" in md
    assert view.export_diff_to(str(tmp_path / "d.html"))
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<del" in page and "<ins" in page and "<title>版本0 ↔ 版本1</title>" in page
    # failures: a plain sentence, no file, no traceback
    assert not view.export_diff_to(str(tmp_path / "d.csv"))
    assert ".md or .html" in view.last_error and "Traceback" not in view.last_error
    assert not view.export_diff_to(str(tmp_path / "no" / "such" / "dir" / "d.md"))
    assert view.last_error and not (tmp_path / "no").exists()
    box = view.findChildren(QMessageBox)
    assert box and box[-1].text() == view.last_error
    for b in box:
        b.close()
    view.set_diff(False)
    assert not view.export_diff_button.isEnabled()

