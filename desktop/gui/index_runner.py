"""Indexing in a child process (`main.py index ... --progress-json --json`), driven by QProcess.

Indexing is CPU-heavy Python: in the GUI's own threads it would hold the GIL and freeze the
window, so it runs as its own process, the archive's only writer. Its stderr carries JSON lines
{"done", "total", "file"} and "跳过 PATH: REASON" lines; its stdout ends with one JSON report.
Cancel sends SIGTERM: the indexer finishes the current file, commits and exits with
cancelled=true.

Signals: started(list paths), progress(int done, int total, str file),
finished(dict report; "cancelled" set when the user cancelled), failed(str message).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

import desktop

REPO_ROOT = Path(desktop.__file__).resolve().parents[1]
MAIN_PY = REPO_ROOT / "main.py"


class IndexRunner(QObject):
    started = Signal(list)
    progress = Signal(int, int, str)
    finished = Signal(dict)
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._process: QProcess | None = None
        self._pending: list[list[str]] = []
        self._err_buffer = b""
        self._errors: list[str] = []
        self._skipped: list[dict[str, str]] = []
        self._cancelled = False
        self.done = 0
        self.total = 0
        self.current = ""

    # ---- public ----
    def is_running(self) -> bool:
        return self._process is not None

    def start(self, paths: list[str] | None = None) -> None:
        """Index these files/folders (none: re-scan the archive's folders); queued if one runs."""
        paths = [str(p) for p in (paths or [])]
        if self._process is not None:
            self._pending.append(paths)
            return
        self._launch(paths)

    def cancel(self) -> None:
        self._pending.clear()
        if self._process is not None:
            self._cancelled = True
            self._process.terminate()  # SIGTERM: finish the file, commit, exit 0

    def kill(self) -> None:
        """Stop at once (the window is closing); the index keeps its last commit."""
        self._pending.clear()
        proc = self._process
        if proc is not None:
            self._cancelled = True
            proc.terminate()
            if not proc.waitForFinished(5000):
                proc.kill()
                proc.waitForFinished(2000)

    # ---- the child process ----
    def _launch(self, paths: list[str]) -> None:
        self._err_buffer = b""
        self._errors = []
        self._skipped = []
        self._cancelled = False
        self.done = self.total = 0
        self.current = ""
        proc = QProcess(self)
        proc.setWorkingDirectory(str(REPO_ROOT))
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONIOENCODING", "utf-8")
        env.insert("PYTHONUNBUFFERED", "1")
        proc.setProcessEnvironment(env)
        args = [str(MAIN_PY), "index", *paths, "--progress-json", "--json",
                "--data-dir", str(self.data_dir), "--wait", "30"]
        proc.readyReadStandardError.connect(self._on_process_stderr)
        proc.finished.connect(self._on_process_finished)
        proc.errorOccurred.connect(self._on_process_error)
        self._process = proc
        proc.start(sys.executable, args)
        self.started.emit(paths)

    def _on_process_stderr(self) -> None:
        proc = self._process
        if proc is None:
            return
        self._err_buffer += bytes(proc.readAllStandardError().data())
        *lines, self._err_buffer = self._err_buffer.split(b"\n")
        last = None
        for raw in lines:
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            if line.startswith("{"):
                try:
                    data = json.loads(line)
                except ValueError:
                    continue
                last = (int(data.get("done", 0)), int(data.get("total", 0)), str(data.get("file", "")))
            elif line.startswith("跳过 "):
                path, _, reason = line[3:].rpartition(": ")
                self._skipped.append({"path": path or line[3:], "reason": reason})
            else:
                self._errors.append(line)
        if last is not None:  # one update per read is plenty for the eye
            self.done, self.total, self.current = last
            self.progress.emit(*last)

    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            proc, self._process = self._process, None
            if proc is not None:
                proc.deleteLater()
            self.failed.emit(f"failed to start the indexer: {sys.executable}")
            self._next()

    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        proc, self._process = self._process, None
        if proc is None:
            return
        self._on_process_stderr_tail(proc)
        out = bytes(proc.readAllStandardOutput().data()).decode("utf-8", errors="replace")
        proc.deleteLater()
        report = None
        for line in reversed(out.strip().splitlines()):
            if line.startswith("{"):
                try:
                    report = json.loads(line)
                    break
                except ValueError:
                    pass
        if report is not None:
            report.setdefault("skipped", self._skipped)
            report["cancelled"] = bool(report.get("cancelled")) or self._cancelled
            self.finished.emit(report)
        elif self._cancelled:
            self.finished.emit({"added": 0, "updated": 0, "removed": 0, "unchanged": 0, "skipped": self._skipped,
                                "cancelled": True, "documents": None})
        else:
            message = next((e for e in reversed(self._errors) if e.startswith("error:")), None)
            if message is None:
                message = self._errors[-1] if self._errors else f"exit code {code}"
            self.failed.emit(message.removeprefix("error:").strip())
        self._next()

    def _on_process_stderr_tail(self, proc: QProcess) -> None:
        self._process = proc
        self._err_buffer += b"\n"
        self._on_process_stderr()
        self._process = None

    def _next(self) -> None:
        if self._pending:
            paths = self._pending.pop(0)
            # merge every queued request into one run
            while self._pending:
                paths += self._pending.pop(0)
            self._launch(sorted(set(paths)) if paths else [])
