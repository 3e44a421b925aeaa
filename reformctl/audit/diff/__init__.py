"""Comparing two versions of a plan document: which measures were added, removed,
renumbered or changed, and how. Split by job:

- ``similarity``: the normal forms texts are compared in and the default similarity;
- ``matching``: which old measure is which new one (text, title, similarity; plans too);
- ``chardiff``: character-level differences of two texts with context;
- ``compare``: ``diff_documents``, comparing each matched pair field by field;
- ``changes``: the records a diff reports (``DiffResult``, ``MeasureChange``…);
- ``records``: those records as plain data and one-line descriptions.

Reading a version from a file (parsed YAML or a source to parse) is a use-case:
``reformctl.usecases.read_version``.
"""

from __future__ import annotations

from reformctl.audit.diff.changes import (
    ADDED,
    AMBIGUOUS,
    CHANGED,
    MOVED,
    REMOVED,
    RENUMBERED,
    DeadlineChange,
    DiffResult,
    DocumentChange,
    Match,
    MeasureChange,
    PlanChange,
    Summary,
    TargetChange,
)
from reformctl.audit.diff.chardiff import TextHunk, char_diff
from reformctl.audit.diff.compare import diff_documents
from reformctl.audit.diff.matching import DEFAULT_MARGIN, DEFAULT_THRESHOLD
from reformctl.audit.diff.records import (
    change_record,
    describe,
    plan_record,
    result_record,
    summary_record,
)
from reformctl.audit.diff.similarity import Similarity, bigram_jaccard, normalize, normalize_title

__all__ = [
    "ADDED",
    "AMBIGUOUS",
    "CHANGED",
    "DEFAULT_MARGIN",
    "DEFAULT_THRESHOLD",
    "MOVED",
    "REMOVED",
    "RENUMBERED",
    "DeadlineChange",
    "DiffResult",
    "DocumentChange",
    "Match",
    "MeasureChange",
    "PlanChange",
    "Similarity",
    "Summary",
    "TargetChange",
    "TextHunk",
    "bigram_jaccard",
    "change_record",
    "char_diff",
    "describe",
    "diff_documents",
    "normalize",
    "normalize_title",
    "plan_record",
    "result_record",
    "summary_record",
]
