"""SIGKILL at random moments, with real subprocesses: while indexing, and while saving bookmarks.

Afterwards the next run opens the last committed index without error, the lock of the dead
process is free again, and every bookmark whose id was printed (after its commit) is there.
Set RELIABILITY_SEED to replay a run; the seed is printed on failure.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import ROOT
from tests.reliability.conftest import cli_env, no_traceback, popen_cli, run_cli, write_many

FILES = 2500  # a big run: the word index is written by a child process (indexer.BIG_RUN)
KILLS = 6
ORPHAN_GRACE = 15.0  # seconds a child of the killed indexer may take to notice and exit


def _seed() -> int:
    return int(os.environ.get("RELIABILITY_SEED") or time.time_ns() % 1_000_000)


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def _kill_by_pid(procs: list[psutil.Process]) -> None:
    for p in procs:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass


def _rewrite(paths: list[Path], marker: str) -> None:
    """Give every file new content (same names): the next run re-indexes them all."""
    for i, path in enumerate(paths):
        path.write_text(f"第{i}篇 {marker}\n文件编号FILE{i:06d}END\n广东工会新闻 {marker} 第{i}段\n", encoding="utf-8")


def _check_archive(data_dir: Path) -> None:
    """What the next launch does: open the archive and search, without error."""
    from desktop.core.service import ArchiveService

    with sqlite3.connect(data_dir / "archive.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    svc = ArchiveService(data_dir)
    try:
        result = svc.search("广东工会")
        assert result.total >= 0 and result.message is None
        assert svc.search("FILE000001END").total <= 1
    finally:
        svc.close()


def test_index_killed_at_random_moments(tmp_path, data_dir):
    seed = _seed()
    rng = random.Random(seed)
    folder = tmp_path / "big"
    paths = write_many(folder, FILES, marker="ROUND0X")
    _rewrite(paths, "ROUND0X")
    started = time.perf_counter()
    first = run_cli("index", folder, "--json", data_dir=data_dir, timeout=300)
    full_run = time.perf_counter() - started
    assert first.returncode == 0, first.stderr
    log = [f"seed {seed}; a full run takes {full_run:.1f} s"]
    leftovers: list[psutil.Process] = []
    finished = 0
    try:
        for k in range(1, KILLS + 1):
            _rewrite(paths, f"ROUND{k}X")
            delay = rng.uniform(0.1, full_run)  # a full update run takes longer than the first
            # stderr to a file, not a pipe: a child that outlived the kill would keep a pipe open
            with open(tmp_path / f"stderr{k}.txt", "w+", encoding="utf-8") as errfile:
                proc = popen_cli("index", folder, "--progress-json", data_dir=data_dir, stdout=subprocess.DEVNULL,
                                 stderr=errfile)
                time.sleep(delay)
                children = _descendants(proc.pid)
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                errfile.seek(0)
                err = errfile.read()
            done = [json.loads(ln)["done"] for ln in err.splitlines() if ln.startswith('{"done"')]
            log.append(f"kill {k} after {delay:.2f} s: rc {proc.returncode}, progress {done[-1] if done else '-'}")
            # a helper process (the word-index writer) may finish its batch, but must then exit:
            # one that lives on keeps the word index locked for every later run
            killed_at = time.monotonic()
            deadline = killed_at + ORPHAN_GRACE
            while _alive(children) and time.monotonic() < deadline:
                time.sleep(0.05)
            orphans = _alive(children)
            if children:
                log[-1] += f", {len(children)} child process(es) gone {time.monotonic() - killed_at:.2f} s later"
            leftovers += orphans
            assert not orphans, f"{log}: the killed indexer left {len(orphans)} child processes running " \
                                f"{ORPHAN_GRACE} s later"
            if proc.returncode == 0:  # the run was quicker than the random delay
                finished += 1
                log[-1] += " (finished before the kill)"
            else:
                assert proc.returncode == -signal.SIGKILL, (log, err[-500:])
            _check_archive(data_dir)
        assert finished <= KILLS // 2, log
        final = run_cli("index", folder, "--json", data_dir=data_dir, timeout=300)
        no_traceback(final)
        assert final.returncode == 0, (log, final.stderr[-1000:])
        report = json.loads(final.stdout)
        assert report["documents"] == FILES, (log, report)
        print("\n".join(log))
    finally:
        _kill_by_pid(_alive(leftovers))
    from desktop.core.service import ArchiveService

    svc = ArchiveService(data_dir)
    try:
        assert svc.search(f"ROUND{KILLS}X", limit=0).total == FILES, log
        for k in range(KILLS):
            assert svc.search(f"ROUND{k}X", limit=0).total == 0, (log, k)
        assert svc.search("FILE001234END", limit=0).total == 1
        stored = {r[1] for r in svc.store.all_meta()}
        assert svc.words.ids() == stored, f"{log}: the word index does not hold exactly the archive's documents"
    finally:
        svc.close()


BOOKMARKER = r"""
import sys
sys.path.insert(0, sys.argv[1])
from desktop.core.service import ArchiveService
svc = ArchiveService(sys.argv[2])
docs = [svc.document(d["id"]) for d in svc.documents()]
store = svc.bookmarks
i = int(sys.argv[3])
while True:
    doc = docs[i % len(docs)]
    span = len(doc.text) - 60
    start = (i // len(docs)) % span
    end = start + 1 + (i // len(docs)) // span + i % 7
    if not doc.text[start:end].strip():
        i += 1
        continue
    bm = store.add_passage(doc, start, end, note=f"n{i}")
    print(bm.id, flush=True)
    i += 1
"""


def test_bookmarks_survive_kills_at_random_moments(tmp_path, data_dir):
    from desktop.core.excerpts.bookmarks import BookmarkStore
    from desktop.core.service import ArchiveService

    seed = _seed()
    rng = random.Random(seed)
    svc = ArchiveService(data_dir)
    svc.ensure_seeded()
    svc.close()
    script = tmp_path / "bookmarker.py"
    script.write_text(BOOKMARKER, encoding="utf-8")
    promised: set[int] = set()
    added = 0
    log = [f"seed {seed}"]
    for k in range(KILLS):
        proc = subprocess.Popen([sys.executable, str(script), str(ROOT), str(data_dir), str(added)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())
        first = proc.stdout.readline()  # started and committed one
        assert first.strip().isdigit(), proc.stderr.read()
        time.sleep(rng.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        lines = [first] + out.splitlines(keepends=True)
        ids = {int(ln) for ln in lines if ln.endswith("\n") and ln.strip().isdigit()}
        log.append(f"kill {k}: {len(ids)} bookmarks printed")
        promised |= ids
        added += len(ids) + 1  # the next run starts with fresh ranges
        with BookmarkStore(data_dir / "bookmarks.sqlite") as store:
            assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            present = {b.id for b in store.list()}
        missing = promised - present
        assert not missing, f"{log}: lost bookmarks {sorted(missing)[:10]}"
    assert len(promised) > KILLS, log


def test_stale_lock_file_of_a_dead_process_is_not_an_obstacle(tmp_path, data_dir):
    """index.lock left behind (with the pid of a process long gone) does not block the next run."""
    folder = tmp_path / "in"
    write_many(folder, 5)
    data_dir.mkdir()
    (data_dir / "index.lock").write_text("999999", encoding="utf-8")
    proc = run_cli("index", folder, "--json", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == 5


@pytest.mark.parametrize("damage", ["truncate_toc", "delete_segment_files"])
def test_broken_word_index_is_rebuilt(tmp_path, data_dir, damage):
    """If a kill left the word index unreadable, the next launch rebuilds it from the archive."""
    folder = tmp_path / "in"
    write_many(folder, 30, marker="REBUILDME")
    assert run_cli("index", folder, data_dir=data_dir).returncode == 0
    words = data_dir / "words"
    if damage == "truncate_toc":
        for toc in words.glob("*.toc"):
            toc.write_bytes(toc.read_bytes()[:10])
    else:
        for seg in words.glob("*.seg"):
            seg.unlink()
        for f in words.iterdir():
            if f.suffix not in (".toc",):
                f.unlink()
    found = run_cli("search", "REBUILDME", "--json", "--limit", "0", data_dir=data_dir)
    no_traceback(found)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 30
    again = run_cli("index", data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    from desktop.core.service import ArchiveService

    svc = ArchiveService(data_dir)
    try:
        assert svc.words.ids() == {r[1] for r in svc.store.all_meta()}
    finally:
        svc.close()
