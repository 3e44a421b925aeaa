"""Exports: the ledger (xlsx, csv, md, json, yaml), deadlines (ics), the HTML report, e-mail.

    view = reformctl.usecases.collect("corpus", as_of=date(2021, 10, 1))
    atomic_write_bytes("台账.xlsx", export_view(view, "xlsx"))

Every tabular format reads the same rows (``ledger_rows``); heavy libraries (openpyxl,
icalendar) are imported only when a file of that kind is written.
"""

from __future__ import annotations

from reformctl.export.csv_export import ledger_csv
from reformctl.export.ics import ics_bytes
from reformctl.export.ledger_rows import (
    ROW_COLUMNS,
    LedgerRow,
    LedgerView,
    ledger_rows,
    row_record,
)
from reformctl.export.mail import build_notices, compose, deliver, load_recipients
from reformctl.export.markdown import ledger_markdown
from reformctl.export.report import build_report, report_html
from reformctl.export.xlsx import xlsx_bytes

FORMATS = ("xlsx", "csv", "json", "yaml", "md", "ics")


def export_view(view: LedgerView, fmt: str, *, remind_days: int | None = None) -> bytes | str:
    """The rows of ``view`` in one of ``FORMATS``: bytes for xlsx and ics, text otherwise."""
    title = document_title(view)
    if fmt == "xlsx":
        return xlsx_bytes(view.rows, as_of=view.as_of, source=str(view.corpus.root), title=title,
                          key=view.department_key)
    if fmt == "csv":
        return ledger_csv(view.rows)
    if fmt == "md":
        return ledger_markdown(view.rows, as_of=view.as_of, title=title)
    if fmt == "ics":
        return ics_bytes(view.rows, view.hits, as_of=view.as_of, remind_days=remind_days)
    if fmt in ("json", "yaml"):
        from reformctl.render import render_text

        return render_text([row_record(r) for r in view.rows], ROW_COLUMNS, fmt)
    raise ValueError(f"unknown export format {fmt!r}")


def document_title(view: LedgerView) -> str:
    """The corpus's document title when it holds one document, else a generic one."""
    titles = [d.document.title for d in view.corpus.documents if d.document.title]
    return titles[0] if len(titles) == 1 else "reformctl ledger"


__all__ = [
    "FORMATS",
    "LedgerRow",
    "LedgerView",
    "build_notices",
    "build_report",
    "compose",
    "deliver",
    "document_title",
    "export_view",
    "ics_bytes",
    "ledger_csv",
    "ledger_markdown",
    "ledger_rows",
    "load_recipients",
    "report_html",
    "xlsx_bytes",
]
