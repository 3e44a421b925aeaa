"""The status ledger: what is done, in progress or dropped, and its history (``status.yaml``).

The ledger lives next to the parsed documents, in the corpus folder. Each entry is about a
measure as a whole, or about one of its milestones (``milestone``: the day it falls due; the
id users type is ``3.8@09-30``, see ``audit/milestones.py``). An entry names its measure by
``key`` (a hash of plan title and measure title, so it survives renumbering and re-parsing),
and also records the measure's ``id`` and the document's file stem, so that a person reading
or hand-editing the file knows what it is about. ``note`` is the latest progress text
(进展情况); ``history`` is every change, oldest first, so the file is also the history::

    version: 2
    entries:
      - document: 000_675e6135523c2031
        id: '1.4'
        milestone: '2021-07-31'
        key: 3f0a9c2d81b7
        title: 实现企业开办事项分时分次办理
        status: done
        date: '2021-07-30'
        note: 已完成系统对接，待验收
        updated: '2021-08-02T09:12:44+08:00'
        history:
          - {at: '2021-07-20T10:02:11+08:00', by: zhang, from: open, to: in-progress,
             note: 已完成系统对接，待验收}
          - {at: '2021-08-02T09:12:44+08:00', by: 市行政审批服务局, from: in-progress, to: done,
             date: '2021-07-30', source: '台账-市行政审批服务局.xlsx · 台账 · row 4'}

How an entry applies: a milestone's status is its own entry's, else its measure's entry's,
else ``open``. Setting the status of a measure (``reformctl status 1.4 done``) writes the
measure's entry and the same change to every milestone entry the measure already has, so the
two never disagree (except that ``in-progress`` on the measure leaves a milestone already done
or dropped as it is: progress on the rest does not undo it); setting one milestone writes that
milestone's entry only.

Entries written before milestones and history (``version: 1``, no ``milestone``, no
``history``) load unchanged and apply to all the milestones of their measure. An entry without
a ``key`` (written by hand) matches by ``id``. Every write (``set_status``, ``apply_changes``)
reads, changes and rewrites the file atomically under a lock (``.status.yaml.lock``), so two
jobs at once lose nothing; a change that changes nothing (same status, date and note) is not
recorded, so importing the same sheet twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reformctl import journal as _journal
from reformctl.errors import InputError, SchemaError, UsageError
from reformctl.i18n import _
from reformctl.model import Measure

STATUSES = ("open", "in-progress", "done", "dropped")  # `reformctl status ID reopen` sets open
CLOSED = frozenset({"done", "dropped"})  # never reported as due or overdue
LEDGER_FILE = "status.yaml"
LOCK_FILE = _journal.LOCK_FILE  # the corpus lock: every writer holds it (journal.corpus_lock)
LOCK_TIMEOUT = _journal.LOCK_TIMEOUT  # seconds to wait for another writer before giving up
VERSION = 2

HEADER = """\
# reformctl status ledger: what is done, in progress or dropped, and every change (history).
# Written by `reformctl status ID done|in-progress|dropped|reopen` and `reformctl status import`;
# safe to edit by hand (check with `reformctl validate status.yaml`). Entries match measures by
# `key`, or by `id` when an entry has no key; `milestone` (a date) limits an entry to one
# milestone. Schema: reformctl/schemas/status.schema.json
"""


@dataclass(frozen=True)
class Event:
    """One change of an entry: who, when, from → to, the note and day given, and its source."""

    at: str  # ISO timestamp
    by: str
    from_status: str
    to_status: str
    note: str = ""
    date: date | None = None
    source: str = ""  # a filled-in sheet: "file · sheet · row N"; empty for the command line


@dataclass(frozen=True)
class LedgerEntry:
    """The recorded status of one measure (or one milestone of it) of one document."""

    key: str
    id: str
    document: str
    status: str
    date: date | None
    note: str
    updated: str  # ISO timestamp of the last change
    title: str = ""  # the measure title when recorded, for people reading the file
    milestone: dt.date | None = None  # None: the measure as a whole
    history: tuple[Event, ...] = ()

    @property
    def progress_at(self) -> str:
        """When the current note was written: the last event that gave it, else ``updated``."""
        for event in reversed(self.history):
            if event.note and event.note == self.note:
                return event.at
        return self.updated

    @property
    def events(self) -> tuple[Event, ...]:
        """The history; an entry written before histories shows its last change as one event
        (from an unknown status, by an unknown person)."""
        if self.history or not self.updated:
            return self.history
        return (Event(self.updated, "", "", self.status, self.note, self.date),)


@dataclass(frozen=True)
class Change:
    """What to record: a status (and optionally a day and a progress note) for a measure or
    one of its milestones. ``note=None`` keeps the current note; ``on=None`` keeps the day."""

    document: str
    measure: Measure
    status: str
    milestone: date | None = None
    on: date | None = None
    note: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Applied:
    """A change that was recorded: the entry before (None if new) and after."""

    change: Change
    before: LedgerEntry | None
    after: LedgerEntry


def _ident(document: str, key: str, measure_id: str, milestone: date | None) -> tuple[str, ...]:
    return (document, key or f"id:{measure_id}", milestone.isoformat() if milestone else "")


@dataclass
class Ledger:
    """All entries of ``status.yaml``; read-only once loaded (``set_status`` writes)."""

    entries: list[LedgerEntry] = field(default_factory=list)
    path: Path | None = None

    def __post_init__(self) -> None:
        self._by_key: dict[tuple[str, str, date | None], LedgerEntry] = {}
        self._by_id: dict[tuple[str, str, date | None], LedgerEntry] = {}
        for entry in self.entries:  # later entries win, as in the file
            if entry.key:
                self._by_key[(entry.document, entry.key, entry.milestone)] = entry
            else:
                self._by_id[(entry.document, entry.id, entry.milestone)] = entry

    def own(self, document: str, measure: Measure, milestone: date | None = None
            ) -> LedgerEntry | None:
        """The entry about exactly this measure (``milestone=None``) or this milestone.

        Matched by (document, key), else by (document, id) among entries without a key
        (hand-written ones): an entry whose key names another measure must not follow its old
        number after a renumbering.
        """
        if measure.key:
            found = self._by_key.get((document, measure.key, milestone))
            if found is not None:
                return found
        return self._by_id.get((document, measure.id, milestone))

    def get(self, document: str, measure: Measure, milestone: date | None = None
            ) -> LedgerEntry | None:
        """The entry that applies: the milestone's own, else the measure's."""
        if milestone is not None:
            found = self.own(document, measure, milestone)
            if found is not None:
                return found
        return self.own(document, measure)

    def status_of(self, document: str, measure: Measure, milestone: date | None = None) -> str:
        entry = self.get(document, measure, milestone)
        return entry.status if entry else "open"

    def milestone_entries(self, document: str, measure: Measure) -> list[LedgerEntry]:
        """The measure's own milestone entries (the days its entries name), by day."""
        found = [e for e in self.entries if e.milestone is not None and e.document == document
                 and ((e.key and e.key == measure.key) or (not e.key and e.id == measure.id))]
        return sorted(found, key=lambda e: e.milestone or date.min)

    def latest_progress(self, document: str, measure: Measure) -> LedgerEntry | None:
        """The entry (of the measure or one of its milestones) with the latest progress note."""
        own = self.own(document, measure)
        noted = [e for e in (own, *self.milestone_entries(document, measure))
                 if e is not None and e.note]
        return max(noted, key=lambda e: e.progress_at, default=None)

    def __len__(self) -> int:
        return len(self.entries)


