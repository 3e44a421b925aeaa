"""Comparing two versions of a plan document: which measures were added, removed,
renumbered or changed, and how.

Measures are matched by what they say, never by where they stand, so a deletion in the
middle of a plan (which shifts every later number) reads as one removal and a run of
renumberings. Matching goes from the surest evidence to the weakest, one-to-one:

1. the same text (owner notes cut out, width and spacing folded);
2. the same title, when only one measure on each side carries it (else within the plan);
3. text similarity above ``threshold`` (character-bigram Jaccard by default). When two
   candidates score within ``margin`` of each other and the plan does not settle it, the
   measures are reported as ``ambiguous`` rather than guessed.

Plans are matched by title first, then by where their measures went. Sub-items are matched
inside their matched parent. Everything here is a pure function of the two documents.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from reformctl.model import Deadline, Document, Measure, Plan, Target

Similarity = Callable[[str, str], float]

# The kinds of record a diff reports.
ADDED, REMOVED, CHANGED, RENUMBERED, MOVED, AMBIGUOUS = (
    "added", "removed", "changed", "renumbered", "moved", "ambiguous",
)
# How a pair of measures was matched, surest first.
BY_TEXT, BY_TITLE, BY_SIMILARITY, BY_PLAN = "text", "title", "similar", "similar+plan"

DEFAULT_THRESHOLD = 0.4  # two different measures of the seed never score above 0.23
DEFAULT_MARGIN = 0.05
CONTEXT = 8  # characters of unchanged text shown around a change
DIFF_CELL_LIMIT = 400

# Spacing and the bold markup PDF extraction leaves in titles: "**优化…**".
_NOISE = re.compile(r"[\s*]+")
# Everything but letters and digits, for titles (the measure key uses the same rule).
_NON_WORD = re.compile(r"[\W_]+")
# Equal runs this short between two edits are folded into one edit, so a rewording reads
# "[-推进-]{+加快推动+}" rather than as a spray of one-character pieces.
_SHORT_EQUAL = 2


def normalize(text: str) -> str:
    """Width folded (NFKC: "，" → ","), spacing and bold markup removed."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def normalize_title(text: str) -> str:
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text))


def bigram_jaccard(a: str, b: str) -> float:
    """Jaccard index of the character bigrams of two texts (0 … 1)."""
    ga, gb = _bigrams(a), _bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


# ---------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class TextHunk:
    """One changed run with a little context: ``diff`` reads "…前文[-旧-]{+新+}后文…"."""

    old: str
    new: str
    diff: str


@dataclass(frozen=True)
class DeadlineChange:
    """``change`` is postponed, brought-forward, changed (kind or wording), added or removed."""

    change: str
    old: Deadline | None
    new: Deadline | None
    days: int | None = None


@dataclass(frozen=True)
class TargetChange:
    old: Target | None
    new: Target | None


@dataclass(frozen=True)
class MeasureChange:
    """One reported difference about one measure (or sub-item, then ``parent`` is set)."""

    kind: str
    old: Measure | None
    new: Measure | None
    old_plan: Plan | None
    new_plan: Plan | None
    parent: str | None = None
    match: str | None = None
    score: float | None = None
    moved: bool = False
    title: tuple[str, str] | None = None
    text: tuple[TextHunk, ...] = ()
    deadlines: tuple[DeadlineChange, ...] = ()
    lead_added: tuple[str, ...] = ()
    lead_removed: tuple[str, ...] = ()
    responsible_added: tuple[str, ...] = ()
    responsible_removed: tuple[str, ...] = ()
    # Owner notes that changed while the measure's lead and responsible sets stayed the same
    # (a department moved from one sentence's note to another's): (old raw, new raw).
    owner_notes: tuple[tuple[str, str], ...] = ()
    targets: tuple[TargetChange, ...] = ()
    items_added: tuple[str, ...] = ()
    items_removed: tuple[str, ...] = ()
    # ambiguous: the measures that could not be told apart, on each side.
    candidates_old: tuple[str, ...] = ()
    candidates_new: tuple[str, ...] = ()

    @property
    def old_id(self) -> str | None:
        return self.old.id if self.old else None

    @property
    def new_id(self) -> str | None:
        return self.new.id if self.new else None

    @property
    def key(self) -> str:
        measure = self.new or self.old
        return measure.key if measure else ""

    @property
    def renumbered(self) -> bool:
        """The measure's own number changed (a sub-item only counts its own "(n)")."""
        if self.old is None or self.new is None:
            return False
        if self.parent is not None:
            return self.old.number != self.new.number
        return self.old.id != self.new.id

    @property
    def aspects(self) -> tuple[str, ...]:
        """What changed in the content, in a fixed order."""
        out = []
        if self.title:
            out.append("title")
        if self.text:
            out.append("text")
        if self.deadlines:
            out.append("deadlines")
        if self.lead_added or self.lead_removed:
            out.append("lead")
        if self.responsible_added or self.responsible_removed:
            out.append("responsible")
        if self.owner_notes:
            out.append("owner notes")
        if self.targets:
            out.append("targets")
        if self.items_added or self.items_removed:
            out.append("items")
        return tuple(out)


