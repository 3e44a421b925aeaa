"""No silent loss: what the text holds that the parse did not take.

A document whose numbered lines, owner notes or dated time phrases gave no measure, or whose
owner notes no measure claims, was not understood, at least in part: the parse says so in a
warning (``layout-not-understood``, ``owner-note-unclaimed``), the summary line repeats it and
``reformctl parse`` exits 1, so that a cron job or CI notices. A recognised non-plan (a reply,
a regulation, parse/kind.py) is no loss.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reformctl.model import Plan, Warning_, warning
from reformctl.parse.deadlines import scan_deadlines
from reformctl.parse.notes import OwnerNotes
from reformctl.parse.owners import looks_like_owner_note
from reformctl.parse.owners.text import normalize, outer_brackets
from reformctl.parse.structure import Block, Outline
from reformctl.parse.vocab.numbering import match_mark

# Warnings that say part of the document was lost: the summary line counts them and `parse`
# exits 1. owner-note-unparsed (a note inside a measure that did not parse) is one of them.
LOSS_CODES = ("layout-not-understood", "owner-note-unclaimed", "owner-note-unparsed")
# How many numbered lines make a layout: fewer may be a date or a list in a preamble.
NUMBERED_LINES = 3


@dataclass(frozen=True)
class Loss:
    """What a parse's warnings say was lost, for a summary line: with no measure, the owner
    notes, numbered lines and dated phrases found (``not_understood``); else the owner notes
    no measure took (``unclaimed``)."""

    not_understood: bool = False
    notes: int = 0
    numbered: int = 0
    dated: int = 0
    unclaimed: int = 0


def loss_of(warnings: Iterable[Warning_]) -> Loss | None:
    """The loss that a document's warnings report, None when nothing was lost."""
    not_understood, unclaimed = None, 0
    for w in warnings:
        if w.code == LOSS_CODES[0]:
            not_understood = w
        elif w.code in LOSS_CODES:
            unclaimed += 1
    if not_understood is None:
        return Loss(unclaimed=unclaimed) if unclaimed else None
    counts = {name: int(value) for name, value in not_understood.params}
    return Loss(True, counts.get("notes", 0), counts.get("numbered", 0), counts.get("dated", 0),
                unclaimed)


def loss_warnings(
    outline: Outline, notes: OwnerNotes, plans: list[Plan], measure_blocks: list[Block]
) -> list[Warning_]:
    """``layout-not-understood`` for a plan with no measure although its text has numbered
    lines, owner notes or dated time phrases; ``owner-note-unclaimed`` for each owner note
    outside every measure block (``measure_blocks``: the layout's, an annex's repeats of the
    body's measures included) that no measure takes as its owners."""
    if not plans:
        return _nothing_taken(outline, notes)
    return _unclaimed(outline, notes, plans, measure_blocks)


def _nothing_taken(outline: Outline, notes: OwnerNotes) -> list[Warning_]:
    numbered = sum(1 for line in outline.lines if line and match_mark(line) is not None)
    found = _notes_in(outline.root, notes)
    dated = [d for d in scan_deadlines("\n".join(outline.lines), None)[0] if d.date]
    if not (found or numbered >= NUMBERED_LINES or dated):
        return []
    return [warning(None, "layout-not-understood",
                    "0 measures, but {notes} owner notes, {numbered} numbered lines and {dated} "
                    "dated time phrases found: this layout was not understood",
                    notes=len(found), numbered=numbered if numbered >= NUMBERED_LINES else 0,
                    dated=len(dated))]


def _notes_in(root: Block, notes: OwnerNotes) -> list[tuple[int, str]]:
    """(line, raw) of every owner note of the outline: parsed ones and brackets that look
    like one but did not parse."""
    found: list[tuple[int, str]] = []
    for block in root.descendants():
        text = block.text
        parsed = {start for (start, _), _ in notes.of(block)}
        for start, end in outer_brackets(text):
            raw = text[start:end]
            if start in parsed or looks_like_owner_note(raw[1:-1]):
                found.append((block.line_at(start), raw))
    return found


def _unclaimed(
    outline: Outline, notes: OwnerNotes, plans: list[Plan], measure_blocks: list[Block]
) -> list[Warning_]:
    """Owner notes of paragraphs and blocks that are neither measures nor above one, that no
    measure took (a note line or a heading's note that measures inherit is taken)."""
    outside = [(block, start, group) for block in _outside_measures(outline.root, measure_blocks)
               for (start, _), group in notes.of(block)]
    if not outside:  # the usual plan: every note stands in a measure or above one
        return []
    claimed = {normalize(g.raw) for p in plans for m in p.walk() for g in m.owners}
    out: list[Warning_] = []
    for block, start, group in outside:
        if normalize(group.raw) not in claimed:
            out.append(warning(block.line_at(start), "owner-note-unclaimed",
                               "an owner note no measure takes: {note}", note=group.raw[:40]))
    return out


def _outside_measures(root: Block, measure_blocks: list[Block]) -> list[Block]:
    """Blocks that are no measure, inside none and above none (a heading's note speaks for
    the measures below it). Linear: one walk up from each measure, one walk down the tree."""
    measures = {id(b) for b in measure_blocks}
    above: set[int] = set()
    for block in measure_blocks:
        node = block.parent
        while node is not None and id(node) not in above:
            above.add(id(node))
            node = node.parent
    out: list[Block] = []
    todo = list(root.children)
    while todo:
        block = todo.pop()
        if id(block) in measures:
            continue  # a measure and what is inside it
        if id(block) not in above:
            out.append(block)
        todo.extend(block.children)
    return out


__all__ = ["LOSS_CODES", "Loss", "loss_of", "loss_warnings"]
