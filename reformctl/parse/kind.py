"""Is the document an action plan at all? A reply, an approval, a decision, a regulation, a
contingency plan or a notice is not: the parse says so in one line and takes no measures
from it (its numbered lines are the points of a reply, the articles of a regulation, a
holiday timetable). The words are in vocab/kinds.py.

A document whose measures carry owner notes is a plan whatever it calls itself (a 考评办法
that lists 90 tasks with their owners; a 通知 of 若干措施 with 53 notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from reformctl.model import Plan, Warning_, warning
from reformctl.parse.vocab.kinds import (
    CARRIED_IN_BODY,
    CARRIER,
    DOCUMENT_NUMBER,
    INTERPRETATION_CUE,
    KIND_WORDS,
    NOTICE,
    NOTICE_SUBJECTS,
    RECEIVED,
    REGULATION_CUE,
    REPLY_CUE,
    TITLE_TAIL,
)
from reformctl.parse.vocab.numbering import match_mark

# A title says what it is about: "国务院关于…的批复", "关于印发《…》的通知".
TITLE_ABOUT = "关于"
TITLE_MAX_CHARS = 60
SENTENCE = re.compile("[。，,；;：:]")
# How many lines at the top may hold the title, and how far down the body's cues are looked for.
TITLE_LINES = 6
BODY_LINES = 20
# A plan's measures name owners: this many measures with notes of their own make it a plan.
OWNED_MEASURES = 2


@dataclass(frozen=True)
class Kind:
    """What the document is when it is no plan: its kind (vocab.kinds.KIND_WORDS), the words
    that tell and their line (1-based, in the cleaned lines)."""

    name: str
    raw: str
    line: int


def document_kind(lines: list[str], numbers: list[int], plans: list[Plan]) -> Kind | None:
    """None for a plan (or a document that does not say), else its kind. ``lines`` are the
    cleaned lines with their source ``numbers``."""
    owned = (m for p in plans for m in p.measures if any(not g.inherited for g in m.owners))
    if next(islice(owned, OWNED_MEASURES - 1, None), None) is not None:
        return None  # OWNED_MEASURES measures with notes of their own: a plan (counted no further)
    top = [(n, line) for n, line in zip(numbers, lines, strict=False) if line][:BODY_LINES]
    return _by_title(top) or _by_body(top)


def _by_title(top: list[tuple[int, str]]) -> Kind | None:
    """The title: the lines at the top before the document number, the addressee ("…："),
    the first sentence or the first numbered line, joined; from the first line that says
    关于 when one does (a red header, "某市工业和信息化局" / "文件" / "某工信字〔2022〕1号",
    may stand above the title)."""
    start = next((i for i, (_, line) in enumerate(top[:BODY_LINES]) if TITLE_ABOUT in line
                  and len(line) <= TITLE_MAX_CHARS and not SENTENCE.search(line)), 0)
    parts: list[str] = []
    first = 0
    for number, line in top[start:start + TITLE_LINES]:
        if (DOCUMENT_NUMBER.search(line) or line.endswith(("：", ":")) or "。" in line
                or match_mark(line) is not None):
            break
        first = first or number
        parts.append(line)
    if not parts:
        return None
    words = title_kind("".join("".join(parts).split()))
    return Kind(words[0], words[1], first) if words else None


def title_kind(title: str) -> tuple[str, str] | None:
    """(kind, word) of a title that names a kind of document other than a plan, else None:
    "国务院办公厅关于…的复函" → ("reply", "复函"); "关于印发《X工作方案》的通知" → None."""
    while (tail := TITLE_TAIL.search(title)) is not None:
        title = title[: tail.start()]
    if (carried := CARRIER.search(title)) is not None:
        return title_kind(carried.group("inner").strip("《》"))
    for kind, words in KIND_WORDS:
        for word in sorted(words, key=len, reverse=True):
            if title.endswith(word):
                return kind, word
    if title.endswith(NOTICE) and any(s in title for s in NOTICE_SUBJECTS):
        return "notice", NOTICE
    return None


def _by_body(top: list[tuple[int, str]]) -> Kind | None:
    """The body's own words: a reply's 收悉…如下, a regulation's 总则 and articles, a notice
    that carries a document of one of the kinds, an interpretation's headings."""
    for number, line in top:
        if RECEIVED in line and (m := REPLY_CUE.search(line)):
            how = m.group("how")
            return Kind("approval" if how == "批复" else "reply", m.group(0), number)
        if m := REGULATION_CUE.search(line):
            return Kind("regulation", m.group(0)[:20], number)
        if (m := CARRIED_IN_BODY.search(line)) and (words := title_kind(m.group("inner"))):
            return Kind(words[0], words[1], number)
        if m := INTERPRETATION_CUE.search(line):
            return Kind("interpretation", m.group(0), number)
    return None


def not_a_plan(kind: Kind) -> Warning_:
    """The one line that says so, with the words that tell: "not an action plan (复函): no
    measures taken" (document.kind names the kind)."""
    return warning(kind.line or None, "not-a-plan",
                   "not an action plan ({words}): no measures taken", words=kind.raw)


__all__ = ["Kind", "document_kind", "not_a_plan", "title_kind"]
