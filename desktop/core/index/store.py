"""The archive's SQLite file: documents, folders, skipped files, user corrections, and the
character-bigram index (FTS5) that makes every substring findable.

Each document's match text (see cleaning.match_text) is indexed as overlapping bigrams plus
its last character. The documents holding every bigram of a query string of n >= 2 characters
(a single character: any bigram starting with it, or the last character) are a superset of those
containing the string; the caller counts the string in each, so matching is exact and no
segmenter is involved. New archives keep no positions (detail=none): the count does that work.
"""

from __future__ import annotations

import json
import operator
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable

SCHEMA_VERSION = 2  # 2: docs.date and docs.date_source (issue 17)

# Every character but the space (and NUL) is part of a token: ASCII's tokenizer treats all non-ASCII
# characters so, and ASCII punctuation and controls are listed. Faster to insert than unicode61.
_ASCII_PUNCTUATION = "".join(ch for ch in map(chr, range(1, 128)) if not ch.isalnum() and ch != " ")
_TOKENIZER = "ascii separators ' ' tokenchars '{}'".format(_ASCII_PUNCTUATION.replace("'", "''"))

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS docs (
        rowid INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT UNIQUE NOT NULL,
        path TEXT UNIQUE NOT NULL,
        folder TEXT,
        size INTEGER, mtime REAL, hash TEXT,
        encoding TEXT,
        original TEXT NOT NULL,
        text TEXT NOT NULL,
        match TEXT NOT NULL,
        meta TEXT NOT NULL,
        title TEXT, city TEXT, person TEXT, series TEXT, series_no INTEGER,
        length INTEGER,
        date TEXT, date_source TEXT,
        indexed_at REAL
    )""",
    "CREATE INDEX IF NOT EXISTS docs_city ON docs(city)",
    "CREATE INDEX IF NOT EXISTS docs_hash ON docs(hash)",
    "CREATE INDEX IF NOT EXISTS docs_date ON docs(date)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(
        g, content='', detail=none, tokenize="{}")""".format(_TOKENIZER.replace('"', '""')),
    "CREATE TABLE IF NOT EXISTS folders (path TEXT PRIMARY KEY, added_at REAL)",
    "CREATE TABLE IF NOT EXISTS skipped (path TEXT PRIMARY KEY, reason TEXT, at REAL)",
    """CREATE TABLE IF NOT EXISTS corrections (
        path TEXT NOT NULL, field TEXT NOT NULL, value TEXT, at REAL,
        PRIMARY KEY (path, field))""",
    "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT)",
]


# ---- file paths as stored ----
#
# A file name the file system holds need not be UTF-8 (a zip from Windows: GBK bytes). Python hands
# such names over with lone surrogates (surrogateescape), which SQLite's UTF-8 text cannot hold. The
# store keeps them losslessly: each surrogate becomes U+E000 and a private-use character (U+E100 +
# its offset), and U+E000 itself is doubled. A path without either is stored as it is, so existing
# archives read the same and prefixes stay prefixes.

_PATH_ESC = "\ue000"
_PATH_SPECIAL = re.compile("[\ud800-\udfff\ue000]")
_PATH_ESCAPED = re.compile("\ue000(.)", re.S)


def db_path(path: str | None) -> str | None:
    """A path (possibly holding lone surrogates) as stored in SQLite text."""
    if path is None or _PATH_SPECIAL.search(path) is None:
        return path
    return _PATH_SPECIAL.sub(
        lambda m: _PATH_ESC + (_PATH_ESC if m.group() == _PATH_ESC else chr(0xE100 + ord(m.group()) - 0xD800)), path)


def from_db_path(text: str | None) -> str | None:
    """The path db_path stored, exactly as the file system gave it."""
    if not isinstance(text, str) or _PATH_ESC not in text:
        return text
    return _PATH_ESCAPED.sub(lambda m: _PATH_ESC if m.group(1) == _PATH_ESC else chr(0xD800 + ord(m.group(1)) - 0xE100), text)


BIGRAM_CHUNK = 1 << 20  # characters laid out at a time: a 50 MB text needs no 3n-wide temporaries


