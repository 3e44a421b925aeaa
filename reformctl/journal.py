"""Several corpus files changed as one: a redo journal, and the corpus lock around it.

A change that must reach several files together — a new version of a document, its history
copy, the ledger carried over to the new measures, the orphans record — is first written
whole, with every byte it will write, to one journal file in the corpus folder
(``.reformctl-journal.json``, written atomically: it is there entirely or not at all). Then
its steps are done in order and the journal is removed. Each step has the same result when
done twice (write these bytes over that file; create that file unless it exists; remove
that file if it is there), so a process killed at any point leaves either no journal (and
nothing of the change, or all of it) or a journal that the next command finishes before
it reads anything: ``load_corpus`` and ``load_ledger`` call ``finish_pending``, and every
writer of the corpus holds ``corpus_lock``, which finishes a pending journal first. Until
it is finished no command sees the new document beside the old ledger.

Paths in the journal are relative to the corpus folder and may not leave it (a journal is
a file like any other: it is not trusted to name ``/etc/passwd``). This module is beside
``fileio`` and knows nothing of documents or ledgers.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reformctl.errors import InputError
from reformctl.fileio import atomic_write_bytes, locked, write_new_file
from reformctl.i18n import N_, _

JOURNAL_FILE = ".reformctl-journal.json"
LOCK_FILE = ".status.yaml.lock"  # the corpus lock (first the ledger's: the name is kept)
LOCK_TIMEOUT = 30.0  # seconds to wait for another writer before giving up
VERSION = 1
OPS = ("create", "write", "remove")

_held: dict[str, int] = {}  # corpus folders whose lock this process holds → depth


@dataclass(frozen=True)
class Step:
    """One idempotent file operation, ``path`` relative to the corpus folder:
    ``create`` (a file that must not exist yet, kept if it does: history), ``write``
    (atomically, whatever was there), ``remove`` (if it is there)."""

    op: str
    path: str
    data: bytes = b""


def journal_path(folder: Path) -> Path:
    return Path(folder) / JOURNAL_FILE


@contextlib.contextmanager
def corpus_lock(folder: Path, timeout: float = LOCK_TIMEOUT,
                what: str = N_("the ledger")) -> Iterator[None]:
    """Hold the corpus lock (every writer of the ledger or of a new version does); a pending
    journal is finished first. Re-entrant within a process."""
    key = os.path.abspath(folder)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    with locked(Path(folder) / LOCK_FILE, timeout, what):
        _held[key] = 1
        try:
            _finish(Path(folder))
            yield
        finally:
            del _held[key]


def finish_pending(folder: Path) -> bool:
    """Finish a change that a killed process left half done (True if there was one).

    One stat when there is none; else the corpus lock is taken and the journal replayed
    (a read-only corpus with a pending journal is one line naming the journal)."""
    if not journal_path(folder).exists():
        return False
    try:
        with corpus_lock(folder, what=N_("the corpus")):
            pass
    except InputError as exc:
        if exc.path != str(Path(folder) / LOCK_FILE):
            raise  # the journal's own fault: it names itself
        raise InputError(_("a change interrupted earlier cannot be finished ({error})")
                         .format(error=exc.text),
                         path=str(journal_path(folder))) from None
    return True


def commit(folder: Path, steps: Sequence[Step]) -> None:
    """Make ``steps`` as one change: the journal first, then each step, then no journal.

    The caller holds ``corpus_lock(folder)``."""
    import base64
    import json

    folder = Path(folder)
    for step in steps:
        _inside(folder, step.path)  # refuse before anything is written
    record = {
        "version": VERSION,
        "steps": [{"op": s.op, "path": s.path,
                   "data": base64.b64encode(s.data).decode("ascii")} for s in steps],
    }
    atomic_write_bytes(journal_path(folder), json.dumps(record, indent=1).encode("utf-8"))
    _finish(folder)


def relative(folder: Path, path: Path) -> str:
    """``path`` as a journal names it: relative to the corpus folder (its folder resolved,
    the file itself not: a linked file is written through, as everywhere)."""
    path = Path(path)
    inside = os.path.relpath(path.parent.resolve(), Path(folder).resolve())
    return (PurePosixPath(Path(inside).as_posix()) / path.name).as_posix()


# ---------------------------------------------------------------------------------------


def _finish(folder: Path) -> None:
    """Do the steps of the journal, if there is one, then remove it (lock held)."""
    path = journal_path(folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror or exc),
                         path=str(path)) from None
    for step in _steps(raw, path):
        target = _inside(folder, step.path)
        if step.op == "create":
            if not target.exists():
                with contextlib.suppress(FileExistsError):
                    write_new_file(target, step.data)
        elif step.op == "write":
            atomic_write_bytes(target, step.data)
        else:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
    path.unlink()


def _steps(raw: bytes, path: Path) -> list[Step]:
    import base64  # (and json) only when a journal is there: not at every start-up
    import json

    bad = InputError("not a journal this reformctl wrote: check the corpus and remove it",
                     path=str(path))
    try:
        record = json.loads(raw)
        if not isinstance(record, dict) or record.get("version") != VERSION:
            raise bad
        steps = [Step(s["op"], s["path"], base64.b64decode(s["data"], validate=True))
                 for s in record["steps"]]
    except (ValueError, KeyError, TypeError):
        raise bad from None
    if not all(s.op in OPS and isinstance(s.path, str) for s in steps):
        raise bad
    return steps


def _inside(folder: Path, name: str) -> Path:
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise InputError(_("journal step outside the corpus folder refused: {name!r}")
                         .format(name=name),
                         path=str(journal_path(folder)))
    return Path(folder, *rel.parts)


__all__ = ["JOURNAL_FILE", "LOCK_FILE", "LOCK_TIMEOUT", "Step", "commit", "corpus_lock",
           "finish_pending", "journal_path", "relative"]
