"""Workers for the plain design: Whoosh TEXT(stored=True) with jieba's ChineseAnalyzer, index and query mix."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.measure import LIMIT, SNIPPETS, maxrss_mb, rss_now_mb, time_queries


def _quiet_jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)


def w_plain_index(p: dict) -> dict:
    files = [Path(x) for x in json.loads(Path(p["files"]).read_text(encoding="utf-8"))]
    cities = json.loads(Path(p["city_map"]).read_text(encoding="utf-8")) if p.get("city_map") else {}
    t0 = time.perf_counter()
    _quiet_jieba()
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields, index

    schema = fields.Schema(
        path=fields.ID(stored=True, unique=True),
        city=fields.ID(stored=True),
        content=fields.TEXT(stored=True, analyzer=ChineseAnalyzer()),
    )
    Path(p["dir"]).mkdir(parents=True, exist_ok=True)
    ix = index.create_in(p["dir"], schema)
    writer = ix.writer()
    nbytes = 0
    for f in files:
        data = f.read_bytes()
        nbytes += len(data)
        writer.add_document(path=str(f), city=cities.get(str(f)) or "", content=data.decode("utf-8", errors="replace"))
    writer.commit()
    return {"seconds": time.perf_counter() - t0, "bytes": nbytes, "documents": len(files), **maxrss_mb()}


def w_plain_search(p: dict) -> dict:
    queries = json.loads(Path(p["queries"]).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    _quiet_jieba()
    from whoosh import highlight, index
    from whoosh.qparser import QueryParser
    from whoosh.query import Term

    class Brackets(highlight.Formatter):
        between = "…"

        def format_token(self, text, token, replace=False):
            return "【" + highlight.get_text(text, token, replace) + "】"

    ix = index.open_dir(p["dir"])
    parser = QueryParser("content", ix.schema)
    searcher = ix.searcher()
    t_open = time.perf_counter() - t0

    def run_one(q):
        query = parser.parse(q["q"])
        flt = Term("city", q["city"]) if q["city"] else None
        results = searcher.search(query, limit=LIMIT, filter=flt)
        results.fragmenter = highlight.ContextFragmenter(maxchars=200, surround=36)
        results.formatter = Brackets()
        snips = [hit.highlights("content", top=SNIPPETS) for hit in results]
        return None, len(snips), all("【" in s for s in snips)

    timing = time_queries(run_one, queries, p["reps"])
    rss_after = rss_now_mb()
    sets = []
    for q in queries:
        flt = Term("city", q["city"]) if q["city"] else None
        results = searcher.search(parser.parse(q["q"]), limit=None, filter=flt)
        paths = sorted(h["path"] for h in results)
        sets.append({"total": len(paths), "paths": paths})
    Path(p["sets"]).write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    searcher.close()
    return {"open_s": t_open, **timing, "rss_after_mix_mb": rss_after, **maxrss_mb()}
