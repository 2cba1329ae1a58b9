"""The user's bookmarks: whole documents and quoted passages, grouped by city, kept in SQLite.

A passage bookmark stores its quote with some context, so that after the archive is re-indexed
(texts edited, files moved or renamed) `BookmarkStore.reanchor` can find it again; one that
cannot be found is kept as an orphan with its quote, never deleted and never moved to other words.
"""

from __future__ import annotations

import builtins
import json
import math
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Protocol

from desktop.core.anchoring import CONTEXT_CHARS, context_of, locate
from desktop.core.errors import UserInputError
from desktop.core.models import Document

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
_SCHEMA_V1 = """
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    doc_path TEXT NOT NULL,
    doc_title TEXT NOT NULL DEFAULT '',
    start INTEGER,
    "end" INTEGER,
    quote TEXT NOT NULL DEFAULT '',
    city TEXT,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
"""

_V2 = """
ALTER TABLE bookmarks ADD COLUMN kind TEXT NOT NULL DEFAULT 'passage';
ALTER TABLE bookmarks ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE bookmarks ADD COLUMN suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE bookmarks ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE bookmarks ADD COLUMN updated TEXT NOT NULL DEFAULT '';
ALTER TABLE bookmarks ADD COLUMN status TEXT NOT NULL DEFAULT 'ok';
ALTER TABLE bookmarks ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE bookmarks SET kind = 'document' WHERE start IS NULL;
UPDATE bookmarks SET updated = created, position = id;
CREATE INDEX bookmarks_doc ON bookmarks (doc_id);
CREATE INDEX bookmarks_order ON bookmarks (position);
"""

# MIGRATIONS[i] brings a file from version i to version i + 1.
MIGRATIONS: list[str] = [_SCHEMA_V1, _V2]
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    'id, doc_id, doc_path, doc_title, kind, start, "end", quote, prefix, suffix, city, note, '
    "tags, created, updated, status, position"
)

