"""Per-department grouping: the one rule that ``due --by dept``, ``depts``, the mail and the
xlsx/report department summary share.

The rule, in full:

1. **Key.** Departments are grouped by ``DepartmentKey(name, document)``: the key of a name
   as printed in one document of the corpus. Today it is the registry's canonical name
   (市人社局 and 市人力资源社会保障局 are one group); without a registry, the name itself.
   This is the only place that decides it (issue 12 will make it "as printed, canonical
   only where the registry applies to the document's issuer": one edit, in ``__call__``).
2. **Once per measure.** A measure (or sub-item) counts once per department however many of
   its owner notes name it.
3. **Lead wins.** A department that leads the measure in any owner note is its lead, even if
   another note names it responsible; otherwise it is responsible.
4. **Order.** Departments come in order of first appearance (leads of a measure before its
   responsible departments); consumers sort as they show them.
5. **Unowned.** Things whose measure names no department are returned apart (``unowned``):
   ``due --by dept`` shows them as a group of their own, the mail warns, the counts skip them.

What is grouped is up to the caller (due items, measures, ledger rows, notice lines): it
passes a function giving each thing's ``Owners``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from reformctl.model import Document
    from reformctl.registry import Registry
    from reformctl.select import Hit

LEAD, RESPONSIBLE = "lead", "responsible"

T = TypeVar("T")


@dataclass(frozen=True)
class Owners:
    """Who a thing's measure names, and in which document (its corpus name, the file stem)."""

    document: str
    lead: Sequence[str]
    responsible: Sequence[str]


def owners_of_hit(hit: Hit) -> Owners:
    return Owners(hit.doc_name, hit.measure.lead, hit.measure.responsible)


@dataclass(frozen=True)
class DepartmentKey:
    """The grouping key of a department name as printed in a document of the corpus.

    ``documents`` maps the corpus names of the documents to them, for a key that depends on
    the document (its issuer); today's key needs only the registry.
    """

    registry: Registry | None = None
    documents: Mapping[str, Document] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, name: str, document: str) -> str:
        if self.registry is None:
            return name
        return self.registry.canonical(name)

    @classmethod
    def of(cls, registry: Registry | None, hits: Iterable[Hit] = ()) -> DepartmentKey:
        """The key for these measures' documents (a corpus, a selection of it)."""
        return cls(registry, {h.doc_name: h.entry.document for h in hits})


def roles(owners: Owners, key: DepartmentKey) -> dict[str, str]:
    """Department key → LEAD or RESPONSIBLE for one measure (rules 2-4 above)."""
    out: dict[str, str] = {}
    for name in owners.lead:
        out.setdefault(key(name, owners.document), LEAD)
    for name in owners.responsible:
        out.setdefault(key(name, owners.document), RESPONSIBLE)
    return out


@dataclass(frozen=True)
class Member(Generic[T]):
    """One thing in a department's group, with the department's role in its measure."""

    item: T
    role: str  # LEAD or RESPONSIBLE


@dataclass
class DepartmentGroups(Generic[T]):
    groups: dict[str, list[Member[T]]] = field(default_factory=dict)  # first appearance order
    unowned: list[T] = field(default_factory=list)


def group_by_department(
    things: Iterable[T], owners: Callable[[T], Owners], key: DepartmentKey
) -> DepartmentGroups[T]:
    """Each thing under every department its measure names (rules 1-5 above), in order."""
    out: DepartmentGroups[T] = DepartmentGroups()
    for thing in things:
        named = roles(owners(thing), key)
        if not named:
            out.unowned.append(thing)
        for name, role in named.items():
            out.groups.setdefault(name, []).append(Member(thing, role))
    return out


__all__ = [
    "LEAD",
    "RESPONSIBLE",
    "DepartmentGroups",
    "DepartmentKey",
    "Member",
    "Owners",
    "group_by_department",
    "owners_of_hit",
    "roles",
]
