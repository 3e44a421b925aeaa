"""The ledger (台账): one row per measure and sub-item, with its status and whether it is late.

Every tabular export (xlsx, csv, md, json, yaml) and the HTML report read these rows, so a
measure looks the same in every format. Overdue is not decided here: it comes from the audit's
``overdue_items`` (one rule for ``due``, ``notify`` and the exports), and status from the
ledger (``status.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reformctl.errors import UsageError
from reformctl.grouping import LEAD, DepartmentKey, Owners, group_by_department
from reformctl.i18n import N_, _
from reformctl.render import Column
from reformctl.select import Hit, dated

if TYPE_CHECKING:
    from reformctl.audit.due import DueItem
    from reformctl.audit.ledger import Ledger
    from reformctl.corpus import Corpus
    from reformctl.model import Deadline
    from reformctl.registry import Registry


@dataclass(frozen=True)
class LedgerRow:
    """A measure (or sub-item "14.10.2") as one line of the ledger."""

    document: str
    plan: int
    plan_title: str
    id: str
    key: str
    number: int
    level: str  # "measure" or "item"
    title: str
    deadlines: tuple[Deadline, ...]
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    targets: tuple[str, ...]
    status: str
    status_date: date | None
    note: str
    lines: tuple[int, int]
    days_late: int | None = None  # set when the audit finds the measure overdue
    # Each milestone's id and status ("1.4@07-31", "done"); empty without dated deadlines.
    milestones: tuple[tuple[str, str], ...] = ()
    late_milestones: tuple[str, ...] = ()  # the ids of the milestones found overdue
    progress_at: date | None = None  # the day the latest progress note (``note``) was given

    @property
    def milestone_text(self) -> str:
        """"1.4@07-31 done; 1.4@09-30 in-progress"."""
        return "; ".join(f"{ident} {state}" for ident, state in self.milestones)

    @property
    def dates(self) -> list[date]:
        """The resolved dates of its dated (`by`) deadlines, in text order."""
        return [d.date for d in dated(self.deadlines) if d.date]

    @property
    def first_due(self) -> date | None:
        dates = self.dates
        return min(dates) if dates else None

    @property
    def due(self) -> date | None:
        dates = self.dates
        return max(dates) if dates else None

    @property
    def overdue(self) -> bool:
        return self.days_late is not None

    @property
    def departments(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.lead, *self.responsible)))

    @property
    def deadline_text(self) -> str:
        """"7月底前 (2021-07-31); 长期坚持": the phrases, each with the day it resolved to."""
        parts = []
        for d in self.deadlines:
            parts.append(f"{d.raw} ({d.date.isoformat()})" if d.date else d.raw)
        return "; ".join(parts)


# The columns every tabular format shows, in order; the key is the record key (csv header).
ROW_COLUMNS = (
    Column("id", N_("ID")),
    Column("plan", N_("Plan"), justify="right"),
    Column("plan_title", N_("Plan title")),
    Column("number", N_("No."), justify="right"),
    Column("title", N_("Title")),
    Column("deadlines", N_("Deadlines")),
    Column("first_due", N_("First due")),
    Column("due", N_("Due by")),
    Column("lead", N_("Lead")),
    Column("responsible", N_("Responsible")),
    Column("targets", N_("Targets")),
    Column("status", N_("Status")),
    Column("status_date", N_("Status date")),
    Column("milestones", N_("Milestones")),
    Column("note", N_("Progress")),
    Column("progress_at", N_("Progress date")),
    Column("days_late", N_("Days late"), justify="right"),
    Column("document", N_("Document")),
    Column("lines", N_("Lines")),
)


def ledger_rows(
    hits: Iterable[Hit],
    ledger: Ledger | None = None,
    overdue: Iterable[DueItem] = (),
    *,
    status: str = "all",
) -> list[LedgerRow]:
    """One row per hit, in corpus order, with its ledger status and days late.

    ``overdue`` are the audit's overdue items for these hits (``overdue_items``); a measure
    with several late deadlines counts as late by the most days. ``status`` filters as in
    ``due``: all, open (open or in-progress), in-progress, done, dropped.
    """
    from reformctl.audit.due import STATUS_FILTERS, status_matches

    if status not in STATUS_FILTERS:
        raise UsageError(_("--status must be one of {allowed}, not {value!r}").format(
            allowed=", ".join(STATUS_FILTERS), value=status))
    from reformctl.audit.ledger import Ledger as _Ledger
    from reformctl.audit.ledger import overall_status
    from reformctl.audit.milestones import milestones_of

    ledger = ledger if ledger is not None else _Ledger()
    late: dict[tuple[str, str], int] = {}
    late_ids: dict[tuple[str, str], list[str]] = {}
    for item in overdue:
        k = (item.hit.doc_name, item.hit.measure.id)
        late[k] = max(late.get(k, 0), -item.days)
        late_ids.setdefault(k, []).append(item.milestone_id)
    rows = []
    for hit in hits:
        m = hit.measure
        entry = ledger.get(hit.doc_name, m)
        marks = tuple((ms.id, ledger.status_of(hit.doc_name, m, ms.day))
                      for ms in milestones_of(m, hit.entry.document.document.year))
        state = overall_status([s for _, s in marks]) if marks else (
            entry.status if entry is not None else "open")
        if not status_matches(state, status):
            continue
        noted = ledger.latest_progress(hit.doc_name, m)
        rows.append(
            LedgerRow(
                document=hit.doc_name,
                plan=hit.plan.index,
                plan_title=hit.plan.title,
                id=m.id,
                key=m.key,
                number=m.number,
                level="item" if m.id.count(".") > 1 else "measure",
                title=m.title,
                deadlines=m.deadlines,
                lead=m.lead,
                responsible=m.responsible,
                targets=tuple(t.raw for t in m.targets),
                status=state,
                status_date=entry.date if entry is not None else None,
                note=noted.note if noted is not None else "",
                lines=m.lines,
                days_late=late.get((hit.doc_name, m.id)),
                milestones=marks,
                late_milestones=tuple(late_ids.get((hit.doc_name, m.id), ())),
                progress_at=_day_of(noted.progress_at) if noted is not None else None,
            )
        )
    return rows


def _day_of(stamp: str) -> date | None:
    try:
        return date.fromisoformat(stamp[:10]) if stamp else None
    except ValueError:
        return None


def row_record(row: LedgerRow) -> dict[str, Any]:
    """The row as a plain dict with the keys of ``ROW_COLUMNS`` (json/yaml keep lists)."""
    return {
        "id": row.id,
        "plan": row.plan,
        "plan_title": row.plan_title,
        "number": row.number,
        "title": row.title,
        "deadlines": row.deadline_text,
        "first_due": row.first_due,
        "due": row.due,
        "lead": list(row.lead),
        "responsible": list(row.responsible),
        "targets": list(row.targets),
        "status": row.status,
        "status_date": row.status_date,
        "milestones": row.milestone_text,
        "note": row.note,
        "progress_at": row.progress_at,
        "days_late": row.days_late,
        "document": row.document,
        "lines": f"{row.lines[0]}-{row.lines[1]}",
    }


@dataclass(frozen=True)
class DepartmentSummary:
    """How much of the ledger one department carries (a measure counts once per department)."""

    department: str
    lead: int
    responsible: int
    dated: int
    overdue: int
    done: int

    @property
    def total(self) -> int:
        return self.lead + self.responsible


def department_summary(
    rows: Iterable[LedgerRow], key: DepartmentKey | None = None
) -> list[DepartmentSummary]:
    """Per department: measures led, measures shared, dated, overdue and done; busiest first.

    Departments are grouped by ``reformctl.grouping`` with ``key`` (canonical names with a
    registry; a row counts once per department, as lead if any note makes it lead)."""
    grouped = group_by_department(
        rows, lambda r: Owners(r.document, r.lead, r.responsible), key or DepartmentKey()
    )
    out = []
    for name, members in grouped.groups.items():
        lead = sum(m.role == LEAD for m in members)
        out.append(DepartmentSummary(
            department=name,
            lead=lead,
            responsible=len(members) - lead,
            dated=sum(bool(m.item.dates) for m in members),
            overdue=sum(m.item.overdue for m in members),
            done=sum(m.item.status == "done" for m in members),
        ))
    out.sort(key=lambda s: (-s.total, -s.lead, s.department))
    return out


SUMMARY_COLUMNS = (
    Column("department", N_("Department")),
    Column("lead", N_("Lead"), justify="right"),
    Column("responsible", N_("Responsible"), justify="right"),
    Column("total", N_("Total"), justify="right"),
    Column("dated", N_("With date"), justify="right"),
    Column("overdue", N_("Overdue"), justify="right"),
    Column("done", N_("Done"), justify="right"),
)


def summary_record(s: DepartmentSummary) -> dict[str, Any]:
    return {
        "department": s.department,
        "lead": s.lead,
        "responsible": s.responsible,
        "total": s.total,
        "dated": s.dated,
        "overdue": s.overdue,
        "done": s.done,
    }


@dataclass
class LedgerView:
    """What an export works from: the corpus, the chosen measures, their rows, the ledger
    (built by ``reformctl.usecases.collect``)."""

    corpus: Corpus
    registry: Registry
    ledger: Ledger
    hits: list[Hit]
    rows: list[LedgerRow]
    overdue: list[DueItem]
    as_of: date

    @property
    def department_key(self) -> DepartmentKey:
        """How its departments are grouped (``reformctl.grouping``)."""
        return DepartmentKey.of(self.registry, self.hits)


__all__ = [
    "LedgerRow",
    "LedgerView",
    "ROW_COLUMNS",
    "SUMMARY_COLUMNS",
    "DepartmentSummary",
    "department_summary",
    "ledger_rows",
    "row_record",
    "summary_record",
]
