"""`python -m bench --versions [--docs N]`: precision and recall of version pairs, and what grouping
costs at indexing (issue 14).

Test pairs are generated from the corpus (seeded): positives are an article and a changed copy of it
(OCR noise, new headline and byline, last third cut, extended by another article's section,
paragraphs reordered, another paper's header and footer); negatives are two different articles that
share a topic (the pairs of the same source with the most character bigrams in common: reports on one
event on different days), or that share a boilerplate paragraph added to both. A same-topic pair whose
texts share a run of 30 characters or more over half the shorter one is a real reprint in the corpus
and is left out of the negatives. Every pair is scored with versions.containment(); the precision
and recall are printed for thresholds from 0.3 to 0.9.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from desktop.core.index import versions
from desktop.core.index.versions import containment, signature

CORPUS = Path("/tmp/benchcorpus/zh-news")
BOILER = ("央视网消息：为深入学习贯彻党的二十大精神，进一步推动经济社会高质量发展，各地区各部门认真落实"
          "党中央决策部署，扎实推进各项工作，取得明显成效，人民群众获得感、幸福感、安全感不断增强。")
CONFUSE = {"已": "己", "日": "曰", "未": "末", "人": "入", "戌": "戍"}


def articles(limit: int, rng: random.Random) -> list[tuple[str, str]]:
    files = sorted(p for p in CORPUS.glob("*.txt") if not p.name.startswith("SUBSET"))
    rng.shuffle(files)
    out = []
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        if len(text) >= 400 and text.count("\n") >= 3:
            out.append((p.name, text))
        if len(out) >= limit:
            break
    return out


def paras(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def ocr(text: str, rng: random.Random) -> str:
    out = []
    for ch in text:
        if ch in CONFUSE and rng.random() < 0.5:
            ch = CONFUSE[ch]
        elif rng.random() < 0.01:  # a misread character
            ch = rng.choice("的一是在不了有和人这中大为上个国我以要他")
        out.append(ch)
        if rng.random() < 0.03:
            out.append(rng.choice(" \n"))
    return "".join(out)


def changes(text: str, other: str, rng: random.Random) -> dict[str, str]:
    p = paras(text)
    half = max(1, len(p) // 2)
    return {
        "ocr": ocr(text, rng),
        "headline": "【转载】" + "".join(rng.sample(p[0], len(p[0]))) + "\n本报记者 张三 李四\n" + "\n".join(p[1:]),
        "truncated": "\n".join(p[: max(1, len(p) * 2 // 3)]),
        "extended": text + "\n" + "\n".join(paras(other)[-3:]),
        "reordered": "\n".join(p[half:] + p[:half]),
        "wrapped": "人民日报 2024年3月5日 第04版 要闻\n" + text + "\n（责任编辑：王五）本报地址：北京市朝阳区金台西路2号",
    }


def shared_run_fraction(a: str, b: str, n: int = 30) -> float:
    """Fraction of the shorter text covered by n-character runs also in the other (reprint check)."""
    a, b = (a, b) if len(a) <= len(b) else (b, a)
    grams = {b[i:i + n] for i in range(len(b) - n + 1)}
    covered = [False] * len(a)
    for i in range(len(a) - n + 1):
        if a[i:i + n] in grams:
            for j in range(i, i + n):
                covered[j] = True
    return sum(covered) / max(1, len(a))


def topic_pairs(docs: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """Same-source article pairs with the most character bigrams in common."""
    grams = [(name, text, set(text[i:i + 2] for i in range(len(text) - 1))) for name, text in docs[:1200]]
    scored = []
    for i in range(len(grams)):
        for j in range(i + 1, len(grams)):
            if grams[i][0].split("_")[0] != grams[j][0].split("_")[0]:
                continue
            a, b = grams[i][2], grams[j][2]
            scored.append((len(a & b) / len(a | b), i, j))
    scored.sort(reverse=True)
    out = []
    for _, i, j in scored:
        if shared_run_fraction(grams[i][1], grams[j][1]) < 0.5:
            out.append((grams[i][1], grams[j][1]))
        if len(out) >= count:
            break
    return out


def quality(n: int, seed: int = 14) -> list[str]:
    rng = random.Random(seed)
    docs = articles(max(n * 2, 1300), rng)
    pos: list[tuple[str, float]] = []
    for k in range(n):
        text, other = docs[k][1], docs[-1 - k][1]
        base = signature(text)
        for kind, changed in changes(text, other, rng).items():
            pos.append((kind, containment(base, signature(changed))))
    neg: list[tuple[str, float]] = []
    for a, b in topic_pairs(docs, n):
        neg.append(("same-topic", containment(signature(a), signature(b))))
    for k in range(n):
        a, b = docs[k][1], docs[k + n][1]
        neg.append(("boilerplate", containment(signature(BOILER + "\n" + a), signature(BOILER + "\n" + b))))
    lines = [f"pairs: {len(pos)} positive ({n} of each of 6 kinds), {len(neg)} negative "
             f"({sum(1 for k, _ in neg if k == 'same-topic')} same-topic, {n} boilerplate)"]
    lines.append("threshold  precision  recall   (missed by kind / false pairs by kind)")
    for t in [x / 20 for x in range(6, 19)]:
        tp = sum(1 for _, s in pos if s >= t)
        fp = sum(1 for _, s in neg if s >= t)
        missed = {}
        for kind, s in pos:
            if s < t:
                missed[kind] = missed.get(kind, 0) + 1
        false = {}
        for kind, s in neg:
            if s >= t:
                false[kind] = false.get(kind, 0) + 1
        prec = tp / (tp + fp) if tp + fp else 1.0
        mark = "  <- used" if abs(t - versions.THRESHOLD) < 1e-9 else ""
        lines.append(f"  {t:.2f}     {prec:.4f}     {tp / len(pos):.4f}   {missed or ''} {false or ''}{mark}")
    lines.append(f"highest negative score: {max(s for _, s in neg):.3f}; lowest positive: {min(s for _, s in pos):.3f}")
    return lines


def cost(count: int) -> list[str]:
    from desktop.core.service import ArchiveService

    files = sorted(p for p in CORPUS.glob("*.txt") if not p.name.startswith("SUBSET"))[:count]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for p in files:
            shutil.copy(p, src / p.name)
        took = {}
        for enabled in (False, True, False, True):
            versions.ENABLED = enabled
            data = Path(tmp) / f"data-{enabled}-{time.monotonic_ns()}"
            svc = ArchiveService(data)
            t0 = time.perf_counter()
            svc.index([src])
            took.setdefault(enabled, []).append(time.perf_counter() - t0)
            groups = len(svc.versions()) if enabled else 0
            svc.close()
            shutil.rmtree(data)
        versions.ENABLED = True
        off, on = min(took[False]), min(took[True])
        lines.append(f"indexing {len(files)} articles (best of 2): without grouping {off:.1f} s, "
                     f"with {on:.1f} s: +{(on / off - 1) * 100:.1f}%; {groups} version groups found")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench --versions")
    ap.add_argument("--versions", action="store_true")
    ap.add_argument("--pairs", type=int, default=300, help="articles changed per kind")
    ap.add_argument("--docs", type=int, default=5000, help="articles indexed for the cost (0: skip)")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}")
        return 2
    for line in quality(args.pairs):
        print(line, flush=True)
    if args.docs:
        for line in cost(args.docs):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
