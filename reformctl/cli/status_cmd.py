"""`reformctl status`: record that a measure is done, in progress, dropped, or open again; list
the ledger (``status.yaml`` in the corpus folder)."""

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
from reformctl.render import FORMATS, Column

if TYPE_CHECKING:
    from datetime import date

    from reformctl.audit.ledger import Ledger, LedgerEntry
    from reformctl.corpus import Corpus, CorpusEntry
    from reformctl.model import Measure, Plan

# What the user types → the status recorded.
ACTIONS = {"done": "done", "in-progress": "in-progress", "dropped": "dropped", "reopen": "open",
           "open": "open"}

STATUS_COLUMNS = (
    Column("document", "Document", max_width=24),
    Column("id", "ID"),
    Column("title", "Title", max_width=30),
    Column("status", "Status"),
    Column("date", "Date"),
    Column("note", "Note", max_width=30),
    Column("updated", "Updated"),
)


@app.command()
def status(
    measure_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Measure id, e.g. 3.8 or 14.10.2.")
    ] = None,
    action: Annotated[
        str | None, typer.Argument(metavar="[ACTION]", help="done, in-progress, dropped or "
                                   "reopen; without it, show the measure's status.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Day it happened (YYYY-MM-DD) [default: "
                                 "--as-of or today].")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A note to keep with the status.")] = "",
    document: Annotated[
        str | None, typer.Option("--document", "--doc", help="Document (file name or stem) "
                                 "when the id is in several.")
    ] = None,
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Set or show the status of a measure, or list the ledger.

    Examples: reformctl status 3.8 done --date 2021-07-30 --note 验收通过;
    reformctl status 3.8 reopen; reformctl status (the whole ledger)
    """
    from reformctl.audit.ledger import load_ledger, set_status
    from reformctl.errors import UsageError
    from reformctl.render import emit

    check_format(fmt, FORMATS)
    loaded = open_corpus(corpus)
    ledger = load_ledger(loaded.folder)
    if measure_id is None:
        records = _ledger_records(loaded, ledger)
        if fmt == "table" and not records:
            sys.stdout.write(f"The ledger is empty ({loaded.folder / 'status.yaml'}).\n")
        elif fmt == "table":
            emit([_short(r) for r in records], STATUS_COLUMNS, fmt,
                 caption=f"{len(records)} entries in {loaded.folder / 'status.yaml'}")
        else:
            emit(records, STATUS_COLUMNS, fmt)
        raise typer.Exit(EXIT_OK)

    entry, plan, measure = _find(loaded, measure_id, document)
    doc_name = entry.path.stem
    if action is None:
        found = ledger.get(doc_name, measure)
        record = _record(doc_name, measure, found)
        emit([_short(record) if fmt == "table" else record], STATUS_COLUMNS, fmt)
        raise typer.Exit(EXIT_OK)
    if action not in ACTIONS:
        raise UsageError(f"ACTION must be done, in-progress, dropped or reopen, not {action!r}")
    day = _parse_date(on) if on else parse_as_of(as_of)
    written = set_status(loaded.folder, doc_name, measure, ACTIONS[action], on=day, note=note)
    record = _record(doc_name, measure, written)
    if fmt == "table":
        when = f" on {written.date.isoformat()}" if written.date else ""
        sys.stdout.write(f"{measure.id} {measure.title}: {written.status}{when}"
                         f" ({loaded.folder / 'status.yaml'})\n")
    else:
        emit([record], STATUS_COLUMNS, fmt)
    raise typer.Exit(EXIT_OK)


def _short(record: dict[str, Any]) -> dict[str, Any]:
    """For the table: the update time to the minute; an entry whose measure is gone from the
    corpus (a new version dropped it) is marked orphaned."""
    updated = record.get("updated") or ""
    state = record["status"] if record.get("found", True) else f"{record['status']} (orphaned)"
    return {**record, "status": state, "updated": updated[:16].replace("T", " ")}


def _parse_date(value: str) -> date:
    from datetime import date

    from reformctl.errors import UsageError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date must be a date YYYY-MM-DD, not {value!r}") from None


def _find(corpus: Corpus, measure_id: str,
          document: str | None) -> tuple[CorpusEntry, Plan, Measure]:
    from reformctl.errors import UsageError

    hits = corpus.find(measure_id, document)
    if document and not hits:
        raise UsageError(f"no measure {measure_id!r} in document {document!r}")
    if not hits:
        raise UsageError(f"no measure with id {measure_id!r} in {corpus.root}")
    if len(hits) > 1:
        names = ", ".join(h[0].path.stem for h in hits)
        raise UsageError(f"{measure_id} is in {len(hits)} documents ({names}): "
                         "choose one with --document NAME")
    return hits[0]


def _record(doc_name: str, measure: Measure, entry: LedgerEntry | None) -> dict[str, Any]:
    return {
        "document": doc_name,
        "id": measure.id,
        "key": measure.key,
        "title": measure.title,
        "status": entry.status if entry else "open",
        "date": entry.date.isoformat() if entry and entry.date else None,
        "note": entry.note if entry else "",
        "updated": entry.updated if entry else None,
        "found": True,
    }


def _ledger_records(corpus: Corpus, ledger: Ledger) -> list[dict[str, Any]]:
    """Every ledger entry, with the measure's current id and title where it is still found."""
    current: dict[tuple[str, str], Measure] = {}
    for entry, _, item in corpus.walk():
        found = ledger.get(entry.path.stem, item)
        if found is not None:
            current[(found.document, found.key or f"id:{found.id}")] = item
    out = []
    for e in ledger.entries:
        measure: Measure | None = current.get((e.document, e.key or f"id:{e.id}"))
        out.append({
            "document": e.document,
            "id": measure.id if measure else e.id,
            "key": e.key,
            "title": measure.title if measure else e.title,
            "status": e.status,
            "date": e.date.isoformat() if e.date else None,
            "note": e.note,
            "updated": e.updated,
            "found": measure is not None,
        })
    return out
