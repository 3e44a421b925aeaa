"""Parsing plan documents: ``parse_file`` and ``parse_text`` are the entry points.

Imported lazily so that ``import reformctl.parse.deadlines`` (or a quick CLI command) does not
pull in the whole parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reformctl.parse.pipeline import parse_file, parse_text

__all__ = ["parse_file", "parse_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reformctl.parse import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
