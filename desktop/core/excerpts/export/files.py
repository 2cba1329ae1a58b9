"""Writing an export safely: the target checked, a temporary file renamed into place, plain reasons."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from desktop.core.errors import ExportError


def check_target(path: Path) -> None:
    if not path.name or path.name in (".", ".."):
        raise ExportError(f"{path} is not a file name.")
    if "\x00" in str(path):
        raise ExportError("The file name contains a NUL character, which no file system accepts.")
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # e.g. a name too long to look up
        raise ExportError(f"Could not write {path}: {_reason(exc)}.") from exc
    if is_dir:
        raise ExportError(f"{path} is a folder; choose a file name.")
    # Fail before the (possibly slow) rendering when the folder is plainly unusable.
    folder = path.parent
    if not folder.is_dir():
        missing = not any(p.exists() and not p.is_dir() for p in (folder, *folder.parents))
        reason = "the folder does not exist" if missing else "a part of the path is a file, not a folder"
        raise ExportError(f"Could not write {path}: {reason}.")


def _reason(exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EINVAL: "the file system does not accept this name",
        errno.EISDIR: "it is a folder",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside `path`, then rename it into place."""
    folder = path.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {_reason(exc)}.") from exc
    except ValueError as exc:  # e.g. an embedded NUL in the path
        raise ExportError(f"Could not write {path}: {exc}.") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
