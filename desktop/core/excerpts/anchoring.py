"""Find a quoted passage again in a text that may have changed since it was quoted.

A bookmark keeps its quote with ~32 characters of context on each side (the idea of the W3C Web
Annotation TextQuoteSelector). `locate` finds the quote again: exactly first, then ignoring
whitespace (OCR spaces come and go), then approximately (a bit-parallel edit distance over a few
candidate windows found through the quote's n-grams). A quote that is gone gives None, never
other words.
"""

from __future__ import annotations

from collections import Counter

CONTEXT_CHARS = 32
# The most edits (insertions, deletions, changed characters) accepted per character of the quote.
MAX_ERROR_RATE = 0.2
# Quotes shorter than this (whitespace removed) are only found exactly.
MIN_FUZZY_LENGTH = 6
_MAX_CANDIDATES = 4  # windows checked with the edit distance, best voted first
_MAX_NGRAM_HITS = 40  # n-grams occurring more often than this in the text are too common to vote


def locate(
    text: str, quote: str, prefix: str = "", suffix: str = "", hint_start: int | None = None
) -> tuple[int, int] | None:
    """Return the range [start, end) of `quote` in `text`, or None if it cannot be found well.

    Several exact occurrences are told apart by how much of `prefix` / `suffix` surrounds them,
    then by closeness to `hint_start` (the old offset).
    """
    if not quote or not quote.strip() or not text:
        return None
    hint = hint_start if hint_start is not None else 0

    # 1. Exact.
    starts = _find_all(text, quote)
    if starts:
        best = _pick(text, starts, len(quote), prefix, suffix, hint)
        return best, best + len(quote)

    # 2. Exact once whitespace is removed from both sides (OCR spaces added or removed).
    stripped, index = _strip_ws(text)
    squote = _remove_ws(quote)
    if not squote:
        return None
    sprefix, ssuffix = _remove_ws(prefix), _remove_ws(suffix)
    shint = _to_stripped(index, hint)
    starts = _find_all(stripped, squote)
    if starts:
        best = _pick(stripped, starts, len(squote), sprefix, ssuffix, shint)
        return index[best], index[best + len(squote) - 1] + 1

    # 3. Approximate, on the whitespace-free text.
    if len(squote) < MIN_FUZZY_LENGTH:
        return None
    found = _fuzzy(stripped, squote, sprefix, ssuffix, shint)
    if found is None:
        return None
    s, e = found
    return index[s], index[e - 1] + 1


