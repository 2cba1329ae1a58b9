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
    from desktop.cli import archive_commands, excerpt_commands, search_commands

    common = _data_dir_parent()
    parser = _Parser(prog="main.py", description="离线新闻档案浏览器 / offline Chinese news archive browser",
                     parents=[_data_dir_parent(None)])
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    archive_commands.register(sub, common)
    search_commands.register(sub, common)
    excerpt_commands.register(sub, common)
    return parser
