"""The argument parser: one line and exit 2 on a user's error; each command group adds its own parsers."""

from __future__ import annotations

import argparse

from desktop.core.errors import UserInputError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise UserInputError(message)


def _data_dir_parent(default=argparse.SUPPRESS) -> argparse.ArgumentParser:
    """--data-dir on every subcommand; SUPPRESS keeps a value given before the command."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--data-dir", metavar="DIR", default=default,
                        help="archive data folder (default: ARCHIVE_BROWSER_HOME or the user data dir)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    from desktop.cli.archive_commands import register as register_archive
    from desktop.cli.concordance_commands import register as register_concordance
    from desktop.cli.diff_commands import register as register_diff
    from desktop.cli.excerpt_commands import register as register_excerpts
    from desktop.cli.search_commands import register as register_search
    from desktop.cli.timeline_commands import register as register_timeline
    from desktop.cli.version_commands import register as register_versions

    common = _data_dir_parent()
    parser = _Parser(prog="main.py", description="离线新闻档案浏览器 / offline Chinese news archive browser",
                     parents=[_data_dir_parent(None)])
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    register_archive(sub, common)
    register_search(sub, common)
    register_excerpts(sub, common)
    register_diff(sub, common)
    register_versions(sub, common)
    register_concordance(sub, common)
    register_timeline(sub, common)
    return parser


def search_words(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`search -珠海`, `search 工会 -珠海 --json`: what is not one of search's options is its query.

    argparse takes any word starting with "-" for an option, but the query language's NOT is a
    leading "-". So after `search`, each word that is neither an option nor an option's value is
    part of the query (the words joined by spaces), passed after "--". Other commands are untouched."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        return argv
    choices = subparsers[0].choices
    top = parser._option_string_actions
    i = 0
    while i < len(argv) and argv[i] not in choices:  # options before the command (--data-dir DIR)
        action = top.get(argv[i].split("=", 1)[0])
        i += 2 if action is not None and action.nargs != 0 and "=" not in argv[i] else 1
    if i >= len(argv) or argv[i] != "search":
        return argv
    options = choices["search"]._option_string_actions
    keep: list[str] = []
    words: list[str] = []
    rest = argv[i + 1:]
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            words += rest[j + 1:]
            break
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        if name not in options and name.startswith("--") and len(name) > 2:  # argparse's abbreviations
            matches = [o for o in options if o.startswith(name)]
            name = matches[0] if len(matches) == 1 else name
        action = options.get(name)
        if action is not None:
            if action.nargs != 0 and "=" not in arg and j + 1 < len(rest):
                # a value that starts with "-" (--sort -date) would read as an option: --sort=-date
                keep.append(f"{arg}={rest[j + 1]}" if rest[j + 1].startswith("-") else arg)
                if not rest[j + 1].startswith("-"):
                    keep.append(rest[j + 1])
                j += 1
            else:
                keep.append(arg)
        else:
            words.append(arg)
        j += 1
    return argv[: i + 1] + keep + (["--", " ".join(words)] if words else [])
