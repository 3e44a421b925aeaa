"""Use-cases: what a command does when it needs several layers at once.

The layers below keep to themselves (``parse`` knows the model and the registry; ``audit``
and ``export`` read parsed documents and never parse or load on their own); the functions
here combine them for a command or a script:

- ``batch.parse_many``: parse many source files on every core and save each as YAML;
- ``documents.read_version``: a document from a file, loaded if parsed, else parsed;
- ``documents.file_document``: a parsed document saved into the corpus, as a new version of
  the one it replaces (history, ledger carried over) when there is one;
- ``versions.new_version``: a new version of a corpus document filed as one change (history,
  document, ledger carried over, orphans: journaled, so a killed run loses no status);
- ``exports.collect``: corpus, registry and ledger loaded, measures chosen, ledger rows made;
- ``fill_in``: the 台账 round trip: fill-in sheets per department out
  (``export_fill_in``), filled-in sheets back (``plan_import``, ``apply_import``);
- ``notify``: check how mail leaves (``prepare_sending``), plan who gets what
  (``plan_notices``), compose and deliver (``send_notices``).

Imported lazily (``from reformctl.usecases import collect`` loads only what it needs).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reformctl.usecases.batch import BatchResult, document_sources, parse_many
    from reformctl.usecases.documents import Filed, file_document, read_version
    from reformctl.usecases.exports import collect
    from reformctl.usecases.fill_in import apply_import, export_fill_in, plan_import
    from reformctl.usecases.notify import (
        Sending,
        SendOptions,
        plan_notices,
        prepare_sending,
        send_notices,
    )
    from reformctl.usecases.versions import Replacement, new_version

_HOME = {
    "BatchResult": "batch",
    "document_sources": "batch",
    "parse_many": "batch",
    "read_version": "documents",
    "Filed": "documents",
    "file_document": "documents",
    "collect": "exports",
    "Replacement": "versions",
    "new_version": "versions",
    "apply_import": "fill_in",
    "export_fill_in": "fill_in",
    "plan_import": "fill_in",
    "SendOptions": "notify",
    "Sending": "notify",
    "plan_notices": "notify",
    "prepare_sending": "notify",
    "send_notices": "notify",
}

__all__ = [
    "BatchResult",
    "document_sources",
    "parse_many",
    "read_version",
    "Filed",
    "file_document",
    "collect",
    "Replacement",
    "new_version",
    "apply_import",
    "export_fill_in",
    "plan_import",
    "SendOptions",
    "Sending",
    "plan_notices",
    "prepare_sending",
    "send_notices",
]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"reformctl.usecases.{_HOME[name]}"), name)
    raise AttributeError(f"module 'reformctl.usecases' has no attribute {name!r}")
