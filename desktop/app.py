"""The desktop app's composition root: options, QApplication, translations, single instance,
the error hook, the main window, and the --screenshot mode used by checks and the README.

    python main.py [--data-dir DIR] [--lang zh|en] [FOLDER_OR_FILE ...]
    python main.py --screenshot FILE [--query Q] [--open ID] [--compare ID] [FOLDER_OR_FILE ...]

Folders and files given are added to the archive and indexed, as "open with" does (a running
window is asked to add them); with --screenshot the picture waits until that indexing has finished.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

_STARTED = time.perf_counter()


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="main.py", description="离线新闻档案浏览器 / offline Chinese news archive browser")
    p.add_argument("--data-dir", metavar="DIR", help="archive data folder (default: ARCHIVE_BROWSER_HOME or the user data dir)")
    p.add_argument("--lang", choices=["zh", "en"], help="interface language (default: the one chosen in the settings, Chinese)")
    p.add_argument("--screenshot", metavar="FILE", help="render the main window, save it as a PNG and exit")
    p.add_argument("--query", help="with --screenshot: the query to run")
    p.add_argument("--open", metavar="ID", help="with --screenshot: a document id or path for the left pane")
    p.add_argument("--compare", metavar="ID", help="with --screenshot: a document for the right pane (compare mode)")
    p.add_argument("--size", default="1400x860", help="with --screenshot: the window size, WIDTHxHEIGHT")
    p.add_argument("--timing", action="store_true", help="print start-up timings to stderr")
    p.add_argument("paths", nargs="*", metavar="FOLDER_OR_FILE", help="add these to the archive and index them")
    args, _unknown = p.parse_known_args(argv)
    return args


def configure_application(app) -> None:
    """Name, font, style: shared by the app and the tests."""
    from PySide6.QtWidgets import QStyleFactory

    from desktop.gui import style

    app.setOrganizationName("ArchiveBrowser")
    app.setApplicationName("ArchiveBrowser")
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 (a Qt list, not a dict)
        app.setStyle("Fusion")
    app.setFont(style.ui_font(10))
    app.setStyleSheet(style.STYLE_SHEET)


def translations_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "resources" / "translations"


def install_translators(app, lang: str) -> list:
    """Chinese: Qt's own zh_CN catalogue (standard buttons and dialogs), then ours."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    installed = []
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_zh_CN", qt_dir), ("archive_browser_zh_CN", str(translations_dir()))):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            installed.append(tr)
    app._archive_translators = installed  # keep them alive
    return installed


def install_excepthook(dialogs: bool = True) -> None:
    """An unexpected error shows a plain message (details go to a log file), never a traceback.

    The message box is only ever shown on the GUI thread and with `dialogs` on: --screenshot
    runs have nobody to close it (offscreen), and an error raised on a worker thread (PySide calls
    the hook from the thread whose Python override failed) must not open a widget there, so
    these go to stderr. A modal box in either place used to block the process for ever."""
    import threading

    state = {"showing": False}

    def log_path() -> Path | None:
        try:
            from desktop.core import paths

            return paths.cache_dir() / "gui-error.log"
        except OSError:
            return None

    def write_log(text: str) -> Path | None:
        path = log_path()
        if path is None:
            return None
        try:
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{text}\n")
            return path
        except OSError:
            return None

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
            return
        where = write_log("".join(traceback.format_exception(exc_type, exc, tb)))
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication, QMessageBox

        if (not dialogs or QApplication.instance() is None or state["showing"]
                or threading.current_thread() is not threading.main_thread()
                or os.environ.get("ARCHIVE_BROWSER_NO_ERROR_DIALOG")):
            details = f" (details in {where})" if where is not None else ""
            sys.stderr.write(f"error: {exc_type.__name__}: {exc}{details}\n")
            return
        text = QCoreApplication.translate("App", "Something went wrong: {error}").format(
            error=f"{exc_type.__name__}: {exc}")
        if where is not None:
            text += "\n\n" + QCoreApplication.translate("App", "The details were written to {path}.").format(path=where)
        state["showing"] = True
        try:
            QMessageBox.critical(None, QCoreApplication.translate("App", "Archive Browser"), text)
        finally:
            state["showing"] = False

    sys.excepthook = hook
    threading.excepthook = lambda a: write_log("".join(traceback.format_exception(a.exc_type, a.exc_value,
                                                                                   a.exc_traceback)))


SCREENSHOT_TIMEOUT = 60.0  # seconds: then the picture is saved as it is and the exit code is 1
INDEXING_SCREENSHOT_TIMEOUT = 1800.0  # the same, when folders given on the command line are indexed first
WATCHDOG_GRACE = 30.0  # seconds after that: the process dumps its stacks and exits, whatever it is doing


