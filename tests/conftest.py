"""Shared fixtures: real archives on disk in tmp folders, built from the bundled seeds."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS_TAR = ROOT.parent / "shared" / "corpus" / "zh-news.tar.xz"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEED_FILES = {
    "maoming": "000_6ae12ce34c73e871.txt",
    "zhuhai": "001_b2818bfe998f7276.txt",
    "heyuan": "002_cba2e6ab6a53fdd1.txt",
    "yunfu": "003_07b089be60669480.txt",
    "jiujiang": "004_0193d9ba03aad63f.txt",
}


@pytest.fixture(scope="session")
def seeded_service(tmp_path_factory):
    """An ArchiveService over a private copy of the seeds (read-only use by tests)."""
    from desktop.core.service import ArchiveService

    base = tmp_path_factory.mktemp("seeded")
    folder = base / "seeds"
    shutil.copytree(SEEDS, folder)
    svc = ArchiveService(base / "data")
    svc.index([folder])
    yield svc
    svc.close()


@pytest.fixture
def fresh_service(tmp_path):
    from desktop.core.service import ArchiveService

    svc = ArchiveService(tmp_path / "data")
    yield svc
    svc.close()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    """The 19,886-article corpus unpacked once per run; skips when ../shared is absent."""
    if not CORPUS_TAR.exists():
        pytest.skip("corpus not available (../shared/corpus absent)")
    import tarfile

    target = tmp_path_factory.mktemp("corpus")
    with tarfile.open(CORPUS_TAR) as tar:
        tar.extractall(target, filter="data")
    return target / "zh-news"
