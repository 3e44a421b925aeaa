"""`reformctl status import FILE.xlsx...`: read filled-in 台账 sheets back into the ledger."""

from __future__ import annotations

import sys
from typing import Any

from reformctl.cli.app import EXIT_FINDINGS, EXIT_OK, error, open_corpus
from reformctl.render import Column

IMPORT_COLUMNS = (
    Column("source", "Source", max_width=36),
    Column("milestone", "ID"),
    Column("title", "Title", max_width=24),
    Column("change", "Change"),
    Column("date", "Date"),
    Column("note", "Progress", max_width=40),
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
        if records:
            verb = "would change" if dry_run else "changed"
            emit(records, IMPORT_COLUMNS, fmt,
                 caption=f"{plan.rows} rows read, {len(records)} {verb}"
                         f"{'' if dry_run else f' in {where}'}"
                         f", {len(plan.rejected)} rejected")
        else:
            sys.stdout.write(f"{plan.rows} rows read: nothing to change"
                             f"{f', {len(plan.rejected)} rejected' if plan.rejected else ''}.\n")
    else:
        emit(records, IMPORT_COLUMNS, fmt)
    return EXIT_FINDINGS if plan.rejected else EXIT_OK
