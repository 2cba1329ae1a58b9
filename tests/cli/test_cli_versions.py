"""`versions [--json]` and `show ID --json`'s versions (issue 14): real subprocesses, real data dirs."""

import json

from tests.cli.conftest import run
from tests.conftest import SEEDS


def test_versions_json_and_show(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    base = seeds[0].read_text(encoding="utf-8")
    (src / "a.txt").write_text(base, encoding="utf-8")
    (src / "b.txt").write_text("转载 南方工报\n" + base.replace("已", "己"), encoding="utf-8")
    (src / "c.txt").write_text(seeds[1].read_text(encoding="utf-8"), encoding="utf-8")
    home = tmp_path / "home"
    run("index", str(src), home=home)

    data = json.loads(run("versions", "--json", home=home).stdout)
    assert len(data["groups"]) == 1
    group = data["groups"][0]
    paths = sorted(m["path"].rsplit("/", 1)[-1] for m in group["members"])
    assert paths == ["a.txt", "b.txt"]
    (pair,) = group["pairs"]
    assert 0.75 <= pair["similarity"] <= 1.0

    a = next(m["id"] for m in group["members"] if m["path"].endswith("a.txt"))
    b = next(m["id"] for m in group["members"] if m["path"].endswith("b.txt"))
    shown = json.loads(run("show", a, "--json", home=home).stdout)
    assert [v["id"] for v in shown["versions"]] == [b]
    assert shown["versions"][0]["similarity"] == pair["similarity"]
    lone = json.loads(run("show", str(src / "c.txt"), "--json", home=home).stdout)
    assert lone["versions"] == []

    text = run("versions", home=home).stdout
    assert "版本组 1（2 篇）" in text and "相似度" in text
