"""The query mix: fixed short, longer, multi-term and city-filtered queries plus random rare phrases."""

from __future__ import annotations

import random
import re
from pathlib import Path

SHORT = ["工", "会", "党", "工会", "城市", "职工", "经济"]
LONGER = ["高质量发展", "乡村振兴", "新质生产力", "人民群众", "一带一路", "总书记"]
MULTI = ["工会 职工", "乡村振兴 广东", "科技 创新 企业"]
CITY = [("工会", "广州市"), ("发展", "北京市"), ("城市", "广州市"), ("经济", "北京市")]
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")


def make_queries(files: list[Path], n_rare: int, seed: int) -> list[dict]:
    queries = [{"q": q, "city": None, "kind": "short (1-2 chars)"} for q in SHORT]
    queries += [{"q": q, "city": None, "kind": "longer word"} for q in LONGER]
    rng = random.Random(seed)
    seen = set()
    tries = 0
    while sum(1 for q in queries if q["kind"] == "rare phrase") < n_rare and tries < 10000:
        tries += 1
        text = files[rng.randrange(len(files))].read_text(encoding="utf-8", errors="replace")
        runs = _CJK_RUN.findall(text)  # within one line: no whitespace, no punctuation
        if not runs:
            continue
        run = rng.choice(runs)
        n = rng.randint(6, 10)
        if len(run) < n:
            continue
        start = rng.randrange(len(run) - n + 1)
        phrase = run[start : start + n]
        if phrase not in seen:
            seen.add(phrase)
            queries.append({"q": phrase, "city": None, "kind": "rare phrase"})
    queries += [{"q": q, "city": None, "kind": "multi-term"} for q in MULTI]
    queries += [{"q": q, "city": c, "kind": "city-filtered"} for q, c in CITY]
    return queries
