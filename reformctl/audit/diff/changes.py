"""What a diff reports: the change records, the matches, the summary (plain values).

``DiffResult`` is what ``diff_documents`` returns; its ``changes`` are ``MeasureChange``
records of one ``kind`` (added, removed, changed, renumbered, moved, ambiguous).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reformctl.audit.diff.chardiff import TextHunk
from reformctl.model import Deadline, Document, Measure, Plan, Target

# The kinds of record a diff reports.
ADDED, REMOVED, CHANGED, RENUMBERED, MOVED, AMBIGUOUS = (
    "added", "removed", "changed", "renumbered", "moved", "ambiguous",
)
# How a pair of measures was matched, surest first.
BY_TEXT, BY_TITLE, BY_SIMILARITY, BY_PLAN = "text", "title", "similar", "similar+plan"


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
        """"1 added, 1 removed, 2 changed, 19 renumbered, 1 deadline postponed" (+ extras), in
        the language in use (新增1项，删除1项，…)."""
        from reformctl.i18n import _
        from reformctl.labels import count as n_

        parts = [
            n_("{n} added", "{n} added", self.added),
            n_("{n} removed", "{n} removed", self.removed),
            n_("{n} changed", "{n} changed", self.changed),
            n_("{n} renumbered", "{n} renumbered", self.renumbered),
            n_("{n} deadline postponed", "{n} deadlines postponed", self.postponed),
        ]
        if self.brought_forward:
            parts.append(n_("{n} deadline brought forward", "{n} deadlines brought forward",
                            self.brought_forward))
        if self.moved:
            parts.append(n_("{n} moved to another plan", "{n} moved to another plan",
                            self.moved))
        if self.ambiguous:
            parts.append(n_("{n} ambiguous", "{n} ambiguous", self.ambiguous))
        if self.plans:
            parts.append(n_("{n} plan changed", "{n} plans changed", self.plans))
        for change in self.document:
            label = _("plan year") if change.field == "year" else _("document title")
            parts.append(f"{label} {show(change.old)} → {show(change.new)}")
        return _(", ").join(parts)


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


def plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def show(value: str | int | None) -> str:
    from reformctl.i18n import _

    return _("none") if value is None or value == "" else str(value)


__all__ = [
    "ADDED",
    "AMBIGUOUS",
    "BY_PLAN",
    "BY_SIMILARITY",
    "BY_TEXT",
    "BY_TITLE",
    "CHANGED",
    "MOVED",
    "REMOVED",
    "RENUMBERED",
    "DeadlineChange",
    "DiffResult",
    "DocumentChange",
    "Match",
    "MeasureChange",
    "PlanChange",
    "Summary",
    "TargetChange",
    "plural",
    "show",
]
