"""Version groups in the results (issue 14): a group's row collapses and expands, the switch shows
every version; real service in tmp_path, real Qt widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.core.service import ArchiveService
from desktop.gui.results_model import HitsModel
from desktop.gui.results_view import ResultsView
from desktop.gui.search_panel import SearchPanel

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def build(tmp_path: Path):
    seeds = sorted(SEEDS.glob("*.txt"))
    base = seeds[0].read_text(encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(base, encoding="utf-8")
    (src / "b.txt").write_text("南方工报 2024年5月6日\n" + base.replace("已", "己"), encoding="utf-8")
    (src / "c.txt").write_text("转载\n" + base + "\n（责任编辑：李华）", encoding="utf-8")
    for i in (1, 2):
        (src / f"o{i}.txt").write_text(seeds[i].read_text(encoding="utf-8"), encoding="utf-8")
    svc = ArchiveService(tmp_path / "data")
    svc.index([src])
    return svc


def show_groups(qtbot, tmp_path: Path):
    """工会's results in a results view, a row per story: (result, model, view, a story with
    other versions, the row of its lead)."""
    svc = build(tmp_path)
    try:
        result = svc.search("工会", limit=0)
    finally:
        svc.close()
    model = HitsModel()
    view = ResultsView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_hits(result.hits, stories=result.stories)
    story = next(s for s in result.stories if s.others)
    lead_row = [model.hit(r) for r in range(model.rowCount())].index(story.lead)
    return result, model, view, story, lead_row


def test_group_row_collapses_expands_and_switch_shows_all(qtbot, tmp_path):
    result, model, view, story, lead_row = show_groups(qtbot, tmp_path)
    assert result.total == 5 and result.stories_total == 3
    assert model.rowCount() == 3  # one row for the three versions
    assert "2 more versions" in model.data(model.index(lead_row, 0), Qt.ItemDataRole.UserRole + 2)

    view.show()
    view.setCurrentIndex(model.index(lead_row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.rowCount() == 5
    shown = [model.hit(r) for r in range(lead_row, lead_row + 3)]
    assert shown == [story.lead, *story.others]  # the best-matching version in front
    assert "another version" in model.data(model.index(lead_row + 1, 0), Qt.ItemDataRole.UserRole + 2)
    assert view.currentIndex().row() == lead_row
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.rowCount() == 3

    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.each_version.toggled.connect(model.set_each_version)
    panel.each_version.setChecked(True)
    assert model.rowCount() == 5 and model.hits() == result.hits
    assert not model.toggle_versions(lead_row)
    panel.each_version.setChecked(False)
    assert model.rowCount() == 3


def test_the_context_menu_path_opens_a_group_by_mouse(qtbot, tmp_path):
    """Besides Space, the row's context menu offers the versions; its action opens and closes them."""
    _result, model, view, story, lead_row = show_groups(qtbot, tmp_path)
    single = next(r for r in range(model.rowCount()) if r != lead_row and model.version_count(r) == 0)
    assert model.version_count(lead_row) == len(story.others) == 2
    assert view.has_versions(lead_row) and not view.has_versions(single)
    view.toggle_versions(lead_row)
    assert model.rowCount() == 5 and view.currentIndex().row() == lead_row
    assert view.has_versions(lead_row + 1)  # a version behind its lead closes the group too
    view.toggle_versions(lead_row + 1)
    assert model.rowCount() == 3


def test_versions_past_the_page_open_with_their_row(qtbot, tmp_path):
    """A page of one result: the story's other versions are not on it, yet its row opens to them
    (made hits when opened, with their snippets), as the row's "2 more versions" promises."""
    svc = build(tmp_path)
    try:
        base = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
        others = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[1:]]
        phrase = next(base[i:i + 6] for i in range(200, len(base)) if "已" not in base[i:i + 6]
                      and base[i:i + 6].strip() == base[i:i + 6] and not any(base[i:i + 6] in o for o in others))
        result = svc.search(f'"{phrase}"', limit=1)
        assert result.total == 3 and len(result.hits) == 1
        (story,) = result.stories
        assert story.more == 2 and story.others == []
        model = HitsModel()
        view = ResultsView()
        qtbot.addWidget(view)
        view.setModel(model)
        model.set_hits(result.hits, stories=result.stories)
        assert model.rowCount() == 1 and model.version_count(0) == 2
        assert "2 more versions" in model.data(model.index(0, 0), Qt.ItemDataRole.UserRole + 2)
        view.show()
        view.setCurrentIndex(model.index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_Space)
        assert model.rowCount() == 3
        opened = [model.hit(r) for r in range(3)]
        assert len({h.id for h in opened}) == 3 and opened[0] is story.lead
        assert all(phrase in "".join(h.snippets).replace("【", "").replace("】", "") for h in opened[1:])
        assert opened[1].score >= opened[2].score
    finally:
        svc.close()
