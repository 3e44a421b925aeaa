"""Turning a block outline into a Document: which blocks are plans and measures, and what
each measure says (owners, deadlines, targets), every item tied to its source line."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from reformctl.model import (
    PARSER_VERSION,
    Deadline,
    Document,
    DocumentInfo,
    Measure,
    OwnerGroup,
    Plan,
    Warning_,
)
from reformctl.parse.assignments import (
    is_assignment_section,
    names_measures,
    read_assignments,
)
from reformctl.parse.deadlines import infer_year, scan_deadlines
from reformctl.parse.owners import (
    FIRST_LISTED_LEADS,
    NoteCache,
    find_owner_note_spans,
    find_owner_notes_with_spans,
    looks_like_owner_note,
    promote_first_listed,
    split_departments,
    states_first_listed_leads,
)
from reformctl.parse.read.text_table import unfold_text_tables
from reformctl.parse.structure import (
    LEVEL_GROUP,
    LEVEL_ITEM,
    LEVEL_PARA,
    LEVEL_PLAN,
    LEVEL_SECTION,
    LEVEL_SUBITEM,
    Block,
    Outline,
    build_outline,
)
from reformctl.parse.targets import find_targets
from reformctl.parse.vocab.headings import (
    CLOSING_SECTION,
    EFFECTIVE_CLAUSE,
    NOT_MEASURES_HEADING,
)
from reformctl.parse.vocab.roles import (
    BARE_ROLE_LABEL,
    COORDINATOR_FIELD,
    LEADER_FIELD,
    SUFFIX_ROLE_WORD,
)
from reformctl.parse.vocab.time import TIME_NOTE, TIME_NOTE_TAIL
from reformctl.registry import Registry, default_registry

_T = TypeVar("_T")

# The headline of a measure ends at the first full stop or semicolon.
TITLE_END = re.compile(r"[。;；]")
# A score mark in a heading: "一、政务服务能力（25分）", and in tasks "（0.5分）".
SCORE_MARK = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")
# Any one-level parenthetical, to look for owner-like notes that did not parse.
PARENTHETICAL = re.compile(r"[（(]([^（()）]{2,200})[）)]")
NAME_SEPARATORS = re.compile(r"[、，,；;]")
# "关于印发《包头市2022年数字政府建设考评办法》的通知" names the document it carries;
# so does "…办公室关于印发安徽省关于加快对接…实施意见的通知" without the book-title marks.
ISSUED_TITLE = re.compile(r"印发\s*《(?P<title>[^》]{4,80})》|关于印发(?P<bare>[^《》]{4,120}?)的通知")
# Export headers of law databases, not titles: "【法宝引证码】CLI.12.5115678", "原文链接：https://…"
NOT_A_TITLE = re.compile(r"^(?:【|原文链接|附件$|http)")
# Headings of aims and safeguards, closing sections and articles: vocab/headings.py.
# How a plan's title ends: "…实施方案", "…若干措施", "…任务分工", "…行动计划（2023—2025年）".
DOCUMENT_KIND = re.compile(
    r"(?:方案|措施|意见|计划|办法|细则|清单|分工|分工表|要点|规划|通知|决定|举措)(?:[（(].{0,16}[）)])?$"
)
# The period of a plan on a line of its own under the title: "（2023—2025年）".
TITLE_PERIOD = re.compile(r"^[（(]\d{4}\s{0,2}[—\-–－~至]{1,2}\s{0,2}\d{4}\s{0,2}年?[）)]$")


def parse_text(
    text: str,
    *,
    source: str = "<text>",
    year: int | None = None,
    registry: Registry | None = None,
) -> Document:
    """Parse the text of one plan document."""
    registry = registry if registry is not None else default_registry()
    table_warnings: list[Warning_] = []
    numbered = unfold_text_tables(text.split("\n"), table_warnings)
    outline = build_outline([line for _, line in numbered], [n for n, _ in numbered])
    doc_year = year if year is not None else infer_year(text)
    builder = _Builder(outline, doc_year, registry, _first_listed_from(text))
    plans = builder.plans()
    info = DocumentInfo(
        title=_document_title(outline, plans),
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        year=doc_year,
        parser_version=PARSER_VERSION,
    )
    warnings = sorted(table_warnings + outline.warnings + builder.warnings,
                      key=lambda w: (w.line or 0, w.code))
    if not plans:
        warnings.append(Warning_(None, "no-measures", "no numbered measures were found"))
    return Document(document=info, plans=tuple(plans), warnings=tuple(warnings))


def parse_file(
    path: str | Path, *, year: int | None = None, registry: Registry | None = None
) -> Document:
    """Parse a source document file (the reader picks the format and encoding)."""
    from reformctl.parse.read import read_source

    text = read_source(path)
    doc = parse_text(text, source=str(path), year=year, registry=registry)
    # The checksum is of the file as stored, so a user can match YAML to source by hash.
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return replace(doc, document=replace(doc.document, sha256=digest))


class _Builder:
    def __init__(
        self, outline: Outline, year: int | None, registry: Registry,
        first_listed_from: int | None,
    ) -> None:
        self.outline = outline
        # The document says that the first unit of each list leads ("列第一位的为牵头单位"),
        # from this source line on (0: everywhere; None: it does not say so).
        self.first_listed_from = first_listed_from
        self.year = year
        self.registry = registry
        self.warnings: list[Warning_] = []
        self._note_cache: dict[int, dict[int, Block]] = {}
        self._owners: NoteCache = {}  # what each bracketed text parsed to, for this document
        self._aims: dict[int, bool] = {}  # headings of aims or safeguards naming no owner, by id
        self._assigned = self._take_assignments(outline.root)

    def _take_assignments(self, root: Block) -> dict[int, tuple[OwnerGroup, ...]]:
        """Owners by measure number from a 任务分工 section, which is taken out of the tree:
        its lines are no measures. Only when every measure number is unique in the document
        can "第3项" name one measure."""
        sections = [b for b in _headings(root) if is_assignment_section(b)]
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
        found = read_assignments(sections, self.registry)
        self.warnings.extend(found.warnings)
        numbers = [b.number for b in root.descendants() if b.level == LEVEL_ITEM]
        if len(numbers) != len(set(numbers)):
            self.warnings.append(Warning_(
                sections[0].first_line, "assignment-ambiguous",
                "the 任务分工 section names measures by number, but numbers repeat; not applied"))
            return {}
        return found.by_number

    # -- which blocks are plans and measures ------------------------------------------

    def plans(self) -> list[Plan]:
        root = self.outline.root
        if self.outline.has_plan_headings:
            groups = [(b, self._measure_blocks(b)) for b in root.children if b.level == LEVEL_PLAN]
        else:
            groups = self._plans_from_hierarchy(root)
        plans: list[Plan] = []
        annex = self._annex_line()
        # Measures of the body by their first characters: (title, plan, measure) positions.
        titles: dict[str, list[tuple[str, int, int]]] = {}
        for plan_block, measure_blocks in groups:
            if not measure_blocks:
                continue
            plan = self._plan(len(plans) + 1, plan_block, measure_blocks)
            if _goals_or_safeguards(plan):
                continue
            if annex and titles:
                repeats = [(m, at) for m in plan.measures if m.lines[0] > annex
                           and (at := _repeated_title(m.title, titles)) is not None]
                if repeats:
                    # "附件 重点任务分工表" listing the measures of the body a second time:
                    # the body's are kept, given what only the table's row says.
                    self.warnings.append(Warning_(repeats[0][0].lines[0], "annex-repeats-measures",
                        f"the annex lists {len(repeats)} measures of the body again; the "
                        "body's are kept, with the annex's owners and deadlines they lack"))
                    for row, (pi, mi) in repeats:
                        plans[pi] = _with_measure(plans[pi], mi, _with_annex_row(
                            plans[pi].measures[mi], row))
                    repeated = [m for m, _ in repeats]
                    kept = [b for b, m in zip(measure_blocks, plan.measures, strict=False)
                            if m not in repeated]
                    if not kept:
                        continue
                    plan = self._plan(len(plans) + 1, plan_block, kept)
            if annex and plan.lines[0] < annex:  # without an annex, titles are never read
                for mi, m in enumerate(plan.measures):
                    if len(m.title) >= REPEAT_MIN_CHARS:
                        titles.setdefault(m.title[:REPEAT_MIN_CHARS], []).append(
                            (m.title, len(plans), mi))
            plans.append(plan)
        return plans

    def _annex_line(self) -> int:
        """The source line of the first annex marker ("附件", "附件：…分工表"), 0 if none."""
        for block in self.outline.root.descendants():
            if block.level == LEVEL_PARA and ANNEX_MARK.match(block.text):
                return block.first_line
        return 0

    def _measure_blocks(self, container: Block) -> list[Block]:
        """Measures under a plan: "1." items; "(一)" groups when there are no items at all."""
        blocks = [b for b in container.descendants() if not self._aim_or_safeguard(b)]
        items = [b for b in blocks if b.level == LEVEL_ITEM]
        if items:
            return items
        groups = [b for b in blocks if b.level == LEVEL_GROUP and not b.is_bare_heading()]
        return groups or [b for b in blocks if b.level == LEVEL_SUBITEM]

    def _aim_or_safeguard(self, block: Block) -> bool:
        """A numbered line under a 保障措施/主要目标-type heading whose lines name no owner: no
        measure, and no reason to read the document's other numbered lines differently
        ("（一）加强组织领导。" under "四、保障措施" beside "（1）" measures elsewhere)."""
        node = block.parent
        while node is not None and node.level >= 0:
            if node.level in (LEVEL_SECTION, LEVEL_GROUP) and self._unowned_aims(node):
                return True
            node = node.parent
        return False

    def _unowned_aims(self, node: Block) -> bool:
        """A 保障措施/主要目标-type heading under which no line names an owner — not the heading,
        not a numbered line, not a sub-item ("unless one of them names an owner"); once per
        heading."""
        known = self._aims.get(id(node))
        if known is None:
            known = bool(NOT_MEASURES_HEADING.search(_headline(node.text))) and not any(
                find_owner_note_spans(b.text, self.registry, self._owners)
                for b in (node, *node.descendants()))
            self._aims[id(node)] = known
        return known

    def _plans_from_hierarchy(self, root: Block) -> list[tuple[Block, list[Block]]]:
        """Plans are the headings right above measures ("（一）" groups, else "一、" sections)."""
        blocks = root.descendants()
        has_items = any(b.level == LEVEL_ITEM for b in blocks)
        order: list[Block] = []
        members: dict[int, list[Block]] = {}
        for block in blocks:
            if not self._is_measure(block, has_items) or self._aim_or_safeguard(block):
                continue
            plan_block = block.parent or root
            key = id(plan_block)
            if key not in members:
                members[key] = []
                order.append(plan_block)
            members[key].append(block)
        if not order and any(b.level == LEVEL_SUBITEM for b in blocks):
            # "一、…" then "（1）…（市商务局牵头）" with no "（一）" or "1." at all.
            for block in blocks:
                if block.level == LEVEL_SUBITEM and (block.parent is None
                                                      or block.parent.level < LEVEL_ITEM):
                    plan_block = block.parent or root
                    if id(plan_block) not in members:
                        members[id(plan_block)] = []
                        order.append(plan_block)
                    members[id(plan_block)].append(block)
        annex = self._annex_line()
        if not order or (annex and all(b.first_line > annex for p in order for b in members[id(p)])):
            # "一、加大财政支持力度。…（市财政局负责）": the sections are the measures — also
            # when the only numbered items are the rows of an annex table after them, which
            # then give the sections their owners (see plans()).
            sections = [b for b in blocks if b.level == LEVEL_SECTION and not b.is_bare_heading()
                        and not (annex and b.first_line > annex)]
            sections = _without_closing_sections(sections, self.registry)
            if sections:
                return [(root, sections), *((p, members[id(p)]) for p in order)]
        return [(p, members[id(p)]) for p in order]

    def _is_measure(self, block: Block, has_items: bool) -> bool:
        if block.level == LEVEL_ITEM:
            return True
        if block.level != LEVEL_GROUP or block.is_bare_heading():
            return False
        if any(c.level == LEVEL_ITEM for c in block.children):
            return False
        # "（一）加强组织领导。…（牵头单位：…）": a group that carries its own owner note.
        return not has_items or bool(find_owner_note_spans(block.text, self.registry, self._owners))

    # -- building ----------------------------------------------------------------------

    def _plan(self, index: int, block: Block, measure_blocks: list[Block]) -> Plan:
        title, section = self._plan_title(block)
        leaders: list[str] = []
        coordinators: list[str] = []
        for child in block.children:
            if child.level != LEVEL_PARA:
                continue
            for m in LEADER_FIELD.finditer(child.text):
                leaders.extend(_split_names(m.group("names")))
            for m in COORDINATOR_FIELD.finditer(child.text):
                coordinators.extend(split_departments(m.group("names"), self.registry))
        measures = []
        seen: dict[str, int] = {}
        for mb in measure_blocks:
            measure = self._measure(mb, str(index), title)
            if not measure.owners and EFFECTIVE_CLAUSE.match(measure.text):
                continue  # "第六条 本措施自印发之日起施行": when the plan applies, not a measure
            if measure.id in seen:
                seen[measure.id] += 1
                self.warnings.append(Warning_(mb.first_line, "duplicate-number",
                                              f"measure number {measure.id} appears twice"))
                measure = replace(measure, id=f"{measure.id}-{seen[measure.id]}")
            else:
                seen[measure.id] = 1
            measures.append(measure)
        lines = (block.first_line or measure_blocks[0].first_line, block.last_line)
        return Plan(index=index, title=title, lines=lines, leaders=tuple(leaders),
                    coordinators=tuple(coordinators), measures=tuple(measures), section=section)

    def _plan_title(self, block: Block) -> tuple[str, str]:
        if block.level == -1:
            return "全文", ""
        title = SCORE_MARK.sub("", self._heading(block) if block.level != LEVEL_PLAN
                               else block.text).strip()
        section = ""
        parent = block.parent
        if parent is not None and parent.level == LEVEL_SECTION and block.level == LEVEL_GROUP:
            section = SCORE_MARK.sub("", self._heading(parent)).strip()
        return title, section

    def _heading(self, block: Block) -> str:
        """A heading's title without the owner note it may carry for the measures below:
        "（一）提升政务服务水平（牵头单位：市政务服务管理局；配合单位：各区县政府）"."""
        text = block.text
        return _headline(_without_spans(text, find_owner_note_spans(text, self.registry, self._owners)))

    def _measure(
        self,
        block: Block,
        prefix: str,
        plan_title: str,
        parent_key: str = "",
        parent_owners: tuple[OwnerGroup, ...] = (),
    ) -> Measure:
        # List comprehensions, and no work at all for what is empty (most measures have no
        # targets and no sub-items): the same tuples, without a generator per field.
        text = block.text
        notes = find_owner_notes_with_spans(text, self.registry, self._owners)
        note_spans = [span for span, _ in notes]
        line_at = _line_finder(block)
        owners = tuple([_set_line(group, line_at(span[0])) for span, group in notes])
        if self.first_listed_from is not None and block.first_line >= self.first_listed_from:
            owners = tuple([promote_first_listed(g) for g in owners])
        if not owners:
            owners = (parent_owners or self._inherited_owners(block)
                      or (self._assigned.get(block.number, ()) if self._assigned and
                          block.level != LEVEL_SUBITEM else ()))
        found, unresolved = scan_deadlines(text, self.year)  # one pass for both
        if len(found) > 1 and "时" in text:
            found = _without_repeated_time_notes(found, text)
        first = block.first_line
        deadlines = tuple([_set_line(d, line_at(d.span[0]) if d.span else first)
                           for d in found]) if found else ()
        found_targets = find_targets(text)
        targets = tuple([_set_line(t, line_at(t.span[0]) if t.span else first)
                         for t in found_targets]) if found_targets else ()
        if unresolved or "(" in text or "（" in text:  # else _warn_unparsed has nothing to do
            self._warn_unparsed(line_at, text, note_spans, unresolved)
        headed, head_spans = text, note_spans
        if block.heading_chars:  # "（一）深化…改革" over its body paragraphs: the heading line
            headed = text[: block.heading_chars]
            head_spans = [span for span in note_spans if span[1] <= len(headed)]
        title = _headline(_without_spans(headed, head_spans))
        if "分" in title:  # every SCORE_MARK holds 分
            title = SCORE_MARK.sub("", title)
        title = title.strip()
        measure_id = f"{prefix}.{block.number}"
        key = _stable_key(parent_key or plan_title, title)
        children = block.children
        subitems = [child for child in children if child.level == LEVEL_SUBITEM] if children else []
        if subitems:
            inheritable = tuple([_evolve(g, inherited=True, covers=None) for g in owners])
            items = tuple([self._measure(child, measure_id, plan_title, key, inheritable)
                           for child in subitems])
        else:
            items = ()
        return _build(
            Measure,
            id=measure_id,
            key=key,
            number=block.number,
            title=title,
            text=text,
            lines=(block.first_line, block.last_line),
            owners=owners,
            deadlines=deadlines,
            targets=targets,
            items=items,
        )

    def _inherited_owners(self, block: Block) -> tuple[OwnerGroup, ...]:
        """Owners a note above the measure gives to every measure below it.

        "（一）优化审批服务（牵头单位：市行政审批服务局）" on a heading, or a line holding
        only a note ("（以下由市商务局牵头）"), applies to the following measures of that group.
        """
        node: Block | None = block
        while node is not None and node.parent is not None:
            parent = node.parent
            note = self._note_lines(parent).get(id(node))
            if note is not None:
                return self._notes_of(note)
            if parent.level in (LEVEL_SECTION, LEVEL_GROUP):
                found = self._notes_of(parent)
                if found:
                    return found
            node = parent
        return ()

    def _note_lines(self, parent: Block) -> dict[int, Block]:
        """For each child of ``parent``, the last line above it holding only an owner note;
        one pass per parent, remembered, so a plan of thousands of measures stays linear."""
        cached = self._note_cache.get(id(parent))
        if cached is None:
            cached, last = {}, None
            notes = [c.level == LEVEL_PARA and _is_pure_note(c.text, self.registry, self._owners)
                     for c in parent.children]
            for child, is_note in zip(parent.children, notes, strict=True):
                if last is not None:
                    cached[id(child)] = last
                if is_note and not _speaks_for_above(child.text):
                    last = child
            # "（以上任务由X牵头…）" after the measures it speaks for, back to the previous note.
            above = None
            for child, is_note in zip(reversed(parent.children), reversed(notes), strict=True):
                if is_note:
                    above = child if _speaks_for_above(child.text) else None
                elif above is not None:
                    cached[id(child)] = above
            self._note_cache[id(parent)] = cached
        return cached

    def _notes_of(self, block: Block) -> tuple[OwnerGroup, ...]:
        return tuple(
            replace(group, line=block.line_at(span[0]), covers=None, inherited=True)
            for span, group in find_owner_notes_with_spans(block.text, self.registry, self._owners)
        )

    def _warn_unparsed(
        self,
        line_at: Callable[[int], int],
        text: str,
        spans: list[tuple[int, int]],
        unresolved: list[tuple[int, int, str]],
    ) -> None:
        note_starts = {s for s, _ in spans}
        # Every parenthetical starts at an opening bracket: when each opens an owner note (the
        # usual measure), none is left to look at.
        brackets = text.count("(") + text.count("（") if note_starts else 1
        for m in PARENTHETICAL.finditer(text) if brackets > len(note_starts) else ():
            if m.start() in note_starts or _inside_a_note(m.start(), spans):
                continue  # a note, or "（牵头）" marking the lead inside one
            if looks_like_owner_note(m.group(1)):
                self.warnings.append(Warning_(
                    line_at(m.start()), "owner-note-unparsed",
                    f"looks like an owner note but did not parse: {m.group(0)[:40]}"))
        for start, _end, raw in unresolved:
            self.warnings.append(Warning_(
                line_at(start), "deadline-unresolved",
                f"time phrase without a date: {raw}"))




def _without_repeated_time_notes(found: list[Deadline], text: str) -> list[Deadline]:
    """"每季度报送进展。（完成时限：每季度）": a time note that repeats a deadline of the body
    says the same milestone again, not a second one: one is kept, the body's when the words
    are the same, the note's ("完成时限：2023年12月底前" over "2023年底前…") when they differ."""
    notes = [m.span() for m in TIME_NOTE.finditer(text)]
    if not notes:
        return found

    def in_note(d: Deadline) -> bool:
        return d.span is not None and any(a <= d.span[0] < b for a, b in notes)

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


