"""The ledger as Markdown: a heading and a table per plan, readable in any Git web view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reformctl.export.ledger_rows import LedgerRow, row_record
from reformctl.i18n import N_, _, ngettext
from reformctl.labels import count, record_status
from reformctl.render import Column, markdown_table

MD_COLUMNS = (
    Column("id", N_("ID")),
    Column("title", N_("Title")),
    Column("deadlines", N_("Deadlines")),
    Column("lead", N_("Lead")),
    Column("responsible", N_("Responsible")),
    Column("status", N_("Status"), show=record_status),
    Column("late", N_("Late")),
)


def ledger_markdown(rows: Sequence[LedgerRow], *, as_of: date, title: str = "Ledger") -> str:
    """``# title``, a line of totals, then ``## 1 开办企业`` and its table for every plan."""
    overdue = sum(r.overdue for r in rows)
    totals = _("As of {day}: {measures}, {overdue} overdue.").format(
        day=as_of.isoformat(), measures=count("{n} measure", "{n} measures", len(rows)),
        overdue=overdue)
    out = [f"# {title}", "", totals, ""]
    groups: dict[tuple[str, int], list[LedgerRow]] = {}
    for row in rows:
        groups.setdefault((row.document, row.plan), []).append(row)
    documents = {doc for doc, _plan in groups}
    for (doc, _plan), plan_rows in groups.items():
        first = plan_rows[0]
        where = f" ({doc})" if len(documents) > 1 else ""
        out.append(f"## {first.plan} {first.plan_title}{where}")
        out.append("")
        records = []
        for row in plan_rows:
            record = row_record(row)
            late = ngettext("{n} day late", "{n} days late", row.days_late or 0).format(
                n=row.days_late)
            record["late"] = f"**{late}**" if row.overdue else ""
            records.append(record)
        out.append(markdown_table(records, MD_COLUMNS))
    return "\n".join(out)
