"""OCR variants: documents that hold a query term of 3+ characters only with one character misread
(汀洪灿 for 江洪灿), found apart from the exact results and never counted with them.

Which characters look alike is measured (scripts/build_ocr_confusions.py ->
resources/ocr_confusions.json). The searcher calls find_variants after its exact evaluation.
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable, Collection
from typing import Any, Protocol

from desktop.core.models import Hit, SearchResult
from desktop.core.search.meta import MetaRow
from desktop.core.search.query import And, Node, Term


class Searcher(Protocol):
    """What find_variants needs of the searcher that calls it (kept here: no import back)."""

    store: Any
    _meta: dict[int, MetaRow]
    _titles: dict[int, str]
    _gram_df: Callable[[str], int]

    def variant_strings(self, term: str) -> dict[str, int]: ...
    def _eval(self, node: Node, meta: dict[int, MetaRow], cache: dict, within: Collection[int]) -> Any: ...
    def _hits(self, scored: list[tuple[int, float]], meta: dict[int, MetaRow], texts: dict[int, str],
              terms: list[str], snippet_count: int, *rest: Any) -> list[Hit]: ...

VARIANT_MIN_CHARS = 3
CONFUSIONS_PATH = Path(__file__).resolve().parents[3] / "resources" / "ocr_confusions.json"

Found = dict[int, list[tuple[str, str, int, int]]]  # rowid -> [(term, variant, at, count)]


def load_confusions(path: Path = CONFUSIONS_PATH) -> dict[str, str]:
    """character -> the characters OCR may read in its place ({} when the table cannot be read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["confusions"]
        return {a: "".join(bs) for a, bs in data.items()}
    except (OSError, ValueError, KeyError):
        return {}


def variant_strings(term: str, table: dict[str, str]) -> dict[str, int]:
    """Each string that differs from term by one confusable character -> that character's index."""
    if len(term) < VARIANT_MIN_CHARS:
        return {}
    out: dict[str, int] = {}
    for i, ch in enumerate(term):
        for other in table.get(ch, ""):
            out.setdefault(term[:i] + other + term[i + 1 :], i)
    return out


def rare_grams(searcher: Searcher, text: str) -> str:
    """An FTS5 expression for a superset of the documents containing text (2+ characters), from
    its rarer bigrams only: a common one (中国) costs a long posting list and narrows little."""
    gram_df = searcher._gram_df
    grams = sorted(dict.fromkeys(text[i : i + 2] for i in range(len(text) - 1)), key=gram_df)
    common = max(50, len(searcher._meta) // 50)
    kept = [g for g in grams if gram_df(g) <= common] or grams[:1]
    return "(" + " AND ".join('"' + g.replace('"', '""') + '"' for g in kept) + ")"


def find_variants(searcher: Searcher, result: SearchResult, root: Node | None, filters: list[Node],
                  exact: dict[int, float], meta: dict[int, MetaRow], cache: dict, limit: int,
                  snippet_count: int) -> None:
    """Fill result.variants: documents where a term of 3+ characters of a plain query occurs only
    misread (one character replaced by a visually similar one), not already among the exact results."""
    if root is None:
        return
    parts = root.children if isinstance(root, And) else [root]
    texts = cache[None]
    found: Found = {}
    for part in parts:
        if not isinstance(part, Term) or len(part.text) < VARIANT_MIN_CHARS:
            continue
        strings = {v: at for v, at in searcher.variant_strings(part.text).items()  # a bigram in no document:
                   if all(searcher._gram_df(v[i : i + 2]) for i in range(max(0, at - 1), min(at + 1, len(v) - 1)))}
        if not strings:  # that variant occurs nowhere (most of them; the counts are cached)
            continue
        expression = " OR ".join(rare_grams(searcher, s) for s in strings)
        candidates = [r for r in dict.fromkeys(searcher.store.match_rowids(expression)) if r in texts and r not in exact]
        rows: Found = {}
        for r in candidates:
            text = texts[r]
            hits = [(part.text, v, at, text.count(v)) for v, at in strings.items() if v in text]
            if hits:
                rows[r] = hits
        if not rows:
            continue
        rest = [c for c in parts if c is not part] + filters
        if rest:
            allowed = searcher._eval(And(rest), meta, cache, rows.keys())
            rows = {r: v for r, v in rows.items() if r in allowed}
        for r, v in rows.items():
            found.setdefault(r, []).extend(v)
    if not found:
        return
    titles = searcher._titles

    def key(r: int) -> tuple:
        in_title = any(v in titles.get(r, "") for _, v, _, _ in found[r])
        return (not in_title, -sum(c for *_, c in found[r]), meta[r].path)

    order = sorted(found, key=key)
    page = order if limit <= 0 else order[:limit]
    variant_terms = list(dict.fromkeys(v for r in page for _, v, _, _ in found[r]))
    hits = searcher._hits([(r, float(sum(c for *_, c in found[r]))) for r in page], meta, texts, variant_terms,
                          snippet_count, None, None)
    for hit, r in zip(hits, page):
        hit.matched = variant_matched(titles.get(r, ""), found[r])
    result.variants = hits
    result.variants_total = len(found)


def variant_matched(title: str, found: list[tuple[str, str, int, int]]) -> list[dict[str, Any]]:
    """What matched where for a variant hit: {"field", "how": "variant", "terms", "query", "at", "count"}."""
    out = []
    for term, variant, at, count in found:
        in_title = title.count(variant)
        for field, n in (("title", in_title), ("body", count - in_title)):
            if n > 0:
                out.append({"field": field, "how": "variant", "terms": [variant], "query": term,
                            "at": at, "count": n})
    return out
