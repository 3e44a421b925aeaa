"""The status ledger: which measures are done, in progress or dropped (``status.yaml``).

The ledger lives next to the parsed documents, in the corpus folder. Each entry names a
measure by its ``key`` (a hash of plan title and measure title, so it survives renumbering
and re-parsing), and also records the measure's ``id`` and the document's file stem, so that
a person reading or hand-editing the file knows what it is about::

    entries:
      - document: 000_675e6135523c2031
        id: '3.8'
        key: cb464abebcd7
        title: 提升不停电作业能力
        status: done
        date: '2021-07-30'
        note: 验收通过
        updated: '2021-10-01T09:12:44+08:00'

An entry without a ``key`` (written by hand) matches by ``id``. ``set_status`` rewrites the
file atomically under a lock (``.status.yaml.lock``), so two jobs at once lose nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reformctl.errors import InputError, SchemaError, UsageError
from reformctl.model import Measure

STATUSES = ("open", "in-progress", "done", "dropped")  # `reformctl status ID reopen` sets open
CLOSED = frozenset({"done", "dropped"})  # never reported as due or overdue
LEDGER_FILE = "status.yaml"
LOCK_FILE = ".status.yaml.lock"
LOCK_TIMEOUT = 30.0  # seconds to wait for another writer before giving up

_HEADER = """\
# reformctl status ledger: what is done, in progress or dropped.
# Written by `reformctl status ID done|in-progress|dropped|reopen`; safe to edit by hand
# (check with `reformctl validate status.yaml`). Entries match measures by `key`, or by `id`
# when an entry has no key. Schema: reformctl/schemas/status.schema.json
"""


@dataclass(frozen=True)
class LedgerEntry:
    """The recorded status of one measure of one document."""

    key: str
    id: str
    document: str
    status: str
    date: date | None
    note: str
    updated: str  # ISO timestamp of the last change
    title: str = ""  # the measure title when recorded, for people reading the file


@dataclass
class Ledger:
    """All entries of ``status.yaml``; read-only once loaded (``set_status`` writes)."""

    entries: list[LedgerEntry] = field(default_factory=list)
    path: Path | None = None

    def __post_init__(self) -> None:
        self._by_key: dict[tuple[str, str], LedgerEntry] = {}
        self._by_id: dict[tuple[str, str], LedgerEntry] = {}
        for entry in self.entries:  # later entries win, as in the file
            if entry.key:
                self._by_key[(entry.document, entry.key)] = entry
            else:
                self._by_id[(entry.document, entry.id)] = entry

    def get(self, document: str, measure: Measure) -> LedgerEntry | None:
        """The entry for a measure: matched by (document, key), else by (document, id).

        The id fallback only uses entries that have no key (hand-written ones): an entry whose
        key names another measure must not follow its old number after a renumbering.
        """
        if measure.key:
            found = self._by_key.get((document, measure.key))
            if found is not None:
                return found
        return self._by_id.get((document, measure.id))

    def status_of(self, document: str, measure: Measure) -> str:
        entry = self.get(document, measure)
        return entry.status if entry else "open"

    def __len__(self) -> int:
        return len(self.entries)


def ledger_path(folder: Path) -> Path:
    return Path(folder) / LEDGER_FILE


def load_ledger(folder: Path) -> Ledger:
    """The ledger of a corpus folder; a missing file is an empty ledger.

    Raises InputError for unreadable YAML and SchemaError (with the line) for a file that does
    not match ``status.schema.json`` or names the same measure twice.
    """
    path = ledger_path(folder)
    if not path.exists():
        return Ledger([], path)
    from reformctl.yamlio import load_yaml_text, read_text_file

    text = read_text_file(path)
    data = load_yaml_text(text, str(path))  # InputError with the line for broken YAML
    if data is None:
        return Ledger([], path)
    data = _plain_dates(data)
    from reformctl.schema import check

    check(data, "status", str(path), text)
    entries = [_entry_from_dict(d) for d in data.get("entries") or ()]
    _check_duplicates(entries, path, text)
    return Ledger(entries, path)


def set_status(
    folder: Path,
    document: str,
    measure: Measure,
    status: str,
    *,
    on: date | None,
    note: str = "",
    now: datetime | None = None,
) -> LedgerEntry:
    """Record a measure's status: read, change, write atomically, all under the file lock."""
    from filelock import FileLock, Timeout

    if status not in STATUSES:
        raise UsageError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("corpus folder not found", path=str(folder))
    stamp = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    entry = LedgerEntry(
        key=measure.key,
        id=measure.id,
        document=document,
        status=status,
        date=on,
        note=note,
        updated=stamp,
        title=measure.title,
    )
    try:
        with FileLock(str(folder / LOCK_FILE), timeout=LOCK_TIMEOUT):
            ledger = load_ledger(folder)
            kept = [e for e in ledger.entries if not _same_measure(e, document, measure)]
            kept.append(entry)
            _write(ledger_path(folder), kept)
    except Timeout:
        raise InputError(
            f"the ledger is locked by another process (waited {LOCK_TIMEOUT:.0f} s)",
            path=str(folder / LOCK_FILE),
        ) from None
    return entry


