"""What the CLI tests share: `run`, the command line as a user runs it (a real subprocess over a
data dir of its own)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def run(*args, home, check=True, stdin=None):
    """`main.py ARGS...` with ARCHIVE_BROWSER_HOME=home; with check, it must exit 0."""
    env = dict(os.environ, ARCHIVE_BROWSER_HOME=str(home), PYTHONWARNINGS="ignore")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300, input=stdin)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc
