"""Who gets what: the recipients file, and one notice per department with its lines.

The recipients file maps departments (or aliases) to addresses, and may map the city leaders
in charge of plans (分管市领导, ``plans[].leaders``) too::

    市财政局: czj@example.gov.cn                 # a department: one address or a list
    市人社局: [rsj@example.gov.cn, rsj2@example.gov.cn]
    leaders:                                    # optional: leader → address or list
      宋洪银: songhy@example.gov.cn

(``departments:`` may hold the departments as a section of its own, beside ``leaders:``.)

``build_notices`` turns the audit's overdue (and soon-due) items into one notice per
department with its addresses; departments without one go to the fallback address or are
reported as unaddressed. With ``cc_leaders``, a notice that lists overdue milestones of a plan
copies that plan's leaders who have an address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reformctl.errors import InputError, UsageError
from reformctl.export.mail.headers import check_address, header_safe
from reformctl.grouping import LEAD, RESPONSIBLE, DepartmentKey, group_by_department, owners_of_hit
from reformctl.i18n import N_, _

if TYPE_CHECKING:
    from reformctl.audit.due import DueItem
    from reformctl.registry import Registry


SECTIONS = ("departments", "leaders")  # top-level keys that hold a mapping of their own


@dataclass(frozen=True)
class AddressBook:
    """The recipients file: departments (canonical names) and leaders → addresses."""

    departments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    leaders: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load_address_book(path: str | Path, registry: Registry | None = None) -> AddressBook:
    """The recipients file: departments, keys folded to canonical names, and ``leaders``.

    ``市人社局: hr@example.gov.cn`` and ``市人力资源社会保障局: [...]`` both land on the canonical
    name, their addresses merged.
    """
    from reformctl.gate import load_valid

    data = load_valid(path, "recipients")  # the schema gate: names and addresses checked
    if data is None:
        return AddressBook()
    if not isinstance(data, dict):
        raise InputError("recipients file must map department names to addresses", path=str(path))
    flat = {k: v for k, v in data.items() if not (k in SECTIONS and isinstance(v, dict))}
    sections = {k: v for k, v in data.items() if k in SECTIONS and isinstance(v, dict)}
    departments = _addresses({**sections.get("departments", {}), **flat}, path,
                             lambda key: registry.canonical(key) if registry is not None
                             else header_safe(key), N_("department"))
    leaders = _addresses(sections.get("leaders", {}), path, header_safe, N_("leader"))
    return AddressBook(departments, leaders)


def load_recipients(path: str | Path, registry: Registry | None = None) -> dict[str, tuple[str, ...]]:
    """The departments of the recipients file (see ``load_address_book``)."""
    return load_address_book(path, registry).departments


def _addresses(data: dict[object, object], path: str | Path, name_of: Callable[[str], str],
               what: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not header_safe(key):
            raise InputError(_("recipients: bad {what} name {key!r}").format(what=_(what), key=key),
                             path=str(path))
        values = value if isinstance(value, list) else [value]
        try:
            addrs = [check_address(v, f"recipients: {key}") for v in values]
        except UsageError as exc:
            raise InputError(exc.text, path=str(path)) from None
        bucket = out.setdefault(name_of(key), [])
        bucket.extend(a for a in addrs if a not in bucket)
    return {name: tuple(addrs) for name, addrs in out.items()}


@dataclass(frozen=True)
class MilestoneLine:
    """One milestone of a measure in a notice: what it required and the latest progress."""

    id: str  # 1.4@07-31
    raw: str  # 7月底前
    day: date
    days: int  # < 0: days late; >= 0: days left
    requires: str  # the sentence of the measure that holds the deadline
    status: str
    progress: str = ""  # the latest progress note (进展情况)
    progress_at: str = ""  # when it was given (ISO timestamp)

    @property
    def days_late(self) -> int:
        return max(-self.days, 0)


@dataclass(frozen=True)
class NoticeLine:
    """One measure in a department's list: where it is late (or soon due) and by how much."""

    document: str
    document_title: str
    id: str
    title: str
    plan: str
    deadlines: tuple[tuple[str, date], ...]  # (raw phrase, resolved day)
    days: int  # < 0: days late; >= 0: days left
    role: str  # 牵头 or 责任
    status: str
    milestones: tuple[MilestoneLine, ...] = ()  # the milestones listed, in date order
    leaders: tuple[str, ...] = ()  # the plan's leaders in charge (分管市领导)
    plan_index: int = 0

    @property
    def days_late(self) -> int:
        return max(-self.days, 0)

    @property
    def deadline_text(self) -> str:
        return "; ".join(f"{raw} ({day.isoformat()})" for raw, day in self.deadlines)


@dataclass(frozen=True)
class Notice:
    """What one department is told, and where it goes."""

    department: str
    to: tuple[str, ...]
    overdue: tuple[NoticeLine, ...] = ()
    upcoming: tuple[NoticeLine, ...] = ()
    fallback: bool = False  # sent to the fallback address: the department has none
    cc: tuple[tuple[str, str], ...] = ()  # (leader, address) copied, with cc_leaders
    leaders: tuple[str, ...] = ()  # the leaders copied


