"""A window opened on an archive whose last indexing run stopped early says so and carries on by
itself from where the run stopped, until every file is indexed."""

from __future__ import annotations

from gui_helpers import make_window, search
from test_index_panel import make_archive


def test_next_launch_continues_an_unfinished_run(qtbot, data_dir, tmp_path):
    from desktop.core.service import ArchiveService

    folder = make_archive(tmp_path / "articles", 400, seed=5)
    svc = ArchiveService(data_dir)
    seen = []
    svc.index([folder], progress=lambda d, t, f: seen.append(d), cancel=lambda: len(seen) > 150)
    state = svc.index_state()
    svc.close()
    assert not state.complete and state.expected == 405

    window = make_window(qtbot, data_dir, start=False)
    with qtbot.waitSignal(window.runner.started, timeout=30_000):
        window.start()
    assert "上次索引没有完成" in window.statusBar().currentMessage()
    panel = window.index_panel
    assert panel.state.text().startswith(f"已索引 {state.documents:,} / 405 — 未完成")
    with qtbot.waitSignal(window.index_finished, timeout=120_000) as blocker:
        pass
    assert blocker.args[0]["added"] == 405 - state.documents
    qtbot.waitUntil(lambda: window.archive["stats"]["documents"] == 405, timeout=20_000)
    assert window.archive["stats"]["index"]["complete"] is True
    assert window.index_label.text() == "索引就绪"
    assert not panel.state.isVisible()
    result = search(qtbot, window, "劳模工匠")
    assert "部分" not in window.search_panel.summary.text() and result.total > 0
    window.close()
