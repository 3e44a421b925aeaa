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


def _all_keys(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> list[str]:
    keys = [c.key for c in columns]
    for record in records:
        for key in record:
            if key not in keys:
                keys.append(key)
    return keys


def print_table(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    caption: str | None = None,
    row_styles: Sequence[str | None] | None = None,
    file: TextIO | None = None,
) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file or sys.stdout, soft_wrap=False)
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column.header, max_width=column.max_width, justify=column.justify,  # type: ignore[arg-type]
                         overflow="fold")
    for i, record in enumerate(records):
        style = row_styles[i] if row_styles else None
        table.add_row(*(cell(record.get(c.key)) for c in columns), style=style)
    console.print(table)


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
