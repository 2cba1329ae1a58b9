"""Worker for brute force: every text in memory, str.find; its result sets are the truth for recall."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from bench.measure import LIMIT, SNIPPETS, maxrss_mb, rss_now_mb, time_queries

_WS = re.compile(r"\s+")


def _clean_for_brute(text: str) -> str:
    return _WS.sub("", text)


def w_brute(p: dict) -> dict:
    files = [Path(x) for x in json.loads(Path(p["files"]).read_text(encoding="utf-8"))]
    queries = json.loads(Path(p["queries"]).read_text(encoding="utf-8"))
    cities = json.loads(Path(p["city_map"]).read_text(encoding="utf-8")) if p.get("city_map") else {}
    t0 = time.perf_counter()
    docs = []
    nbytes = 0
    for f in files:
        data = f.read_bytes()
        nbytes += len(data)
        docs.append((str(f), cities.get(str(f)), _clean_for_brute(data.decode("utf-8", errors="replace"))))
    load_s = time.perf_counter() - t0
    rss_loaded = rss_now_mb()
    chars = sum(len(d[2]) for d in docs)

    def search(q, limit=LIMIT, snippets=SNIPPETS):
        terms = [_clean_for_brute(t) for t in q["q"].split() if t.strip()]
        city = q["city"]
        found = []
        for path, c, text in docs:
            if city is not None and c != city:
                continue
            for t in terms:
                if text.find(t) < 0:
                    break
            else:
                found.append((path, text))
        if limit is None:
            return found, []
        scored = sorted(found, key=lambda d: -sum(d[1].count(t) for t in terms))[:limit]
        out = []
        for path, text in scored:
            snips = []
            pos = text.find(terms[0])
            while pos >= 0 and len(snips) < snippets:
                lo, hi = max(0, pos - 36), pos + len(terms[0]) + 36
                s = text[lo:hi]
                for t in terms:
                    s = s.replace(t, "【" + t + "】")
                snips.append(s)
                pos = text.find(terms[0], hi)
            out.append((path, snips))
        return found, out

    def run_one(q):
        _, out = search(q)
        return None, len(out), all(any("【" in s for s in sn) for _, sn in out)

    timing = time_queries(run_one, queries, p["reps"])
    rss_after = rss_now_mb()
    sets = []
    for q in queries:
        found, _ = search(q, limit=None)
        sets.append({"total": len(found), "paths": sorted(x[0] for x in found)})
    Path(p["sets"]).write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    return {"load_s": load_s, "bytes": nbytes, "documents": len(docs), "chars": chars,
            "rss_loaded_mb": rss_loaded, "rss_after_mix_mb": rss_after, **timing, **maxrss_mb()}
