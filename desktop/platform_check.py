"""Before the window opens: can Qt load its platform plugin here? If not, name the system packages.

Qt's own message on a fresh Debian names only libxcb-cursor0, though libxcb-icccm4 and
libxcb-keysyms1 are often missing too; `ldd` on the plugin finds every missing library.
`run.sh` calls `python -m desktop.platform_check ARGS…` before a GUI launch (not for CLI
commands); a success is remembered in the venv so later launches pay nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# library soname -> Debian/Ubuntu package
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
}
FONT_PACKAGES = ["fonts-wqy-microhei", "fonts-noto-cjk"]
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def not_found(ldd_output: str) -> list[str]:
    """The sonames `ldd` could not resolve, in order, once each."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def missing_libraries(platform: str = "xcb") -> list[str]:
    """Libraries the platform plugin (and Qt's libraries it loads) cannot find on this system."""
    import PySide6

    qt = Path(PySide6.__file__).resolve().parent / "Qt"
    files = [qt / "plugins" / "platforms" / f"libq{platform}.so"]
    support = {"xcb": "libQt6XcbQpa.so*", "wayland": "libQt6WaylandClient.so*"}.get(platform)
    if support:
        files += sorted((qt / "lib").glob(support))[:1]
    missing: list[str] = []
    for path in files:
        if not path.exists():
            continue
        try:
            out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            continue
        missing += [lib for lib in not_found(out) if lib not in missing]
    return missing


def packages_for(libraries: list[str]) -> list[str]:
    return list(dict.fromkeys(PACKAGES.get(lib, lib) for lib in libraries))


def platform_name() -> str:
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"].split(":")[0]
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY") else "xcb"


def qt_opens(timeout: float = 60) -> tuple[bool, str]:
    """Whether a QGuiApplication starts here (in a child: Qt aborts the process when it cannot)."""
    code = "from PySide6.QtGui import QGuiApplication; app = QGuiApplication([])"
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "Qt did not start within a minute"
    return proc.returncode == 0, proc.stderr


def main(argv: list[str]) -> int:
    from desktop.entry import wants_gui

    if not wants_gui(argv) or "--screenshot" in argv:
        return 0  # the command line, or an offscreen picture: no display needed
    platform = platform_name()
    if platform == "xcb" and not os.environ.get("DISPLAY"):
        sys.stderr.write("error: no display: the window needs a desktop session (DISPLAY is not set).\n"
                         "       The command line works without one: python main.py --help\n")
        return 1
    stamp = Path(sys.prefix) / f".qt-platform-ok-{platform}"
    if stamp.exists():
        return 0
    ok, detail = qt_opens()
    if ok:
        try:
            stamp.touch()
        except OSError:
            pass
        return 0
    missing = missing_libraries(platform)
    sys.stderr.write(f"error: Qt cannot open its '{platform}' platform plugin on this system.\n")
    if missing:
        sys.stderr.write(f"Missing system libraries: {', '.join(missing)}\n"
                         f"Install them (Debian/Ubuntu):\n"
                         f"    sudo apt-get install {' '.join(packages_for(missing))}\n")
    else:
        last = [line for line in detail.strip().splitlines() if line.strip()][-3:]
        sys.stderr.write("Qt said:\n    " + "\n    ".join(last) + "\n")
    sys.stderr.write(f"Chinese text also needs a CJK font: sudo apt-get install {' '.join(FONT_PACKAGES)}\n")
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