_UNSET: Any = object()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class BookmarkStore:
    """Bookmarks in one SQLite file. Every method commits before it returns.

    Safe to share between threads (one connection behind a lock); open one store per file.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=10.0)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    # -- lifecycle --------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise UserInputError(
                    f"The bookmarks file {self.path} was made by a newer version of this "
                    "program; update the program to open it."
                )
            for target in range(version + 1, SCHEMA_VERSION + 1):
                script = MIGRATIONS[target - 1]
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _statements(script):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {target}")
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> BookmarkStore:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, func: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run `func` in one transaction, committed (durably) before returning."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = func(self._db)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return result

    # -- adding -----------------------------------------------------------------------------------

    def add_document(
        self, doc: Document, city: str | None = None, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Bookmark a whole document; bookmarking it again returns the existing bookmark."""
        existing = self._db_row("SELECT id FROM bookmarks WHERE doc_id = ? AND kind = 'document'", (doc.id,))
        if existing is not None:
            return self.get(existing["id"])
        quote, prefix, suffix = _document_anchor(doc.text)
        return self._insert(doc, "document", None, None, quote, prefix, suffix, city, note, tags)

    def add_passage(
        self,
        doc: Document,
        start: int,
        end: int,
        city: str | None = None,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """Bookmark the passage doc.text[start:end]; the same range again returns that bookmark."""
        if isinstance(start, bool) or isinstance(end, bool):
            raise UserInputError("A passage range needs two whole numbers.")
        if not isinstance(start, int) or not isinstance(end, int):
            raise UserInputError("A passage range needs two whole numbers.")
        n = len(doc.text)
        if not 0 <= start < end <= n:
            raise UserInputError(
                f"The passage {start}–{end} is not inside the document, whose text has {n} characters."
            )
        quote = doc.text[start:end]
        if not quote.strip():
            raise UserInputError("The selected passage is blank.")
        existing = self._db_row(
            "SELECT id FROM bookmarks WHERE doc_id = ? AND kind = 'passage' "
            'AND start = ? AND "end" = ? AND quote = ?',
            (doc.id, start, end, quote),
        )
        if existing is not None:
            return self.get(existing["id"])
        prefix, suffix = context_of(doc.text, start, end)
        return self._insert(doc, "passage", start, end, quote, prefix, suffix, city, note, tags)

    def _insert(
        self,
        doc: Document,
        kind: str,
        start: int | None,
        end: int | None,
        quote: str,
        prefix: str,
        suffix: str,
        city: str | None,
        note: str,
        tags: Iterable[str],
    ) -> Bookmark:
        city = _clean_city(city) if city is not None else doc.meta.city
        tag_list = _clean_tags(tags)
        now = _now()

        def insert(db: sqlite3.Connection) -> int:
            pos = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM bookmarks").fetchone()[0]
            cur = db.execute(
                'INSERT INTO bookmarks (doc_id, doc_path, doc_title, kind, start, "end", quote, '
                "prefix, suffix, city, note, tags, created, updated, status, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?)",
                (
                    doc.id,
                    doc.path,
                    doc.meta.title or "",
                    kind,
                    start,
                    end,
                    quote,
                    prefix,
                    suffix,
                    city,
                    note or "",
                    json.dumps(tag_list, ensure_ascii=False),
                    now,
                    now,
                    pos,
                ),
            )
            return int(cur.lastrowid or 0)

        return self.get(self._write(insert))

    # -- reading ----------------------------------------------------------------------------------

    def _db_row(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(sql, params).fetchone()
            return row

    def get(self, bookmark_id: int) -> Bookmark:
        row = self._db_row(f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (bookmark_id,))
        if row is None:
            raise BookmarkNotFound(f"There is no bookmark number {bookmark_id}.")
        return _from_row(row)

    def list(self, city: str | None = None, status: str | None = None) -> list[Bookmark]:
        """Bookmarks in the user's order; `city=""` gives those with no city."""
        where: list[str] = []
        params: list[Any] = []
        if city is not None:
            if city == "":
                where.append("(city IS NULL OR city = '')")
            else:
                where.append("city = ?")
                params.append(city)
        if status is not None:
            if status not in STATUSES:
                raise UserInputError(f"Unknown bookmark status {status!r}: use ok or orphan.")
            where.append("status = ?")
            params.append(status)
        sql = f"SELECT {_COLUMNS} FROM bookmarks"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY position, id"
        with self._lock:
            return [_from_row(r) for r in self._db.execute(sql, params).fetchall()]

    def cities(self) -> builtins.list[tuple[str, int]]:
        """(city, count) in the order the cities first appear in the user's order; the bookmarks
        without a city come last, under ""."""
        with self._lock:
            rows = self._db.execute(
                "SELECT COALESCE(city, '') AS c, COUNT(*) AS n, MIN(position) AS p "
                "FROM bookmarks GROUP BY c ORDER BY (c = ''), p"
            ).fetchall()
        return [(r["c"], r["n"]) for r in rows]

    def orphans(self) -> builtins.list[Bookmark]:
        return self.list(status="orphan")

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0])

    # -- changing ---------------------------------------------------------------------------------

    def remove(self, bookmark_id: int) -> None:
        def delete(db: sqlite3.Connection) -> int:
            return db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)).rowcount

        if not self._write(delete):
            raise BookmarkNotFound(f"There is no bookmark number {bookmark_id}.")

    def update(
        self,
        bookmark_id: int,
        *,
        note: str | None = _UNSET,
        city: str | None = _UNSET,
        tags: Iterable[str] | None = _UNSET,
    ) -> Bookmark:
        """Change the note, the city (None or "" for no city) or the tags; others stay."""
        sets: list[str] = []
        params: list[Any] = []
        if note is not _UNSET:
            sets.append("note = ?")
            params.append(note or "")
        if city is not _UNSET:
            sets.append("city = ?")
            params.append(_clean_city(city))
        if tags is not _UNSET:
            sets.append("tags = ?")
            params.append(json.dumps(_clean_tags(tags or ()), ensure_ascii=False))
        self.get(bookmark_id)  # raises if unknown
        if not sets:
            return self.get(bookmark_id)
        sets.append("updated = ?")
        params.append(_now())
        params.append(bookmark_id)
        self._write(lambda db: db.execute(f"UPDATE bookmarks SET {', '.join(sets)} WHERE id = ?", params))
        return self.get(bookmark_id)

    def reorder(self, ids: Sequence[int]) -> None:
        """Put the given bookmarks first, in this order; the others follow in their old order."""
        wanted = list(dict.fromkeys(ids))

        def apply(db: sqlite3.Connection) -> None:
            known = {r[0] for r in db.execute("SELECT id FROM bookmarks")}
            missing = [i for i in wanted if i not in known]
            if missing:
                raise BookmarkNotFound(f"There is no bookmark number {missing[0]}.")
            rest = [
                r[0] for r in db.execute("SELECT id FROM bookmarks ORDER BY position, id") if r[0] not in set(wanted)
            ]
            for pos, bid in enumerate(wanted + rest, start=1):
                db.execute("UPDATE bookmarks SET position = ? WHERE id = ?", (pos, bid))

        self._write(apply)

    # -- re-anchoring -----------------------------------------------------------------------------

    def reanchor(self, source: DocumentSource, progress: Callable[[int, int], None] | None = None) -> ReanchorSummary:
        """Find every bookmark again in the current archive (after re-indexing); see the module
        docstring. All changes are committed together before returning. `progress(done, total)`
        is called every 50 bookmarks and at the end."""
        summary = ReanchorSummary()
        texts: dict[str, str | None] = {}

        def text_of(doc_id: str) -> str | None:
            if doc_id not in texts:
                texts[doc_id] = source.document_text(doc_id)
            return texts[doc_id]

        infos: dict[str, dict[str, Any] | None] = {}

        def info_of(doc_id: str) -> dict[str, Any] | None:
            if doc_id not in infos:
                infos[doc_id] = source.document_info(doc_id)
            return infos[doc_id]

        def apply(db: sqlite3.Connection) -> None:
            rows = db.execute(f"SELECT {_COLUMNS} FROM bookmarks ORDER BY position, id").fetchall()
            now = _now()
            for done, row in enumerate(rows):
                if progress is not None and done % 50 == 0:
                    progress(done, len(rows))
                bm = _from_row(row)
                was_orphan = bm.status == "orphan"
                change = self._reanchor_one(bm, text_of, info_of, source)
                if change is None:
                    if was_orphan:
                        summary.still_orphan += 1
                    else:
                        summary.orphaned += 1
                        db.execute(
                            "UPDATE bookmarks SET status = 'orphan', updated = ? WHERE id = ?",
                            (now, bm.id),
                        )
                    continue
                kind_of_change, values = change
                if was_orphan:
                    summary.restored += 1
                elif kind_of_change == "unchanged":
                    summary.unchanged += 1
                elif kind_of_change == "relocated":
                    summary.relocated += 1
                else:
                    summary.moved += 1
                if values or was_orphan:
                    values = dict(values)
                    values["status"] = "ok"
                    values["updated"] = now
                    cols = ", ".join(f'"{k}" = ?' for k in values)
                    db.execute(f"UPDATE bookmarks SET {cols} WHERE id = ?", [*values.values(), bm.id])

        self._write(apply)
        if progress is not None:
            progress(len(self), len(self))
        return summary

    def _reanchor_one(
        self,
        bm: Bookmark,
        text_of: Callable[[str], str | None],
        info_of: Callable[[str], dict[str, Any] | None],
        source: DocumentSource,
    ) -> tuple[str, dict[str, Any]] | None:
        """("unchanged" | "relocated" | "moved", columns to update), or None for an orphan."""
        text = text_of(bm.doc_id)
        if text is not None:
            values: dict[str, Any] = {}
            info = info_of(bm.doc_id)
            if info and info.get("title") and info["title"] != bm.doc_title:
                values["doc_title"] = info["title"]  # the title was corrected
            if bm.kind == "document":
                if not bm.quote:  # a bookmark from a version-1 file: keep the opening now
                    values["quote"], _, values["suffix"] = _document_anchor(text)
                return "unchanged", values
            if bm.start is not None and bm.end is not None and text[bm.start : bm.end] == bm.quote:
                if not bm.prefix and not bm.suffix:  # from a version-1 file: add the context
                    values.update(_anchor_values(text, bm.start, bm.end))
                return "unchanged", values
            found = _locate(text, bm)
            if found is None:
                return None
            values.update(_anchor_values(text, *found))
            return "relocated", values

        # The document is gone: was its file moved or renamed (same text, another id)?
        target = self._find_elsewhere(bm, text_of, source)
        if target is None:
            return None
        doc_id, found = target
        info = info_of(doc_id) or {}
        values = {
            "doc_id": doc_id,
            "doc_path": info.get("path") or bm.doc_path,
            "doc_title": info.get("title") or bm.doc_title,
        }
        if not bm.city and info.get("city"):
            values["city"] = info["city"]
        if bm.kind == "passage" and found is not None:
            values.update(_anchor_values(text_of(doc_id) or "", *found))
        return "moved", values

    def _find_elsewhere(
        self,
        bm: Bookmark,
        text_of: Callable[[str], str | None],
        source: DocumentSource,
    ) -> tuple[str, tuple[int, int] | None] | None:
        """The one document that now holds the bookmark's quote, with the quote's range there."""
        if not bm.quote.strip():
            return None
        candidates = [d for d in source.find_documents_with(bm.quote) if d != bm.doc_id]
        if len(candidates) > 1:
            # Several documents hold the quote: keep those that also hold its context.
            near = bm.prefix[-16:] + bm.quote + bm.suffix[:16]
            for context in (near, bm.prefix + bm.quote + bm.suffix):
                narrowed = [d for d in source.find_documents_with(context) if d in candidates]
                if len(narrowed) == 1:
                    candidates = narrowed
                    break
        if not candidates:
            # Moved and edited: look up a few pieces of the quote, then check each document.
            pieces = _pieces(bm.quote)
            seen: list[str] = []
            for piece in pieces:
                for d in source.find_documents_with(piece):
                    if d != bm.doc_id and d not in seen:
                        seen.append(d)
            candidates = seen[:10]
        fits: list[tuple[str, tuple[int, int] | None]] = []
        for doc_id in candidates:
            text = text_of(doc_id)
            if text is None:
                continue
            if bm.kind == "document":
                if bm.quote in text:
                    fits.append((doc_id, None))
                continue
            found = _locate(text, bm)
            if found is not None:
                fits.append((doc_id, found))
        if len(fits) == 1:
            return fits[0]
        return None


