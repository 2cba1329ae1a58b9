"""Stories: the ranked hits folded by version group (issue 14), after the searcher's evaluation.

A version group (index/versions.py) that has several matching documents shows as one story: its
best-ranked hit in front, the other matching versions behind it. The story count is taken over every
matching document (the searcher's rowids), not only over the page of hits.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from desktop.core.index.versions import Versions


@dataclass
class Grouping:
    """The archive's version groups, by document id (hits) and by rowid (matching documents)."""

    by_id: dict[str, int] = field(default_factory=dict)
    members: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # group -> (rowid, id)


_CACHE: dict[str, tuple[int, Grouping]] = {}


@dataclass
class Story:
    lead: Any  # the best-ranked hit of the story
    others: list[Any] = field(default_factory=list)  # its other versions among the hits, in rank order
    more: int = 0  # its other versions among all matching documents (others plus those past the page)
    rest: list[tuple[int, float]] = field(default_factory=list, repr=False)  # (rowid, score) past the page
    make_hits: Callable[[list[tuple[int, float]]], list[Any]] | None = field(default=None, repr=False)

    def load_rest(self) -> list[Any]:
        """Every other matching version: those past the page become hits (once, on demand: when the
        row is opened), behind the ones on the page, best score first."""
        if self.rest and self.make_hits is not None:
            rest, self.rest = self.rest, []
            self.others.extend(self.make_hits(rest))
        return self.others


def grouping(store) -> Grouping:
    """The version groups, cached until the store's next commit."""
    key = str(store.path)
    gen = store.generation()
    cached = _CACHE.get(key)
    if cached is None or cached[0] != gen:
        by_id = Versions(store).group_of()
        members: dict[int, list[tuple[int, str]]] = {}
        ids = list(by_id)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, doc in store.conn.execute(f"SELECT rowid, id FROM docs WHERE id IN ({marks})", chunk):
                members.setdefault(by_id[doc], []).append((rowid, doc))
        cached = (gen, Grouping(by_id, members))
        _CACHE[key] = cached
    return cached[1]


def fold(hits: list[Any], matching: Collection[int], groups: Grouping) -> tuple[list[Story], int]:
    """The hits as stories (rank order of their leads) and the number of stories among all the
    matching rowids. Only the grouped documents are looked at, not every match."""
    per_group: dict[int, int] = {}
    grouped = 0
    for g, rows in groups.members.items():
        k = sum(1 for rowid, _ in rows if rowid in matching)
        if k:
            per_group[g] = k
            grouped += k
    stories: list[Story] = []
    by_group: dict[int, Story] = {}
    for hit in hits:
        g = groups.by_id.get(hit.id)
        if g is None:
            stories.append(Story(hit))
        elif g in by_group:
            by_group[g].others.append(hit)
        else:
            by_group[g] = Story(hit, more=per_group.get(g, 1) - 1)
            stories.append(by_group[g])
    for story in by_group.values():
        story.more = max(story.more, len(story.others))
    return stories, len(matching) - grouped + len(per_group)


def apply(result, store) -> None:
    """Set result.stories and result.stories_total from its hits and matching documents; a story
    with versions past the page keeps them (result.scores' rowids) to be made hits when opened."""
    groups = grouping(store)
    matching = result.scores or set(result.rowids)
    result.stories, result.stories_total = fold(result.hits, matching, groups)
    wanting = {groups.by_id[s.lead.id]: s for s in result.stories if s.more > len(s.others)}
    if wanting and result.make_hits is not None:
        shown = {h.id for h in result.hits}
        for g, story in wanting.items():
            story.rest = sorted(((rowid, result.scores.get(rowid, 0.0)) for rowid, doc in groups.members[g]
                                 if rowid in matching and doc not in shown), key=lambda kv: -kv[1])
            story.make_hits = result.make_hits
