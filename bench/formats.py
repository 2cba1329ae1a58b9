"""`python -m bench --formats [--seed S] [--md [PATH]] [--json PATH]`: extraction throughput (MB/s,
characters/s) and memory per format (issue 15). Files of real size are written at run time from
corpus articles with the tests' builders (tests/core/ingest/format_fixtures.py) and read by the app's
own `read_document`, each in a fresh interpreter (bench/measure.py run_child) so that its peak memory
is its own: timed after one warm read, the median of several."""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from bench.measure import REPO, machine, run_child

CORPUS = Path("/tmp/benchcorpus/zh-news")
MIN_REPS, MIN_SECONDS, MAX_REPS = 5, 1.0, 200


def load_articles(files: list[Path], seed: int, count: int = 400) -> list[tuple[str, str]]:
    """(title, body) of count articles picked by seed, bodies with their paragraphs one a line."""
    order = list(files)
    random.Random(seed).shuffle(order)
    out = []
    for f in order:
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        if len(lines) >= 2 and "。" in "".join(lines[1:]):
            out.append((lines[0][:60], "\n".join(lines[1:])))
        if len(out) == count:
            break
    return out


def links_page(titles: list[str], size: int) -> str:
    """A site's index page: list items of links to articles, about size bytes in UTF-8."""
    items, total, i = [], 0, 0
    while total < size:
        item = f'<li><a href="/news/{20240000 + i}.html">{titles[i % len(titles)]}</a><span>{i % 28 + 1}日</span></li>'
        items.append(item)
        total += len(item.encode("utf-8"))
        i += 1
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>新闻列表</title></head><body><ul>\n"
            + "\n".join(items) + "\n</ul></body></html>")


def build_files(articles: list[tuple[str, str]], work: Path) -> dict[str, dict]:
    """name -> {path, what}: one file per format, about the sizes README quotes."""
    from tests.core.ingest import format_fixtures as F

    bodies = [body for _, body in articles]
    titles = [title for title, _ in articles]
    out: dict[str, dict] = {}

    def add(name: str, path: Path, what: str) -> None:
        out[name] = {"path": str(path), "what": what, "bytes": path.stat().st_size}

    text = work / "articles.txt"
    text.write_text("\n\n".join(f"{t}\n\n{b}" for t, b in articles[:300]), encoding="utf-8")
    add("text", text, "300 articles, UTF-8")
    pdf_pages = ["".join(b.split())[:900] for b in bodies[:100]]
    add("pdf", F.write_pdf(work / "pages.pdf", pdf_pages, title=titles[0], width=30),
        "100 pages with a text layer (fpdf2, 30 characters a line)")
    add("docx", F.write_docx(work / "articles.docx", bodies[:135], title=titles[0]), "135 articles, a page each")
    page, n = [], 0
    while sum(len(p.encode("utf-8")) for p in page) < 140_000:
        page.append(bodies[n].replace("\n", "</p><p>"))
        n += 1
    add("html", F.write_html(work / "page.html", pages=page, title=titles[0]),
        f"one news page, {n} articles' paragraphs in the boilerplate of the tests' page")
    links = work / "links.html"
    links.write_text(links_page(titles, 4_300_000), encoding="utf-8")
    add("html_links", links, "a site's index page of links")
    add("epub", F.write_epub(work / "book.epub", bodies[:135], title=titles[0]), "135 chapters")
    return out


def peak_rss_mb() -> float:
    """This process's peak RSS since exec (VmHWM; ru_maxrss on Linux keeps the forking parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def w_read_file(params: dict) -> dict:
    """In the child: read the file once (imports, caches), then time reads until MIN_REPS and MIN_SECONDS."""
    from bench.measure import rss_now_mb
    from desktop.core.ingest.formats import ReadContext, read_document

    path = Path(params["path"])
    before = rss_now_mb()
    t0 = time.perf_counter()
    first = read_document(path, ReadContext())
    first_s = time.perf_counter() - t0
    after_first = peak_rss_mb()
    times: list[float] = []
    while len(times) < MAX_REPS and (len(times) < MIN_REPS or sum(times) < MIN_SECONDS):
        t0 = time.perf_counter()
        read_document(path, ReadContext())
        times.append(time.perf_counter() - t0)
    return {"chars": len(first.text), "pages": len(first.pages), "format": first.format,
            "first_s": first_s, "s_median": statistics.median(times), "reps": len(times),
            "rss_before_mb": before, "peak_first_mb": after_first, "peak_mb": peak_rss_mb()}


def measure(files: list[Path], seed: int, work: Path, progress=print) -> dict:
    import os

    R = {"machine": machine(), "seed": seed, "load_before": os.getloadavg()[0], "formats": {}}
    built = build_files(load_articles(files, seed), work)
    for name, info in built.items():
        got = run_child("formats:w_read_file", {"path": info["path"]}, work, timeout=900)
        mb = info["bytes"] / 2**20
        got.update(info, mb=mb, mb_per_s=mb / got["s_median"], mchars_per_s=got["chars"] / got["s_median"] / 1e6)
        R["formats"][name] = got
        progress(f"  {name}: {mb:.2f} MB, {got['mb_per_s']:.1f} MB/s")
    R["load_after"] = os.getloadavg()[0]
    return R


def table(R: dict) -> list[str]:
    rows = ["| format | file | MB/s | M chars/s | ms a read (median) | peak RSS, MB (before the first read) |",
            "|---|---|---:|---:|---:|---:|"]
    for name, f in R["formats"].items():
        pages = f", {f['pages']} pages read" if f["pages"] > 1 else ""
        rows.append(f"| {name} | {f['mb']:.2f} MB, {f['what']}; {f['chars']:,} characters{pages} | {f['mb_per_s']:.1f} "
                    f"| {f['mchars_per_s']:.2f} | {1000 * f['s_median']:.1f} | {f['peak_mb']:.0f} "
                    f"({f['rss_before_mb']:.0f}) |")
    return rows


def section_lines(R: dict) -> list[str]:
    m = R["machine"]
    return [
        f"Files built at run time from corpus articles (seed {R['seed']}) with the tests' builders, read by "
        "`read_document` (the indexer's call, no OCR) in a fresh interpreter per format: one warm read, "
        f"then at least {MIN_REPS} reads and {MIN_SECONDS:.0f} s; the median. Peak RSS is the child's "
        "high-water mark (`VmHWM`); in brackets, its RSS before the first read (Python and the bench imports).",
        "",
        *table(R),
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores; commit {m['commit']}, {m['date']}; load average "
        f"{R['load_before']:.1f} before, {R['load_after']:.1f} after (shared with another benchmark).",
    ]


def main(argv: list[str] | None = None) -> int:
    from bench.ocr_report import measured, update_section

    ap = argparse.ArgumentParser(prog="python -m bench --formats", description=__doc__.split("\n\n")[0])
    ap.add_argument("--formats", action="store_true")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--md", nargs="?", const=str(REPO / "docs" / "benchmarks.md"))
    ap.add_argument("--json")
    ap.add_argument("--from-json")
    args = ap.parse_args(argv)
    R = measured(args, lambda files, work: measure(files, args.seed, work))
    print("\n".join(table(R)))
    if args.md:
        update_section(Path(args.md), "### Formats", section_lines(R))
        print(f"wrote the format figures into {args.md}")
    return 0
