"""Version groups: documents that are copies of one another (issue 14).

A design of our own, as fast as MinHash-LSH and exact about containment: every document's
character shingles (SHINGLE characters of its folded match text, punctuation and spaces removed,
common OCR confusions such as 己/已/巳 folded to one) are hashed (a polynomial hash, mixed) and a content-defined
sample is kept (the hashes divisible by SAMPLE). Because the sample is chosen by hash value, two
copies keep the same shingles, so the shared sampled hashes estimate the shared text. Candidates
are the documents sharing a sampled hash (an indexed SQLite table, read and written once per batch
of documents in hash order, the batch matched against itself in memory; no pass over the archive); a candidate is accepted when the shared sample covers at least THRESHOLD
of the shorter document's sample (containment: a truncated or extended copy still counts, a shared
boilerplate paragraph or a topic does not). Hashes held by COMMON documents (stock
phrases) are not used to find candidates.

The tables live in the archive store, inside the indexer's transaction: adding a file looks up
only that file; removing or changing one drops its hashes and pairs. Groups are the connected
components of the accepted pairs (union-find), read when asked for.
"""

from __future__ import annotations

import re
import sqlite3
from array import array
from collections import Counter
from itertools import chain, repeat
from dataclasses import dataclass, field

import numpy as np

SHINGLE = 5
_PRIME, _MIX1, _MIX2 = np.uint64(1_000_003), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
SAMPLE = 8  # keep the hashes h with h % SAMPLE == 0 (about an eighth of the shingles)
THRESHOLD = 0.75  # containment of the shorter sample; chosen by bench/versions.py (docs/benchmarks.md)
MIN_SAMPLE = 6  # documents with fewer sampled shingles (about 50 characters) are not grouped
COMMON = 50  # a hash held by this many documents is a stock phrase: not counted, not stored again
FLUSH_DOCS = 1000  # documents held in a batch at most (the indexer flushes at every commit)
CACHE_KB = 65536  # the indexing connection's page cache while versions are recorded
ENABLED = True  # the benchmark turns grouping off to measure what it costs

# OCR confusions folded to one character (the first of each group).
_CONFUSE = {"己": "已", "巳": "已", "末": "未", "曰": "日", "入": "人", "〇": "零", "0": "零",
            "戍": "戌", "戊": "戌", "毫": "亳", "侯": "候", "券": "卷"}
_CONFUSE_TABLE = str.maketrans(_CONFUSE)
_NOT_WORD = re.compile(r"[\W_]+")

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS version_docs (doc TEXT PRIMARY KEY, n INTEGER NOT NULL, sig BLOB)",
    "CREATE TABLE IF NOT EXISTS version_hashes (hash INTEGER NOT NULL, doc TEXT NOT NULL,"
    " PRIMARY KEY (hash, doc)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS version_pairs (a TEXT NOT NULL, b TEXT NOT NULL, sim REAL NOT NULL,"
    " PRIMARY KEY (a, b))",
    "CREATE INDEX IF NOT EXISTS version_pairs_b ON version_pairs(b)",
)


def normalize(match: str) -> str:
    """The text shingled: OCR confusions folded, everything but letters and digits removed."""
    return _NOT_WORD.sub("", match.translate(_CONFUSE_TABLE))