def _headings(root: Block) -> list[Block]:
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


def _inside_a_note(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < pos < end for start, end in spans)




def _first_listed_from(text: str) -> int | None:
    """The source line from which "列第一位的为牵头单位" applies to every note: the whole
    document (0) when a sentence of the text says it, from its note on when a note says it
    with "下同" (the same below); None when only notes say it without 下同 (owners.py applies
    it to those notes) or nothing does."""
    if not states_first_listed_leads(text):
        return None
    below: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        m = FIRST_LISTED_LEADS.search(line) if states_first_listed_leads(line) else None
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


def _goals_or_safeguards(plan: Plan) -> bool:
    """Numbered lines under 主要目标, 基本原则 or 保障措施 that no department owns are the
    plan's aims and closing duties, not measures: "（二）主要目标" / "1.到2025年，…达到10%。",
    "三、保障措施" / "1、加强组织领导。". Under the same headings, a line with an owner note
    (山东's "三、推进措施" items) stays a measure."""
    if not (NOT_MEASURES_HEADING.search(plan.title) or NOT_MEASURES_HEADING.search(plan.section)):
        return False
    return not any(item.owners for m in plan.measures for item in m.walk())


def _without_closing_sections(sections: list[Block], registry: Registry) -> list[Block]:
    """Sections that are themselves measures end with the plan's closing duties:
    "三、优化纳税服务。…（市税务局负责）" / "四、加强组织实施。各地各部门要细化工作措施…".
    When most sections carry an owner note, the trailing ones without a note whose headline
    is a safeguard heading (组织实施, 保障措施, 督导考核…) are not measures."""
    noted = [bool(find_owner_note_spans(s.text, registry)) for s in sections]
    if 2 * sum(noted) <= len(sections):
        return sections
    end = len(sections)
    while end and not noted[end - 1] and CLOSING_SECTION.search(_headline(sections[end - 1].text)):
        end -= 1
    return sections[:end]


