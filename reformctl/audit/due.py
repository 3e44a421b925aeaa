"""What falls due when: one item per dated milestone of a measure, with its ledger status.

A measure such as "7月底前，实现…；9月底前，实现…" has two milestones (``1.4@07-31`` and
``1.4@09-30``, see ``audit/milestones.py``); each is a due item, and ``due --month 9`` lists the
September one. Each milestone has its own ledger status: its own entry's, else its measure's.
Only ``by`` deadlines are due dates ("9月底前" → 2021-09-30): the deadline is met on that day
and late from the next (``days`` = deadline − as_of: 0 on the day, −1 the day after).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reformctl.audit.ledger import CLOSED, STATUSES, Ledger, LedgerEntry
from reformctl.audit.milestones import Milestone, milestones_of
from reformctl.errors import UsageError
from reformctl.i18n import _
from reformctl.model import Deadline, Measure
from reformctl.select import Hit, identity_record

DUE_KINDS = ("by",)
# --status: "open" means not finished (open or in-progress); the others are exact; "all" is all.
STATUS_FILTERS = ("open", "in-progress", "done", "dropped", "all")


@dataclass(frozen=True)
class DueItem:
    hit: Hit
    deadline: Deadline
    status: str
    days: int  # deadline.date - as_of: >= 0 days left, < 0 days late
    milestone: Milestone | None = None
    entry: LedgerEntry | None = None  # the ledger entry that gives the status, if any

    @property
    def milestone_id(self) -> str:
        return self.milestone.id if self.milestone else self.hit.measure.id

    @property
    def note(self) -> str:
        """The latest progress text (进展情况) recorded for the milestone."""
        return self.entry.note if self.entry else ""

    @property
    def day(self) -> date:
        assert self.deadline.date is not None
        return self.deadline.date

    @property
    def late(self) -> bool:
        return self.days < 0 and self.status not in CLOSED


def milestones(measure: Measure) -> list[Deadline]:
    """The measure's dated `by` deadlines in date order, one per day (the first phrase kept)."""
    by_day: dict[date, Deadline] = {}
    for d in measure.deadlines:
        if d.kind in DUE_KINDS and d.date is not None:
            by_day.setdefault(d.date, d)
    return [by_day[day] for day in sorted(by_day)]


def status_matches(status: str, wanted: str) -> bool:
    if wanted == "all":
        return True
    if wanted == "open":
        return status not in CLOSED
    return status == wanted


def due_items(
    hits: list[Hit],
    ledger: Ledger,
    as_of: date,
    *,
    month: int | None = None,
    year: int | None = None,
    within: int | None = None,
    overdue: bool = False,
    status: str = "open",
) -> list[DueItem]:
    """Due items of the given measures, in date order (then corpus order).

    ``month`` picks deadlines in that month of ``year``, or of the plan's year when no year is
    given; ``year`` alone picks that year. ``within`` keeps what is due in the next N days
    (today included); ``overdue`` keeps what is late and not done or dropped.
    """
    if status not in STATUS_FILTERS:
        raise UsageError(_("--status must be one of {allowed}, not {value!r}").format(
            allowed=", ".join(STATUS_FILTERS), value=status))
    if month is not None and not 1 <= month <= 12:
        raise UsageError(_("--month must be 1-12, not {value}").format(value=month))
    if within is not None and within < 0:
        raise UsageError(_("--within must be 0 or more days, not {value}").format(value=within))
    found: list[tuple[date, int, DueItem]] = []
    for order, hit in enumerate(hits):
        plan_year = hit.entry.document.document.year
        for milestone in milestones_of(hit.measure, plan_year):
            day = milestone.day
            entry = ledger.get(hit.doc_name, hit.measure, day)
            state = entry.status if entry else "open"
            if not status_matches(state, status) or (overdue and state in CLOSED):
                continue
            days = (day - as_of).days
            if month is not None:
                wanted_year = year or plan_year
                if day.month != month or (wanted_year and day.year != wanted_year):
                    continue
            elif year is not None and day.year != year:
                continue
            if within is not None and not 0 <= days <= within:
                continue
            if overdue and days >= 0:
                continue
            found.append((day, order, DueItem(hit, milestone.deadline, state, days, milestone,
                                              entry)))
    found.sort(key=lambda t: (t[0], t[1]))
    return [item for _, _, item in found]


def overdue_items(hits: list[Hit], ledger: Ledger, as_of: date) -> list[DueItem]:
    """Milestones whose `by` date is before as_of and that are not done or dropped."""
    return due_items(hits, ledger, as_of, overdue=True, status="all")


def due_record(item: DueItem) -> dict[str, Any]:
    """The stable record of a due item (the JSON/YAML/CSV output of `reformctl due`).

    ``days_left`` is set while the milestone is open and not late, ``days_late`` once it is
    late; both are null for a done or dropped measure, which is never late."""
    hit, m = item.hit, item.hit.measure
    closed = item.status in CLOSED
    return {
        **identity_record(hit),
        "title": m.title,
        "deadline": item.deadline.raw,
        "date": item.day.isoformat(),
        "kind": item.deadline.kind,
        "lead": list(m.lead),
        "responsible": list(m.responsible),
        "status": item.status,
        "days_left": None if closed or item.days < 0 else item.days,
        "days_late": None if closed or item.days >= 0 else -item.days,
        "milestone": item.milestone_id,
        "note": item.note,
    }


__all__ = [
    "DUE_KINDS",
    "STATUSES",
    "STATUS_FILTERS",
    "DueItem",
    "due_items",
    "due_record",
    "milestones",
    "overdue_items",
]
