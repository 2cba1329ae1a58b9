"""`python -m bench --ocr [--pages N] [--seed S] [--md [PATH]] [--json PATH]`: OCR accuracy and speed
(issue 15). N pages of ~300 characters from corpus articles (seeded), rendered as the tests render
them (tests/core/ingest/format_fixtures.py), each clean and degraded (blur, salt-and-pepper noise,
1.5° skew, half resolution), read by the app's own path (the image reader with the app's Ocr,
then the indexer's cleaning) and by Tesseract chi_sim as the anchor; then a broadsheet page
(bench/newspaper.py). CER = Levenshtein distance / reference length after NFKC, whitespace removed."""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import time
import unicodedata
from collections import Counter
from pathlib import Path

from bench.measure import REPO, machine

CORPUS = Path("/tmp/benchcorpus/zh-news")
PAGE_CHARS = 300
DEGRADATIONS = {  # name -> what is done to the page as the fixtures draw it (36 px characters)
    "clean": "as drawn",
    "blur": "Gaussian, radius 1.2 px",
    "noise": "salt and pepper, 4% of the pixels",
    "skew": "rotated 1.5°",
    "half": "halved, 18 px characters",
}
TARGET_CLEAN, TARGET_DEGRADED, TARGET_PAGE_S = 0.01, 0.02, 60.0


