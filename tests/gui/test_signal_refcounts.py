"""Guard against PySide6 releases that leak or drop references at Signal.emit().

PySide6-Essentials 6.12.0 on CPython 3.11 dropped one reference to True at every emit from
Python: after about 570 emissions the interpreter aborted with `bool_dealloc` (the window
vanished while indexing a real archive). The emits run in a child interpreter, so that a
release with the defect fails this test with the figures instead of aborting the whole run.
CPython 3.12+ makes True immortal (counts never move there), so the drift is checked on 3.11.
"""

from __future__ import annotations

import json
import subprocess
import sys

EMITS = 3000

CHILD = r"""
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    progress = Signal(int, int, str)
    finished = Signal(dict)
    plain = Signal()
    flag = Signal(bool)
    anything = Signal(object)

app = QCoreApplication([])
emitter = Emitter()
received = [0]  # a count only: holding the arguments would itself move their refcounts
def count(*args):
    received[0] += 1
for name in ("progress", "finished", "plain", "flag", "anything"):
    getattr(emitter, name).connect(count)
counts = lambda: [sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)]
drift = {}
n = int(sys.argv[1])
for name in ("progress", "finished", "plain", "flag", "anything"):
    signal = getattr(emitter, name)
    args = {"progress": (1, 2, "file.txt"), "finished": ({"done": 1},), "plain": (),
            "flag": (True,), "anything": (None,)}[name]
    for _ in range(20):
        signal.emit(*args)  # warm up caches that take a reference once
    before = counts()
    for _ in range(100):  # few enough that a release with the defect cannot abort yet
        signal.emit(*args)
    drift[name] = [a - b for a, b in zip(counts(), before)]
for i in range(n):  # then thousands, as a long indexing run emits
    emitter.progress.emit(i, n, "file.txt")
    emitter.finished.emit({"done": i})
    emitter.flag.emit(i % 2 == 0)
print(json.dumps({"drift": drift, "received": received[0]}))
"""


def test_thousands_of_emits_leave_bool_and_none_refcounts_alone():
    proc = subprocess.run([sys.executable, "-c", CHILD, str(EMITS)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"the interpreter died after emitting signals (exit {proc.returncode}):\n{proc.stderr}"
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    assert data["received"] == 5 * 120 + 3 * EMITS
    if sys.version_info < (3, 12):
        bad = {name: d for name, d in data["drift"].items() if any(abs(x) > 5 for x in d)}
        assert not bad, f"refcounts of (True, False, None) moved by 100 emits of each signal: {bad}"
