"""`main.py DIR…` opens the window and adds and indexes those folders, as "open with" does; with
--screenshot the picture waits until that indexing has finished; a running window is asked to add them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(f"命令行文章{i}\n\n惠州市总工会召开会议，命令行测试第{i}篇。\n",
                                             encoding="utf-8")
    return folder


def test_folders_on_the_command_line_open_the_window_and_are_indexed(tmp_path):
    from desktop.entry import wants_gui

    folder = _articles(tmp_path / "articles", 40)
    assert wants_gui([str(folder)]) and wants_gui(["--data-dir", "x", str(folder)])
    assert not wants_gui(["search", "工会"]) and not wants_gui(["no-such-folder-or-command"])

    data = tmp_path / "data"
    shot = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "main.py", "--data-dir", str(data), "--screenshot", str(shot),
                           "--query", "命令行测试", str(folder)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 800

    out = subprocess.run([sys.executable, "main.py", "sources", "--json", "--data-dir", str(data)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=60)
    sources = json.loads(out.stdout)
    assert str(folder.resolve()) in sources["sources"]
    assert sources["index"]["complete"] is True and sources["index"]["documents"] >= 40
    found = subprocess.run([sys.executable, "main.py", "search", "命令行测试", "--json", "--data-dir", str(data)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert json.loads(found.stdout)["total"] == 40


def test_a_running_window_is_asked_to_add_the_folders(qtbot):
    from desktop.gui.single_instance import InstanceServer, notify_running

    name = f"archive-browser-test-{os.getpid()}"
    server = InstanceServer(name)
    with qtbot.waitSignal(server.paths_received, timeout=5000) as blocker:
        assert notify_running(name, ["/tmp/甲 folder", "/tmp/b\nc"])
    assert blocker.args[0] == ["/tmp/甲 folder", "/tmp/b\nc"]
    qtbot.wait(100)  # the socket's deleteLater runs while the server still exists
    server.server.close()
    server.deleteLater()
    qtbot.wait(50)
