"""The bookmark file's schema (each version's migration) and how a row becomes a Bookmark."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from desktop.core.excerpts.bookmark_model import Bookmark
from desktop.core.index.store import from_db_path

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

# Version 3: the page a passage is on (PDF, EPUB, scans), NULL for documents without pages.
_V3 = """
ALTER TABLE bookmarks ADD COLUMN page INTEGER;
"""

MIGRATIONS: list[str] = [_SCHEMA_V1, _V2, _V3]
SCHEMA_VERSION = len(MIGRATIONS)

COLUMNS = (
    'id, doc_id, doc_path, doc_title, kind, start, "end", quote, prefix, suffix, city, note, '
    "tags, created, updated, status, position, page"
)


def clean_city(city: str | None) -> str | None:
    if city is None:
        return None
    city = city.strip()
    return city or None


def clean_tags(tags: Iterable[str]) -> list[str]:
    if isinstance(tags, str):
        tags = [tags]
    out: list[str] = []
    for tag in tags:
        t = str(tag).strip()
        if t and t not in out:
            out.append(t)
    return out


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def from_row(row: sqlite3.Row) -> Bookmark:
    return Bookmark(
        id=row["id"],
        doc_id=row["doc_id"],
        doc_path=from_db_path(row["doc_path"]),
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
        page=row["page"],
    )
