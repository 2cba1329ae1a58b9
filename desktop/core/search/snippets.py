"""Where a query's terms occur in a text, and snippets around them with every match marked 【 】."""

from __future__ import annotations

import bisect

from desktop.core.ingest.cleaning import MATCH_SKIP_CHAR as _WHITESPACE  # noqa: E402  (what match_text leaves out)
SNIPPET_RADIUS = 36


def term_ranges(match: str, terms: list[str]) -> list[tuple[int, int]]:
    """Match-text ranges of every occurrence of each term, term by term (not sorted, not merged)."""
    found: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = match.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = match.find(term, start + len(term))
    return found


def merge_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with the overlapping ones (hits of different terms) made one."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def find_spans(text: str, match: str, terms: list[str], offsets: list[int] | None = None) -> list[tuple[int, int]]:
    """Cleaned-text ranges of every occurrence of each term (terms are in match-text form)."""
    found = term_ranges(match, terms)
    if not found:
        return []
    to_text = _offset_mapper(text) if offsets is None else offsets.__getitem__
    return merge_overlapping(sorted({(to_text(s), to_text(e - 1) + 1) for s, e in found}))


def _offset_mapper(text: str):
    """Map a match-text offset to the cleaned text: add the whitespace characters skipped before it."""
    gaps = [m.start() - i for i, m in enumerate(_WHITESPACE.finditer(text))]
    return lambda j: j + bisect.bisect_right(gaps, j)


def snippet_spans(spans: list[tuple[int, int]], count: int, radius: int = SNIPPET_RADIUS) -> list[tuple[int, int]]:
    """The matches make_snippets centres its snippets on (spread over the text, none overlapping)."""
    if count <= 0 or not spans:
        return []
    chosen: list[tuple[int, int]] = []
    step = max(1, len(spans) // count)
    for s, e in spans[::step]:
        if chosen and s - radius < chosen[-1][1] + radius:
            continue
        chosen.append((s, e))
        if len(chosen) >= count:
            break
    return chosen


def make_snippets(text: str, spans: list[tuple[int, int]], count: int, radius: int = SNIPPET_RADIUS) -> list[str]:
    """Up to count snippets, each with a match in the middle and every match marked 【 】."""
    chosen = snippet_spans(spans, count, radius)
    out = []
    for s, e in chosen:
        lo, hi = max(0, s - radius), min(len(text), e + radius)
        parts = []
        cursor = lo
        for hs, he in spans:
            if he <= lo or hs >= hi:
                continue
            hs, he = max(hs, lo), min(he, hi)
            parts.append(text[cursor:hs])
            parts.append("【" + text[hs:he] + "】")
            cursor = he
        parts.append(text[cursor:hi])
        snippet = "".join(parts).replace("\n", " ")
        out.append(("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else ""))
    return out
