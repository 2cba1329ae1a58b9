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
