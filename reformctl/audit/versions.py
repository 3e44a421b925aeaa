"""New versions of a document already in the corpus: history, diff, ledger carried over.

When ``reformctl parse`` meets a document the corpus already holds (``--replaces NAME``, the
file it is about to write, or the same title), ``replace_version`` does, under the ledger
lock so that no ``reformctl status`` runs in between:

1. keeps the previous YAML as ``history/<name>.<YYYYMMDDTHHMMSS>.yaml`` (never overwritten);
2. writes the new YAML (atomically) and removes the previous file if it had another name;
3. carries every ledger entry of the document over to its matched measure (new key, id and
   title; status, date, note and timestamp unchanged);
4. keeps entries whose measure is gone (removed, or matched ambiguously) in ``status.yaml``
   exactly as they were, where they match no measure, and lists them as orphaned in
   ``history/orphaned.yaml`` with the reason and the version that dropped them.

``carry_over`` is the pure part, usable on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from reformctl.audit.diff import AMBIGUOUS, DiffResult, diff_documents, normalize_title
from reformctl.audit.ledger import LedgerEntry
from reformctl.corpus import CorpusEntry, load_corpus, load_document, render_document
from reformctl.errors import InputError, SchemaError, UsageError
from reformctl.model import Document, Measure

HISTORY_DIR = "history"
ORPHANS_FILE = "orphaned.yaml"
STAMP = "%Y%m%dT%H%M%S"

_ORPHANS_HEADER = """\
# Status entries whose measure disappeared in a new version of its document. They are kept,
# unchanged, in status.yaml (where they match no measure); this file says when and why.
"""


@dataclass(frozen=True)
class Orphan:
    """A ledger entry whose measure has no counterpart in the new version."""

    entry: LedgerEntry
    reason: str  # "removed", "ambiguous: 3.1, 3.2"


@dataclass(frozen=True)
class CarryOver:
    entries: list[LedgerEntry]  # the whole ledger after carrying over
    carried: list[tuple[LedgerEntry, LedgerEntry]]  # (before, after) that changed
    kept: int  # entries of the document whose measure kept its key, id and title
    orphaned: list[Orphan]


@dataclass(frozen=True)
class Replacement:
    previous: Path
    target: Path
    history: Path | None  # None when the new YAML is byte-identical to the previous one
    diff: DiffResult
    carried: int
    kept: int
    orphaned: list[Orphan]
    document: Document | None = None  # what was written (re-parsed when the year was taken)
    notes: tuple[str, ...] = ()

    @property
    def eventful(self) -> bool:
        """Anything to tell: a difference, a history file, a ledger change."""
        return bool(self.history or not self.diff.identical or self.carried or self.orphaned)

    def summary(self) -> str:
        kept_as = f", previous kept as {self.history}" if self.history else ""
        ledger = f"{self.carried + self.kept} status entries carried over"
        if self.orphaned:
            ledger += f", {len(self.orphaned)} orphaned"
        return f"replaces {self.previous}{kept_as}: {self.diff.summary.line()}; {ledger}"


def new_version(
    folder: Path,
    doc: Document,
    target: Path,
    *,
    replaces: str | None = None,
    keep_name: bool = True,
    fmt: str = "yaml",
    reparse: Callable[..., Document] | None = None,
    now: datetime | None = None,
) -> Replacement | None:
    """What ``reformctl parse`` calls before writing: None when ``doc`` replaces nothing
    (the caller writes it as usual), else the replacement, done.

    ``keep_name``: the new version takes the previous version's file name (the default when
    no output was named), so the document keeps its name in the corpus and in the ledger.
    Without it (``-o`` named a file) only that file itself is a previous version: a folder
    that merely holds a document of the same title (a scratch folder of parses) is no corpus
    whose documents it should replace.
    ``reparse(year=…)``: when the new text names no plan year, the previous version's year is
    used (a re-issued plan keeps its year unless it says otherwise).
    """
    previous = find_previous(folder, doc, target, replaces=replaces, by_title=keep_name)
    if previous is None:
        return None
    if keep_name:
        target = previous.path.with_suffix(target.suffix)
    notes: list[str] = []
    old_year = previous.document.document.year
    if reparse is not None and doc.document.year is None and old_year is not None:
        doc = reparse(year=old_year)
        notes.append(f"the text names no plan year: took {old_year} from the previous version")
    done = replace_version(folder, previous, doc, target, fmt=fmt, now=now)
    return replace(done, document=doc, notes=tuple(notes))


def find_previous(
    folder: Path, doc: Document, target: Path, *, replaces: str | None = None,
    by_title: bool = True,
) -> CorpusEntry | None:
    """The corpus document that ``doc`` is a new version of, or None.

    ``--replaces NAME`` (a file stem, file name or path) wins; then the file about to be
    written, if the corpus already holds it; then the one document with the same title.
    Only a target inside the corpus folder replaces anything.
    """
    folder = Path(folder)
    in_corpus = folder.is_dir() and _same_dir(target.parent, folder)
    if replaces:
        if not in_corpus:
            raise UsageError(f"--replaces needs the new version written into the corpus "
                             f"({folder}), not {target}")
        path = _named(folder, replaces)
        return CorpusEntry(path, load_document(path))
    if not in_corpus:
        return None
    if target.exists():
        try:
            return CorpusEntry(target, load_document(target))
        except (InputError, SchemaError):
            pass  # not a parsed document: written over, as before
    title = normalize_title(doc.document.title) if by_title else ""
    if not title:
        return None
    # A broken file is no previous version (and is reported by the commands that read it).
    same = [e for e in load_corpus(folder, skip_invalid=True).entries
            if normalize_title(e.document.document.title) == title]
    if len(same) > 1:
        names = ", ".join(e.path.stem for e in same)
        raise UsageError(f"several corpus documents are titled {doc.document.title} ({names}): "
                         "say which one this replaces with --replaces NAME")
    return same[0] if same else None


def replace_version(
    folder: Path,
    previous: CorpusEntry,
    new: Document,
    target: Path,
    *,
    fmt: str = "yaml",
    now: datetime | None = None,
) -> Replacement:
    """Write ``new`` to ``target`` as the next version of ``previous`` (see the module doc)."""
    from reformctl.audit import ledger as ledger_mod
    from reformctl.fileio import locked
    from reformctl.yamlio import atomic_write

    folder = Path(folder)
    now = now or datetime.now().astimezone()
    result = diff_documents(previous.document, new)
    text = render_document(new, fmt)
    old_name, new_name = previous.path.stem, target.stem
    with locked(folder / ledger_mod.LOCK_FILE, ledger_mod.LOCK_TIMEOUT):
        ledger = ledger_mod.load_ledger(folder)
        carry = carry_over(ledger.entries, old_name, new_name, previous.document, result)
        old_bytes = previous.path.read_bytes()
        history = None
        if old_bytes != text.encode("utf-8") or not _same_file(previous.path, target):
            history = _history_path(folder, old_name, previous.path.suffix, now)
            _write_new_file(history, old_bytes)
        atomic_write(target, text)
        if not _same_file(previous.path, target):
            previous.path.unlink()
        if carry.carried:
            ledger_mod.write_ledger(ledger_mod.ledger_path(folder), carry.entries)
        if carry.orphaned:
            _record_orphans(folder, carry.orphaned, history, now)
    return Replacement(previous.path, target, history, result, len(carry.carried), carry.kept,
                       carry.orphaned)


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
    for _, m in old.walk():
        if m.key:
            by_key.setdefault(m.key, m)
        by_id.setdefault(m.id, m)
    matches = result.match_for_old()
    ambiguous: dict[str, str] = {}
    for change in result.by_kind(AMBIGUOUS):
        for old_id in change.candidates_old:
            ambiguous[old_id] = "ambiguous: could be " + ", ".join(change.candidates_new)

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
            orphaned.append(Orphan(entry, ambiguous.get(measure.id, "removed")))
            out.append(entry)
            continue
        new = match.new
        moved = replace(entry, key=new.key, id=new.id, document=new_name, title=new.title)
        if (new_name, new.key, entry.milestone) in taken:
            orphaned.append(Orphan(entry, f"{new_name} {new.id} already has a status entry"))
            out.append(entry)
            continue
        taken.add((new_name, new.key, entry.milestone))
        if moved == entry:
            kept += 1
        else:
            carried.append((entry, moved))
        out.append(moved)
    return CarryOver(out, carried, kept, orphaned)


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
    return (f"status entry {e.document} {e.id} {e.title or e.key} ({e.status}) "
            f"has no measure in the new version ({orphan.reason}): kept as orphaned")


# ---------------------------------------------------------------------------------------


def _named(folder: Path, name: str) -> Path:
    candidates = [Path(name), folder / name]
    candidates += [folder / f"{name}{suffix}" for suffix in (".yaml", ".yml", ".json")]
    for path in candidates:
        if path.is_file():
            return path
    raise UsageError(f"--replaces {name}: no such document in {folder}")


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _history_path(folder: Path, name: str, suffix: str, now: datetime) -> Path:
    base = folder / HISTORY_DIR / f"{name}.{now.strftime(STAMP)}"
    path = base.with_name(base.name + suffix)
    n = 2
    while path.exists():
        path = base.with_name(f"{base.name}-{n}{suffix}")
        n += 1
    return path


def _write_new_file(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (history is never overwritten), whole or not at
    all (a full disk left a 0-byte history file, one more per retry)."""
    from reformctl.fileio import write_new_file

    write_new_file(path, data)


def _record_orphans(
    folder: Path, orphans: list[Orphan], history: Path | None, now: datetime
) -> None:
    from reformctl.audit.ledger import entry_to_dict
    from reformctl.yamlio import atomic_write, dump_yaml

    records = load_orphans(folder)
    for orphan in orphans:
        records.append({
            **entry_to_dict(orphan.entry),
            "reason": orphan.reason,
            "since": now.isoformat(timespec="seconds"),
            "previous_version": history.name if history else None,
        })
    atomic_write(Path(folder) / HISTORY_DIR / ORPHANS_FILE,
                 _ORPHANS_HEADER + dump_yaml({"orphaned": records}))


__all__ = [
    "CarryOver",
    "Orphan",
    "Replacement",
    "carry_over",
    "find_previous",
    "load_orphans",
    "new_version",
    "orphan_message",
    "replace_version",
]
