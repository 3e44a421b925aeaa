"""Comparing two versions of a plan document, measure by measure: ``diff_documents``.

Measures are matched by what they say, never by where they stand, so a deletion in the
middle of a plan (which shifts every later number) reads as one removal and a run of
renumberings. Matching goes from the surest evidence to the weakest, one-to-one:

1. the same text (owner notes cut out, width and spacing folded);
2. the same title, when only one measure on each side carries it (else within the plan);
3. text similarity above ``threshold`` (character-bigram Jaccard by default). When two
   candidates score within ``margin`` of each other and the plan does not settle it, the
   measures are reported as ``ambiguous`` rather than guessed.

Plans are matched by title first, then by where their measures went (``matching``). Each
matched pair is then compared here: title, text (``chardiff``), deadlines, owners, targets
and sub-items (matched inside their matched parent). Everything is a pure function of the
two documents.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from reformctl.audit.diff.changes import (
    ADDED,
    AMBIGUOUS,
    CHANGED,
    MOVED,
    REMOVED,
    RENUMBERED,
    DeadlineChange,
    DiffResult,
    DocumentChange,
    Match,
    MeasureChange,
    TargetChange,
)
from reformctl.audit.diff.chardiff import TextHunk, char_diff
from reformctl.audit.diff.matching import (
    DEFAULT_MARGIN,
    DEFAULT_THRESHOLD,
    Entry,
    match_measures,
    match_plans_by_measures,
    match_plans_by_title,
    old_places,
    plan_changes,
)
from reformctl.audit.diff.similarity import Similarity, bigram_jaccard, normalize, normalize_title
from reformctl.model import Deadline, Document, Measure, Target


def diff_documents(
    old: Document,
    new: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    similarity: Similarity = bigram_jaccard,
) -> DiffResult:
    """Every difference between two versions of a document, measure by measure."""
    plan_pairs = match_plans_by_title(old.plans, new.plans, similarity)
    old_top = [Entry(p, m) for p in old.plans for m in p.measures]
    new_top = [Entry(p, m) for p in new.plans for m in p.measures]

    def same_plan(o: Entry, n: Entry) -> bool:
        return plan_pairs.get(o.plan.index) == n.plan.index

    outcome = match_measures(old_top, new_top, same_plan, similarity, threshold, margin)
    match_plans_by_measures(old.plans, new.plans, plan_pairs, outcome.pairs)

    # Records are listed in new-document order; a removed measure stands where it was.
    ranked: list[tuple[float, int, MeasureChange]] = []
    matches: list[Match] = []
    new_rank = {id(e.measure): i for i, e in enumerate(new_top)}
    old_rank = {id(e.measure): i for i, e in enumerate(old_top)}
    place = old_places(outcome.pairs, old_rank, new_rank)
    for o, n, how, score in outcome.pairs:
        moved = plan_pairs.get(o.plan.index) != n.plan.index
        record, sub_matches, sub_changes = compare_pair(
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
        plans=tuple(plan_changes(old.plans, new.plans, plan_pairs)),
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
# Comparing two versions of one measure


def compare_pair(
    o: Entry,
    n: Entry,
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
    old_items = [Entry(o.plan, m) for m in old.items]
    new_items = [Entry(n.plan, m) for m in new.items]
    items_outcome = match_measures(old_items, new_items, lambda a, b: True, similarity, threshold,
                           margin)
    for io, inew, ihow, iscore in sorted(items_outcome.pairs, key=lambda p: p[1].measure.number):
        record, deeper, deeper_changes = compare_pair(
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


def _text_hunks(o: Entry, n: Entry, title_changed: bool) -> tuple[TextHunk, ...]:
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


__all__ = ["diff_documents"]
