"""Workers of the scale benchmark (run in child processes by bench.measure.run_child as
"scale_workers:<function>"): ours' query mix without the recall sets, and the profile of one search
(cProfile, tracemalloc, and where the searcher's memory and the data folder's bytes go)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bench.engine_ours import open_warm
from bench.measure import LIMIT, REPO, SNIPPETS, du_mb, maxrss_mb, rss_now_mb, time_queries


def w_search(p: dict) -> dict:
    """The query mix on a warm service: latency, peak memory after it, then the city of every path."""
    svc, queries, t_open, _, first_ms = open_warm(p)
    rss_first = rss_now_mb()

    def run_one(q):
        res = svc.search(q["q"], city=q["city"], limit=LIMIT, snippets=SNIPPETS)
        return res.took_ms, len(res.hits), all(any("【" in s for s in h.snippets) for h in res.hits)

    timing = time_queries(run_one, queries, p["reps"])
    out = {"open_s": t_open, "first_query_ms": first_ms, "rss_after_first_mb": rss_first, **timing,
           "rss_after_mix_mb": rss_now_mb(), **maxrss_mb()}
    cities = {d["path"]: d["city"] for d in svc.documents()}
    Path(p["city_map"]).write_text(json.dumps(cities, ensure_ascii=False), encoding="utf-8")
    svc.close()
    return out


def _profile_rows(pr, n: int = 16) -> list[dict]:
    import pstats

    rows = []
    for (fname, line, func), (_cc, nc, tt, ct, _callers) in pstats.Stats(pr).stats.items():
        if fname.startswith("<frozen"):
            continue
        fname = _short(fname)
        rows.append({"where": f"{fname}:{line}({func})" if fname != "~" else func, "calls": nc,
                     "own_ms": tt * 1000, "cum_ms": ct * 1000})
    return sorted(rows, key=lambda r: -r["cum_ms"])[:n]


def _searcher_memory(searcher) -> dict:
    """Bytes held by the searcher's in-memory copies (attributes looked up by name: the engine may move)."""
    out: dict = {}
    texts = getattr(searcher, "_texts", None)
    if isinstance(texts, dict):
        out["texts_n"] = len(texts)
        out["texts_chars"] = sum(map(len, texts.values()))
        out["texts_mb"] = sum(map(sys.getsizeof, texts.values())) / 2**20
    cols = getattr(searcher, "_columns", None)
    if cols is not None:
        c = cols[1]
        out["columns_mb"] = sum(getattr(c, a).nbytes for a in ("_codes", "_starts", "lengths", "rowids")
                                if hasattr(getattr(c, a, None), "nbytes")) / 2**20
    tcols = getattr(searcher, "_title_columns", None)
    if tcols is not None:
        c = tcols[1]
        out["title_columns_mb"] = getattr(c, "_codes").nbytes / 2**20 if hasattr(c, "_codes") else None
    titles = getattr(searcher, "_titles", None)
    if isinstance(titles, dict):
        out["titles_mb"] = sum(map(sys.getsizeof, titles.values())) / 2**20
    meta = getattr(searcher, "_meta", None)
    if isinstance(meta, dict):
        out["meta_n"] = len(meta)
    return out


def _store_breakdown(db: Path) -> dict:
    """Bytes of the three text columns and of each table and index in the SQLite file (dbstat)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out: dict = {}
    row = conn.execute("SELECT sum(length(CAST(original AS BLOB))), sum(length(CAST(text AS BLOB))),"
                       " sum(length(CAST(match AS BLOB))), sum(length(CAST(meta AS BLOB))) FROM docs").fetchone()
    out["columns_mb"] = {k: (v or 0) / 2**20 for k, v in zip(("original", "text", "match", "meta"), row)}
    try:
        tables = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        out["tables_mb"] = {name: size / 2**20 for name, size in tables}
    except sqlite3.Error as exc:  # dbstat not compiled in
        out["tables_mb"] = {"n/a": str(exc)}
    conn.close()
    return out


def w_profile(p: dict) -> dict:
    """One search profiled at one size. mode "time": cProfile of the cold first search (it builds the
    caches) and of warm ones, and where the searcher's memory and the data folder's bytes go. mode
    "memory": tracemalloc from after the imports over opening the service and the cold search."""
    import cProfile
    import tracemalloc

    sys.path.insert(0, str(REPO))
    data = Path(p["data_dir"])
    from desktop.core.service import ArchiveService

    out: dict = {"rss_before_mb": rss_now_mb()}
    if p["mode"] == "memory":
        tracemalloc.start(6)
        svc = ArchiveService(str(data))
        svc.search(p["query"], limit=LIMIT, snippets=SNIPPETS)
        snap = tracemalloc.take_snapshot()
        traced, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["traced_mb"], out["traced_peak_mb"] = traced / 2**20, peak / 2**20
        out["top_allocations"] = [
            {"stack": [_short(f"{f.filename}:{f.lineno}") for f in s.traceback][-3:], "mb": s.size / 2**20, "blocks": s.count}
            for s in snap.statistics("traceback")[:12]]
        out["rss_after_cold_mb"] = rss_now_mb()
        svc.close()
        return {**out, **maxrss_mb()}
    out["data_dir_mb"] = {x.name: du_mb(x) for x in data.iterdir()}
    out["store"] = _store_breakdown(data / "archive.sqlite")
    t0 = time.perf_counter()
    svc = ArchiveService(str(data))
    out["open_s"] = time.perf_counter() - t0
    pr = cProfile.Profile()
    t = time.perf_counter()
    pr.enable()
    svc.search(p["query"], limit=LIMIT, snippets=SNIPPETS)
    pr.disable()
    out["cold_search_s"] = time.perf_counter() - t  # under cProfile: slower than bare
    out["cold_profile"] = _profile_rows(pr)
    out["rss_after_cold_mb"] = rss_now_mb()
    out["searcher"] = _searcher_memory(svc.searcher)
    warm = {}
    for q in p["warm_queries"]:
        svc.search(q, limit=LIMIT, snippets=SNIPPETS)  # caches for this query's terms
        t = time.perf_counter()
        for _ in range(5):
            svc.search(q, limit=LIMIT, snippets=SNIPPETS)
        bare = (time.perf_counter() - t) * 200.0
        pr = cProfile.Profile()
        t = time.perf_counter()
        pr.enable()
        for _ in range(5):
            svc.search(q, limit=LIMIT, snippets=SNIPPETS)
        pr.disable()
        warm[q] = {"ms": bare, "ms_profiled": (time.perf_counter() - t) * 200.0, "profile": _profile_rows(pr, 12)}
    out["warm"] = warm
    out["rss_end_mb"] = rss_now_mb()
    out.update(maxrss_mb())
    svc.close()
    return out


def _short(where: str) -> str:
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in where:
            return where.split(marker, 1)[1]
    return where