@dataclass(frozen=True)
class PlanChange:
    """``kind`` is added, removed, renamed or renumbered (renamed wins when both)."""

    kind: str
    old: Plan | None
    new: Plan | None


@dataclass(frozen=True)
class DocumentChange:
    """A change of the document header: ``field`` is title or year."""

    field: str
    old: str | int | None
    new: str | int | None


@dataclass(frozen=True)
class Match:
    """Two versions of the same measure (sub-items included), changed or not."""

    old: Measure
    new: Measure
    old_plan: Plan
    new_plan: Plan
    how: str
    score: float = 1.0
    parent: Measure | None = None  # the new parent, for a sub-item


@dataclass(frozen=True)
class Summary:
    added: int = 0
    removed: int = 0
    changed: int = 0
    renumbered: int = 0
    postponed: int = 0
    brought_forward: int = 0
    moved: int = 0
    ambiguous: int = 0
    plans: int = 0
    document: tuple[DocumentChange, ...] = ()

    def line(self) -> str:
        """"1 added, 1 removed, 2 changed, 19 renumbered, 1 deadline postponed" (+ extras)."""
        parts = [
            f"{self.added} added",
            f"{self.removed} removed",
            f"{self.changed} changed",
            f"{self.renumbered} renumbered",
            f"{self.postponed} {_plural(self.postponed, 'deadline')} postponed",
        ]
        if self.brought_forward:
            parts.append(
                f"{self.brought_forward} {_plural(self.brought_forward, 'deadline')} "
                "brought forward"
            )
        if self.moved:
            parts.append(f"{self.moved} moved to another plan")
        if self.ambiguous:
            parts.append(f"{self.ambiguous} ambiguous")
        if self.plans:
            parts.append(f"{self.plans} {_plural(self.plans, 'plan')} changed")
        for change in self.document:
            label = "plan year" if change.field == "year" else change.field
            parts.append(f"{label} {_show(change.old)} → {_show(change.new)}")
        return ", ".join(parts)


@dataclass(frozen=True)
class DiffResult:
    old: Document
    new: Document
    changes: tuple[MeasureChange, ...]
    plans: tuple[PlanChange, ...] = ()
    matches: tuple[Match, ...] = field(default=(), repr=False)
    document: tuple[DocumentChange, ...] = ()

    @property
    def identical(self) -> bool:
        return not self.changes and not self.plans and not self.document

    @property
    def summary(self) -> Summary:
        changes = self.changes
        return Summary(
            added=sum(c.kind == ADDED for c in changes),
            removed=sum(c.kind == REMOVED for c in changes),
            changed=sum(c.kind == CHANGED for c in changes),
            renumbered=sum(c.renumbered for c in changes),
            postponed=sum(d.change == "postponed" for c in changes for d in c.deadlines),
            brought_forward=sum(
                d.change == "brought-forward" for c in changes for d in c.deadlines
            ),
            moved=sum(c.moved for c in changes),
            ambiguous=sum(c.kind == AMBIGUOUS for c in changes),
            plans=len(self.plans),
            document=self.document,
        )

    def by_kind(self, kind: str) -> list[MeasureChange]:
        return [c for c in self.changes if c.kind == kind]

    def match_for_old(self) -> dict[str, Match]:
        """Old measure id → its match, for carrying records over to the new version."""
        return {m.old.id: m for m in self.matches}


# ---------------------------------------------------------------------------------------
# Entry points


