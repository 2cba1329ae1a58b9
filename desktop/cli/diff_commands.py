"""`diff ID_A ID_B [--json] [-o file.md|file.html]`: what differs between two versions."""

from __future__ import annotations

import sys
from typing import Any

from desktop.cli.common import open_service, print_json

NUMBERS = "零一二三四五六七八九十"


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("diff", parents=[common], help="the character-level differences of two documents")
    p.add_argument("id_a", metavar="ID_A")
    p.add_argument("id_b", metavar="ID_B")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE", help="write the diff to FILE (.md or .html)")
    p.set_defaults(handler=cmd_diff)


def _count(n: int) -> str:
    return NUMBERS[n] if 0 <= n <= 10 else str(n)


def summary_line(s: dict) -> str:
    """相同 93%, 改动 5 处, 删去一节 (OCR and spacing differences counted apart)."""
    parts = [f"相同 {s['similarity']:.0f}%", f"改动 {s['edits']} 处"]
    if s["sections_deleted"]:
        parts.append(f"删去{_count(s['sections_deleted'])}节")
    if s["sections_inserted"]:
        parts.append(f"新增{_count(s['sections_inserted'])}节")
    if s["ocr"]:
        parts.append(f"疑似识别错误 {s['ocr']} 处")
    if s["space"]:
        parts.append(f"空白差异 {s['space']} 处")
    return ", ".join(parts)


def marked_text(result) -> str:
    """[-deleted-] {+inserted+}; an OCR or spacing difference is followed by its kind: (ocr) (space)."""
    a, b = result.a_text, result.b_text
    out = []
    for o in result.opcodes:
        if o.op == "equal":
            out.append(a[o.a[0]:o.a[1]])
            continue
        if o.a[1] > o.a[0]:
            out.append(f"[-{a[o.a[0]:o.a[1]]}-]")
        if o.b[1] > o.b[0]:
            out.append(f"{{+{b[o.b[0]:o.b[1]]}+}}")
        if o.kind != "edit":
            out.append(f"({o.kind})")
    return "".join(out)


def cmd_diff(args) -> int:
    svc = open_service(args)
    doc_a, doc_b = svc.document(args.id_a), svc.document(args.id_b)
    result = svc.diff(doc_a.id, doc_b.id)
    summary = result.summary()
    if args.output:
        path = svc.export_diff(result, args.output, doc_a.meta.title or doc_a.path, doc_b.meta.title or doc_b.path,
                           summary_line(summary))
        sys.stderr.write(f"已写入 {path}\n")
    if args.json:
        print_json({"a": doc_a.id, "b": doc_b.id, **result.to_dict()})
    elif not args.output:
        sys.stdout.write(marked_text(result) + "\n\n" + summary_line(summary) + "\n")
    return 0