def context_of(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The (prefix, suffix) kept with a quote: up to `chars` characters on each side."""
    return text[max(0, start - chars) : start], text[end : end + chars]


# -- exact search helpers -------------------------------------------------------------------------


def _find_all(text: str, needle: str, limit: int = 1000) -> list[int]:
    out: list[int] = []
    i = text.find(needle)
    while i >= 0 and len(out) < limit:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of prefix (read backwards) and suffix (forwards) match around a range."""
    score = 0
    i, j = start - 1, len(prefix) - 1
    while i >= 0 and j >= 0 and text[i] == prefix[j]:
        score += 1
        i -= 1
        j -= 1
    i, j = end, 0
    while i < len(text) and j < len(suffix) and text[i] == suffix[j]:
        score += 1
        i += 1
        j += 1
    return score


def _pick(text: str, starts: list[int], length: int, prefix: str, suffix: str, hint: int) -> int:
    if len(starts) == 1:
        return starts[0]
    return max(
        starts,
        key=lambda s: (_context_score(text, s, s + length, prefix, suffix), -abs(s - hint)),
    )


# -- whitespace -----------------------------------------------------------------------------------


def _remove_ws(s: str) -> str:
    return "".join(s.split())


def _strip_ws(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each of its characters the offset in `text`."""
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in index), index


def _to_stripped(index: list[int], offset: int) -> int:
    # First stripped position at or after `offset` (binary search on the sorted index).
    lo, hi = 0, len(index)
    while lo < hi:
        mid = (lo + hi) // 2
        if index[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


# -- approximate search ---------------------------------------------------------------------------


def _fuzzy(text: str, quote: str, prefix: str, suffix: str, hint: int) -> tuple[int, int] | None:
    m = len(quote)
    max_err = int(m * MAX_ERROR_RATE)
    if max_err < 1:
        return None
    candidates = _candidate_starts(text, quote, max_err)
    best: tuple[tuple[int, int, int], int, int] | None = None
    for diag in candidates:
        slack = 2 * (max_err + 1) + max_err  # the bucket's width, its neighbours, the edits
        lo = max(0, diag - slack)
        hi = min(len(text), diag + m + slack)
        found = _best_alignment(quote, text, lo, hi, diag + m)
        if found is None:
            continue
        dist, s, e = found
        if dist > max_err:
            continue
        # Fewer edits first, then more matching context, then closeness to the old offset.
        key = (-dist, _context_score(text, s, e, prefix, suffix), -abs(s - hint))
        if best is None or key > best[0]:
            best = (key, s, e)
    if best is None:
        return None
    return best[1], best[2]


def _candidate_starts(text: str, quote: str, max_err: int) -> list[int]:
    """Likely start offsets of the quote in `text`, voted for by the quote's n-grams."""
    m = len(quote)
    n = 3 if m >= 24 else 2
    votes: Counter[int] = Counter()
    band = max_err + 1
    seen: dict[str, list[int]] = {}
    for i in range(m - n + 1):
        gram = quote[i : i + n]
        hits = seen.get(gram)
        if hits is None:
            hits = _find_all(text, gram, _MAX_NGRAM_HITS + 1)
            seen[gram] = hits
        if not hits or len(hits) > _MAX_NGRAM_HITS:
            continue
        weight = 1.0 / len(hits)  # rare n-grams say more
        for j in hits:
            votes[(j - i) // band] += weight  # type: ignore[assignment]
    if not votes:
        return []
    # A bucket's score includes its neighbours: edits shift the diagonal a little.
    scored: list[tuple[float, int]] = []
    for bucket in votes:
        total = votes[bucket - 1] + votes[bucket] + votes[bucket + 1]
        scored.append((total, bucket))
    scored.sort(reverse=True)
    out: list[int] = []
    taken: set[int] = set()
    for _total, bucket in scored:
        if bucket in taken:
            continue
        taken.update((bucket - 1, bucket, bucket + 1))
        out.append(max(0, bucket * band + band // 2))
        if len(out) >= _MAX_CANDIDATES:
            break
    return out


def _edit_scores(pattern: str, text: str) -> list[int]:
    """For each end position j of `text`, the least edit distance between `pattern` and a
    substring of `text` ending at j (exclusive end j + 1). Myers' bit-parallel algorithm."""
    m = len(pattern)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for k, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << k)
    pv, mv, score = full, 0, m
    out: list[int] = []
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & full) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        out.append(score)
    return out


def _best_alignment(quote: str, text: str, lo: int, hi: int, expected_end: int) -> tuple[int, int, int] | None:
    """The best approximate occurrence of `quote` in text[lo:hi]: (distance, start, end)."""
    window = text[lo:hi]
    if not window:
        return None
    fwd = _edit_scores(quote, window)
    dist = min(fwd)
    # Of the ends with the least distance, the one nearest where the quote should end.
    ends = [j for j, d in enumerate(fwd) if d == dist]
    end_rel = min(ends, key=lambda j: abs(lo + j + 1 - expected_end)) + 1
    # The start: search the reversed quote backwards from that end.
    rev = _edit_scores(quote[::-1], window[:end_rel][::-1])
    starts = [k for k, d in enumerate(rev) if d == dist]
    if not starts:
        return None
    # Of the equally good starts, the one giving the length closest to the quote's.
    k = min(starts, key=lambda k: abs(k + 1 - len(quote)))
    start_rel = end_rel - (k + 1)
    return dist, lo + start_rel, lo + end_rel
