"""The one CSV writer: every CSV reformctl prints or writes (`--format csv`/`tsv` of every
command, and `export -f csv`) goes through ``csv_text``, which neutralises formulas.

A cell that a spreadsheet would run as a formula — starting with =, +, -, @, or a tab, CR
or LF that hides one ("=HYPERLINK(...)", "+1+cmd|' /C calc'!A0", "@SUM(A1)") — is prefixed
with an apostrophe, the OWASP advice against CSV injection: Excel, LibreOffice and Sheets
show it as typed and never evaluate it. A plain number ("-3", "+2.5") is left alone: it is
a value, not a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def neutralize(text: str) -> str:
    """"=1+1" → "'=1+1": shown as typed, never evaluated."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows: Iterable[Sequence[str]], *, delimiter: str = ",",
             lineterminator: str = "\n") -> str:
    """Rows of text as CSV (or TSV), every field neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([neutralize(field) for field in row])
    return buf.getvalue()


__all__ = ["FORMULA_START", "csv_text", "neutralize"]
