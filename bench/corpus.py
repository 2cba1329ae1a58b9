"""Which files are articles, and a private copy of them in the work folder."""

from __future__ import annotations

import os
import shutil
import sys
import tarfile
import time
from pathlib import Path

from bench.measure import REPO

DEFAULT_TARBALL = REPO.parent / "shared" / "corpus" / "zh-news.tar.xz"


def select_articles(folder: Path) -> list[Path]:
    sources = folder / "SOURCES.tsv"
    if sources.is_file():
        names = []
        for i, line in enumerate(sources.read_text(encoding="utf-8").splitlines()):
            if i == 0 or not line.strip():
                continue
            names.append(line.split("\t", 1)[0])
        files = [folder / n for n in names if (folder / n).is_file()]
    else:
        files = [f for f in folder.rglob("*.txt") if not f.name.startswith("SUBSET_")]
    return sorted(files, key=lambda f: str(f.relative_to(folder)))


def prepare_corpus(args, work: Path) -> tuple[Path, list[Path], dict]:
    info: dict = {}
    if args.corpus:
        src = Path(args.corpus).expanduser().resolve()
        info["source"] = str(src)
    else:
        if not DEFAULT_TARBALL.is_file():
            sys.exit(f"no corpus: {DEFAULT_TARBALL} is missing; pass --corpus DIR")
        t0 = time.perf_counter()
        unpack = work / "unpacked"
        unpack.mkdir()
        with tarfile.open(DEFAULT_TARBALL, "r:xz") as tf:
            try:
                tf.extractall(unpack, filter="data")
            except TypeError:  # Python < 3.11.4
                tf.extractall(unpack)
        info["unpack_s"] = time.perf_counter() - t0
        dirs = [d for d in unpack.iterdir() if d.is_dir()]
        src = dirs[0] if len(dirs) == 1 else unpack
        info["source"] = f"{DEFAULT_TARBALL} (unpacked in {info['unpack_s']:.1f} s)"
    files = select_articles(src)
    if getattr(args, "quick", False):
        subset = src / "SUBSET_3000.txt"
        names = set(subset.read_text(encoding="utf-8").split()) if subset.is_file() else None
        files = [f for f in files if f.name in names] if names else files[:3000]
    if args.limit:
        files = files[: args.limit]
    corpus = work / "corpus"
    corpus.mkdir()
    out = []
    for f in files:
        dst = corpus / f.relative_to(src)
        dst.parent.mkdir(parents=True, exist_ok=True)
        if args.corpus:
            shutil.copy2(f, dst)
        else:
            os.replace(f, dst)
        out.append(dst.resolve())
    info["files"] = len(out)
    info["bytes"] = sum(f.stat().st_size for f in out)
    return corpus.resolve(), out, info


def read_article(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