def bigrams(match: str) -> str:
    """'abcd' -> 'ab bc cd d': every overlapping pair, then the last character."""
    n = len(match)
    if n < 64:
        if not match:
            return ""
        return " ".join(map(operator.add, match, match[1:])) + (" " if n > 1 else "") + match[-1]
    pieces = [_pairs(match[s : s + BIGRAM_CHUNK + 1]) for s in range(0, n - 1, BIGRAM_CHUNK)]
    pieces.append(match[-1])
    return " ".join(pieces)


def _pairs(chunk: str) -> str:
    """'abcd' -> 'ab bc cd' (ten times faster than joining: the pairs laid out as UTF-32 in one array)."""
    import numpy as np

    codes = np.frombuffer(chunk.encode("utf-32-le"), dtype=np.uint32)
    k = len(codes) - 1
    out = np.empty(3 * k - 1, dtype=np.uint32)
    out[0::3] = codes[:-1]
    out[1::3] = codes[1:]
    out[2::3] = 32
    return out.tobytes().decode("utf-32-le")


def phrase(term: str) -> str:
    """An FTS5 expression for a superset of the documents whose match text contains term."""
    if len(term) == 1:
        return _quoted(term) + "*"
    grams = dict.fromkeys(term[i : i + 2] for i in range(len(term) - 1))
    return " AND ".join(map(_quoted, grams))


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _from_db_any(value):
    return from_db_path(value) if isinstance(value, str) else value


