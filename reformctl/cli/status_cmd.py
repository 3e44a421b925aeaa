"""`reformctl status`: record that a measure or one of its milestones is done, in progress,
dropped, or open again, with a progress note; show its status or its history; list the
ledger (``status.yaml`` in the corpus folder); read filled-in 台账 sheets back
(``reformctl status import FILE.xlsx...``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reformctl.cli.app import (
    EXIT_OK,
    AsOfOpt,
    CorpusOpt,
    FormatOpt,
    app,
    check_format,
    open_corpus,
    parse_as_of,
)
from reformctl.i18n import N_, _, is_chinese, ngettext
from reformctl.labels import status_label
from reformctl.render import FORMATS, Column

if TYPE_CHECKING:
    from datetime import date

    from reformctl.audit.ledger import Ledger, LedgerEntry
    from reformctl.audit.milestones import Milestone
    from reformctl.corpus import Corpus, CorpusEntry
    from reformctl.model import Measure, Plan

# What the user types → the status recorded.
ACTIONS = {"done": "done", "in-progress": "in-progress", "dropped": "dropped", "reopen": "open",
           "open": "open"}
IMPORT = "import"  # `reformctl status import FILE.xlsx...`



def _status_cell(record: dict[str, Any]) -> str:
    """The status word; an entry whose measure is gone from the corpus (a new version
    dropped it) is marked orphaned."""
    word = status_label(record.get("status"))
    return word if record.get("found", True) else _("{status} (orphaned)").format(status=word)


def _minute(value: Any) -> str:
    """A recorded time to the minute: 2021-07-30 09:15."""
    return str(value or "")[:16].replace("T", " ")


def _noted(record: dict[str, Any]) -> str:
    return str(record.get("progress_at") or "")[:10] if record.get("note") else ""


def change_text(before: str | None, after: str) -> str:
    """"open → done" as people read it (未完成 → 已完成); "?" where the earlier status is
    not recorded."""
    return f"{status_label(before) if before else '?'} → {status_label(after)}"


STATUS_COLUMNS = (
    Column("document", N_("Document"), max_width=24),
    Column("milestone", N_("ID")),
    Column("title", N_("Title"), max_width=30),
    Column("status", N_("Status"), show=_status_cell),
    Column("date", N_("Date")),
    Column("note", N_("Progress"), max_width=30),
    Column("progress_at", N_("Noted"), show=_noted),
    Column("updated", N_("Updated"), show=lambda r: _minute(r.get("updated"))),
)
HISTORY_COLUMNS = (
    Column("at", N_("When"), show=lambda r: _minute(r.get("at"))),
    Column("target", N_("ID")),
    Column("by", N_("By")),
    Column("change", N_("Change"), show=lambda r: change_text(r.get("from"), r["to"])),
    Column("date", N_("Date")),
    Column("note", N_("Progress"), max_width=40),
    Column("source", N_("Source"), max_width=40),
)


@app.command()
def status(
    measure_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Measure id (3.8, 14.10.2: all its "
                                   "milestones) or milestone id (1.4@07-31); or `import` and "
                                   "the filled-in sheets.")
    ] = None,
    action: Annotated[
        str | None, typer.Argument(metavar="[ACTION]", help="done, in-progress, dropped or "
                                   "reopen; without it, show the status.")
    ] = None,
    files: Annotated[
        list[str] | None, typer.Argument(metavar="[FILE.xlsx...]", help="With `import`: more "
                                         "sheets.", show_default=False)
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Day it happened (YYYY-MM-DD) [default: "
                                 "--as-of or today].")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Progress text (进展情况) to record; the last "
                                 "one is kept until a new one is given.")
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who makes the change [default: your login "
                                 "name].")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Show every recorded change of ID.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="import: show what would change; write nothing.")
    ] = False,
    document: Annotated[
        str | None, typer.Option("--document", "--doc", help="Document (file name or stem) "
                                 "when the id is in several.")
    ] = None,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Set or show the status of a measure or milestone, its history, or list the ledger.

    A milestone is a dated deadline of a measure: 1.4@07-31 is the one of 1.4 due on July
    31 (of the plan's year; 1.4@2022-06-30 for another year). Setting a measure sets all of
    its milestones.

    Examples: reformctl status 1.4@07-31 done --date 2021-07-30;
    reformctl status 1.4 in-progress --note 已完成系统对接，待验收 --by 王敏;
    reformctl status 1.4 --history; reformctl status import 台账-市财政局.xlsx --dry-run;
    reformctl status (the whole ledger)
    """
    from reformctl.audit.ledger import load_ledger
    from reformctl.errors import UsageError
    from reformctl.render import emit

    check_format(fmt, FORMATS)
    if measure_id == IMPORT:
        from reformctl.cli.status_import import run_import

        sheets = [s for s in (action, *(files or ())) if s]
        if not sheets:
            raise UsageError(_("status import: name the filled-in sheets (FILE.xlsx...)"))
        raise typer.Exit(run_import(sheets, corpus=corpus, by=by, dry_run=dry_run, fmt=fmt))
    if files:
        raise UsageError(_("unexpected argument {value!r} (one ID and one ACTION)")
                         .format(value=files[0]))
    if dry_run:
        raise UsageError(_("--dry-run applies to `status import`"))
    loaded = open_corpus(corpus)
    ledger = load_ledger(loaded.folder)
    if measure_id is None:
        if history or action:
            raise UsageError(_("name a measure or milestone (ID)"))
        records = _ledger_records(loaded, ledger)
        where = loaded.folder / "status.yaml"
        if fmt == "table" and not records:
            sys.stdout.write(_("The ledger is empty ({path}).").format(path=where) + "\n")
        elif fmt == "table":
            emit(records, STATUS_COLUMNS, fmt, caption=ngettext(
                "{n} entry in {path}", "{n} entries in {path}", len(records)).format(
                n=len(records), path=where))
        else:
            emit(records, STATUS_COLUMNS, fmt)
        raise typer.Exit(EXIT_OK)

    entry, plan, measure, milestone = find_target(loaded, measure_id, document)
    doc_name = entry.path.stem
    year = entry.document.document.year
    if history:
        if action is not None:
            raise UsageError(_("--history shows changes; it takes no ACTION"))
        events = history_records(ledger, doc_name, measure, milestone, year)
        if fmt == "table" and not events:
            sys.stdout.write(_("No recorded change of {id}.").format(
                id=milestone.id if milestone else measure.id) + "\n")
        else:
            emit(events, HISTORY_COLUMNS, fmt)
        raise typer.Exit(EXIT_OK)
    if action is None:
        records = _target_records(ledger, doc_name, measure, milestone, year)
        emit(records, STATUS_COLUMNS, fmt)
        raise typer.Exit(EXIT_OK)
    if action not in ACTIONS:
        raise UsageError(_("ACTION must be done, in-progress, dropped or reopen, not {value!r}")
                         .format(value=action))
    from reformctl.audit.ledger import Change, apply_changes

    day = _parse_date(on) if on else parse_as_of(as_of)
    change = Change(doc_name, measure, ACTIONS[action], milestone.day if milestone else None,
                    day, note if note else None)
    applied = apply_changes(loaded.folder, [change], by=by)
    ledger = load_ledger(loaded.folder)
    records = _target_records(ledger, doc_name, measure, milestone, year)
    if fmt != "table":
        emit(records, STATUS_COLUMNS, fmt)
        raise typer.Exit(EXIT_OK)
    label = milestone.id if milestone else measure.id
    state = ledger.get(doc_name, measure, milestone.day if milestone else None)
    assert state is not None or not applied
    shown = status_label(state.status if state else "open")
    when = _(" on {date}").format(date=state.date.isoformat()) if state and state.date else ""
    if not applied:
        sys.stdout.write(_("{id} {title}: already {status}{when}, nothing changed").format(
            id=label, title=measure.title, status=shown, when=when) + "\n")
    else:
        also = ""
        touched = [a for a in applied if a.after.milestone is not None]
        if milestone is None and touched:
            also = _(" (and its milestones {ids})").format(ids=("、" if is_chinese() else ", ").join(
                _ms_label(measure, a.after.milestone, year) for a in touched))
        sys.stdout.write(_("{id} {title}: {status}{when}{also} ({path})").format(
            id=label, title=measure.title, status=shown, when=when, also=also,
            path=loaded.folder / "status.yaml") + "\n")
    raise typer.Exit(EXIT_OK)


