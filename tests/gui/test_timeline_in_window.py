"""The timeline dock in the main window (issue 17): after a search it shows the query's matches per
month; a click on a bar puts date:… in the query and the results are that month's documents."""

from __future__ import annotations

from gui_helpers import make_window, search
from PySide6.QtCore import QPoint, Qt

# file name -> month it is dated by (the names carry the dates; the bodies hold none)
DOCS = {"xwlb_20240105_01.txt": "2024-01", "xwlb_20240120_02.txt": "2024-01", "xwlb_20240211_01.txt": "2024-02",
        "xwlb_20240302_01.txt": "2024-03", "xwlb_20240318_02.txt": "2024-03", "xwlb_20240325_03.txt": "2024-03"}


def _archive(tmp_path):
    from desktop.core.service import ArchiveService

    src = tmp_path / "src"
    src.mkdir()
    for i, name in enumerate(DOCS):
        (src / name).write_text(f"第{i}篇报道\n\n市总工会召开职工座谈会，会议研究第{i}项工作。\n", encoding="utf-8")
    (src / "other_20240401_01.txt").write_text("天气预报\n\n明天晴转多云。\n", encoding="utf-8")
    data = tmp_path / "data"
    svc = ArchiveService(data)
    svc.index([src])
    svc.close()
    return data


def test_search_shows_bars_and_a_click_filters_by_that_month(qtbot, tmp_path, monkeypatch):
    data = _archive(tmp_path)
    monkeypatch.setenv("ARCHIVE_BROWSER_HOME", str(data))
    window = make_window(qtbot, data)
    dock = window.timeline_dock
    assert dock.isVisible() and window.timeline_action.isChecked()
    search(qtbot, window, "工会")
    qtbot.waitUntil(lambda: dock.is_settled() and dock.view.query == "工会", timeout=10_000)
    assert dock.view.buckets == [("2024-01", 2), ("2024-02", 1), ("2024-03", 3)]
    view = dock.view
    bar = view.bar_rect(2)
    assert bar.height() > view.bar_rect(0).height() > view.bar_rect(1).height() > 0

    with qtbot.waitSignal(window.search_finished, timeout=10_000,
                          check_params_cb=lambda r: r is not None and r.query == "工会 date:2024-03"):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(bar.center().x()), int(bar.bottom()) - 2))
    assert window.search_panel.query() == "工会 date:2024-03"
    names = sorted(h.path.rsplit("/", 1)[-1] for h in window.results_model.hits())
    assert names == sorted(n for n, month in DOCS.items() if month == "2024-03")
    qtbot.waitUntil(lambda: dock.is_settled() and dock.view.query == "工会 date:2024-03", timeout=10_000)
    assert dock.view.buckets == [("2024-03", 3)]

    window.timeline_action.trigger()  # View ▸ Timeline hides it
    assert not dock.isVisible()
    window.close()
