"""Workers for SQLite FTS5 with the trigram tokenizer: index and query mix."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.measure import LIMIT, maxrss_mb, rss_now_mb, time_queries


def w_fts5_index(p: dict) -> dict:
    import sqlite3

    files = [Path(x) for x in json.loads(Path(p["files"]).read_text(encoding="utf-8"))]
    cities = json.loads(Path(p["city_map"]).read_text(encoding="utf-8")) if p.get("city_map") else {}
    t0 = time.perf_counter()
    conn = sqlite3.connect(p["db"])
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, city UNINDEXED, content, tokenize='trigram')")
    nbytes = 0
    with conn:
        for f in files:
            data = f.read_bytes()
            nbytes += len(data)
            conn.execute("INSERT INTO docs(path, city, content) VALUES (?, ?, ?)",
                         (str(f), cities.get(str(f)), data.decode("utf-8", errors="replace")))
    conn.close()
    return {"seconds": time.perf_counter() - t0, "bytes": nbytes, "documents": len(files), **maxrss_mb()}


def _fts5_match(q: str) -> str:
    return " ".join('"' + t.replace('"', '""') + '"' for t in q.split() if t.strip())


def w_fts5_search(p: dict) -> dict:
    import sqlite3

    queries = json.loads(Path(p["queries"]).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    conn = sqlite3.connect(p["db"])
    t_open = time.perf_counter() - t0
    top_sql = ("SELECT path, snippet(docs, 2, '【', '】', '…', 24) FROM docs WHERE docs MATCH ? {city}"
               "ORDER BY rank LIMIT ?")

    def run_one(q):
        if q["city"]:
            rows = conn.execute(top_sql.format(city="AND city = ? "), (_fts5_match(q["q"]), q["city"], LIMIT)).fetchall()
        else:
            rows = conn.execute(top_sql.format(city=""), (_fts5_match(q["q"]), LIMIT)).fetchall()
        return None, len(rows), all("【" in r[1] for r in rows)

    timing = time_queries(run_one, queries, p["reps"])
    rss_after = rss_now_mb()
    sets = []
    for q in queries:
        sql = "SELECT path FROM docs WHERE docs MATCH ?" + (" AND city = ?" if q["city"] else "")
        args = (_fts5_match(q["q"]),) + ((q["city"],) if q["city"] else ())
        paths = sorted(r[0] for r in conn.execute(sql, args))
        sets.append({"total": len(paths), "paths": paths})
    Path(p["sets"]).write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    conn.close()
    return {"open_s": t_open, **timing, "rss_after_mix_mb": rss_after, **maxrss_mb()}
