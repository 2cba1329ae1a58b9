"""Field-aware ranking, what matched where, and OCR variants (issue 12)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from desktop.core.ingest.cleaning import match_text
from desktop.core.service import ArchiveService
from tests.conftest import ROOT, SEED_FILES, SEEDS

FILLER = "国务院有关部门负责同志出席活动，各地代表参加。"


def _article(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


@pytest.fixture
def news(tmp_path):
    """Titles that hold both words, titles that hold one, bodies that repeat them."""
    folder = tmp_path / "news"
    folder.mkdir()
    articles = {
        "joined.txt": _article("李强会见新加坡总理", FILLER * 20 + "李强表示欢迎。"),
        "apart.txt": _article("李强在人民大会堂会见外宾", FILLER * 25),
        "apart_long.txt": _article("国务院总理李强今天在北京分别会见多国来宾并出席欢迎仪式", FILLER * 30),
        "body_heavy.txt": _article("国务院常务会议召开", ("李强会见了代表。" * 12) + FILLER * 2),
        "body_once.txt": _article("各地积极推进重点工作", FILLER * 10 + "李强在会见时指出，会见很重要。"),
        "one_word.txt": _article("李强主持召开座谈会", FILLER * 15 + "会后他会见了专家。"),
        "none.txt": _article("天气预报", FILLER * 5),
    }
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    for i in range(20):  # enough documents for the idf to mean something
        (folder / f"other{i:02d}.txt").write_text(_article(f"其他新闻第{i}号", FILLER * (3 + i)), encoding="utf-8")
    svc = ArchiveService(tmp_path / "data")
    svc.index([folder])
    yield svc
    svc.close()


def _names(result) -> list[str]:
    return [h.path.rsplit("/", 1)[-1] for h in result.hits]


def _brute(svc, *words) -> set[str]:
    out = set()
    for d in svc.documents():
        m = match_text(svc.document(d["id"]).text)
        if all(w in m for w in words):
            out.add(d["path"].rsplit("/", 1)[-1])
    return out


def test_titles_with_every_word_come_first_and_the_whole_string_before_words_apart(news):
    result = news.search("李强 会见", limit=0)
    names = _names(result)
    assert set(names) == _brute(news, "李强", "会见")  # never a document dropped
    titled = ["joined.txt", "apart.txt", "apart_long.txt"]
    assert set(names[:3]) == set(titled), names
    assert names[0] == "joined.txt"  # the whole string 李强会见 in the title
    assert names.index("apart.txt") < names.index("apart_long.txt")  # the shorter title weighs more
    # a body that repeats the whole string twelve times still comes after every such title
    assert names.index("body_heavy.txt") == 3, names


def test_a_single_word_in_the_title_outweighs_a_body_full_of_it(news):
    names = _names(news.search("会见", limit=0))
    assert set(names[:3]) == {"joined.txt", "apart.txt", "apart_long.txt"}, names
    assert names.index("body_heavy.txt") > 2


def test_the_person_field_weighs_more_than_the_body(tmp_path):
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "interview.txt").write_text(
        "学习贯彻落实大会精神\n\n茂名市总工会主席张三丰：\n\n以心换心诠释职工之家\n\n" + FILLER * 12 + "\n", encoding="utf-8")
    (folder / "mentions.txt").write_text(
        "各地工会工作简讯\n\n" + "张三丰参加座谈。" * 3 + FILLER * 12 + "\n", encoding="utf-8")
    for i in range(10):
        (folder / f"other{i}.txt").write_text(_article(f"其他新闻第{i}号", FILLER * (3 + i)), encoding="utf-8")
    svc = ArchiveService(tmp_path / "data")
    svc.index([folder])
    hits = svc.search("张三丰", limit=0).hits
    svc.close()
    assert [h.path.rsplit("/", 1)[-1] for h in hits] == ["interview.txt", "mentions.txt"]
    assert hits[0].person == "张三丰" and hits[0].matched[0]["field"] == "person"


def test_matched_says_what_matched_where(news, seeded_service):
    hits = {h.path.rsplit("/", 1)[-1]: h for h in news.search("李强 会见", limit=0).hits}
    assert hits["joined.txt"].matched[0] == {"field": "title", "how": "exact", "terms": ["李强会见"], "count": 1}
    apart = hits["apart.txt"].matched[0]
    assert apart["field"] == "title" and apart["how"] == "apart" and apart["terms"] == ["李强", "会见"]
    assert apart["complete"] is True
    one = hits["one_word.txt"].matched
    assert one[0] == {"field": "title", "how": "apart", "terms": ["李强"], "count": 1, "complete": False}
    assert {"field": "body", "how": "apart", "terms": ["会见"], "count": 1, "complete": False} in one
    heavy = hits["body_heavy.txt"].matched
    assert [m["field"] for m in heavy] == ["body"] and heavy[0]["how"] == "exact" and heavy[0]["count"] == 12
    # a person found in the person field and in the body
    hit = seeded_service.search("江洪灿", limit=1).hits[0]
    fields = {m["field"]: m for m in hit.matched}
    assert fields["person"]["how"] == "exact" and fields["body"]["count"] >= 4
    assert hit.to_json()["matched"] == hit.matched


@pytest.fixture
def misread(tmp_path):
    """The seeds, plus a copy of the Yunfu interview in which every 江洪灿 is misread as 汀洪灿."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    text = (SEEDS / SEED_FILES["yunfu"]).read_text(encoding="utf-8")
    assert text.count("江洪灿") >= 4
    (folder / "yunfu_scan2.txt").write_text(text.replace("江洪灿", "汀洪灿"), encoding="utf-8")
    svc = ArchiveService(tmp_path / "data")
    svc.index([folder])
    yield svc, folder
    svc.close()