def ledger_to_dict(entries: list[LedgerEntry]) -> dict[str, Any]:
    return {"version": 1, "entries": [entry_to_dict(e) for e in _sorted(entries)]}


def entry_to_dict(e: LedgerEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"document": e.document, "id": e.id}
    if e.key:
        out["key"] = e.key
    if e.title:
        out["title"] = e.title
    out["status"] = e.status
    out["date"] = e.date.isoformat() if e.date else None
    out["note"] = e.note
    out["updated"] = e.updated
    return out


def _entry_from_dict(d: dict[str, Any]) -> LedgerEntry:
    raw_date = d.get("date")
    return LedgerEntry(
        key=str(d.get("key") or ""),
        id=str(d["id"]),
        document=str(d["document"]),
        status=str(d["status"]),
        date=date.fromisoformat(raw_date) if raw_date else None,
        note=str(d.get("note") or ""),
        updated=str(d.get("updated") or ""),
        title=str(d.get("title") or ""),
    )


def _same_measure(e: LedgerEntry, document: str, measure: Measure) -> bool:
    if e.document != document:
        return False
    if e.key and measure.key:
        return e.key == measure.key
    return e.id == measure.id


def _write(path: Path, entries: list[LedgerEntry]) -> None:
    from reformctl.yamlio import atomic_write, dump_yaml

    atomic_write(path, _HEADER + dump_yaml(ledger_to_dict(entries)))


def _sorted(entries: list[LedgerEntry]) -> list[LedgerEntry]:
    def order(e: LedgerEntry) -> tuple[str, tuple[int, ...], str]:
        parts = tuple(int(p) if p.isdigit() else 0 for p in e.id.split("."))
        return (e.document, parts, e.key)

    return sorted(entries, key=order)


def _plain_dates(data: Any) -> Any:
    """YAML reads an unquoted 2021-09-30 as a date; the schema speaks of ISO strings."""
    if isinstance(data, dict):
        return {k: _plain_dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain_dates(v) for v in data]
    if isinstance(data, (date, datetime)):
        return data.isoformat()
    return data


def _check_duplicates(entries: list[LedgerEntry], path: Path, text: str) -> None:
    seen: dict[tuple[str, str], int] = {}
    lines = _entry_lines(text)
    for i, e in enumerate(entries):
        ident = (e.document, e.key or f"id:{e.id}")
        if ident in seen:
            first = lines[seen[ident]] if seen[ident] < len(lines) else None
            where = f" (first at line {first})" if first else ""
            raise SchemaError(
                f"measure {e.id} of {e.document} is listed twice{where}",
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
