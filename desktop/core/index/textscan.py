"""Exact occurrence counts of a term in every document at once.

The match texts are laid end to end as UTF-16 code units in one numpy array (a NUL between
documents), so counting a common character or bigram is a few vector passes (about 3-5 ms for the
20,000-article corpus) instead of 20,000 calls of str.count. Counts equal str.count's
(non-overlapping); terms where the two can differ (a term that can overlap itself such as 哈哈,
characters outside the BMP) are left to the caller.
"""

from __future__ import annotations

import math

K1, B = 1.2, 0.75  # BM25's parameters, for the vectors here and the searcher's dictionaries
_SEPARATOR = "\x00"
_STAND_IN = "\uffff"  # a NUL inside a text (never in match texts, but possible) becomes this noncharacter


class TextColumns:
    """The match texts of one searcher generation, in a fixed document order."""

    def __init__(self, rowids: list[int], texts: list[str], lengths: list[float]):
        import numpy as np  # imported on first use: 0.1 s nobody should wait for at start-up

        self._np = np
        self.rowids = np.asarray(rowids, dtype=np.int64)
        self.size = len(texts)
        if any(_SEPARATOR in t for t in texts):
            texts = [t.replace(_SEPARATOR, _STAND_IN) for t in texts]
        units = (_SEPARATOR.join(texts) + _SEPARATOR).encode("utf-16-le")
        self._codes = np.frombuffer(units, dtype=np.uint16)
        ends = np.flatnonzero(self._codes == 0)  # one separator after each text
        self._starts = np.concatenate(([0], ends[:-1] + 1))
        self.lengths = np.asarray(lengths, dtype=np.float64)
        self._index_of: dict[int, int] | None = None

    def index_of(self) -> dict[int, int]:
        """rowid -> its position in these columns (built on first use)."""
        if self._index_of is None:
            self._index_of = {r: i for i, r in enumerate(self.rowids.tolist())}
        return self._index_of

    @staticmethod
    def handles(term: str) -> bool:
        """Whether counts(term) equals str.count: BMP characters only, and no two occurrences can
        overlap (no proper prefix of term is also its suffix, as in 哈哈 or 一一)."""
        if not term or _SEPARATOR in term or max(term) >= _STAND_IN:
            return False
        return not any(term[:k] == term[-k:] for k in range(1, len(term)))

    def bm25(self, term: str, n: int, avg_length: float) -> tuple[list[int], list[float], int]:
        """(rowids, scores, df) of the documents containing term, scored by BM25."""
        np = self._np
        counts = self.counts(term)
        found = counts.nonzero()[0]
        df = len(found)
        tf = counts[found].astype(np.float64)
        scores = idf(n, df) * (K1 + 1) * tf / (tf + K1 * (1 - B) + (K1 * B / (avg_length or 1.0)) * self.lengths[found])
        return self.rowids[found].tolist(), scores.tolist(), df

    def counts(self, term: str) -> np.ndarray:
        """Occurrences of term in each document (aligned with rowids); term must pass handles()."""
        np, codes = self._np, self._codes
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        positions = np.flatnonzero(codes == ord(term[0]))
        for k in range(1, len(term)):  # the final separator gives every matched unit a follower
            positions = positions[codes[positions + k] == ord(term[k])]
            if not len(positions):
                break
        docs = np.searchsorted(self._starts, positions, side="right") - 1
        return np.bincount(docs, minlength=self.size)


def idf(n: int, df: int) -> float:
    """BM25's inverse document frequency of a term in df of n documents."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))
