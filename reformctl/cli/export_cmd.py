"""`reformctl export` (ledger as xlsx/csv/json/yaml/md, deadlines as ics) and `reformctl report`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from reformctl.cli.app import (
    EXIT_OK,
    MAX_DAYS,
    AsOfOpt,
    CorpusOpt,
    app,
    corpus_option,
    open_corpus,
    parse_as_of,
)
from reformctl.i18n import _, ngettext

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
        raise UsageError(_("--format must be one of {allowed}, not {value!r}").format(
            allowed=", ".join(EXPORT_FORMATS), value=fmt))
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
    kind: Annotated[
        str | None, typer.Argument(metavar="[FORMAT]", help="xlsx, csv, json, yaml, md or ics "
                                   "(the same as --format).", show_default=False)
    ] = None,
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
        int | None, typer.Option("--remind", min=0, max=MAX_DAYS, help="ics: a reminder N days before.")
    ] = None,
    per_dept: Annotated[
        str | None, typer.Option("--per-dept", metavar="DIR", help="xlsx: one fill-in sheet "
                                 "per department into DIR (台账-<department>.xlsx).")
    ] = None,
    overview: Annotated[
        bool, typer.Option("--overview", help="xlsx with --dept: the whole ledger's workbook "
                           "for the department, not its fill-in sheet.")
    ] = False,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Export the ledger (one row per measure and sub-item) or the deadlines as a calendar.

    Rows carry status (status.yaml) and, as of --as-of, days late. xlsx: Excel ledger with a
    per-department sheet; csv: UTF-8 with BOM, formulas neutralized; ics: one all-day event
    per dated deadline, stable UIDs so a re-import updates.

    xlsx with --dept X (or --per-dept DIR, one per department) is the fill-in sheet a
    department fills in and sends back: one row per milestone, 完成情况/进展情况/完成日期 to
    fill, the rest locked; read it back with `reformctl status import`.

    Examples: reformctl export -o 台账.xlsx --as-of 2021-10-01;
    reformctl export xlsx --per-dept sheets/
    """
    from reformctl.errors import UsageError
    from reformctl.export import export_view
    from reformctl.fileio import check_output_option
    from reformctl.usecases.exports import collect

    check_output_option(output)
    if kind is not None:
        if fmt is not None and fmt != kind:
            raise UsageError(_("FORMAT {kind!r} and --format {value!r} disagree").format(
                kind=kind, value=fmt))
        fmt = kind
    if per_dept is not None:
        fmt = fmt or "xlsx"
    fmt = _format_for(fmt, output)
    if fmt == "xlsx" and (per_dept is not None or (dept is not None and not overview)):
        _fill_in(corpus_option(corpus), as_of, dept=None if per_dept else dept, per_dept=per_dept,
                 output=output, plan=plan, status=status)
        raise typer.Exit(EXIT_OK)
    if per_dept is not None:
        raise UsageError("--per-dept writes xlsx fill-in sheets; it takes no other format")
    if fmt == "xlsx" and (output is None or output == "-") and sys.stdout.isatty():
        raise UsageError("xlsx is binary: give -o FILE.xlsx")
    if remind is not None and fmt != "ics":
        raise UsageError("--remind applies to --format ics only")
    view = collect(corpus_option(corpus), as_of=parse_as_of(as_of), plan=plan, dept=dept,
                   status=status)
    _write(output, export_view(view, fmt, remind_days=remind))
    raise typer.Exit(EXIT_OK)


def _fill_in(corpus: str | None, as_of: str | None, *, dept: str | None,
             per_dept: str | None, output: str | None, plan: str | None, status: str) -> None:
    from reformctl.errors import UsageError
    from reformctl.usecases.fill_in import export_fill_in

    if status != "all":
        raise UsageError("the fill-in sheet lists every milestone of the department: "
                         "--status does not apply")
    if per_dept is not None and output is not None:
        raise UsageError("--per-dept DIR names the folder; -o does not apply")
    if per_dept is None and (output is None or output == "-"):
        raise UsageError("the fill-in sheet is a file: give -o FILE.xlsx")
    loaded = open_corpus(corpus)
    written = export_fill_in(loaded, parse_as_of(as_of), dept=dept, per_dept=per_dept,
                             output=output, plan=plan)
    if per_dept is not None:
        rows = sum(w.rows for w in written)
        sys.stdout.write(ngettext("{n} fill-in sheet ({rows} rows) in {folder}",
                                  "{n} fill-in sheets ({rows} rows) in {folder}",
                                  len(written)).format(n=len(written), rows=rows,
                                                       folder=per_dept) + "\n")


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
    title: Annotated[
        str | None, typer.Option("--title", help="The page's title [default: the document's "
                                 "title, or one naming how many documents].")
    ] = None,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """Write a self-contained HTML report: numbers, charts, overdue, overlaps, unknown names.

    Viewing it needs no network and no Chinese font: the charts are inline SVG, the styles
    inline, the characters of the page embedded as a font subset (Noto Sans CJK SC).

    Example: reformctl report -o report.html --as-of 2021-10-01
    """
    from reformctl.export.report import build_report, report_html
    from reformctl.fileio import check_output_option
    from reformctl.usecases.exports import collect

    check_output_option(output)
    day = parse_as_of(as_of)
    view = collect(corpus_option(corpus), as_of=day, plan=plan, dept=dept, status=status)
    data = build_report(view, overlap=overlap, title=title)
    _write(output, report_html(data))
    raise typer.Exit(EXIT_OK)
