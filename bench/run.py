"""Benchmark: our archive engine against the peers, in one run, written to docs/benchmarks.md.

A script that prints figures (not a test). Run from the repository root with the project's venv:

    . .venv/bin/activate
    python -m bench                               # full run: unpacks ../shared/corpus/zh-news.tar.xz
    python -m bench --corpus /tmp/corpus/zh-news  # any folder of articles (not modified: copied first)
    python -m bench --corpus DIR --limit 2000 --skip-plain   # a quick run
    python -m bench --ranking --quick --corpus DIR   # only the ranking evaluation, on SUBSET_3000.txt's articles

(`python bench/run_bench.py` still works: it runs the same thing.)

Options:
    --corpus DIR     folder of articles; default: unpack ../shared/corpus/zh-news.tar.xz to a temp folder
    --limit N        only the first N articles (sorted by name)
    --quick          only the 3,000 articles listed in SUBSET_3000.txt (or the first 3,000)
    --ranking        only the ranking evaluation (bench/ranking.py: ours, ours before issue 12, FTS5 bm25()
                     with column weights, and the plain design unless --skip-plain); its section of the
                     Markdown report is replaced in place, the rest of the file is kept
    --known N, --precedence N   ranking queries of each kind (default 200 and 100)
    --skip-plain     leave out the plain design (Whoosh + jieba ChineseAnalyzer; minutes on the full corpus)
    --reps N         timed repetitions per query (default 5; the median of them is the query's figure)
    --rare N         random rare phrases in the query mix (default 10)
    --seed N         random seed for the rare phrases and the changed files (default 5)
    --md PATH        Markdown report (default docs/benchmarks.md, overwritten); --no-md to skip
    --json PATH      also dump every figure as JSON
    --keep           keep the temporary work folder (data dirs, for profiling) and print its path
    --no-profile     when a target is missed, ours is profiled (cProfile: query mix, one changed file, a fresh
                     index of --profile-docs files) and the top functions are written to the report; skip that
    --profile        profile even when every target is met

Which files are articles: if the folder has SOURCES.tsv, the files it lists; otherwise every *.txt
except SUBSET_*.txt. They are copied (or, for the tarball, unpacked) into a temporary folder, so
the 1% change and the one-file change never touch your own folder.

What is measured, in order (every indexer and searcher runs in its own child process so its peak
memory can be read: the process tree's RSS sampled every 20 ms, and the child's own ru_maxrss):
  1. ours: fresh index (ArchiveService.index), re-scan of the unchanged archive (service and CLI),
     the query mix on a warm searcher (SearchResult.took_ms and wall time), RSS after the mix;
  2. peers on the same files: brute force (texts in memory, str.find), SQLite FTS5 trigram with
     snippet(), the plain design (Whoosh TEXT(stored=True) + jieba.analyse.ChineseAnalyzer, default
     writer, QueryParser, hit.highlights); recall of each against brute force (the truth);
  3. the GUI offscreen: `main.py --screenshot FILE --query 工会` from launch to exit, and the
     window_visible_ms=/first_results_ms= lines it prints on stderr with ARCHIVE_BROWSER_TIMING=1;
  4. ours: re-index after 1% of the files changed; one changed file re-indexed and searchable;
  5. the ranking evaluation (bench/ranking.py), on the same archive and peers' indexes.

Latency: each query runs once to warm, then --reps times; the query's figure is the median of its
repetitions; p50/p95/max are taken across the queries (linear interpolation).
Every query asks for ten results, each with highlighted snippets (ours: 3 per hit, Whoosh top=3,
FTS5 one snippet() per hit, brute force 3 per hit).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import prepare_corpus
from bench.gui_timings import gui_timings
from bench.measure import LOADS, REPO, du_mb, machine, run_child, run_cli
from bench.queries import make_queries
from bench.ranking import FTS5_TITLE_WEIGHT, make_ranking_queries, ranking_section
from bench.report import build_report, evaluate_targets, recall


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--skip-plain", action="store_true")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rare", type=int, default=10)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--md", default=str(REPO / "docs" / "benchmarks.md"))
    ap.add_argument("--no-md", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-profile", action="store_true", help="skip the cProfile of ours when a target is missed")
    ap.add_argument("--profile", action="store_true", help="profile ours even when every target is met")
    ap.add_argument("--profile-docs", type=int, default=1500, help="files in the indexing profile (default 1500)")
    ap.add_argument("--workdir", help="parent folder for the temporary work folder")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--ranking", action="store_true")
    ap.add_argument("--known", type=int, default=200)
    ap.add_argument("--precedence", type=int, default=100)
    args = ap.parse_args()
    if args.ranking:
        return ranking_only(args)

    work = Path(tempfile.mkdtemp(prefix="archive-bench-", dir=args.workdir)).resolve()
    R: dict = {"argv": " ".join(sys.argv[1:]), "limited": args.limit or 0, "reps": args.reps}

    def step(msg):
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    try:
        R["machine"] = machine()
        step(f"work folder {work}")
        corpus, files, cinfo = prepare_corpus(args, work)
        R["corpus"] = cinfo
        step(f"corpus: {cinfo['files']:,} articles, {cinfo['bytes'] / 2**20:.1f} MB")
        files_json = work / "files.json"
        files_json.write_text(json.dumps([str(f) for f in files], ensure_ascii=False), encoding="utf-8")
        queries = make_queries(files, args.rare, args.seed)
        R["queries"] = queries
        qfile = work / "queries.json"
        qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        city_map = work / "cities.json"
        data = work / "ours-data"
        sizes = {}

        step("ours: fresh index")
        R["ours_index"] = run_child("ours_index", {"data_dir": str(data), "corpus": str(corpus)}, work)
        sizes["ours"] = du_mb(data)
        oi = R["ours_index"]
        step(f"  {oi['seconds']:.2f} s, {cinfo['bytes'] / 2**20 / oi['seconds']:.2f} MB/s, "
             f"{oi['added']} added, peak {oi['tree_peak_rss_mb']:.0f} MB, {sizes['ours']:.1f} MB on disk")

        step("ours: re-scan of the unchanged archive")
        inc: dict = {}
        inc["rescan"] = run_child("ours_index", {"data_dir": str(data), "corpus": None}, work)
        wall, cp = run_cli(["index", "--data-dir", str(data)])
        inc["rescan_cli_s"] = wall
        step(f"  service {inc['rescan']['seconds']:.2f} s, CLI {wall:.2f} s")

        step("ours: query mix")
        R["ours_search"] = run_child("ours_search", {
            "data_dir": str(data), "queries": str(qfile), "reps": args.reps,
            "sets": str(work / "ours.sets.json"), "city_map": str(city_map)}, work)
        step(f"  p50 {R['ours_search']['wall']['p50']:.2f} ms, p95 {R['ours_search']['wall']['p95']:.2f} ms")

        step("brute force")
        R["brute"] = run_child("brute", {"files": str(files_json), "queries": str(qfile), "reps": args.reps,
                                         "city_map": str(city_map), "sets": str(work / "brute.sets.json")}, work)
        step(f"  p95 {R['brute']['wall']['p95']:.2f} ms")

        step("FTS5 trigram: index and search")
        fdb = work / "fts5.sqlite"
        R["fts5_index"] = run_child("fts5_index", {"files": str(files_json), "db": str(fdb), "city_map": str(city_map)}, work)
        sizes["fts5"] = du_mb(fdb)
        R["fts5_search"] = run_child("fts5_search", {"db": str(fdb), "queries": str(qfile), "reps": args.reps,
                                                     "sets": str(work / "fts5.sets.json")}, work)
        step(f"  index {R['fts5_index']['seconds']:.2f} s, p95 {R['fts5_search']['wall']['p95']:.2f} ms")

        if not args.skip_plain:
            step("plain design (Whoosh + jieba ChineseAnalyzer): index (minutes on the full corpus) and search")
            pdir = work / "plain-whoosh"
            R["plain_index"] = run_child("plain_index", {"files": str(files_json), "dir": str(pdir),
                                                         "city_map": str(city_map)}, work)
            sizes["plain"] = du_mb(pdir)
            step(f"  index {R['plain_index']['seconds']:.1f} s")
            R["plain_search"] = run_child("plain_search", {"dir": str(pdir), "queries": str(qfile), "reps": args.reps,
                                                           "sets": str(work / "plain.sets.json")}, work)
            step(f"  p95 {R['plain_search']['wall']['p95']:.2f} ms")
        R["sizes"] = sizes

        truth = json.loads((work / "brute.sets.json").read_text(encoding="utf-8"))
        R["truth"] = [{"total": t["total"]} for t in truth]
        load = lambda name: json.loads((work / f"{name}.sets.json").read_text(encoding="utf-8")) \
            if (work / f"{name}.sets.json").exists() else None  # noqa: E731
        R["recall"] = {k: recall(truth, load(k)) for k in ("ours", "fts5", "plain")}

        step("GUI (offscreen)")
        R["gui"] = gui_timings(data, work)
        step(f"  {R['gui']}")

        step("ours: re-index after 1% of the files changed")
        rng = random.Random(args.seed + 1)
        changed = rng.sample(files, max(1, len(files) // 100))
        time.sleep(0.05)
        for f in changed:
            with open(f, "a", encoding="utf-8") as fh:
                fh.write("\n（本文在基准测试中追加了这一句。）\n")
        r = run_child("ours_index", {"data_dir": str(data), "corpus": None}, work)
        r["changed"] = len(changed)
        inc["one_pct"] = r
        step(f"  {r['seconds']:.2f} s, {r['updated']} updated")

        step("ours: one changed file re-indexed and searchable")
        pool = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
        markers = ["基准标记" + "".join(rng.choice(pool) for _ in range(8)) for _ in range(5)]
        targets = [str(f) for f in rng.sample([f for f in files if f not in changed], 6)]
        r = run_child("ours_change_one", {"data_dir": str(data), "files": targets[:5], "markers": markers}, work)
        totals = [x["total_s"] for x in r["rounds"]]
        r["median_s"] = statistics.median(totals)
        r["index_s"] = statistics.median(x["index_s"] for x in r["rounds"])
        r["search_s"] = statistics.median(x["search_s"] for x in r["rounds"])
        r["all_found"] = all(x["found"] for x in r["rounds"])
        inc["one_file"] = r
        # the CLI path: save, `main.py index`, `main.py search`
        marker = "基准标记" + "".join(rng.choice(pool) for _ in range(8))
        t0 = time.perf_counter()
        with open(targets[5], "a", encoding="utf-8") as fh:
            fh.write(f"\n本段为基准测试追加的内容{marker}。\n")
        w_index, _ = run_cli(["index", "--data-dir", str(data)])
        w_search, cp = run_cli(["search", marker, "--json", "--data-dir", str(data)])
        total = time.perf_counter() - t0
        try:
            found = any(h["path"] == targets[5] for h in json.loads(cp.stdout.strip().splitlines()[-1])["hits"])
        except (ValueError, IndexError, KeyError):
            found = False
        inc["one_file_cli"] = {"total_s": total, "index_s": w_index, "search_s": w_search, "found": found}
        step(f"  warm service {r['median_s']:.3f} s (found {r['all_found']}), CLI {total:.2f} s (found {found})")
        R["incremental"] = inc
        sizes["ours_after"] = du_mb(data)

        step("ranking evaluation")
        R["ranking"] = run_ranking(args, work, files, data, qfile, None if args.skip_plain else work / "plain-whoosh", step)

        R["loads"] = list(LOADS)
        R["targets"] = evaluate_targets(R)
        if args.profile or (not args.no_profile and any(t["ok"] is False for t in R["targets"])):
            step("profiling ours (cProfile): the query mix, one changed file, a fresh index of a subset")
            k = max(1, len(files) // max(1, args.profile_docs))
            subset = work / "profile-subset"
            subset.mkdir()
            for f in files[::k][: args.profile_docs]:
                shutil.copy2(f, subset / f.name)
            pfile = str(rng.choice([f for f in files if f not in changed]))
            R["profile"] = run_child("ours_profile", {
                "data_dir": str(data), "queries": str(qfile), "subset": str(subset),
                "subset_data_dir": str(work / "profile-data"), "changed_file": pfile,
                "marker": "基准标记" + "".join(rng.choice(pool) for _ in range(8))}, work)
        report = build_report(R)
        print()
        print(report)
        if not args.no_md:
            Path(args.md).parent.mkdir(parents=True, exist_ok=True)
            Path(args.md).write_text(report, encoding="utf-8")
            step(f"wrote {args.md}")
        if args.json:
            Path(args.json).write_text(json.dumps(R, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        _drop_work(args, work)
    return 0


def run_ranking(args, work: Path, files: list[Path], data: Path, qfile: Path, plain_dir: Path | None, step) -> dict:
    """The ranking evaluation on an indexed archive (ours) and, built here, FTS5 with columns."""
    rq = make_ranking_queries(files, args.known, args.precedence, args.seed)
    rfile = work / "ranking.json"
    rfile.write_text(json.dumps(rq, ensure_ascii=False), encoding="utf-8")
    step(f"  {len(rq['known'])} known-item and {len(rq['precedence'])} precedence queries")
    out: dict = {"queries": rq}
    out.update(run_child("ours_rank", {"data_dir": str(data), "ranking": str(rfile), "queries": str(qfile),
                                       "reps": args.reps, "seed": args.seed}, work))
    step(f"  ours MRR@10 {out['ours']['mrr10']:.3f}, precedence {out['ours']['precedence']:.3f}; before "
         f"{out['ours_before']['mrr10']:.3f} / {out['ours_before']['precedence']:.3f}; mix p95 "
         f"{out['mix_after']['p95']:.2f} ms (before {out['mix_before']['p95']:.2f}); variants p95 {out['variants']['p95']:.2f} ms")
    files_json = work / "files.json"
    fdb = work / "fts5-rank.sqlite"
    out["fts5_index"] = run_child("fts5_rank_index", {"files": str(files_json), "db": str(fdb)}, work)
    out["fts5"] = run_child("fts5_rank", {"db": str(fdb), "ranking": str(rfile), "reps": args.reps,
                                          "title_weight": FTS5_TITLE_WEIGHT}, work)
    step(f"  FTS5 MRR@10 {out['fts5']['mrr10']:.3f}, precedence {out['fts5']['precedence']:.3f}")
    if plain_dir is not None and plain_dir.exists():
        out["plain"] = run_child("plain_rank", {"dir": str(plain_dir), "ranking": str(rfile), "reps": args.reps}, work)
        step(f"  plain MRR@10 {out['plain']['mrr10']:.3f}, precedence {out['plain']['precedence']:.3f}")
    return out


def ranking_only(args) -> int:
    """python -m bench --ranking: index ours (and the plain design unless --skip-plain), evaluate the
    ranking, and replace the ranking section of the Markdown report."""
    work = Path(tempfile.mkdtemp(prefix="archive-bench-", dir=args.workdir)).resolve()
    R: dict = {"argv": " ".join(sys.argv[1:])}

    def step(msg):
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    try:
        corpus, files, cinfo = prepare_corpus(args, work)
        R["corpus"] = cinfo
        step(f"corpus: {cinfo['files']:,} articles, {cinfo['bytes'] / 2**20:.1f} MB ({work})")
        (work / "files.json").write_text(json.dumps([str(f) for f in files], ensure_ascii=False), encoding="utf-8")
        qfile = work / "queries.json"
        qfile.write_text(json.dumps(make_queries(files, args.rare, args.seed), ensure_ascii=False), encoding="utf-8")
        data = work / "ours-data"
        step("ours: fresh index")
        oi = run_child("ours_index", {"data_dir": str(data), "corpus": str(corpus)}, work)
        step(f"  {oi['seconds']:.1f} s")
        plain_dir = None
        if not args.skip_plain:
            step("plain design: index")
            plain_dir = work / "plain-whoosh"
            run_child("plain_index", {"files": str(work / "files.json"), "dir": str(plain_dir), "city_map": None}, work)
        R["machine"] = machine()
        R["ranking"] = run_ranking(args, work, files, data, qfile, plain_dir, step)
        section = "\n".join(ranking_section(R)) + "\n"
        section += (f"\nFrom `python -m bench {R['argv']}` on {time.strftime('%Y-%m-%d %H:%M')} "
                    f"({cinfo['files']:,} articles; 1-minute load average {min(LOADS):.1f}–{max(LOADS):.1f} on 2 cores).\n")
        print()
        print(section)
        if not args.no_md:
            path = Path(args.md)
            old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
            start = old.find("## Ranking (issue 12)")
            if start < 0:
                new = old.rstrip("\n") + "\n\n" + section
            else:
                end = old.find("\n## ", start + 3)
                new = old[:start] + section + (old[end + 1 :] if end >= 0 else "")
            path.write_text(new, encoding="utf-8")
            step(f"updated the ranking section of {path}")
        if args.json:
            Path(args.json).write_text(json.dumps(R, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        _drop_work(args, work)
    return 0


def _drop_work(args, work: Path) -> None:
    """The work folder goes, unless --keep."""
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