def _speaks_for_above(text: str) -> bool:
    return text.lstrip("（(").startswith(("以上", "上述"))


def _is_pure_note(text: str, registry: Registry, cache: NoteCache | None = None) -> bool:
    spans = find_owner_note_spans(text, registry, cache)
    return bool(spans) and not _without_spans(text, spans).strip(" 。;；,，")


def _evolve(obj: _T, **changes: Any) -> _T:
    """``dataclasses.replace`` for the model's plain frozen value objects (no __post_init__,
    every field in __init__; tests/test_parse_fastpaths.py checks both) at a fifth of its
    cost: a parsed seed makes ~800 such copies, to set the source line of each item."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__, **changes)
    return new  # type: ignore[no-any-return]


def _build(cls: type[_T], **fields: Any) -> _T:
    """``cls(**fields)`` for a plain frozen value class given every one of its fields, without
    the frozen ``__init__`` (one ``object.__setattr__`` per field); tests/test_parse_fastpaths.py
    checks that the parser's measures equal their ``Measure(...)`` and have every field."""
    new = object.__new__(cls)
    new.__dict__.update(fields)
    return new


def _set_line(obj: _T, line: int) -> _T:
    """``_evolve(obj, line=line)`` for an object the scanners just made for this call (owner
    groups, deadlines, targets: never cached, never shared): its line is set where it stands,
    before anything else holds it, instead of on a copy (~800 copies per parsed seed)."""
    object.__setattr__(obj, "line", line)
    return obj


