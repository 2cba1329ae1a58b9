"""GUI test fixtures: offscreen Qt, Chinese translations, and a main window per test over its own
data directory in tmp_path, holding the seeds indexed in-process by the real ArchiveService."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui_helpers import make_window


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """A data directory with the seeds indexed, built once; each test gets a copy."""
    from desktop.core.service import ArchiveService

    data = tmp_path_factory.mktemp("gui-template") / "data"
    svc = ArchiveService(data)
    svc.index([SEEDS])
    svc.close()
    return data


@pytest.fixture
def data_dir(seeded_template: Path, tmp_path: Path, monkeypatch, qapp) -> Path:
    data = tmp_path / "data"
    shutil.copytree(seeded_template, data)
    monkeypatch.setenv("ARCHIVE_BROWSER_HOME", str(data))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return data


@pytest.fixture(scope="session", autouse=True)
def gui_app(qapp):
    """The application configured as `python main.py` does it: fonts, style, Chinese UI."""
    from desktop.app import configure_application, install_translators

    configure_application(qapp)
    install_translators(qapp, "zh")
    yield qapp


@pytest.fixture
def window(qtbot, data_dir):
    w = make_window(qtbot, data_dir)
    yield w
    w.close()