def test_an_article_with_the_name_only_misread_is_found_under_variants(misread):
    svc, folder = misread
    result = svc.search("江洪灿", limit=0, variants=True)
    exact = {h.path for h in result.hits}
    scan2 = str((folder / "yunfu_scan2.txt").resolve())
    assert scan2 not in exact and result.total == len(exact) == 1  # the exact count is untouched
    assert [h.path for h in result.variants] == [scan2] and result.variants_total == 1
    hit = result.variants[0]
    assert hit.matched and all(m["how"] == "variant" and m["terms"] == ["汀洪灿"] and m["query"] == "江洪灿"
                               and m["at"] == 0 for m in hit.matched)
    assert sum(m["count"] for m in hit.matched) == 5  # every occurrence (the header's too)
    assert any("【汀洪灿】" in s for s in hit.snippets)
    data = result.to_json()
    assert data["variants_total"] == 1 and data["variants"][0]["matched"][0]["terms"] == ["汀洪灿"]
    assert all(h["path"] != scan2 for h in data["hits"])


def test_variants_only_for_three_characters_or_more_and_only_on_request(misread):
    svc, _ = misread
    assert svc.search("江洪灿", limit=0).variants == []  # not asked
    assert svc.search("江洪", limit=0, variants=True).variants == []  # too short: 汀洪 is not looked up
    assert svc.searcher.variant_strings("江洪") == {}
    # filters and other words of the query apply to variants as to exact hits
    assert svc.search("江洪灿", city="茂名", variants=True).variants == []
    assert len(svc.search("江洪灿 云浮", variants=True).variants) == 1
    assert svc.search("江洪灿 -云浮", variants=True).variants == []


def test_cli_search_json_lists_variants_separately(misread):
    svc, folder = misread
    data_dir = svc.data_dir
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "search", "江洪灿", "--json", "--data-dir",
                           str(data_dir)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    assert data["total"] == 1 and data["variants_total"] == 1
    assert data["variants"][0]["path"].endswith("yunfu_scan2.txt")
    assert data["hits"][0]["matched"]


def test_confusion_table_is_measured_and_holds_the_known_ocr_pairs(seeded_service):
    table = seeded_service.searcher.confusions()
    assert len(table) > 5000  # built from every GB2312 glyph, not typed in
    for a, b in ["江汀", "已己", "已巳", "未末", "人入", "土士", "日曰", "大太", "大犬", "木本", "木术"]:
        assert b in table[a] and a in table[b], (a, b)
    assert "汀" not in table.get("洪", "")
    data = json.loads((ROOT / "resources" / "ocr_confusions.json").read_text(encoding="utf-8"))
    assert "build_ocr_confusions.py" in data["about"]
