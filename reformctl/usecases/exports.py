"""What every export works from: corpus, registry and ledger loaded, measures chosen, rows made.

    view = collect("corpus", as_of=date(2021, 10, 1))      # rows with status and days late
    atomic_write_bytes("台账.xlsx", export_view(view, "xlsx"))
"""

from __future__ import annotations

import os
from datetime import date

from reformctl.export.ledger_rows import LedgerView, ledger_rows


def collect(
    corpus: str | os.PathLike[str] | None,
    *,
    as_of: date,
    plan: str | None = None,
    dept: str | None = None,
    status: str = "all",
) -> LedgerView:
    """Load the corpus, registry and ledger; select (--plan, --dept); rows with --status."""
    from reformctl.audit.due import overdue_items
    from reformctl.audit.ledger import load_ledger
    from reformctl.corpus import load_corpus
    from reformctl.registry import registry_for_folder
    from reformctl.select import select

    loaded = load_corpus(corpus)
    registry = registry_for_folder(loaded.folder)
    ledger = load_ledger(loaded.folder)
    hits = select(loaded, plan=plan, dept=dept, registry=registry)
    late = overdue_items(hits, ledger, as_of)
    rows = ledger_rows(hits, ledger, late, status=status)
    return LedgerView(loaded, registry, ledger, hits, rows, late, as_of)


__all__ = ["collect"]
