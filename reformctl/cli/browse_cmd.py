"""`reformctl list` and `reformctl show`: browsing the measures of the corpus."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from reformctl.cli.app import (
    EXIT_OK,
    CorpusOpt,
    FormatOpt,
    HeadersOpt,
    WideOpt,
    app,
    check_format,
    check_headers,
    open_corpus,
)
from reformctl.i18n import N_, _, is_chinese
from reformctl.labels import count
from reformctl.render import FORMATS, TITLE_CAP, Column, display_width

LIST_COLUMNS = (
    Column("id", N_("ID")),
    Column("title", N_("Title"), cap=TITLE_CAP, wrap=True),
    Column("due", N_("Due")),
    Column("lead", N_("Lead"), wrap=True),
)


@app.command("list")
def list_measures(
    plan: Annotated[str | None, typer.Option("--plan", "-p", help="Plan index or title.")] = None,
    dept: Annotated[
        str | None, typer.Option("--dept", "-d", help="Lead or responsible department.")
    ] = None,
    grep: Annotated[
        str | None, typer.Option("--grep", "-g", help="Pattern in title or text.")
    ] = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = "table",
    headers: HeadersOpt = "keys",
    wide: WideOpt = False,
) -> None:
    """List measures with their deadline and lead department.

    Example: reformctl list --plan 获得电力 --dept 国网泰安供电公司
    """
    from reformctl.registry import registry_for_folder
    from reformctl.render import emit, with_document_column
    from reformctl.select import measure_record, select

    check_format(fmt, FORMATS)
    check_headers(headers)
    loaded = open_corpus(corpus)
    registry = registry_for_folder(loaded.folder)
    hits = select(loaded, plan=plan, dept=dept, grep=grep, registry=registry)
    records = [measure_record(h) for h in hits]
    emit(records, with_document_column(LIST_COLUMNS, records), fmt,
         caption=count("{n} measure", "{n} measures", len(records)), headers=headers,
         wide=wide)
    raise typer.Exit(EXIT_OK)


@app.command()
def show(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="Measure id, e.g. 3.8 or 14.10.2.")],
    corpus: CorpusOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or yaml.")] = "text",
    source: Annotated[
        bool, typer.Option("--source/--no-source", help="Print the source lines too.")
    ] = True,
    document: Annotated[
        str | None, typer.Option("--document", "--doc", help="Only in this document (file "
                                 "name or stem), when the id is in several.")
    ] = None,
) -> None:
    """Show one measure in full: owners, deadlines, targets and its source lines.

    Example: reformctl show 3.8
    """
    from reformctl.errors import UsageError
    from reformctl.model import measure_to_dict
    from reformctl.yamlio import dump_json, dump_yaml

    check_format(fmt, ("text", "json", "yaml"))
    loaded = open_corpus(corpus)
    hits = loaded.find(measure_id, document)
    if not hits:
        where = (_("document {name!r}").format(name=document) if document
                 else str(loaded.root))
        raise UsageError(_("no measure with id {id!r} in {where}").format(id=measure_id,
                                                                            where=where))
    for entry, plan, measure in hits:
        data = {"document": entry.path.stem, "plan": plan.title, **measure_to_dict(measure)}
        if fmt == "json":
            sys.stdout.write(dump_json(data))
        elif fmt == "yaml":
            sys.stdout.write(dump_yaml(data))
        else:
            sys.stdout.write(_describe(entry, plan, measure, source))
    raise typer.Exit(EXIT_OK)


DEADLINE_KINDS = {
    "by": N_("by"), "after": N_("from"), "recurring": N_("recurring"),
    "relative": N_("relative"), "period": N_("period"), "ongoing": N_("ongoing"),
}
TARGET_KINDS = {"goal": N_("goal"), "limit": N_("scope")}


def _describe(entry: object, plan: object, measure: object, with_source: bool) -> str:
    from pathlib import Path

    from reformctl.corpus import CorpusEntry
    from reformctl.model import Measure, Plan

    assert isinstance(entry, CorpusEntry) and isinstance(plan, Plan)
    assert isinstance(measure, Measure)
    zh = is_chinese()
    sep, none = ("、", "-")
    fields: list[tuple[str, str]] = [
        (_("plan:"), _("{index} {title}   ({file})").format(
            index=plan.index, title=plan.title, file=entry.path.name)),
        (_("lines:"), f"{measure.lines[0]}-{measure.lines[1]}"),
        (_("lead:"), sep.join(measure.lead) or none),
        (_("responsible:"), sep.join(measure.responsible) or none),
    ]
    notes = []
    for i, group in enumerate(measure.owners, 1):
        notes.append(_("owners #{n} (line {line}): lead {lead}; responsible {responsible}")
                     .format(n=i, line=group.line, lead=sep.join(group.lead) or none,
                             responsible=sep.join(group.responsible) or none)
                     + (_(" (etc.)") if group.etc else ""))
    for d in measure.deadlines:
        when = d.date.isoformat() if d.date else none
        fields.append((_("deadline:"), _("{raw} [{kind}] {date} (line {line})").format(
            raw=d.raw, kind=_(DEADLINE_KINDS.get(d.kind, d.kind)), date=when, line=d.line)))
    for t in measure.targets:
        value = "–".join(map(str, t.value)) if isinstance(t.value, tuple) else t.value
        change = _(" change") if t.change else ""
        kind = f" [{_(TARGET_KINDS[t.kind])}]" if t.kind != "goal" else ""
        fields.append((_("target:"), f"{t.subject} {t.op} {value} {t.unit}{change}{kind}  ← "
                       f"{t.raw}"))
    if measure.items:
        fields.append((_("sub-items:"), sep.join(i.id for i in measure.items) if zh
                       else ", ".join(i.id for i in measure.items)))
    lines = [f"{measure.id}  {measure.title}"]
    # Labels with their colon (plan: / 方案：), values in one column after the widest.
    width = max(display_width(label) for label, _v in fields) + (0 if zh else 1)
    for label, value in fields[:4]:
        lines.append(f"  {_pad(label, width)}{value}")
    lines += [f"  {note}" for note in notes]
    for label, value in fields[4:]:
        lines.append(f"  {_pad(label, width)}{value}")
    lines.append("")
    lines.append(measure.text)
    recorded = Path(entry.document.document.source)
    # The source as recorded, else beside the YAML (the corpus keeps both together).
    source_file = next(
        (p for p in (recorded, entry.path.parent / recorded.name) if p.is_file()), recorded
    )
    if with_source and source_file.is_file():
        from reformctl.parse.read import read_source

        try:
            src = read_source(source_file).split("\n")
        except Exception:  # noqa: BLE001 - the source is a courtesy, not required
            src = []
        first, last = measure.lines
        if src and 0 < first <= len(src):
            lines.append("")
            lines.append(f"--- {source_file}:{first}-{last}")
            for n in range(first, min(last, len(src)) + 1):
                lines.append(f"{n:5d}  {src[n - 1]}")
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int) -> str:
    """``text`` and spaces to ``width`` terminal cells."""
    return text + " " * (width - display_width(text))
