"""Building a plan's measures: each block's notes attached (owners, deadlines, targets), every
item made once with its source line.

A measure's owners are its own notes; failing those, the notes of a sub-item's measure, of a
note line or heading above it (``OwnerNotes.given_below``), or of a 任务分工 section by
number; failing all, its sub-items' notes (``owners_from_items``: seed 14.10). Its deadlines and targets are read from its text; what looks like a note or a time
limit but could not be read becomes a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from reformctl.model import Deadline, Measure, OwnerGroup, Plan, Warning_, warning
from reformctl.parse.closing import ClosingDeadlines
from reformctl.parse.deadlines import in_spans, scan_deadlines
from reformctl.parse.notes import OwnerNotes, as_inherited, headline_outside, line_finder
from reformctl.parse.owners import (
    looks_like_owner_note,
    promote_first_listed,
    split_departments_canonical,
)
from reformctl.parse.structure import (
    LEVEL_GROUP,
    LEVEL_ITEM,
    LEVEL_PARA,
    LEVEL_PLAN,
    LEVEL_SECTION,
    LEVEL_SUBITEM,
    Block,
)
from reformctl.parse.targets import find_targets
from reformctl.parse.text import headline, stable_key, without_score
from reformctl.parse.vocab.headings import EFFECTIVE_CLAUSE
from reformctl.parse.vocab.roles import COORDINATOR_FIELD, LEADER_FIELD
from reformctl.parse.vocab.time import TIME_NOTE

# Any one-level parenthetical, to look for owner-like notes that did not parse.
PARENTHETICAL = re.compile(r"[（(]([^（()）]{2,200})[）)]")
NAME_SEPARATORS = re.compile(r"[、，,；;]")


@dataclass
class Attach:
    """What building a measure needs besides its block: the document's notes, its plan year,
    the owners a 任务分工 section gives by number, and where warnings go."""

    notes: OwnerNotes
    year: int | None
    assigned: dict[int, tuple[OwnerGroup, ...]]
    warnings: list[Warning_]
    closings: ClosingDeadlines | None = None  # "以上工作要在…前完成" lines, when there are


def build_plan(at: Attach, index: int, block: Block, measure_blocks: list[Block]) -> Plan:
    """Plan number ``index`` of ``block``, with the measures of ``measure_blocks``."""
    title, section = plan_title(at.notes, block)
    leaders, coordinators, canonical = plan_header(at.notes, block)
    measures = []
    seen: dict[str, int] = {}
    for mb in measure_blocks:
        measure = build_measure(at, mb, str(index), title)
        if not measure.owners and EFFECTIVE_CLAUSE.match(measure.text):
            continue  # "第六条 本措施自印发之日起施行": when the plan applies, not a measure
        if measure.id in seen:
            seen[measure.id] += 1
            at.warnings.append(warning(mb.first_line, "duplicate-number",
                                       "measure number {id} appears twice", id=measure.id))
            measure = replace(measure, id=f"{measure.id}-{seen[measure.id]}")
        else:
            seen[measure.id] = 1
        measures.append(measure)
    lines = (block.first_line or measure_blocks[0].first_line, block.last_line)
    return Plan(index=index, title=title, lines=lines, leaders=tuple(leaders),
                coordinators=tuple(coordinators), measures=tuple(measures), section=section,
                canonical=tuple(canonical.items()))


def plan_header(
    notes: OwnerNotes, block: Block
) -> tuple[list[str], list[str], dict[str, str]]:
    """The city leaders in charge and the coordinators a plan's header note names:
    "(分管市领导:宋洪银;总牵头协调部门:市行政审批服务局)", coordinators as printed with the
    canonical names of those that mean another (as an owner note's ``canonical``)."""
    leaders: list[str] = []
    coordinators: list[str] = []
    canonical: dict[str, str] = {}
    for child in block.children:
        if child.level != LEVEL_PARA:
            continue
        for m in LEADER_FIELD.finditer(child.text):
            leaders.extend(n.strip() for n in NAME_SEPARATORS.split(m.group("names")) if n.strip())
        for m in COORDINATOR_FIELD.finditer(child.text):
            names, meant = split_departments_canonical(
                m.group("names"), notes.registry, notes.names)
            coordinators.extend(names)
            for name, full in meant.items():
                canonical.setdefault(name, full)
    return leaders, coordinators, canonical


def plan_title(notes: OwnerNotes, block: Block) -> tuple[str, str]:
    """The plan's title, and the title of the section it stands in ("" if none)."""
    if block.level == -1:
        return "全文", ""
    title = without_score(heading(notes, block) if block.level != LEVEL_PLAN
                          else block.text).strip()
    section = ""
    parent = block.parent
    if parent is not None and (
            (parent.level == LEVEL_SECTION and block.level == LEVEL_GROUP)
            or (parent.level == LEVEL_GROUP and block.level == LEVEL_ITEM)):  # item headings
        section = without_score(heading(notes, parent)).strip()
    return title, section


def heading(notes: OwnerNotes, block: Block) -> str:
    """A heading's title without the owner note it may carry for the measures below:
    "（一）提升政务服务水平（牵头单位：市政务服务管理局；配合单位：各区县政府）"; of its
    own line only when its body was absorbed from the paragraphs below it."""
    if block.heading_chars:
        return headline(block.text[: block.heading_chars])
    return headline_outside(block.text, notes.spans(block))


def build_measure(
    at: Attach,
    block: Block,
    prefix: str,
    plan_title: str,
    parent_key: str = "",
    parent_owners: tuple[OwnerGroup, ...] = (),
) -> Measure:
    """The measure of ``block`` (numbered ``prefix.number``) and its sub-items."""
    text = block.text
    notes = at.notes.of(block)
    note_spans = [span for span, _ in notes]
    line_at = line_finder(block)
    owners = own_owners(at.notes, block, [group for _, group in notes])
    if not owners or not (owners[0].lead or owners[0].responsible or names_anyone(owners)):
        # none, or notes that name only units guiding the work ("（生态环境部指导）")
        owners += (parent_owners or inherited_owners(at.notes, block)
                   or (at.assigned.get(block.number, ()) if at.assigned and
                       block.level != LEVEL_SUBITEM else ()))
    found, unresolved = scan_deadlines(text, at.year, line_at)  # one pass for both
    if len(found) > 1 and "时" in text:
        found = without_repeated_time_notes(found, text)
    elif not found and at.closings is not None:  # "以上工作要在…前完成" below it (a
        # sub-item's: below its siblings only)
        found = list(at.closings.given_to(block, within=block.parent if parent_key else None))
    if unresolved or "(" in text or "（" in text:  # else warn_unparsed has nothing to do
        warn_unparsed(at.warnings, line_at, text, note_spans, unresolved)
    title = measure_title(block, text, note_spans)
    measure_id = f"{prefix}.{block.number}"
    key = stable_key(parent_key or plan_title, title)
    subitems = [c for c in block.children if c.level == LEVEL_SUBITEM] if block.children else []
    items: tuple[Measure, ...] = ()
    if subitems:
        inheritable = tuple([as_inherited(g) for g in owners])
        items = tuple([build_measure(at, child, measure_id, plan_title, key, inheritable)
                       for child in subitems])
        if not names_anyone(owners):
            owners += owners_from_items(items)
    return Measure(
        id=measure_id, key=key, number=block.number, title=title, text=text,
        lines=(block.first_line, block.last_line), owners=owners, deadlines=tuple(found),
        targets=tuple(find_targets(text, line_at)), items=items,
    )


def names_anyone(owners: tuple[OwnerGroup, ...]) -> bool:
    """Whether a group names a lead or a responsible unit: a note may name only units that
    guide the work ("（生态环境部指导）"), which own nothing."""
    return any(g.lead or g.responsible for g in owners)


def owners_from_items(items: tuple[Measure, ...]) -> tuple[OwnerGroup, ...]:
    """A measure with no note of its own whose sub-items have notes (seed 14.10: five
    "（牵头部门：X）" on its (1)…(5)) is owned by all of them: each sub-item's note, copied
    as ``inherited`` with the sub-item it comes from (``from_item``), in item order."""
    return tuple([
        replace(group, covers=None, inherited=True, from_item=group.from_item or item.id)
        for item in items for group in item.owners
    ])


def own_owners(notes: OwnerNotes, block: Block, groups: list[OwnerGroup]) -> tuple[OwnerGroup, ...]:
    """The measure's own notes; the first listed unit leads where the document says so."""
    first_listed_from = notes.first_listed_from
    if first_listed_from is not None and block.first_line >= first_listed_from:
        kind = notes.first_listed_kind
        return tuple([promote_first_listed(g, kind) for g in groups])
    return tuple(groups)


def measure_title(block: Block, text: str, note_spans: list[tuple[int, int]]) -> str:
    """The headline without notes and score marks; of the heading line only, when the body
    was absorbed from paragraphs below it ("（一）深化…改革" over its body)."""
    headed, head_spans = text, note_spans
    if block.heading_chars:
        headed = text[: block.heading_chars]
        head_spans = [span for span in note_spans if span[1] <= len(headed)]
    title = without_score(headline_outside(headed, head_spans)).strip()
    if title[:1] == "【" and "】" in title:  # "第一条 【支持企业落户】…": a marked headline
        title = title[1:title.index("】")]
    return title


def inherited_owners(notes: OwnerNotes, block: Block) -> tuple[OwnerGroup, ...]:
    """Owners a note above the measure gives to every measure below it.

    "（一）优化审批服务（牵头单位：市行政审批服务局）" on a heading, or a line holding
    only a note ("（牵头单位：…）") before the measures it speaks for; the nearest wins."""
    node: Block | None = block
    while node is not None and node.parent is not None:
        parent = node.parent
        note = notes.note_lines(parent).get(id(node))
        if note is not None:
            return notes.given_below(note)
        if parent.level in (LEVEL_SECTION, LEVEL_GROUP):
            found = notes.given_below(parent)
            if found:
                return found
        node = parent
    return ()


def warn_unparsed(
    warnings: list[Warning_],
    line_at: Callable[[int], int],
    text: str,
    spans: list[tuple[int, int]],
    unresolved: list[tuple[int, int, str]],
) -> None:
    """Warnings for parentheticals that look like owner notes but did not parse, and for
    time phrases without a date."""
    # Every parenthetical starts at an opening bracket: when each opens an owner note (the
    # usual measure; the notes' spans are disjoint, one opening each), none is left to look at.
    brackets = text.count("(") + text.count("（") if spans else 1
    for m in PARENTHETICAL.finditer(text) if brackets > len(spans) else ():
        if in_spans(m.start(), spans):
            continue  # a note (its start is in its span), or "（牵头）" marking the lead inside one
        if looks_like_owner_note(m.group(1)):
            warnings.append(warning(
                line_at(m.start()), "owner-note-unparsed",
                "looks like an owner note but did not parse: {text}", text=m.group(0)[:40]))
    for start, _end, raw in unresolved:
        warnings.append(warning(
            line_at(start), "deadline-unresolved", "time phrase without a date: {phrase}",
            phrase=raw))


def without_repeated_time_notes(found: list[Deadline], text: str) -> list[Deadline]:
    """"每季度报送进展。（完成时限：每季度）": a time note that repeats a deadline of the body
    says the same milestone again, not a second one: one is kept, the body's when the words
    are the same, the note's ("完成时限：2023年12月底前" over "2023年底前…") when they differ."""
    notes = [m.span() for m in TIME_NOTE.finditer(text)]
    if not notes:
        return found

    def in_note(d: Deadline) -> bool:  # by bisection: a measure may hold thousands of notes
        return d.span is not None and in_spans(d.span[0], notes)

    def same(d: Deadline) -> tuple[object, ...]:  # "到2024年底" in the body, "2024年底" in the note
        return (d.kind, d.date) if d.date is not None else (d.kind, d.raw)

    body: dict[tuple[object, ...], set[str]] = {}
    noted: dict[tuple[object, ...], set[str]] = {}
    for d in found:
        (noted if in_note(d) else body).setdefault(same(d), set()).add(d.raw)
    kept = []
    for d in found:
        if in_note(d):
            if d.raw in body.get(same(d), ()):
                continue  # the body says it in the same words: the body's stays
        elif noted.get(same(d), set()) - {d.raw} and d.raw not in noted.get(same(d), ()):
            continue  # the time note gives the same date in its own words: the note's stays
        kept.append(d)
    return kept


__all__ = ["Attach", "build_measure", "build_plan"]