def signature(match: str) -> set[int]:
    """The sampled shingle hashes of a match text: a polynomial hash of each SHINGLE characters,
    mixed (splitmix64's finaliser) and cut to 32 bits, kept when it is 0 modulo SAMPLE; one numpy
    pass over the text (about 15 times faster than hashing each slice)."""
    codes = np.frombuffer(normalize(match).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - SHINGLE + 1
    if count <= 0:
        return set()
    h = np.zeros(count, dtype=np.uint64)
    for k in range(SHINGLE):
        h = h * _PRIME + codes[k : k + count]  # wraps modulo 2**64, as meant
    h ^= h >> np.uint64(30)
    h *= _MIX1
    h ^= h >> np.uint64(27)
    h *= _MIX2
    h ^= h >> np.uint64(31)
    low = (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return set(low[low % SAMPLE == 0].tolist())


def containment(a: set[int], b: set[int]) -> float:
    """Shared sample over the shorter sample (0 when either is too small to judge)."""
    small = min(len(a), len(b))
    if small < MIN_SAMPLE:
        return 0.0
    return len(a & b) / small


@dataclass
class VersionGroup:
    members: list[str]
    pairs: list[tuple[str, str, float]] = field(default_factory=list)


def ensure_schema(conn: sqlite3.Connection) -> None:
    for stmt in _SCHEMA:
        conn.execute(stmt)


class Versions:
    """The version tables of one archive store (uses the store's connection and transaction).
    write=True (the indexer, a folder's removal) creates the tables if missing and gives the
    connection a big page cache; readers (search, `versions`, `show`) leave both alone, so a search
    never writes, and an archive indexed before version groups reads as having none."""

    def __init__(self, store, write: bool = False):
        self.store = store
        self.pending: dict[str, set[int]] = {}  # documents updated since the last flush: their signatures
        if write:
            ensure_schema(store.conn)
            # The posting table's look-ups and inserts land on random pages: with SQLite's default
            # 2 MB cache each batch read pages back from the OS; 64 MB keeps the table hot.
            store.conn.execute(f"PRAGMA cache_size=-{CACHE_KB}")

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def remove(self, doc: str) -> None:
        if not ENABLED:
            return
        self.pending.pop(doc, None)
        c = self.conn
        row = c.execute("SELECT sig FROM version_docs WHERE doc=?", (doc,)).fetchone()
        if row is None:
            return
        if row[0]:
            old = array("I")
            old.frombytes(row[0])
            c.executemany("DELETE FROM version_hashes WHERE hash=? AND doc=?", [(h, doc) for h in sorted(old)])
        c.execute("DELETE FROM version_docs WHERE doc=?", (doc,))
        c.execute("DELETE FROM version_pairs WHERE a=? OR b=?", (doc, doc))

    def update(self, doc: str, match: str) -> None:
        """Record a document (replacing what was recorded for it). Its partners are found when the
        batch is flushed: flush() must run before the store's transaction commits."""
        if not ENABLED:
            return
        self.remove(doc)
        self.pending[doc] = signature(match)
        if len(self.pending) >= FLUSH_DOCS:
            self.flush()

    def backfill(self) -> int:
        """Make the version tables cover exactly the archive's documents: those indexed before the
        tables existed are recorded (from their stored match text), those removed without them are
        dropped. Two counts when nothing is missing; returns the documents recorded."""
        if not ENABLED:
            return 0
        c = self.conn
        if c.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == c.execute(
                "SELECT COUNT(*) FROM version_docs").fetchone()[0]:
            return 0
        for (doc,) in c.execute("SELECT doc FROM version_docs WHERE doc NOT IN (SELECT id FROM docs)").fetchall():
            self.remove(doc)
        missing = c.execute("SELECT id FROM docs WHERE id NOT IN (SELECT doc FROM version_docs)").fetchall()
        for (doc,) in missing:
            match = c.execute("SELECT match FROM docs WHERE id=?", (doc,)).fetchone()[0]
            self.pending[doc] = signature(match)
            if len(self.pending) >= FLUSH_DOCS:
                self.flush()
        self.flush()
        return len(missing)

    def discard(self) -> None:
        """Forget the batch (the transaction it belonged to was rolled back)."""
        self.pending.clear()

    def flush(self) -> list[tuple[str, str, float]]:
        """Find the batch's partners and record it: one sorted look-up of every hash the batch holds,
        the batch's documents matched against the archive and each other in memory, one sorted insert.
        Returns the accepted pairs."""
        batch, self.pending = list(self.pending.items()), {}
        if not batch:
            return []
        c = self.conn
        wanted = sorted(set().union(*(sig for _, sig in batch if len(sig) >= MIN_SAMPLE)))
        holders: dict[int, list[str]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for h, other in c.execute(f"SELECT hash, doc FROM version_hashes WHERE hash IN ({marks})", chunk):
                holders.setdefault(h, []).append(other)
        sizes = {doc: len(sig) for doc, sig in batch}
        need = THRESHOLD * MIN_SAMPLE
        found: list[tuple[str, dict[str, int]]] = []
        rows: list[tuple[int, str]] = []
        for doc, sig in batch:
            if len(sig) < MIN_SAMPLE:
                continue
            kept: list[int] = []
            live: list[list[str]] = []
            for h in sig:
                others = holders.get(h)
                if others is None:  # most hashes: held by no other document
                    holders[h] = [doc]
                    kept.append(h)
                elif len(others) < COMMON:  # else a stock phrase: not counted, its list grows no more
                    live.append(others)
                    kept.append(h)
            shared = Counter(chain.from_iterable(live))  # documents sharing hashes: how many each
            for others in live:
                others.append(doc)
            rows.extend(zip(kept, repeat(doc)))
            found.append((doc, {o: k for o, k in shared.items() if k >= need}))
        unknown = sorted({o for _, shared in found for o in shared if o not in sizes})
        for start in range(0, len(unknown), 500):
            chunk = unknown[start:start + 500]
            marks = ",".join("?" * len(chunk))
            sizes.update(c.execute(f"SELECT doc, n FROM version_docs WHERE doc IN ({marks})", chunk).fetchall())
        pairs = []
        for doc, shared in found:
            for other, k in shared.items():
                small = min(sizes[doc], sizes.get(other, 0))
                if small >= MIN_SAMPLE and k / small >= THRESHOLD:
                    pairs.append((min(doc, other), max(doc, other), round(min(1.0, k / small), 4)))
        rows.sort()
        c.executemany("INSERT INTO version_hashes VALUES (?, ?)", rows)
        c.executemany("INSERT INTO version_docs VALUES (?, ?, ?)",
                      [(doc, len(sig), array("I", sorted(sig)).tobytes() if len(sig) >= MIN_SAMPLE else None)
                       for doc, sig in batch])
        c.executemany("INSERT OR REPLACE INTO version_pairs VALUES (?, ?, ?)", pairs)
        return pairs

    def pairs(self) -> list[tuple[str, str, float]]:
        try:
            return [tuple(r) for r in self.conn.execute("SELECT a, b, sim FROM version_pairs ORDER BY a, b")]
        except sqlite3.OperationalError as exc:  # no tables yet: indexed before version groups existed
            if "no such table" in str(exc):
                return []
            raise

    def groups(self) -> list[VersionGroup]:
        """Connected components of the accepted pairs, each with its pairs; biggest first."""
        pairs = self.pairs()
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b, _ in pairs:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        comps: dict[str, VersionGroup] = {}
        for x in list(parent):
            comps.setdefault(find(x), VersionGroup([])).members.append(x)
        for a, b, s in pairs:
            comps[find(a)].pairs.append((a, b, s))
        out = list(comps.values())
        for g in out:
            g.members.sort()
        out.sort(key=lambda g: (-len(g.members), g.members[0]))
        return out

    def group_of(self) -> dict[str, int]:
        """Each grouped document's group number (index into groups())."""
        return {m: i for i, g in enumerate(self.groups()) for m in g.members}

    def partners(self, doc: str) -> list[tuple[str, float]]:
        """The other members of a document's group, with the pair similarity where a pair was
        accepted directly (else the weakest link is not known: the group's smallest pair)."""
        for g in self.groups():
            if doc in g.members:
                direct = {}
                for a, b, s in g.pairs:
                    if a == doc:
                        direct[b] = s
                    elif b == doc:
                        direct[a] = s
                low = min(s for _, _, s in g.pairs)
                return [(m, direct.get(m, low)) for m in g.members if m != doc]
        return []


def paths_of(store, ids) -> dict[str, str]:
    """Each document id's file path (as stored paths are read back)."""
    from desktop.core.index.store import from_db_path

    ids = list(ids)
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for doc, path in store.conn.execute(f"SELECT id, path FROM docs WHERE id IN ({marks})", chunk):
            out[doc] = from_db_path(path)
    return out


def groups_json(store) -> list[dict]:
    """All version groups: member ids and paths, pairwise similarity (what `versions --json` prints)."""
    groups = Versions(store).groups()
    where = paths_of(store, [m for g in groups for m in g.members])
    return [{"members": [{"id": m, "path": where.get(m)} for m in g.members],
             "pairs": [{"a": a, "b": b, "similarity": s} for a, b, s in g.pairs]} for g in groups]


def partners_json(store, doc: str) -> list[dict]:
    """The other versions of one document, with similarity (what `show ID --json` lists)."""
    others = Versions(store).partners(doc)
    where = paths_of(store, [o for o, _ in others])
    return [{"id": o, "path": where.get(o), "similarity": s} for o, s in others]
