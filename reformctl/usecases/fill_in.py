"""The 台账 round trip: fill-in sheets out to departments, filled-in sheets back into the ledger.

    written = export_fill_in(corpus, as_of, per_dept="sheets/")      # one workbook each
    plan = plan_import(corpus, ["sheets/台账-市财政局.xlsx"])          # what would change
    apply_import(corpus, plan, by="王敏")                              # one atomic write

A row of a sheet names its milestone by the hidden key (document, measure key, milestone day,
milestone id, checksum of the locked cells). A row is rejected, with one line naming file,
sheet and row, when its key is missing or unknown, its id or a locked cell was changed, its
完成情况 is no status, or its 完成日期 no date. The other rows become ledger changes whose
source is the sheet; changes that change nothing are left out, so a sheet imported twice
changes nothing the second time. A row whose editable cells still hold what the sheet was
written with is left out: a milestone shared by departments is in each one's sheet, and the
sheet of the one that did not report must not undo the report of the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reformctl.errors import UsageError
from reformctl.i18n import N_, _

if TYPE_CHECKING:
    from reformctl.audit.ledger import Applied, Change, Ledger
    from reformctl.corpus import Corpus
    from reformctl.export.fill_in import FillRow, SheetRow
    from reformctl.select import Hit

FILE_PREFIX = "台账-"  # --per-dept DIR: DIR/台账-市财政局.xlsx

# Why a row is rejected (one line each on stderr, in the language in use).
REJECT = {
    "no_key": N_("no key in the hidden column: a row added by hand, or the column was edited"),
    "bad_key": N_("the hidden key is damaged"),
    "unknown": N_("its measure {id} is not in the corpus (document {document})"),
    "no_milestone": N_("{id}: the measure has no milestone on {day} any more"),
    "id_changed": N_("编号 was changed from {id} to {typed}"),
    "edited": N_("a locked cell was edited (措施, 任务要求, 完成时限 or the units): row of {id}"),
    "status": N_("完成情况 {value!r} is not one of {labels}"),
    "date": N_("完成日期 {value!r} is not a date (write 2021-07-30 or 2021年7月30日)"),
    "twice": N_("{id} is also filled in differently in {other}: neither is applied"),
}


@dataclass(frozen=True)
class Rejection:
    where: str  # "file: sheet S, row N"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportPlan:
    """What the sheets say: the changes to make, the rows rejected, what would change."""

    changes: list[Change] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    preview: list[Applied] = field(default_factory=list)  # changes that change something
    rows: int = 0  # rows read (blank rows not counted)


# --- out: the fill-in sheets ------------------------------------------------------------


def fill_rows(hits: Iterable[Hit], ledger: Ledger) -> list[FillRow]:
    """One row per milestone of the measures (a measure without dated deadline: one row)."""
    from reformctl.audit.ledger import CLOSED
    from reformctl.audit.milestones import milestones_of, requires
    from reformctl.export.fill_in import FillRow

    out = []
    for hit in hits:
        m = hit.measure
        year = hit.entry.document.document.year
        plan = f"{hit.plan.index}. {hit.plan.title}"
        chosen = milestones_of(m, year)
        targets: list[tuple[date | None, str, str, str]] = [
            (ms.day, ms.id, requires(m, ms), f"{ms.raw}（{ms.day.isoformat()}）") for ms in chosen]
        if not targets:
            phrases = "；".join(d.raw for d in m.deadlines)
            targets = [(None, m.id, m.title, phrases)]
        for day, ident, required, deadline in targets:
            entry = ledger.get(hit.doc_name, m, day)
            status = entry.status if entry else "open"
            out.append(FillRow(
                document=hit.doc_name, key=m.key, milestone=day, id=ident, plan=plan,
                title=m.title, requires=required, deadline=deadline, lead=m.lead,
                responsible=m.responsible, status=status,
                progress=entry.note if entry else "",
                done_on=entry.date if entry and status in CLOSED else None,
            ))
    return out


def departments(hits: Iterable[Hit], registry: Any) -> list[str]:
    """Every department named by the measures, by its grouping key (``reformctl.grouping``:
    canonical where there is one, else as printed), in order of first mention."""
    from reformctl.grouping import DepartmentKey

    hits = list(hits)
    key = DepartmentKey.of(registry, hits)
    seen: dict[str, None] = {}
    for hit in hits:
        for name in hit.measure.departments:
            seen.setdefault(key(name, hit.doc_name), None)
    return list(seen)


def file_name(department: str) -> str:
    """台账-市财政局.xlsx: the department's name made safe for any file system."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", department).strip(" .") or "_"
    return f"{FILE_PREFIX}{safe}.xlsx"


@dataclass(frozen=True)
class Written:
    department: str
    path: Path
    rows: int


