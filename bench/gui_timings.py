"""The app launched offscreen: launch to exit, and its own window-visible / first-results timing lines."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import REPO


def _launch_gui(args: list[str], timeout: float) -> tuple[float, int, list[tuple[float, str]]]:
    """Run the app; return (launch-to-exit seconds, exit code, [(seconds since launch, stderr line)])."""
    import threading

    env = dict(os.environ, PYTHONWARNINGS="ignore", QT_QPA_PLATFORM="offscreen", ARCHIVE_BROWSER_TIMING="1")
    lines: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-X", "faulthandler", "main.py", *args], cwd=str(REPO), env=env,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")

    def pump():
        for line in proc.stderr:
            lines.append((time.perf_counter() - t0, line.rstrip("\n")))

    th = threading.Thread(target=pump, daemon=True)
    th.start()
    try:
        proc.wait(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        import signal

        proc.send_signal(signal.SIGABRT)  # faulthandler dumps every thread's stack to stderr
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        code = None  # timed out
    wall = time.perf_counter() - t0
    th.join(5)
    return wall, code, lines


_VISIBLE = re.compile(r"(?:window_visible_ms=|window visible )([\d.]+)")
_RESULTS = re.compile(r"(?:first_results_ms=|first results )([\d.]+)")


def gui_timings(data_dir: Path, work: Path, runs: int = 5) -> dict:
    """Launch `main.py --screenshot FILE --query 工会` offscreen; the app's own timing lines (--timing or
    ARCHIVE_BROWSER_TIMING=1) count from when desktop/app.py was imported, so they are also re-based on the
    moment the parent saw the window-visible line, i.e. counted from the launch of the process."""
    app = REPO / "desktop" / "app.py"
    if not app.exists():
        return {"status": "n/a", "reason": "desktop/app.py does not exist yet"}
    source = app.read_text(encoding="utf-8", errors="replace")
    if "screenshot" not in source:
        return {"status": "n/a", "reason": "the app has no --screenshot option yet"}
    timing_flag = ["--timing"] if "--timing" in source else []
    walls, vis_app, vis_launch, res_app, res_launch, notes = [], [], [], [], [], []
    failures = []
    for i in range(runs):
        shot = work / f"gui_{i}.png"
        wall, code, lines = _launch_gui(["--screenshot", str(shot), "--query", "工会", "--data-dir", str(data_dir),
                                         *timing_flag], timeout=120)
        if code is None:
            dump = work / f"gui_hang_{i}.txt"
            dump.write_text("\n".join(ln for _, ln in lines), encoding="utf-8")
            frames = [ln.strip() for _, ln in lines if ln.strip().startswith("File ")][:4]
            failures.append("hung: did not exit within 120 s; innermost frames of the first thread dumped: "
                            + (" < ".join(frames) or "none"))
            continue
        if code != 0:
            failures.append(f"exit {code}: " + (lines[-1][1] if lines else "?")[:200])
            continue
        walls.append(wall)
        offset = None
        for at, line in lines:
            m = _VISIBLE.search(line)
            if m:
                ms = float(m.group(1)) / 1000.0
                vis_app.append(ms)
                vis_launch.append(at)
                offset = at - ms  # launch to the app's own clock start (interpreter + imports)
        for at, line in lines:
            m = _RESULTS.search(line)
            if m:
                ms = float(m.group(1)) / 1000.0
                res_app.append(ms)
                if offset is not None:
                    res_launch.append(ms + offset)
        if not shot.exists():
            notes.append("no screenshot file was written")
    if failures:
        notes.append(f"{len(failures)} of {runs} launches failed: " + "; ".join(failures))
    if not walls:
        return {"status": "n/a", "reason": "; ".join(failures)}
    med = lambda xs: statistics.median(xs) if xs else None  # noqa: E731
    out = {"status": "ok", "launch_to_exit_s": statistics.median(walls), "runs_s": walls,
           "window_visible_app_s": med(vis_app), "window_visible_s": med(vis_launch),
           "first_results_app_s": med(res_app), "first_results_s": med(res_launch),
           "timing_flag": " ".join(timing_flag) or "ARCHIVE_BROWSER_TIMING=1"}
    if not vis_app:
        notes.append("the app printed no window-visible timing line")
    if not res_app:
        notes.append("the app printed no first-results timing line")
    out["notes"] = sorted(set(notes))
    return out
