"""Issue 13, item 11: invisible characters are folded the same way in queries and texts.

A zero-width space or NUL inside 工会 made the query `工 AND 会`, a bidi mark or variation selector
made it find nothing. Now matching leaves every invisible character out on both sides (see
cleaning.INVISIBLE), so each form finds exactly what 工会 finds, with the snippet marked on the
right characters; archives made before the change are re-folded when first opened. Real files,
real SQLite, the CLI in a subprocess."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from desktop.core.index.store import ArchiveStore
from desktop.core.ingest.cleaning import fold
from tests.reliability.conftest import SEED_TEXTS, no_traceback, run_cli

INVISIBLES = {
    "zwsp": "\u200b", "nul": "\x00", "zwnj": "\u200c", "zwj": "\u200d", "lrm": "\u200e", "rlm": "\u200f",
    "rlo": "\u202e", "lri": "\u2066", "pdi": "\u2069", "word-joiner": "\u2060", "soft-hyphen": "\u00ad",
    "vs16": "\ufe0f", "vs1": "\ufe00", "vs-supplement": "\U000e0100", "bom": "\ufeff", "tag": "\U000e0041",
    "c1": "\x9b", "bell": "\x07", "form-feed": "\x0c",
}
BODY = SEED_TEXTS["maoming"]
TAGS = {name: f"标记{i:02d}号" for i, name in enumerate(sorted(INVISIBLES))}  # one per file, none inside another


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("invisible")
    folder = base / "in"
    folder.mkdir()
    (folder / "plain.txt").write_text("广东省总工会召开座谈会。明文标记\n" + BODY, encoding="utf-8")
    for name, ch in INVISIBLES.items():
        if ch == "\x00":
            continue  # a NUL makes a file binary; NUL is tested in queries
        (folder / f"{name}.txt").write_text(f"广东省总工{ch}会召开座谈会。{TAGS[name]}\n", encoding="utf-8")
    data = base / "data"
    proc = run_cli("index", folder, "--json", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    return data, len(INVISIBLES) - 1 + 1


def _search(data, query):
    proc = run_cli("search", query, "--json", "--limit", "0", data_dir=data)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def answers(archive):
    """Every query of the tests below in one `search --batch` run (a NUL cannot be in a command line)."""
    data, _ = archive
    queries = ["总工会"] + [f"总工{ch}会" for ch in INVISIBLES.values()] + [f"总工会 {TAGS[n]}" for n in INVISIBLES]
    batch = data.parent / "queries.txt"
    batch.write_text("\n".join(queries) + "\n", encoding="utf-8")
    proc = run_cli("search", "--batch", batch, "--json", "--limit", "0", data_dir=data)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(results) == len(queries)
    return dict(zip(queries, results))


@pytest.mark.parametrize("name", sorted(INVISIBLES))
def test_query_with_an_invisible_character_finds_what_the_plain_word_finds(archive, answers, name):
    _, files = archive
    plain = answers["总工会"]
    assert plain["total"] == files  # every file, whatever invisible character its 工会 holds
    odd = answers[f"总工{INVISIBLES[name]}会"]
    assert odd["total"] == plain["total"]
    assert sorted(h["id"] for h in odd["hits"]) == sorted(h["id"] for h in plain["hits"])
    assert odd.get("message") is None


@pytest.mark.parametrize("name", [n for n in sorted(INVISIBLES) if n != "nul"])
def test_the_snippet_marks_the_word_around_the_invisible_character(answers, name):
    hits = answers[f"总工会 {TAGS[name]}"]["hits"]
    assert len(hits) == 1
    snippet = hits[0]["snippets"][0]
    text = snippet["text"] if isinstance(snippet, dict) else snippet
    marked = re.findall(r"【([^】]*)】", text)
    assert any(fold(m).replace(INVISIBLES[name], "") == "总工会" for m in marked), text


def test_an_archive_folded_the_old_way_is_refolded_when_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("广东省总工\u200e会召开座谈会。旧档案标记\n", encoding="utf-8")
    (folder / "b.txt").write_text("广东省总工会召开座谈会。旧档案标记\n", encoding="utf-8")
    data = tmp_path / "data"
    assert run_cli("index", folder, data_dir=data).returncode == 0
    # make it what the previous version wrote: match texts keep invisible characters, no version
    store = ArchiveStore(data / "archive.sqlite")
    store.begin()
    for rowid, text, match in store.conn.execute("SELECT rowid, text, match FROM docs").fetchall():
        old = fold(re.sub(r"\s+", "", text))
        store._delete_grams(rowid, match)
        store.conn.execute("UPDATE docs SET match=? WHERE rowid=?", (old, rowid))
        store.conn.execute("INSERT INTO grams(rowid, g) VALUES (?, ?)", (rowid, __import__(
            "desktop.core.index.store", fromlist=["bigrams"]).bigrams(old)))
    store.conn.execute("DELETE FROM settings WHERE key='match_version'")
    store.commit()
    store.close()
    with sqlite3.connect(data / "archive.sqlite") as conn:
        assert any("\u200e" in m for (m,) in conn.execute("SELECT match FROM docs"))
    assert _search(data, "总工会")["total"] == 2  # the first open re-folds it
    with sqlite3.connect(data / "archive.sqlite") as conn:
        assert not any("\u200e" in m for (m,) in conn.execute("SELECT match FROM docs"))
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("INSERT INTO grams(grams) VALUES ('integrity-check')") is not None
    assert _search(data, "总工\u200b会")["total"] == 2
