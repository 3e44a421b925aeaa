"""Exports: the ledger (xlsx, csv, md, json, yaml), deadlines (ics), the HTML report, e-mail.

Every tabular format reads the same rows (``ledger_rows``); heavy libraries (openpyxl,
icalendar) are imported only when a file of that kind is written.
"""

from __future__ import annotations

from reformctl.export.csv_export import ledger_csv
from reformctl.export.ics import ics_bytes
from reformctl.export.ledger_rows import LedgerRow, LedgerView, collect, ledger_rows
from reformctl.export.markdown import ledger_markdown
from reformctl.export.xlsx import xlsx_bytes

__all__ = [
    "LedgerRow",
    "LedgerView",
    "collect",
    "ics_bytes",
    "ledger_csv",
    "ledger_markdown",
    "ledger_rows",
    "xlsx_bytes",
]
