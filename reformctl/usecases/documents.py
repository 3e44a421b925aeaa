"""Documents between files and the corpus: a version read for ``diff`` (loaded if parsed,
else parsed), a freshly parsed document filed into the corpus (``parse``: a new version of a
document already there replaces it). This is where the store, the parser and the version
history meet, so that ``audit/`` never parses and the CLI only shows what happened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reformctl.errors import InputError
from reformctl.model import Document
from reformctl.registry import Registry

if TYPE_CHECKING:
    from reformctl.usecases.versions import Replacement


def read_version(
    path: str | Path, *, year: int | None = None, registry: Registry | None = None
) -> Document:
    """A version to compare (``reformctl diff``): parsed YAML/JSON is loaded, anything else is
    parsed (with ``year`` and ``registry``). A document without numbered measures is refused:
    there would be nothing to compare."""
    from reformctl.corpus import DOCUMENT_SUFFIXES, load_document

    p = Path(path)
    if p.suffix.lower() in DOCUMENT_SUFFIXES:
        doc = load_document(p)
    else:
        from reformctl.parse import parse_file

        doc = parse_file(p, year=year, registry=registry)
    if not any(plan.measures for plan in doc.plans):
        raise InputError("no numbered measures found: nothing to compare", path=str(p))
    return doc


@dataclass(frozen=True)
class Filed:
    """Where a parsed document went: ``replaced`` when it is a new version of one the corpus
    held (history kept, ledger carried over; ``document`` is what was written)."""

    document: Document
    target: Path
    replaced: Replacement | None = None


def file_document(
    doc: Document,
    source: str | Path,
    target: Path,
    *,
    folder: Path,
    replaces: str | None = None,
    keep_name: bool = True,
    fmt: str = "yaml",
    year: int | None = None,
    registry: Registry | None = None,
) -> Filed:
    """Save ``doc`` (parsed from ``source``) to ``target`` in the corpus ``folder``; when it is
    a new version of a corpus document (``replaces``, the same file, or the same title), the
    previous one goes to history and the ledger follows, as one change
    (``usecases.versions.new_version``). A
    text that names no year is parsed again with the previous version's year, unless
    ``year`` was given."""
    from functools import partial

    from reformctl.corpus import save_document
    from reformctl.parse import parse_file
    from reformctl.usecases.versions import new_version

    replaced = new_version(
        folder, doc, target, replaces=replaces, keep_name=keep_name, fmt=fmt,
        reparse=None if year else partial(parse_file, source, registry=registry),
    )
    if replaced is None:
        save_document(doc, target, fmt)
        return Filed(doc, target)
    return Filed(replaced.document or doc, replaced.target, replaced)


__all__ = ["Filed", "file_document", "read_version"]
