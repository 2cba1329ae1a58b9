"""The scale curve as a PNG drawn with Pillow (already a dependency of the app; no plotting library):
four panels against archive size — search p95, memory while searching, indexing MB/s, data folder ÷
text — for ours, FTS5 trigram and the plain design, each with its issue-18 target as a dashed line
and ours extrapolated to 500,000 articles (dotted) when that size was not measured."""

from __future__ import annotations

import math
from pathlib import Path

from bench.scale_report import GOAL, _sized, extrapolate

PANELS = [  # title, {engine: key}, target, target label
    ("search p95, ten snippets (ms)", {"ours": "p95", "FTS5 trigram": "fts5_p95", "plain": "plain_p95"}, 50.0, "target 50 ms"),
    ("peak memory while searching (MB)", {"ours": "search_mb", "FTS5 trigram": "fts5_search_mb", "plain": "plain_search_mb"},
     1536.0, "target 1.5 GB"),
    ("indexing throughput (MB/s)", {"ours": "ours_mbps", "FTS5 trigram": "fts5_mbps", "plain": "plain_mbps"}, 1.5, "target 1.5 MB/s"),
    ("data folder / text", {"ours": "ours_ratio", "FTS5 trigram": "fts5_ratio"}, 3.0, "target 3x"),
]
COLORS = {"ours": (200, 40, 40), "FTS5 trigram": (40, 90, 200), "plain": (60, 150, 60)}
W, H = 560, 380  # one panel
L, R_, T, B = 70, 20, 40, 50


def _font(size: int):
    from PIL import ImageFont

    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _dashed(draw, p, q, color, dash: int = 8, width: int = 2) -> None:
    (x0, y0), (x1, y1) = p, q
    n = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 // dash))
    for i in range(0, n, 2):
        a, b = i / n, min(1.0, (i + 1) / n)
        draw.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)], fill=color, width=width)


def _nice(top: float) -> float:
    """A round tick step giving about five ticks up to top."""
    raw = top / 5
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _panel(img, ox: int, oy: int, title: str, series: dict, target: float, label: str, xmax: int) -> None:
    from PIL import ImageDraw

    d = ImageDraw.Draw(img)
    f, small = _font(15), _font(12)
    x0, y0, x1, y1 = ox + L, oy + T, ox + W - R_, oy + H - B
    top = max([target] + [v for pts in series.values() for _, v, _ in pts]) * 1.12
    d.text((ox + L, oy + 10), title, fill="black", font=f)
    step = _nice(top)
    v = 0.0
    while v <= top:
        y = y1 - (y1 - y0) * v / top
        d.line([(x0, y), (x1, y)], fill=(225, 225, 225))
        d.text((x0 - 8, y), f"{round(v, 6):g}", fill="black", font=small, anchor="rm")
        v += step
    for s in range(0, xmax + 1, 100_000):
        x = x0 + (x1 - x0) * s / xmax
        d.line([(x, y1), (x, y1 + 4)], fill="black")
        d.text((x, y1 + 7), f"{s // 1000}k", fill="black", font=small, anchor="mt")
    d.text(((x0 + x1) / 2, y1 + 26), "articles", fill="black", font=small, anchor="mt")
    d.rectangle([x0, y0, x1, y1], outline="black")
    ty = y1 - (y1 - y0) * target / top
    _dashed(d, (x0, ty), (x1, ty), (120, 120, 120))
    d.text((x1 - 4, ty - 3), label, fill=(90, 90, 90), font=small, anchor="rb")
    ly = y0 + 8
    for name, pts in series.items():
        if not pts:
            continue
        color = COLORS[name]
        xy = [(x0 + (x1 - x0) * s / xmax, y1 - (y1 - y0) * v / top, guess) for s, v, guess in pts]
        for (ax, ay, _), (bx, by, guess) in zip(xy, xy[1:]):
            if guess:
                _dashed(d, (ax, ay), (bx, by), color, dash=4)
            else:
                d.line([(ax, ay), (bx, by)], fill=color, width=3)
        for x, y, guess in xy:
            r = 4
            d.ellipse([x - r, y - r, x + r, y + r], outline=color, fill=None if guess else color, width=2)
        d.line([(x0 + 10, ly + 7), (x0 + 34, ly + 7)], fill=color, width=3)
        d.text((x0 + 40, ly), name, fill="black", font=small)
        ly += 17


def draw_curve(R: dict, png: Path) -> None:
    from PIL import Image

    sized = _sized(R)
    sizes = [s for s, _ in sized]
    xmax = max(GOAL, max(sizes) if sizes else GOAL)
    img = Image.new("RGB", (2 * W, 2 * H + 36), "white")
    for i, (title, keys, target, label) in enumerate(PANELS):
        series = {}
        for name, key in keys.items():
            pts = [(s, f[key], False) for s, f in sized if f.get(key) is not None]
            if name == "ours" and GOAL not in sizes:
                guess = extrapolate(sizes, [f.get(key) for _, f in sized])
                if guess is not None:
                    pts.append((GOAL, guess, True))
            series[name] = pts
        _panel(img, (i % 2) * W, (i // 2) * H, title, series, target, label, xmax)
    from PIL import ImageDraw

    date = R.get("machine", {}).get("date", "")
    draw = ImageDraw.Draw(img)
    draw.text((10, 2 * H + 2), f"python -m bench {R.get('argv', '')}  ({date})", fill=(80, 80, 80), font=_font(12))
    draw.text((10, 2 * H + 17), "Filled points: measured. Hollow point joined by a dotted line: ours at 500k extrapolated "
              "(power law through the two largest sizes), not measured.", fill=(80, 80, 80), font=_font(12))
    png.parent.mkdir(parents=True, exist_ok=True)
    img.save(png, optimize=True)
