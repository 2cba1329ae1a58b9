"""date: filters (issue 17) return exactly the documents whose dates lie in the span."""

import pytest

from desktop.core.search.date_filter import matcher, span

BODY = "工会主席接受采访，谈职工服务。工会组织开展了多项活动，职工反映良好。" * 3

# file path (under the folder) -> text date (or None): the stored dates below
FILES = {
    "a.txt": "2024年3月5日",           # 2024-03-05 text
    "xwlb_20240610_01.txt": None,       # 2024-06-10 name
    "2024/b.txt": None,                 # 2024 (year only) folder
    "2023/12/c.txt": None,              # 2023-12 folder
    "2023/12/31/d.txt": None,           # 2023-12-31 folders
    "e.txt": "10月6日",                 # --10-06: no year
    "f.txt": None,                      # undated
}


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    from desktop.core.service import ArchiveService

    root = tmp_path_factory.mktemp("dates")
    for rel, date in FILES.items():
        p = root / "in" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"标题{rel}\n" + (date + " " if date else "") + BODY, encoding="utf-8")
    s = ArchiveService(root / "data")
    s.index([root / "in"])
    yield s
    s.close()


def found(svc, query):
    res = svc.search(query, limit=100)
    return sorted(h.path.replace("\\", "/").split("/in/", 1)[1] for h in res.hits)


def test_stored_dates(svc):
    dates = {found_path: svc.document(h).meta.date for found_path, h in
             ((h.path.split("/in/", 1)[1], h.id) for h in svc.search("工会", limit=100).hits)}
    assert dates == {"a.txt": "2024-03-05", "xwlb_20240610_01.txt": "2024-06-10", "2024/b.txt": "2024",
                     "2023/12/c.txt": "2023-12", "2023/12/31/d.txt": "2023-12-31", "e.txt": "--10-06",
                     "f.txt": None}


@pytest.mark.parametrize("query, expected", [
    ("工会 date:2024", ["2024/b.txt", "a.txt", "xwlb_20240610_01.txt"]),
    ("工会 date:2024-03", ["a.txt"]),  # the year-only 2024 is not known to be March
    ("工会 date:2024-01..2024-06", ["a.txt", "xwlb_20240610_01.txt"]),
    ("工会 date:2023..2024", ["2023/12/31/d.txt", "2023/12/c.txt", "2024/b.txt", "a.txt", "xwlb_20240610_01.txt"]),
    ("工会 date:..2023-12", ["2023/12/31/d.txt", "2023/12/c.txt"]),
    ("工会 date:2024-03..", ["a.txt", "xwlb_20240610_01.txt"]),
    ("工会 date:2023-12-31", ["2023/12/31/d.txt"]),
    ("工会 -date:2024", ["2023/12/31/d.txt", "2023/12/c.txt", "e.txt", "f.txt"]),
    ("date:2024-06", ["xwlb_20240610_01.txt"]),
    ("工会 date:soon", []),
])
def test_date_filters_return_exactly_the_right_documents(svc, query, expected):
    assert found(svc, query) == expected


def test_spans():
    assert span("2024") == ("2024-01-01", "2024-12-31")
    assert span("2024-1..2024-6") == ("2024-01-01", "2024-06-31")
    assert span("..2023-12")[1] == "2023-12-31"
    assert span("x") is None and span("..") is None
    assert not matcher("2024")("--03-05") and not matcher("2024")(None)


def test_date_sorts_put_undated_last(svc):
    def order(sort):
        return [h.path.split("/in/", 1)[1] for h in svc.search("工会", limit=100, sort=sort).hits]

    dated_up = ["2023/12/c.txt", "2023/12/31/d.txt", "2024/b.txt", "a.txt", "xwlb_20240610_01.txt"]
    assert order("date")[:5] == dated_up and sorted(order("date")[5:]) == ["e.txt", "f.txt"]
    assert order("-date")[:5] == dated_up[::-1] and sorted(order("-date")[5:]) == ["e.txt", "f.txt"]


def test_cli_search_sort_date(svc, tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, ARCHIVE_BROWSER_HOME=str(svc.data_dir), PYTHONWARNINGS="ignore")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "search", "工会 date:2024", "--sort", "-date",
                           "--json"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.index("xwlb_20240610_01") < proc.stdout.index("a.txt") < proc.stdout.index("2024/b.txt")


def test_timeline_counts_every_matching_document(svc):
    months = svc.timeline("工会", by="month")
    assert months == {"by": "month", "total": 7, "undated": 2,
                      "buckets": [("2023-12", 2), ("2024", 1), ("2024-03", 1), ("2024-06", 1)]}
    years = svc.timeline("工会 date:2024", by="year")
    assert years == {"by": "year", "total": 3, "undated": 0, "buckets": [("2024", 3)]}
    assert svc.timeline("工会", by="auto")["by"] == "month"


def test_hits_carry_their_date(svc):
    hits = {h.path.split("/in/", 1)[1]: h for h in svc.search("工会 date:2024", limit=100).hits}
    assert {k: h.date for k, h in hits.items()} == {"2024/b.txt": "2024", "a.txt": "2024-03-05",
                                                      "xwlb_20240610_01.txt": "2024-06-10"}
    assert hits["a.txt"].to_json()["date"] == "2024-03-05"
