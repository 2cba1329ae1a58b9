"""Issue 13, item 10: the README's NOT syntax works on the command line. `search -珠海` was taken
for an unknown option; now every word after `search` that is not one of its options is the query."""

from __future__ import annotations

import json

import pytest

from desktop.cli.parser import build_parser
from tests.reliability.conftest import no_traceback, run_cli, write_many


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("dash")
    folder = base / "in"
    write_many(folder, 6, marker="减号标记", body="珠海市总工会召开会议。")
    write_many(folder / "other", 4, marker="减号标记", body="茂名市总工会召开会议。")
    data = base / "data"
    assert run_cli("index", folder, data_dir=data).returncode == 0
    return data


def _total(proc) -> int:
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["total"]


@pytest.mark.parametrize("args, total", [
    (["-珠海", "--json"], 4),                       # NOT alone: every document without 珠海
    (["减号标记", "-珠海", "--json"], 4),            # words after the query's first word
    (["--json", "-珠海", "减号标记"], 4),            # options first
    (["--limit", "1", "-茂名", "--json"], 6),        # an option's value is not part of the query
    (["--limit=2", "-茂名", "--json"], 6),
    (["--jso", "-茂名"], 6),                          # argparse's abbreviations still work
    (["-珠海", "-茂名", "--json"], 0),
])
def test_query_words_starting_with_a_dash(archive, args, total):
    assert _total(run_cli("search", *args, data_dir=archive)) == total


def test_double_dash_still_works_and_other_commands_are_untouched(archive):
    parser = build_parser()
    from desktop.cli.parser import search_words

    assert search_words(parser, ["search", "--", "-珠海"]) == ["search", "--", "-珠海"]
    assert search_words(parser, ["--data-dir", "D", "search", "-珠海", "--json"]) == \
        ["--data-dir", "D", "search", "--json", "--", "-珠海"]
    assert search_words(parser, ["index", "-x"]) == ["index", "-x"]
    proc = run_cli("index", "--no-such-option", data_dir=archive)
    assert proc.returncode == 2 and "unrecognized" in proc.stderr
