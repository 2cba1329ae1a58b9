"""CLI (issue 17): show --json gives date and date_source; correct --date; timeline --json."""

import json

import pytest

from tests.cli.conftest import run

BODY = "工会主席接受采访，谈职工服务。工会组织开展了多项活动，职工反映良好。" * 3


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-dates")
    folder = root / "in"
    (folder / "2023" / "12").mkdir(parents=True)
    (folder / "a.txt").write_text("标题一\n2024年3月5日 " + BODY, encoding="utf-8")
    (folder / "xwlb_20240610_01.txt").write_text("标题二\n" + BODY, encoding="utf-8")
    (folder / "2023" / "12" / "c.txt").write_text("标题三\n" + BODY, encoding="utf-8")
    run("index", str(folder), home=root / "home")
    return root


def test_show_json_gives_date_and_source(home):
    doc = json.loads(run("show", str(home / "in" / "xwlb_20240610_01.txt"), "--json", home=home / "home").stdout)
    assert (doc["date"], doc["date_source"]) == ("2024-06-10", "name")


def test_timeline_json(home):
    out = json.loads(run("timeline", "工会", "--by", "year", "--json", home=home / "home").stdout)
    assert out == {"by": "year", "total": 3, "undated": 0,
                   "buckets": [{"date": "2023", "count": 1}, {"date": "2024", "count": 2}]}
    out = json.loads(run("timeline", "工会", "--by", "month", "--json", home=home / "home").stdout)
    assert [b["date"] for b in out["buckets"]] == ["2023-12", "2024-03", "2024-06"]


def test_correct_date_and_a_bad_date_gives_a_plain_message(home):
    path = str(home / "in" / "a.txt")
    doc = json.loads(run("correct", path, "--date", "2022-7-1", "--json", home=home / "home").stdout)
    assert (doc["date"], doc["date_source"]) == ("2022-07-01", "user")
    bad = run("correct", path, "--date", "2022-02-30", home=home / "home", check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "日期无效" in bad.stderr
    doc = json.loads(run("show", path, "--json", home=home / "home").stdout)
    assert doc["date"] == "2022-07-01"
    run("correct", path, "--date", "2024-03-05", home=home / "home")  # back, for the timeline test


def test_display_of_partial_dates():
    from desktop.core.models import display_date

    assert [display_date(d) for d in ("2024-03-05", "2024-03", "2024", "--03-05")] == [
        "2024年3月5日", "2024年3月", "2024年", "3月5日"]
