"""The owner notes of a document's blocks, scanned once: every later stage asks here.

Deciding which blocks are measures (a group with a note of its own is one), whether a
保障措施 heading names owners, the title of a heading without its note, the owners a measure
inherits from a heading or a note line above it, and the measure's own owners all read the
same notes. ``OwnerNotes.of(block)`` scans a block's text the first time it is asked and
remembers the result: each note is parsed once per document (``NoteCache``: a plan repeats
the same notes from measure to measure) and each group is made once, with its source line.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace

from reformctl.model import OwnerGroup
from reformctl.parse.owners import (
    FIRST_LISTED_LEADS,
    FIRST_RUN_LEADS,
    NameMemo,
    NoteCache,
    find_owner_notes_with_spans,
    states_first_listed_leads,
)
from reformctl.parse.structure import LEVEL_PARA, Block
from reformctl.parse.text import TITLE_END, headline
from reformctl.parse.vocab.roles import BARE_ROLE_LABEL, SCOPE_ABOVE, SUFFIX_ROLE_WORD
from reformctl.registry import Registry

Span = tuple[int, int]
Notes = list[tuple[Span, OwnerGroup]]


class OwnerNotes:
    """Owner notes by block, for one document and one registry."""

    def __init__(self, registry: Registry, first_listed_from: int | None = None,
                 first_listed_kind: str = "unit") -> None:
        self.registry = registry
        # The document says that the first unit of each list leads ("列第一位的为牵头单位"),
        # from this source line on (0: everywhere; None: it does not say so); ``kind`` "run"
        # when it says so of the units before the first comma ("第一个逗号前为牵头单位").
        self.first_listed_from = first_listed_from
        self.first_listed_kind = first_listed_kind
        self._parsed = NoteCache()  # what each bracketed text parsed to
        self._by_block: dict[int, Notes] = {}
        self._inherited: dict[int, tuple[OwnerGroup, ...]] = {}
        self._note_lines: dict[int, dict[int, Block]] = {}

    def of(self, block: Block) -> Notes:
        """The block's owner notes: (span in ``block.text``, group with its line and range)."""
        found = self._by_block.get(id(block))
        if found is None:
            found = find_owner_notes_with_spans(
                block.text, self.registry, self._parsed, line_finder(block))
            self._by_block[id(block)] = found
        return found

    @property
    def names(self) -> NameMemo:
        """The document's runs of names and names, each read once (owners.names.NameMemo):
        its plan headers name the departments its notes name."""
        return self._parsed.names_for(self.registry)

    def spans(self, block: Block) -> list[Span]:
        return [span for span, _ in self.of(block)]

    def has(self, block: Block) -> bool:
        return bool(self.of(block))

    def given_below(self, block: Block) -> tuple[OwnerGroup, ...]:
        """The block's notes as owners it gives to the measures below it: the same groups,
        marked ``inherited``, without a range."""
        given = self._inherited.get(id(block))
        if given is None:
            given = tuple(as_inherited(group) for _, group in self.of(block))
            self._inherited[id(block)] = given
        return given

    def note_lines(self, parent: Block) -> dict[int, Block]:
        """For each child of ``parent``, the last line above it holding only an owner note
        ("（以上任务由X牵头）" after the measures it speaks for: the next such line); one pass
        per parent, remembered, so a plan of thousands of measures stays linear."""
        cached = self._note_lines.get(id(parent))
        if cached is None:
            cached = _note_lines(parent.children, [
                c.level == LEVEL_PARA and self.is_pure_note(c) for c in parent.children])
            self._note_lines[id(parent)] = cached
        return cached

    def is_pure_note(self, block: Block) -> bool:
        """A line that is owner notes and nothing else (but punctuation)."""
        spans = self.spans(block)
        return bool(spans) and not without_spans(block.text, spans).strip(" 。;；,，")


def _note_lines(children: list[Block], notes: list[bool]) -> dict[int, Block]:
    out: dict[int, Block] = {}
    last = None
    for child, is_note in zip(children, notes, strict=True):
        if last is not None:
            out[id(child)] = last
        if is_note and not speaks_for_above(child.text):
            last = child
    above = None
    for child, is_note in zip(reversed(children), reversed(notes), strict=True):
        if is_note:
            above = child if speaks_for_above(child.text) else None
        elif above is not None:
            out[id(child)] = above
    return out


def as_inherited(group: OwnerGroup) -> OwnerGroup:
    """The group as owners given from above: ``inherited``, no range of its own."""
    return replace(group, covers=None, inherited=True)


def speaks_for_above(text: str) -> bool:
    """"（以上任务由X牵头…）", "（上述…）": a note for the measures before it."""
    return text.lstrip("（(").startswith(SCOPE_ABOVE)


def without_spans(text: str, spans: list[Span]) -> str:
    """Owner notes cut out, so "1.xxx（省商务厅牵头）" titles as "xxx"."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)


def headline_outside(text: str, spans: list[Span]) -> str:
    """``headline(without_spans(text, spans))``, the notes cut out only when the first sentence
    reaches the first of them: most notes close their measure's text after its first sentence,
    and a headline reads no further than that sentence's end."""
    if spans and TITLE_END.search(text, 0, spans[0][0]) is None:
        text = without_spans(text, spans)
    return headline(text)


def line_finder(block: Block) -> Callable[[int], int]:
    """``block.line_at`` with the block's offset table built once, not on every call."""
    segments = block.segments
    if len(segments) == 1:
        only = segments[0][0]
        return lambda offset: only
    starts, total = [], 0
    for _, seg in segments:
        starts.append(total)
        total += len(seg)

    def line_at(offset: int) -> int:
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return segments[i][0] if segments else 0

    return line_at


def first_listed_from(text: str) -> int | None:
    """The source line from which "列第一位的为牵头单位" applies to every note: the whole
    document (0) when a sentence of the text says it, from its note on when a note says it
    with "下同" (the same below); None when only notes say it without 下同 (owners.py applies
    it to those notes) or nothing does."""
    if not states_first_listed_leads(text):
        return None
    below: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        m = (FIRST_LISTED_LEADS.search(line) or FIRST_RUN_LEADS.search(line)
             if states_first_listed_leads(line) else None)
        if m is None:
            continue
        # In an owner note: after a role label or a role word in the same note ("（X、Y按职责
        # 分工负责，列第一位的…"); "（注：责任单位中列第一位的为牵头单位。）" is a sentence.
        head = line[: m.start()]
        opening = max(head.rfind("("), head.rfind("（"))
        note = head[opening + 1:] if opening >= 0 else head
        in_note = bool(BARE_ROLE_LABEL.search(note) or SUFFIX_ROLE_WORD.search(note))
        if not in_note:
            return 0
        if "下同" in line[m.start():] and below is None:
            below = number
    return below


__all__ = ["OwnerNotes", "as_inherited", "first_listed_from", "headline_outside", "line_finder",
           "without_spans"]
