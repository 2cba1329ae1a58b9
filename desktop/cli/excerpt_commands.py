"""The CLI's bookmark and export commands (registered by `desktop.cli.parser.build_parser`).

    bookmark add ID_OR_PATH [--start S --end E] [--city C] [--note N] [--tags a,b] [--json]
    bookmark list [--city C] [--json]
    bookmark edit ID [--note N] [--city C] [--tags a,b] [--json]
    bookmark remove ID
    bookmark orphans [--json]
    export --format md|txt|html|docx|pdf|csv|json [--city C] [--bookmarks ID,...] [--query Q]
           [--limit N] [--title T] -o FILE

Every user error raises UserInputError (or ExportError): one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import re
from contextlib import closing
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli.common import open_service, print_json
from desktop.core.errors import DocumentNotFound, UserInputError

_SPLIT = re.compile(r"[,，、]")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `bookmark` (with its actions) and `export` to the CLI's subparsers."""
    from desktop.core.service import EXPORT_FORMATS as FORMATS

    bm = subparsers.add_parser("bookmark", parents=[common], help="bookmarks (excerpts) grouped by city")
    bm.set_defaults(handler=_bookmark_without_action)
    actions = bm.add_subparsers(dest="bookmark_command", metavar="ACTION", action=_KeepDataDir)

    p = actions.add_parser("add", parents=[common], help="bookmark a document or a passage of it; prints the id")
    p.add_argument("key", metavar="ID_OR_PATH")
    p.add_argument("--start", type=_offset, help="start of the passage in the cleaned text (with --end)")
    p.add_argument("--end", type=_offset, help="end of the passage (exclusive)")
    p.add_argument("--city", help="the bookmark's city (default: the document's city)")
    p.add_argument("--note", default="")
    p.add_argument("--tags", help="comma-separated tags")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bookmark_add)

    p = actions.add_parser("list", parents=[common], help="bookmarks in the user's order, grouped by city")
    p.add_argument("--city")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bookmark_list)

    p = actions.add_parser("edit", parents=[common], help="change a bookmark's note, city or tags")
    p.add_argument("id", type=_bookmark_id, metavar="ID")
    p.add_argument("--note")
    p.add_argument("--city", help='the new city ("" for none)')
    p.add_argument("--tags", help='comma-separated tags ("" for none)')
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bookmark_edit)

    p = actions.add_parser("remove", parents=[common], help="delete a bookmark")
    p.add_argument("id", type=_bookmark_id, metavar="ID")
    p.set_defaults(handler=cmd_bookmark_remove)

    p = actions.add_parser("orphans", parents=[common], help="bookmarks whose words are no longer in the archive")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bookmark_orphans)

    p = subparsers.add_parser(
        "export", parents=[common], help="write bookmarks or search hits with their sources to a file"
    )
    p.add_argument("--format", "-f", dest="format", metavar="|".join(FORMATS),
                   help="the file format (default: from the output file's extension)")
    p.add_argument("--city", help="only this city's bookmarks (or hits, with --query)")
    p.add_argument("--bookmarks", metavar="ID,...", help="these bookmarks, in this order")
    p.add_argument("--query", "-q", help="export the hits of this search instead of bookmarks")
    p.add_argument("--limit", type=int, default=20, help="with --query: how many documents (0 means all)")
    p.add_argument("--title", default="摘录", help="the heading of the exported file")
    p.add_argument("--citation", choices=["plain", "gbt7714"], default="plain",
                   help="how sources are cited: plain, or GB/T 7714-2015 (作者. 题名[N]. 报纸名, 日期(版次).)")
    p.add_argument("--full-paths", action="store_true", help="cite files by their full path, not only their name")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_export)


class _KeepDataDir(argparse._SubParsersAction):
    """`bookmark --data-dir D list`: the action's own --data-dir default (None) must not
    override a --data-dir given before the action."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = getattr(namespace, "data_dir", None)
        super().__call__(parser, namespace, values, option_string)
        if given is not None and getattr(namespace, "data_dir", None) is None:
            namespace.data_dir = given


# -- argument types -------------------------------------------------------------------------------


def _offset(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a character offset (a whole number)") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is not a character offset: offsets start at 0")
    return value


def _bookmark_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a bookmark id (ids are whole numbers)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"there is no bookmark number {value}")
    return value


def _ids(text: str) -> list[int]:
    parts = [p.strip() for p in _SPLIT.split(text or "") if p.strip()]
    if not parts:
        raise UserInputError("--bookmarks needs bookmark ids, like --bookmarks 3,1,7")
    out: list[int] = []
    for part in parts:
        try:
            out.append(_bookmark_id(part))
        except argparse.ArgumentTypeError as exc:
            raise UserInputError(str(exc)) from None
    return list(dict.fromkeys(out))


def _tags(text: str | None) -> list[str]:
    return [t.strip() for t in _SPLIT.split(text or "") if t.strip()]


# -- helpers --------------------------------------------------------------------------------------


def _city(svc, text: str | None) -> str | None:
    """The user's city normalized (茂名 -> 茂名市); "" stays "" (no city); None stays None."""
    if text is None:
        return None
    text = text.strip()
    return svc.city_name(text) if text else ""


def bookmark_json(bm) -> dict[str, Any]:
    return asdict(bm)


def _print_bookmark(args, bm) -> None:
    """The bookmark as JSON with --json, else its id."""
    if args.json:
        print_json(bookmark_json(bm))
    else:
        print(bm.id)


