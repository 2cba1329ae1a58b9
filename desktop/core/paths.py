"""Where the archive lives: the platform's user data dir, or ARCHIVE_BROWSER_HOME / --data-dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ArchiveBrowser"
REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT / "seeds"
RESOURCES_DIR = REPO_ROOT / "resources"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    if override:
        path = Path(override)
    elif os.environ.get("ARCHIVE_BROWSER_HOME"):
        path = Path(os.environ["ARCHIVE_BROWSER_HOME"])
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    import platformdirs

    path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
