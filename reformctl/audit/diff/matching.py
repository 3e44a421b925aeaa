"""Which measure of the old version is which of the new: one-to-one, surest evidence first.

1. the same text (owner notes cut out, width and spacing folded);
2. the same title, when only one measure on each side carries it (else within the plan);
3. text similarity above ``threshold``; two candidates within ``margin`` of each other that
   the plan does not settle are ``ambiguous``, never guessed.

Plans are matched by title first, then by where their measures went.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reformctl.audit.diff.changes import (
    ADDED,
    BY_PLAN,
    BY_SIMILARITY,
    BY_TEXT,
    BY_TITLE,
    REMOVED,
    RENUMBERED,
    PlanChange,
)
from reformctl.audit.diff.similarity import Similarity, body_text, normalize, normalize_title
from reformctl.model import Measure, Plan

DEFAULT_THRESHOLD = 0.4  # two different measures of the seed never score above 0.23
DEFAULT_MARGIN = 0.05


class Entry:
    """A measure with what matching needs, computed once."""

    __slots__ = ("plan", "measure", "body", "title")

    def __init__(self, plan: Plan, measure: Measure) -> None:
        self.plan = plan
        self.measure = measure
        self.body = normalize(body_text(measure))
        self.title = normalize_title(measure.title)


@dataclass
class Outcome:
    pairs: list[tuple[Entry, Entry, str, float]]
    old_left: list[Entry]
    new_left: list[Entry]
    ambiguous: list[tuple[list[Entry], list[Entry]]]


def match_measures(
    old: Sequence[Entry],
    new: Sequence[Entry],
    same_scope: Callable[[Entry, Entry], bool],
    similarity: Similarity,
    threshold: float,
    margin: float,
) -> Outcome:
    pairs: list[tuple[Entry, Entry, str, float]] = []
    old_free = list(old)
    new_free = list(new)

    def take(o: Entry, n: Entry, how: str, score: float) -> None:
        pairs.append((o, n, how, score))
        old_free.remove(o)
        new_free.remove(n)

    # 1. The same text: equal groups pair in document order (identical twins are equal).
    for o_group, n_group in _groups(old_free, new_free, lambda e: e.body):
        if len(o_group) == len(n_group):
            for o, n in zip(o_group, n_group, strict=True):
                take(o, n, BY_TEXT, 1.0)

    # 2. The same title, unique on both sides, else unique within the plan pair.
    for o_group, n_group in _groups(old_free, new_free, lambda e: e.title):
        if len(o_group) == 1 and len(n_group) == 1:
            take(o_group[0], n_group[0], BY_TITLE, 1.0)
            continue
        for o in o_group:
            scoped = [n for n in n_group if same_scope(o, n) and n in new_free]
            if len(scoped) == 1 and sum(same_scope(x, scoped[0]) for x in o_group) == 1:
                take(o, scoped[0], BY_TITLE, 1.0)

    # 3. Similar text, best pairs first; close rivals make the pair ambiguous.
    ambiguous: list[tuple[list[Entry], list[Entry]]] = []
    scores: dict[tuple[int, int], float] = {}
    candidates: list[tuple[float, int, int]] = []
    for i, o in enumerate(old_free):
        for j, n in enumerate(new_free):
            s = similarity(o.body, n.body)
            if s >= threshold:
                scores[i, j] = s
                candidates.append((s, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    by_old: dict[int, list[int]] = defaultdict(list)
    by_new: dict[int, list[int]] = defaultdict(list)
    for _, i, j in candidates:
        by_old[i].append(j)
        by_new[j].append(i)
    used_old: set[int] = set()
    used_new: set[int] = set()
    similar_pairs: list[tuple[int, int, str, float]] = []
    for s, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        rival_new = [k for k in by_old[i]
                     if k != j and k not in used_new and scores[i, k] >= s - margin]
        rival_old = [k for k in by_new[j]
                     if k != i and k not in used_old and scores[k, j] >= s - margin]
        how = BY_SIMILARITY
        if rival_new or rival_old:
            o, n = old_free[i], new_free[j]
            if same_scope(o, n) and not any(same_scope(o, new_free[k]) for k in rival_new) \
                    and not any(same_scope(old_free[k], n) for k in rival_old):
                how = BY_PLAN
            else:
                olds = [i, *rival_old]
                news = [j, *rival_new]
                used_old.update(olds)
                used_new.update(news)
                ambiguous.append(([old_free[k] for k in sorted(olds)],
                                  [new_free[k] for k in sorted(news)]))
                continue
        used_old.add(i)
        used_new.add(j)
        similar_pairs.append((i, j, how, s))
    pairs.extend((old_free[i], new_free[j], how, round(s, 3)) for i, j, how, s in similar_pairs)
    old_left = [e for k, e in enumerate(old_free) if k not in used_old]
    new_left = [e for k, e in enumerate(new_free) if k not in used_new]
    return Outcome(pairs, old_left, new_left, ambiguous)


def _groups(
    old: Iterable[Entry], new: Iterable[Entry], key: Callable[[Entry], str]
) -> list[tuple[list[Entry], list[Entry]]]:
    """Entries sharing a non-empty key on both sides, in old-document order."""
    olds: dict[str, list[Entry]] = defaultdict(list)
    news: dict[str, list[Entry]] = defaultdict(list)
    for e in old:
        if key(e):
            olds[key(e)].append(e)
    for e in new:
        if key(e):
            news[key(e)].append(e)
    return [(group, news[k]) for k, group in olds.items() if k in news]


def match_plans_by_title(
    old: Sequence[Plan], new: Sequence[Plan], similarity: Similarity
) -> dict[int, int]:
    """Old plan index → new plan index, by the same title, then by a clearly closest one."""
    pairs: dict[int, int] = {}
    old_titles = Counter(normalize_title(p.title) for p in old)
    new_titles = Counter(normalize_title(p.title) for p in new)
    by_title = {normalize_title(p.title): p.index for p in new}
    for p in old:
        t = normalize_title(p.title)
        if t and old_titles[t] == 1 and new_titles[t] == 1:
            pairs[p.index] = by_title[t]
    taken = set(pairs.values())
    scored = sorted(
        ((similarity(normalize_title(o.title), normalize_title(n.title)), o.index, n.index)
         for o in old if o.index not in pairs for n in new if n.index not in taken),
        reverse=True,
    )
    for s, oi, ni in scored:
        if s < 0.5:
            break
        if oi in pairs or ni in taken:
            continue
        close = [x for x in scored if x[0] >= s - DEFAULT_MARGIN and (x[1] == oi) != (x[2] == ni)
                 and x[1] not in pairs and x[2] not in taken]
        if close:
            continue
        pairs[oi] = ni
        taken.add(ni)
    return pairs


def match_plans_by_measures(
    old: Sequence[Plan],
    new: Sequence[Plan],
    pairs: dict[int, int],
    measure_pairs: Sequence[tuple[Entry, Entry, str, float]],
) -> None:
    """A renamed plan is the unmatched plan most of its measures went to."""
    taken = set(pairs.values())
    votes: dict[int, Counter[int]] = defaultdict(Counter)
    for o, n, _, _ in measure_pairs:
        if o.plan.index not in pairs and n.plan.index not in taken:
            votes[o.plan.index][n.plan.index] += 1
    for p in old:
        counter = votes.get(p.index)
        if not counter:
            continue
        (best, count), (_, runner_up) = (counter.most_common(2) + [(0, 0)])[:2]
        if count * 2 > len(p.measures) and runner_up < count and best not in taken:
            pairs[p.index] = best
            taken.add(best)


def plan_changes(
    old: Sequence[Plan], new: Sequence[Plan], pairs: dict[int, int]
) -> list[PlanChange]:
    out: list[PlanChange] = []
    new_by_index = {p.index: p for p in new}
    for p in old:
        if p.index not in pairs:
            out.append(PlanChange(REMOVED, p, None))
            continue
        q = new_by_index[pairs[p.index]]
        if normalize_title(p.title) != normalize_title(q.title):
            out.append(PlanChange("renamed", p, q))
        elif p.index != q.index:
            out.append(PlanChange(RENUMBERED, p, q))
    matched = set(pairs.values())
    out.extend(PlanChange(ADDED, None, q) for q in new if q.index not in matched)
    return out


def old_places(
    pairs: Sequence[tuple[Entry, Entry, str, float]],
    old_rank: dict[int, int],
    new_rank: dict[int, int],
) -> Callable[[Entry], float]:
    """Where an unmatched old measure would stand in the new document: just after the new
    place of the nearest matched measure before it."""
    placed = sorted((old_rank[id(o.measure)], new_rank[id(n.measure)]) for o, n, _, _ in pairs)

    def place(entry: Entry) -> float:
        r = old_rank[id(entry.measure)]
        before = [new for old, new in placed if old < r]
        return (max(before) if before else -1) + 0.5

    return place


__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_THRESHOLD",
    "Entry",
    "Outcome",
    "match_measures",
    "match_plans_by_measures",
    "match_plans_by_title",
    "old_places",
    "plan_changes",
]
