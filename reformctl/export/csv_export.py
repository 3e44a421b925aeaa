"""The ledger as CSV that Excel opens correctly and safely.

UTF-8 with a byte-order mark, because Excel reads a BOM-less CSV in the local code page and
turns Chinese into mojibake; and every cell that a spreadsheet would take for a formula
(starting with =, +, -, @, or a tab or carriage return that hides one) is prefixed with an
apostrophe, the OWASP advice against CSV formula injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from reformctl.export.ledger_rows import ROW_COLUMNS, LedgerRow, row_record
from reformctl.render import Column, cell

BOM = "\ufeff"
# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets:
# "=HYPERLINK(...)", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"; tab and CR can precede one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """"=1+1" → "'=1+1": shown as typed, never evaluated."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(
    records: Sequence[dict[str, Any]], columns: Sequence[Column] = ROW_COLUMNS
) -> str:
    """Records as CSV text beginning with a BOM; the header row is the record keys."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.key for c in columns])
    for record in records:
        writer.writerow([neutralize(cell(record.get(c.key))) for c in columns])
    return BOM + buf.getvalue()


def ledger_csv(rows: Sequence[LedgerRow]) -> str:
    return csv_text([row_record(r) for r in rows])