def overall_status(statuses: Sequence[str]) -> str:
    """A measure's status from its milestones': done (or dropped) when all are finished,
    in-progress when any has moved, else open."""
    if not statuses:
        return "open"
    if all(s in CLOSED for s in statuses):
        return "dropped" if all(s == "dropped" for s in statuses) else "done"
    if any(s != "open" for s in statuses):
        return "in-progress"
    return "open"


def ledger_path(folder: Path) -> Path:
    return Path(folder) / LEDGER_FILE


def load_ledger(folder: Path) -> Ledger:
    """The ledger of a corpus folder; a missing file is an empty ledger.

    Raises InputError for unreadable YAML and SchemaError (with the line) for a file that does
    not match ``status.schema.json`` or names the same measure (or milestone) twice.
    """
    _journal.finish_pending(Path(folder))  # a new version interrupted earlier: finished first
    path = ledger_path(folder)
    if not path.exists():
        return Ledger([], path)
    from reformctl.gate import load_valid

    data = load_valid(path, "status")  # the schema gate, cached once valid
    if data is None:
        return Ledger([], path)
    entries = [_entry_from_dict(d) for d in data.get("entries") or ()]
    _check_duplicates(entries, path)
    return Ledger(entries, path)


def current_user() -> str:
    """Who is making a change when no --by is given: the login name."""
    import getpass  # (and termios) only when a change is made

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container) and no $USER
        return os.environ.get("USER", "") or "unknown"


