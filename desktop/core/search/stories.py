"""Stories: the ranked hits folded by version group (issue 14), after the searcher's evaluation.

A version group (index/versions.py) that has several matching documents shows as one story: its
best-ranked hit in front, the other matching versions behind it. The story count is taken over every
matching document (the searcher's rowids), not only over the page of hits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop.core.index.versions import Versions

_CACHE: dict[str, tuple[int, dict[str, int]]] = {}


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


def group_of(store) -> dict[str, int]:
    """Each grouped document id's group number, cached until the store's next commit."""
    key = str(store.path)
    gen = store.generation()
    cached = _CACHE.get(key)
    if cached is None or cached[0] != gen:
        cached = (gen, Versions(store).group_of())
        _CACHE[key] = cached
    return cached[1]


def fold(hits: list[Any], matching_ids: list[str], groups: dict[str, int]) -> tuple[list[Story], int]:
    """The hits as stories (rank order of their leads) and the number of stories among all matches."""
    per_group: dict[int, int] = {}
    lone = 0
    for doc in matching_ids:
        g = groups.get(doc)
        if g is None:
            lone += 1
        else:
            per_group[g] = per_group.get(g, 0) + 1
    stories: list[Story] = []
    by_group: dict[int, Story] = {}
    for hit in hits:
        g = groups.get(hit.id)
        if g is None:
            stories.append(Story(hit))
        elif g in by_group:
            by_group[g].others.append(hit)
        else:
            by_group[g] = Story(hit, more=per_group.get(g, 1) - 1)
            stories.append(by_group[g])
    for story in by_group.values():
        story.more = max(story.more, len(story.others))
    return stories, lone + len(per_group)


def apply(result, store, id_of_rowid) -> None:
    """Set result.stories and result.stories_total from its hits and matching rowids."""
    groups = group_of(store)
    ids = [id_of_rowid(r) for r in result.rowids]
    result.stories, result.stories_total = fold(result.hits, [i for i in ids if i], groups)
    wanting = {groups[s.lead.id]: s for s in result.stories if s.more > len(s.others)}
    if wanting and result.make_hits is not None:
        shown = {h.id for h in result.hits}
        scores = result.scores
        for rowid, doc in zip(result.rowids, ids):
            story = wanting.get(groups.get(doc)) if doc and doc not in shown else None
            if story is not None:
                story.rest.append((rowid, scores.get(rowid, 0.0)))
        for story in wanting.values():
            story.rest.sort(key=lambda kv: -kv[1])
            story.make_hits = result.make_hits
