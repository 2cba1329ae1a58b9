"""Soak: the window indexes the whole shared corpus the way a user adds it (the same add_paths
the folder dialog and drag and drop call, the same child process), with searches while it runs,
and ends with every file indexed. This is where a PySide6 release that drops a reference at every
Signal.emit crashed the window after ~570 signals. Skips without ../shared/corpus."""

from __future__ import annotations

import time

from gui_helpers import search


def test_window_indexes_the_whole_corpus_while_searching(qtbot, window, corpus_dir):
    files = sum(1 for p in corpus_dir.rglob("*.txt"))
    assert files > 19_000
    before = window.archive["stats"]["documents"]
    progress = []
    window.runner.progress.connect(lambda d, t, f: progress.append(d))
    with qtbot.waitSignal(window.runner.started, timeout=10_000):
        window.add_paths([str(corpus_dir)])

    failures = []
    window.search_finished.connect(lambda r: failures.append(window.search_panel.summary.text()) if r is None else None)
    searches = 0
    deadline = time.monotonic() + 900
    queries = ["工会", "习近平", "广东", "新闻联播", "劳模工匠", "经济"]
    while window.runner.is_running() and time.monotonic() < deadline:
        try:
            result = search(qtbot, window, queries[searches % len(queries)])
        finally:
            assert not failures, f"a search failed while indexing: {failures}"
        searches += 1
        assert result.total >= 0
        if window.runner.is_running():
            assert "部分" in window.search_panel.summary.text()
        qtbot.wait(1500)
    assert not window.runner.is_running(), "indexing the corpus did not finish within 15 minutes"
    assert searches >= 3

    qtbot.waitUntil(lambda: window.archive["stats"]["documents"] > before, timeout=30_000)
    stats = window.archive["stats"]
    skipped = window.archive["skipped"]
    assert stats["documents"] == before + files - len(skipped), skipped[:5]
    assert len(skipped) <= 5
    assert stats["index"] == {"complete": True, "documents": stats["documents"], "expected": stats["documents"]}
    assert "未完成" not in window.index_label.text()
    assert len(progress) > 600, "the run emitted fewer signals than the crash needed: not a soak"

    result = search(qtbot, window, "新闻联播")
    assert result.total > 1000
    assert "部分" not in window.search_panel.summary.text()
