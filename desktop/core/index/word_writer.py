"""Write the Whoosh word index in a child process, so a large indexing run uses both cores.

The parent (decoding, cleaning, metadata, segmentation, SQLite) sends documents through a pipe;
the child is Whoosh's only writer. If the parent dies, the pipe closes and the child cancels its
writer and exits, so no lock outlives the run. Small runs write in-process (starting a child costs
about half a second).

Whoosh does most of its work when a segment is committed (sorting and writing the postings, in
Python). Committing only at the end left that work, about 15 s for the 20,000-article corpus,
until after the parent had finished; the child therefore commits a segment every SEGMENT_DOCS
documents (without merging), while the parent is still reading files, and only the last one waits.
The child runs with -O: Whoosh's per-posting asserts are a tenth of its commit time.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

BATCH = 200
QUEUED_BATCHES = 48  # batches the parent may run ahead of the child (a thread writes them to the pipe)
SEGMENT_DOCS = 4000  # documents per Whoosh segment written during a big run
LIMIT_MB = 512  # postings kept in memory before Whoosh spills sorted runs to disk (and re-reads them)
_ROOT = Path(__file__).resolve().parents[3]


class WordWriterProcess:
    """A stand-in for a Whoosh writer: update_document, delete_by_term, commit, cancel."""

    def __init__(self, folder: Path):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH", "")) if p)
        self._proc = subprocess.Popen(
            [sys.executable, "-O", "-m", "desktop.core.index.word_writer", str(folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        self._buffer: list[tuple] = []
        self._closed = False
        self._outbox: queue.Queue[bytes | None] = queue.Queue(QUEUED_BATCHES)
        self._send_error: BaseException | None = None
        self._sender = threading.Thread(target=self._send_loop, name="word-writer-pipe", daemon=True)
        self._sender.start()

    def _send_loop(self) -> None:
        """Write queued messages to the child, so the parent never waits on a busy child's pipe."""
        stdin = self._proc.stdin
        while True:
            data = self._outbox.get()
            if data is None:
                return
            if self._send_error is None:
                try:
                    stdin.write(data)
                    stdin.flush()
                except (BrokenPipeError, OSError, ValueError) as exc:
                    self._send_error = exc

    def add_text(self, text: str, fields: dict[str, Any], new: bool = False) -> None:
        """Add a document whose words the child segments from text (the child's core does it).
        new: no document with this id is in the index (no need to look for one to replace)."""
        self._buffer.append(("new" if new else "replace", (text, fields)))
        if len(self._buffer) >= BATCH:
            self._flush()

    def delete_by_term(self, fieldname: str, text: str) -> None:
        self._buffer.append(("delete", (fieldname, text)))

    def _send(self, message: tuple) -> None:
        if self._send_error is not None:  # the child stopped reading: say why, if it said
            raise RuntimeError(f"word index: {self._child_error()}")
        self._outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def _drain(self, drop: bool = False) -> None:
        """Wait until every queued message is written (or, with drop, throw the unsent away)."""
        if drop:
            try:
                while True:
                    self._outbox.get_nowait()
            except queue.Empty:
                pass
        self._outbox.put(None)
        self._sender.join()

    def _flush(self) -> None:
        if self._buffer:
            self._send(("batch", self._buffer))
            self._buffer = []

    def _reply(self) -> tuple[str, str | None]:
        """The child's answer to the last message, once every queued message is written."""
        self._drain()
        if self._send_error is not None:
            return "error", self._child_error()
        try:
            return pickle.load(self._proc.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            return "error", "the word-index process ended unexpectedly"

    def _child_error(self) -> str:
        """The child's last word after it stopped reading (it replies before it exits), else the pipe's error."""
        try:
            status, message = pickle.load(self._proc.stdout)
            if status == "error" and message:
                return message
        except Exception:
            pass
        return str(self._send_error or "the word-index process ended unexpectedly")

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
            self._drain(drop=True)  # unsent documents are dropped: the child cancels anyway
            pickle.dump(("cancel", None), self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._proc.stdin.flush()
            pickle.load(self._proc.stdout)
        except (BrokenPipeError, OSError, EOFError, pickle.UnpicklingError):
            pass
        self._finish()

    def _finish(self) -> None:
        self._closed = True
        if self._sender.is_alive():
            self._drain(drop=True)
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

    from desktop.core.index.word_schema import words_of, writer_options

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    ix = index.open_dir(folder)
    writer = ix.writer(timeout=60, limitmb=LIMIT_MB, **writer_options())
    in_segment = 0

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
                    if op == "new":
                        text, fields = data
                        writer.add_document(words=words_of(text), **fields)
                        in_segment += 1
                    elif op == "replace":
                        text, fields = data
                        writer.update_document(words=words_of(text), **fields)
                        in_segment += 1
                    else:
                        writer.delete_by_term(*data)
                if in_segment >= SEGMENT_DOCS:  # write this segment now, while the parent works
                    writer.commit(merge=False)
                    writer = ix.writer(timeout=60, limitmb=LIMIT_MB, **writer_options())
                    in_segment = 0
            elif kind == "commit":
                writer.commit(merge=False)
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
        try:  # the reason (e.g. "[Errno 28] No space left on device") is what the parent reports
            reply("error", f"{exc.__class__.__name__}: {exc}")
        except OSError:
            pass


if __name__ == "__main__":
    _child_main(sys.argv[1])
