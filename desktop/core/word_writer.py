"""Write the Whoosh word index in a child process, so a large indexing run uses both cores.

The parent (decoding, cleaning, metadata, segmentation, SQLite) sends documents through a pipe;
the child is Whoosh's only writer. If the parent dies, the pipe closes and the child cancels its
writer and exits, so no lock outlives the run. Small runs write in-process (starting a child costs
about half a second).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

BATCH = 200
LIMIT_MB = 768  # postings kept in memory before Whoosh spills sorted runs to disk (and re-reads them)
_ROOT = Path(__file__).resolve().parents[2]


class WordWriterProcess:
    """A stand-in for a Whoosh writer: update_document, delete_by_term, commit, cancel."""

    def __init__(self, folder: Path):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH", "")) if p)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "desktop.core.word_writer", str(folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        self._buffer: list[tuple] = []
        self._closed = False

    def add_text(self, text: str, fields: dict[str, Any]) -> None:
        """Add a document whose words the child segments from text (the child's core does it)."""
        self._buffer.append(("add", (text, fields)))
        if len(self._buffer) >= BATCH:
            self._flush()

    def delete_by_term(self, fieldname: str, text: str) -> None:
        self._buffer.append(("delete", (fieldname, text)))

    def _send(self, message: tuple) -> None:
        pickle.dump(message, self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)

    def _flush(self) -> None:
        if self._buffer:
            self._send(("batch", self._buffer))
            self._buffer = []

    def _reply(self) -> tuple[str, str | None]:
        self._proc.stdin.flush()
        try:
            return pickle.load(self._proc.stdout)
        except (EOFError, pickle.UnpicklingError):
            return "error", "the word-index process ended unexpectedly"

    def commit(self) -> None:
        try:
            self._flush()
            self._send(("commit", None))
            status, message = self._reply()
        except (BrokenPipeError, OSError) as exc:
            status, message = "error", str(exc)
        self._finish()
        if status != "ok":
            raise RuntimeError(f"word index: {message}")

    def cancel(self) -> None:
        if self._closed:
            return
        try:
            self._send(("cancel", None))
            self._reply()
        except (BrokenPipeError, OSError):
            pass
        self._finish()

    def _finish(self) -> None:
        self._closed = True
        for stream in (self._proc.stdin, self._proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._proc.kill()


def _child_main(folder: str) -> None:
    from whoosh import index

    from desktop.core.wordindex import words_of

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    ix = index.open_dir(folder)
    writer = ix.writer(timeout=60, limitmb=LIMIT_MB)

    def reply(status: str, message: str | None = None) -> None:
        pickle.dump((status, message), out)
        out.flush()

    try:
        while True:
            try:
                kind, payload = pickle.load(inp)
            except (EOFError, OSError, pickle.UnpicklingError):  # the parent is gone: change nothing
                writer.cancel()
                return
            if kind == "batch":
                for op, data in payload:
                    if op == "add":
                        text, fields = data
                        writer.update_document(words=words_of(text), **fields)
                    else:
                        writer.delete_by_term(*data)
            elif kind == "commit":
                writer.commit()
                reply("ok")
                return
            else:
                writer.cancel()
                reply("ok")
                return
    except Exception as exc:  # reported to the parent, which raises it
        try:
            writer.cancel()
        except Exception:
            pass
        reply("error", f"{exc.__class__.__name__}: {exc}")


if __name__ == "__main__":
    _child_main(sys.argv[1])
