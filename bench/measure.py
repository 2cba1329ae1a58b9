"""Timing and memory helpers, the child runner, and the workers' entry (`python -m bench.measure --worker ...`)."""

from __future__ import annotations

import importlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SNIPPETS = 3
LIMIT = 10

LOADS: list[float] = []  # 1-minute load average before and after each child: others' work on the machine skews timings

# worker name -> (module in bench, function); imported in the child only
WORKERS = {
    "ours_index": ("engine_ours", "w_ours_index"),
    "ours_search": ("engine_ours", "w_ours_search"),
    "ours_change_one": ("engine_ours", "w_ours_change_one"),
    "brute": ("engine_brute", "w_brute"),
    "fts5_index": ("engine_fts5", "w_fts5_index"),
    "fts5_search": ("engine_fts5", "w_fts5_search"),
    "plain_index": ("engine_plain", "w_plain_index"),
    "plain_search": ("engine_plain", "w_plain_search"),
    "ours_profile": ("engine_ours", "w_ours_profile"),
    "ours_rank": ("ranking", "w_ours_rank"),
    "fts5_rank_index": ("ranking", "w_fts5_rank_index"),
    "fts5_rank": ("ranking", "w_fts5_rank"),
    "plain_rank": ("ranking", "w_plain_rank"),
}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def summarize(per_query: list[float]) -> dict:
    return {
        "p50": percentile(per_query, 50),
        "p95": percentile(per_query, 95),
        "max": max(per_query) if per_query else float("nan"),
        "mean": statistics.fmean(per_query) if per_query else float("nan"),
    }


def maxrss_mb() -> dict:
    # ru_maxrss is in KiB on Linux
    return {
        "self_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0,
    }


def rss_now_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def du_mb(path: Path) -> float:
    total = 0
    if path.is_file():
        return path.stat().st_size / 2**20
    for dirpath, _, names in os.walk(path):
        for n in names:
            try:
                total += (Path(dirpath) / n).stat().st_size
            except OSError:
                pass
    return total / 2**20


def time_queries(run_one, queries: list[dict], reps: int) -> dict:
    """run_one(query) -> (took_ms or None, hits, snippet_ok). Warm once, then reps; median per query."""
    for q in queries:
        run_one(q)
    rows = []
    for q in queries:
        walls, tooks = [], []
        hits = 0
        snip_ok = True
        for _ in range(reps):
            t = time.perf_counter()
            took, hits, snip_ok = run_one(q)
            walls.append((time.perf_counter() - t) * 1000.0)
            if took is not None:
                tooks.append(took)
        rows.append({
            "q": q["q"], "city": q["city"], "kind": q["kind"],
            "wall_ms": statistics.median(walls),
            "took_ms": statistics.median(tooks) if tooks else None,
            "hits": hits, "snippets_highlighted": snip_ok,
        })
    out = {"per_query": rows, "wall": summarize([r["wall_ms"] for r in rows])}
    if all(r["took_ms"] is not None for r in rows):
        out["took"] = summarize([r["took_ms"] for r in rows])
    return out


def run_child(name: str, params: dict, work: Path, timeout: float = 3600) -> dict:
    """Run a worker in a fresh interpreter; return its result plus wall time and sampled tree peak RSS."""
    try:
        import psutil
    except ImportError:
        psutil = None
    pfile = work / f"{name}.params.json"
    pfile.write_text(json.dumps(params, ensure_ascii=False), encoding="utf-8")
    out = work / f"{name}.out"
    err = work / f"{name}.err"
    env = dict(os.environ, PYTHONWARNINGS="ignore", PYTHONPATH=str(REPO))
    LOADS.append(os.getloadavg()[0])
    t0 = time.perf_counter()
    with open(out, "w") as fo, open(err, "w") as fe:
        proc = subprocess.Popen([sys.executable, "-m", "bench.measure", "--worker", name, str(pfile)],
                                stdout=fo, stderr=fe, cwd=str(REPO), env=env)
        peak = peak_pss = 0.0
        ps = psutil.Process(proc.pid) if psutil else None
        while proc.poll() is None:
            if ps is not None:
                try:
                    rss = pss = 0
                    for q in [ps] + ps.children(recursive=True):
                        try:
                            m = q.memory_full_info()  # PSS: pages shared with forked helpers counted once
                            rss += m.rss
                            pss += getattr(m, "pss", m.rss)
                        except psutil.Error:
                            pass
                    peak = max(peak, rss / 2**20)
                    peak_pss = max(peak_pss, pss / 2**20)
                except psutil.Error:
                    pass
            if time.perf_counter() - t0 > timeout:
                proc.kill()
                break
            time.sleep(0.02)
        proc.wait()
    wall = time.perf_counter() - t0
    LOADS.append(os.getloadavg()[0])
    text = out.read_text(encoding="utf-8", errors="replace")
    lines = [ln for ln in text.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        tail = err.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"worker {name} failed (exit {proc.returncode}):\n{tail}")
    result = json.loads(lines[-1][len("RESULT "):])
    result["child_wall_s"] = wall
    result["tree_peak_rss_mb"] = peak
    result["tree_peak_pss_mb"] = peak_pss
    return result


def worker_main(name: str, pfile: str) -> int:
    import warnings

    warnings.simplefilter("ignore")
    params = json.loads(Path(pfile).read_text(encoding="utf-8"))
    module, func = WORKERS[name] if name in WORKERS else name.split(":", 1)  # or "module:function"
    result = getattr(importlib.import_module(f"bench.{module}"), func)(params)
    sys.stdout.write("RESULT " + json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


def run_cli(args: list[str], env_extra: dict | None = None, timeout: float = 300) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONWARNINGS="ignore", **(env_extra or {}))
    t0 = time.perf_counter()
    cp = subprocess.run([sys.executable, "main.py", *args], cwd=str(REPO), env=env, capture_output=True,
                        text=True, timeout=timeout)
    return time.perf_counter() - t0, cp


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for pkg in ["whoosh3", "jieba", "rjieba", "opencc", "PySide6-Essentials", "psutil"]:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    import sqlite3

    versions["SQLite"] = sqlite3.sqlite_version
    commit = "?"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "desktop"], cwd=REPO, capture_output=True,
                               text=True).stdout.strip()
        if dirty:
            commit += " + uncommitted engine changes"
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram": ram, "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}", "versions": versions, "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--worker":
        from bench.measure import worker_main as _worker_main  # the package's module, not this __main__ copy

        sys.exit(_worker_main(sys.argv[2], sys.argv[3]))
    sys.exit("usage: python -m bench.measure --worker NAME PARAMS.json (run by python -m bench)")
