"""`reformctl due`, `reformctl audit` and `reformctl depts`: what is due, what is wrong, who
carries what. Exit codes: 0 nothing to report, 1 findings (overdue with `due --overdue`;
findings at or above --fail-on with `audit`), 2 bad usage or input."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reformctl.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    MAX_DAYS,
    YEAR_MAX,
    YEAR_MIN,
    AsOfOpt,
    CorpusOpt,
    FormatOpt,
    HeadersOpt,
    WideOpt,
    app,
    check_format,
    check_headers,
    finite,
    open_corpus,
    parse_as_of,
)
from reformctl.i18n import N_, _
from reformctl.labels import count, record_days, record_status, severity_label
from reformctl.render import FORMATS, TITLE_CAP, Column, with_document_column

if TYPE_CHECKING:
    from reformctl.audit.due import DueItem
    from reformctl.registry import Registry

# One set of columns for the table, md and the people's CSV, all read from due_record.
DUE_COLUMNS = (
    Column("id", N_("ID")),
    Column("title", N_("Title"), cap=TITLE_CAP, wrap=True),
    Column("date", N_("Due")),
    Column("days", N_("Days"), justify="right", show=record_days),
    Column("status_label", N_("Status"), show=record_status),
    Column("lead", N_("Lead"), wrap=True),
    Column("responsible", N_("Responsible"), wrap=True),
)
AUDIT_COLUMNS = (
    Column("severity", N_("Severity"), show=lambda r: severity_label(r.get("severity"))),
    Column("check", N_("Check")),
    Column("measure", N_("Measure")),
    Column("message", N_("Message"), wrap=True),
)
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": None}
GROUPINGS = ("plan", "dept")
SOON_DAYS = 7  # due within a week: highlighted in the table
LONG_LATE = 30  # more days late than this: the row in bold
NO_OWNER = N_("(no owner)")  # the --by dept group of measures that name no department



@app.command()
def due(
    month: Annotated[
        int | None, typer.Option("--month", "-m", help="Deadlines in this month (1-12) of the "
                                 "plan's year, or of --year.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", min=YEAR_MIN, max=YEAR_MAX, help="Deadlines in this year.")] = None,
    dept: Annotated[
        str | None, typer.Option("--dept", "-d", help="Lead or responsible department "
                                 "(aliases understood).")
    ] = None,
    plan: Annotated[str | None, typer.Option("--plan", "-p", help="Plan index or title.")] = None,
    within: Annotated[
        int | None, typer.Option("--within", min=0, max=MAX_DAYS, help="Due in the next N days (today included).")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Past due and not done or dropped; exit 1 if any.")
    ] = False,
    status: Annotated[
        str, typer.Option("--status", help="open (not done or dropped), in-progress, done, "
                          "dropped or all.")
    ] = "open",
    by: Annotated[
        str | None, typer.Option("--by", help="Group by plan or dept (a row per department "
                                 "named).")
    ] = None,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = "table",
    headers: HeadersOpt = "keys",
    wide: WideOpt = False,
) -> None:
    """List deadlines (one row per dated milestone) with owners, status and days left or late.

    Examples:

      reformctl due --month 9

      reformctl due --overdue --as-of 2021-10-01 --format json

      reformctl due --within 14 --dept 财政局 --by dept
    """
    from reformctl.audit.due import due_items, due_record
    from reformctl.audit.ledger import load_ledger
    from reformctl.errors import UsageError
    from reformctl.render import emit
    from reformctl.select import select

    check_format(fmt, FORMATS)
    check_headers(headers)
    if by is not None and by not in GROUPINGS:
        raise UsageError(_("--by must be plan or dept, not {value!r}").format(value=by))
    today = parse_as_of(as_of)
    loaded = open_corpus(corpus)
    # The registry folds department aliases; only --dept and --by dept need it (start-up time:
    # not even its module is imported otherwise).
    registry = None
    if dept or by == "dept":
        from reformctl.registry import registry_for_folder

        registry = registry_for_folder(loaded.folder)
    hits = select(loaded, plan=plan, dept=dept, registry=registry)
    items = due_items(hits, load_ledger(loaded.folder), today, month=month, year=year,
                      within=within, overdue=overdue, status=status)

    groups = _group(items, by, registry, dept, loaded)
    records = [
        {**due_record(item), "group": group} if by else due_record(item)
        for group, members in groups
        for item in members
    ]
    code = EXIT_FINDINGS if overdue and items else EXIT_OK
    columns = with_document_column(DUE_COLUMNS, records)
    if fmt not in ("table", "md"):
        emit(records, columns, fmt, headers=headers)
        raise typer.Exit(code)
    years = sorted({y for h in hits if (y := h.entry.document.document.year)}
                   or {y for e in loaded.entries if (y := e.document.document.year)})
    what = _describe_due(month, year, within, overdue, today, years)
    if not items:
        sys.stdout.write(_("Nothing {what}.").format(what=what) + "\n")
        raise typer.Exit(code)
    late = sum(1 for i in items if i.late)
    measures = len({(i.hit.doc_name, i.hit.measure.id) for i in items})
    summary = _("{milestones} of {measures} {what}").format(
        milestones=count("{n} milestone", "{n} milestones", len(items)),
        measures=count("{n} measure", "{n} measures", measures), what=what)
    if late:
        summary += _("; {n} late").format(n=late)
    if fmt == "md":
        _due_markdown(groups, columns, summary)
        raise typer.Exit(code)
    for group, members in groups:
        rows = [due_record(i) for i in members]
        emit(rows, columns, "table", title=_(group) if group else None,
             row_styles=[_due_style(i) for i in members],
             cell_styles=[_due_cell_styles(i) for i in members], wide=wide,
             caption=None if by else summary)
    if by:
        sys.stdout.write(summary + "\n")
    raise typer.Exit(code)


def _due_markdown(groups: list[tuple[str, list[DueItem]]], columns: Any, summary: str) -> None:
    """md keeps the grouping: a heading per group over its table, the summary at the end."""
    from reformctl.audit.due import due_record
    from reformctl.render import markdown_table

    out = []
    for group, members in groups:
        if group:
            out.append(f"## {_(group)}\n")
        out.append(markdown_table([due_record(i) for i in members], columns))
    out.append(summary + "\n")
    sys.stdout.write("\n".join(out))


def _group(items: list[DueItem], by: str | None, registry: Registry | None,
           dept: str | None, corpus: Any = None) -> list[tuple[str, list[DueItem]]]:
    if by is None:
        return [("", items)]
    groups: dict[str, list[DueItem]] = {}
    if by == "plan":
        for item in sorted(items, key=lambda i: (i.hit.doc_name, i.hit.plan.index)):
            title = f"{item.hit.plan.index} {item.hit.plan.title}"
            groups.setdefault(title, []).append(item)
        return list(groups.items())
    from reformctl.grouping import DepartmentKey, group_by_department, owners_of_hit
    from reformctl.select import dept_matcher

    only = dept_matcher(dept, registry, corpus=corpus) if dept else None
    key = DepartmentKey.of(registry, (i.hit for i in items))
    grouped = group_by_department(items, lambda i: owners_of_hit(i.hit), key)
    for name, members in grouped.groups.items():
        if only is None or only(name):
            groups[name] = [m.item for m in members]
    if grouped.unowned and only is None:
        groups[NO_OWNER] = grouped.unowned  # still due, and nobody's list shows it
    return sorted(groups.items())


def _describe_due(month: int | None, year: int | None, within: int | None, overdue: bool,
                  today: Any, plan_years: list[int]) -> str:
    """"due in month 9 of 2021 as of 2021-10-01" / "2021年9月到期（截至2021-10-01）"."""
    parts = []
    if month:
        # Without --year, a month is of each document's plan year: say which.
        if year or len(plan_years) == 1:
            parts.append(_("in month {month} of {year}").format(
                month=month, year=year or plan_years[0]))
        elif plan_years:
            parts.append(_("in month {month} of each plan's year ({years})").format(
                month=month, years=", ".join(map(str, plan_years))))
        else:
            parts.append(_("in month {month}").format(month=month))
    elif year:
        parts.append(_("in {year}").format(year=year))
    if within is not None:
        parts.append(count("within {n} day", "within {n} days", within))
    where = " ".join(parts)
    template = _("overdue {where} as of {today}") if overdue else _("due {where} as of {today}")
    return " ".join(template.format(where=where, today=today.isoformat()).split())


def _due_style(item: DueItem) -> str | None:
    """Rows stand out by how late they are: more than a month late in bold."""
    if item.status in ("done", "dropped"):
        return "dim"
    if item.days < -LONG_LATE:
        return "bold"
    return None


def _due_cell_styles(item: DueItem) -> dict[str, str]:
    if item.status in ("done", "dropped"):
        return {}
    if item.days < -LONG_LATE:
        return {"days": "bold red", "id": "bold red"}
    if item.days < 0:
        return {"days": "red"}
    if item.days <= SOON_DAYS:
        return {"days": "yellow"}
    return {}


@app.command()
def audit(
    check: Annotated[
        list[str] | None, typer.Option("--check", "-k", help="Run only this check (repeat, or "
                                       "comma-separate); see --list-checks.")
    ] = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="Exit 1 on findings of this severity or worse: "
                          "error, warning or info.")
    ] = "error",
    dept: Annotated[
        str | None, typer.Option("--dept", "-d", help="Only findings naming this department.")
    ] = None,
    overlap_threshold: Annotated[
        float | None, typer.Option("--overlap-threshold", min=0.0, max=1.0, callback=finite, help="Similarity (0-1) from which "
                                   "two measures overlap [default: 0.2].")
    ] = None,
    list_checks: Annotated[
        bool, typer.Option("--list-checks", help="List the checks and exit.")
    ] = False,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = "table",
    headers: HeadersOpt = "keys",
) -> None:
    """Run the named checks (overdue, missing-owner, no-lead, multiple-leads,
    lead-and-responsible, overlap, unknown-department, unresolved-deadline) over the corpus.

    Example: reformctl audit --as-of 2021-10-01 --check overdue --format json
    """
    from reformctl.audit.checks import (
        CHECK_HELP,
        CHECK_SEVERITY,
        at_or_above,
        finding_record,
        resolve_checks,
        run_audit,
    )
    from reformctl.audit.ledger import load_ledger
    from reformctl.audit.overlap import DEFAULT_THRESHOLD
    from reformctl.errors import UsageError
    from reformctl.registry import registry_for_folder
    from reformctl.render import emit

    check_format(fmt, FORMATS)
    check_headers(headers)
    if list_checks:
        rows = [{"check": n, "severity": CHECK_SEVERITY[n], "finds": CHECK_HELP[n]}
                for n in CHECK_HELP]
        emit(rows, (Column("check", N_("Check")),
                    Column("severity", N_("Severity"),
                           show=lambda r: severity_label(r.get("severity"))),
                    Column("finds", N_("Finds"), wrap=True,
                           show=lambda r: _(str(r.get("finds") or "")))), fmt)
        raise typer.Exit(EXIT_OK)
    at_or_above([], fail_on)  # validates --fail-on before any work
    names = resolve_checks(check)
    threshold = DEFAULT_THRESHOLD if overlap_threshold is None else overlap_threshold
    if not 0 < threshold <= 1:
        raise UsageError(_("--overlap-threshold must be in (0, 1], not {value}")
                         .format(value=threshold))
    today = parse_as_of(as_of)
    loaded = open_corpus(corpus)
    registry = registry_for_folder(loaded.folder)
    findings = run_audit(loaded, load_ledger(loaded.folder), today, checks=names,
                         registry=registry, overlap_threshold=threshold)
    if dept:
        from reformctl.select import dept_matcher

        matches = dept_matcher(dept, registry, corpus=loaded)
        findings = [f for f in findings if any(matches(n) for n in f.departments)]
    failing = at_or_above(findings, fail_on)
    code = EXIT_FINDINGS if failing else EXIT_OK
    records = [finding_record(f) for f in findings]
    if fmt not in ("table", "md"):
        emit(records, with_document_column(AUDIT_COLUMNS, records), fmt, headers=headers)
        raise typer.Exit(code)
    if not findings:
        sys.stdout.write(_("No findings ({checks}) as of {today}.").format(
            checks=", ".join(names), today=today.isoformat()) + "\n")
        raise typer.Exit(code)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    words = {"error": lambda n: count("{n} error", "{n} errors", n),
             "warning": lambda n: count("{n} warning", "{n} warnings", n),
             "info": lambda n: count("{n} note", "{n} notes", n)}
    summary = _(", ").join(words[s](n) for s, n in counts.items() if n)
    if fmt == "md":
        emit(records, with_document_column(AUDIT_COLUMNS, records), "md")
        sys.stdout.write("\n" + summary + "\n")
        raise typer.Exit(code)
    emit(records, with_document_column(AUDIT_COLUMNS, records), "table",
         title=_("Audit as of {today}").format(today=today.isoformat()),
         caption=summary, row_styles=[SEVERITY_STYLE[f.severity] for f in findings])
    raise typer.Exit(code)


@app.command()
def depts(
    dept: Annotated[
        str | None, typer.Option("--dept", "-d", help="Only this department (aliases "
                                 "understood).")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", min=YEAR_MIN, max=YEAR_MAX, help="Year of the month heatmap [default: the "
                                 "plans' year].")
    ] = None,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Per department: measures led, responsible, open, overdue, and open deadlines per month
    (a heatmap row in the terminal).

    Example: reformctl depts --as-of 2021-10-01
    """
    from collections import Counter

    from reformctl.audit.ledger import load_ledger
    from reformctl.audit.workload import department_load, dept_record, heat_row, year_months
    from reformctl.registry import registry_for_folder
    from reformctl.render import emit
    from reformctl.select import dept_matcher, select

    check_format(fmt, FORMATS)
    today = parse_as_of(as_of)
    loaded = open_corpus(corpus)
    registry = registry_for_folder(loaded.folder)
    hits = select(loaded)
    loads = department_load(hits, load_ledger(loaded.folder), today, registry=registry)
    if dept:
        matches = dept_matcher(dept, registry, corpus=loaded)
        loads = [x for x in loads if matches(x.department)]
    if year is None:
        years = Counter(e.document.document.year for e in loaded.entries
                        if e.document.document.year)
        year = years.most_common(1)[0][0] if years else today.year
    months = year_months(year)
    records = [dept_record(x) for x in loads]
    if fmt in ("json", "yaml"):
        emit(records, (), fmt)
        raise typer.Exit(EXIT_OK)
    columns = [Column("department", N_("Department"), wrap=True),
               Column("led", N_("Led"), justify="right"),
               Column("responsible", N_("Resp."), justify="right"),
               Column("open", N_("Open"), justify="right"),
               Column("overdue", N_("Overdue"), justify="right")]
    if fmt in ("csv", "tsv", "md"):
        flat = []
        for r in records:
            per_month = r.pop("due_by_month")
            flat.append({**r, **{m: per_month.get(m, 0) for m in months}})
        emit(flat, [*columns, *(Column(m, m[5:]) for m in months)], fmt)
        raise typer.Exit(EXIT_OK)
    peak = max((x.due_by_month.get(m, 0) for x in loads for m in months), default=0)
    rows = [{**r, "heat": heat_row([x.due_by_month.get(m, 0) for m in months], peak)}
            for r, x in zip(records, loads, strict=True)]
    # Three cells a month under the month's number (1 … 12), the same in every language.
    spaced = [{**r, "heat": "  ".join(r["heat"])} for r in rows]
    header = "".join(f"{m:<3}" for m in range(1, 13)).rstrip()
    emit(spaced, [*columns, Column("heat", header)], "table",
         title=_("Departments as of {today}").format(today=today.isoformat()),
         caption=_("{departments}; months of {year}: open deadlines, · none … █ most").format(
             departments=count("{n} department", "{n} departments", len(rows)), year=year))
    raise typer.Exit(EXIT_OK)