def _locate(text: str, bm: Bookmark) -> tuple[int, int] | None:
    """Where a passage bookmark's quote is in `text`, or None. An approximate match (the words
    differ, not just the whitespace) is accepted only where the saved context agrees with what
    surrounds it, or, for a bookmark saved without context, only near its old place: a quote
    that was replaced must become an orphan, not a similar sentence elsewhere."""
    found = locate(text, bm.quote, bm.prefix, bm.suffix, bm.start)
    if found is None:
        return None
    start, end = found
    if _squash(text[start:end]) == _squash(bm.quote):
        return found
    if not bm.prefix.strip() and not bm.suffix.strip():
        near = max(64, len(bm.quote))
        return found if bm.start is not None and abs(start - bm.start) <= near else None
    before = _squash(text[max(0, start - 2 * CONTEXT_CHARS) : start])
    after = _squash(text[end : end + 2 * CONTEXT_CHARS])
    if _context_agrees(_squash(bm.prefix)[::-1], before[::-1]) or _context_agrees(_squash(bm.suffix), after):
        return found
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


def _context_agrees(saved: str, actual: str, chars: int = 12) -> bool:
    """Whether the saved context (read outwards from the quote) matches the text beside the
    match: most of its first `chars` characters, allowing an edit or a shifted boundary."""
    saved = saved[:chars]
    if not saved:
        return not actual  # the quote was at the text's start (or end), and still is
    window = actual[: len(saved) + 2]
    same = sum(b.size for b in SequenceMatcher(None, saved, window, autojunk=False).get_matching_blocks())
    return same >= max(2, math.ceil(0.6 * len(saved)))


