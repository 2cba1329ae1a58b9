"""Writing an export safely: the target checked, a temporary file renamed into place, plain reasons.

What is at the target path decides what happens:
- nothing: a new regular file, with the mode new files get (0666 less the umask);
- a regular file: replaced as a whole (written beside it and renamed over it), keeping its mode and,
  where the exporting user may, its owner and group;
- a symbolic link: followed. The file it points to is written (replaced the same way) and the link
  stays a link; a link whose target's folder is missing is refused;
- anything else (a character or block device such as /dev/null, a FIFO, a socket): refused, and
  left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from desktop.core.errors import ExportError


def _not_regular(path: Path) -> str | None:
    """Why the existing thing at path is no file to export into (None: a regular file or nothing)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = ("设备" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "管道" if stat.S_ISFIFO(mode) else "套接字" if stat.S_ISSOCK(mode) else "特殊文件")
    return (f"不能导出到 {path}：它不是普通文件，而是{kind}，已保持原样"
            "（not a regular file; choose a file name）。")


def resolve_target(path: Path) -> Path:
    """The file an export to path writes: path itself, or where a symbolic link at path points."""
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError) as exc:
        raise ExportError(f"Could not write {path}: the symbolic link cannot be followed ({exc}).") from exc


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
    refused = _not_regular(path)
    if refused:
        raise ExportError(refused)
    path = resolve_target(path)
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
    """Write data to a temporary file beside `path` (or beside the file a symbolic link at `path`
    points to), then rename it into place, with the replaced file's mode and owner."""
    path = resolve_target(Path(path))
    refused = _not_regular(path)
    if refused:
        raise ExportError(refused)
    folder = path.parent
    tmp: str | None = None
    try:
        try:
            old = os.stat(path)
        except FileNotFoundError:
            old = None
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if old is not None and stat.S_ISREG(old.st_mode):
            with contextlib.suppress(OSError):  # only root (or the owner, for the group) may
                os.chown(tmp, old.st_uid, old.st_gid)
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
        else:
            os.chmod(tmp, 0o666 & ~_umask())
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


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


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
