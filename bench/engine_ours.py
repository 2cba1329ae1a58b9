"""Workers for ours (desktop.core.service.ArchiveService): index, query mix, one changed file, cProfile."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bench.measure import LIMIT, REPO, SNIPPETS, maxrss_mb, rss_now_mb, time_queries


def w_ours_index(p: dict) -> dict:
    sys.path.insert(0, str(REPO))
    t0 = time.perf_counter()
    from desktop.core.service import ArchiveService

    svc = ArchiveService(p["data_dir"])
    t_open = time.perf_counter() - t0
    rep = svc.index([p["corpus"]] if p.get("corpus") else None)
    wall = time.perf_counter() - t0
    count = svc.store.count()
    svc.close()
    return {
        "added": rep.added, "updated": rep.updated, "removed": rep.removed, "unchanged": rep.unchanged,
        "skipped": len(rep.skipped), "seconds": rep.seconds, "bytes": rep.bytes, "wall_s": wall,
        "open_s": t_open, "documents": count, **maxrss_mb(),
    }


def open_warm(p: dict):
    """The service on p["data_dir"] and the query mix, after its first query: (service, queries,
    seconds to open, the first result, its milliseconds)."""
    sys.path.insert(0, str(REPO))
    queries = json.loads(Path(p["queries"]).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    from desktop.core.service import ArchiveService

    svc = ArchiveService(p["data_dir"])
    t_open = time.perf_counter() - t0
    t1 = time.perf_counter()
    first = svc.search(queries[0]["q"], limit=LIMIT, snippets=SNIPPETS)
    return svc, queries, t_open, first, (time.perf_counter() - t1) * 1000.0


def w_ours_search(p: dict) -> dict:
    svc, queries, t_open, first, first_ms = open_warm(p)

    def run_one(q):
        res = svc.search(q["q"], city=q["city"], limit=LIMIT, snippets=SNIPPETS)
        ok = all(any("【" in s for s in h.snippets) for h in res.hits)
        return res.took_ms, len(res.hits), ok

    timing = time_queries(run_one, queries, p["reps"])
    rss_after = rss_now_mb()
    mem = maxrss_mb()
    # complete result sets, for recall (not timed)
    sets = []
    for q in queries:
        res = svc.search(q["q"], city=q["city"], limit=0, snippets=0)
        sets.append({"total": res.total, "paths": sorted(h.path for h in res.hits)})
    cities = {d["path"]: d["city"] for d in svc.documents()}
    Path(p["city_map"]).write_text(json.dumps(cities, ensure_ascii=False), encoding="utf-8")
    Path(p["sets"]).write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    svc.close()
    return {"open_s": t_open, "first_query_ms": first_ms, "first_query_total": first.total, **timing,
            "rss_after_mix_mb": rss_after, **mem}


def w_ours_change_one(p: dict) -> dict:
    """A warm service (like the app): save a file with a new unique string, re-scan, search until found."""
    sys.path.insert(0, str(REPO))
    from desktop.core.service import ArchiveService

    svc = ArchiveService(p["data_dir"])
    svc.search("工会", limit=LIMIT, snippets=SNIPPETS)  # warm
    rounds = []
    for i, (path, marker) in enumerate(zip(p["files"], p["markers"])):
        t0 = time.perf_counter()
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"\n本段为基准测试追加的内容{marker}。\n")
        t_saved = time.perf_counter()
        rep = svc.index()
        t_indexed = time.perf_counter()
        res = svc.search(marker, limit=LIMIT, snippets=SNIPPETS)
        t_found = time.perf_counter()
        found = any(h.path == str(Path(path).resolve()) or h.path == path for h in res.hits)
        rounds.append({
            "file": path, "marker": marker, "found": found, "updated": rep.updated,
            "index_s": t_indexed - t_saved, "search_s": t_found - t_indexed, "total_s": t_found - t0,
        })
    svc.close()
    return {"rounds": rounds, **maxrss_mb()}


def _profile_rows(pr, total: float, n: int = 14) -> dict:
    """The profile's top functions by cumulative and by own time, as plain rows."""
    import pstats

    st = pstats.Stats(pr)
    rows = []
    for (fname, line, func), (cc, nc, tt, ct, _callers) in st.stats.items():
        if fname.startswith("<frozen") or func in ("<module>", "exec", "_find_and_load"):
            continue
        short = fname
        for marker in ("site-packages/", "/work/main/", str(REPO) + "/"):
            if marker in short:
                short = short.split(marker, 1)[1]
        where = f"{short}:{line}({func})" if fname != "~" else func
        rows.append({"where": where, "calls": nc, "own_s": tt, "cum_s": ct})
    by_cum = [r for r in sorted(rows, key=lambda r: -r["cum_s"]) if r["cum_s"] <= 0.98 * total][:n]
    by_own = sorted(rows, key=lambda r: -r["own_s"])[: n // 2]
    return {"total_s": total, "by_cum": by_cum, "by_own": by_own}


def w_ours_profile(p: dict) -> dict:
    """cProfile of ours (main process only): the query mix, a fresh index of a subset, one changed file."""
    import cProfile

    sys.path.insert(0, str(REPO))
    from desktop.core.service import ArchiveService

    out = {}
    queries = json.loads(Path(p["queries"]).read_text(encoding="utf-8"))
    svc = ArchiveService(p["data_dir"])
    for q in queries:
        svc.search(q["q"], city=q["city"], limit=LIMIT, snippets=SNIPPETS)
    pr = cProfile.Profile()
    t = time.perf_counter()
    pr.enable()
    for _ in range(3):
        for q in queries:
            svc.search(q["q"], city=q["city"], limit=LIMIT, snippets=SNIPPETS)
    pr.disable()
    out["search"] = _profile_rows(pr, time.perf_counter() - t)
    # one changed file: save, re-scan, search
    marker = p["marker"]
    pr = cProfile.Profile()
    t = time.perf_counter()
    pr.enable()
    with open(p["changed_file"], "a", encoding="utf-8") as fh:
        fh.write(f"\n本段为基准测试追加的内容{marker}。\n")
    svc.index()
    svc.search(marker, limit=LIMIT, snippets=SNIPPETS)
    pr.disable()
    out["one_file"] = _profile_rows(pr, time.perf_counter() - t)
    svc.close()
    # fresh index of a subset
    svc = ArchiveService(p["subset_data_dir"])
    pr = cProfile.Profile()
    t = time.perf_counter()
    pr.enable()
    rep = svc.index([p["subset"]])
    pr.disable()
    out["index"] = _profile_rows(pr, time.perf_counter() - t)
    out["index"]["documents"] = rep.added
    out["index"]["bytes"] = rep.bytes
    svc.close()
    return out
