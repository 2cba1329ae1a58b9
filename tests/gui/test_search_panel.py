"""Typing a query, seeing results with counts and highlighted snippets, filtering and sorting."""

from __future__ import annotations

from gui_helpers import HEYUAN, search, type_text
from PySide6.QtCore import Qt


def test_typing_a_query_shows_all_five_interviews_with_counts(qtbot, window):
    result = search(qtbot, window, "劳模工匠")
    assert result.total == 5
    model = window.results_model
    assert model.rowCount() == 5
    hits = model.hits()
    assert {h.city for h in hits} == {"茂名市", "珠海市", "河源市", "云浮市", "佛山市"}
    assert all(h.matches >= 1 for h in hits)
    assert hits[0].id == HEYUAN and hits[0].matches == 7
    html = model.data(model.index(0, 0), Qt.ItemDataRole.UserRole + 2)
    assert "匹配 7 处" in html  # the match count, in Chinese
    assert "background-color" in html and "【" not in html  # 【hits】 drawn highlighted
    assert "找到 5 篇文档" in window.search_panel.summary.text()
    assert "搜索用时" in window.time_label.text()
    assert "5 篇文档" in window.docs_label.text() and "5 个城市" in window.docs_label.text()


def test_results_update_as_you_type_and_stale_results_are_dropped(qtbot, window):
    box = window.search_panel.box.lineEdit()
    seen = []
    window.search_finished.connect(lambda r: seen.append(r.query if r else None))
    for ch in "劳模工匠":  # one character at a time, as fast as the events go
        type_text(qtbot, box, ch)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == "劳模工匠" and window.is_search_settled(), timeout=10_000)
    assert window.results_model.rowCount() == 5
    # debounced: two bursts of typing ran at most a couple of searches, never one per key
    assert len(seen) <= 3


def test_enter_remembers_the_query_in_the_drop_down(qtbot, window):
    search(qtbot, window, "工会主席")
    qtbot.keyClick(window.search_panel.box.lineEdit(), Qt.Key.Key_Return)
    combo = window.search_panel.box
    assert combo.findText("工会主席") >= 0
    assert "工会主席" in window.settings.recent_queries


def test_click_a_city_to_filter(qtbot, window):
    search(qtbot, window, "劳模工匠")
    chips = window.search_panel.cities
    labels = [chips.item(i).text() for i in range(chips.count())]
    assert labels[0].startswith("全部城市") and any(t.startswith("河源市") and t.endswith("1") for t in labels)
    item = next(chips.item(i) for i in range(chips.count()) if chips.item(i).text().startswith("河源市"))
    rect = chips.visualItemRect(item)
    with qtbot.waitSignal(window.search_finished, timeout=10_000):
        qtbot.mouseClick(chips.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    hits = window.results_model.hits()
    assert [h.city for h in hits] == ["河源市"]
    # back to every city
    with qtbot.waitSignal(window.search_finished, timeout=10_000):
        qtbot.mouseClick(chips.viewport(), Qt.MouseButton.LeftButton, pos=chips.visualItemRect(chips.item(0)).center())
    assert window.results_model.rowCount() == 5


def test_person_filter_and_sort_by_city(qtbot, window):
    search(qtbot, window, "劳模工匠")
    person = window.search_panel.person
    i = person.findData("吕红珍")
    assert i > 0
    with qtbot.waitSignal(window.search_finished, timeout=10_000):
        person.setCurrentIndex(i)
    assert [h.person for h in window.results_model.hits()] == ["吕红珍"]
    with qtbot.waitSignal(window.search_finished, timeout=10_000):
        person.setCurrentIndex(0)
    sort = window.search_panel.sort
    with qtbot.waitSignal(window.search_finished, timeout=10_000):
        sort.setCurrentIndex(sort.findData("city"))
    assert window.results_model.rowCount() == 5


def test_empty_query_lists_every_document(qtbot, window):
    search(qtbot, window, "劳模")
    box = window.search_panel.box.lineEdit()
    with qtbot.waitSignal(window.search_finished, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert window.results_model.rowCount() == 5
    assert "全部 5 篇文档" in window.search_panel.summary.text()


def test_hostile_queries_answer_without_a_traceback(qtbot, window):
    for query in ['"((', "OR OR", "-", "city:", "🙂" * 50, "a" * 3000]:
        result = search(qtbot, window, query)
        assert result is not None
        assert window.search_panel.summary.text()


def test_down_arrow_moves_from_the_box_to_the_results(qtbot, window):
    search(qtbot, window, "劳模工匠")
    box = window.search_panel.box.lineEdit()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert window.results.hasFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Down)
    assert window.results.currentIndex().row() == 1


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    window.sidebar.setCurrentIndex(2)
    window.results.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.currentIndex() == 0
    assert window.search_panel.box.lineEdit().hasFocus()


def test_chips_and_filters_count_the_current_results(qtbot, window):
    panel = window.search_panel
    result = search(qtbot, window, "黄奕奕")  # one interview: Maoming's
    chips = [panel.cities.item(i).text() for i in range(panel.cities.count())]
    assert chips[0] == f"全部城市  {result.total}"
    assert chips[1:] == ["茂名市  1"]
    persons = [panel.person.itemText(i) for i in range(panel.person.count())]
    assert persons == ["全部人物", "黄奕奕 (1)"]
    result = search(qtbot, window, "工会")
    assert panel.cities.item(0).text() == f"全部城市  {result.total}"
    assert panel.cities.count() == 1 + 5


def test_series_filter_holds_only_numbered_series(qtbot, window):
    panel = window.search_panel
    search(qtbot, window, "工会")
    series = [panel.series.itemText(i) for i in range(1, panel.series.count())]
    assert series and all(s.startswith("工会主席访谈") for s in series)