def read_version(path: str | Path, *, year: int | None = None, registry: Any = None) -> Document:
    """A version to compare: parsed YAML/JSON is loaded, anything else is parsed."""
    from reformctl.corpus import DOCUMENT_SUFFIXES, load_document
    from reformctl.errors import InputError

    p = Path(path)
    if p.suffix.lower() in DOCUMENT_SUFFIXES:
        doc = load_document(p)
    else:
        from reformctl.parse import parse_file

        doc = parse_file(p, year=year, registry=registry)
    if not any(plan.measures for plan in doc.plans):
        raise InputError("no numbered measures found: nothing to compare", path=str(p))
    return doc


def diff_documents(
    old: Document,
    new: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    similarity: Similarity = bigram_jaccard,
) -> DiffResult:
    """Every difference between two versions of a document, measure by measure."""
    plan_pairs = _match_plans_by_title(old.plans, new.plans, similarity)
    old_top = [_Entry(p, m) for p in old.plans for m in p.measures]
    new_top = [_Entry(p, m) for p in new.plans for m in p.measures]

    def same_plan(o: _Entry, n: _Entry) -> bool:
        return plan_pairs.get(o.plan.index) == n.plan.index

    outcome = _match(old_top, new_top, same_plan, similarity, threshold, margin)
    _match_plans_by_measures(old.plans, new.plans, plan_pairs, outcome.pairs)

    # Records are listed in new-document order; a removed measure stands where it was.
    ranked: list[tuple[float, int, MeasureChange]] = []
    matches: list[Match] = []
    new_rank = {id(e.measure): i for i, e in enumerate(new_top)}
    old_rank = {id(e.measure): i for i, e in enumerate(old_top)}
    place = _old_places(outcome.pairs, old_rank, new_rank)
    for o, n, how, score in outcome.pairs:
        moved = plan_pairs.get(o.plan.index) != n.plan.index
        record, sub_matches, sub_changes = _compare_pair(
            o, n, how, score, moved, similarity, threshold, margin
        )
        matches.append(Match(o.measure, n.measure, o.plan, n.plan, how, score))
        matches.extend(sub_matches)
        rank = new_rank[id(n.measure)]
        for k, c in enumerate(([record] if record else []) + sub_changes):
            ranked.append((rank, k, c))
    for o in outcome.old_left:
        ranked.append((place(o), 0, MeasureChange(REMOVED, o.measure, None, o.plan, None)))
    for n in outcome.new_left:
        ranked.append((new_rank[id(n.measure)], 0,
                       MeasureChange(ADDED, None, n.measure, None, n.plan)))
    for olds, news in outcome.ambiguous:
        ranked.append((place(olds[0]), 0, MeasureChange(
            AMBIGUOUS, olds[0].measure, None, olds[0].plan, news[0].plan,
            candidates_old=tuple(e.measure.id for e in olds),
            candidates_new=tuple(e.measure.id for e in news),
        )))
    ranked.sort(key=lambda r: (r[0], r[1]))
    changes = [c for _, _, c in ranked]
    return DiffResult(
        old=old,
        new=new,
        changes=tuple(changes),
        plans=tuple(_plan_changes(old.plans, new.plans, plan_pairs)),
        matches=tuple(matches),
        document=tuple(_document_changes(old, new)),
    )


def _document_changes(old: Document, new: Document) -> list[DocumentChange]:
    """The plan year matters to every resolved deadline, so its change is said once here
    (deadlines whose phrase did not change are not reported one by one)."""
    out = []
    if normalize_title(old.document.title) != normalize_title(new.document.title):
        out.append(DocumentChange("title", old.document.title, new.document.title))
    if old.document.year != new.document.year:
        out.append(DocumentChange("year", old.document.year, new.document.year))
    return out


# ---------------------------------------------------------------------------------------
# Matching


class _Entry:
    """A measure with what matching needs, computed once."""

    __slots__ = ("plan", "measure", "body", "title")

    def __init__(self, plan: Plan, measure: Measure) -> None:
        self.plan = plan
        self.measure = measure
        self.body = normalize(body_text(measure))
        self.title = normalize_title(measure.title)


@dataclass
class _Outcome:
    pairs: list[tuple[_Entry, _Entry, str, float]]
    old_left: list[_Entry]
    new_left: list[_Entry]
    ambiguous: list[tuple[list[_Entry], list[_Entry]]]