def find_target(corpus: Corpus, text: str, document: str | None
                ) -> tuple[CorpusEntry, Plan, Measure, Milestone | None]:
    """The measure of "1.4" or "1.4@07-31", and the milestone when one is named."""
    from reformctl.audit.milestones import find_milestone, split_id

    measure_id, selector = split_id(text)
    entry, plan, measure = _find(corpus, measure_id, document)
    if selector is None:
        return entry, plan, measure, None
    return entry, plan, measure, find_milestone(measure, selector,
                                                entry.document.document.year)


def _ms_label(measure: Measure, day: date | None, year: int | None) -> str:
    from reformctl.audit.milestones import milestone_id

    return milestone_id(measure.id, day, year) if day else measure.id


def _parse_date(value: str) -> date:
    from datetime import date

    from reformctl.errors import UsageError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(_("{option} must be a date YYYY-MM-DD, not {value!r}")
                         .format(option="--date", value=value)) from None


def _find(corpus: Corpus, measure_id: str,
          document: str | None) -> tuple[CorpusEntry, Plan, Measure]:
    from reformctl.errors import UsageError

    hits = corpus.find(measure_id, document)
    if document and not hits:
        raise UsageError(_("no measure with id {id!r} in {where}").format(
            id=measure_id, where=_("document {name!r}").format(name=document)))
    if not hits:
        raise UsageError(_("no measure with id {id!r} in {where}").format(
            id=measure_id, where=corpus.root))
    if len(hits) > 1:
        names = ", ".join(h[0].path.stem for h in hits)
        raise UsageError(_("{id} is in {n} documents ({names}): choose one with "
                           "--document NAME").format(id=measure_id, n=len(hits), names=names))
    return hits[0]