def set_status(
    folder: Path,
    document: str,
    measure: Measure,
    status: str,
    *,
    on: date | None,
    note: str | None = None,
    milestone: date | None = None,
    by: str | None = None,
    source: str = "",
    now: datetime | None = None,
) -> LedgerEntry:
    """Record the status of a measure (or of one milestone: ``milestone`` = its day).

    Returns the entry as it stands after the change (unchanged when nothing changed).
    """
    change = Change(document, measure, status, milestone, on, note, source)
    applied = apply_changes(folder, [change], by=by, now=now)
    if applied:
        return applied[0].after
    ledger = load_ledger(folder)
    found = ledger.get(document, measure, milestone)
    assert found is not None  # nothing changed, so an entry says exactly this already
    return found


def apply_changes(
    folder: Path,
    changes: Sequence[Change],
    *,
    by: str | None = None,
    now: datetime | None = None,
) -> list[Applied]:
    """Record several changes in one atomic write of the ledger, under the file lock.

    A change that changes nothing is skipped; the ones recorded are returned, each with its
    entry before and after (a measure-level change also lists the milestone entries it
    brought along). Either all are written or none (an invalid status raises first).
    """
    for change in changes:
        if change.status not in STATUSES:
            raise UsageError(_("status must be one of {allowed}, not {value!r}").format(
                allowed=", ".join(STATUSES), value=change.status))
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("corpus folder not found", path=str(folder))
    stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    who = by if by else current_user()
    with _journal.corpus_lock(folder):  # a read-only corpus: one line, exit 2
        ledger = load_ledger(folder)
        entries = list(ledger.entries)
        applied: list[Applied] = []
        for change in changes:
            applied += _apply(entries, change, who, stamp)
        if applied:
            write_ledger(ledger_path(folder), entries)
    return applied


def preview_changes(ledger: Ledger, changes: Sequence[Change], *, by: str | None = None,
                    now: datetime | None = None) -> list[Applied]:
    """What ``apply_changes`` would record on this ledger, without writing anything."""
    stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    entries = list(ledger.entries)
    applied: list[Applied] = []
    for change in changes:
        applied += _apply(entries, change, by or current_user(), stamp)
    return applied


def _apply(entries: list[LedgerEntry], change: Change, who: str, stamp: str) -> list[Applied]:
    """Apply one change to the list of entries in place; what was recorded."""
    ledger = Ledger(entries)
    m = change.measure
    targets: list[tuple[date | None, LedgerEntry | None]] = [
        (change.milestone, ledger.own(change.document, m, change.milestone))]
    if change.milestone is None:  # the measure's milestone entries follow it …
        targets += [(e.milestone, e) for e in ledger.milestone_entries(change.document, m)
                    # … except that progress on the measure leaves a finished milestone be
                    if not (change.status == "in-progress" and e.status in CLOSED)]
    out: list[Applied] = []
    for milestone, own in targets:
        current = own or ledger.get(change.document, m, milestone)
        before_status = current.status if current else "open"
        before_note = current.note if current else ""
        before_date = current.date if current else None
        note = before_note if change.note is None else change.note
        day = before_date if change.on is None else change.on
        if (change.status, note, day) == (before_status, before_note, before_date):
            continue
        event = Event(stamp, who, before_status, change.status,
                      change.note if change.note is not None and change.note != before_note
                      else "", change.on, change.source)
        if own is not None and not own.history and own.updated:
            history = own.events  # an old entry's last change becomes its first event
        else:
            history = own.history if own is not None else ()
        after = LedgerEntry(
            key=m.key, id=m.id, document=change.document, status=change.status, date=day,
            note=note, updated=stamp, title=m.title, milestone=milestone,
            history=(*history, event),
        )
        if own is not None:
            entries[entries.index(own)] = after
        else:
            entries.append(after)
        ledger = Ledger(entries)
        out.append(Applied(change, own, after))
    return out


def ledger_to_dict(entries: Iterable[LedgerEntry]) -> dict[str, Any]:
    return {"version": VERSION, "entries": [entry_to_dict(e) for e in _sorted(entries)]}