class ScreenshotDriver:
    """Runs the query, opens the documents, waits until everything is shown, saves a PNG, quits.

    Never waits for ever: after `timeout` seconds it saves what the window shows, says on stderr
    what it was still waiting for and exits with code 1."""

    def __init__(self, window, app, args: argparse.Namespace, timeout: float = SCREENSHOT_TIMEOUT) -> None:
        from PySide6.QtCore import QTimer

        self.window, self.app, self.args = window, app, args
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.wanted = {side for side, key in ((0, args.open), (1, args.compare)) if key}
        self.opened: set[int] = set()
        self.results_at: float | None = None
        self.started = False
        self.failed = False
        self.service_error: str | None = None
        self.finished = False
        window.document_opened.connect(self._on_document_opened)
        window.document_failed.connect(self._on_document_failed)
        window.service_ready.connect(self._on_window_ready)
        window.service_failed.connect(self._on_service_failed)
        if args.query is not None:  # searched as soon as the archive is open
            window.search_panel.set_query(args.query, search=False)
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._on_timer_tick)
        self.timer.start()
        self.settle_until: float | None = None

    def _on_window_ready(self) -> None:
        w, a = self.window, self.args
        self.started = True
        if a.open:
            w.open_document(a.open, 0)
        if a.compare:
            w.open_document(a.compare, 1)
            w.compare.set_compare_mode(True)

    def _on_service_failed(self, message: str) -> None:
        self.failed = True  # reported on stderr by the window; nothing more will come: the picture now
        self.service_error = message

    def _on_document_opened(self, side: int) -> None:
        self.opened.add(side)
        if self.wanted and self.wanted <= self.opened and 1 in self.wanted:
            self.window.compare.align_on_hit(0)
            self.window.compare.set_active(0)

    def _on_document_failed(self, side: int, _message: str) -> None:
        self.failed = True  # reported on stderr by the window; the picture is still saved
        self.wanted.discard(side)

    def pending(self) -> list[str]:
        """What the picture is still waiting for, in words (plain attributes only: the watchdog
        thread reads this too)."""
        w = self.window
        out = []
        if w.svc is None:
            out.append("the archive to open")
        elif not self.started:
            out.append("the window to take the opened archive")
        if w.svc is not None and not w.is_search_settled():
            out.append(f"the search{f' for {self.args.query!r}' if self.args.query else ''} to finish")
        if not w.archive:
            out.append("the archive's counts and facets")
        if w.runner.is_running():
            out.append(f"indexing to finish ({w.runner.done}/{w.runner.total})")
        missing = sorted(self.wanted - self.opened)
        if missing:
            out.append("the document(s) " + ", ".join(
                str(self.args.open if side == 0 else self.args.compare) for side in missing) + " to open")
        return out

    def _ready(self) -> bool:
        w = self.window
        return (self.started and w.is_search_settled() and w.timeline_dock.is_settled() and bool(w.archive)
                and not w.runner.is_running()
                and w.is_archive_settled() and self.wanted <= self.opened)

    def _on_timer_tick(self) -> None:
        now = time.monotonic()
        if self.results_at is None and self.started and self.window.is_search_settled() \
                and self.window.results_model.rowCount():
            self.results_at = time.perf_counter()
        if self.settle_until is None and (self._ready() or self.service_error is not None):
            self.settle_until = now + 0.4  # let layouts and paints finish
        timed_out = now > self.deadline
        if not timed_out and (self.settle_until is None or now < self.settle_until):
            return
        self.timer.stop()
        waiting = self.pending() if timed_out else []
        saved = self._save()
        if timed_out:
            sys.stderr.write(f"error: --screenshot: not ready after {self.timeout:.0f} s, still waiting for "
                             f"{'; '.join(waiting) or 'nothing (it was settling)'}; saved what the window "
                             f"showed\n")
        self.finished = True
        self.app.exit(1 if timed_out or not saved else 2 if self.failed else 0)

    def _save(self) -> bool:
        path = Path(self.args.screenshot).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            sys.stderr.write(f"error: could not write {path}: {exc}\n")
            return False
        ok = self.window.grab().save(str(path), "PNG")
        if not ok:
            sys.stderr.write(f"error: could not write {path}\n")
        elif self.args.timing and self.results_at is not None:
            sys.stderr.write(f"timing: first results {1000 * (self.results_at - _STARTED):.0f} ms after start\n")
        return ok