def export_fill_in(
    corpus: Corpus,
    as_of: date,
    *,
    dept: str | None = None,
    per_dept: str | Path | None = None,
    output: str | Path | None = None,
    plan: str | None = None,
) -> list[Written]:
    """Write the fill-in workbook of ``dept`` to ``output``, or one per department into the
    folder ``per_dept``. Returns what was written."""
    from reformctl.audit.ledger import load_ledger
    from reformctl.export.fill_in import fill_in_bytes
    from reformctl.fileio import atomic_write_bytes
    from reformctl.registry import registry_for_folder
    from reformctl.select import select

    if (dept is None) == (per_dept is None):
        raise UsageError("the fill-in sheet is for one department (--dept) or for each "
                         "(--per-dept DIR)")
    registry = registry_for_folder(corpus.folder)
    ledger = load_ledger(corpus.folder)
    titles = sorted({e.document.document.title for e in corpus.entries})
    title = titles[0] if len(titles) == 1 else ""
    if dept is not None:
        if output is None:
            raise UsageError("give -o FILE.xlsx for the department's sheet")
        hits = select(corpus, plan=plan, dept=dept, registry=registry)
        if not hits:
            raise UsageError(_("no measure names {dept!r} as lead or responsible").format(dept=dept))
        name = registry.canonical(dept)
        rows = fill_rows(hits, ledger)
        atomic_write_bytes(output, fill_in_bytes(rows, department=name, as_of=as_of,
                                                 title=title, source=str(corpus.root)))
        return [Written(name, Path(output), len(rows))]
    assert per_dept is not None
    folder = Path(per_dept)
    every = select(corpus, plan=plan, registry=registry)
    written = []
    for name in departments(every, registry):
        hits = select(corpus, plan=plan, dept=name, registry=registry)
        rows = fill_rows(hits, ledger)
        path = folder / file_name(name)
        atomic_write_bytes(path, fill_in_bytes(rows, department=name, as_of=as_of,
                                               title=title, source=str(corpus.root)))
        written.append(Written(name, path, len(rows)))
    return written


# --- back: reading filled-in sheets --------------------------------------------------------


def plan_import(corpus: Corpus, paths: Sequence[str | Path]) -> ImportPlan:
    """Read the sheets, match each row, and work out what would change (nothing written)."""
    from reformctl.audit.ledger import load_ledger, preview_changes
    from reformctl.export.fill_in import read_fill_in

    ledger = load_ledger(corpus.folder)
    out = ImportPlan()
    measures = _measures(corpus)
    # A milestone shared by departments is in each one's sheet; only rows that change
    # something count, and two that change it differently are both rejected.
    chosen: dict[tuple[str, str, date | None], list[tuple[SheetRow, Change]]] = {}
    for path in paths:
        sheet = read_fill_in(path)
        out.rejected += [Rejection(where, reason) for where, reason in sheet.problems]
        for row in sheet.rows:
            out.rows += 1
            change = _change_of(row, measures, ledger, out.rejected)
            if change is None or not preview_changes(ledger, [change]):
                continue
            ident = (change.document, change.measure.key or change.measure.id,
                     change.milestone)
            chosen.setdefault(ident, []).append((row, change))
    for found in chosen.values():
        says = {(c.status, c.on, c.note) for _row, c in found}
        if len(says) == 1:
            out.changes.append(found[0][1])
            continue
        for row, _change in found:
            others = "; ".join(r.where for r, _c in found if r is not row)
            out.rejected.append(Rejection(row.where, _(REJECT["twice"]).format(
                id=row.text("id"), other=others)))
    out.preview = preview_changes(ledger, out.changes)
    return out


def apply_import(corpus: Corpus, plan: ImportPlan, *, by: str | None = None) -> list[Applied]:
    """Write the plan's changes to the ledger in one atomic write (under the lock)."""
    from reformctl.audit.ledger import apply_changes

    if not plan.changes:
        return []
    return apply_changes(corpus.folder, plan.changes, by=by)


def _measures(corpus: Corpus) -> dict[tuple[str, str], Hit]:
    from reformctl.select import Hit

    out: dict[tuple[str, str], Hit] = {}
    for entry, p, m in corpus.walk():
        out.setdefault((entry.path.stem, m.key), Hit(entry, p, m))
        out.setdefault((entry.path.stem, f"id:{m.id}"), Hit(entry, p, m))
    return out


def _change_of(row: SheetRow, measures: dict[tuple[str, str], Hit], ledger: Ledger,
               rejected: list[Rejection]) -> Change | None:
    from reformctl.audit.ledger import Change
    from reformctl.audit.milestones import milestones_of
    from reformctl.export.fill_in import STATUS_LABELS, parse_day, parse_row_key, parse_status

    def reject(reason: str, **kw: Any) -> None:
        rejected.append(Rejection(row.where, _(REJECT[reason]).format(**kw)))

    raw_key = row.text("key")
    if not raw_key:
        reject("no_key")
        return None
    key = parse_row_key(raw_key)
    if key is None:
        reject("bad_key")
        return None
    hit = measures.get((key.document, key.key)) if key.key else None
    if hit is None:
        hit = measures.get((key.document, f"id:{key.id.partition('@')[0]}"))
        if hit is None or (key.key and hit.measure.key != key.key):
            reject("unknown", id=key.id, document=key.document)
            return None
    m = hit.measure
    if key.milestone is not None:
        days = {ms.day for ms in milestones_of(m, hit.entry.document.document.year)}
        if key.milestone not in days:
            reject("no_milestone", id=key.id, day=key.milestone.isoformat())
            return None
    typed = row.text("id")
    if typed != key.id:
        reject("id_changed", id=key.id, typed=typed or _("(empty)"))
        return None
    if not row.matches_checksum(key.checksum):
        reject("edited", id=key.id)
        return None
    if row.untouched(key.exported):
        return None  # nobody filled it in: what it shows is the ledger as it was
    try:
        status = parse_status(row.cells.get("status"))
    except ValueError as exc:
        reject("status", value=str(exc), labels="、".join(STATUS_LABELS.values()))
        return None
    try:
        day = parse_day(row.cells.get("done_on"))
    except ValueError as exc:
        reject("date", value=str(exc))
        return None
    current = ledger.get(hit.doc_name, m, key.milestone)
    if status is None:  # an empty 完成情况: the status stays
        status = current.status if current else "open"
    progress = row.text("progress")
    return Change(hit.doc_name, m, status, key.milestone, day, progress or None,
                  source=f"{row.file} · {row.sheet} · 第{row.row}行")


__all__ = [
    "ImportPlan",
    "Rejection",
    "Written",
    "apply_import",
    "departments",
    "export_fill_in",
    "fill_rows",
    "file_name",
    "plan_import",
]
