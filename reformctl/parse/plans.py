"""Deciding which blocks of the outline are plans and which are their measures.

Three layouts: the seed's plan headings ("配套措施—开办企业") over "1." measures; a hierarchy
("一、" / "（一）" / "1.") whose measures are the "1." items, else the "（一）" groups that carry
notes, else the sections themselves; and a 任务分工 section that gives owners by number,
taken out of the tree. Aims and safeguards ("二、主要目标", "四、保障措施") that name no owner
are no measures, nor are the closing sections of a plan numbered only "一、".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reformctl.model import OwnerGroup, Warning_, warning
from reformctl.parse.assignments import is_assignment_section, names_measures, read_assignments
from reformctl.parse.deadlines import find_deadlines
from reformctl.parse.notes import OwnerNotes
from reformctl.parse.structure import (
    LEVEL_GROUP,
    LEVEL_ITEM,
    LEVEL_PARA,
    LEVEL_PLAN,
    LEVEL_SECTION,
    LEVEL_SUBITEM,
    Block,
    Outline,
)
from reformctl.parse.text import headline
from reformctl.parse.vocab.headings import ANNEX_MARK, CLOSING_SECTION, NOT_MEASURES_HEADING


@dataclass
class Layout:
    """The plans of a document as blocks: each plan's block and its measures' blocks."""

    plans: list[tuple[Block, list[Block]]]
    # Owners by measure number from a 任务分工 section (empty without one).
    assigned: dict[int, tuple[OwnerGroup, ...]] = field(default_factory=dict)
    # The source line of the first annex marker ("附件", "附件：…分工表"), 0 if none.
    annex_line: int = 0


def decide_plans(outline: Outline, notes: OwnerNotes, warnings: list[Warning_]) -> Layout:
    """The plans and measures of the outline (a 任务分工 section is taken out of the tree)."""
    root = outline.root
    assigned = take_assignments(root, notes, warnings)
    aims = _Aims(notes)
    annex = annex_line(root)
    if outline.has_plan_headings:
        groups = [(b, measure_blocks(b, aims)) for b in root.children if b.level == LEVEL_PLAN]
    else:
        groups = plans_from_hierarchy(root, notes, aims, annex)
    if not groups:
        groups = noted_paragraphs(root, notes)
    return Layout(groups, assigned, annex)


# Unnumbered paragraphs that each close with their own owner note, this many in a row, are
# the measures of a document that numbers none (a 若干政策 written as paragraphs).
NOTED_PARAGRAPHS = 3


def noted_paragraphs(root: Block, notes: OwnerNotes) -> list[tuple[Block, list[Block]]]:
    """"支持企业上云用数。对企业…给予30%补助。（责任单位：市工业和信息化局、市财政局）" /
    "支持数字化改造。…（责任单位：…）" / …: with no numbered measure in the document, each
    paragraph closing with an owner note is a measure, numbered in order (the preamble and
    the closing "本政策自…起施行" are not), once three in a row show the layout."""
    paragraphs = [b for b in root.children if b.level == LEVEL_PARA]
    closing = [_closes_with_a_note(b, notes) for b in paragraphs]
    best: list[Block] = []
    run: list[Block] = []
    for block, noted in zip(paragraphs, closing, strict=True):
        run = [*run, block] if noted else []
        best = run if len(run) > len(best) else best
    if len(best) < NOTED_PARAGRAPHS:
        return []
    items = [Block(level=LEVEL_ITEM, number=i, segments=list(b.segments), parent=root)
             for i, b in enumerate(best, start=1)]
    return [(root, items)]


def _closes_with_a_note(block: Block, notes: OwnerNotes) -> bool:
    """A paragraph of text whose last owner note ends it (but for a full stop)."""
    found = notes.of(block)
    if not found:
        return False
    end = found[-1][0][1]
    text = block.text
    return not text[end:].strip(" 。；;") and bool(text[: found[0][0][0]].strip())


def take_assignments(
    root: Block, notes: OwnerNotes, warnings: list[Warning_]
) -> dict[int, tuple[OwnerGroup, ...]]:
    """Owners by measure number from a 任务分工 section, which is taken out of the tree:
    its lines are no measures. Only when every measure number is unique in the document
    can "第3项" name one measure."""
    sections = [b for b in headings(root) if is_assignment_section(b)]
    if not sections:
        return {}
    inside = {id(c) for section in sections for c in section.children}
    measures = {b.number: b.text for b in root.descendants()
                if b.level == LEVEL_ITEM and id(b) not in inside}
    sections = [section for section in sections if names_measures(section, measures)]
    if not sections:
        return {}
    for section in sections:
        if section.parent is not None:
            section.parent.children.remove(section)
    found = read_assignments(sections, notes.registry)
    warnings.extend(found.warnings)
    numbers = [b.number for b in root.descendants() if b.level == LEVEL_ITEM]
    if len(numbers) != len(set(numbers)):
        warnings.append(warning(
            sections[0].first_line, "assignment-ambiguous",
            "the 任务分工 section names measures by number, but numbers repeat; not applied"))
        return {}
    return found.by_number


def annex_line(root: Block) -> int:
    """The source line of the first annex marker ("附件", "附件：…分工表"), 0 if none."""
    for block in root.descendants():
        if block.level == LEVEL_PARA and ANNEX_MARK.match(block.text):
            return block.first_line
    return 0


class _Aims:
    """Whether a heading is one of aims or safeguards that names no owner; once per heading."""

    def __init__(self, notes: OwnerNotes) -> None:
        self.notes = notes
        self._known: dict[int, bool] = {}

    def unowned(self, node: Block) -> bool:
        """A 保障措施/主要目标-type heading under which no line names an owner — not the
        heading, not a numbered line, not a sub-item ("unless one of them names an owner")."""
        known = self._known.get(id(node))
        if known is None:
            known = bool(NOT_MEASURES_HEADING.search(heading_line(node))) and not any(
                self.notes.has(b) for b in (node, *node.descendants()))
            self._known[id(node)] = known
        return known

    def under(self, block: Block) -> bool:
        """A numbered line under such a heading: no measure, and no reason to read the
        document's other numbered lines differently ("（一）加强组织领导。" under
        "四、保障措施" beside "（1）" measures elsewhere)."""
        node = block.parent
        while node is not None and node.level >= 0:
            if node.level in (LEVEL_SECTION, LEVEL_GROUP) and self.unowned(node):
                return True
            node = node.parent
        return False


def heading_line(block: Block) -> str:
    """The headline of a heading; of its own line only when its body was absorbed from the
    paragraphs below it ("一、总体要求" over "为深入贯彻…，组织实施…")."""
    text = block.text[: block.heading_chars] if block.heading_chars else block.text
    return headline(text)


def measure_blocks(container: Block, aims: _Aims) -> list[Block]:
    """Measures under a plan (``container``, a plan heading's block: a child of the root):
    "1." items; "(一)" groups when there are no items at all."""
    blocks = container.descendants()
    # Only a section or group can be an aim or safeguard heading that measures stand under,
    # and a plan's numbered lines are mostly items right under it: then none is under one.
    if any(b.level in (LEVEL_SECTION, LEVEL_GROUP) for b in blocks):
        blocks = [b for b in blocks if not aims.under(b)]
    items = [b for b in blocks if b.level == LEVEL_ITEM]
    if items:
        return items
    groups = [b for b in blocks if b.level == LEVEL_GROUP and not b.is_bare_heading()]
    return groups or [b for b in blocks if b.level == LEVEL_SUBITEM]


def plans_from_hierarchy(
    root: Block, notes: OwnerNotes, aims: _Aims, annex: int
) -> list[tuple[Block, list[Block]]]:
    """Plans are the headings right above measures ("（一）" groups, else "一、" sections)."""
    blocks = root.descendants()
    # The level of the measures is chosen outside aims and safeguards: "1.问题导向" under
    # "（二）基本原则" says nothing of the level of "三、重点任务"'s "（一）" measures.
    has_items = any(b.level == LEVEL_ITEM and not aims.under(b) for b in blocks)
    order: list[Block] = []
    members: dict[int, list[Block]] = {}

    def add(plan_block: Block, block: Block) -> None:
        if id(plan_block) not in members:
            members[id(plan_block)] = []
            order.append(plan_block)
        members[id(plan_block)].append(block)

    heads = item_headings(blocks)
    for block in blocks:
        parent = block.parent
        under_head = heads and parent is not None and id(parent) in heads
        if under_head or id(block) in heads:
            if under_head and parent is not None and block.level == LEVEL_SUBITEM \
                    and not aims.under(block):
                add(parent, block)  # "（5）突破核心关键技术。…" under "2.建设…平台。"
        elif is_measure(block, has_items, notes) and not aims.under(block):
            add(block.parent or root, block)
    if not order and any(b.level == LEVEL_SUBITEM for b in blocks):
        # "一、…" then "（1）…（市商务局牵头）" with no "（一）" or "1." at all.
        for block in blocks:
            if block.level == LEVEL_SUBITEM and (block.parent is None
                                                  or block.parent.level < LEVEL_ITEM):
                add(block.parent or root, block)
    if not order or (annex and all(b.first_line > annex for p in order for b in members[id(p)])):
        # "一、加大财政支持力度。…（市财政局负责）": the sections are the measures — also
        # when the only numbered items are the rows of an annex table after them, which
        # then give the sections their owners (see build_plans).
        # A section whose body was absorbed from paragraphs below its heading is a measure
        # only where the document has no other (a 十条措施): beside an annex's rows, it is
        # the plan's preamble ("一、考评对象" / "…").
        sections = [b for b in blocks if b.level == LEVEL_SECTION and not b.is_bare_heading()
                    and not (annex and (b.first_line > annex or (order and b.heading_chars)))
                    and not aims.unowned(b)]
        sections = without_closing_sections(sections, notes)
        if sections:
            return [(root, sections), *((p, members[id(p)]) for p in order)]
    tasks = sections_with_tasks(blocks, annex, notes)
    plans = [(p, headlined_articles(members[id(p)])) for p in order]
    if tasks:
        plans = sorted(plans + [(s, [s]) for s in tasks], key=lambda p: p[0].first_line)
    return plans


def sections_with_tasks(
    blocks: list[Block], annex: int, notes: OwnerNotes
) -> list[Block]:
    """"二、制定政策落实的配套制度和具体实施办法" / "…各地区、各部门和各单位都要制定具体的
    实施办法…。以上工作要在2019年2月底前完成。" beside "三、…" / "（一）…" measures: a section
    whose own paragraph is its task (no numbered line below it) is a measure, a plan of its
    own, when that paragraph gives a time limit or an owner note; "一、充分认识…的重要意义"
    gives neither, and aims and safeguards ("五、保障措施") are none."""
    out = []
    for b in blocks:
        if (b.level == LEVEL_SECTION and b.heading_chars and not b.children
                and not (annex and b.first_line > annex)
                and not NOT_MEASURES_HEADING.search(heading_line(b))
                and (notes.has(b) or _dated(b.text[b.heading_chars:]))):
            out.append(b)
    return out


def _dated(text: str) -> bool:
    """Whether a text sets a time limit ("以上工作要在2019年2月底前完成"), not only the
    horizon of an aim ("到2028年，…", "到2026年上半年，新增约2500个…工位")."""
    return any(d.kind == "by" and d.raw.endswith("前") for d in find_deadlines(text, None))


def item_headings(blocks: list[Block]) -> set[int]:
    """"1.打造数字经济核心产业新高地。" / "（1）打造世界级信息技术装备产业高地。…（责任单位：
    …）" … "（4）…" / "2.建设数字经济高能级创新平台。" / "（5）…": where every item with
    sub-items is a headline only and the sub-items are numbered straight through the
    document, the items are headings and the sub-items the measures (济南's 推进方案)."""
    heads = [b for b in blocks
             if b.level == LEVEL_ITEM and any(c.level == LEVEL_SUBITEM for c in b.children)]
    if len(heads) < 2 or not all(b.is_bare_heading() for b in heads):
        return set()
    last = 0
    for b in heads:
        numbers = [c.number for c in b.children if c.level == LEVEL_SUBITEM]
        if numbers[0] != last + 1:
            return set()  # the seed's 14.10 "(1)…(5)" restart under each measure
        last = numbers[-1]
    return {id(b) for b in heads}


# A list of articles where this many carry a headline ("第三条 【打造智能体服务专区】") is one
# whose articles without one are its provisions.
HEADLINED_ARTICLES = 3


def headlined_articles(blocks: list[Block]) -> list[Block]:
    """"第三条 【打造智能体服务专区】…" … "第十三条 本措施所指年度是指…": where the articles
    are measures with headlines, an article without one (the purpose, the scope, how the
    措施 is applied and explained) is a provision, not a measure."""
    if not blocks or any(b.style != "article" for b in blocks):
        return blocks
    headed = [b for b in blocks if b.heading_chars or b.text.startswith("【")]
    if len(headed) < HEADLINED_ARTICLES or 2 * len(headed) < len(blocks):
        return blocks
    return headed


def is_measure(block: Block, has_items: bool, notes: OwnerNotes) -> bool:
    if block.level == LEVEL_ITEM:
        return True
    if block.level != LEVEL_GROUP or block.is_bare_heading():
        return False
    if any(c.level == LEVEL_ITEM for c in block.children):
        return False
    # "（一）加强组织领导。…（牵头单位：…）": a group that carries its own owner note.
    return not has_items or notes.has(block)


def without_closing_sections(sections: list[Block], notes: OwnerNotes) -> list[Block]:
    """Sections that are themselves measures end with the plan's closing duties:
    "三、优化纳税服务。…（市税务局负责）" / "四、加强组织实施。各地各部门要细化工作措施…".
    When most sections carry an owner note, the trailing ones without a note whose headline
    is a safeguard heading (组织实施, 保障措施, 督导考核…) are not measures."""
    noted = [notes.has(s) for s in sections]
    if 2 * sum(noted) <= len(sections):
        return sections
    end = len(sections)
    while end and not noted[end - 1] and CLOSING_SECTION.search(headline(sections[end - 1].text)):
        end -= 1
    return sections[:end]


def headings(root: Block) -> list[Block]:
    """Plan headings, sections and groups: the tree above the measures, without walking
    into the measures and paragraphs below them."""
    out: list[Block] = []
    todo = [root]
    while todo:
        block = todo.pop()
        for child in block.children:
            if child.level in (LEVEL_PLAN, LEVEL_SECTION, LEVEL_GROUP):
                out.append(child)
                todo.append(child)
    return out


__all__ = ["Layout", "decide_plans"]
