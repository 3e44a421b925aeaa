"""Reading documents from files whatever they are: parsed YAML/JSON is loaded, a source is
parsed. This is where the store and the parser meet, so that ``audit/`` never parses."""

from __future__ import annotations

from pathlib import Path

from reformctl.errors import InputError
from reformctl.model import Document
from reformctl.registry import Registry


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


__all__ = ["read_version"]
