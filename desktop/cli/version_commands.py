"""`versions`: the archive's version groups (copies of one story, issue 14)."""

from __future__ import annotations

from typing import Any

from desktop.cli.common import open_service, print_json


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("versions", parents=[common], help="groups of documents that are versions of one another")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_versions)


def cmd_versions(args) -> int:
    svc = open_service(args)
    svc.ensure_seeded()
    groups = svc.versions()
    if args.json:
        print_json({"groups": groups})
        return 0
    if not groups:
        print("没有找到版本组")
        return 0
    for n, g in enumerate(groups, start=1):
        print(f"版本组 {n}（{len(g['members'])} 篇）")
        for m in g["members"]:
            print(f"  {m['id']}  {m['path']}")
        for p in g["pairs"]:
            print(f"    {p['a']} ~ {p['b']}  相似度 {p['similarity']:.2f}")
    return 0
