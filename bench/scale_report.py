"""The scale benchmark's figures as tables: every issue-18 target at each size (met or not, beside
SQLite FTS5 trigram), the curve per engine, and the profile; the "Scale" section of docs/benchmarks.md."""

from __future__ import annotations

import math
import time
from pathlib import Path

from bench.measure import LOADS

HEADING = "## Scale (issue 18)"
GOAL = 500_000


def _get(d: dict | None, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict) or k not in d or d[k] is None:
            return default
        d = d[k]
    return d


def figures(run: dict) -> dict:
    """The figures of one size, flat (None where not measured)."""
    mb = _get(run, "corpus", "bytes", default=0) / 2**20
    f: dict = {"text_mb": mb, "error": run.get("error")}
    secs = _get(run, "ours_index", "seconds")
    f["ours_index_s"] = secs
    f["ours_mbps"] = mb / secs if secs else None
    f["ours_index_pss"] = _get(run, "ours_index", "tree_peak_pss_mb")
    f["ours_index_rss"] = _get(run, "ours_index", "tree_peak_rss_mb")
    f["ours_data_mb"] = run.get("ours_data_mb")
    f["ours_ratio"] = f["ours_data_mb"] / mb if f["ours_data_mb"] and mb else None
    f["rescan_s"] = _get(run, "rescan", "seconds")
    f["rescan_cli_s"] = run.get("rescan_cli_s")
    f["p50"] = _get(run, "ours_search", "wall", "p50")
    f["p95"] = _get(run, "ours_search", "wall", "p95")
    f["search_mb"] = _get(run, "ours_search", "self_maxrss_mb")
    f["first_query_ms"] = _get(run, "ours_search", "first_query_ms")
    f["window_s"] = _get(run, "gui", "window_visible_s")
    f["first_results_s"] = _get(run, "gui", "first_results_s")
    f["cli_search_s"] = run.get("cli_search_s")
    f["one_file_s"] = _get(run, "one_file", "median_s")
    fs = _get(run, "fts5_index", "seconds")
    f["fts5_index_s"] = fs
    f["fts5_mbps"] = mb / fs if fs else None
    f["fts5_index_pss"] = _get(run, "fts5_index", "tree_peak_pss_mb")
    f["fts5_data_mb"] = run.get("fts5_data_mb")
    f["fts5_ratio"] = f["fts5_data_mb"] / mb if f["fts5_data_mb"] and mb else None
    f["fts5_p50"] = _get(run, "fts5_search", "wall", "p50")
    f["fts5_p95"] = _get(run, "fts5_search", "wall", "p95")
    f["fts5_search_mb"] = _get(run, "fts5_search", "self_maxrss_mb")
    f["fts5_one_off_s"] = run.get("fts5_one_off_s")
    ps = _get(run, "plain_index", "seconds")
    f["plain_index_s"] = ps
    f["plain_mbps"] = mb / ps if ps else None
    f["plain_index_pss"] = _get(run, "plain_index", "tree_peak_pss_mb")
    f["plain_data_mb"] = run.get("plain_data_mb")
    f["plain_p50"] = _get(run, "plain_search", "wall", "p50")
    f["plain_p95"] = _get(run, "plain_search", "wall", "p95")
    f["plain_search_mb"] = _get(run, "plain_search", "self_maxrss_mb")
    return f


# (target, ours key, FTS5 key (the anchor) or None, "<=" or ">=", threshold, unit)
TARGETS = [
    ("search p95 ≤ 50 ms, ten snippets", "p95", "fts5_p95", "<=", 50.0, "ms"),
    ("memory while searching ≤ 1.5 GB", "search_mb", "fts5_search_mb", "<=", 1536.0, "MB"),
    ("indexing ≥ 1.5 MB/s", "ours_mbps", "fts5_mbps", ">=", 1.5, "MB/s"),
    ("data folder ≤ 3× the text", "ours_ratio", "fts5_ratio", "<=", 3.0, "×"),
    ("window ≤ 1 s after launch", "window_s", None, "<=", 1.0, "s"),
    ("first results ≤ 2 s after launch", "first_results_s", "fts5_one_off_s", "<=", 2.0, "s"),
    ("re-scan of the unchanged archive ≤ 10 s", "rescan_s", None, "<=", 10.0, "s"),
    ("one changed file searchable ≤ 1 s (issue 5)", "one_file_s", None, "<=", 1.0, "s"),
]


def _num(v, unit: str = "") -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and math.isnan(v):
        return "—"
    s = f"{v:,.0f}" if abs(v) >= 100 else f"{v:.1f}" if abs(v) >= 10 else f"{v:.2f}"
    return s + ("" if not unit else (unit if unit == "×" else " " + unit))


def _met(v, op: str, limit: float) -> str:
    if v is None:
        return "n/a"
    return "met" if (v <= limit if op == "<=" else v >= limit) else "**missed**"