def body_text(measure: Measure) -> str:
    """The measure text without its owner notes (owners are compared as sets)."""
    text = measure.text
    for group in measure.owners:
        if group.raw:
            text = text.replace(group.raw, "", 1)
    return text


def _match(
    old: Sequence[_Entry],
    new: Sequence[_Entry],
    same_scope: Callable[[_Entry, _Entry], bool],
    similarity: Similarity,
    threshold: float,
    margin: float,
) -> _Outcome:
    pairs: list[tuple[_Entry, _Entry, str, float]] = []
    old_free = list(old)
    new_free = list(new)

    def take(o: _Entry, n: _Entry, how: str, score: float) -> None:
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
    ambiguous: list[tuple[list[_Entry], list[_Entry]]] = []
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
    return _Outcome(pairs, old_left, new_left, ambiguous)


def _groups(
    old: Iterable[_Entry], new: Iterable[_Entry], key: Callable[[_Entry], str]
) -> list[tuple[list[_Entry], list[_Entry]]]:
    """Entries sharing a non-empty key on both sides, in old-document order."""
    olds: dict[str, list[_Entry]] = defaultdict(list)
    news: dict[str, list[_Entry]] = defaultdict(list)
    for e in old:
        if key(e):
            olds[key(e)].append(e)
    for e in new:
        if key(e):
            news[key(e)].append(e)
    return [(group, news[k]) for k, group in olds.items() if k in news]


