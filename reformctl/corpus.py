"""The corpus: a folder of parsed YAML documents that every command reads.

Found from ``--corpus``, else ``$REFORMCTL_CORPUS``, else ``./corpus``. A single YAML file may
stand in for a folder. Besides documents, the folder holds ``departments.yaml`` (the registry)
and ``status.yaml`` (the ledger); ``history/`` keeps earlier versions of re-issued documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reformctl.errors import InputError, SchemaError, os_reason
from reformctl.fileio import atomic_write
from reformctl.gate import CACHE_ENV_VAR as CACHE_ENV_VAR  # re-exported: where users found them
from reformctl.gate import cache_folder as cache_folder
from reformctl.gate import load_valid
from reformctl.i18n import _
from reformctl.journal import finish_pending
from reformctl.model import Document, Measure, Plan, document_from_dict, document_to_dict

ENV_VAR = "REFORMCTL_CORPUS"
DEFAULT_DIR = "corpus"
NOT_DOCUMENTS = {"departments.yaml", "status.yaml", "recipients.yaml", "notify.yaml",
                 "recipients.example.yaml", "notify.example.yaml"}
DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class CorpusEntry:
    path: Path
    document: Document


@dataclass
class Corpus:
    root: Path
    entries: list[CorpusEntry] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        """Where the registry and ledger live: the folder itself, or a single file's folder."""
        return self.root if self.root.is_dir() else self.root.parent

    @property
    def documents(self) -> list[Document]:
        return [e.document for e in self.entries]

    def walk(self) -> Iterator[tuple[CorpusEntry, Plan, Measure]]:
        for entry in self.entries:
            for plan, measure in entry.document.walk():
                yield entry, plan, measure

    def find(
        self, measure_id: str, document: str | None = None
    ) -> list[tuple[CorpusEntry, Plan, Measure]]:
        """The measures with this id, in the document named by its file name, stem or path
        when one is given (ids such as 1.1 repeat from one plan document to the next)."""
        return [hit for hit in self.walk() if hit[2].id == measure_id and (
            document is None or document in (hit[0].path.stem, hit[0].path.name, str(hit[0].path)))]


def resolve_corpus_path(option: str | os.PathLike[str] | None = None) -> Path:
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return Path.cwd() / DEFAULT_DIR


def is_document_file(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix in DOCUMENT_SUFFIXES
        and path.name not in NOT_DOCUMENTS
        and not path.name.startswith(".")
    )


def load_corpus(path: str | os.PathLike[str] | None = None, *,
                skip_invalid: bool = False) -> Corpus:
    """Every parsed document of the corpus, in file-name order, each one checked against
    ``document.schema.json`` (a file that does not match stops the command: one line naming
    the file, the line and the path inside it). ``skip_invalid`` passes over such files
    instead, for a caller that only looks for one document among them."""
    root = resolve_corpus_path(path)
    if not root.exists():
        raise InputError(
            "corpus not found (give --corpus DIR or set REFORMCTL_CORPUS)", path=str(root)
        )
    if root.is_file():
        return Corpus(root=root, entries=[CorpusEntry(root, load_document(root))])
    if not root.is_dir():
        raise InputError("corpus is neither a folder nor a YAML file", path=str(root))
    finish_pending(root)  # a change a killed process left half done is finished first
    try:
        children = sorted(root.iterdir())
    except OSError as exc:
        reason = _(os_reason(exc))
        raise InputError(_("cannot read the corpus folder: {reason}").format(reason=reason),
                         path=str(root)) from None
    entries = []
    for child in children:
        if not is_document_file(child):
            continue
        try:
            data = load_valid(child, "document", others=True)
        except (InputError, SchemaError):
            if skip_invalid:
                continue
            raise
        if data is None:
            continue  # some other YAML the user keeps there
        entries.append(CorpusEntry(child, _document(data, child)))
    return Corpus(root=root, entries=entries)


def load_document(path: str | os.PathLike[str]) -> Document:
    p = Path(path)
    return _document(load_valid(p, "document"), p)


def _document(data: dict[str, Any], path: Path) -> Document:
    try:
        return document_from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        # The schema passed: what it cannot say (a date that is no day) is named here.
        raise SchemaError(_("does not match the document schema ({error})").format(
            error=exc), path=str(path)) \
            from None


def render_document(doc: Document, fmt: str = "yaml") -> str:
    from reformctl.yamlio import dump_json, dump_yaml

    data = document_to_dict(doc)
    return dump_json(data) if fmt == "json" else dump_yaml(data)


def save_document(doc: Document, path: str | os.PathLike[str], fmt: str = "yaml") -> Path:
    target = Path(path)
    atomic_write(target, render_document(doc, fmt))
    return target
