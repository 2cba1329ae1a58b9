"""The OCR benchmark's console table and its part of docs/benchmarks.md, and the section update
that the formats benchmark shares: "## OCR and formats (issue 15)" holds a "### OCR" and a
"### Formats" part, each replaced on its own, the rest of the file kept."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HEADING = "## OCR and formats (issue 15)"
INTRO = ("Measured by `python -m bench --ocr` and `python -m bench --formats` (bench/ocr.py, bench/formats.py) "
         "on a 2-core machine shared with other benchmarks: medians are quoted, and the load average is given.")


def _pct(v: float) -> str:
    return f"{100 * v:.2f}%"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def verdicts(R: dict) -> dict:
    """Target per degradation (judged on the mean CER): ≤ 1% clean, ≤ 2% degraded, below Tesseract's."""
    from bench.ocr import TARGET_CLEAN, TARGET_DEGRADED

    S = R["small"]["summary"]
    out = {}
    for kind, ours in S["ours"].items():
        limit = TARGET_CLEAN if kind == "clean" else TARGET_DEGRADED
        anchor = S.get("tesseract", {}).get(kind)
        below = anchor is None or ours["cer_mean"] < anchor["cer_mean"] or ours["cer_mean"] == 0
        out[kind] = {"limit": limit, "ok": ours["cer_mean"] <= limit and below,
                     "below_tesseract": None if anchor is None else below}
    return out


def _page_rows(R: dict) -> list[str]:
    S = R["small"]["summary"]
    has_t = "tesseract" in S
    head = "| degradation | ours CER median / mean (max) | ours s/page |"
    rule = "|---|---:|---:|"
    if has_t:
        head += " Tesseract CER median / mean (max) | Tesseract s/page |"
        rule += "---:|---:|"
    rows = [head + " target |", rule + "---|"]
    marks = verdicts(R)
    for kind, what in R["degradations"].items():
        o = S["ours"][kind]
        row = (f"| {kind} ({what}) | {_pct(o['cer_median'])} / {_pct(o['cer_mean'])} ({_pct(o['cer_max'])}) "
               f"| {o['s_median']:.2f} |")
        if has_t:
            t = S["tesseract"][kind]
            row += f" {_pct(t['cer_median'])} / {_pct(t['cer_mean'])} ({_pct(t['cer_max'])}) | {t['s_median']:.2f} |"
        v = marks[kind]
        row += f" ≤ {_pct(v['limit'])}{' and below Tesseract' if has_t else ''}: {_met(v['ok'])} |"
        rows.append(row)
    return rows


def _newspaper_rows(R: dict) -> list[str]:
    from bench.ocr import TARGET_PAGE_S

    N = R.get("newspaper")
    if not N:
        return []
    w, h = N["size_px"]
    rows = [f"Broadsheet page ({w}×{h} px, A3 at about 212 dpi; six columns of 28 px serif text, a headline; "
            f"{N['chars']:,} characters from {N['articles']} articles; Tesseract with `--psm 3`, automatic layout):", "",
            "| engine | seconds | CER, reading order | characters wrong, order ignored | headline found |",
            "|---|---:|---:|---:|---|"]
    for name, e in N["engines"].items():
        limit = f" (target ≤ {TARGET_PAGE_S:.0f} s: {_met(e['s'] <= TARGET_PAGE_S)})" if name == "ours" else ""
        rows.append(f"| {name} | {e['s']:.1f}{limit} | {_pct(e['cer'])} | {_pct(e['unordered_error'])} "
                    f"| {'yes' if e['headline_found'] else 'no'} |")
    ours = N["engines"].get("ours", {})
    if ours and ours["cer"] > 0.2 > 5 * ours["unordered_error"]:
        rows += ["", "The characters are read, but across the columns: lines are taken top to bottom over the "
                 "whole page (RapidOCR's box order, then `lines_to_text`), so the text interleaves the six columns "
                 "a row at a time and a phrase broken over a column's lines is not found as one."]
    return rows


