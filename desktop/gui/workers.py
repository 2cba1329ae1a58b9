"""Run core functions off the GUI thread and hand their results back on it.

`run_task(fn, on_done, on_error)` runs `fn()` on a QThreadPool; `on_done(result)` or
`on_error(exc)` is then called on the GUI thread. `fn` must never touch widgets. Searches use
`SEARCH_POOL` (reads in parallel), small writes (bookmarks, exports) `WRITE_POOL` (one thread,
so writes happen one at a time). Indexing does not run here: it is a child process
(see index_runner.py), because CPU-heavy Python in this process would starve the GUI.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Dispatcher(QObject):
    """Lives on the GUI thread; calls what worker threads send it, there."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_deliver(self, call: Callable[[], None]) -> None:
        try:
            call()
        except RuntimeError as exc:  # the receiving widget was deleted meanwhile
            if "already deleted" not in str(exc):
                raise


_dispatcher: _Dispatcher | None = None
_pools: dict[str, QThreadPool] = {}


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
        app = QCoreApplication.instance()
        if app is not None:
            _dispatcher.moveToThread(app.thread())
    return _dispatcher


def pool(name: str) -> QThreadPool:
    """The named pool: "search" (several threads) or "write" (one thread)."""
    if name not in _pools:
        p = QThreadPool()
        p.setMaxThreadCount(1 if name == "write" else 3)
        p.setExpiryTimeout(30_000)
        _pools[name] = p
    return _pools[name]


def wait_for_all(msecs: int = 5000) -> bool:
    """Let running tasks finish (before the window and the service go away); False if some still run."""
    done = True
    for p in _pools.values():
        done = p.waitForDone(msecs) and done
    return done


def shutdown(msecs: int = 5000) -> bool:
    """Drop the tasks not started yet and wait for the running ones: call it after the event loop
    has ended and before the application object goes away. At interpreter exit PySide deletes the
    dispatcher and then the pools, whose destructors wait for their threads without a time limit:
    tasks still running then must not need anything Qt. False if some task was still running."""
    for p in _pools.values():
        p.clear()
    return wait_for_all(msecs)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self._dispatcher = _get_dispatcher()

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never raised here
            exc.__dict__.setdefault("gui_traceback", traceback.format_exc())
            on_error = self._on_error
            if on_error is None:
                log.error("background task failed:\n%s", exc.__dict__["gui_traceback"])
                return
            self._deliver(lambda err=exc: on_error(err))  # `exc` is unbound after except
            return
        on_done = self._on_done
        if on_done is not None:
            self._deliver(lambda value=result: on_done(value))

    def _deliver(self, call: Callable[[], None]) -> None:
        """Hand `call` to the GUI thread; dropped if the application is already gone.

        A task that outlives the event loop (the window closed, --screenshot saved its picture)
        finds the dispatcher deleted by PySide's shutdown: emitting then raises RuntimeError in
        this worker thread, which used to reach sys.excepthook from here, and the error dialog
        shown from a worker thread blocked the exit for ever."""
        try:
            self._dispatcher.deliver.emit(call)
        except RuntimeError as exc:
            log.debug("result of a background task dropped (the application is shutting down): %s", exc)


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, *, pool_name: str = "search") -> None:
    """Run fn() off the GUI thread; then on_done(result) or on_error(exc) on the GUI thread."""
    pool(pool_name).start(_Task(fn, on_done, on_error))


def describe_error(exc: BaseException) -> str:
    """One line a user can read: the engine's typed errors already speak plainly."""
    from desktop.core.errors import ArchiveError

    if isinstance(exc, ArchiveError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        return f"{exc.strerror or exc}{where}"
    return f"{exc.__class__.__name__}: {exc}"