def extrapolate(sizes: list[int], values: list, goal: int = GOAL):
    """A power law through the two largest sizes measured, at goal articles (None if it cannot)."""
    pts = [(s, v) for s, v in zip(sizes, values) if v]
    if len(pts) < 2 or pts[-1][0] >= goal:
        return None
    (s1, v1), (s2, v2) = pts[-2], pts[-1]
    k = math.log(v2 / v1) / math.log(s2 / s1)
    return v2 * (goal / s2) ** k


def _sized(R: dict) -> list[tuple[int, dict]]:
    return [(int(s), figures(run)) for s, run in sorted(R["runs"].items(), key=lambda kv: int(kv[0]))]


def targets_table(R: dict) -> list[str]:
    sized = _sized(R)
    extra = GOAL not in [s for s, _ in sized] and len(sized) >= 2
    head = "| target (issue 18, at 500,000 articles) | " + " | ".join(f"{s:,} articles" for s, _ in sized)
    head += (" | 500,000 extrapolated |" if extra else " |")
    lines = [head, "|---|" + "---|" * (len(sized) + extra)]
    for name, key, anchor, op, limit, unit in TARGETS:
        cells = []
        for _, f in sized:
            v = f.get(key)
            cell = f"{_num(v, unit)} {_met(v, op, limit)}"
            a = f.get(anchor) if anchor else None
            if v is not None and a:
                cell += f" (FTS5 {_num(a, unit)}; ours ÷ FTS5 {v / a:.2f})"
            cells.append(cell)
        if extra:
            v = extrapolate([s for s, _ in sized], [f.get(key) for _, f in sized])
            a = extrapolate([s for s, _ in sized], [f.get(anchor) for _, f in sized]) if anchor else None
            cell = f"≈ {_num(v, unit)} {_met(v, op, limit)}" if v is not None else "—"
            if v is not None and a:
                cell += f" (FTS5 ≈ {_num(a, unit)})"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


CURVES = [
    ("ours", [("index s", "ours_index_s", ""), ("MB/s", "ours_mbps", ""), ("index peak PSS / RSS MB", ("ours_index_pss", "ours_index_rss"), ""),
              ("data MB", "ours_data_mb", ""), ("data ÷ text", "ours_ratio", "×"), ("re-scan s (CLI)", ("rescan_s", "rescan_cli_s"), ""),
              ("p50 / p95 ms", ("p50", "p95"), ""), ("search peak MB", "search_mb", ""), ("first query ms", "first_query_ms", ""),
              ("window / first results s", ("window_s", "first_results_s"), ""), ("one-off CLI search s", "cli_search_s", ""),
              ("one file s", "one_file_s", "")]),
    ("SQLite FTS5 trigram", [("index s", "fts5_index_s", ""), ("MB/s", "fts5_mbps", ""), ("index peak PSS MB", "fts5_index_pss", ""),
                             ("data MB", "fts5_data_mb", ""), ("data ÷ text", "fts5_ratio", "×"), ("p50 / p95 ms", ("fts5_p50", "fts5_p95"), ""),
                             ("search peak MB", "fts5_search_mb", ""), ("one-off query s", "fts5_one_off_s", "")]),
    ("plain design (Whoosh + jieba)", [("index s", "plain_index_s", ""), ("MB/s", "plain_mbps", ""), ("index peak PSS MB", "plain_index_pss", ""),
                                       ("data MB", "plain_data_mb", ""), ("p50 / p95 ms", ("plain_p50", "plain_p95"), ""),
                                       ("search peak MB", "plain_search_mb", "")]),
]


def curve_tables(R: dict) -> list[str]:
    sized = _sized(R)
    out: list[str] = []
    for engine, cols in CURVES:
        rows = [(s, f) for s, f in sized if any(f.get(k if isinstance(k, str) else k[0]) is not None for _, k, _ in cols)]
        if not rows:
            continue
        out += ["", f"**{engine}**", "", "| articles | text MB | " + " | ".join(c for c, _, _ in cols) + " |",
                "|---:|---:|" + "---:|" * len(cols)]
        for s, f in rows:
            cells = []
            for _, key, unit in cols:
                keys = (key,) if isinstance(key, str) else key
                cells.append(" / ".join(_num(f.get(k), unit) for k in keys))
            out.append(f"| {s:,} | {f['text_mb']:.1f} | " + " | ".join(cells) + " |")
    return out