def _line_finder(block: Block) -> Callable[[int], int]:
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


# A measure of an annex that repeats one of the body: the same title, or one of them the
# start of the other ("加快5G网络建设" / "加快5G网络建设，新建5G基站2000个"), at least this long.
REPEAT_MIN_CHARS = 4
REPEAT_BUCKET = 32  # body titles compared per annex measure, whatever the input
# The annex of a notice or plan: "附件", "附件2", "附件：重点任务分工表".
ANNEX_MARK = re.compile(r"^附件\s{0,2}\d{0,2}\s{0,2}(?:[:：]|$)")


def _repeated_title(
    title: str, titles: dict[str, list[tuple[str, int, int]]]
) -> tuple[int, int] | None:
    """Where the body has this title (plan and measure positions), compared only with the
    body's titles that open with the same characters (bounded)."""
    if len(title) < REPEAT_MIN_CHARS:
        return None
    same_start = titles.get(title[:REPEAT_MIN_CHARS], [])
    for body_title, pi, mi in same_start[:REPEAT_BUCKET]:
        if _same_task(title, body_title):
            return pi, mi
    return None


def _same_task(a: str, b: str) -> bool:
    """The same title, or one the other's start up to a clause break: "加快5G网络建设" /
    "加快5G网络建设，新建5G基站2000个" — but not "完善公共服务设施" / "完善公共服务设施项目：
    东城社区卫生服务中心", another task that starts alike."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long.startswith(short) and (len(long) == len(short) or long[len(short)] in _BREAKS)


_BREAKS = frozenset("，,。；;、 ")


def _with_annex_row(body: Measure, row: Measure) -> Measure:
    """A body measure given what its row in the annex table adds where the body says
    nothing: the row's owner groups when the body names no owner (marked ``inherited``: they
    stand in the annex, not in the measure's text), the row's deadlines when it has none.
    What the body says itself stands."""
    owners = body.owners or tuple(replace(g, inherited=True, covers=None) for g in row.owners)
    deadlines = body.deadlines or row.deadlines
    if owners is body.owners and deadlines is body.deadlines:
        return body
    return replace(body, owners=owners, deadlines=deadlines)


def _with_measure(plan: Plan, index: int, measure: Measure) -> Plan:
    measures = list(plan.measures)
    measures[index] = measure
    return replace(plan, measures=tuple(measures))


def _headline(text: str) -> str:
    """The first sentence, without its full stop: the measure's title."""
    m = TITLE_END.search(text)
    head = text[: m.start()] if m else text
    if head[-1:] in ")）" and (note := TIME_NOTE_TAIL.search(head)):
        head = head[: note.start()]  # a table row's short task: "建设城市大脑（完成时限：2025年底）"
    return head.strip().rstrip("。:：,，")


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Owner notes cut out, so "1.xxx（省商务厅牵头）" titles as "xxx"."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _split_names(names: str) -> list[str]:
    return [n.strip() for n in NAME_SEPARATORS.split(names) if n.strip()]


