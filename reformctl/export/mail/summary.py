"""The office's summary of a notify run, and the run state kept beside the ledger.

``build_summary`` counts the overdue milestones by department and by plan, lists the longest
overdue, compares with the last run (milestones newly overdue, no longer overdue, changes the
ledger recorded since), and gathers the data problems a clean cron run must not print on
stderr: milestones overdue that name no department (seed 14.10), departments without address,
leaders without address, deliveries that failed.

The state of the last run is ``.notify-state.yaml`` in the corpus folder (beside
``status.yaml``): when it ran, as of which day, and which milestones were overdue::

    run_at: '2021-10-01T07:30:02+08:00'
    as_of: '2021-10-01'
    overdue:
      - {key: '000_675e6135523c2031|462705c34ff6|2021-09-30', id: 1.4@09-30, title: 实现企业开办事项分时分次办理}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reformctl.grouping import LEAD, DepartmentKey, group_by_department, owners_of_hit

if TYPE_CHECKING:
    from reformctl.audit.due import DueItem
    from reformctl.audit.ledger import Ledger
    from reformctl.export.mail.recipients import NoticePlan
    from reformctl.export.mail.transport import Delivery
    from reformctl.registry import Registry

STATE_FILE = ".notify-state.yaml"
LONGEST = 10  # milestones listed as the longest overdue


@dataclass(frozen=True)
class RunState:
    run_at: str
    as_of: str
    overdue: dict[str, tuple[str, str]]  # milestone key → (id, title)


def milestone_key(item: DueItem) -> str:
    """document|measure key|day: names a milestone across runs (and renumbering)."""
    m = item.hit.measure
    return f"{item.hit.doc_name}|{m.key or 'id:' + m.id}|{item.day.isoformat()}"


def state_of(items: Iterable[DueItem], as_of: date, now: datetime) -> RunState:
    return RunState(now.isoformat(timespec="seconds"), as_of.isoformat(),
                    {milestone_key(i): (i.milestone_id, i.hit.measure.title) for i in items})


def load_state(folder: Path) -> RunState | None:
    """The last run's state; None on the first run or when the file cannot be read (the
    summary then says there is nothing to compare with)."""
    from reformctl.errors import ReformctlError
    from reformctl.yamlio import load_yaml_file

    path = Path(folder) / STATE_FILE
    if not path.is_file():
        return None
    try:
        data = load_yaml_file(path)
        overdue = {str(r["key"]): (str(r["id"]), str(r.get("title") or ""))
                   for r in data.get("overdue") or ()}
        return RunState(str(data["run_at"]), str(data["as_of"]), overdue)
    except (ReformctlError, KeyError, TypeError, AttributeError):
        return None


def save_state(folder: Path, state: RunState) -> None:
    from reformctl.yamlio import atomic_write, dump_yaml

    data = {"run_at": state.run_at, "as_of": state.as_of,
            "overdue": [{"key": k, "id": i, "title": t} for k, (i, t) in state.overdue.items()]}
    atomic_write(Path(folder) / STATE_FILE,
                 "# reformctl notify: the last run (for the office summary's comparison).\n"
                 + dump_yaml(data))


@dataclass
class Summary:
    as_of: date
    overdue: list[DueItem]
    by_department: list[dict[str, Any]] = field(default_factory=list)
    by_plan: list[dict[str, Any]] = field(default_factory=list)
    longest: list[dict[str, Any]] = field(default_factory=list)
    last_run: str | None = None
    newly_overdue: list[dict[str, Any]] = field(default_factory=list)
    no_longer_overdue: list[dict[str, Any]] = field(default_factory=list)
    ledger_changes: list[dict[str, Any]] = field(default_factory=list)
    problems: dict[str, list[Any]] = field(default_factory=dict)
    sent: int = 0
    notices: int = 0

    @property
    def has_problems(self) -> bool:
        return any(self.problems.values())

    def context(self) -> dict[str, Any]:
        """What the summary templates see."""
        return {
            "as_of": self.as_of,
            "overdue_milestones": len(self.overdue),
            "overdue_measures": len({(i.hit.doc_name, i.hit.measure.id) for i in self.overdue}),
            "by_department": self.by_department,
            "by_plan": self.by_plan,
            "longest": self.longest,
            "last_run": self.last_run,
            "newly_overdue": self.newly_overdue,
            "no_longer_overdue": self.no_longer_overdue,
            "ledger_changes": self.ledger_changes,
            "problems": self.problems,
            "sent": self.sent,
            "notices": self.notices,
        }


def build_summary(
    overdue: Sequence[DueItem],
    plan: NoticePlan,
    *,
    as_of: date,
    registry: Registry | None = None,
    ledger: Ledger | None = None,
    previous: RunState | None = None,
    deliveries: Sequence[Delivery] | None = None,
    years: dict[str, int | None] | None = None,
) -> Summary:
    """The summary of a run over ``overdue`` (every overdue milestone of the chosen plans)."""
    out = Summary(as_of, list(overdue))
    key = DepartmentKey.of(registry, (i.hit for i in overdue))
    grouped = group_by_department(overdue, lambda i: owners_of_hit(i.hit), key)
    rows = [{"department": name, "milestones": len(members),
             "lead": sum(m.role == LEAD for m in members)}
            for name, members in grouped.groups.items()]
    out.by_department = sorted(rows, key=lambda r: (-r["milestones"], -r["lead"],
                                                    r["department"]))
    plans: dict[tuple[str, int], dict[str, Any]] = {}
    for i in overdue:
        row = plans.setdefault((i.hit.doc_name, i.hit.plan.index), {
            "plan": f"{i.hit.plan.index} {i.hit.plan.title}",
            "leaders": list(i.hit.plan.leaders), "milestones": 0})
        row["milestones"] += 1
    out.by_plan = [plans[k] for k in sorted(plans)]
    out.longest = [_row(i) for i in sorted(overdue, key=lambda i: (i.days, i.hit.doc_name))
                   [:LONGEST]]
    if previous is not None:
        out.last_run = previous.run_at
        now = {milestone_key(i): i for i in overdue}
        out.newly_overdue = [_row(i) for k, i in now.items() if k not in previous.overdue]
        out.no_longer_overdue = [{"id": ident, "title": title}
                                 for k, (ident, title) in previous.overdue.items()
                                 if k not in now]
        if ledger is not None:
            out.ledger_changes = _changes_since(ledger, previous.run_at, years or {})
    failed = [f"{d.department} <{', '.join(d.to)}>: {d.error}"
              for d in deliveries or () if not d.ok]
    out.problems = {
        "unowned": [_row(i) for i in grouped.unowned],
        "fallback": list(plan.fallback_departments),
        "unaddressed": list(plan.unaddressed),
        "leaders_without_address": list(plan.leaders_without_address),
        "failed": failed,
    }
    out.notices = len(plan.notices)
    out.sent = (sum(d.ok for d in deliveries) if deliveries is not None else 0)
    return out


def _row(i: DueItem) -> dict[str, Any]:
    return {
        "id": i.milestone_id,
        "title": i.hit.measure.title,
        "day": i.day,
        "days_late": max(-i.days, 0),
        "lead": "、".join(i.hit.measure.lead),
        "progress": i.note,
        "progress_at": i.entry.progress_at if i.entry is not None and i.note else "",
    }


def _changes_since(ledger: Ledger, since: str, years: dict[str, int | None]
                   ) -> list[dict[str, Any]]:
    from reformctl.audit.milestones import milestone_id

    try:
        start = datetime.fromisoformat(since)
    except ValueError:
        return []
    out = []
    for e in ledger.entries:
        for ev in e.history:
            try:
                at = datetime.fromisoformat(ev.at)
            except ValueError:
                continue
            # Both stamps are to the second: a change made in the second of the last run may
            # have come before or after it, so it counts (told twice at worst, never lost;
            # with `<=` a status set right after a run was never reported).
            if (at.tzinfo is None) != (start.tzinfo is None) or at < start:
                continue
            ident = milestone_id(e.id, e.milestone, years.get(e.document)) if e.milestone \
                else e.id
            out.append({"id": ident, "at": ev.at, "by": ev.by, "from": ev.from_status or "?",
                        "to": ev.to_status, "note": ev.note, "source": ev.source})
    out.sort(key=lambda r: str(r["at"]))
    return out


__all__ = ["STATE_FILE", "RunState", "Summary", "build_summary", "load_state",
           "milestone_key", "save_state", "state_of"]