def profile_lines(R: dict) -> list[str]:
    out: list[str] = []
    for s, run in sorted(R["runs"].items(), key=lambda kv: int(kv[0])):
        p = run.get("profile")
        if not p:
            continue
        out += ["", f"### Where the bytes and the time go at {int(s):,} articles", ""]
        out.append("Data folder: " + ", ".join(f"{k} {v:,.0f} MB" for k, v in sorted(p["data_dir_mb"].items(), key=lambda kv: -kv[1]) if v >= 1) + ".")
        cols = p["store"]["columns_mb"]
        out.append("SQLite text columns (UTF-8 bytes): " + ", ".join(f"docs.{k} {v:,.0f} MB" for k, v in cols.items())
                   + "; by table and index (dbstat): " + ", ".join(
                       f"{k} {v:,.0f} MB" for k, v in list(p["store"]["tables_mb"].items())[:6] if isinstance(v, float)) + ".")
        m, mem = p.get("searcher", {}), p.get("memory", {})
        out.append(f"Searcher after one cold search (`工会`): match texts in a dict {_num(m.get('texts_mb'))} MB "
                   f"({m.get('texts_chars', 0):,} characters), their numpy columns {_num(m.get('columns_mb'))} MB, "
                   f"title columns {_num(m.get('title_columns_mb'))} MB, folded titles {_num(m.get('titles_mb'))} MB; process RSS "
                   f"{_num(p.get('rss_before_mb'))} MB after the imports → {_num(p.get('rss_after_cold_mb'))} MB after it "
                   f"(→ {_num(p.get('rss_end_mb'))} MB after the warm queries). Opening the service {p['open_s']:.2f} s; the "
                   f"cold search {p['cold_search_s']:.2f} s under cProfile.")
        if mem:
            out.append(f"tracemalloc over opening the service and the cold search (another process; imports excluded): "
                       f"{_num(mem.get('traced_mb'))} MB held after it, peak {_num(mem.get('traced_peak_mb'))} MB "
                       f"(RSS {_num(mem.get('rss_before_mb'))} → {_num(mem.get('rss_after_cold_mb'))} MB).")
            out += ["", "| largest allocations held (tracemalloc, by traceback, innermost first) | MB | blocks |", "|---|---:|---:|"]
            out += [f"| `{' ← '.join(reversed(a['stack']))}` | {a['mb']:.0f} | {a['blocks']:,} |" for a in mem["top_allocations"][:8]]
        out += ["", "| cold search: top functions by cumulative time | calls | cum ms | own ms |", "|---|---:|---:|---:|"]
        out += [f"| `{r['where']}` | {r['calls']:,} | {r['cum_ms']:.0f} | {r['own_ms']:.0f} |" for r in p["cold_profile"][1:11]]
        for q, w in p.get("warm", {}).items():
            out += ["", f"Warm `{q}`: {w['ms']:.1f} ms a search ({w['ms_profiled']:.1f} ms under cProfile).", "",
                    "| top functions by cumulative time | calls (5 searches) | cum ms | own ms |", "|---|---:|---:|---:|"]
            out += [f"| `{r['where']}` | {r['calls']:,} | {r['cum_ms']:.0f} | {r['own_ms']:.0f} |" for r in w["profile"][1:8]]
    return out


def section(R: dict, png: Path) -> str:
    m = R.get("machine", {})
    loads = R.get("loads") or list(LOADS)
    load = f"{min(loads):.1f}–{max(loads):.1f}" if loads else "?"
    errors = [f"{int(s):,}: {run['error']}" for s, run in R["runs"].items() if run.get("error")]
    lines = [HEADING, "",
             f"From `python -m bench {R['argv']}` on {m.get('date', time.strftime('%Y-%m-%d %H:%M'))} (engine at {m.get('commit', '?')}; "
             f"{m.get('cores', '?')} cores, {m.get('ram', '?')}; 1-minute load average {load} during the run, the machine shared "
             "with other work, so timings carry that noise). Archives generated by `bench/scale_corpus.py` "
             f"(seed {R.get('seed')}): articles of the {R.get('source_articles', 0):,}-article corpus recombined (titles spliced, "
             "paragraphs drawn from the same family, real paragraph counts and leads), 2,000 files a folder. "
             f"Query mix: {len(R.get('queries') or [])} queries (bench/queries.py plus three 6-character/AND terms), "
             f"each warmed then run {R.get('reps')}×, the median per query, percentiles across queries, ten results with snippets.",
             "", f"![search p95, memory, indexing throughput and data folder against archive size]({png.name})", "",
             "### Targets", ""]
    lines += targets_table(R)
    lines += ["", "Peak memory while searching: the searching process's ru_maxrss after the query mix. Indexing peak: "
              "the indexing process and its children (the word writer) sampled every 20 ms. FTS5's anchor for "
              "first results: a fresh interpreter opening its file and answering one query with snippet(). "
              "Extrapolated: a power law through the two largest sizes measured, not a measurement.", "",
              "### The curve"]
    lines += curve_tables(R)
    lines += profile_lines(R)
    if errors:
        lines += ["", "Failed steps: " + "; ".join(errors)]
    return "\n".join(lines) + "\n"


def update_markdown(R: dict, md: Path, png: Path) -> None:
    """Replace (or append) the Scale section, keeping the rest of the file."""
    old = md.read_text(encoding="utf-8") if md.exists() else "# Benchmarks\n"
    new_section = section(R, png)
    start = old.find(HEADING)
    if start < 0:
        text = old.rstrip("\n") + "\n\n" + new_section
    else:
        end = old.find("\n## ", start + len(HEADING))
        text = old[:start] + new_section + (old[end:] if end >= 0 else "")
    md.write_text(text, encoding="utf-8")


def console_table(R: dict) -> str:
    return "\n".join(targets_table(R) + curve_tables(R))
