"""reformctl: parse Chinese government action plans into auditable data.

    import reformctl

    doc = reformctl.parse_file("plan.docx")           # a Document (frozen dataclasses)
    corpus = reformctl.load_corpus("corpus")           # every parsed document of a folder
    for entry, plan, measure in corpus.walk():
        print(measure.id, measure.title, measure.lead)

Errors are ``ReformctlError`` subclasses carrying the file and line (``InputError``,
``SchemaError``, ``UsageError``). Everything here is imported on first use, so that importing
the package (which every ``reformctl`` command does) costs nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reformctl.corpus import Corpus, load_corpus
    from reformctl.errors import InputError, ReformctlError, SchemaError, UsageError
    from reformctl.model import Document, Measure, Plan
    from reformctl.parse import parse_file, parse_text

_HOME = {
    "parse_file": "reformctl.parse",
    "parse_text": "reformctl.parse",
    "load_corpus": "reformctl.corpus",
    "Corpus": "reformctl.corpus",
    "Document": "reformctl.model",
    "Plan": "reformctl.model",
    "Measure": "reformctl.model",
    "ReformctlError": "reformctl.errors",
    "InputError": "reformctl.errors",
    "SchemaError": "reformctl.errors",
    "UsageError": "reformctl.errors",
}

__all__ = [
    "parse_file",
    "parse_text",
    "load_corpus",
    "Corpus",
    "Document",
    "Plan",
    "Measure",
    "ReformctlError",
    "InputError",
    "SchemaError",
    "UsageError",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'reformctl' has no attribute {name!r}")


def version() -> str:
    """The installed package's version (pyproject.toml), else the parser's."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("reformctl")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from reformctl.model import PARSER_VERSION

        return PARSER_VERSION
