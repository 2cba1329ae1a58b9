"""Publication dates and their source (issue 17): text, file metadata, file name and folders, user."""

import os
import sqlite3

import pytest

from desktop.core.ingest.dates import choose, from_path, from_text, normalize

BODY = "本报讯 工会主席接受采访，谈职工服务。工会组织开展了多项活动，职工反映良好。" * 3


@pytest.mark.parametrize("path, expected", [
    ("/a/xwlb_20241006_02.txt", "2024-10-06"),
    ("/a/20241006-工会.txt", "2024-10-06"),
    ("/a/2024-10-06 工会.txt", "2024-10-06"),
    ("/a/2024_03_05.txt", "2024-03-05"),
    ("/a/2024/10/06/a.txt", "2024-10-06"),
    ("/a/2024/10/a.txt", "2024-10"),
    ("/a/2024/a.txt", "2024"),
    ("/a/2024-03/a.txt", "2024-03"),
    ("/a/20240306/a.txt", "2024-03-06"),
    ("/a/2023/05/xwlb_20241006.txt", "2024-10-06"),  # the file name wins over its folders
    ("/a/xwlb_20240230_01.txt", None),  # 30 February
    ("/a/xwlb_20241301.txt", None),  # month 13
    ("/a/2024/13/a.txt", "2024"),  # a month folder that is no month: the year stays
    ("/a/report_123456789.txt", None),  # a serial number
    ("/a/id_120241006.txt", None),  # inside a longer number
    ("/a/1234/a.txt", None),  # not a plausible year
    ("/a/第3期.txt", None),
])
def test_date_from_the_file_name_or_its_folders(path, expected):
    assert from_path(path) == expected


def test_date_from_the_text_rejects_impossible_dates():
    assert from_text("2024年2月30日 消息，2024年3月1日 发布") == "2024-03-01"
    assert from_text("记者 10月6日 报道") == "--10-06"
    assert from_text("13月40日") is None
    assert from_text("没有日期") is None


def test_precedence_user_text_metadata_name():
    assert choose(user="2020", text="2024-01-02", metadata="2023-01-01", name="2022") == ("2020", "user")
    assert choose(text="2024-01-02", metadata="2023-01-01", name="2022") == ("2024-01-02", "text")
    assert choose(text="2024-01-02", metadata="2023-01-01", metadata_first=True) == ("2023-01-01", "metadata")
    assert choose(text="--01-02", metadata="2023-01-01", name="2022") == ("2023-01-01", "metadata")
    assert choose(text="--01-02", name="2022-05") == ("2022-05", "name")
    assert choose(text="--01-02") == ("--01-02", "text")
    # a full date in the file's name outranks the first date of the text (often an event's date),
    # not an HTML page's published time; a year or month in the name does not outrank the text
    assert choose(text="2022-10-16", metadata="2023-01-01", name="2022-10-25") == ("2022-10-25", "name")
    assert choose(text="2022-10-16", metadata="2023-01-01", name="2022-10-25", metadata_first=True) == (
        "2023-01-01", "metadata")
    assert choose(text="2022-10-16", name="2022-10") == ("2022-10-16", "text")
    assert choose() == (None, None)


@pytest.mark.parametrize("value, expected", [
    ("2024-3-5", "2024-03-05"), ("2024/03/05", "2024-03-05"), ("2024年3月5日", "2024-03-05"),
    ("2024-03", "2024-03"), ("2024", "2024"), ("", None), (None, None),
])
def test_normalize_a_users_date(value, expected):
    assert normalize(value) == expected


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13", "soon", "24-03-05", "1800"])
def test_normalize_rejects_bad_dates(value):
    with pytest.raises(ValueError):
        normalize(value)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def archive(tmp_path):
    from desktop.core.service import ArchiveService

    folder = tmp_path / "in"
    files = {
        "text": write(folder / "news_01.txt", "工会新闻\n2024年10月6日 " + BODY),
        "name": write(folder / "xwlb_20241006_02.txt", "工会新闻二\n" + BODY),
        "folders": write(folder / "2024" / "03" / "a.txt", "工会新闻三\n" + BODY),
        "none": write(folder / "misc" / "b.txt", "工会新闻四\n" + BODY),
    }
    svc = ArchiveService(tmp_path / "data")
    svc.index([folder])
    yield svc, files, tmp_path / "data"
    svc.close()


def test_dates_and_sources_are_stored(archive):
    svc, files, _ = archive
    got = {k: (svc.document(str(p)).meta.date, svc.document(str(p)).meta.date_source) for k, p in files.items()}
    assert got == {"text": ("2024-10-06", "text"), "name": ("2024-10-06", "name"),
                   "folders": ("2024-03", "name"), "none": (None, None)}
    rows = sorted(svc.store.conn.execute("SELECT date, date_source FROM docs").fetchall(), key=str)
    assert rows == sorted([("2024-10-06", "text"), ("2024-10-06", "name"), ("2024-03", "name"), (None, None)], key=str)


def test_a_user_date_survives_reindexing(archive):
    from desktop.core.errors import UserInputError

    svc, files, _ = archive
    doc = svc.correct(str(files["text"]), date="2021-5-4")
    assert (doc.meta.date, doc.meta.date_source) == ("2021-05-04", "user")
    with pytest.raises(UserInputError):
        svc.correct(doc.id, date="2021-02-30")
    files["text"].write_text(files["text"].read_text(encoding="utf-8") + "\n补充。", encoding="utf-8")
    os.utime(files["text"], (1, 1))
    svc.index()
    again = svc.document(doc.id)
    assert (again.meta.date, again.meta.date_source) == ("2021-05-04", "user")
    assert svc.store.conn.execute("SELECT date, date_source FROM docs WHERE id=?", (doc.id,)).fetchone() == (
        "2021-05-04", "user")


def test_a_version_1_archive_gets_the_date_columns(archive):
    from desktop.core.index.store import SCHEMA_VERSION, ArchiveStore

    svc, files, data = archive
    db = svc.store.path
    svc.correct(str(files["name"]), date="2019")
    svc.close()
    conn = sqlite3.connect(db)
    conn.execute("DROP INDEX docs_date")
    conn.execute("ALTER TABLE docs DROP COLUMN date")
    conn.execute("ALTER TABLE docs DROP COLUMN date_source")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    store = ArchiveStore(db)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    rows = sorted(store.conn.execute("SELECT date, date_source FROM docs WHERE date IS NOT NULL").fetchall())
    assert rows == [("2019", "user"), ("2024-03", "text"), ("2024-10-06", "text")]
