"""A new version of a document already in the corpus: history kept, ledger carried over,
all of it as one change.

When ``reformctl parse`` meets a document the corpus already holds (``--replaces NAME``, the
file it is about to write, or the same title), ``replace_version`` works out, under the
corpus lock (so that no ``reformctl status`` runs in between), everything the change writes:

1. the previous YAML kept as ``history/<name>.<YYYYMMDDTHHMMSS>.yaml`` (never overwritten);
2. the new YAML, and the previous file removed if it had another name;
3. the ledger with every entry of the document carried over to its matched measure (new key,
   id and title; status, date, note and history unchanged; ``audit.versions.carry_over``);
4. entries whose measure (or milestone) is gone kept in ``status.yaml`` exactly as they were
   and listed in ``history/orphaned.yaml`` with the reason and the version that dropped them.

and makes it as one change through the corpus journal (``reformctl.journal``): the journal
holds all of it before the first file is touched, so a process killed at any step leaves a
change that the next command opening the corpus finishes; no status is lost to a kill
between the new document and the ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from reformctl.audit.diff import DiffResult, diff_documents, normalize_title
from reformctl.audit.versions import (
    HISTORY_DIR,
    ORPHANS_FILE,
    ORPHANS_HEADER,
    Orphan,
    carry_over,
    load_orphans,
    orphan_records,
)
from reformctl.corpus import CorpusEntry, load_corpus, load_document, render_document
from reformctl.errors import InputError, SchemaError, UsageError
from reformctl.i18n import _, ngettext
from reformctl.model import Document

STAMP = "%Y%m%dT%H%M%S"


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
        kept_as = (_(", previous kept as {path}").format(path=self.history) if self.history
                   else "")
        n = self.carried + self.kept
        ledger = ngettext("{n} status entry carried over", "{n} status entries carried over",
                          n).format(n=n)
        if self.orphaned:
            ledger += _(", {n} orphaned").format(n=len(self.orphaned))
        return _("replaces {previous}{kept_as}: {diff}; {ledger}").format(
            previous=self.previous, kept_as=kept_as, diff=self.diff.summary.line(),
            ledger=ledger)


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
        notes.append(_("the text names no plan year: took {year} from the previous version")
                     .format(year=old_year))
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
    from reformctl.journal import finish_pending

    folder = Path(folder)
    in_corpus = folder.is_dir() and _same_dir(target.parent, folder)
    if in_corpus:
        finish_pending(folder)  # a version interrupted earlier is finished before it is read
    if replaces:
        if not in_corpus:
            raise UsageError(_("--replaces needs the new version written into the corpus "
                               "({folder}), not {target}").format(folder=folder, target=target))
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
        raise UsageError(_("several corpus documents are titled {title} ({names}): say which "
                           "one this replaces with --replaces NAME").format(
                               title=doc.document.title, names=names))
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
    """Write ``new`` to ``target`` as the next version of ``previous`` (see the module doc),
    as one change."""
    from reformctl.audit import ledger as ledger_mod
    from reformctl.journal import Step, commit, corpus_lock, relative
    from reformctl.yamlio import dump_yaml

    folder = Path(folder)
    now = now or datetime.now().astimezone()
    result = diff_documents(previous.document, new)
    data = render_document(new, fmt).encode("utf-8")
    old_name, new_name = previous.path.stem, target.stem
    with corpus_lock(folder):
        old_bytes = previous.path.read_bytes()  # under the lock: what the journal replaces
        ledger = ledger_mod.load_ledger(folder)
        carry = carry_over(ledger.entries, old_name, new_name, previous.document, result)
        moved = not _same_file(previous.path, target)
        steps: list[Step] = []
        history = None
        if old_bytes != data or moved:
            history = _history_path(folder, old_name, previous.path.suffix, now)
            steps.append(Step("create", relative(folder, history), old_bytes))
        steps.append(Step("write", relative(folder, target), data))
        if moved:
            steps.append(Step("remove", relative(folder, previous.path)))
        if carry.carried:
            path = ledger_mod.ledger_path(folder)
            text = ledger_mod.ledger_text(path, carry.entries)  # checked as load_ledger will
            steps.append(Step("write", relative(folder, path), text.encode("utf-8")))
        if carry.orphaned:
            records = load_orphans(folder) + orphan_records(carry.orphaned, history, now)
            text = ORPHANS_HEADER + dump_yaml({"orphaned": records})
            steps.append(Step("write", f"{HISTORY_DIR}/{ORPHANS_FILE}", text.encode("utf-8")))
        commit(folder, steps)
    return Replacement(previous.path, target, history, result, len(carry.carried), carry.kept,
                       carry.orphaned)


# ---------------------------------------------------------------------------------------


def _named(folder: Path, name: str) -> Path:
    candidates = [Path(name), folder / name]
    candidates += [folder / f"{name}{suffix}" for suffix in (".yaml", ".yml", ".json")]
    for path in candidates:
        if path.is_file() and _same_dir(path.parent, folder):
            return path
    raise UsageError(_("--replaces {name}: no such document in {folder}").format(
        name=name, folder=folder))


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


__all__ = ["Replacement", "find_previous", "new_version", "replace_version"]
