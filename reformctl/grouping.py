"""Per-department grouping: the one rule that ``due --by dept``, ``depts``, the mail and the
xlsx/report department summary share.

The rule, in full:

1. **Key.** Departments are grouped by ``DepartmentKey(name, document)``: the key of a name
   as printed in one document of the corpus. It is the canonical name where there is one,
   the printed name otherwise: the name the document's own notes give it (``canonical`` of
   an owner note or plan: 财政厅 in "省发展改革委、财政厅" is 省财政厅, 广州 in "广州、深圳
   市政府" is 广州市政府), then folded by the registry entries that apply to the document's
   issuer (``Registry.for_issuer``: the shipped registry is 泰安's, so a 包头 plan's
   市审批服务局 stays 市审批服务局 while a 泰安 plan's 市人社局 and 市人力资源社会保障局 are
   one group). Without a registry, the notes' canonical name or the name itself. This is the
   only place that decides it.
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
    """The grouping key of a department name as printed in a document of the corpus (rule 1).

    ``documents`` maps the corpus names of the documents to them: the key depends on the
    document's canonical names and its issuer. A document it does not know is keyed by the
    whole registry, as one whose issuer is not known.
    """

    registry: Registry | None = None
    documents: Mapping[str, Document] = field(default_factory=dict, compare=False, repr=False)
    _scopes: dict[str, tuple[dict[str, str], Registry | None]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __call__(self, name: str, document: str) -> str:
        canonical, registry = self._scope(document)
        name = canonical.get(name, name)
        return name if registry is None else registry.canonical(name)

    def _scope(self, document: str) -> tuple[dict[str, str], Registry | None]:
        """A document's printed → canonical names, and the registry that applies to it."""
        found = self._scopes.get(document)
        if found is None:
            doc = self.documents.get(document)
            names = canonical_names(doc) if doc is not None else {}
            registry = self.registry
            if registry is not None and doc is not None and doc.document.issuer is not None:
                registry = registry.for_issuer(doc.document.issuer.name)
            found = self._scopes[document] = (names, registry)
        return found

    @classmethod
    def of(cls, registry: Registry | None, hits: Iterable[Hit] = ()) -> DepartmentKey:
        """The key for these measures' documents (a corpus, a selection of it)."""
        return cls(registry, {h.doc_name: h.entry.document for h in hits})


def canonical_names(doc: Document) -> dict[str, str]:
    """Every printed name of a document's owner notes and plan headers that stands for
    another (their ``canonical`` maps), the first note saying so winning."""
    out: dict[str, str] = {}
    for plan in doc.plans:
        for printed, full in plan.canonical:
            out.setdefault(printed, full)
        for measure in plan.walk():
            for group in measure.owners:
                for printed, full in group.canonical:
                    out.setdefault(printed, full)
    return out


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
    "canonical_names",
    "group_by_department",
    "owners_of_hit",
    "roles",
]
