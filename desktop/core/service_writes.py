"""How ArchiveService writes: one indexing process at a time behind an OS file lock (released by the
kernel if the process dies), and a full or read-only disk as a plain sentence."""

from __future__ import annotations

import fcntl
import functools
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.errors import IndexBusy, storage_errors


def writes(method):
    """A method that writes the archive: a full or read-only disk becomes a StorageError with a plain
    sentence (the CLI's exit 2, the GUI's message); what was committed before stays."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with storage_errors(lambda: getattr(self, "data_dir", "the archive")):
            return method(self, *args, **kwargs)

    return wrapper


@contextmanager
def index_lock(data_dir: Path, wait: float) -> Iterator[None]:
    """Hold `index.lock` (with this process's id in it), waiting up to `wait` seconds for another
    process to let it go; IndexBusy when it does not."""
    fd = os.open(data_dir / "index.lock", os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise IndexBusy("另一个程序正在建立索引，请稍后再试（indexing is already in progress）")
            time.sleep(0.2)
    try:
        yield
    finally:
        os.close(fd)
