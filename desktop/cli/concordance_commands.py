"""`concordance QUERY [--width N] [--sort right|left|date|city|title] [--limit N] [--city C] [--json]
[-o file.csv|file.xlsx|file.md|…]`: every hit of a query in context, one row per hit (KWIC)."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

from desktop.cli.common import open_service, print_json
from desktop.core.errors import UserInputError


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("concordance", parents=[common], help="every hit of a query in context (KWIC)")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--width", type=int, default=30, help="characters of context on each side")
    p.add_argument("--sort", choices=["right", "left", "date", "city", "title"], default="right")
    p.add_argument("--limit", type=int, default=50, help="0 means all")
    p.add_argument("--city")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE", help="write the rows to FILE (.csv, .xlsx, or an excerpt format: .md .txt .html .docx .pdf .json)")
    p.set_defaults(handler=cmd_concordance)


def _cols(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _flat(text: str) -> str:
    return " ".join(text.split("\n")).replace("\r", " ").replace("\t", " ")


def cmd_concordance(args) -> int:
    if args.width < 0 or args.width > 500:
        raise UserInputError("--width 应在 0 到 500 之间")
    if args.limit < 0:
        raise UserInputError("--limit 不能为负数（0 表示全部）")
    svc = open_service(args)
    conc = svc.concordance(args.query, width=args.width, sort=args.sort, city=args.city)
    if args.output:
        path = svc.export_concordance(conc.rows(0, args.limit or None), args.output)
        sys.stderr.write(f"已写入 {path}（{min(conc.total, args.limit or conc.total)} 行）\n")
        if not args.json:
            return 0
    if args.json:
        print_json(conc.to_json(args.limit))
        return 0
    if conc.message and not conc.total:
        print(conc.message)
    rows = conc.rows(0, args.limit or None)
    lefts = [_flat(r["left"]) for r in rows]
    pad = max((_cols(s) for s in lefts), default=0)
    for r, left in zip(rows, lefts):
        where = " ".join(x for x in (r["city"] or "", r["date"] or "", r["title"]) if x)
        print(f"{' ' * (pad - _cols(left))}{left} 【{_flat(r['hit'])}】 {_flat(r['right'])}  | {where}")
    cities = "，".join(f"{c or '未知'} {n}" for c, n in list(conc.by_city().items())[:10])
    print(f"共 {conc.total} 处" + (f"（显示 {len(rows)} 处）" if len(rows) < conc.total else "") + (f"；{cities}" if cities else ""))
    return 0
