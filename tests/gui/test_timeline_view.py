"""The timeline's bars: a click or a drag sets date:A..B in the query (issue 17)."""

from PySide6.QtCore import QPoint, Qt

from desktop.gui.timeline_view import TimelineView, with_date_filter


def test_with_date_filter_replaces_an_existing_one():
    assert with_date_filter("工会 date:2020", "2024-01", "2024-03") == "工会 date:2024-01..2024-03"
    assert with_date_filter("工会", "2024", "2024") == "工会 date:2024"


def test_click_and_drag_set_the_date_filter(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(448, 200)  # 4 bars of 100 px between 24 px margins
    view.set_timeline("工会", {"buckets": [("2024-01", 3), ("2024-02", 1), ("2024-03", 5), ("2024-04", 2)],
                              "undated": 1})
    got = []
    view.queryChanged.connect(got.append)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(24 + 150, 150))
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(24 + 350, 150))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(24 + 50, 150))
    assert got == ["工会 date:2024-02", "工会 date:2024-01..2024-04"]
    assert view.bar_rect(2).height() > view.bar_rect(0).height() > view.bar_rect(1).height()
    view.grab()  # paints without error
