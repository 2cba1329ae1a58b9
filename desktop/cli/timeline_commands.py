"""`main.py timeline QUERY [--by month|year] [--city C] [--json]`: matching articles per month or year."""

from __future__ import annotations

from typing import Any

from desktop.cli.common import open_service, print_json


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("timeline", parents=[common], help="matching articles per month or year")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--by", choices=["auto", "month", "year"], default="auto")
    p.add_argument("--city")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_timeline)


def cmd_timeline(args) -> int:
    svc = open_service(args)
    t = svc.timeline(args.query, by=args.by, city=args.city)
    if args.json:
        print_json({"by": t["by"], "total": t["total"], "undated": t["undated"],
                    "buckets": [{"date": k, "count": n} for k, n in t["buckets"]]})
        return 0
    width = max((n for _, n in t["buckets"]), default=0)
    for key, n in t["buckets"]:
        print(f"{key:<8} {n:>6}  {'█' * max(1, round(40 * n / width))}")
    print(f"共 {t['total']} 篇，无日期 {t['undated']} 篇")
    return 0