def console_table(R: dict) -> str:
    lines = [f"OCR: {R['pages']} page{'s' if R['pages'] != 1 else ''} of {R.get('chars', 300)} characters, {R['small']['size_px'][0]}×{R['small']['size_px'][1]} px, "
             f"seed {R['seed']}; ours: {R['ours']['engine']}, {R['ours']['threads']} thread(s); "
             f"Tesseract: {R['tesseract']['version']}; load {R['load_before']:.1f} -> {R['load_after']:.1f}", ""]
    return "\n".join(lines + _page_rows(R) + [""] + _newspaper_rows(R))


def ocr_lines(R: dict) -> list[str]:
    m = R["machine"]
    w, h = R["small"]["size_px"]
    t = R["tesseract"]
    news = _newspaper_rows(R)
    return [
        f"{R['pages']} page{'s' if R['pages'] != 1 else ''} of {R.get('chars', 300)} characters from corpus articles (seed {R['seed']}; the title line left out), "
        f"drawn as the tests draw a scan (`format_fixtures.page_image`: WenQuanYi Micro Hei, 36 px, "
        f"24 characters a line, {w}×{h} px), then degraded. Ours is the app's path: the image reader "
        f"(`read_document` on the PNG) with `Ocr` ({R['ours']['engine']}, {R['ours']['threads']} ONNX thread, "
        f"no cache), then the indexer's cleaning; the models' first load ({R['ours']['first_page_s']:.1f} s) "
        f"is not counted. Tesseract: {t['version']}, `chi_sim`, `--psm {t['psm']}`, `OMP_THREAD_LIMIT=1`, "
        "its text through the same cleaning. CER = Levenshtein distance / reference length after NFKC "
        "with all whitespace removed; targets judged on the mean.",
        "",
        *_page_rows(R),
        "",
        *(news + [""] if news else []),
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram']}; commit {m['commit']}, {m['date']}; "
        f"load average {R['load_before']:.1f} before, {R['load_after']:.1f} after (another benchmark ran "
        "at the same time: the seconds are a loaded machine's).",
    ]


def update_section(md: Path, part: str, lines: list[str]) -> None:
    """Replace `part` ("### OCR" or "### Formats") of the issue-15 section, creating either if missing."""
    old = md.read_text(encoding="utf-8") if md.exists() else "# Benchmarks\n"
    block = part + "\n\n" + "\n".join(lines).rstrip("\n") + "\n"
    start = old.find(HEADING)
    if start < 0:
        md.write_text(old.rstrip("\n") + f"\n\n{HEADING}\n\n{INTRO}\n\n{block}", encoding="utf-8")
        return
    end = old.find("\n## ", start + len(HEADING))
    end = len(old) if end < 0 else end + 1
    section = old[start:end]
    at = section.find("\n" + part + "\n")
    if at < 0:
        section = section.rstrip("\n") + "\n\n" + block
    else:
        stop = section.find("\n### ", at + len(part) + 1)
        section = section[:at + 1] + block + ("\n" + section[stop + 1:] if stop >= 0 else "")
    md.write_text(old[:start] + section.rstrip("\n") + "\n" + ("\n" + old[end:] if end < len(old) else ""),
                  encoding="utf-8")


def measured(args, measure) -> dict:
    """The figures of an earlier run (--from-json) or of measure(files, work) on the corpus, in a
    scratch folder; written to --json when given."""
    from bench.corpus import select_articles

    if args.from_json:
        return json.loads(Path(args.from_json).read_text(encoding="utf-8"))
    files = select_articles(Path(args.corpus))
    if not files:
        sys.exit(f"no articles in {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="bench-issue15-") as tmp:
        R = measure(files, Path(tmp))
    if args.json:
        Path(args.json).write_text(json.dumps(R, ensure_ascii=False, indent=1), encoding="utf-8")
    return R