def _document_anchor(text: str) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of a whole-document bookmark: the text's opening words."""
    lead = text.lstrip()
    offset = len(text) - len(lead)
    quote = lead[:DOCUMENT_QUOTE_CHARS].rstrip()
    return quote, "", text[offset + len(quote) : offset + len(quote) + 32]


def _anchor_values(text: str, start: int, end: int) -> dict[str, Any]:
    prefix, suffix = context_of(text, start, end)
    quote = text[start:end]
    return {"start": start, "end": end, "quote": quote, "prefix": prefix, "suffix": suffix}


def _pieces(quote: str, size: int = 8, count: int = 8) -> list[str]:
    """Up to `count` short pieces spread over a quote, to look up when the quote was edited:
    a piece that missed the edits still finds the document. Whitespace is never inside a piece."""
    chunks = quote.split()
    if not chunks:
        return []
    pieces = [c[s : s + size] for c in chunks if len(c) >= size for s in range(0, len(c) - size + 1, size // 2)]
    if not pieces:
        return [max(chunks, key=len)]
    if len(pieces) > count:
        pieces = [pieces[round(k * (len(pieces) - 1) / (count - 1))] for k in range(count)]
    return list(dict.fromkeys(pieces))


def _clean_city(city: str | None) -> str | None:
    if city is None:
        return None
    city = city.strip()
    return city or None


def _clean_tags(tags: Iterable[str]) -> list[str]:
    if isinstance(tags, str):
        tags = [tags]
    out: list[str] = []
    for tag in tags:
        t = str(tag).strip()
        if t and t not in out:
            out.append(t)
    return out


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _from_row(row: sqlite3.Row) -> Bookmark:
    return Bookmark(
        id=row["id"],
        doc_id=row["doc_id"],
        doc_path=row["doc_path"],
        doc_title=row["doc_title"],
        kind=row["kind"],
        start=row["start"],
        end=row["end"],
        quote=row["quote"],
        prefix=row["prefix"],
        suffix=row["suffix"],
        city=row["city"],
        note=row["note"],
        tags=list(json.loads(row["tags"] or "[]")),
        created=row["created"],
        updated=row["updated"],
        status=row["status"],
        position=row["position"],
    )
