from hypothesis import given, settings, strategies as st

from desktop.core.search.diff import apply, confusions, diff

A = "今天天气很好，工人们上班。\n我们己经出发了。\n最后一段被删去了，这是结尾。"
B = "新的标题\n今天天气很好，工人们上班。\n我们已经 出发了。"


def test_opcodes_rebuild_b():
    r = diff(A, B)
    assert apply(A, B, r.opcodes) == B
    assert r.opcodes[0].op == "insert"


def test_kinds():
    r = diff(A, B)
    kinds = {(A[o.a[0]:o.a[1]], B[o.b[0]:o.b[1]]): o.kind for o in r.opcodes if o.op != "equal"}
    assert kinds[("己", "已")] == "ocr"
    assert kinds[("", " ")] == "space"
    assert kinds[("", "新的标题\n")] == "edit"
    assert "已" in confusions()["己"]
    assert diff("上班", "下班").opcodes[0].kind == "edit"  # 上/下 not confusable


def test_summary():
    r = diff(A, B)
    s = r.summary()
    assert (s["ocr"], s["space"], s["sections_deleted"], s["sections_inserted"]) == (1, 1, 1, 1)
    assert s["edits"] == 2
    assert 50 < s["similarity"] < 90
    assert diff(A, A).summary()["similarity"] == 100.0 and diff(A, A).edits == 0
    assert diff("", "").similarity == 100.0


def test_blocks_cover_both_in_order():
    r = diff(A, B)
    assert r.blocks[0][0][0] == 0 and r.blocks[0][1][0] == 0
    assert r.blocks[-1] [0][1] == 3 and r.blocks[-1][1][1] == 3
    for (a, b), (a2, b2) in zip(r.blocks, r.blocks[1:]):
        assert a[1] == a2[0] and b[1] == b2[0]
    # paragraph 0 of A (今天…) is aligned with paragraph 1 of B
    assert any(a[0] == 0 and b[0] == 1 for a, b in r.blocks)


text = st.text(alphabet="己已巳土士 \n天地人。", max_size=60)


@settings(max_examples=200, deadline=None)
@given(text, text)
def test_apply_reproduces_b_property(a, b):
    r = diff(a, b)
    assert apply(a, b, r.opcodes) == b
    assert "".join(a[o.a[0]:o.a[1]] for o in r.opcodes) == a
    assert r.blocks[-1][0][1] == a.count("\n") + 1 and r.blocks[-1][1][1] == b.count("\n") + 1
