"""`reformctl export` (ledger as xlsx/csv/json/yaml/md, deadlines as ics) and `reformctl report`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from reformctl.cli.app import EXIT_OK, AsOfOpt, CorpusOpt, app, parse_as_of

SUFFIX_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".yaml": "yaml",
                  ".yml": "yaml", ".md": "md", ".ics": "ics"}

PlanOpt = Annotated[str | None, typer.Option("--plan", "-p", help="Plan index or title.")]
DeptOpt = Annotated[
    str | None, typer.Option("--dept", "-d", help="Lead or responsible department (aliases ok).")
]
StatusOpt = Annotated[
    str,
    typer.Option("--status", "-s", help="all, open (not done or dropped), in-progress, done "
                 "or dropped."),
]


def _format_for(fmt: str | None, output: str | None) -> str:
    from reformctl.errors import UsageError
    from reformctl.export import FORMATS as EXPORT_FORMATS

    if fmt is None:
        suffix = Path(output).suffix.lower() if output and output != "-" else ""
        if suffix not in SUFFIX_FORMATS:
            raise UsageError("give --format (xlsx, csv, json, yaml, md, ics) or an -o file "
                             "ending in one of those")
        fmt = SUFFIX_FORMATS[suffix]
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    return fmt


def _write(output: str | None, data: bytes | str) -> None:
    from reformctl.yamlio import atomic_write, atomic_write_bytes

    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.write(data)
        return
    if isinstance(data, bytes):
        atomic_write_bytes(output, data)
    else:
        atomic_write(output, data)


@app.command()
def export(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="File to write ('-' or none: stdout; "
                                 "xlsx needs a file).")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="xlsx, csv, json, yaml, md or ics "
                                 "[default: from the -o suffix].")
    ] = None,
    plan: PlanOpt = None,
    dept: DeptOpt = None,
    status: StatusOpt = "all",
    remind: Annotated[
        int | None, typer.Option("--remind", min=0, help="ics: a reminder N days before.")
    ] = None,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Export the ledger (one row per measure and sub-item) or the deadlines as a calendar.

    Rows carry status (status.yaml) and, as of --as-of, days late. xlsx: Excel ledger with a
    per-department sheet; csv: UTF-8 with BOM, formulas neutralized; ics: one all-day event
    per dated deadline, stable UIDs so a re-import updates.

    Example: reformctl export -o 台账.xlsx --as-of 2021-10-01
    """
    from reformctl.errors import UsageError
    from reformctl.export import export_view
    from reformctl.usecases.exports import collect

    fmt = _format_for(fmt, output)
    if fmt == "xlsx" and (output is None or output == "-") and sys.stdout.isatty():
        raise UsageError("xlsx is binary: give -o FILE.xlsx")
    if remind is not None and fmt != "ics":
        raise UsageError("--remind applies to --format ics only")
    view = collect(corpus, as_of=parse_as_of(as_of), plan=plan, dept=dept, status=status)
    _write(output, export_view(view, fmt, remind_days=remind))
    raise typer.Exit(EXIT_OK)


@app.command()
def report(
    output: Annotated[
        str, typer.Option("--output", "-o", help="HTML file to write ('-': stdout).")
    ],
    plan: PlanOpt = None,
    dept: DeptOpt = None,
    status: StatusOpt = "all",
    overlap: Annotated[
        bool, typer.Option("--overlap/--no-overlap", help="Include the overlap check "
                           "(loads jieba: a few seconds).")
    ] = True,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Write a self-contained HTML report: numbers, charts, overdue, overlaps, unknown names.

    Viewing it needs no network: the charts are inline SVG, the styles inline.

    Example: reformctl report -o report.html --as-of 2021-10-01
    """
    from reformctl.export.report import build_report, report_html
    from reformctl.usecases.exports import collect

    day = parse_as_of(as_of)
    view = collect(corpus, as_of=day, plan=plan, dept=dept, status=status)
    data = build_report(view, overlap=overlap)
    _write(output, report_html(data))
    raise typer.Exit(EXIT_OK)
