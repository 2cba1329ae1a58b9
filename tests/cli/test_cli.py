"""The command line as checks outside the project call it: real subprocesses, real data dirs."""

import json
import os

import pytest

from tests.cli.conftest import run
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli-home")
    proc = run("index", str(SEEDS), home=home)
    assert "共 5 篇" in proc.stdout
    return home


def test_search_json_shape(home):
    proc = run("search", "劳模工匠", "--json", home=home)
    data = json.loads(proc.stdout)
    assert set(data) >= {"query", "total", "took_ms", "hits"}
    assert data["query"] == "劳模工匠" and data["total"] == len(data["hits"]) == 5
    assert isinstance(data["took_ms"], float)
    for hit in data["hits"]:
        assert set(hit) >= {"id", "path", "title", "city", "person", "series_no", "score", "matches", "snippets"}
        assert os.path.isabs(hit["path"]) and hit["city"].endswith("市")
        assert all("【" in s["text"] and "】" in s["text"] for s in hit["snippets"])
        assert all(s["page"] is None for s in hit["snippets"])  # plain text files have no pages


def test_search_city_and_limit(home):
    data = json.loads(run("search", "工会", "--city", "珠海", "--json", home=home).stdout)
    assert {h["city"] for h in data["hits"]} == {"珠海市"}
    assert len(json.loads(run("search", "工会", "--limit", "2", "--json", home=home).stdout)["hits"]) == 2
    assert len(json.loads(run("search", "工会", "--limit", "0", "--json", home=home).stdout)["hits"]) == 5


def test_batch(home, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("工会\n劳模工匠\n\n江洪灿\n", encoding="utf-8")
    lines = run("search", "--batch", str(queries), "--json", "--limit", "3", home=home).stdout.splitlines()
    assert [json.loads(line)["query"] for line in lines] == ["工会", "劳模工匠", "江洪灿"]


def test_show_json(home):
    hit = json.loads(run("search", "江洪灿", "--json", home=home).stdout)["hits"][0]
    doc = json.loads(run("show", hit["id"], "--json", home=home).stdout)
    assert doc["person"] == "江洪灿" and doc["city"] == "云浮市" and doc["series_no"] == 8
    assert [s["label"] for s in doc["sections"]] == ["谈体会", "谈思路", "谈未来"]
    assert doc["turns"] and doc["text"].startswith("学习贯彻落实")
    by_path = json.loads(run("show", hit["path"], "--json", home=home).stdout)
    assert by_path["id"] == hit["id"]


def test_cities_json(home):
    data = json.loads(run("cities", "--json", home=home).stdout)
    assert {c["city"]: c["count"] for c in data["cities"]} == {"茂名市": 1, "珠海市": 1, "河源市": 1, "云浮市": 1, "佛山市": 1}


def test_data_dir_option_overrides_env(tmp_path):
    other = tmp_path / "other"
    run("index", str(SEEDS / "000_6ae12ce34c73e871.txt"), "--data-dir", str(other), home=tmp_path / "unused")
    data = json.loads(run("search", "黄奕奕", "--json", "--data-dir", str(other), home=tmp_path / "unused").stdout)
    assert data["total"] == 1


def test_reindex_without_paths_rescans(home):
    proc = run("index", "--json", home=home)
    data = json.loads(proc.stdout)
    assert data["unchanged"] == 5 and data["added"] == 0


@pytest.mark.parametrize(
    "args",
    [("index", "/no/such/folder"), ("show", "nonexistent-id"), ("search", "工会", "--limit", "x"), ("bogus",),
     ("search",)],
)
def test_user_errors_exit_2_with_one_line(home, args):
    proc = run(*args, home=home, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_first_search_on_empty_archive_uses_seeds(tmp_path):
    data = json.loads(run("search", "工会主席", "--json", home=tmp_path / "empty").stdout)
    assert data["total"] == 5
