"""`reformctl status import FILE.xlsx...`: read filled-in 台账 sheets back into the ledger."""

from __future__ import annotations

import sys
from typing import Any

from reformctl.cli.app import EXIT_FINDINGS, EXIT_OK, error, open_corpus
from reformctl.i18n import N_, _, ngettext
from reformctl.labels import status_label
from reformctl.render import Column


def _change(record: dict[str, Any]) -> str:
    """"未完成 → 已完成" (open → done); the status alone when it stays."""
    if record["from"] == record["to"]:
        return status_label(record["to"])
    return f"{status_label(record['from'])} → {status_label(record['to'])}"


IMPORT_COLUMNS = (
    Column("source", N_("Source"), max_width=36),
    Column("milestone", N_("ID")),
    Column("title", N_("Title"), max_width=24),
    Column("change", N_("Change"), show=_change),
    Column("date", N_("Date")),
    Column("note", N_("Progress"), max_width=40),
)


def run_import(sheets: list[str], *, corpus: str | None, by: str | None, dry_run: bool,
               fmt: str) -> int:
    """Show what the sheets change, apply it (unless ``dry_run``) in one write; the exit code.

    Rejected rows are one line each on stderr; the other rows are applied and the exit code
    is 1, so that a cron job or a script sees that something needs a look.
    """
    from reformctl.audit.milestones import milestone_id
    from reformctl.render import emit
    from reformctl.usecases.fill_in import apply_import, plan_import

    loaded = open_corpus(corpus)
    plan = plan_import(loaded, sheets)
    for rejection in plan.rejected:
        error(str(rejection))
    years = {e.path.stem: e.document.document.year for e in loaded.entries}
    applied = plan.preview if dry_run else apply_import(loaded, plan, by=by)
    records: list[dict[str, Any]] = []
    for a in applied:
        e = a.after
        label = (milestone_id(e.id, e.milestone, years.get(e.document)) if e.milestone
                 else e.id)
        before = a.before.status if a.before else (
            a.after.history[-1].from_status if a.after.history else "open")
        records.append({
            "source": a.change.source,
            "document": e.document,
            "id": e.id,
            "milestone": label,
            "title": e.title,
            "from": before,
            "to": e.status,
            "change": f"{before} → {e.status}" if before != e.status else e.status,
            "date": e.date.isoformat() if e.date else None,
            "note": e.note,
        })
    where = loaded.folder / "status.yaml"
    if fmt == "table":
        read = ngettext("{n} row read", "{n} rows read", plan.rows).format(n=plan.rows)
        rejected = ngettext("{n} rejected", "{n} rejected", len(plan.rejected)).format(
            n=len(plan.rejected))
        if records:
            n = len(records)
            changed = (ngettext("{n} would change", "{n} would change", n) if dry_run
                       else ngettext("{n} changed in {path}", "{n} changed in {path}", n))
            emit(records, IMPORT_COLUMNS, fmt, caption=_(", ").join(
                [read, changed.format(n=n, path=where), rejected]))
        else:
            sys.stdout.write((_("{read}: nothing to change, {rejected}.") if plan.rejected
                              else _("{read}: nothing to change.")).format(
                read=read, rejected=rejected) + "\n")
    else:
        emit(records, IMPORT_COLUMNS, fmt)
    return EXIT_FINDINGS if plan.rejected else EXIT_OK
