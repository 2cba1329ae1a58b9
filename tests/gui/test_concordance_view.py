"""The Concordance tab (pytest-qt, real archive): rows appear, header sorts, double-click opens the
reader at the hit, export writes a CSV whose formula-like cells are neutralised."""

import csv

from PySide6.QtCore import Qt

from desktop.core.ingest.cleaning import match_text


def _run(qtbot, window, query):
    view = window.concordance
    window.sidebar.setCurrentWidget(view)
    with qtbot.waitSignal(view.finished, timeout=10_000):
        view.run(query)
    return view


def test_rows_appear_and_header_sorts(qtbot, window):
    view = _run(qtbot, window, "工会")
    conc = view.model.conc
    assert conc.total > 5 and view.model.rowCount() == min(conc.total, 200)
    assert match_text(view.model.index(0, 1).data()) == "工会"
    assert view.model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    with qtbot.waitSignal(view.finished, timeout=10_000):
        view.table.horizontalHeader().sectionClicked.emit(0)
    assert conc.sort == "left"
    docs = {r["id"]: window.svc.document(r["id"]).text for r in conc.rows(0, None)}
    keys = [match_text(docs[view.model.row(i)["id"]][: view.model.row(i)["start"]])[::-1][:24]
            for i in range(view.model.rowCount())]
    assert keys == sorted(keys)
    counts = view.counts.toPlainText()
    assert all(f"{c or '—'}\t{n}" in counts for c, n in conc.by_city().items())
    assert str(conc.total) in view.status.text()


def test_double_click_opens_the_reader_at_the_hit(qtbot, window):
    view = _run(qtbot, window, "劳模")
    row = view.model.row(1)
    rect = view.table.visualRect(view.model.index(1, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.compare.pane(0)
    assert pane.doc.id == row["id"]
    assert pane.passage == (row["start"], row["end"])


def test_export_neutralises_formulas(qtbot, window, tmp_path):
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "f.txt").write_text("公式\n\n=HYPERLINK(\"x\") 劳模 -2+3 好\n", encoding="utf-8")
    window.svc.index([folder])
    view = _run(qtbot, window, "劳模")
    view.width_box.setValue(40)
    target = view.export_to(str(tmp_path / "out.csv"))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == view.model.conc.total
    firsts = {v.lstrip()[:1] for r in rows for v in r.values() if v.strip()}
    assert not firsts & set("=+-@")
    assert any(r["right"].startswith("'-2+3") for r in rows)
