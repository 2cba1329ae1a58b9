"""The user's bookmarks: whole documents and quoted passages, grouped by city, kept in SQLite.

A passage bookmark stores its quote with some context, so that after the archive is re-indexed
(texts edited, files moved or renamed) `BookmarkStore.reanchor` can find it again; one that
cannot be found is kept as an orphan with its quote, never deleted and never moved to other words.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.errors import UserInputError, storage_errors
from desktop.core.excerpts.anchoring import context_of
from desktop.core.excerpts.bookmark_model import (  # noqa: F401  (re-exported: the store's vocabulary)
    DOCUMENT_QUOTE_CHARS,
    KINDS,
    STATUSES,
    Bookmark,
    BookmarkNotFound,
    DocumentSource,
    ReanchorSummary,
)
from desktop.core.excerpts.bookmark_schema import (  # noqa: F401  (SCHEMA_VERSION re-exported)
    COLUMNS as _COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
    clean_city as _clean_city,
    clean_tags as _clean_tags,
    from_row as _from_row,
    statements as _statements,
)
from desktop.core.excerpts.reanchor import document_anchor, reanchor_one
from desktop.core.index.store import db_path
from desktop.core.models import Document

_UNSET: Any = object()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class BookmarkStore:
    """Bookmarks in one SQLite file. Every method commits before it returns.

    Safe to share between threads (one connection behind a lock); open one store per file.
    """

    def __init__(self, path: Path, city_check: Callable[[str], str | None] | None = None) -> None:
        """city_check: turns a user's city into the stored value or raises UserInputError (the
        service passes its gazetteer check; without one, any non-blank text is kept)."""
        self.path = Path(path)
        self._city_check = city_check
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        with storage_errors(self.path):
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
        """Run `func` in one transaction, committed (durably) before returning. A full or read-only
        disk is a StorageError; the transaction is rolled back, so the file is as it was."""
        with self._lock, storage_errors(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = func(self._db)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
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
        quote, prefix, suffix = document_anchor(doc.text)
        return self._insert(doc, "document", None, None, quote, prefix, suffix, city, note, tags, None)

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
        page = doc.page_at(start) if hasattr(doc, "page_at") else None
        return self._insert(doc, "passage", start, end, quote, prefix, suffix, city, note, tags, page)

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
        page: int | None = None,
    ) -> Bookmark:
        city = self._city(city) if city is not None else doc.meta.city
        tag_list = _clean_tags(tags)
        now = _now()

        def insert(db: sqlite3.Connection) -> int:
            pos = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM bookmarks").fetchone()[0]
            cur = db.execute(
                'INSERT INTO bookmarks (doc_id, doc_path, doc_title, kind, start, "end", quote, '
                "prefix, suffix, city, note, tags, created, updated, status, position, page) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?)",
                (
                    doc.id,
                    db_path(doc.path),  # a name that is not UTF-8 kept losslessly, as in the archive
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
                    page,
                ),
            )
            return int(cur.lastrowid or 0)

        return self.get(self._write(insert))

    def _city(self, city: str | None) -> str | None:
        city = _clean_city(city)
        if city is not None and self._city_check is not None:
            city = self._city_check(city)
        return city

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

    def restore(self, bookmarks: Iterable[Bookmark]) -> None:
        """Put removed bookmarks back as they were (same ids, places, notes): the undo of `remove`."""
        rows = []
        for bm in bookmarks:
            values = dict(vars(bm))
            values["tags"] = json.dumps(list(bm.tags), ensure_ascii=False)
            rows.append(values)

        def insert(db: sqlite3.Connection) -> None:
            columns = [r[1] for r in db.execute("PRAGMA table_info(bookmarks)")]
            names = [c for c in columns if rows and c in rows[0]]
            sql = "INSERT OR REPLACE INTO bookmarks ({}) VALUES ({})".format(
                ", ".join(f'"{c}"' for c in names), ", ".join("?" * len(names)))
            db.executemany(sql, [[r[c] for c in names] for r in rows])

        if rows:
            self._write(insert)

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
            params.append(self._city(city))
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
                change = reanchor_one(bm, text_of, info_of, source)
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
                if values.get("start") is not None and hasattr(source, "page_of"):
                    values = {**values, "page": source.page_of(values.get("doc_id", bm.doc_id), values["start"])}
                if values or was_orphan:
                    values = dict(values)
                    values["status"] = "ok"
                    values["updated"] = now
                    if "doc_path" in values:
                        values["doc_path"] = db_path(values["doc_path"])
                    cols = ", ".join(f'"{k}" = ?' for k in values)
                    db.execute(f"UPDATE bookmarks SET {cols} WHERE id = ?", [*values.values(), bm.id])

        self._write(apply)
        if progress is not None:
            progress(len(self), len(self))
        return summary
