"""Shared helpers for the reliability tests: the CLI in a real subprocess, and generated folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_FILES, SEEDS

MAIN = ROOT / "main.py"
SEED_TEXTS = {key: (SEEDS / name).read_text(encoding="utf-8") for key, name in SEED_FILES.items()}
PARAGRAPHS = [p.strip() for t in SEED_TEXTS.values() for p in t.split("\n") if len(p.strip()) >= 20]


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore", PYTHONUNBUFFERED="1")
    env.pop("ARCHIVE_BROWSER_HOME", None)
    env.update(extra)
    return env


def cli_args(*args: str | os.PathLike, data_dir: Path) -> list[str]:
    return [sys.executable, str(MAIN), *map(str, args), "--data-dir", str(data_dir)]


def run_cli(*args: str | os.PathLike, data_dir: Path, timeout: float = 120, env=None, **kw) -> subprocess.CompletedProcess:
    """`python main.py ARGS --data-dir DATA` to completion, text output captured."""
    return subprocess.run(cli_args(*args, data_dir=data_dir), capture_output=True, text=True, cwd=ROOT,
                          env=env or cli_env(), timeout=timeout, **kw)


def popen_cli(*args: str | os.PathLike, data_dir: Path, env=None, **kw) -> subprocess.Popen:
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(cli_args(*args, data_dir=data_dir), text=True, cwd=ROOT, env=env or cli_env(), **kw)


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


def write_many(folder: Path, count: int, marker: str = "", per_dir: int = 500, body: str | None = None) -> list[Path]:
    """count small news-like files (a seed paragraph each, or `body`), in sub-folders of per_dir files.

    Each file carries `marker` and its own number, so a search can count them exactly.
    """
    paths = []
    for i in range(count):
        sub = folder / f"part{i // per_dir:03d}"
        if i % per_dir == 0:
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{i:06d}.txt"
        path.write_text(f"第{i}篇 {marker}\n文件编号FILE{i:06d}END\n{body or PARAGRAPHS[i % len(PARAGRAPHS)]}\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


# ---- the 50 MB file: indexed by the CLI in the background while the other tests run ----
#
# Indexing 50 MB of Chinese text takes about a minute of one CPU. When its test is selected, the
# file is written and `main.py index` started as soon as collection ends; the test itself is moved
# to the end of the run and only waits for the result. Nothing is faked: it is one real run.

FIFTY_MB_TEST = "test_fifty_megabyte_file"
FIFTY_MB_TAIL = "这是五十兆文件末尾的独有句子ZXQ尾标"
_fifty_key = pytest.StashKey[dict]()


def _start_fifty_mb(config) -> None:
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="reliability-50mb-"))
    folder = base / "big"
    folder.mkdir()
    path = folder / "fifty.txt"
    block = "\n".join(SEED_TEXTS.values()).encode("utf-8")
    target = 50 * 1024 * 1024
    with open(path, "wb") as f:
        for _ in range(target // len(block) + 1):
            f.write(block)
        f.write(f"\n{FIFTY_MB_TAIL}\n".encode())
    # kept open for the run; closed in pytest_unconfigure
    out = open(base / "stdout.txt", "w+", encoding="utf-8")  # noqa: SIM115
    err = open(base / "stderr.txt", "w+", encoding="utf-8")  # noqa: SIM115
    import time

    proc = popen_cli("index", folder, "--json", data_dir=base / "data", stdout=out, stderr=err)
    config.stash[_fifty_key] = {"base": base, "path": path, "proc": proc, "out": out, "err": err,
                                "started": time.monotonic()}


def pytest_collection_modifyitems(session, config, items):
    chosen = [item for item in items if item.name == FIFTY_MB_TEST]
    if chosen and not config.option.collectonly:
        items[:] = [item for item in items if item.name != FIFTY_MB_TEST] + chosen
        _start_fifty_mb(config)


def pytest_unconfigure(config):
    job = config.stash.get(_fifty_key, None)
    if job is None:
        return
    import shutil

    if job["proc"].poll() is None:
        job["proc"].kill()
        job["proc"].wait()
    job["out"].close()
    job["err"].close()
    shutil.rmtree(job["base"], ignore_errors=True)


@pytest.fixture
def fifty_mb_job(request) -> dict:
    job = request.config.stash.get(_fifty_key, None)
    if job is None:
        pytest.skip("the 50 MB run starts only when its test is collected")
    return job


def indexed_seed(tmp_path: Path, key: str = "maoming") -> Path:
    """A data folder under tmp_path holding one seed article, indexed through the CLI."""
    data, folder = tmp_path / "data", tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED_TEXTS[key], encoding="utf-8")
    assert run_cli("index", folder, data_dir=data).returncode == 0
    return data
