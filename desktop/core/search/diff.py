"""Character-level diff of two documents' cleaned texts (Chinese has no spaces: words are useless).

Opcodes come from rapidfuzz's Levenshtein.opcodes (MIT; bit-parallel, C++): for two 5,000-character
versions it is ~100x faster than difflib.SequenceMatcher(autojunk=False) (bench/diff.py). Each
non-equal opcode gets a kind: `space` when both differing runs are only whitespace, `ocr` when a
same-length replace swaps visually similar characters (resources/ocr_confusions.json), else `edit`.
The core returns numbers; the wording (相同 93%, 改动 5 处, 删去一节) is built by the GUI and CLI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

CONFUSIONS_PATH = Path(__file__).resolve().parents[3] / "resources" / "ocr_confusions.json"


@lru_cache(maxsize=1)
def confusions() -> dict[str, frozenset[str]]:
    """character -> the characters OCR may read in its place (symmetric; {} when unreadable)."""
    try:
        data = json.loads(CONFUSIONS_PATH.read_text(encoding="utf-8"))["confusions"]
    except (OSError, ValueError, KeyError):
        return {}
    table: dict[str, set[str]] = {}
    for a, bs in data.items():
        for b in bs:
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in table.items()}


@dataclass
class Opcode:
    op: str  # equal | insert | delete | replace
    a: tuple[int, int]
    b: tuple[int, int]
    kind: str = "edit"  # edit | ocr | space (equal runs: "edit", ignored)

    def to_dict(self) -> dict:
        return {"op": self.op, "a": list(self.a), "b": list(self.b), "kind": self.kind}


@dataclass
class DiffResult:
    a_text: str
    b_text: str
    opcodes: list[Opcode]
    similarity: float  # 0..100: 2 * matched characters / (len a + len b)
    edits: int  # non-equal opcodes of kind edit
    ocr: int
    space: int
    sections_deleted: int  # whole paragraphs of A gone
    sections_inserted: int  # whole paragraphs of B new
    blocks: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # aligned paragraph index ranges [start, end) of A and of B, in order, covering both texts

    def summary(self) -> dict:
        return {"similarity": round(self.similarity, 1), "edits": self.edits, "ocr": self.ocr,
                "space": self.space, "sections_deleted": self.sections_deleted,
                "sections_inserted": self.sections_inserted}

    def to_dict(self) -> dict:
        return {**self.summary(), "blocks": [[list(a), list(b)] for a, b in self.blocks],
                "opcodes": [o.to_dict() for o in self.opcodes]}


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each line (paragraph) of text, line breaks excluded; at least one."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def _kind(a: str, b: str) -> str:
    if not (a + b).strip():
        return "space"
    if a and len(a) == len(b):
        table = confusions()
        if all(x == y or y in table.get(x, ()) for x, y in zip(a, b)):
            return "ocr"
    return "edit"


def apply(a_text: str, b_text: str, opcodes: list[Opcode]) -> str:
    """Rebuild B from A and the opcodes (inserted and replacing runs read from b_text)."""
    out = []
    for o in opcodes:
        out.append(a_text[o.a[0]:o.a[1]] if o.op == "equal" else b_text[o.b[0]:o.b[1]])
    return "".join(out)


def _whole_paragraphs(paras: list[tuple[int, int]], text: str, runs: list[tuple[int, int]]) -> int:
    """Paragraphs with text at least 80% inside the runs (an aligned full stop does not save one)."""
    count, k = 0, 0
    for s, e in paras:
        if not text[s:e].strip():
            continue
        while k < len(runs) and runs[k][1] <= s:
            k += 1
        covered, j = 0, k
        while j < len(runs) and runs[j][0] < e:
            covered += min(e, runs[j][1]) - max(s, runs[j][0])
            j += 1
        if covered >= 0.8 * (e - s):
            count += 1
    return count


def _para_index(paras: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(paras) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paras[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _blocks(ops: list[Opcode], pa: list[tuple[int, int]], pb: list[tuple[int, int]]):
    anchors: list[tuple[int, int]] = []
    for o in ops:
        if o.op != "equal":
            continue
        ai, aj = _para_index(pa, o.a[0]), _para_index(pa, o.a[1] - 1)
        for i in range(ai, aj + 1):  # each A paragraph's first matched character
            pos = max(pa[i][0], o.a[0])
            j = _para_index(pb, o.b[0] + pos - o.a[0])
            if not anchors or (i > anchors[-1][0] and j > anchors[-1][1]):
                anchors.append((i, j))
    if not anchors or anchors[0] != (0, 0):
        anchors.insert(0, (0, 0))
    anchors.append((len(pa), len(pb)))
    return [((a0, a1), (b0, b1)) for (a0, b0), (a1, b1) in zip(anchors, anchors[1:])]


def _size(o: Opcode) -> int:
    return max(o.a[1] - o.a[0], o.b[1] - o.b[0])


def _absorb_stray_matches(ops: list[Opcode], a_text: str, b_text: str) -> list[Opcode]:
    """A rewritten headline shares a stray character or two with the old one (工, 心): an equal run
    of <= 2 characters between two real edits, one of them 3+ characters, becomes part of one change
    (OCR and spacing differences keep their neighbours apart, so they are still told apart)."""
    def is_edit(o: Opcode) -> bool:
        return o.op != "equal" and _kind(a_text[o.a[0]:o.a[1]], b_text[o.b[0]:o.b[1]]) == "edit"

    out: list[Opcode] = []
    i = 0
    while i < len(ops):
        o = ops[i]
        if (o.op == "equal" and _size(o) <= 2 and out and i + 1 < len(ops) and is_edit(out[-1])
                and is_edit(ops[i + 1]) and max(_size(out[-1]), _size(ops[i + 1])) >= 3):
            p, n = out[-1], ops[i + 1]
            p.a, p.b, p.op = (p.a[0], n.a[1]), (p.b[0], n.b[1]), "replace"
            i += 2
            continue
        out.append(o)
        i += 1
    return out


def diff(a_text: str, b_text: str) -> DiffResult:
    ops: list[Opcode] = []
    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(a_text, b_text):
        ops.append(Opcode(tag, (a0, a1), (b0, b1)))
    # merge neighbouring non-equal opcodes into one run (a delete next to a replace is one change)
    merged: list[Opcode] = []
    for o in ops:
        if merged and o.op != "equal" and merged[-1].op != "equal":
            p = merged[-1]
            p.a, p.b = (p.a[0], o.a[1]), (p.b[0], o.b[1])
            p.op = ("replace" if p.a[0] < p.a[1] and p.b[0] < p.b[1]
                    else "delete" if p.a[0] < p.a[1] else "insert")
        else:
            merged.append(o)
    merged = _absorb_stray_matches(merged, a_text, b_text)
    counts = {"edit": 0, "ocr": 0, "space": 0}
    matched = 0
    for o in merged:
        if o.op == "equal":
            matched += o.a[1] - o.a[0]
            continue
        o.kind = _kind(a_text[o.a[0]:o.a[1]], b_text[o.b[0]:o.b[1]])
        counts[o.kind] += 1
    total = len(a_text) + len(b_text)
    pa, pb = paragraphs(a_text), paragraphs(b_text)
    deleted = [o.a for o in merged if o.op == "delete" and o.kind == "edit"]  # a replaced line is changed,
    inserted = [o.b for o in merged if o.op == "insert" and o.kind == "edit"]  # not deleted and inserted
    return DiffResult(
        a_text, b_text, merged,
        similarity=100.0 * 2 * matched / total if total else 100.0,
        edits=counts["edit"], ocr=counts["ocr"], space=counts["space"],
        sections_deleted=_whole_paragraphs(pa, a_text, deleted),
        sections_inserted=_whole_paragraphs(pb, b_text, inserted),
        blocks=_blocks(merged, pa, pb),
    )
