"""The corpus: a folder of parsed YAML documents that every command reads.

Found from ``--corpus``, else ``$REFORMCTL_CORPUS``, else ``./corpus``. A single YAML file may
stand in for a folder. Besides documents, the folder holds ``departments.yaml`` (the registry)
and ``status.yaml`` (the ledger); ``history/`` keeps earlier versions of re-issued documents.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reformctl.errors import InputError, SchemaError
from reformctl.fileio import atomic_write, atomic_write_bytes, read_text_file
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


def load_corpus(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Every parsed document of the corpus, in file-name order."""
    root = resolve_corpus_path(path)
    if not root.exists():
        raise InputError(
            "corpus not found (give --corpus DIR or set REFORMCTL_CORPUS)", path=str(root)
        )
    if root.is_file():
        return Corpus(root=root, entries=[CorpusEntry(root, load_document(root))])
    if not root.is_dir():
        raise InputError("corpus is neither a folder nor a YAML file", path=str(root))
    try:
        children = sorted(root.iterdir())
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else str(exc)
        raise InputError(f"cannot read the corpus folder: {reason}",
                         path=str(root)) from None
    entries = []
    for child in children:
        if not is_document_file(child):
            continue
        data = _load_data(child)
        if not (isinstance(data, dict) and "document" in data):
            continue  # some other YAML the user keeps there
        entries.append(CorpusEntry(child, _document(data, child)))
    return Corpus(root=root, entries=entries)


def load_document(path: str | os.PathLike[str]) -> Document:
    p = Path(path)
    data = _load_data(p)
    if not (isinstance(data, dict) and "document" in data):
        raise SchemaError("not a reformctl document (no `document:` header)", path=str(p), line=1)
    return _document(data, p)


def _load_data(path: Path) -> Any:
    text = read_text_file(path)
    return _cached(text, lambda: _load_yaml(text, str(path)))


def _load_yaml(text: str, path: str) -> Any:
    """PyYAML is imported only on a cache miss: a warm ``due`` starts without it."""
    from reformctl.yamlio import load_yaml_text

    return load_yaml_text(text, path)


# ---------------------------------------------------------------------------------------
# Parsed-YAML cache. Reading the seed's YAML takes ~50 ms even with the C loader, most of a
# quick command's time; a pickle of the same plain data loads in ~1 ms. Entries are keyed by
# the SHA-256 of the file's text, so an edited file is simply a new entry (no stale reads);
# a corrupt or unreadable entry is rebuilt silently, and an unwritable folder means no cache.

CACHE_ENV_VAR = "REFORMCTL_CACHE_DIR"
_CACHE_FORMAT = b"reformctl-corpus-cache-1"  # bump when the cached data would change shape


def cache_folder() -> Path:
    """$REFORMCTL_CACHE_DIR, else $XDG_CACHE_HOME/reformctl, else ~/.cache/reformctl."""
    explicit = os.environ.get(CACHE_ENV_VAR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reformctl"


def _cached(text: str, load: Callable[[], Any]) -> Any:
    import hashlib

    digest = hashlib.sha256(_CACHE_FORMAT + text.encode("utf-8")).hexdigest()
    entry = cache_folder() / "corpus" / f"{digest}.pickle"
    try:
        return _SafeUnpickler(io.BytesIO(entry.read_bytes())).load()
    except Exception:  # missing, truncated, corrupt or unreadable: rebuild below
        pass
    data = load()
    with contextlib.suppress(Exception):  # a cache that cannot be written is no cache
        atomic_write_bytes(entry, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return data


class _SafeUnpickler(pickle.Unpickler):
    """Plain YAML data only (dicts, lists, text, numbers, dates): a cache file never makes
    reformctl import or call anything else."""

    _ALLOWED = frozenset({("datetime", "date"), ("datetime", "datetime")})

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _document(data: dict[str, Any], path: Path) -> Document:
    try:
        return document_from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        # Name the exact spot through the schema; fall back to a general message.
        from reformctl.schema import check

        check(data, "document", str(path), read_text_file(path))
        raise SchemaError("does not match the document schema", path=str(path)) from None


def render_document(doc: Document, fmt: str = "yaml") -> str:
    from reformctl.yamlio import dump_json, dump_yaml

    data = document_to_dict(doc)
    return dump_json(data) if fmt == "json" else dump_yaml(data)


def save_document(doc: Document, path: str | os.PathLike[str], fmt: str = "yaml") -> Path:
    target = Path(path)
    atomic_write(target, render_document(doc, fmt))
    return target
