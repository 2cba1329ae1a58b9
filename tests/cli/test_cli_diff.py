"""`main.py diff ID_A ID_B [--json] [-o file]` on two real indexed versions of a seed article."""

import json
import os

import pytest

from bench.diff import make_version
from desktop.core.search.diff import apply
from tests.cli.conftest import run
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    from desktop.core.service import ArchiveService

    root = tmp_path_factory.mktemp("diff-cli")
    folder, home = root / "articles", root / "home"
    folder.mkdir()
    text = (SEEDS / "000_6ae12ce34c73e871.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(make_version(text), encoding="utf-8")
    run("index", str(folder), home=home)
    svc = ArchiveService(home)
    try:
        ids = {os.path.basename(d["path"]): d["id"] for d in svc.documents()}
        docs = svc.document(ids["a.txt"]), svc.document(ids["b.txt"])
    finally:
        svc.close()
    return home, ids["a.txt"], ids["b.txt"], docs


def test_diff_json(versions):
    home, a, b, (doc_a, doc_b) = versions
    data = json.loads(run("diff", a, b, "--json", home=home).stdout)
    assert set(data) >= {"similarity", "edits", "ocr", "space", "sections_deleted", "opcodes", "blocks"}
    assert data["sections_deleted"] == 1 and data["ocr"] >= 3 and 90 < data["similarity"] < 100
    for op in data["opcodes"]:
        assert op["op"] in ("equal", "insert", "delete", "replace") and op["kind"] in ("edit", "ocr", "space")
    from desktop.core.search.diff import Opcode

    ops = [Opcode(o["op"], tuple(o["a"]), tuple(o["b"]), o["kind"]) for o in data["opcodes"]]
    assert apply(doc_a.text, doc_b.text, ops) == doc_b.text


def test_diff_text(versions):
    home, a, b, _ = versions
    out = run("diff", a, b, home=home).stdout
    assert "{+新标题：以心换心建好职工之家+}" in out or "{+新标题" in out
    assert "(ocr)" in out and "[-" in out
    assert out.strip().splitlines()[-1].startswith("相同 ") and "删去一节" in out


def test_diff_export_escaped(versions, tmp_path):
    home, a, b, _ = versions
    run("diff", a, b, "-o", str(tmp_path / "d.html"), home=home)
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert '<del class="ocr">' in page and '<ins class="edit">' in page and "删去一节" in page
    run("diff", a, b, "-o", str(tmp_path / "d.md"), home=home)
    md = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert md.startswith("# ") and "<del" in md
    bad = run("diff", a, b, "-o", str(tmp_path / "d.pdf"), home=home, check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and ".md" in bad.stderr


def test_diff_unknown_id(versions):
    home, a, _, _ = versions
    bad = run("diff", a, "nope", home=home, check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "找不到" in bad.stderr


def test_markdown_html_escape():
    from desktop.core.excerpts.export.diff_export import html_page, markdown
    from desktop.core.search.diff import diff

    r = diff("<b>甲</b> *a*", "<i>甲</i> *b*")
    page = html_page(r, "<x>", "y", "s<")
    assert "<b>" not in page and "<i>" not in page and "&lt;x&gt;" in page and "s&lt;" in page
    md = markdown(r, "t", "u", "s")
    assert "<b>" not in md and "<i>" not in md and "\\*" in md