def _one_line(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _by_city(bookmarks) -> dict[str, list]:
    """Bookmarks grouped by city in the order met, those without a city (under "") last."""
    groups: dict[str, list] = {}
    for bm in bookmarks:
        groups.setdefault(bm.city or "", []).append(bm)
    if "" in groups:
        groups[""] = groups.pop("")
    return groups


def _print_bookmarks(bookmarks) -> None:
    for city, group in _by_city(bookmarks).items():
        print(f"{city or '未注明城市'} ({len(group)})")
        for bm in group:
            where = "全文" if bm.kind == "document" else f"{bm.start}-{bm.end}"
            flag = " [orphan]" if bm.status == "orphan" else ""
            print(f"  {bm.id}\t{bm.doc_title or Path(bm.doc_path).name}\t{where}{flag}")
            print(f"     「{_one_line(bm.quote)}」")
            if bm.note:
                print(f"     备注: {bm.note}")
            if bm.tags:
                print(f"     标签: {'、'.join(bm.tags)}")


# -- bookmark commands ----------------------------------------------------------------------------


def _bookmark_without_action(args) -> int:
    raise UserInputError("bookmark needs an action: add, list, edit, remove or orphans")


def cmd_bookmark_add(args) -> int:
    if (args.start is None) != (args.end is None):
        raise UserInputError("give both --start and --end for a passage, or neither for the whole document")
    with closing(open_service(args)) as svc:
        svc.ensure_seeded()
        doc = svc.document(args.key)
        city = _city(svc, args.city)
        tags = _tags(args.tags)
        if args.start is None:
            bm = svc.bookmarks.add_document(doc, city=city, note=args.note, tags=tags)
        else:
            bm = svc.bookmarks.add_passage(doc, args.start, args.end, city=city, note=args.note, tags=tags)
        _print_bookmark(args, bm)
        return 0


def cmd_bookmark_list(args) -> int:
    with closing(open_service(args)) as svc:
        city = _city(svc, args.city)
        bookmarks = svc.bookmarks.list(city=city)
        if args.json:
            print_json({
                "bookmarks": [bookmark_json(bm) for bm in bookmarks],
                "cities": [{"city": c or None, "count": len(g)} for c, g in _by_city(bookmarks).items()],
            })
        else:
            _print_bookmarks(bookmarks)
        return 0


def cmd_bookmark_edit(args) -> int:
    changes: dict[str, Any] = {}
    with closing(open_service(args)) as svc:
        if args.note is not None:
            changes["note"] = args.note
        if args.city is not None:
            changes["city"] = _city(svc, args.city) or None
        if args.tags is not None:
            changes["tags"] = _tags(args.tags)
        if not changes:
            raise UserInputError("nothing to change: give --note, --city or --tags")
        bm = svc.bookmarks.update(args.id, **changes)
        _print_bookmark(args, bm)
        return 0


def cmd_bookmark_remove(args) -> int:
    with closing(open_service(args)) as svc:
        svc.bookmarks.remove(args.id)
        print(f"removed bookmark {args.id}")
        return 0


def cmd_bookmark_orphans(args) -> int:
    with closing(open_service(args)) as svc:
        orphans = svc.bookmarks.orphans()
        if args.json:
            print_json({"orphans": [bookmark_json(bm) for bm in orphans]})
        elif orphans:
            _print_bookmarks(orphans)
        else:
            print("no orphaned bookmarks")
        return 0


# -- export ---------------------------------------------------------------------------------------


def _format(args) -> str:
    from desktop.core.service import EXPORT_FORMATS as FORMATS

    fmt = args.format
    if fmt is None:
        fmt = Path(args.output).suffix.lower().lstrip(".")
        fmt = {"markdown": "md", "htm": "html", "text": "txt"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise UserInputError(f"give --format: one of {', '.join(FORMATS)}")
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserInputError(f"unknown export format {args.format!r}: use one of {', '.join(FORMATS)}")
    return fmt


def cmd_export(args) -> int:
    from desktop.core.service import excerpts_from_bookmarks, excerpts_from_hits, export

    fmt = _format(args)
    if args.query is not None and args.bookmarks is not None:
        raise UserInputError("export either --bookmarks or the hits of --query, not both")
    if args.query is not None and not args.query.strip():
        raise UserInputError("--query is empty")
    if args.limit < 0:
        raise UserInputError("--limit must be 0 (all) or more")
    ids = _ids(args.bookmarks) if args.bookmarks is not None else None
    with closing(open_service(args)) as svc:
        cache: dict[str, Any] = {}

        def doc_of(doc_id: str):
            if doc_id not in cache:
                try:
                    cache[doc_id] = svc.document(doc_id)
                except DocumentNotFound:
                    cache[doc_id] = None
            return cache[doc_id]

        city = _city(svc, args.city)
        if args.query is not None:
            svc.ensure_seeded()
            result = svc.search(args.query, city=city or None, limit=args.limit)
            if not result.hits:
                raise UserInputError(f"the search {args.query!r} found nothing to export")
            excerpts = excerpts_from_hits(result.hits, doc_of)
            city_order = None
        else:
            store = svc.bookmarks
            if ids is not None:
                bookmarks = [store.get(i) for i in ids]  # raises for an unknown id
                if city is not None:
                    bookmarks = [b for b in bookmarks if (b.city or "") == city]
            else:
                bookmarks = store.list(city=city)
            if not bookmarks:
                where = f" in {city}" if city else ""
                raise UserInputError(f"there are no bookmarks{where} to export")
            excerpts = excerpts_from_bookmarks(bookmarks, doc_of)
            city_order = [c for c, _ in store.cities()]
        if not excerpts:
            raise UserInputError("nothing to export")
        path = export(excerpts, fmt, args.output, title=args.title, city_order=city_order,
                      citation_style=args.citation, full_paths=args.full_paths)
        print(Path(path).resolve())
        return 0
