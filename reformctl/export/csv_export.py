"""The ledger as CSV that Excel opens correctly and safely.

UTF-8 with a byte-order mark, because Excel reads a BOM-less CSV in the local code page and
turns Chinese into mojibake; and every cell that a spreadsheet would take for a formula
(starting with =, +, -, @, or a tab or carriage return that hides one) is prefixed with an
apostrophe, the OWASP advice against CSV formula injection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reformctl.csvsafe import FORMULA_START, neutralize  # noqa: F401 - re-exported
from reformctl.csvsafe import csv_text as _csv
from reformctl.export.ledger_rows import ROW_COLUMNS, LedgerRow, row_record
from reformctl.render import Column, cell

BOM = "\ufeff"


def csv_text(
    records: Sequence[dict[str, Any]], columns: Sequence[Column] = ROW_COLUMNS
) -> str:
    """Records as CSV text beginning with a BOM; the header row is the record keys."""
    rows = [[c.key for c in columns]]
    rows += [[cell(record.get(c.key)) for c in columns] for record in records]
    return BOM + _csv(rows, lineterminator="\r\n")


def ledger_csv(rows: Sequence[LedgerRow]) -> str:
    return csv_text([row_record(r) for r in rows])