def _arm_watchdog(seconds: float, driver: ScreenshotDriver | None = None) -> None:
    """--screenshot must end even if the event loop is blocked or the exit hangs: after `seconds`
    a thread says so on stderr, dumps every thread's stack and ends the process with code 1;
    faulthandler does the same a little later if that thread cannot get the GIL."""
    import faulthandler
    import threading

    def fire() -> None:
        try:
            if driver is None or not driver.finished:
                what = "; ".join(driver.pending()) if driver is not None else ""
                what = what or "the window to be ready"
            else:
                what = "the process to exit after saving the picture"
        except Exception as exc:  # noqa: BLE001 - a diagnostic must not stop the exit
            what = f"? ({exc.__class__.__name__})"
        try:
            sys.stderr.write(f"error: --screenshot: no exit after {seconds:.0f} s, still waiting for {what}; "
                             f"stacks follow\n")
            sys.stderr.flush()
            faulthandler.dump_traceback(all_threads=True)
        finally:
            os._exit(1)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        faulthandler.dump_traceback_later(seconds + 10, exit=True)
    except (RuntimeError, ValueError, OSError):  # no usable stderr
        pass


def _close_on_signals(window, app) -> None:
    """Ctrl+C or SIGTERM close the window as the close button would (settings saved, indexer stopped)."""
    import signal

    from PySide6.QtCore import QTimer

    def on_signal(_signum, _frame) -> None:
        window.close()
        app.quit()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, on_signal)
        except (ValueError, OSError):  # not the main thread, or not supported here
            return
    ticker = QTimer(window)  # lets Python run its signal handlers while Qt's loop waits
    ticker.timeout.connect(lambda: None)
    ticker.start(300)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.core import paths
    from desktop.core.errors import ArchiveError
    from desktop.gui.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "archive-browser"])
    configure_application(app)
    try:
        data_dir = paths.data_dir(args.data_dir)
    except (OSError, ArchiveError) as exc:
        sys.stderr.write(f"error: cannot use the data folder: {exc}\n")
        return 2
    settings = Settings.for_data_dir(data_dir)
    install_translators(app, args.lang or settings.language)
    install_excepthook(dialogs=not args.screenshot)  # --screenshot: nobody to close a message box

    server = None
    if not args.screenshot:
        from desktop.gui.single_instance import InstanceServer, notify_running, server_name

        name = server_name(data_dir)
        if notify_running(name, [str(Path(p).resolve()) for p in args.paths]):
            sys.stderr.write("Archive Browser is already running; its window was brought to the front"
                             + (" and asked to add the folders.\n" if args.paths else ".\n"))
            return 0
        server = InstanceServer(name)

    from desktop.gui.main_window import MainWindow

    window = MainWindow(data_dir, settings, restore=not args.screenshot, persist=not args.screenshot)
    window.quiet = bool(args.screenshot)
    if server is not None:
        def bring_to_front() -> None:
            window.showNormal()
            window.raise_()
            window.activateWindow()

        server.raise_requested.connect(bring_to_front)
        server.paths_received.connect(window.add_paths)
    driver = None
    if args.screenshot:
        try:
            width, height = (int(x) for x in args.size.lower().split("x"))
        except ValueError:
            width, height = 1400, 860
        window.resize(width, height)
        driver = ScreenshotDriver(window, app, args,
                                  timeout=INDEXING_SCREENSHOT_TIMEOUT if args.paths else SCREENSHOT_TIMEOUT)
        _arm_watchdog(driver.timeout + WATCHDOG_GRACE, driver)
    window.show()
    if args.timing:
        QTimer.singleShot(0, lambda: sys.stderr.write(
            f"timing: window visible {1000 * (time.perf_counter() - _STARTED):.0f} ms after start\n"))
    QTimer.singleShot(0, window.start)  # after the first paint: the window shows before the archive opens
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        sys.stderr.write(f"error: no such folder or file: {', '.join(missing)}\n")
    if args.paths:
        QTimer.singleShot(0, lambda: window.add_paths([str(Path(p).resolve()) for p in args.paths
                                                        if Path(p).exists()]))
    _close_on_signals(window, app)
    code = app.exec()
    if window.isVisible():  # --screenshot ends the loop with the window open: stop indexing, close the archive
        window.close()
    from desktop.gui import workers

    # Background tasks must be over before the interpreter's exit deletes the QApplication, the
    # dispatcher and the pools (see workers.shutdown); one still running then is only waited for.
    # (closeEvent has already given them 5 s.)
    if not workers.shutdown(2000) and args.screenshot:
        sys.stderr.write("warning: --screenshot: background work still running after the picture; "
                         "not waiting for it\n")
        sys.stderr.flush()
        os._exit(code)  # the picture is saved and nothing of this run is kept: no need to wait
    del driver
    return code
