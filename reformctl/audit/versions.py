"""New versions of a document: which ledger entries follow which measure (the pure part).

``carry_over`` moves every ledger entry of a document to its matched measure in the new
version (new key, id and title; status, date, note and history unchanged) and a milestone
entry to its milestone: the same day, or — when the new version moved exactly one of the
measure's deadlines — the day it moved to. An entry whose measure is gone (removed, or
matched ambiguously) or whose milestone is gone without such a move is orphaned: kept in
``status.yaml`` exactly as it was, where it matches nothing, and listed in
``history/orphaned.yaml`` with the reason (``orphan_records``). Writing all of it, with the
new version and its history, is the use-case ``usecases.versions.replace_version``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reformctl.audit.diff import AMBIGUOUS, DiffResult
from reformctl.audit.ledger import LedgerEntry
from reformctl.audit.milestones import milestones_of
from reformctl.i18n import N_, _
from reformctl.labels import status_label, translated
from reformctl.model import Document, Measure

HISTORY_DIR = "history"
ORPHANS_FILE = "orphaned.yaml"

ORPHANS_HEADER = """\
# Status entries whose measure (or milestone) disappeared in a new version of its document.
# They are kept, unchanged, in status.yaml (where they match nothing); this file says when
# and why.
"""


@dataclass(frozen=True)
class Orphan:
    """A ledger entry whose measure, or milestone, has no counterpart in the new version."""

    entry: LedgerEntry
    reason: str  # "removed", "ambiguous: 3.1, 3.2", "milestone 07-31 is gone (now: 09-30)"


@dataclass(frozen=True)
class CarryOver:
    entries: list[LedgerEntry]  # the whole ledger after carrying over
    carried: list[tuple[LedgerEntry, LedgerEntry]]  # (before, after) that changed
    kept: int  # entries of the document whose measure kept its key, id and title
    orphaned: list[Orphan]


def carry_over(
    entries: list[LedgerEntry],
    old_name: str,
    new_name: str,
    old: Document,
    result: DiffResult,
) -> CarryOver:
    """Ledger entries of document ``old_name`` moved to their matched measures of the new
    version (document ``new_name``). Entries of other documents, and entries that already
    matched no measure of the old version, are left exactly as they are."""
    by_key: dict[str, Measure] = {}
    by_id: dict[str, Measure] = {}
    for _plan, m in old.walk():
        if m.key:
            by_key.setdefault(m.key, m)
        by_id.setdefault(m.id, m)
    matches = result.match_for_old()
    ambiguous: dict[str, str] = {}
    for change in result.by_kind(AMBIGUOUS):
        for old_id in change.candidates_old:
            ambiguous[old_id] = N_("ambiguous: could be {ids}").format(
                ids=", ".join(change.candidates_new))

    out: list[LedgerEntry] = []
    carried: list[tuple[LedgerEntry, LedgerEntry]] = []
    orphaned: list[Orphan] = []
    kept = 0
    taken = {(e.document, e.key, e.milestone) for e in entries
             if e.document != old_name and e.key}
    for entry in entries:
        measure = None
        if entry.document == old_name:
            measure = by_key.get(entry.key) if entry.key else by_id.get(entry.id)
        if measure is None:  # another document, or an entry that was already dangling
            out.append(entry)
            continue
        match = matches.get(measure.id)
        if match is None:
            orphaned.append(Orphan(entry, ambiguous.get(measure.id, N_("removed"))))
            out.append(entry)
            continue
        new = match.new
        day, gone = _milestone(entry.milestone, measure, new)
        if gone:
            orphaned.append(Orphan(entry, gone))
            out.append(entry)
            continue
        moved = replace(entry, key=new.key, id=new.id, document=new_name, title=new.title,
                        milestone=day)
        if (new_name, new.key, day) in taken:
            orphaned.append(Orphan(entry, N_("{document} {id} already has a status entry")
                                   .format(document=new_name, id=new.id)))
            out.append(entry)
            continue
        taken.add((new_name, new.key, day))
        if moved == entry:
            kept += 1
        else:
            carried.append((entry, moved))
        out.append(moved)
    return CarryOver(out, carried, kept, orphaned)


def _milestone(day: date | None, old: Measure, new: Measure) -> tuple[date | None, str]:
    """Where a milestone entry goes: (its day in the new version, "") or (None, the reason it
    is orphaned). A day the new version keeps stays; a day that was no milestone of the old
    version either goes along unchanged (it matched nothing before); when exactly one
    deadline moved (one day gone, one day new), the entry follows it."""
    if day is None:
        return None, ""
    old_days = {m.day for m in milestones_of(old)}
    new_days = {m.day for m in milestones_of(new)}
    if day in new_days or day not in old_days:
        return day, ""
    gone, added = old_days - new_days, sorted(new_days - old_days)
    if len(gone) == 1 and len(added) == 1:
        return added[0], ""
    now = ", ".join(f"{d.month:02d}-{d.day:02d}" for d in sorted(new_days)) or "-"
    return None, N_("milestone {day} is gone (milestones now: {now})").format(
        day=f"{day.month:02d}-{day.day:02d}", now=now)


def orphan_records(orphans: list[Orphan], history: Path | None,
                   now: datetime) -> list[dict[str, Any]]:
    """What ``history/orphaned.yaml`` gets for these orphans."""
    from reformctl.audit.ledger import entry_to_dict

    return [{
        **entry_to_dict(orphan.entry),
        "reason": orphan.reason,
        "since": now.isoformat(timespec="seconds"),
        "previous_version": history.name if history else None,
    } for orphan in orphans]


def load_orphans(folder: Path) -> list[dict[str, Any]]:
    """The orphaned-entry records of a corpus folder (empty when there are none)."""
    from reformctl.yamlio import load_yaml_file

    path = Path(folder) / HISTORY_DIR / ORPHANS_FILE
    if not path.exists():
        return []
    data = load_yaml_file(path) or {}
    return list(data.get("orphaned") or [])


def orphan_message(orphan: Orphan) -> str:
    e = orphan.entry
    what = f"{e.id}@{e.milestone.month:02d}-{e.milestone.day:02d}" if e.milestone else e.id
    if e.milestone:
        text = _("status entry {document} {what} {title} ({status}) has no milestone in the "
                 "new version ({reason}): kept as orphaned")
    else:
        text = _("status entry {document} {what} {title} ({status}) has no measure in the new "
                 "version ({reason}): kept as orphaned")
    return text.format(document=e.document, what=what, title=e.title or e.key,
                       status=status_label(e.status), reason=translated(orphan.reason))


__all__ = [
    "HISTORY_DIR",
    "ORPHANS_FILE",
    "ORPHANS_HEADER",
    "CarryOver",
    "Orphan",
    "carry_over",
    "load_orphans",
    "orphan_message",
    "orphan_records",
]
