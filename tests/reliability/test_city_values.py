"""Issue 13, item 12: a city field only ever holds one of the gazetteer's cities. What the
detector finds is kept only if it is one; a user's `correct --city` or bookmark city is turned into
the gazetteer's full name (茂名 -> 茂名市) or refused with a plain message (exit 2). Real archive,
the CLI in a subprocess."""

from __future__ import annotations

import json

import pytest

from desktop.core.ingest.cleaning import clean
from desktop.core.ingest.gazetteer import Gazetteer
from desktop.core.ingest.metadata import extract
from tests.reliability.conftest import SEED_TEXTS, no_traceback, run_cli

BAD_CITIES = ["<b>城</b>", "访华", "茂名市<script>", "北京路", "=HYPERLINK(1)", "工会", "广东省", "x" * 300]


class _LooseGazetteer:
    """A detector that returns whatever it is told (as a mis-trained or edited gazetteer might)."""

    def __init__(self, real: Gazetteer, answer: str):
        self.real, self.answer = real, answer

    def detect_city(self, text, head=""):
        return self.answer

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.mark.parametrize("answer", ["访华", "<b>城</b>市", "广东省"])
def test_detected_city_outside_the_gazetteer_is_dropped(answer):
    text = "习近平举行仪式欢迎越南国家主席访华\n新华社北京12月3日电 国家主席习近平在人民大会堂举行仪式。"
    cleaned = clean(text)
    meta = extract(cleaned.text, cleaned.paragraphs, gazetteer=_LooseGazetteer(Gazetteer.load(), answer))
    assert meta.city is None
    meta = extract(cleaned.text, cleaned.paragraphs, gazetteer=_LooseGazetteer(Gazetteer.load(), "茂名市"))
    assert meta.city == "茂名市"


def test_every_seed_city_is_a_gazetteer_city(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for key, text in SEED_TEXTS.items():
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    assert run_cli("index", folder, data_dir=data).returncode == 0
    cities = json.loads(run_cli("cities", "--json", data_dir=data).stdout)["cities"]
    gazetteer = Gazetteer.load()
    assert cities and all(gazetteer.is_city(c["city"]) for c in cities)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("city")
    folder = base / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED_TEXTS["maoming"], encoding="utf-8")
    data = base / "data"
    assert run_cli("index", folder, data_dir=data).returncode == 0
    doc = json.loads(run_cli("search", "工会", "--json", data_dir=data).stdout)["hits"][0]
    return data, doc["id"], doc["city"]


@pytest.mark.parametrize("bad", BAD_CITIES)
def test_correct_city_outside_the_gazetteer_is_refused(archive, bad):
    data, doc, city = archive
    proc = run_cli("correct", doc, "--city", bad, data_dir=data)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stdout
    assert "不认识的城市" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    shown = json.loads(run_cli("show", doc, "--json", data_dir=data).stdout)
    assert shown["city"] == city  # unchanged


def test_correct_city_is_normalised_and_can_be_cleared(archive):
    data, doc, _ = archive
    proc = run_cli("correct", doc, "--city", "佛山", "--json", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["city"] == "佛山市"
    proc = run_cli("correct", doc, "--city", "", "--json", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["city"] is None


@pytest.mark.parametrize("bad", BAD_CITIES[:4])
def test_bookmark_city_outside_the_gazetteer_is_refused(archive, bad):
    data, doc, _ = archive
    proc = run_cli("bookmark", "add", doc, "--start", "0", "--end", "5", "--city", bad, data_dir=data)
    assert proc.returncode == 2 and "不认识的城市" in proc.stderr, proc.stderr
    ok = run_cli("bookmark", "add", doc, "--start", "0", "--end", "6", "--city", "湛江", "--json", data_dir=data)
    assert ok.returncode == 0, ok.stderr
    bm = json.loads(ok.stdout)
    assert bm["city"] == "湛江市"
    edit = run_cli("bookmark", "edit", str(bm["id"]), "--city", bad, data_dir=data)
    assert edit.returncode == 2 and "不认识的城市" in edit.stderr
    listed = json.loads(run_cli("bookmark", "list", "--json", data_dir=data).stdout)["bookmarks"]
    assert all(b["city"] is None or Gazetteer.load().is_city(b["city"]) for b in listed)


def test_bookmark_store_checks_cities_through_the_service(tmp_path):
    from desktop.core.errors import UserInputError
    from desktop.core.service import ArchiveService

    svc = ArchiveService(tmp_path / "data")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED_TEXTS["maoming"], encoding="utf-8")
    svc.index([folder])
    doc = svc.document(str(folder / "a.txt"))
    with pytest.raises(UserInputError, match="不认识的城市"):
        svc.bookmarks.add_document(doc, city="<b>城</b>")
    assert svc.bookmarks.add_document(doc, city="茂名").city == "茂名市"
    svc.close()
