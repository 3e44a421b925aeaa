"""One output path for every command: records (plain dicts) → table, json, yaml, csv or md.

Commands build a list of records with stable keys and name the columns a human sees; the
machine formats always carry the full records. rich is imported only for tables.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

FORMATS = ("table", "json", "yaml", "csv", "tsv", "md")
HEADERS = ("keys", "zh", "en")  # --headers: the CSV/TSV header row (keys: machine)
TITLE_CAP = 40  # display cells of a title in a table (rich or plain), "…" marking a cut
ELLIPSIS = "…"

# Chinese line-breaking (GB/T 15834 and the JLReq kinsoku rules): a line never starts with
# closing punctuation and never ends with opening punctuation.
NO_LINE_START = frozenset("，、。．；：？！）」』”’》〉】〕］｝…%％·・,.;:?!)]}")
NO_LINE_END = frozenset("（「『“‘《〈【〔［｛([{")
# Where a long title may be cut to its headline: after the first clause.
CLAUSE_ENDS = "，；：。,;:"


@dataclass(frozen=True)
class Column:
    """A column people read: the record ``key``, its ``header`` (English in the source,
    translated when shown), and how a cell reads: ``show(record)`` (default: the value),
    ``cap`` (display cells; longer text is cut to its headline with "…" in tables),
    ``wrap`` (may wrap onto several lines in a terminal table; else kept whole)."""

    key: str
    header: str
    max_width: int | None = None
    justify: str = "left"
    show: Callable[[dict[str, Any]], str] | None = None
    cap: int | None = None
    wrap: bool = False

    def label(self) -> str:
        from reformctl.i18n import _

        return _(self.header)

    def text(self, record: dict[str, Any]) -> str:
        if self.show is not None:
            return self.show(record)
        return cell(record.get(self.key))


def cell(value: Any) -> str:
    """How a value reads in a table cell or CSV field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        from reformctl.i18n import _

        return _("yes") if value else ""
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
    records: Sequence[dict[str, Any]], columns: Sequence[Column], fmt: str,
    *, headers: str = "keys",
) -> str:
    """Machine formats as a string (json, yaml, csv, tsv, md).

    csv/tsv with ``headers="keys"`` carry every key of the records under its English name
    (an interface); with ``headers="zh"``/``"en"`` they carry the columns people read, as the
    table shows them, under headers in that language (the 台账 for a spreadsheet).
    """
    if fmt == "json":
        from reformctl.yamlio import dump_json

        return dump_json([_plain(r) for r in records])
    if fmt == "yaml":
        from reformctl.yamlio import dump_yaml

        return dump_yaml([_plain(r) for r in records])
    if fmt in ("csv", "tsv"):
        from reformctl.csvsafe import csv_text  # the one CSV writer: formulas neutralised

        rows: list[list[str]] = []
        if headers == "keys":
            keys = _all_keys(records, columns)
            rows.append(keys)
            for record in records:
                rows.append([_one_line(cell(record.get(k)), fmt) for k in keys])
        else:
            from reformctl.i18n import _, language, set_language

            before = language()
            set_language(headers)
            try:
                rows.append([_(c.header) for c in columns])
                for record in records:
                    rows.append([_one_line(c.text(record), fmt) for c in columns])
            finally:
                set_language(before)
        return csv_text(rows, delimiter="," if fmt == "csv" else "\t")
    if fmt == "md":
        return markdown_table(records, columns)
    raise ValueError(f"unknown format {fmt!r}")


def _one_line(text: str, fmt: str) -> str:
    """A TSV field holds no tab or newline (csv quotes them instead)."""
    return text.replace("\t", " ").replace("\n", " ") if fmt == "tsv" else text


