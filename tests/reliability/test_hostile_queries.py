"""Hostile queries: never a traceback, never a hang; results or a one-line explanation.

Property tests (hypothesis) on the real seeded archive, plus an explicit list run through the
engine and through the CLI (exit 0, nothing on stderr that looks like a traceback)."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.search.query import MAX_QUERY_CHARS, parse
from tests.reliability.conftest import no_traceback, run_cli

LIMIT_SECONDS = 2.0

EXPLICIT = [
    # quotes and parentheses, lone or unbalanced
    '"', '""', '"""', "“", "”", '"工会', '工会"', '“工会', "(", ")", "((", "))", "(工会", "工会)", "(()", ")(",
    "（工会", "((((((((((工会))))))))))", "(" * 500, ")" * 500, '"(' * 200,
    # operators alone or doubled
    "AND", "OR", "NOT", "-", "--", "- -", "OR OR", "AND AND", "OR 工会 OR", "-(", "|", "||", "&&", "&", "非",
    "AND OR NOT -", "- 工会", "-工会 -茂名", "NOT NOT 工会",
    # field names, known without a value and unknown
    "city:", 'city:"', "city:::", "unknown:工会", "foo:bar", "城市:", "人物:\"", "series:abc", "series:" + "9" * 40,
    "title:(", ":", "：", "city:茂名 OR", "-city:茂名",
    # very long
    "x" * 10_000, "工" * 10_000, "工会 " * 2_500, "OR " * 3_000,
    # emoji and other non-BMP characters
    "😀", "👨‍👩‍👧‍👦 工会", "🇨🇳", "工会😀主席", "𠀀𪚥",
    # control characters and invisible ones
    "\x00", "\x01\x02工会\x7f", "\t\r\n", "\u200b", "\ufeff工会", "\u202e工会", "\u2028\u2029", "\x1b[31m工会",
    # regex, SQL and FTS5 metacharacters
    ".*", "^$", "[a-", "(?P<x>", "\\", "\\d+", "*", "?", "+", "{1,2}", "%", "_", "'", "';DROP TABLE docs;--",
    "NEAR(工会 主席)", '"工会" NEAR "主席"', "*工会", "工会*", "^工会", "工会 + 主席", "{g}: 工会", "col:工会",
]


def check(result, query: str) -> None:
    assert result.total >= 0
    assert len(result.hits) <= result.total
    assert result.message is None or (isinstance(result.message, str) and "\n" not in result.message)


def timed_search(svc, query: str, **options):
    started = time.perf_counter()
    result = svc.search(query, **options)
    took = time.perf_counter() - started
    assert took < LIMIT_SECONDS, f"{took:.2f} s for {query[:80]!r}"
    check(result, query)
    return result


@pytest.mark.parametrize("query", EXPLICIT, ids=range(len(EXPLICIT)))
def test_explicit_hostile_query(seeded_service, query):
    timed_search(seeded_service, query)
    timed_search(seeded_service, query, limit=0, sort="city")


def test_lone_quote_and_paren_are_read_as_closed(seeded_service):
    base = seeded_service.search("工会主席", limit=0).total
    assert base >= 1
    for q in ('"工会主席', "(工会主席", "工会主席)", "“工会主席", "((工会主席"):
        assert seeded_service.search(q, limit=0).total == base, q


def test_long_query_is_cut_with_a_one_line_explanation(seeded_service):
    result = timed_search(seeded_service, "工会" * 6000)
    assert result.message and str(MAX_QUERY_CHARS) in result.message


def test_operators_alone_explain_instead_of_failing(seeded_service):
    for q in ("AND", "OR OR", "-", "NOT"):
        result = seeded_service.search(q)
        assert result.total == 0 and result.message, q


def test_lone_surrogates_do_not_break_search(seeded_service):
    # what Python makes of undecodable bytes on a command line (surrogateescape)
    for q in ("\udcff", "工会\ud800", "\udfff\ud83d"):
        timed_search(seeded_service, q)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_random_unicode_never_raises_and_answers_quickly(seeded_service, query):
    timed_search(seeded_service, query)


_PIECES = st.sampled_from([
    "工会", "主席", "茂名", "劳模", '"', "“", "”", "(", ")", "（", "）", "AND", "OR", "NOT", "-", "|", "&", "非", "或",
    "city:", "城市:", "person:", "series:", "title:", "foo:", ":", "*", "\\", "😀", " ", "  ", "\t", "\x00",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join))
def test_random_query_syntax_never_raises(seeded_service, query):
    parsed = parse(query)
    assert parsed.message is None or "\n" not in parsed.message
    timed_search(seeded_service, query, city="茂名" if len(query) % 3 == 0 else None)


# ---- the same through the command line ----

CLI_ONE_BY_ONE = ['"', "(", ")(", "OR OR", "AND", "-", "unknown:工会", "x" * 10_000, "😀 工会", "\x01\x7f工会",
                  ".*[(", "';DROP TABLE docs;--"]


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory):
    # the CLI seeds an empty data folder itself on first search
    return tmp_path_factory.mktemp("hostile-cli")


def test_cli_batch_of_hostile_queries(cli_home, tmp_path):
    lines = [q for q in EXPLICIT if "\n" not in q and "\r" not in q and q.strip() and "\u2028" not in q]
    batch = tmp_path / "queries.txt"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("search", "--batch", batch, "--json", "--limit", "3", data_dir=cli_home, timeout=120)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(answers) == len([ln for ln in batch.read_text(encoding="utf-8").splitlines() if ln.strip()])
    assert all(a["total"] >= 0 for a in answers)


@pytest.mark.parametrize("query", CLI_ONE_BY_ONE, ids=range(len(CLI_ONE_BY_ONE)))
def test_cli_hostile_query(cli_home, query):
    proc = run_cli("search", query, data_dir=cli_home, timeout=60)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "篇文档" in proc.stdout


def test_cli_undecodable_argument_bytes(cli_home):
    import subprocess

    from tests.reliability.conftest import cli_args, cli_env

    args = [a.encode() for a in cli_args("search", "X", data_dir=cli_home)]
    args[args.index(b"X")] = b"\xff\xfe\xe5\xb7"  # not UTF-8: Python hands it over as lone surrogates
    proc = subprocess.run(args, capture_output=True, env=cli_env(), timeout=60)
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