def _match_plans_by_title(
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


def _match_plans_by_measures(
    old: Sequence[Plan],
    new: Sequence[Plan],
    pairs: dict[int, int],
    measure_pairs: Sequence[tuple[_Entry, _Entry, str, float]],
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


def _plan_changes(
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


# ---------------------------------------------------------------------------------------
# Comparing two versions of one measure


def _compare_pair(
    o: _Entry,
    n: _Entry,
    how: str,
    score: float,
    moved: bool,
    similarity: Similarity,
    threshold: float,
    margin: float,
    parent: Measure | None = None,
) -> tuple[MeasureChange | None, list[Match], list[MeasureChange]]:
    old, new = o.measure, n.measure
    title = None
    if normalize_title(old.title) != normalize_title(new.title):
        title = (old.title, new.title)
    hunks = _text_hunks(o, n, title is not None)
    deadlines = tuple(_deadline_changes(old.deadlines, new.deadlines))
    targets = tuple(_target_changes(old.targets, new.targets))

    # Sub-items, matched within the pair.
    sub_matches: list[Match] = []
    sub_changes: list[MeasureChange] = []
    old_items = [_Entry(o.plan, m) for m in old.items]
    new_items = [_Entry(n.plan, m) for m in new.items]
    items_outcome = _match(old_items, new_items, lambda a, b: True, similarity, threshold,
                           margin)
    for io, inew, ihow, iscore in sorted(items_outcome.pairs, key=lambda p: p[1].measure.number):
        record, deeper, deeper_changes = _compare_pair(
            io, inew, ihow, iscore, False, similarity, threshold, margin, parent=new
        )
        sub_matches.append(Match(io.measure, inew.measure, o.plan, n.plan, ihow, iscore, new))
        sub_matches.extend(deeper)
        if record is not None:
            sub_changes.append(record)
        sub_changes.extend(deeper_changes)
    items_removed = [e.measure.id for e in items_outcome.old_left]
    items_added = [e.measure.id for e in items_outcome.new_left]
    for olds, news in items_outcome.ambiguous:
        items_removed.extend(e.measure.id for e in olds)
        items_added.extend(e.measure.id for e in news)

    owner_notes: tuple[tuple[str, str], ...] = ()
    if set(old.lead) == set(new.lead) and set(old.responsible) == set(new.responsible):
        owner_notes = tuple(
            (a.raw if a else "", b.raw if b else "")
            for a, b in _aligned(old.owners, new.owners,
                                 lambda g: (frozenset(g.lead), frozenset(g.responsible)))
        )
    record = MeasureChange(
        CHANGED, old, new, o.plan, n.plan,
        parent=parent.id if parent is not None else None,
        match=how,
        score=score,
        moved=moved,
        title=title,
        text=hunks,
        deadlines=deadlines,
        lead_added=_minus(new.lead, old.lead),
        lead_removed=_minus(old.lead, new.lead),
        responsible_added=_minus(new.responsible, old.responsible),
        responsible_removed=_minus(old.responsible, new.responsible),
        owner_notes=owner_notes,
        targets=targets,
        items_added=tuple(items_added),
        items_removed=tuple(sorted(items_removed)),
    )
    if record.aspects:
        return record, sub_matches, sub_changes
    if moved:
        return _replace_kind(record, MOVED), sub_matches, sub_changes
    if record.renumbered:
        return _replace_kind(record, RENUMBERED), sub_matches, sub_changes
    return None, sub_matches, sub_changes


def _replace_kind(record: MeasureChange, kind: str) -> MeasureChange:
    return replace(record, kind=kind)


def _minus(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    other = set(b)
    return tuple(x for x in a if x not in other)


def _text_hunks(o: _Entry, n: _Entry, title_changed: bool) -> tuple[TextHunk, ...]:
    """Character-level changes of the text (owner notes excluded), the title left out when
    the title is reported on its own."""
    a, b = o.body, n.body
    if a == b:
        return ()
    if title_changed:
        ta, tb = normalize(o.measure.title), normalize(n.measure.title)
        if a.startswith(ta) and b.startswith(tb):
            a, b = a[len(ta):], b[len(tb):]
            if a == b:
                return ()
    return tuple(char_diff(a, b))


def char_diff(a: str, b: str, context: int = CONTEXT) -> list[TextHunk]:
    """The changed runs between two texts, each with ``context`` characters around it."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = _coalesce([(str(t), i1, i2, j1, j2) for t, i1, i2, j1, j2 in matcher.get_opcodes()])
    hunks: list[TextHunk] = []
    group: list[tuple[str, int, int, int, int]] = []

    def flush() -> None:
        if not group:
            return
        i1, j1 = group[0][1], group[0][3]
        i2, j2 = group[-1][2], group[-1][4]
        start, end = max(0, i1 - context), min(len(a), i2 + context)
        pieces = ["…" if start > 0 else "", a[start:i1]]
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                pieces.append(a[x1:x2])
                continue
            if x2 > x1:
                pieces.append(f"[-{a[x1:x2]}-]")
            if y2 > y1:
                pieces.append(f"{{+{b[y1:y2]}+}}")
        pieces.extend([a[i2:end], "…" if end < len(a) else ""])
        hunks.append(TextHunk(old=a[i1:i2], new=b[j1:j2], diff="".join(pieces)))
        group.clear()

    for op in ops:
        tag, i1, i2, _, _ = op
        if tag == "equal":
            if group and i2 - i1 <= 2 * context:
                group.append(op)
            else:
                flush()
            continue
        group.append(op)
    while group and group[-1][0] == "equal":
        group.pop()
    flush()
    return hunks


def _coalesce(
    ops: list[tuple[str, int, int, int, int]],
) -> list[tuple[str, int, int, int, int]]:
    """Fold short equal runs between two edits into one replacement."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        out.append(op)
        while len(out) >= 3 and out[-1][0] != "equal" and out[-3][0] != "equal" \
                and out[-2][0] == "equal" and out[-2][2] - out[-2][1] <= _SHORT_EQUAL:
            _, i1, _, j1, _ = out[-3]
            _, _, i2, _, j2 = out[-1]
            del out[-3:]
            out.append(("replace", i1, i2, j1, j2))
    return out


def _deadline_signature(d: Deadline) -> tuple[Any, ...]:
    """What a deadline says. The resolved date is left out: it follows from the phrase and
    the plan year, and a change of plan year is reported once for the whole document."""
    return (d.kind, normalize(d.raw), d.day, d.amount, d.unit)


def _deadline_changes(old: Sequence[Deadline], new: Sequence[Deadline]) -> list[DeadlineChange]:
    out: list[DeadlineChange] = []
    for a, b in _aligned(old, new, _deadline_signature):
        if a is None:
            out.append(DeadlineChange("added", None, b))
        elif b is None:
            out.append(DeadlineChange("removed", a, None))
        elif a.date is not None and b.date is not None and a.kind == b.kind:
            days = (b.date - a.date).days
            kind = "postponed" if days > 0 else "brought-forward" if days < 0 else "changed"
            out.append(DeadlineChange(kind, a, b, days))
        else:
            out.append(DeadlineChange("changed", a, b))
    return out


def _target_signature(t: Target) -> tuple[Any, ...]:
    return (normalize_title(t.subject), t.op, t.value, t.unit, t.change)


def _target_changes(old: Sequence[Target], new: Sequence[Target]) -> list[TargetChange]:
    return [TargetChange(a, b) for a, b in _aligned(old, new, _target_signature)]


def _aligned(
    old: Sequence[Any], new: Sequence[Any], signature: Callable[[Any], Any]
) -> list[tuple[Any, Any]]:
    """Pairs of differing items of two lists (None for a side that has none), in order.

    Equal items drop out. What is left on each side pairs up in text order, so
    [7月底前, 7月底前] → [8月底前, 7月底前] reads as one deadline moved, not one removed and
    one added; the surplus of the longer side is added or removed.
    """
    a = [signature(x) for x in old]
    b = [signature(x) for x in new]
    gone: list[Any] = []
    came: list[Any] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            gone.extend(old[i1:i2])
            came.extend(new[j1:j2])
    out: list[tuple[Any, Any]] = []
    for k in range(max(len(gone), len(came))):
        out.append((gone[k] if k < len(gone) else None, came[k] if k < len(came) else None))
    return out


def _old_places(
    pairs: Sequence[tuple[_Entry, _Entry, str, float]],
    old_rank: dict[int, int],
    new_rank: dict[int, int],
) -> Callable[[_Entry], float]:
    """Where an unmatched old measure would stand in the new document: just after the new
    place of the nearest matched measure before it."""
    placed = sorted((old_rank[id(o.measure)], new_rank[id(n.measure)]) for o, n, _, _ in pairs)

    def place(entry: _Entry) -> float:
        r = old_rank[id(entry.measure)]
        before = [new for old, new in placed if old < r]
        return (max(before) if before else -1) + 0.5

    return place


# ---------------------------------------------------------------------------------------
# Plain records (json/yaml/csv/md/table all read these)


def change_record(change: MeasureChange) -> dict[str, Any]:
    """A change as a plain dict with stable keys (the JSON output of `reformctl diff`)."""
    old, new = change.old, change.new
    return {
        "kind": change.kind,
        "key": change.key,
        "old_id": change.old_id,
        "new_id": change.new_id if change.kind != AMBIGUOUS else None,
        "old_key": old.key if old else None,
        "new_key": new.key if new and change.kind != AMBIGUOUS else None,
        "parent": change.parent,
        "old_plan": change.old_plan.title if change.old_plan else None,
        "new_plan": change.new_plan.title if change.new_plan else None,
        "title": _title_of(new or old),
        "match": change.match,
        "score": change.score,
        "renumbered": change.renumbered,
        "moved": change.moved,
        "aspects": list(change.aspects),
        "title_change": {"old": change.title[0], "new": change.title[1]} if change.title else None,
        "text_diff": [{"old": h.old, "new": h.new, "diff": h.diff} for h in change.text],
        "deadlines": [_deadline_record(d) for d in change.deadlines],
        "lead_added": list(change.lead_added),
        "lead_removed": list(change.lead_removed),
        "responsible_added": list(change.responsible_added),
        "responsible_removed": list(change.responsible_removed),
        "owner_notes": [{"old": a, "new": b} for a, b in change.owner_notes],
        "targets": [_target_record(t) for t in change.targets],
        "items_added": list(change.items_added),
        "items_removed": list(change.items_removed),
        "candidates": (
            {"old": list(change.candidates_old), "new": list(change.candidates_new)}
            if change.kind == AMBIGUOUS else None
        ),
        "details": describe(change),
    }


def _deadline_record(d: DeadlineChange) -> dict[str, Any]:
    return {
        "change": d.change,
        "old": d.old.raw if d.old else None,
        "new": d.new.raw if d.new else None,
        "old_date": _iso(d.old.date) if d.old else None,
        "new_date": _iso(d.new.date) if d.new else None,
        "days": d.days,
    }


def _title_of(measure: Measure | None) -> str:
    return measure.title if measure is not None else ""


def _target_record(t: TargetChange) -> dict[str, Any]:
    either = t.new or t.old
    return {
        "old": t.old.raw if t.old else None,
        "new": t.new.raw if t.new else None,
        "subject": either.subject if either else "",
        "old_value": _value(t.old.value) if t.old else None,
        "new_value": _value(t.new.value) if t.new else None,
        "unit": either.unit if either else "",
    }


def plan_record(change: PlanChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_index": change.old.index if change.old else None,
        "new_index": change.new.index if change.new else None,
        "old_title": change.old.title if change.old else None,
        "new_title": change.new.title if change.new else None,
    }


def summary_record(summary: Summary) -> dict[str, Any]:
    return {
        "added": summary.added,
        "removed": summary.removed,
        "changed": summary.changed,
        "renumbered": summary.renumbered,
        "deadlines_postponed": summary.postponed,
        "deadlines_brought_forward": summary.brought_forward,
        "moved": summary.moved,
        "ambiguous": summary.ambiguous,
        "plans_changed": summary.plans,
        "document_changed": [c.field for c in summary.document],
    }


def result_record(result: DiffResult) -> dict[str, Any]:
    """The whole diff as plain data: both documents, summary, plan and measure changes."""

    def doc(d: Document) -> dict[str, Any]:
        return {"title": d.document.title, "source": d.document.source,
                "sha256": d.document.sha256}

    return {
        "old": doc(result.old),
        "new": doc(result.new),
        "identical": result.identical,
        "summary": summary_record(result.summary),
        "document": [{"field": c.field, "old": c.old, "new": c.new} for c in result.document],
        "plans": [plan_record(p) for p in result.plans],
        "changes": [change_record(c) for c in result.changes],
    }


def describe(change: MeasureChange) -> str:
    """What changed, in one readable line: "deadline 6月底前 → 9月底前 (postponed 92 days); …"."""
    parts: list[str] = []
    if change.kind == AMBIGUOUS:
        return (f"could be any of {', '.join(change.candidates_new)} "
                f"(old {', '.join(change.candidates_old)}): not matched")
    if change.moved and change.old_plan and change.new_plan:
        parts.append(f"moved from plan {change.old_plan.title} to {change.new_plan.title}")
    if change.title:
        parts.append(f"title: {change.title[0]} → {change.title[1]}")
    for d in change.deadlines:
        parts.append(_describe_deadline(d))
    if change.lead_added or change.lead_removed:
        parts.append("lead " + _plus_minus(change.lead_added, change.lead_removed))
    if change.responsible_added or change.responsible_removed:
        parts.append("responsible " + _plus_minus(change.responsible_added,
                                                  change.responsible_removed))
    for old_note, new_note in change.owner_notes:
        parts.append(f"owner note {old_note or '(none)'} → {new_note or '(none)'}")
    for t in change.targets:
        if t.old and t.new:
            parts.append(f"target {t.old.raw} → {t.new.raw}")
        elif t.new:
            parts.append(f"target added: {t.new.raw}")
        elif t.old:
            parts.append(f"target removed: {t.old.raw}")
    if change.items_added:
        parts.append("sub-items added: " + ", ".join(change.items_added))
    if change.items_removed:
        parts.append("sub-items removed: " + ", ".join(change.items_removed))
    if change.text:
        text = " ".join(h.diff for h in change.text)
        if len(text) > DIFF_CELL_LIMIT:
            text = text[:DIFF_CELL_LIMIT] + "…"
        parts.append("text: " + text)
    return "; ".join(parts)


def _describe_deadline(d: DeadlineChange) -> str:
    if d.change == "added" and d.new:
        return f"deadline added: {d.new.raw}"
    if d.change == "removed" and d.old:
        return f"deadline removed: {d.old.raw}"
    old = d.old.raw if d.old else ""
    new = d.new.raw if d.new else ""
    if d.days:
        word = "postponed" if d.days > 0 else "brought forward"
        n = abs(d.days)
        return f"deadline {old} → {new} ({word} {n} {_plural(n, 'day')})"
    return f"deadline {old} → {new}"


def _plus_minus(added: Sequence[str], removed: Sequence[str]) -> str:
    return " ".join([*(f"+{x}" for x in added), *(f"-{x}" for x in removed)])


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _show(value: str | int | None) -> str:
    return "none" if value is None or value == "" else str(value)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _value(v: Any) -> Any:
    if isinstance(v, tuple):
        return [_value(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


__all__ = [
    "DiffResult",
    "MeasureChange",
    "PlanChange",
    "DocumentChange",
    "Match",
    "Summary",
    "diff_documents",
    "read_version",
    "result_record",
    "change_record",
    "char_diff",
    "bigram_jaccard",
]
