"""One output path for every command: records (plain dicts) → table, json, yaml, csv or md.

Commands build a list of records with stable keys and name the columns a human sees; the
machine formats always carry the full records. rich is imported only for tables.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

FORMATS = ("table", "json", "yaml", "csv", "md")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    max_width: int | None = None
    justify: str = "left"


def cell(value: Any) -> str:
    """How a value reads in a table cell or CSV field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        return "、".join(cell(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def render_text(
    records: Sequence[dict[str, Any]], columns: Sequence[Column], fmt: str
) -> str:
    """Machine formats as a string (json, yaml, csv, md)."""
    if fmt == "json":
        from reformctl.yamlio import dump_json

        return dump_json([_plain(r) for r in records])
    if fmt == "yaml":
        from reformctl.yamlio import dump_yaml

        return dump_yaml([_plain(r) for r in records])
    if fmt == "csv":
        buf = io.StringIO()
        keys = _all_keys(records, columns)
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(keys)
        for record in records:
            writer.writerow([cell(record.get(k)) for k in keys])
        return buf.getvalue()
    if fmt == "md":
        return markdown_table(records, columns)
    raise ValueError(f"unknown format {fmt!r}")


def markdown_table(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(c.header for c in columns) + " |",
             "| " + " | ".join("---:" if c.justify == "right" else "---" for c in columns) + " |"]
    for record in records:
        lines.append("| " + " | ".join(esc(cell(record.get(c.key))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def with_document_column(
    columns: Sequence[Column], records: Sequence[dict[str, Any]]
) -> Sequence[Column]:
    """The columns, led by the document's name when the records come from more than one
    document (ids such as "1.1" repeat from one plan document to the next)."""
    if len({record.get("document") for record in records}) > 1:
        return (Column("document", "Document"), *columns)
    return columns


def _all_keys(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> list[str]:
    keys = [c.key for c in columns]
    for record in records:
        for key in record:
            if key not in keys:
                keys.append(key)
    return keys


def plain_table(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    caption: str | None = None,
) -> str:
    """The table as plain text: one line per record, columns aligned by display width (a
    Chinese character takes two cells), nothing cut or wrapped. For output that is not a
    terminal (a pipe, a file, a cron job's mail), where grep and awk should see one record
    per line and box drawing and wrapping at 80 columns only get in the way."""
    rows = [[c.header for c in columns]]
    rows += [[cell(record.get(c.key)).replace("\n", " ") for c in columns] for record in records]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(columns))]
    lines = [title] if title else []
    for row in rows:
        parts = []
        for text, width, column in zip(row, widths, columns, strict=True):
            pad = " " * max(0, width - _width(text))
            parts.append(pad + text if column.justify == "right" else text + pad)
        lines.append("  ".join(parts).rstrip())
    if caption:
        lines.append(caption)
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Terminal cells: two for wide and full-width characters (East Asian W/F)."""
    if text.isascii():
        return len(text)
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    caption: str | None = None,
    row_styles: Sequence[str | None] | None = None,
    file: TextIO | None = None,
) -> None:
    """A rich table on a terminal; plain aligned lines elsewhere (see plain_table), which
    also spares a cron job rich's ~60 ms of import and layout."""
    stream = file or sys.stdout
    if not is_terminal(stream):
        stream.write(plain_table(records, columns, title=title, caption=caption))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, soft_wrap=False)
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column.header, max_width=column.max_width, justify=column.justify,  # type: ignore[arg-type]
                         overflow="fold")
    for i, record in enumerate(records):
        style = row_styles[i] if row_styles else None
        table.add_row(*(cell(record.get(c.key)) for c in columns), style=style)
    console.print(table)


def is_terminal(stream: TextIO) -> bool:
    """Whether a person reads ``stream``: a TTY, or FORCE_COLOR / TTY_COMPATIBLE set (as rich
    honours them), so that a pager or a test can ask for the rich table."""
    import os

    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def emit(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    fmt: str,
    *,
    title: str | None = None,
    caption: str | None = None,
    row_styles: Sequence[str | None] | None = None,
    out: TextIO | None = None,
) -> None:
    """Write records to stdout in the requested format."""
    stream = out or sys.stdout
    if fmt == "table":
        print_table(records, columns, title=title, caption=caption, row_styles=row_styles,
                    file=stream)
    else:
        stream.write(render_text(records, columns, fmt))
