"""The ledger as Markdown: a heading and a table per plan, readable in any Git web view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reformctl.export.ledger_rows import LedgerRow, row_record
from reformctl.render import Column, markdown_table

MD_COLUMNS = (
    Column("id", "ID"),
    Column("title", "Title"),
    Column("deadlines", "Deadlines"),
    Column("lead", "Lead"),
    Column("responsible", "Responsible"),
    Column("status", "Status"),
    Column("late", "Late"),
)


def ledger_markdown(rows: Sequence[LedgerRow], *, as_of: date, title: str = "Ledger") -> str:
    """``# title``, a line of totals, then ``## 1 开办企业`` and its table for every plan."""
    overdue = sum(r.overdue for r in rows)
    out = [f"# {title}", "", f"As of {as_of.isoformat()}: {len(rows)} measures, {overdue} overdue.", ""]
    groups: dict[tuple[str, int], list[LedgerRow]] = {}
    for row in rows:
        groups.setdefault((row.document, row.plan), []).append(row)
    documents = {doc for doc, _ in groups}
    for (doc, _), plan_rows in groups.items():
        first = plan_rows[0]
        where = f" ({doc})" if len(documents) > 1 else ""
        out.append(f"## {first.plan} {first.plan_title}{where}")
        out.append("")
        records = []
        for row in plan_rows:
            record = row_record(row)
            record["late"] = f"**{row.days_late} d**" if row.overdue else ""
            records.append(record)
        out.append(markdown_table(records, MD_COLUMNS))
    return "\n".join(out)
