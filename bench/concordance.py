"""`python -m bench --concordance [--query Q] [--repeat N]`: the concordance (KWIC) on the corpus.

Indexes /tmp/benchcorpus/zh-news (or ../shared/corpus/zh-news) once into /tmp/concbench, then
measures, as medians over --repeat runs on a warm service: the first screen (build the row source,
count every hit, contexts of the first 50 rows), all hits counted (total, by city, by month), and
sorting every row by left and by right context (and the first 50 rows after the sort)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HOME = Path("/tmp/concbench")
CORPORA = [Path("/tmp/benchcorpus/zh-news"), Path(__file__).resolve().parents[2] / "shared" / "corpus" / "zh-news"]


def _ms(f) -> tuple[float, object]:
    t = time.perf_counter()
    out = f()
    return (time.perf_counter() - t) * 1000.0, out


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m bench --concordance")
    ap.add_argument("--concordance", action="store_true")
    ap.add_argument("--query", default="工会")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--home", type=Path, default=HOME, help="the data directory (indexed once)")
    args = ap.parse_args()
    from desktop.core.service import ArchiveService

    corpus = next((c for c in CORPORA if c.is_dir()), None)
    svc = ArchiveService(args.home)
    try:
        if not svc.searcher.meta():
            if corpus is None:
                print("no corpus found", file=sys.stderr)
                return 1
            ms, _ = _ms(lambda: svc.index([corpus]))
            print(f"indexed {corpus} in {ms / 1000:.1f} s")
        svc.concordance(args.query, sort="right")  # warm: match texts in memory, as in the GUI
        first, counted, left, right = [], [], [], []
        for _ in range(args.repeat):
            ms, conc = _ms(lambda: svc.concordance(args.query, sort="document"))
            ms2, _ = _ms(lambda: conc.rows(0, 50))
            first.append(ms + ms2)
            ms, _ = _ms(lambda: (conc.total, conc.by_city(), conc.by_month()))
            counted.append(first[-1] - ms2 + ms)
            ms, _ = _ms(lambda: (conc.sort_by("left"), conc.rows(0, 50)))
            left.append(ms)
            ms, _ = _ms(lambda: (conc.sort_by("right"), conc.rows(0, 50)))
            right.append(ms)
        docs = len(svc.searcher.meta())
        print(f"query {args.query!r}: {conc.total} hits in {len(conc.per_doc)} of {docs} documents")
        for name, xs in [("first screen (50 rows)", first), ("all counted (total, by city, by month)", counted),
                         (f"sort {conc.total} rows by left + first 50", left),
                         (f"sort {conc.total} rows by right + first 50", right)]:
            print(f"{name}: median {statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f}; {len(xs)} runs)")
    finally:
        svc.close()
    return 0
