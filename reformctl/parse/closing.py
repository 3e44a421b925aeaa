"""Deadlines a closing line gives the measures above it.

"1.推进“一网通办”…（市行政审批服务局牵头）" / "2.深化“一窗受理”…" / "以上工作要在2023年6月底前
完成。": the line sets when the measures before it are done, as "（以上任务由X牵头）" says who
does them (notes.py). A measure that names no deadline of its own has that line's; one that
names its own keeps it. A closing line speaks for the measures since the previous one, at its
own level: under a "（一）" group for the group's items, under a section for the groups
above it (vocab/headings.SCOPE_DEADLINE_LINE; the outline makes it a paragraph).

The deadlines given carry the line they are written on and no span: they are not in the
measure's text (milestones and calendars then quote the measure's title).
"""

from __future__ import annotations

from dataclasses import replace

from reformctl.model import Deadline
from reformctl.parse.deadlines import scan_deadlines
from reformctl.parse.notes import line_finder
from reformctl.parse.structure import LEVEL_PARA, Block
from reformctl.parse.vocab.headings import SCOPE_DEADLINE_LINE

# Only a day something is due by is given: "以上措施自2023年1月1日起施行" is no deadline.
GIVEN_KINDS = ("by",)


class ClosingDeadlines:
    """The closing lines of one document's blocks, read once per parent block."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        self._below: dict[int, dict[int, Block]] = {}
        self._given: dict[int, tuple[Deadline, ...]] = {}

    def given_to(self, block: Block, *, within: Block | None = None) -> tuple[Deadline, ...]:
        """The deadlines of the nearest closing line below ``block`` or below a block holding
        it, looking no higher than ``within`` (a sub-item's measure) when given."""
        node = block
        while node.parent is not None:
            parent = node.parent
            closing = self._closings_below(parent).get(id(node))
            if closing is not None:
                return self._deadlines_of(closing)
            if parent is within:
                break
            node = parent
        return ()

    def _closings_below(self, parent: Block) -> dict[int, Block]:
        """For each child of ``parent``, the first closing line after it (none after the last
        closing line); one pass per parent, remembered."""
        found = self._below.get(id(parent))
        if found is None:
            found = {}
            closing: Block | None = None
            for child in reversed(parent.children):
                if child.level == LEVEL_PARA:
                    if SCOPE_DEADLINE_LINE.match(child.text):
                        closing = child
                elif closing is not None:
                    found[id(child)] = closing
            self._below[id(parent)] = found
        return found

    def _deadlines_of(self, closing: Block) -> tuple[Deadline, ...]:
        given = self._given.get(id(closing))
        if given is None:
            found, _ = scan_deadlines(closing.text, self.year, line_finder(closing))
            given = tuple([replace(d, span=None) for d in found
                           if d.kind in GIVEN_KINDS and d.date is not None])
            self._given[id(closing)] = given
        return given


def closing_deadlines(root: Block, year: int | None) -> ClosingDeadlines | None:
    """The closing lines of the document under ``root``; None when it has none (most
    documents: one look at their paragraphs, and no measure asks)."""
    if any(b.level == LEVEL_PARA and SCOPE_DEADLINE_LINE.match(b.text)
           for b in root.descendants()):
        return ClosingDeadlines(year)
    return None


__all__ = ["ClosingDeadlines", "closing_deadlines"]
