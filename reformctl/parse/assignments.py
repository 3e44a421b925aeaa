"""A 任务分工 section: owners given to the measures by number, apart from the measures.

Some plans list their measures without owner notes and close with a section that assigns
them:

    二、任务分工
    第1、2项由市商务局牵头，市发展改革委、市市场监管局配合；
    第3至5项由市文化广电旅游局负责。

or, numbered like the measures it speaks for,

    二、任务分工
    1.培育新型消费：市商务局牵头，市发展改革委配合。

Such a section holds no measures. Its lines are read here into number → owner groups; the
builder gives them to the measures of those numbers that carry no note of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reformctl.model import OwnerGroup, Warning_, warning
from reformctl.parse.owners import parse_owner_note
from reformctl.parse.structure import LEVEL_GROUP, LEVEL_ITEM, LEVEL_PARA, LEVEL_SECTION, Block
from reformctl.parse.vocab.headings import ASSIGNMENT_HEADING
from reformctl.registry import Registry

# The heading of such a section ("二、任务分工", "（五）责任分工"): vocab.headings.ASSIGNMENT_HEADING.
# "第1、2项由…", "第3至5项由…", "第6项：…", "第1-3项任务由…".
NUMBERED_CLAUSE = re.compile(
    r"^第\s*(?P<nums>\d{1,3}(?:\s*[、,，和及至到\-—~～]\s*\d{1,3})*)\s*项"
    r"(?:任务|工作|措施)?\s*[:：]?\s*(?P<owners>.+)$"
)
_NUMBER = re.compile(r"\d{1,3}")
_NUMBER_OR_RANGE = re.compile(r"\d{1,3}(?:\s*[至到\-—~～]\s*\d{1,3})?")
_CLAUSE_END = re.compile(r"[；;。\n]")
# The largest range "第1至N项" expands to: a plan has at most a few hundred measures.
MAX_RANGE = 500


@dataclass
class Assignments:
    """Owner groups by measure number, and the lines that could not be read."""

    by_number: dict[int, tuple[OwnerGroup, ...]] = field(default_factory=dict)
    warnings: list[Warning_] = field(default_factory=list)


def is_assignment_section(block: Block) -> bool:
    """A 任务分工 heading over plain lines only: a section of that name whose items carry
    notes in brackets ("1.推进…（牵头单位：…）") or groups holds measures, and stays."""
    if block.level not in (LEVEL_SECTION, LEVEL_GROUP) or not block.children:
        return False
    if not ASSIGNMENT_HEADING.match(_heading_text(block)):
        return False
    return all(c.level in (LEVEL_ITEM, LEVEL_PARA) and not c.children
               and "(" not in c.text and "（" not in c.text for c in block.children)


def names_measures(section: Block, measures: dict[int, str]) -> bool:
    """Whether a 任务分工 section speaks of the measures by number: its "第N项…" lines, or
    numbered lines whose label is the title of the measure of that number ("1.培育新型消费："
    under a "1.培育新型消费。…"). "1.统筹协调：市发展改革委牵头…" under a 职责分工 heading
    lists duties, not measures."""
    for child in section.children:
        text = child.text.strip()
        if child.level == LEVEL_ITEM:
            label, colon, _ = text.replace(":", "：").partition("：")
            if not colon or not _names_the_measure(label.strip(" 。"), measures.get(child.number)):
                return False
        elif child.level == LEVEL_PARA and text and not NUMBERED_CLAUSE.match(text):
            return False
    return True


def _names_the_measure(label: str, measure: str | None) -> bool:
    """"培育新型消费" for "培育新型消费。发展直播电商…" (or the whole headline for a label)."""
    if not label or not measure:
        return False
    headline = re.split(r"[。；;]", measure, maxsplit=1)[0]
    return measure.startswith(label) or label.startswith(headline)


def read_assignments(sections: list[Block], registry: Registry) -> Assignments:
    """Every clause of every 任务分工 section, in document order (a later clause for the same
    number adds its groups after the earlier ones)."""
    found = Assignments()
    for section in sections:
        for child in section.children:
            if child.level == LEVEL_ITEM:
                _numbered_item(child, registry, found)
            elif child.level == LEVEL_PARA:
                _paragraph(child, registry, found)
    return found


def _numbered_item(item: Block, registry: Registry, found: Assignments) -> None:
    """"1.培育新型消费：市商务局牵头，市发展改革委配合。": the owners follow the colon."""
    text = item.text
    colon = max(text.rfind("："), text.rfind(":"))
    group = parse_owner_note(text[colon + 1:].strip(" 。；;"), registry) if colon >= 0 else None
    if group is None:
        found.warnings.append(warning(item.first_line, "assignment-unparsed",
                                      "an assignment without owners: {text}", text=text[:40]))
        return
    _add(found, [item.number], group, item.first_line)


def _paragraph(para: Block, registry: Registry, found: Assignments) -> None:
    text = para.text
    start = 0
    for end_match in [*_CLAUSE_END.finditer(text), None]:
        end = end_match.start() if end_match else len(text)
        clause = text[start:end].strip()
        line = para.line_at(start)
        start = end + 1
        if not clause:
            continue
        m = NUMBERED_CLAUSE.match(clause)
        group = parse_owner_note(_without_by(m.group("owners")), registry) if m else None
        if m is None or group is None:
            found.warnings.append(warning(line, "assignment-unparsed",
                                          "an assignment line that did not parse: {text}",
                                          text=clause[:40]))
            continue
        _add(found, _numbers(m.group("nums")), group, line)


def _without_by(owners: str) -> str:
    return owners[1:] if owners.startswith("由") else owners


def _numbers(spec: str) -> list[int]:
    """"1、2" → [1, 2]; "3至5" → [3, 4, 5]."""
    numbers: list[int] = []
    for m in _NUMBER_OR_RANGE.finditer(spec):
        ends = [int(n) for n in _NUMBER.findall(m.group())]
        if len(ends) == 2 and ends[0] <= ends[1] <= ends[0] + MAX_RANGE:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return numbers


def _add(found: Assignments, numbers: list[int], group: OwnerGroup, line: int) -> None:
    placed = replace(group, line=line, inherited=True, covers=None)
    for number in numbers:
        found.by_number[number] = (*found.by_number.get(number, ()), placed)


def _heading_text(block: Block) -> str:
    segments = block.segments
    return segments[0][1].strip() if segments else ""


__all__ = ["Assignments", "is_assignment_section", "names_measures", "read_assignments"]
