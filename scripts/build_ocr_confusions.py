"""Build resources/ocr_confusions.json: for each common Chinese character, the characters an OCR
engine is likely to read in its place, measured as glyph similarity in a CJK font.

    .venv/bin/python scripts/build_ocr_confusions.py [--font PATH] [--out PATH]

Every GB2312 character (6,763: the 3,755 common ones of level 1 and the 3,008 of level 2) is drawn
in WenQuanYi Micro Hei at a fixed origin (so that 人 and 入, 日 and 曰 keep their place in the
em box) and reduced to a 40×40 black-and-white image. The similarity of glyphs a and b is the
share of their ink that lies within one pixel of the other's ink:

    (|A ∩ dilate(B)| + |B ∩ dilate(A)|) / (|A| + |B|)

so a missing or extra stroke (江/汀, 大/太) costs its own ink and nothing else, and a stroke one
pixel off costs nothing. (A plain cosine of blurred images ranked 汀 19th among 江's neighbours:
the shared radical dominates it.) All pairs are one matrix product. For each character the
neighbours kept are those with a similarity of at least THRESHOLD, at most NEIGHBOURS of them,
best first; the relation is made symmetric.

The pairs that printed news OCR is known to confuse (江/汀, 已/己/巳, 未/末, 人/入, 土/士, 日/曰,
大/太/犬, 木/本/术) are not an input: they are printed at the end with their measured similarity
and rank as a check of the threshold.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
OUT = ROOT / "resources" / "ocr_confusions.json"
SIZE = 80  # drawn at 80 px, then reduced
SMALL = 40
INK = 80  # grey level (of 255) from which a reduced pixel is ink
THRESHOLD = 0.85
NEIGHBOURS = 8
KNOWN = ["江汀", "已己", "已巳", "己巳", "未末", "人入", "土士", "日曰", "大太", "大犬", "太犬", "木本", "木术", "本术"]


def gb2312_characters() -> list[str]:
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.append(ch)
    return chars


def render(chars: list[str], font_path: str) -> tuple[np.ndarray, np.ndarray]:
    """(ink, dilated ink): one row of SMALL*SMALL zeros and ones per character."""
    font = ImageFont.truetype(font_path, int(SIZE * 0.9))
    ink = np.empty((len(chars), SMALL * SMALL), dtype=np.float32)
    dilated = np.empty_like(ink)
    for i, ch in enumerate(chars):
        img = Image.new("L", (SIZE, SIZE), 0)
        ImageDraw.Draw(img).text((SIZE * 0.05, 0), ch, fill=255, font=font)
        bw = np.asarray(img.resize((SMALL, SMALL), Image.BOX)) > INK
        grown = Image.fromarray(bw.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(3))
        ink[i] = bw.ravel()
        dilated[i] = (np.asarray(grown) > 0).ravel()
    return ink, dilated


def similarity_rows(ink: np.ndarray, dilated: np.ndarray, rows: slice) -> np.ndarray:
    """The similarity of characters `rows` to every character."""
    amount = ink.sum(axis=1)
    covered = ink[rows] @ dilated.T + dilated[rows] @ ink.T
    return covered / np.maximum(amount[rows, None] + amount[None, :], 1.0)


def neighbours(ink: np.ndarray, dilated: np.ndarray, threshold: float, k: int) -> list[list[tuple[int, float]]]:
    n = len(ink)
    found: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for start in range(0, n, 512):
        block = similarity_rows(ink, dilated, slice(start, min(n, start + 512)))
        for row in range(block.shape[0]):
            i = start + row
            block[row, i] = -1.0
            top = np.argpartition(-block[row], k)[:k]
            found[i] = sorted(((int(j), float(block[row, j])) for j in top if block[row, j] >= threshold),
                              key=lambda x: -x[1])
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--font", default=FONT)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--neighbours", type=int, default=NEIGHBOURS)
    args = ap.parse_args()
    t0 = time.perf_counter()
    chars = gb2312_characters()
    ink, dilated = render(chars, args.font)
    near = neighbours(ink, dilated, args.threshold, args.neighbours)
    table: dict[str, dict[str, float]] = {}
    for i, pairs in enumerate(near):
        for j, sim in pairs:
            a, b = chars[i], chars[j]
            table.setdefault(a, {})[b] = round(sim, 3)
            table.setdefault(b, {})[a] = round(sim, 3)
    data = {
        "about": "OCR confusions: characters whose glyphs look alike (scripts/build_ocr_confusions.py)",
        "font": Path(args.font).name,
        "method": f"GB2312 glyphs drawn at {SIZE} px, {SMALL}x{SMALL} black and white; share of ink within one "
                  f"pixel of the other's >= {args.threshold}, "
                  f"top {args.neighbours} per character, symmetric",
        "characters": len(chars),
        "confusions": {a: dict(sorted(bs.items(), key=lambda kv: -kv[1])) for a, bs in sorted(table.items())},
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    pairs = sum(len(v) for v in table.values()) // 2
    print(f"{len(chars)} characters, {len(table)} with neighbours, {pairs} pairs, {time.perf_counter() - t0:.1f} s -> {args.out}")
    index = {ch: i for i, ch in enumerate(chars)}
    for a, b in KNOWN:
        i = index[a]
        sims = similarity_rows(ink, dilated, slice(i, i + 1))[0]
        sims[i] = -1
        rank = int((sims > sims[index[b]]).sum()) + 1
        kept = b in table.get(a, {})
        print(f"  {a}/{b}: similarity {sims[index[b]]:.3f}, rank {rank} among {a}'s neighbours, kept: {kept}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