def entry_to_dict(e: LedgerEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"document": e.document, "id": e.id}
    if e.milestone is not None:
        out["milestone"] = e.milestone.isoformat()
    if e.key:
        out["key"] = e.key
    if e.title:
        out["title"] = e.title
    out["status"] = e.status
    out["date"] = e.date.isoformat() if e.date else None
    out["note"] = e.note
    out["updated"] = e.updated
    if e.history:
        out["history"] = [event_to_dict(ev) for ev in e.history]
    return out


def event_to_dict(ev: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"at": ev.at, "by": ev.by, "from": ev.from_status, "to": ev.to_status}
    if ev.note:
        out["note"] = ev.note
    if ev.date is not None:
        out["date"] = ev.date.isoformat()
    if ev.source:
        out["source"] = ev.source
    return out


def _entry_from_dict(d: dict[str, Any]) -> LedgerEntry:
    raw_date = d.get("date")
    milestone = d.get("milestone")
    return LedgerEntry(
        key=str(d.get("key") or ""),
        id=str(d["id"]),
        document=str(d["document"]),
        status=str(d["status"]),
        date=date.fromisoformat(raw_date) if raw_date else None,
        note=str(d.get("note") or ""),
        updated=str(d.get("updated") or ""),
        title=str(d.get("title") or ""),
        milestone=date.fromisoformat(milestone) if milestone else None,
        history=tuple(_event_from_dict(ev) for ev in d.get("history") or ()),
    )


def _event_from_dict(d: dict[str, Any]) -> Event:
    raw_date = d.get("date")
    return Event(
        at=str(d.get("at") or ""),
        by=str(d.get("by") or ""),
        from_status=str(d.get("from") or ""),
        to_status=str(d.get("to") or ""),
        note=str(d.get("note") or ""),
        date=date.fromisoformat(raw_date) if raw_date else None,
        source=str(d.get("source") or ""),
    )


def write_ledger(path: Path, entries: Iterable[LedgerEntry]) -> None:
    """Write the whole ledger atomically (the caller holds the lock): the one place that does.

    The data is checked as ``load_ledger`` will check it first: the tool never writes a
    ledger its own loader refuses (a measure key such as 9999-12-31 from a hand-edited
    document stops the write with one line, and the old ledger stays)."""
    from reformctl.yamlio import atomic_write

    atomic_write(path, ledger_text(path, entries))


def ledger_text(path: Path, entries: Iterable[LedgerEntry]) -> str:
    """The text of ``status.yaml`` for these entries, checked as ``load_ledger`` will check
    it (``write_ledger`` writes it; a new version journals it)."""
    from reformctl.schema import check
    from reformctl.yamlio import dump_yaml

    entries = list(entries)
    data = ledger_to_dict(entries)
    check(data, "status", str(path))
    _check_duplicates(entries, path)
    return HEADER + dump_yaml(data)


def _sorted(entries: Iterable[LedgerEntry]) -> list[LedgerEntry]:
    def order(e: LedgerEntry) -> tuple[str, tuple[int, ...], str, str]:
        parts = tuple(int(p) if p.isdigit() else 0 for p in e.id.split("."))
        return (e.document, parts, e.milestone.isoformat() if e.milestone else "", e.key)

    return sorted(entries, key=order)


def _check_duplicates(entries: list[LedgerEntry], path: Path) -> None:
    seen: dict[tuple[str, ...], int] = {}
    for i, e in enumerate(entries):
        ident = _ident(e.document, e.key, e.id, e.milestone)
        if ident in seen:
            lines = _entry_lines(path.read_text(encoding="utf-8")) if path.is_file() else []
            first = lines[seen[ident]] if seen[ident] < len(lines) else None
            where = _(" (first at line {line})").format(line=first) if first else ""
            what = (_("milestone {milestone} of measure {id}").format(milestone=e.milestone,
                                                                       id=e.id)
                    if e.milestone else _("measure {id}").format(id=e.id))
            raise SchemaError(
                _("{what} of {document} is listed twice{where}").format(
                    what=what, document=e.document, where=where),
                path=str(path),
                line=lines[i] if i < len(lines) else None,
            )
        seen[ident] = i


def _entry_lines(text: str) -> list[int]:
    """The 1-based line where each item of ``entries`` starts."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


__all__ = [
    "CLOSED",
    "STATUSES",
    "Applied",
    "Change",
    "Event",
    "Ledger",
    "LedgerEntry",
    "apply_changes",
    "current_user",
    "entry_to_dict",
    "ledger_to_dict",
    "load_ledger",
    "overall_status",
    "preview_changes",
    "set_status",
    "write_ledger",
]