def markdown_table(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    import html

    def esc(text: str) -> str:
        # Markdown passes HTML through: a title holding <script> or <img onerror=…> would
        # run in a viewer that renders it. Escaped, it reads as typed.
        return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(c.label()) for c in columns) + " |",
             "| " + " | ".join("---:" if c.justify == "right" else "---" for c in columns) + " |"]
    for record in records:
        lines.append("| " + " | ".join(esc(c.text(record)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def with_document_column(
    columns: Sequence[Column], records: Sequence[dict[str, Any]]
) -> Sequence[Column]:
    """The columns, led by the document's name when the records come from more than one
    document (ids such as "1.1" repeat from one plan document to the next)."""
    if len({record.get("document") for record in records}) > 1:
        return (Column("document", "Document", cap=24, wrap=True), *columns)
    return columns


def _all_keys(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> list[str]:
    if not records:
        return [c.key for c in columns if c.show is None]
    keys: list[str] = []
    for record in records:
        for key in record:
            if key not in keys:
                keys.append(key)
    return keys


# ---------------------------------------------------------------------------------------
# Width and line breaking for Chinese


def display_width(text: str) -> int:
    """Terminal cells: two for wide and full-width characters (East Asian W/F), one for the
    rest — ambiguous ones (“”…·—) included, as rich and terminals outside a CJK legacy mode
    count them. The one width function of tables, plain and rich."""
    if text.isascii():
        return len(text)
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 0 if _zero(ch) else 1 for ch in text)


def _zero(ch: str) -> bool:
    from unicodedata import category

    return category(ch) in ("Mn", "Me", "Cf")


_width = display_width  # the name other modules used


def headline(text: str, cap: int | None) -> str:
    """``text`` within ``cap`` cells: whole when it fits, else its first clause when that is
    a useful length, else cut; "…" marks every cut. For tables only: the record keeps all."""
    text = " ".join(text.split())
    if cap is None or display_width(text) <= cap:
        return text
    cut, width = 0, 0
    for i, ch in enumerate(text):
        width += display_width(ch)
        if width > cap - 1:
            break
        cut = i + 1
    head = text[:cut]
    clause = max(head.rfind(ch) for ch in CLAUSE_ENDS)
    if clause >= 0 and display_width(head[:clause]) >= cap // 2:
        head = head[:clause]
    while head and head[-1] in NO_LINE_END:
        head = head[:-1]
    return head.rstrip(CLAUSE_ENDS + " ") + ELLIPSIS


def _units(text: str) -> list[str]:
    """What a line may break between: each Chinese character alone, an ASCII word or number
    whole ("2021-09-30", "5G"), a name list's names whole with their "、"."""
    units: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace() and ch not in "()[]":
            word += ch
            continue
        if word:
            units.append(word)
            word = ""
        units.append(ch)
    if word:
        units.append(word)
    return units


def wrap_cjk(text: str, width: int, *, names: bool = False) -> list[str]:
    """Lines of at most ``width`` cells, broken by the Chinese rules: no line starts with
    ，、。；：）」” and the like, none ends with （「“ (the character moves to the next line).
    ``names``: a "、"-separated list breaks only between names when each fits."""
    if width <= 0 or display_width(text) <= width:
        return [text]
    if names:
        units = [n + "、" for n in text.split("、")]
        units[-1] = units[-1][:-1]
        if any(display_width(u) > width for u in units):
            units = [u for n in units for u in _units(n)]
    else:
        units = _units(text)
    lines: list[list[str]] = [[]]
    used = 0
    for unit in units:
        w = display_width(unit)
        if used + w > width and lines[-1]:
            line = lines[-1]
            carry: list[str] = []
            # The unit would start the new line: move closing punctuation's predecessor
            # down with it; an opening mark at the end goes down too.
            if unit and unit[0] in NO_LINE_START:
                while len(line) > 1 and (not carry or carry[0][0] in NO_LINE_START):
                    carry.insert(0, line.pop())
            while len(line) > 1 and line[-1] and line[-1][-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append(carry)
            used = sum(display_width(u) for u in carry)
        if w > width and not lines[-1]:  # a word longer than the line: cut it
            for ch in unit:
                cw = display_width(ch)
                if used + cw > width and lines[-1]:
                    lines.append([])
                    used = 0
                lines[-1].append(ch)
                used += cw
            continue
        if unit == " " and not lines[-1]:
            continue
        lines[-1].append(unit)
        used += w
    return ["".join(line).rstrip() for line in lines if line]


def fit_widths(natural: Sequence[int], minimum: Sequence[int], wrappable: Sequence[bool],
               available: int) -> list[int]:
    """Column widths that fill at most ``available`` cells: each column at its natural
    width when all fit, else the widest wrappable column gives way first (never below its
    minimum)."""
    widths = list(natural)
    excess = sum(widths) - available
    while excess > 0:
        candidates = [i for i, w in enumerate(widths) if wrappable[i] and w > minimum[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i] - minimum[i] * 0.5)
        widths[widest] -= 1
        excess -= 1
    return widths


# ---------------------------------------------------------------------------------------
# Tables


def table_cells(records: Sequence[dict[str, Any]], columns: Sequence[Column],
                *, wide: bool = False) -> list[list[str]]:
    """What each cell of a table shows: the column's text, titles cut to their headline."""
    rows = []
    for record in records:
        row = []
        for c in columns:
            text = c.text(record).replace("\n", " ")
            if c.cap and not wide:
                text = headline(text, c.cap)
            row.append(text)
        rows.append(row)
    return rows


def plain_table(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    caption: str | None = None,
    wide: bool = False,
) -> str:
    """The table as plain text: one line per record, columns aligned by display width (a
    Chinese character takes two cells), never wrapped; titles cut to their headline (the
    whole text: --format tsv or json). For output that is not a terminal (a pipe, a file, a
    cron job's mail), where grep and awk should see one record per line."""
    rows = [[c.label() for c in columns], *table_cells(records, columns, wide=wide)]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(columns))]
    lines = [title] if title else []
    for row in rows:
        parts = []
        for text, width, column in zip(row, widths, columns, strict=True):
            pad = " " * max(0, width - display_width(text))
            parts.append(pad + text if column.justify == "right" else text + pad)
        lines.append("  ".join(parts).rstrip())
    if caption:
        lines.append(caption)
    return "\n".join(lines) + "\n"


def terminal_width(stream: TextIO | None = None) -> int:
    """The terminal's columns ($COLUMNS first, as rich does)."""
    import os
    import shutil

    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return shutil.get_terminal_size((100, 24)).columns


def print_table(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    caption: str | None = None,
    row_styles: Sequence[str | None] | None = None,
    cell_styles: Sequence[dict[str, str]] | None = None,
    file: TextIO | None = None,
    wide: bool = False,
) -> None:
    """A rich table on a terminal, using its whole width, Chinese wrapped by the Chinese
    rules and names never hidden; plain aligned lines elsewhere (see plain_table), which
    also spares a cron job rich's ~60 ms of import and layout. ``wide``: titles whole and
    nothing wrapped (for ``less -S``)."""
    stream = file or sys.stdout
    if not is_terminal(stream):
        stream.write(plain_table(records, columns, title=title, caption=caption, wide=wide))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    headers = [c.label() for c in columns]
    cells = table_cells(records, columns, wide=wide)
    natural = [max([display_width(h), *(display_width(r[i]) for r in cells)])
               for i, h in enumerate(headers)]
    # The least a wrapped column may take: its header, and room for a name or a clause.
    minimum = [max(display_width(h), 10 if c.wrap else natural[i])
               for i, (h, c) in enumerate(zip(headers, columns, strict=True))]
    total = terminal_width(stream)
    overhead = 3 * len(columns) + 1  # "│ " + " " per column, and the last "│"
    compact = False
    if not wide and sum(natural) + overhead > total:
        # Too wide for a boxed table: columns apart by two spaces and a rule under the
        # header win back a column's worth of cells for the text (80 columns).
        compact = True
        overhead = 2 * (len(columns) - 1)
    if wide:
        widths = natural
        total = max(total, sum(widths) + overhead)
    else:
        widths = fit_widths(natural, minimum, [c.wrap for c in columns], total - overhead)
        _recap_titles(cells, records, columns, widths)
    console = Console(file=stream, soft_wrap=False, width=max(total, sum(widths) + overhead))
    if compact:
        from rich import box

        table = Table(title=title, caption=caption, show_lines=False, header_style="bold",
                      caption_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                      show_edge=False, padding=(0, 1, 0, 0))
    else:
        table = Table(title=title, caption=caption, show_lines=False, header_style="bold",
                      caption_justify="left")
    for column, header, width in zip(columns, headers, widths, strict=True):
        table.add_column("\n".join(wrap_cjk(header, width)), width=width, no_wrap=True,
                         overflow="crop", justify=column.justify)  # type: ignore[arg-type]
    for i, row in enumerate(cells):
        style = row_styles[i] if row_styles else None
        extra = cell_styles[i] if cell_styles else {}
        texts = []
        for column, text, width in zip(columns, row, widths, strict=True):
            lines = wrap_cjk(text, width, names=column.key in NAME_KEYS) if column.wrap \
                else [text]
            texts.append(Text("\n".join(lines), style=extra.get(column.key, "")))
        table.add_row(*texts, style=style)
    console.print(table)


def _recap_titles(cells: list[list[str]], records: Sequence[dict[str, Any]],
                  columns: Sequence[Column], widths: Sequence[int]) -> None:
    """A capped title whose column the terminal made a little narrower than the cap is cut
    to the column, not wrapped: "…网上协…" on two lines read as a broken cut. A column under
    half the cap still wraps its (capped) titles, as at 80 columns."""
    for i, column in enumerate(columns):
        if column.cap and column.cap // 2 <= widths[i] < column.cap:
            for row, record in zip(cells, records, strict=True):
                if display_width(row[i]) > widths[i]:
                    row[i] = headline(column.text(record).replace("\n", " "), widths[i])


# Columns that hold a "、"-separated list of department names: wrapped between names.
NAME_KEYS = frozenset({"lead", "responsible", "departments", "owners", "to"})


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
    cell_styles: Sequence[dict[str, str]] | None = None,
    out: TextIO | None = None,
    headers: str = "keys",
    wide: bool = False,
) -> None:
    """Write records to stdout in the requested format."""
    stream = out or sys.stdout
    if fmt == "table":
        print_table(records, columns, title=title, caption=caption, row_styles=row_styles,
                    cell_styles=cell_styles, file=stream, wide=wide)
    else:
        stream.write(render_text(records, columns, fmt, headers=headers))
