"""Synthetic archives for the scale benchmark: N articles recombined from a real corpus, seeded.

Article i (the same for every N, so a smaller archive is a prefix of a larger one) takes a base
article of the corpus at random: its file name stem (the date in xwlb_20220924_01 stays real), its
number of paragraphs and its first paragraph (the lead with its source line); the other paragraphs
are drawn from all paragraphs of articles of the same family (xwlb, thucnews, sogou). The title is
the base's, or half the time the base title's head joined to another title's tail. Articles that are
a single line in the corpus (title and body run together) stay single lines: the base's first half
and another such line's second half. So texts differ, while characters, words, paragraph and
article lengths keep the corpus's statistics. Folders hold FILES_PER_FOLDER files each.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

FILES_PER_FOLDER = 2000


@dataclass
class Pool:
    """The corpus cut into parts: per article its stem, family, title and paragraphs."""

    stems: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    leads: list[list[str]] = field(default_factory=list)  # each article's paragraphs (title excluded)
    paragraphs: dict[str, list[str]] = field(default_factory=dict)  # family -> every body paragraph
    one_liners: list[int] = field(default_factory=list)  # articles that are a single line
    titled: list[int] = field(default_factory=list)  # articles with a title line


def load_pool(files: list[Path]) -> Pool:
    pool = Pool()
    for i, f in enumerate(files):
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        if not lines:
            continue
        family = f.stem.split("_", 1)[0]
        k = len(pool.stems)
        pool.stems.append(f.stem)
        pool.families.append(family)
        if len(lines) == 1:
            pool.titles.append("")
            pool.leads.append(lines)
            pool.one_liners.append(k)
        else:
            pool.titles.append(lines[0])
            pool.leads.append(lines[1:])
            pool.titled.append(k)
            pool.paragraphs.setdefault(family, []).extend(lines[1:])
    return pool


def _splice(rng: random.Random, head: str, tail: str) -> str:
    """head's first part and tail's last part, cut at a random point in their middle thirds."""
    a = rng.randint(len(head) // 3, max(len(head) // 3, 2 * len(head) // 3))
    b = rng.randint(len(tail) // 3, max(len(tail) // 3, 2 * len(tail) // 3))
    return head[:a] + tail[b:]


def article(pool: Pool, seed: int, i: int) -> tuple[str, str]:
    """(file name, text) of synthetic article i."""
    rng = random.Random(seed * 1_000_003 + i)
    base = rng.randrange(len(pool.stems))
    name = f"{pool.stems[base]}_s{i:07d}.txt"
    if not pool.titles[base]:
        other = pool.one_liners[rng.randrange(len(pool.one_liners))]
        return name, _splice(rng, pool.leads[base][0], pool.leads[other][0]) + "\n"
    title = pool.titles[base]
    if rng.random() < 0.5:
        title = _splice(rng, title, pool.titles[pool.titled[rng.randrange(len(pool.titled))]])
    own = pool.leads[base]
    family = pool.paragraphs[pool.families[base]]
    body = [own[0]] + [family[rng.randrange(len(family))] for _ in range(len(own) - 1)]
    return name, title + "\n\n" + "\n".join(body) + "\n"


def build_archive(pool: Pool, size: int, seed: int, out: Path) -> dict:
    """Write articles 0..size-1 under out/dNNNN/; returns {files, bytes, seconds, paths}."""
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    paths: list[str] = []
    nbytes = 0
    folder = None
    for i in range(size):
        if i % FILES_PER_FOLDER == 0:
            folder = out / f"d{i // FILES_PER_FOLDER:04d}"
            folder.mkdir(exist_ok=True)
        name, text = article(pool, seed, i)
        data = text.encode("utf-8")
        path = folder / name
        path.write_bytes(data)
        nbytes += len(data)
        paths.append(str(path))
    return {"files": size, "bytes": nbytes, "seconds": time.perf_counter() - t0, "paths": paths}


def write_file_list(paths: list[str], target: Path) -> None:
    target.write_text(json.dumps(paths, ensure_ascii=False), encoding="utf-8")
