"""Diff benchmark (issue 14): two ~5,000-character versions of a seed article; the median time to
compute the diff with rapidfuzz (what search/diff.py uses) and with difflib.SequenceMatcher
(autojunk=False), and to render it in the compare view offscreen. `python -m bench --diff`.

make_version(text) builds the second version the tests and the screenshot use too: a new headline,
the last paragraph cut, a few OCR confusions and stray spaces."""

from __future__ import annotations

import difflib
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_6ae12ce34c73e871.txt"


def make_version(text: str, headline: str = "新标题：以心换心建好职工之家", ocr: int = 4, spaces: int = 2) -> str:
    from desktop.core.search.diff import confusions

    lines = text.split("\n")
    idx = [i for i, line in enumerate(lines) if line.strip()]
    lines[idx[0]] = headline
    del lines[idx[-1]]
    body = "\n".join(lines)
    table = confusions()
    chars = list(body)
    done, step = 0, max(1, len(chars) // (ocr + 1))
    for start in range(step, len(chars), step):  # one confusion in each stretch of the text
        for i in range(start, min(len(chars), start + step)):
            alts = sorted(table.get(chars[i], ()))
            if alts and done < ocr:
                chars[i] = alts[0]
                done += 1
                break
    for k in range(spaces):  # a stray space after a full stop
        pos = [i for i, c in enumerate(chars) if c == "。"]
        if pos:
            chars.insert(pos[(k + 1) * len(pos) // (spaces + 1)] + 1, " ")
    return "".join(chars)


def pair(size: int = 5000) -> tuple[str, str]:
    text = SEED.read_text(encoding="utf-8").strip()
    for other in sorted(SEED.parent.glob("*.txt")):  # seeds are ~3,000 characters: add the next ones
        if len(text) >= size:
            break
        if other != SEED:
            text += "\n\n" + other.read_text(encoding="utf-8").strip()
    a = text[:size]
    a = a[: a.rfind("\n")] if "\n" in a[size // 2 :] else a  # end on a whole paragraph
    return a, make_version(a)


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(repeat: int = 9) -> dict:
    from desktop.core.search.diff import diff

    a, b = pair()
    out = {"chars_a": len(a), "chars_b": len(b)}
    out["rapidfuzz_ms"] = _median(lambda: diff(a, b), repeat)
    out["difflib_ms"] = _median(lambda: difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), 3)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.core.models import Document, DocumentMeta
    from desktop.gui.compare_view import CompareView

    app = QApplication.instance() or QApplication([])
    view = CompareView()
    view.resize(1400, 900)
    view.show()
    for side, text in enumerate((a, b)):
        view.panes[side].set_document(Document(id=f"v{side}", path=f"/v{side}.txt", encoding="utf-8", text=text,
                                               original=text, meta=DocumentMeta(title=f"v{side}")))
    view.documents_changed()
    app.processEvents()

    def render() -> None:  # the toggle as the user clicks it: diff computed, marks drawn, painted
        view.set_diff(False)
        app.processEvents()
        t = time.perf_counter()
        view.set_diff(True)
        for pane in view.panes:
            pane.text.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)

    times: list[float] = []
    for _ in range(repeat):
        render()
    out["toggle_ms"] = statistics.median(times)
    out["render_ms"] = out["toggle_ms"] - out["rapidfuzz_ms"]
    out["compute_and_render_ms"] = out["toggle_ms"]
    return out


def main() -> int:
    r = run()
    print(f"diff of {r['chars_a']} vs {r['chars_b']} characters (median):")
    print(f"  compute rapidfuzz  {r['rapidfuzz_ms']:.1f} ms   difflib (autojunk=False) {r['difflib_ms']:.1f} ms")
    print(f"  render offscreen   {r['render_ms']:.1f} ms   total {r['compute_and_render_ms']:.1f} ms (target <= 200)")
    return 0


if __name__ == "__main__":
    main()
