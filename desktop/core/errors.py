"""Typed errors of the engine; each message is plain words a user can read."""


class ArchiveError(Exception):
    """Base of every error the engine reports to a user."""


class UserInputError(ArchiveError):
    """A bad path, id, option or value given by the user."""


class DocumentNotFound(UserInputError):
    pass


class UndecodableFile(ArchiveError):
    """A file whose encoding cannot be determined with confidence, or that is binary."""


class IndexBusy(ArchiveError):
    """Another process is writing the index."""


class ExportError(ArchiveError):
    """An export could not be written; nothing was left behind."""


class StorageError(ArchiveError):
    """The archive's disk is full or read-only: nothing was written past the last commit."""


DISK_FULL = "磁盘已满，无法写入（disk full）：{where}。此前已保存的内容都还在；腾出空间后再运行一次即可继续。"
READ_ONLY = "磁盘是只读的，无法写入（read-only file system）：{where}。此前已保存的内容都还在。"

_FULL_ERRNOS = {28, 122}  # ENOSPC, EDQUOT
_READ_ONLY_ERRNOS = {30}  # EROFS
_FULL_WORDS = ("database or disk is full", "no space left on device", "disk quota exceeded")
_READ_ONLY_WORDS = ("readonly database", "read-only file system", "read-only database")


def storage_error(exc: BaseException, where: object) -> StorageError | None:
    """A StorageError with a plain sentence when exc (or what caused it) says the disk is full or
    read-only: an OSError's errno, SQLite's "database or disk is full" / "readonly database", or
    the word-index writer process's report of either. None for anything else."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, StorageError):
            return current
        code = getattr(current, "errno", None)
        text = str(current).lower()
        if code in _FULL_ERRNOS or any(w in text for w in _FULL_WORDS):
            return StorageError(DISK_FULL.format(where=where))
        if code in _READ_ONLY_ERRNOS or any(w in text for w in _READ_ONLY_WORDS):
            return StorageError(READ_ONLY.format(where=where))
        if "disk i/o error" in text and _nearly_full(where):
            return StorageError(DISK_FULL.format(where=where))
        current = current.__cause__ or current.__context__
    return None


def _nearly_full(where: object) -> bool:
    import shutil

    try:
        return shutil.disk_usage(str(where)).free < 1024 * 1024
    except OSError:
        return False


class storage_errors:
    """`with storage_errors(folder): ...` turns disk-full and read-only failures into StorageError."""

    def __init__(self, where: object):
        self.where = where

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or isinstance(exc, StorageError) or not isinstance(exc, Exception):
            return False
        where = self.where() if callable(self.where) else self.where  # e.g. a folder known only later
        translated = storage_error(exc, where)
        if translated is None:
            return False
        raise translated from exc
