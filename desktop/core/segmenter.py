"""Chinese word segmentation: rjieba (jieba-rs, same tokens, ~15x faster) with jieba as fallback.

The dictionary loads lazily, once per process; `warm_up()` loads it ahead of need (the GUI calls
it on a background thread so the window never waits for it).
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_cut = None
BACKEND = ""


def _load():
    global _cut, BACKEND
    with _lock:
        if _cut is not None:
            return _cut
        try:
            import rjieba

            def cut(text: str) -> list[str]:
                return rjieba.cut(text)

            BACKEND = "rjieba"
        except ImportError:  # pragma: no cover - depends on the platform's wheels
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            from .paths import cache_dir

            jieba.dt.tmp_dir = str(cache_dir())
            jieba.initialize()

            def cut(text: str) -> list[str]:
                return jieba.lcut(text)

            BACKEND = "jieba"
        _cut = cut
        return cut


def warm_up() -> str:
    _load()("工会")
    return BACKEND


def cut(text: str) -> list[str]:
    """Words of text in jieba's default (accurate) mode, whitespace tokens dropped."""
    return [w for w in _load()(text) if w.strip()]
