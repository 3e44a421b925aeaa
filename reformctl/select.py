"""Choosing measures from a corpus: the filters that list, due, audit and export share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reformctl.corpus import Corpus, CorpusEntry
from reformctl.errors import UsageError
from reformctl.grouping import DepartmentKey
from reformctl.model import Deadline, Measure, Plan

if TYPE_CHECKING:
    from reformctl.registry import Registry


@dataclass(frozen=True)
class Hit:
    """A measure (or sub-item) with where it stands: document entry and plan."""

    entry: CorpusEntry
    plan: Plan
    measure: Measure

    @property
    def doc_name(self) -> str:
        return self.entry.path.stem


def plan_matches(plan: Plan, selector: str) -> bool:
    """--plan 3 (index), --plan 获得电力 (title contains)."""
    selector = selector.strip()
    if selector.isdigit():
        return plan.index == int(selector)
    return selector in plan.title


def dept_matcher(
    dept: str, registry: Registry | None = None, key: DepartmentKey | None = None
) -> Callable[..., bool]:
    """A predicate on department names that understands registry aliases. With ``key`` and
    the document a printed name comes from (``matches(name, document)``), the name is read by
    its grouping key (``reformctl.grouping``), so only a registry that applies to that
    document folds it."""
    wanted = {dept}
    if registry is not None:
        wanted.add(registry.canonical(dept))

    def matches(name: str, document: str | None = None) -> bool:
        if name in wanted:
            return True
        if key is not None and document is not None:
            return key(name, document) in wanted
        return registry is not None and registry.canonical(name) in wanted

    return matches


def select(
    corpus: Corpus,
    *,
    plan: str | None = None,
    dept: str | None = None,
    grep: str | None = None,
    registry: Registry | None = None,
    items: bool = True,
) -> list[Hit]:
    """Measures matching every filter given, in corpus order."""
    pattern = None
    if grep:
        try:
            pattern = re.compile(grep)
        except re.error as exc:
            raise UsageError(f"--grep is not a valid pattern: {exc}") from None
    # A name matches as printed or by its grouping key (the canonical name the document's
    # notes or a registry applying to its issuer give it: reformctl.grouping).
    match_dept = None
    if dept:
        key = DepartmentKey(registry, {e.path.stem: e.document for e in corpus.entries})
        match_dept = dept_matcher(dept, registry, key)
    hits = []
    for entry, p, m in corpus.walk():
        if not items and m.id.count(".") > 1:
            continue
        if plan and not plan_matches(p, plan):
            continue
        if match_dept and not any(match_dept(n, entry.path.stem) for n in m.departments):
            continue
        if pattern and not (pattern.search(m.title) or pattern.search(m.text)):
            continue
        hits.append(Hit(entry, p, m))
    return hits


def dated(deadlines: Iterable[Deadline], kinds: tuple[str, ...] = ("by",)) -> list[Deadline]:
    return [d for d in deadlines if d.date is not None and d.kind in kinds]


def final_deadline(measure: Measure) -> date | None:
    """The last dated `by` deadline: when the whole measure is due."""
    dates = [d.date for d in dated(measure.deadlines) if d.date]
    return max(dates) if dates else None


def identity_record(hit: Hit) -> dict[str, Any]:
    """The keys that say which measure a record is about, first in every command's records."""
    m = hit.measure
    return {
        "document": hit.doc_name,
        "id": m.id,
        "key": m.key,
        "plan": hit.plan.index,
        "plan_title": hit.plan.title,
    }


def measure_record(hit: Hit) -> dict[str, Any]:
    """The stable record of a measure that machine output of list/show/export uses."""
    m = hit.measure
    return {
        **identity_record(hit),
        "number": m.number,
        "title": m.title,
        "lead": list(m.lead),
        "responsible": list(m.responsible),
        "deadlines": [d.raw for d in m.deadlines],
        "due": final_deadline(m),
        "lines": list(m.lines),
    }
