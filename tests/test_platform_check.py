"""run.sh's check before a window opens: which system libraries Qt's platform plugin misses, and
the Debian/Ubuntu packages that bring them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop import platform_check

LDD_ON_A_FRESH_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
"""


def test_every_missing_library_is_named_with_its_package():
    missing = platform_check.not_found(LDD_ON_A_FRESH_DEBIAN)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert platform_check.packages_for(missing) == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]


def test_this_machine_has_what_the_offscreen_and_xcb_plugins_need():
    # test.sh installs the xcb libraries when it runs as root (CI): nothing may be reported missing
    assert platform_check.missing_libraries("offscreen") == []
    missing = platform_check.missing_libraries("xcb")
    if missing and os.geteuid() != 0:
        pytest.skip(f"not root, and the system lacks {missing}")
    assert missing == []


def test_command_line_commands_and_pictures_skip_the_check():
    for argv in (["search", "工会"], ["--screenshot", "x.png"], ["--help"]):
        proc = subprocess.run([sys.executable, "-m", "desktop.platform_check", *argv], capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 0 and proc.stderr == ""


def test_no_display_is_said_in_plain_words(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "desktop.platform_check"], capture_output=True, text=True,
                          timeout=60, env=env, cwd=str(platform_check.Path(platform_check.__file__).parents[1]))
    assert proc.returncode == 1
    assert "no display" in proc.stderr and "Traceback" not in proc.stderr