@dataclass
class NoticePlan:
    notices: list[Notice] = field(default_factory=list)
    unaddressed: list[str] = field(default_factory=list)  # no address and no fallback
    fallback_departments: list[str] = field(default_factory=list)
    unowned: list[NoticeLine] = field(default_factory=list)  # late, but nobody owns it
    leaders_without_address: list[str] = field(default_factory=list)  # with cc_leaders


ROLE_WORDS = {LEAD: "牵头", RESPONSIBLE: "责任"}


def _lines_by_department(
    items: Iterable[DueItem], registry: Registry | None
) -> tuple[dict[str, list[NoticeLine]], list[NoticeLine]]:
    """One line per measure (a measure late twice is one line), under each department it
    names, grouped by ``reformctl.grouping`` (canonical names, lead wins); and the lines of
    measures that name nobody."""
    per_measure: dict[tuple[str, str], list[DueItem]] = {}
    for item in items:
        per_measure.setdefault((item.hit.doc_name, item.hit.measure.id), []).append(item)
    measures = list(per_measure.values())
    key = DepartmentKey.of(registry, (group[0].hit for group in measures))
    grouped = group_by_department(measures, lambda group: owners_of_hit(group[0].hit), key)
    line = {id(group): _line(group) for group in measures}
    out = {name: [replace(line[id(m.item)], role=ROLE_WORDS[m.role]) for m in members]
           for name, members in grouped.groups.items()}
    return out, [line[id(group)] for group in grouped.unowned]


def _line(group: list[DueItem]) -> NoticeLine:
    """The notice line of one measure from its due items (its deadlines, the worst days)."""
    from reformctl.audit.milestones import requires

    hit = group[0].hit
    deadlines: dict[tuple[str, date], None] = {}
    for item in group:
        if item.deadline.date is not None:
            deadlines.setdefault((item.deadline.raw, item.deadline.date), None)
    milestones = tuple(
        MilestoneLine(
            id=item.milestone.id, raw=item.milestone.raw, day=item.milestone.day,
            days=item.days, requires=requires(hit.measure, item.milestone), status=item.status,
            progress=item.note,
            progress_at=item.entry.progress_at if item.entry is not None and item.note else "",
        )
        for item in sorted(group, key=lambda i: i.day) if item.milestone is not None
    )
    return NoticeLine(
        document=hit.doc_name,
        document_title=hit.entry.document.document.title,
        id=hit.measure.id,
        title=hit.measure.title,
        plan=f"{hit.plan.index} {hit.plan.title}",
        deadlines=tuple(deadlines),
        days=min(i.days for i in group),
        role="",
        status=group[0].status,
        milestones=milestones,
        leaders=tuple(hit.plan.leaders),
        plan_index=hit.plan.index,
    )


def build_notices(
    overdue: Iterable[DueItem],
    upcoming: Iterable[DueItem] = (),
    recipients: dict[str, tuple[str, ...]] | None = None,
    *,
    registry: Registry | None = None,
    fallback: str | None = None,
    dept: Callable[[str], bool] | None = None,
    leaders: dict[str, tuple[str, ...]] | None = None,
    cc_leaders: bool = False,
) -> NoticePlan:
    """One notice per department with overdue (or, given ``upcoming``, soon-due) work.

    Departments without an address go to ``fallback`` (one message each, so every list keeps
    its department) or, without one, into ``unaddressed``. ``dept`` keeps only the departments
    it accepts (``--dept``). With ``cc_leaders``, each notice copies the leaders (addresses
    from ``leaders``) of the plans whose overdue milestones it lists; leaders without an
    address are listed in ``leaders_without_address``.
    """
    recipients = recipients or {}
    leaders = leaders or {}
    missing: dict[str, None] = {}
    late, unowned = _lines_by_department(overdue, registry)
    soon, _ = _lines_by_department((i for i in upcoming if i.days >= 0), registry)
    plan = NoticePlan(unowned=unowned)
    for name in dict.fromkeys([*late, *soon]):
        if dept is not None and not dept(name):
            continue
        lines_late = tuple(sorted(late.get(name, ()), key=lambda n: (n.days, n.document)))
        lines_soon = tuple(sorted(soon.get(name, ()), key=lambda n: (n.days, n.document)))
        to = recipients.get(name, ())
        cc: list[tuple[str, str]] = []
        copied: list[str] = []
        if cc_leaders:
            for leader in dict.fromkeys(x for line in lines_late for x in line.leaders):
                if leader not in leaders:
                    missing.setdefault(leader, None)
                    continue
                copied.append(leader)
                cc += [(leader, a) for a in leaders[leader]
                       if a not in to and a not in (c for _, c in cc)]
        if to:
            plan.notices.append(Notice(name, to, lines_late, lines_soon, cc=tuple(cc),
                                       leaders=tuple(copied)))
        elif fallback:
            plan.fallback_departments.append(name)
            # (no copy to leaders: the list goes to the office, which has to forward it)
            plan.notices.append(Notice(name, (fallback,), lines_late, lines_soon, fallback=True))
        else:
            plan.unaddressed.append(name)
    plan.leaders_without_address = list(missing)
    return plan


__all__ = [
    "AddressBook",
    "MilestoneLine",
    "Notice",
    "NoticeLine",
    "NoticePlan",
    "build_notices",
    "load_address_book",
    "load_recipients",
]