def _record(doc_name: str, measure: Measure, entry: LedgerEntry | None,
            label: str) -> dict[str, Any]:
    return {
        "document": doc_name,
        "id": measure.id,
        "milestone": label,
        "key": measure.key,
        "title": measure.title,
        "status": entry.status if entry else "open",
        "date": entry.date.isoformat() if entry and entry.date else None,
        "note": entry.note if entry else "",
        "progress_at": entry.progress_at if entry and entry.note else None,
        "updated": entry.updated if entry else None,
        "found": True,
    }


def _target_records(ledger: Ledger, doc_name: str, measure: Measure,
                    milestone: Milestone | None, year: int | None) -> list[dict[str, Any]]:
    """One record per milestone of the measure (or the one named); the measure itself when it
    has no dated milestone."""
    from reformctl.audit.milestones import milestones_of

    chosen = [milestone] if milestone else milestones_of(measure, year)
    if not chosen:
        return [_record(doc_name, measure, ledger.get(doc_name, measure), measure.id)]
    return [_record(doc_name, measure, ledger.get(doc_name, measure, ms.day), ms.id)
            for ms in chosen]


def history_records(ledger: Ledger, doc_name: str, measure: Measure,
                    milestone: Milestone | None, year: int | None) -> list[dict[str, Any]]:
    """Every recorded change of the measure's entries (a milestone: its own entry's and its
    measure's), oldest first."""
    entries = []
    own = ledger.own(doc_name, measure)
    if own is not None:
        entries.append(own)
    if milestone is None:
        entries += ledger.milestone_entries(doc_name, measure)
    else:
        found = ledger.own(doc_name, measure, milestone.day)
        if found is not None:
            entries.append(found)
    out: list[dict[str, Any]] = []
    for e in entries:
        label = _ms_label(measure, e.milestone, year)
        for ev in e.events:
            out.append({
                "at": ev.at,
                "target": label,
                "by": ev.by,
                "from": ev.from_status,
                "to": ev.to_status,
                "date": ev.date.isoformat() if ev.date else None,
                "note": ev.note,
                "source": ev.source,
            })
    out.sort(key=lambda r: str(r["at"]))
    return out


def _ledger_records(corpus: Corpus, ledger: Ledger) -> list[dict[str, Any]]:
    """Every ledger entry, with the measure's current id and title where it is still found."""
    current: dict[tuple[str, str], tuple[Measure, int | None]] = {}
    for entry, _plan, item in corpus.walk():
        found = ledger.own(entry.path.stem, item)
        keys = [found] if found is not None else []
        keys += ledger.milestone_entries(entry.path.stem, item)
        for e in keys:
            current[(e.document, e.key or f"id:{e.id}")] = (item, entry.document.document.year)
    out = []
    for e in ledger.entries:
        measure, year = current.get((e.document, e.key or f"id:{e.id}"), (None, None))
        measure_id = measure.id if measure else e.id
        label = measure_id
        if e.milestone is not None:
            from reformctl.audit.milestones import milestone_id

            label = milestone_id(measure_id, e.milestone, year)
        out.append({
            "document": e.document,
            "id": measure_id,
            "milestone": label,
            "key": e.key,
            "title": measure.title if measure else e.title,
            "status": e.status,
            "date": e.date.isoformat() if e.date else None,
            "note": e.note,
            "progress_at": e.progress_at if e.note else None,
            "updated": e.updated,
            "found": measure is not None,
        })
    return out