# What the stable key ignores in a title: spaces, punctuation.
KEY_IGNORED = re.compile(r"[\s\W_]+")


def _stable_key(scope: str, title: str) -> str:
    """Survives renumbering: derived from what a measure is, not where it stands."""
    normalized = KEY_IGNORED.sub("", title)
    return hashlib.sha1(f"{scope}|{normalized}".encode()).hexdigest()[:12]


def _document_title(outline: Outline, plans: list[Plan]) -> str:
    head = outline.lines[:60]
    for i, line in enumerate(head):
        if "印发" not in line:
            continue
        if m := ISSUED_TITLE.search(line):
            return m.group("title") or m.group("bare")
        # "某市人民政府办公室关于印发某市" / "优化营商环境实施方案的通知": a title wrapped in two.
        following = next((x for x in head[i + 1 : i + 3] if x), "")
        if m := ISSUED_TITLE.search(line + following):
            return m.group("title") or m.group("bare")
    if outline.has_plan_headings:
        for line in outline.lines:
            if "配套措施" in line:
                prefix = line.split("配套措施")[0].strip()
                if prefix:
                    return f"{prefix}配套措施"
        for i, line in enumerate(outline.lines):
            if "配套措施" in line and i > 0:
                prev = next((x for x in reversed(outline.lines[:i]) if x), "")
                return f"{prev}配套措施" if prev else "配套措施"
    lines = [line for line in outline.lines[:30] if line]
    for i, line in enumerate(lines):
        if _title_like(line):
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if not DOCUMENT_KIND.search(line) and _title_like(following) and (
                DOCUMENT_KIND.search(following) or TITLE_PERIOD.match(following)
            ):
                return line + following  # "某市关于进一步优化营商环境" / "若干措施"
            if TITLE_PERIOD.match(following):
                return line + following  # "…三年行动方案" / "（2023—2025年）"
            return line
    return plans[0].title if plans else ""


def _title_like(line: str) -> bool:
    return bool(line) and len(line) <= 60 and not re.search(r"[。，,;；:：]", line) and not (
        NOT_A_TITLE.match(line)
    )


__all__ = ["parse_text", "parse_file"]
