"""The scale benchmark's generator and report (bench/scale_corpus.py, scale_report.py, scale_plot.py),
on a handful of articles in tmp_path: seeded, nested, recombined; targets judged against their limits."""

from __future__ import annotations

from pathlib import Path

from bench.scale_corpus import FILES_PER_FOLDER, build_archive, load_pool
from bench.scale_plot import draw_curve
from bench.scale_report import TARGETS, section, update_markdown

ARTICLES = {
    "xwlb_20240101_01.txt": "标题一：广东工会召开大会\n\n央视网消息：广东省总工会今天召开大会。\n职工代表发言。\n会议强调高质量发展。\n",
    "xwlb_20240102_02.txt": "标题二：乡村振兴见成效\n\n央视网消息：各地推进乡村振兴。\n农民收入持续增长。\n",
    "thucnews_0001.txt": "湖人消息比赢球开心十倍小拜膝伤无碍季后赛复出新浪体育讯北京时间四月十二日在和马刺的比赛中。",
    "thucnews_0002.txt": "国足备战世预赛主帅称全力以赴新浪体育讯球队今日抵达训练基地开始集训全体队员状态良好。",
    "sogou_001.txt": "深圳地铁将设头等车厢\n\n南都讯　记者报道深圳今后将设头等车厢。\n论坛上透露未来方向。\n",
}


def _pool(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    return load_pool(sorted(src.iterdir()))


def _texts(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.txt"))}


def test_archives_are_seeded_nested_and_recombined(tmp_path):
    pool = _pool(tmp_path)
    a = build_archive(pool, 50, 7, tmp_path / "a")
    b = build_archive(pool, 50, 7, tmp_path / "b")
    small = build_archive(pool, 20, 7, tmp_path / "small")
    other = build_archive(pool, 50, 8, tmp_path / "other")
    ta, tsmall = _texts(tmp_path / "a"), _texts(tmp_path / "small")
    assert ta == _texts(tmp_path / "b") and a["bytes"] == b["bytes"] == sum(map(len, ta.values()))
    assert all(ta[k] == v for k, v in tsmall.items()) and len(tsmall) == 20  # a prefix of the larger one
    assert ta != _texts(tmp_path / "other")
    assert len(a["paths"]) == 50 and len({Path(p).parent for p in a["paths"]}) == -(-50 // FILES_PER_FOLDER)
    sources = {t.encode("utf-8") for t in ARTICLES.values()}
    assert sum(t not in sources for t in ta.values()) > 25  # most texts differ from every source article
    for rel, data in ta.items():  # each keeps its base's family and a title line or a single line
        family = Path(rel).name.split("_", 1)[0]
        text = data.decode("utf-8")
        assert family in ("xwlb", "thucnews", "sogou")
        assert (text.count("\n") == 1) == (family == "thucnews")


def _run(p95: float, window: float) -> dict:
    mb = 100 * 2**20
    return {"corpus": {"bytes": mb}, "ours_index": {"seconds": 50.0}, "ours_data_mb": 250.0,
            "rescan": {"seconds": 1.0}, "ours_search": {"wall": {"p50": p95 / 4, "p95": p95}, "self_maxrss_mb": 500.0},
            "fts5_index": {"seconds": 25.0}, "fts5_data_mb": 400.0,
            "fts5_search": {"wall": {"p50": 1.0, "p95": 10.0}, "self_maxrss_mb": 50.0},
            "gui": {"window_visible_s": window, "first_results_s": window + 0.5}, "one_file": {"median_s": 0.4}}


def test_report_judges_each_target_and_keeps_the_rest_of_the_file(tmp_path):
    R = {"argv": "--scale --sizes 1,2", "sizes": [1000, 2000], "reps": 1, "seed": 5, "queries": [],
         "runs": {"1000": _run(20.0, 0.5), "2000": _run(80.0, 1.5)}}
    text = section(R, tmp_path / "scale.png")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    p95 = rows[TARGETS[0][0]]
    assert "20.0 ms met" in p95 and "80.0 ms **missed**" in p95 and "ours ÷ FTS5 8.00" in p95
    assert "2.00 MB/s met" in rows[TARGETS[2][0]]  # 100 MB in 50 s
    assert "0.50 s met" in rows[TARGETS[4][0]] and "1.50 s **missed**" in rows[TARGETS[4][0]]
    md = tmp_path / "benchmarks.md"
    md.write_text("# Benchmarks\n\n## Before\n\nkept\n\n## Scale (issue 18)\n\nold figures\n\n## After\n\nkept too\n",
                  encoding="utf-8")
    update_markdown(R, md, tmp_path / "scale.png")
    out = md.read_text(encoding="utf-8")
    assert "old figures" not in out and out.count("## Scale (issue 18)") == 1
    assert out.index("## Before") < out.index("## Scale") < out.index("## After") and out.count("kept") == 2
    draw_curve(R, tmp_path / "scale.png")
    from PIL import Image

    assert Image.open(tmp_path / "scale.png").size[0] > 800