class ArchiveStore:
    """One SQLite connection per thread over the archive file (WAL: readers never block)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        conn = self.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            with conn:
                for stmt in _SCHEMA:
                    conn.execute(stmt)
                conn.execute("INSERT OR IGNORE INTO settings VALUES ('generation', 0)")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        elif version == 1:
            self._migrate_dates()
            conn.execute("INSERT OR IGNORE INTO settings VALUES ('generation', 0)")
        elif version == SCHEMA_VERSION:
            conn.execute("INSERT OR IGNORE INTO settings VALUES ('generation', 0)")
        elif version > SCHEMA_VERSION:
            raise RuntimeError(f"archive file {self.path} was written by a newer version")
        self._refold()

    def _migrate_dates(self) -> None:
        """Version 1 -> 2: add docs.date and docs.date_source, filled from the stored metadata (its date
        came from the text or the file's metadata: source "text"; a user's date correction: "user")."""
        conn = self.conn
        try:
            with conn:
                conn.execute("ALTER TABLE docs ADD COLUMN date TEXT")
                conn.execute("ALTER TABLE docs ADD COLUMN date_source TEXT")
                conn.execute("UPDATE docs SET date=json_extract(meta, '$.date') WHERE json_valid(meta)")
                conn.execute("UPDATE docs SET date_source='text' WHERE date IS NOT NULL")
                conn.execute("""UPDATE docs SET date_source='user' WHERE path IN
                                (SELECT path FROM corrections WHERE field='date' AND value IS NOT NULL)""")
                conn.execute("CREATE INDEX IF NOT EXISTS docs_date ON docs(date)")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.OperationalError:  # a read-only archive: read as version 1 (no dates filter)
            pass

    def _refold(self) -> None:
        """Bring the match texts up to the current folding (cleaning.MATCH_VERSION), once per archive.

        Version 2 leaves invisible characters out (zero-width spaces, bidi marks, variation
        selectors, controls). Only documents whose match text holds one change: each is re-folded
        from its stored cleaned text and its bigrams replaced, in one transaction. A read-only
        archive is left as it is (and searched as before) until it can be written."""
        from desktop.core.ingest.cleaning import MATCH_VERSION, has_invisible, match_text

        conn = self.conn
        if self.setting("match_version") == str(MATCH_VERSION):
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return  # read-only (or busy for 30 s): the next open tries again
        try:
            stale = [rowid for rowid, match in conn.execute("SELECT rowid, match FROM docs") if has_invisible(match)]
            for rowid in stale:
                text, old = conn.execute("SELECT text, match FROM docs WHERE rowid=?", (rowid,)).fetchone()
                new = match_text(text)
                self._delete_grams(rowid, old)
                conn.execute("UPDATE docs SET match=? WHERE rowid=?", (new, rowid))
                conn.execute("INSERT INTO grams(rowid, g) VALUES (?, ?)", (rowid, bigrams(new)))
            if stale:
                conn.execute("UPDATE settings SET value = value + 1 WHERE key = 'generation'")
            conn.execute("INSERT OR REPLACE INTO settings VALUES ('match_version', ?)", (str(MATCH_VERSION),))
            conn.execute("COMMIT")
        except sqlite3.Error:
            self.rollback()

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # ---- writing (one writer: the indexer) ----

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if getattr(self._local, "dirty", False):
            self.conn.execute("UPDATE settings SET value = value + 1 WHERE key = 'generation'")
            self._local.dirty = False
        self.conn.execute("COMMIT")

    def generation(self) -> int:
        """Bumped by every commit that changed documents: readers reload their caches when it moves."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.OperationalError:
            pass

    def put_document(self, row: dict[str, Any]) -> int:
        """Insert or replace a document (inside the caller's transaction); returns its rowid."""
        self._local.dirty = True
        row = {**row, "path": db_path(row["path"]), "folder": db_path(row.get("folder")),
               "date": row.get("date"), "date_source": row.get("date_source")}
        old = self.conn.execute("SELECT rowid, match FROM docs WHERE path=?", (row["path"],)).fetchone()
        if old:
            self._delete_grams(old[0], old[1])
            self.conn.execute("DELETE FROM docs WHERE rowid=?", (old[0],))
        cur = self.conn.execute(
            """INSERT INTO docs (id, path, folder, size, mtime, hash, encoding, original, text, match,
               meta, title, city, person, series, series_no, length, indexed_at, date, date_source)
               VALUES (:id, :path, :folder, :size, :mtime, :hash, :encoding, :original, :text, :match,
               :meta, :title, :city, :person, :series, :series_no, :length, :indexed_at, :date, :date_source)""",
            row,
        )
        rowid = cur.lastrowid
        self.conn.execute("INSERT INTO grams(rowid, g) VALUES (?, ?)", (rowid, bigrams(row["match"])))
        return rowid

    def _delete_grams(self, rowid: int, match: str) -> None:
        """Contentless FTS5 deletes by repeating the document's tokens."""
        self.conn.execute("INSERT INTO grams(grams, rowid, g) VALUES ('delete', ?, ?)", (rowid, bigrams(match)))

    def delete_document(self, path: str) -> str | None:
        self._local.dirty = True
        old = self.conn.execute("SELECT rowid, match, id FROM docs WHERE path=?", (db_path(path),)).fetchone()
        if not old:
            return None
        self._delete_grams(old[0], old[1])
        self.conn.execute("DELETE FROM docs WHERE rowid=?", (old[0],))
        return old[2]

    def touch(self, path: str, size: int, mtime: float) -> None:
        self.conn.execute("UPDATE docs SET size=?, mtime=? WHERE path=?", (size, mtime, db_path(path)))

    def set_skipped(self, path: str, reason: str | None, at: float = 0.0) -> None:
        if reason is None:
            self.conn.execute("DELETE FROM skipped WHERE path=?", (db_path(path),))
        else:
            self.conn.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?)", (db_path(path), db_path(reason), at))

    # ---- reading ----

    def file_states(self) -> dict[str, tuple[int, float, str]]:
        return {from_db_path(p): (s, m, h) for p, s, m, h in self.conn.execute("SELECT path, size, mtime, hash FROM docs")}

    def paths_under(self, folder: str) -> list[str]:
        folder = db_path(folder)
        prefix = folder.rstrip("/\\") + "/"
        rows = self.conn.execute("SELECT path FROM docs WHERE folder=? OR substr(path, 1, ?)=?", (folder, len(prefix), prefix))
        return [from_db_path(r[0]) for r in rows]

    def document_row(self, key: str) -> sqlite3.Row | None:
        self.conn.row_factory = sqlite3.Row
        try:
            row = self.conn.execute("SELECT * FROM docs WHERE id=? OR path=?", (db_path(key), db_path(key))).fetchone()
        finally:
            self.conn.row_factory = None
        if row is not None and _PATH_ESC in (row["path"] or "") + (row["folder"] or ""):
            row = {**dict(row), "path": from_db_path(row["path"]), "folder": from_db_path(row["folder"])}
        return row

    def rows_by_rowid(self, rowids: Iterable[int], columns: str) -> dict[int, tuple]:
        ids = list(rowids)
        paths = any(c.strip() in ("path", "folder") for c in columns.split(","))
        out: dict[int, tuple] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT rowid, {columns} FROM docs WHERE rowid IN ({marks})", chunk):
                out[row[0]] = tuple(map(_from_db_any, row[1:])) if paths else row[1:]
        return out

    def match_rowids(self, expression: str) -> list[int]:
        """Rowids of documents matching an FTS5 expression."""
        return [r[0] for r in self.conn.execute("SELECT rowid FROM grams WHERE grams MATCH ?", (expression,))]

    def gram_doc_count(self, gram: str) -> int:
        """In how many documents a bigram occurs (from FTS5's vocabulary)."""
        conn = self.conn
        if not getattr(self._local, "vocab", False):
            conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.gram_vocab USING fts5vocab(main, grams, 'row')")
            self._local.vocab = True
        row = conn.execute("SELECT doc FROM temp.gram_vocab WHERE term=?", (gram,)).fetchone()
        return row[0] if row else 0

    def match_texts(self, after_rowid: int = 0) -> list[tuple[int, str]]:
        return self.conn.execute("SELECT rowid, match FROM docs WHERE rowid > ?", (after_rowid,)).fetchall()

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM docs").fetchone()[0]

    def all_meta(self) -> list[tuple]:
        select = ("SELECT rowid, id, path, title, city, person, series, series_no, length,"
                  " json_extract(meta, '$.headlines'), {} FROM docs")
        try:
            rows = self.conn.execute(select.format("date")).fetchall()
        except sqlite3.OperationalError:  # a read-only version 1 archive: no date column yet
            rows = self.conn.execute(select.format("NULL")).fetchall()
        return [r if _PATH_ESC not in r[2] else (*r[:2], from_db_path(r[2]), *r[3:]) for r in rows]

    # ---- folders, skipped, corrections, settings ----

    def add_folder(self, path: str, at: float) -> None:
        self.conn.execute("INSERT OR IGNORE INTO folders VALUES (?, ?)", (db_path(path), at))

    def remove_folder(self, path: str) -> None:
        self.conn.execute("DELETE FROM folders WHERE path=?", (db_path(path),))

    def folders(self) -> list[str]:
        return [from_db_path(r[0]) for r in self.conn.execute("SELECT path FROM folders ORDER BY added_at, path")]

    def skipped(self) -> list[tuple[str, str]]:
        rows = self.conn.execute("SELECT path, reason FROM skipped ORDER BY path").fetchall()
        return [(from_db_path(p), from_db_path(r)) for p, r in rows]

    def corrections(self, path: str) -> dict[str, str | None]:
        return dict(self.conn.execute("SELECT field, value FROM corrections WHERE path=?", (db_path(path),)).fetchall())

    def set_correction(self, path: str, field: str, value: str | None, at: float) -> None:
        self.conn.execute("INSERT OR REPLACE INTO corrections VALUES (?, ?, ?, ?)", (db_path(path), field, value, at))

    def apply_corrections_to_row(self, path: str) -> None:
        """Copy corrected fields into the docs row's filter columns and metadata."""
        self._local.dirty = True
        fixes = self.corrections(path)
        if not fixes:
            return
        row = self.conn.execute("SELECT meta FROM docs WHERE path=?", (db_path(path),)).fetchone()
        if not row:
            return
        meta = json.loads(row[0])
        for field, value in fixes.items():
            meta[field] = value
        if "date" in fixes:  # a date correction: the user's date, or (cleared) none
            meta["date_source"] = "user" if fixes["date"] else None
        self.conn.execute(
            "UPDATE docs SET meta=?, title=?, city=?, person=?, date=?, date_source=? WHERE path=?",
            (json.dumps(meta, ensure_ascii=False), meta.get("title"), meta.get("city"), meta.get("person"),
             meta.get("date"), meta.get("date_source"), db_path(path)),
        )

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return from_db_path(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, db_path(value)))

    def delete_setting(self, key: str) -> None:
        self.conn.execute("DELETE FROM settings WHERE key=?", (key,))
