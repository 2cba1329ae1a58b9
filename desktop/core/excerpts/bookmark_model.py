"""Bookmarks as values: a bookmarked document or passage, and the summary of a re-anchoring run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.core.errors import UserInputError

KINDS = ("document", "passage")
STATUSES = ("ok", "orphan")
DOCUMENT_QUOTE_CHARS = 80  # a document bookmark keeps the text's opening to find a moved file


class BookmarkNotFound(UserInputError):
    """No bookmark has the given id."""


class DocumentSource(Protocol):
    """What `BookmarkStore.reanchor` needs from the archive (the engine's ArchiveService)."""

    def document_text(self, doc_id: str) -> str | None:
        """The current cleaned text, or None if the document is gone."""
        ...

    def find_documents_with(self, text: str) -> list[str]:
        """Ids of the documents whose cleaned text contains `text` exactly."""
        ...

    def document_info(self, doc_id: str) -> dict[str, Any] | None:
        """{"path": ..., "title": ..., "city": ...}, or None if the document is gone."""
        ...


@dataclass
class Bookmark:
    id: int
    doc_id: str
    doc_path: str
    doc_title: str
    kind: str  # "document" | "passage"
    start: int | None  # cleaned-text offsets; None for a whole document
    end: int | None
    quote: str  # the exact text (for a document: its opening)
    prefix: str  # up to 32 characters before the quote
    suffix: str  # up to 32 characters after it
    city: str | None
    note: str
    tags: list[str] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    status: str = "ok"  # "ok" | "orphan"
    position: int = 0  # place in the user's order
    page: int | None = None  # the 1-based page the passage is on (None: a document without pages)


@dataclass
class ReanchorSummary:
    unchanged: int = 0  # found where it was
    relocated: int = 0  # found elsewhere in the same document
    moved: int = 0  # its document is gone; found in exactly one other document
    orphaned: int = 0  # newly marked orphan
    restored: int = 0  # was an orphan, found again
    still_orphan: int = 0

    def summary(self) -> str:
        return (
            f"unchanged {self.unchanged}, relocated {self.relocated}, moved {self.moved}, "
            f"orphaned {self.orphaned}, restored {self.restored}, still orphan {self.still_orphan}"
        )


# -- schema ---------------------------------------------------------------------------------------
# Version 1 (the first release) had no kind, context, tags, status nor order.
