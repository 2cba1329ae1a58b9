"""`python -m bench --scale [--sizes 20000,100000,200000,500000]`: how ours grows with the archive (issue 18).

At each size, in one run, a synthetic archive is generated from the corpus (bench/scale_corpus.py;
seeded, a smaller archive is a prefix of a larger one; under the work folder, deleted afterwards)
and measured: a fresh index (seconds, MB/s, peak memory of the indexing process and its children,
the word writer included), the data folder (MB and ratio to the text), a re-scan of the unchanged
archive (service and CLI), the query mix on a warm service (p50/p95 with ten snippets, peak memory
while searching), SQLite FTS5 trigram on the same files (index, size, query mix, a one-off query from
process start), the plain design (Whoosh + jieba) up to --plain-max, the GUI offscreen (launch to
window and to first results), a one-off CLI search from process start, one changed file searchable
(last: it modifies files), and at --profile-size one search profiled (cProfile, tracemalloc, the
searcher's in-memory copies, the SQLite file by table and column).

Options:
    --sizes N,N,...   archive sizes in articles (default 20000,100000)
    --corpus DIR      articles to recombine (default /tmp/benchcorpus/zh-news if present, else the
                      tarball ../shared/corpus/zh-news.tar.xz, unpacked into the work folder)
    --seed N          generation and rare-phrase seed (default 5); --reps N, --rare N as in python -m bench
    --plain-max N     the plain design only up to this size (default 100000; 0: never)
    --gui-runs N      GUI launches per size (default 3)
    --profile-size N  profile one search at this size (default 100000 if listed, else the largest); 0: none
    --md PATH         replace the "Scale" section of this file (default docs/benchmarks.md); --no-md to skip
    --png PATH        the curve (default docs/scale.png)
    --json PATH       every figure (default: scale.json in the work folder; written after each size)
    --from-json PATH  no measuring: the table, section and plot from an earlier run's JSON
    --workdir DIR     parent of the work folder (default the system temp dir); --keep keeps it
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import prepare_corpus, select_articles
from bench.gui_timings import gui_timings
from bench.measure import LOADS, REPO, du_mb, machine, run_child, run_cli
from bench.queries import make_queries
from bench.scale_corpus import build_archive, load_pool, write_file_list
from bench.scale_report import console_table, update_markdown
from bench.scale_plot import draw_curve

DEFAULT_CORPUS = Path("/tmp/benchcorpus/zh-news")
EXTRA = [("中国式现代化", "longer word"), ("习近平总书记", "longer word"), ("工会 习近平", "multi-term")]
PROFILE_WARM = ["工会", "高质量发展", "工会 职工"]
_FTS5_ONE_OFF = ("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(len(c.execute(\"SELECT path, "
                 "snippet(docs, 2, '【', '】', '…', 24) FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10\", "
                 "(sys.argv[2],)).fetchall()))")


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench --scale", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", action="store_true")
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--corpus")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rare", type=int, default=10)
    ap.add_argument("--plain-max", type=int, default=100_000)
    ap.add_argument("--gui-runs", type=int, default=3)
    ap.add_argument("--profile-size", type=int)
    ap.add_argument("--md", default=str(REPO / "docs" / "benchmarks.md"))
    ap.add_argument("--no-md", action="store_true")
    ap.add_argument("--png", default=str(REPO / "docs" / "scale.png"))
    ap.add_argument("--json")
    ap.add_argument("--from-json")
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.from_json:
        R = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        return publish(R, args)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if args.profile_size is None:
        args.profile_size = 100_000 if 100_000 in sizes else sizes[-1]
    work = Path(tempfile.mkdtemp(prefix="archive-scale-", dir=args.workdir)).resolve()
    jpath = Path(args.json) if args.json else work / "scale.json"
    R: dict = {"argv": "--scale " + " ".join(a for a in (argv if argv is not None else sys.argv[1:]) if a != "--scale"),
               "sizes": sizes, "reps": args.reps, "seed": args.seed, "runs": {}}

    def step(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    try:
        R["machine"] = machine()
        step(f"work folder {work}")
        source = Path(args.corpus) if args.corpus else DEFAULT_CORPUS
        if source.is_dir():
            files = select_articles(source.resolve())
            R["source"] = str(source)
        else:
            _, files, info = prepare_corpus(argparse.Namespace(corpus=None, quick=False, limit=0), work)
            R["source"] = info["source"]
        pool = load_pool(files)
        R["source_articles"] = len(pool.stems)
        step(f"corpus: {len(pool.stems):,} articles to recombine from {R['source']}")
        queries = None
        for size in sizes:
            step(f"== {size:,} articles ==")
            out = R["runs"][str(size)] = {}
            try:
                queries = measure_size(size, pool, args, work, out, queries, step)
            except Exception as exc:  # keep the sizes measured so far
                out["error"] = f"{type(exc).__name__}: {exc}"[:2000]
                step(f"  failed: {out['error'][:300]}")
            R["queries"] = queries
            R["loads"] = list(LOADS)
            jpath.write_text(json.dumps(R, ensure_ascii=False, indent=1), encoding="utf-8")
            if not args.keep:
                shutil.rmtree(work / f"s{size}", ignore_errors=True)
        step(f"figures in {jpath}")
        publish(R, args)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            if args.json is None:
                keep = Path(tempfile.gettempdir()) / f"scale-{time.strftime('%Y%m%d-%H%M%S')}.json"
                shutil.copy2(jpath, keep) if jpath.exists() else None
                print(f"figures kept in {keep}")
            shutil.rmtree(work, ignore_errors=True)
    return 0


def publish(R: dict, args: argparse.Namespace) -> int:
    print()
    print(console_table(R))
    if not args.no_md:
        update_markdown(R, Path(args.md), Path(args.png))
        print(f"updated the Scale section of {args.md}")
    if args.png:
        draw_curve(R, Path(args.png))
        print(f"wrote {args.png}")
    return 0


def measure_size(size: int, pool, args, work: Path, out: dict, queries: list | None, step) -> list:
    here = work / f"s{size}"
    here.mkdir()
    gen = build_archive(pool, size, args.seed, here / "corpus")
    paths = gen.pop("paths")
    out["corpus"] = gen
    mb = gen["bytes"] / 2**20
    step(f"  generated {size:,} files, {mb:.1f} MB in {gen['seconds']:.1f} s")
    files_json = here / "files.json"
    write_file_list(paths, files_json)
    if queries is None:  # drawn from the smallest archive: a prefix of every larger one
        queries = make_queries([Path(p) for p in paths], args.rare, args.seed)
        queries[-4:-4] = [{"q": q, "city": None, "kind": k} for q, k in EXTRA]
    qfile = here / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    data, city_map = here / "ours-data", here / "cities.json"

    step("  ours: fresh index")
    oi = out["ours_index"] = run_child("ours_index", {"data_dir": str(data), "corpus": str(here / "corpus")}, here, 4 * 3600)
    out["ours_data_mb"] = du_mb(data)
    step(f"    {oi['seconds']:.1f} s, {mb / oi['seconds']:.2f} MB/s, peak {oi['tree_peak_pss_mb']:.0f} MB PSS / "
         f"{oi['tree_peak_rss_mb']:.0f} MB RSS, data {out['ours_data_mb']:.0f} MB ({out['ours_data_mb'] / mb:.1f}x)")

    step("  ours: re-scan of the unchanged archive")
    out["rescan"] = run_child("ours_index", {"data_dir": str(data), "corpus": None}, here)
    out["rescan_cli_s"], _ = run_cli(["index", "--data-dir", str(data)], timeout=3600)
    step(f"    service {out['rescan']['seconds']:.2f} s, CLI {out['rescan_cli_s']:.2f} s")

    step("  ours: query mix")
    s = out["ours_search"] = run_child("scale_workers:w_search", {
        "data_dir": str(data), "queries": str(qfile), "reps": args.reps, "city_map": str(city_map)}, here)
    step(f"    p50 {s['wall']['p50']:.1f} ms, p95 {s['wall']['p95']:.1f} ms, peak {s['self_maxrss_mb']:.0f} MB")

    step("  FTS5 trigram: index and query mix")
    fdb = here / "fts5.sqlite"
    out["fts5_index"] = run_child("fts5_index", {"files": str(files_json), "db": str(fdb), "city_map": str(city_map)}, here, 4 * 3600)
    out["fts5_data_mb"] = du_mb(fdb)
    out["fts5_search"] = run_child("fts5_search", {"db": str(fdb), "queries": str(qfile), "reps": args.reps,
                                                   "sets": str(here / "fts5.sets.json")}, here)
    out["fts5_one_off_s"] = statistics.median(_fts5_one_off(fdb, '"高质量发展"') for _ in range(3))
    step(f"    index {out['fts5_index']['seconds']:.1f} s, p95 {out['fts5_search']['wall']['p95']:.1f} ms, "
         f"one-off {out['fts5_one_off_s']:.2f} s")
    fdb.unlink(missing_ok=True)

    if args.plain_max and size <= args.plain_max:
        step("  plain design (Whoosh + jieba): index and query mix")
        pdir = here / "plain"
        out["plain_index"] = run_child("plain_index", {"files": str(files_json), "dir": str(pdir),
                                                       "city_map": str(city_map)}, here, 4 * 3600)
        out["plain_data_mb"] = du_mb(pdir)
        out["plain_search"] = run_child("plain_search", {"dir": str(pdir), "queries": str(qfile), "reps": args.reps,
                                                         "sets": str(here / "plain.sets.json")}, here)
        step(f"    index {out['plain_index']['seconds']:.1f} s, p95 {out['plain_search']['wall']['p95']:.1f} ms")
        shutil.rmtree(pdir, ignore_errors=True)

    step("  GUI offscreen: launch to window and to first results")
    out["gui"] = gui_timings(data, here, runs=args.gui_runs)
    step(f"    window {out['gui'].get('window_visible_s')}, first results {out['gui'].get('first_results_s')}")

    step("  ours: one-off CLI search from process start")
    walls = []
    for _ in range(3):
        w, cp = run_cli(["search", "高质量发展", "--json", "--data-dir", str(data)], timeout=600)
        walls.append(w)
    out["cli_search_s"] = statistics.median(walls)
    out["cli_search_ok"] = cp.returncode == 0
    step(f"    {out['cli_search_s']:.2f} s")

    if size == args.profile_size:
        step("  profile: one search (cProfile, tracemalloc), the searcher's memory, the SQLite file")
        prof = {"data_dir": str(data), "query": "工会", "warm_queries": PROFILE_WARM}
        out["profile"] = run_child("scale_workers:w_profile", {**prof, "mode": "time"}, here)
        out["profile"]["memory"] = run_child("scale_workers:w_profile", {**prof, "mode": "memory"}, here)

    step("  ours: one changed file re-indexed and searchable (warm service)")
    rng = random.Random(args.seed + size)
    pool_chars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    markers = ["基准标记" + "".join(rng.choice(pool_chars) for _ in range(8)) for _ in range(5)]
    r = run_child("ours_change_one", {"data_dir": str(data), "files": rng.sample(paths, 5), "markers": markers}, here)
    r["median_s"] = statistics.median(x["total_s"] for x in r["rounds"])
    r["all_found"] = all(x["found"] for x in r["rounds"])
    out["one_file"] = r
    step(f"    {r['median_s']:.3f} s (found in all: {r['all_found']})")
    return queries


def _fts5_one_off(db: Path, match: str) -> float:
    """A fresh interpreter that opens the FTS5 file and answers one query: seconds from launch."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", _FTS5_ONE_OFF, str(db), match], check=True, capture_output=True,
                   env=dict(os.environ, PYTHONWARNINGS="ignore"), timeout=600)
    return time.perf_counter() - t0