def normalize(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def cer(reference: str, hypothesis: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref, hyp = normalize(reference), normalize(hypothesis)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def unordered_error(reference: str, hypothesis: str) -> float:
    """Characters missed or extra as multisets, reading order ignored (a lower bound of the CER)."""
    ref, hyp = Counter(normalize(reference)), Counter(normalize(hypothesis))
    return max(sum((ref - hyp).values()), sum((hyp - ref).values())) / max(1, sum(ref.values()))


def article_bodies(files: list[Path], count: int, chars: int, seed: int) -> list[str]:
    """count texts of `chars` characters (whitespace removed), each from the body of a different
    article picked by seed; the title line is left out."""
    order = list(files)
    random.Random(seed).shuffle(order)
    out = []
    for f in order:
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        body = "".join("".join(lines[1:]).split())
        if len(body) >= chars:
            out.append(body[:chars])
        if len(out) == count:
            break
    return out


def degrade(image, kind: str, seed: int):
    """The page (a grayscale PIL image) as a worse scan would show it."""
    import numpy as np
    from PIL import Image, ImageFilter

    if kind == "clean":
        return image
    if kind == "blur":
        return image.filter(ImageFilter.GaussianBlur(1.2))
    if kind == "noise":
        pixels = np.array(image)
        rng = np.random.default_rng(seed)
        hit = rng.random(pixels.shape)
        pixels[hit < 0.02] = 0
        pixels[hit > 0.98] = 255
        return Image.fromarray(pixels)
    if kind == "skew":
        return image.rotate(1.5, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if kind == "half":
        return image.resize((image.width // 2, image.height // 2), Image.LANCZOS)
    raise ValueError(kind)


class OursEngine:
    """The app's path: read_document on the image file, the app's Ocr (no cache), then cleaning."""

    name = "ours"

    def __init__(self):
        from desktop.core.ingest.formats import ReadContext
        from desktop.core.ingest.formats.ocr import Ocr, available

        if not available():
            raise RuntimeError("rapidocr-onnxruntime is not installed")
        self.context = ReadContext(ocr=Ocr(cache=None))
        self.threads = self.context.ocr.threads

    def read(self, path: Path) -> str:
        from desktop.core.ingest.cleaning import clean
        from desktop.core.ingest.formats import read_document

        return clean(read_document(path, self.context).text).text


class TesseractEngine:
    """`tesseract IMG stdout -l chi_sim --psm P`, one thread, its text through the same cleaning."""

    name = "tesseract"

    def __init__(self, psm: int = 6):
        self.psm = psm
        self.binary = shutil.which("tesseract")
        self.version = "not installed"
        if self.binary:
            langs = subprocess.run([self.binary, "--list-langs"], capture_output=True, text=True).stdout.split()
            if "chi_sim" not in langs:
                self.binary = None
                self.version = "installed without chi_sim"
            else:
                first = subprocess.run([self.binary, "--version"], capture_output=True, text=True).stdout
                self.version = (first.splitlines() or ["tesseract ?"])[0]

    def read(self, path: Path, psm: int | None = None) -> str:
        from desktop.core.ingest.cleaning import clean

        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        cp = subprocess.run([self.binary, str(path), "stdout", "-l", "chi_sim", "--psm", str(psm or self.psm)],
                            capture_output=True, text=True, env=env, timeout=600)
        if cp.returncode != 0:
            raise RuntimeError(f"tesseract failed: {cp.stderr[-500:]}")
        return clean(cp.stdout).text


def timed(read, path: Path) -> tuple[str, float]:
    t0 = time.perf_counter()
    text = read(path)
    return text, time.perf_counter() - t0


def summary(rows: list[dict]) -> dict:
    cers = [r["cer"] for r in rows]
    secs = [r["s"] for r in rows]
    return {"pages": len(rows), "cer_median": statistics.median(cers), "cer_mean": statistics.fmean(cers),
            "cer_max": max(cers), "s_median": statistics.median(secs), "s_mean": statistics.fmean(secs)}


def run_pages(texts: list[str], engines: list, work: Path, seed: int, progress=print) -> dict:
    """Every text rendered, degraded each way and read by every engine: per page and summarised."""
    from tests.core.ingest import format_fixtures as fixtures

    per_page: dict[str, dict[str, list[dict]]] = {e.name: {k: [] for k in DEGRADATIONS} for e in engines}
    for i, text in enumerate(texts):
        page = fixtures.page_image(text)
        for kind in DEGRADATIONS:
            path = work / f"page{i + 1:02d}_{kind}.png"
            degrade(page, kind, seed * 1000 + i).save(path)
            for engine in engines:
                got, seconds = timed(engine.read, path)
                per_page[engine.name][kind].append({"page": i + 1, "cer": cer(text, got), "s": seconds})
        progress(f"  page {i + 1}/{len(texts)} done")
    return {"size_px": list(page.size),
            "summary": {e: {k: summary(rows) for k, rows in kinds.items()} for e, kinds in per_page.items()},
            "per_page": per_page}


def run_newspaper(texts: list[str], engines: list, work: Path) -> dict:
    """The broadsheet page read once by each engine (Tesseract with automatic layout, --psm 3)."""
    from bench.newspaper import broadsheet

    image, reference, headline = broadsheet(texts)
    path = work / "broadsheet.png"
    image.save(path)
    out = {"size_px": list(image.size), "chars": len(normalize(reference)), "headline": headline,
           "articles": len(texts), "engines": {}}
    for engine in engines:
        read = engine.read if engine.name == "ours" else (lambda p: engine.read(p, psm=3))
        got, seconds = timed(read, path)
        out["engines"][engine.name] = {"s": seconds, "cer": cer(reference, got),
                                       "unordered_error": unordered_error(reference, got),
                                       "headline_found": normalize(headline) in normalize(got)}
    return out


def measure(files: list[Path], pages: int, seed: int, work: Path, *, newspaper: bool = True,
            chars: int = PAGE_CHARS, progress=print) -> dict:
    """The whole OCR benchmark on `pages` pages (and the broadsheet unless newspaper is False)."""
    ours = OursEngine()
    tesseract = TesseractEngine()
    engines = [ours] + ([tesseract] if tesseract.binary else [])
    if not tesseract.binary:
        progress(f"  Tesseract {tesseract.version}: the anchor is left out "
                 "(apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    texts = article_bodies(files, pages, chars, seed)
    from tests.core.ingest import format_fixtures as fixtures

    warm = work / "warm.png"
    fixtures.page_image(texts[0][:40]).save(warm)
    _, load_s = timed(ours.read, warm)  # the models load on the first page; not counted below
    R = {"machine": machine(), "load_before": os.getloadavg()[0], "pages": len(texts), "chars": chars, "seed": seed,
         "degradations": DEGRADATIONS, "ours": {"engine": _engine_label(), "threads": ours.threads,
                                                "first_page_s": load_s},
         "tesseract": {"version": tesseract.version, "psm": tesseract.psm, "threads": 1}}
    R["small"] = run_pages(texts, engines, work, seed, progress)
    if newspaper:
        progress("  the broadsheet page ...")
        R["newspaper"] = run_newspaper(article_bodies(files, 12, 480, seed + 1), engines, work)
    R["load_after"] = os.getloadavg()[0]
    return R


def _engine_label() -> str:
    from desktop.core.ingest.formats.ocr import ENGINE

    return ENGINE


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench --ocr", description=__doc__.split("\n\n")[0])
    ap.add_argument("--ocr", action="store_true")
    ap.add_argument("--pages", type=int, default=20, help="pages of ~300 characters (default 20)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--corpus", default=str(CORPUS), help="a folder of .txt articles")
    ap.add_argument("--no-newspaper", action="store_true", help="leave out the broadsheet page")
    ap.add_argument("--md", nargs="?", const=str(REPO / "docs" / "benchmarks.md"),
                    help="write the figures into this Markdown file's OCR section (default docs/benchmarks.md)")
    ap.add_argument("--json", help="every figure, per page")
    ap.add_argument("--from-json", help="no measuring: the table and section from an earlier run's JSON")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from bench.ocr_report import console_table, measured, ocr_lines, update_section

    args = parse_args(argv)
    R = measured(args, lambda files, work: measure(files, args.pages, args.seed, work,
                                                   newspaper=not args.no_newspaper))
    print(console_table(R))
    if args.md:
        update_section(Path(args.md), "### OCR", ocr_lines(R))
        print(f"wrote the OCR figures into {args.md}")
    return 0
