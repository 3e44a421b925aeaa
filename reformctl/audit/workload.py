"""Per-department workload (`reformctl depts`): what each department leads, shares, has open,
has late, and when its open milestones fall due.

Counts are of measures (and sub-items), grouped by ``reformctl.grouping``: a measure counts
once per department, under ``led`` if any owner note makes the department lead, else under
``responsible``; names are folded to their canonical spelling with the registry. ``open`` and
``overdue`` count measures it leads or is responsible for; ``due_by_month`` counts open
milestones ("YYYY-MM").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from reformctl.audit.due import milestones
from reformctl.audit.ledger import CLOSED, Ledger
from reformctl.grouping import LEAD, DepartmentKey, group_by_department, owners_of_hit
from reformctl.select import Hit

if TYPE_CHECKING:
    from reformctl.registry import Registry

# Shades for the month heatmap, from none to the busiest month of the table.
HEAT = "·▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class DeptLoad:
    department: str
    led: int = 0
    responsible: int = 0
    open: int = 0
    overdue: int = 0
    due_by_month: dict[str, int] = field(default_factory=dict)  # "2021-09" → open milestones

    @property
    def measures(self) -> int:
        return self.led + self.responsible


def department_load(
    hits: list[Hit], ledger: Ledger, as_of: date, *, registry: Registry | None = None
) -> list[DeptLoad]:
    """Workload per department, busiest (most overdue, then most open) first; departments
    grouped by ``reformctl.grouping`` (canonical names, a measure once, lead wins)."""
    led: Counter[str] = Counter()
    responsible: Counter[str] = Counter()
    open_: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    months: dict[str, Counter[str]] = {}
    grouped = group_by_department(hits, owners_of_hit, DepartmentKey.of(registry, hits))
    for name, members in grouped.groups.items():
        per_month = months.setdefault(name, Counter())
        for member in members:
            m = member.item.measure
            (led if member.role == LEAD else responsible)[name] += 1
            if ledger.status_of(member.item.doc_name, m) in CLOSED:
                continue
            dates = [d.date for d in milestones(m) if d.date is not None]
            open_[name] += 1
            overdue[name] += any(d < as_of for d in dates)
            for d in dates:
                per_month[f"{d.year:04d}-{d.month:02d}"] += 1
    loads = [
        DeptLoad(
            department=name,
            led=led[name],
            responsible=responsible[name],
            open=open_[name],
            overdue=overdue[name],
            due_by_month=dict(sorted(per_month.items())),
        )
        for name, per_month in months.items()
    ]
    loads.sort(key=lambda x: (-x.overdue, -x.open, -x.led, x.department))
    return loads


def dept_record(load: DeptLoad) -> dict[str, Any]:
    """The stable record of a department's workload (JSON/YAML output of `reformctl depts`)."""
    return {
        "department": load.department,
        "led": load.led,
        "responsible": load.responsible,
        "open": load.open,
        "overdue": load.overdue,
        "due_by_month": dict(load.due_by_month),
    }


def heat_row(counts: list[int], peak: int) -> str:
    """One character per month, shaded by its count relative to ``peak``: ·▁▂▃▄▅▆▇█."""
    out = []
    for n in counts:
        if n <= 0 or peak <= 0:
            out.append(HEAT[0])
        else:
            out.append(HEAT[max(1, round(n / peak * (len(HEAT) - 1)))])
    return "".join(out)


def year_months(year: int) -> list[str]:
    return [f"{year:04d}-{m:02d}" for m in range(1, 13)]


__all__ = ["DeptLoad", "department_load", "dept_record", "heat_row", "year_months"]
