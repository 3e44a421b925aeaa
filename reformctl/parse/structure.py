"""From cleaned lines to a tree of blocks: plan headings, sections, groups, measures, sub-items.

A *block* starts at a numbering mark (or a 配套措施 plan heading) and runs over every
following line that is not a new mark: that is how page-break splits inside words and names
("市公安交警支" / "队") are joined. Each block keeps its text as segments tied to source lines,
so any offset in the joined text maps back to its line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import compress

from reformctl.model import Warning_, warning
from reformctl.parse.clean import clean_heading_title, clean_line
from reformctl.parse.line_passes import (
    ANY_PUNCTUATION,
    TERMINAL,
    bracket_labels_outside_notes,
    drop_running_heads,
    lines_holding,
    paren_balance,
    split_glued_items,
    split_inline_subitems,
)
from reformctl.parse.vocab.headings import (
    ASSIGNMENT_HEADING,
    CLOSING_INSTRUCTION,
    CLOSING_PROVISIONS_LINE,
    DOCUMENT_TAIL,
    SCOPE_DEADLINE_LINE,
)
from reformctl.parse.vocab.numbering import (
    LEVEL_DECIMAL3,
    LEVEL_GROUP,
    LEVEL_ITEM,
    LEVEL_SECTION,
    LEVEL_SUBITEM,
    PLAN_HEADING,
    PLAN_WORD,
    Mark,
    MarkMemo,
    match_mark,
)
from reformctl.parse.vocab.roles import OWNER_HINT, PLAN_HEADER_NOTE, SCOPE_NOTE

LEVEL_PLAN = 0
LEVEL_PARA = 9

# A heading line: short, at most one sentence mark, at its end ("（一）加强基础能力保障。").
HEADING_MAX_CHARS = 40
SENTENCE_MARK = re.compile(r"[。;；]")


# Compared by identity (a tree, not values); slotted, since a plan makes one per line. The
# fields a line's block is made with come first: the outline passes them by position (a call
# with keywords costs twice as much, and a plan makes a block per line).
@dataclass(eq=False, slots=True)
class Block:
    level: int
    number: int
    segments: list[tuple[int, str]] = field(default_factory=list)
    parent: Block | None = None
    # Numbered "2.1" under a "2." item (numbering.DECIMAL_MARK).
    decimal: bool = False
    # The mark's style (numbering.Mark.style): "paren" for "1)", "article" for "第一条".
    style: str = ""
    children: list[Block] = field(default_factory=list)
    # Plans and the root remember the last number used at each level below them, so that
    # numbering straight through groups ("（二）" / "3．") is recognised in constant time.
    last_numbers: dict[int, int] = field(default_factory=dict)
    # Characters of ``text`` that are the heading, when the body was absorbed from paragraphs
    # below it (see _absorb_bodies); 0 when the text runs on from its first line.
    heading_chars: int = 0

    @property
    def text(self) -> str:
        segments = self.segments
        if len(segments) == 1:  # most blocks: one line
            return segments[0][1]
        return "".join([s for _, s in segments])  # a list joins faster than a generator

    @property
    def first_line(self) -> int:
        return self.segments[0][0] if self.segments else 0

    @property
    def last_line(self) -> int:
        last = self.segments[-1][0] if self.segments else 0
        for child in self.children:
            last = max(last, child.last_line)
        return last

    def line_at(self, offset: int) -> int:
        """The source line of character ``offset`` of ``text``."""
        starts, total = [], 0
        for _, seg in self.segments:
            starts.append(total)
            total += len(seg)
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return self.segments[i][0] if self.segments else 0

    def is_bare_heading(self) -> bool:
        """A title line only ("二、重点任务", "（一）加强基础能力保障。"), body text follows apart."""
        if self.heading_chars:
            return False  # its body was absorbed from the paragraphs below (_absorb_bodies)
        size = 0
        for _, seg in self.segments:  # stop early: a long block is no heading, whatever its size
            size += len(seg)
            if size > HEADING_MAX_CHARS:
                return False
        text = self.text
        if text.endswith("。") and ("，" in text or "," in text) and not self.children:
            return False  # "四、本市户籍高校毕业生…就业的，给予一次性就业补贴3000元。": a sentence
        marks = SENTENCE_MARK.findall(text.rstrip("。;；"))
        return not marks

    def descendants(self) -> list[Block]:
        """Every block below this one, in document order (each before its children)."""
        out: list[Block] = []
        todo = self.children[::-1]  # a stack, not a call per block
        while todo:
            block = todo.pop()
            out.append(block)
            if block.children:
                todo.extend(reversed(block.children))
        return out


@dataclass
class Outline:
    """The block tree of one document, plus what the structure pass could not place."""

    root: Block
    lines: list[str]
    warnings: list[Warning_]
    has_plan_headings: bool
    # The source line of each of ``lines``.
    numbers: list[int] = field(default_factory=list)


def build_outline(raw_lines: list[str], line_numbers: list[int] | None = None) -> Outline:
    """Group cleaned lines into blocks under a root, by numbering marks and plan headings.

    ``line_numbers`` gives each line's source line when they are not simply 1, 2, 3…
    (a table's rows flattened to one line each, see text_table.py).
    """
    marks = MarkMemo()  # each line's numbering mark, for the passes and the tree
    lines, numbers = prepared_lines(raw_lines, line_numbers, marks)
    tree = _Tree(marks)
    # The non-blank lines only (half a plan's lines are blank), each with the next one.
    filled = list(compress(range(len(lines)), lines))
    following: list[int | None] = [*filled[1:], None] if filled else []
    previous = -1
    for idx, after in zip(filled, following, strict=True):
        if idx > previous + 1:
            tree.saw_blank = True  # blank lines between the last line placed and this one
        tree.place(numbers[idx], lines[idx], lines[after] if after is not None else "")
        previous = idx
    root = tree.root
    _article_headlines(root)
    _absorb_bodies(root)
    _noted_paragraphs_of_groups(root)
    _lift_decimal_headings(root)
    if tree.three_parts:
        _demote_stray_decimal3(root)
    return Outline(root=root, lines=lines, warnings=tree.warnings,
                   has_plan_headings=tree.has_plan_headings, numbers=numbers)


def prepared_lines(
    raw_lines: list[str], line_numbers: list[int] | None = None, marks: MarkMemo | None = None
) -> tuple[list[str], list[int]]:
    """The lines cleaned (clean.py) and passed over (line_passes.py), each with its source
    line: labels bracketed, wrapped names joined, running heads blanked, inline sub-items
    split, annexes named as plans."""
    # Half the lines of a plan are blank, and clean_line("") is "": no steps for those.
    cleaned = [clean_line(line) if line else line for line in raw_lines]
    # A page number is a line that cleaning emptied (before labels may join lines). Most
    # documents have none: then there are as many empty lines after cleaning as before.
    page_numbers = ([i for i, line in enumerate(cleaned) if not line and raw_lines[i].strip()]
                    if cleaned.count("") > raw_lines.count("") else [])
    lines = bracket_labels_outside_notes(cleaned)
    drop_running_heads(raw_lines, lines, page_numbers)
    numbers = line_numbers if line_numbers is not None else list(range(1, len(lines) + 1))
    # The lines joined, for the passes that look for a word few lines hold (at C speed).
    joined = "\n".join(lines)
    unsplit = lines
    lines, numbers = split_inline_subitems(lines, numbers, joined)
    if any(line[:1] in "一二三四五六七八九十（(" for line in lines):
        lines, numbers = split_glued_items(lines, numbers, marks)
    if lines is not unsplit:  # a line was split in two: the joined lines are others
        joined = "\n".join(lines)
    annexes = [i for i in lines_holding(joined, ANNEX_WORD) if lines[i].startswith(ANNEX_WORD)]
    if annexes:
        _name_annex_plans(lines, annexes)
    return lines, numbers


class _Tree:
    """The outline as it grows, line by line: ``place`` applies the first rule that fits."""

    def __init__(self, marks: MarkMemo | None = None) -> None:
        self.marks = marks if marks is not None else MarkMemo()
        self.root = Block(level=-1, number=0)
        self.stack: list[Block] = [self.root]
        self.current: Block | None = None
        self.warnings: list[Warning_] = []
        self.saw_blank = False
        self.has_plan_headings = False
        self.in_box = False
        self.box = _Box()
        self.three_parts = False  # a "1.1.1" mark was seen

    def place(self, lineno: int, line: str, following: str) -> None:
        """The rules, in order: a plan heading, its banner, its header note, a numbered
        line, closing words, a task label, the end of the measures, a scope note, a note line
        for the items above; else the rest of the current block or a paragraph."""
        current = self.current
        if PLAN_WORD in line and _is_plan_heading(line) and not _is_open(current):
            self.has_plan_headings = True
            self.open(Block(level=LEVEL_PLAN, number=0, segments=[(lineno, _plan_title(line))]))
        elif (PLAN_WORD in following and _is_plan_heading(following) and _looks_like_banner(line)
              and not _is_open(current)):
            return  # "泰安市优化营商环境创新突破行动" before "配套措施—纳税": the heading's
        elif self.stack[-1].level == LEVEL_PLAN and PLAN_HEADER_NOTE.match(line):
            self.current = self.paragraph(self.stack[-1], lineno, line)
        elif self.numbered(lineno, line):
            return
        elif CLOSING_PROVISIONS_LINE.match(line) and not _is_open(current):
            # "附则" on a line of its own: a section of closing provisions, whatever is
            # numbered below it ("（一）适用范围" / "1.人工智能OPC：…")
            self.open(Block(level=LEVEL_SECTION, number=0, segments=[(lineno, line)]))
        elif _closing_words(line, current):
            # "各单位要于12月10日前报送…" after a finished measure: the plan's own closing
            # words; a paragraph of the section, so its date is no milestone of the measure.
            assert current is not None
            floor = LEVEL_GROUP if current.level == LEVEL_GROUP else LEVEL_ITEM
            self.current = _paragraph_above(self.stack, floor, lineno, line)
        elif _is_task_label(line, following, current, self.stack):
            # "推进电子证照应用" between "2." and "3.": a merged 重点任务 cell of a table, the
            # task the next measures serve; a paragraph of their section, not an ending.
            self.current = _paragraph_above(self.stack, LEVEL_ITEM, lineno, line)
        elif _ends_the_measures(line, current):
            self.end_measures(lineno, line)
        elif current is not None and current.level != LEVEL_PARA and (
                SCOPE_NOTE.match(line) or SCOPE_DEADLINE_LINE.match(line)):
            # "（以上任务由市商务局牵头，市财政局配合）", "以上工作要在2019年2月底前完成。" speak
            # for several measures, not for the one above it: a paragraph of the group (of the
            # heading itself, right below it).
            holder = current if current.level in (LEVEL_SECTION, LEVEL_GROUP, LEVEL_PLAN) and \
                not _accepts_continuation(current) else (current.parent or self.root)
            self.current = self.paragraph(holder, lineno, line)
        elif current is not None and _note_for_the_group_above(current, line):
            # "（一）问题：…" / "1.全面梳理…" / "2.优化…" / "责任单位：X": after the last of
            # items that carry no note, a note line speaks for them all (they inherit it).
            assert current.parent is not None
            current.parent.segments.append((lineno, line))
        elif current is not None and _note_for_the_item_above(current, line):
            # "1．落实…。" / "①…；" / "②…。" / "责任单位：县农业农村局（牵头）、…": the note
            # after the last sub-item speaks for the item, when no sub-item has a note of its own.
            assert current.parent is not None
            self.current = current.parent
            self.current.segments.append((lineno, line))
        else:
            self.running_text(lineno, line)
        self.saw_blank = False

    def open(self, block: Block) -> None:
        """The block closes the open blocks of its level and below, stands under the block
        left open above them, and is the current block."""
        stack = self.stack
        while len(stack) > 1 and stack[-1].level >= block.level:
            stack.pop()
        if block.level == LEVEL_PLAN:
            del stack[1:]
        parent = stack[-1]
        block.parent = parent
        parent.children.append(block)
        stack.append(block)
        scope = self.root
        for b in stack:  # a plain loop: this runs for every numbered line
            if b.level == LEVEL_PLAN:
                scope = b
                break
        scope.last_numbers[block.level] = block.number
        self.current = block

    def paragraph(self, parent: Block, lineno: int, line: str) -> Block:
        para = Block(LEVEL_PARA, 0, [(lineno, line)], parent)  # level, number, segments, parent
        parent.children.append(para)
        return para

    def numbered(self, lineno: int, line: str) -> bool:
        """A line that opens with a numbering mark: a new block, or a line of a 专栏 box;
        False when the line has no mark or the mark is the rest of a split sentence."""
        mark = self.marks[line]
        if mark is None:
            return False
        stack, current = self.stack, self.current
        level, number, length, parent, top, style = mark  # read once: a field read costs a lookup
        if parent and not (_under_decimal(stack, top, parent) if top
                           else _under_item(stack, parent)):
            return False  # "3.5亿元…" at a line start, with no item 3 above: text
        if style:
            if (mark := _styled_item(mark, stack, current)) is None:
                return False
            level = mark.level  # a "1)" point of a "1." measure: a sub-item
        if level == LEVEL_GROUP and _in_article(stack):
            # "第二条 【支持算力使用】" / "（一）年度算力支出超过…": the article's points
            level = LEVEL_SUBITEM
            mark = mark._replace(level=level)
        elif (level == LEVEL_ITEM and not style and stack[-1].level == LEVEL_SUBITEM
              and _in_article(stack)):
            # "第六条 …（责任单位：…）" / "（一）申报条件" / "1.申报主体是…": a list inside
            # the article's point (the innermost block open) is its text, no measure.
            return False
        if self.in_box and level > LEVEL_GROUP and not self.box.ended_by(mark, line, stack):
            self.box.add(mark, line)
            self.current = self.paragraph(stack[-1], lineno, line)
            return True
        self.in_box = False
        if (level == LEVEL_SUBITEM and number == 2
                and current is not None and current.level == LEVEL_ITEM and not current.children):
            first = _inline_first_subitem(current)  # "3．发展共同配送。（1）整合…" / "（2）…"
            if first is not None:
                self.open(first)
                current = first
        if _continues_sentence(mark, current, stack, self.warnings, lineno):
            return False
        # Block(level, number, segments, parent, decimal, style): by position, once a line
        self.open(Block(level, number, [(lineno, line[length:])], None, bool(parent), style))
        self.saw_blank = False
        self.three_parts = self.three_parts or level == LEVEL_DECIMAL3
        return True

    def end_measures(self, lineno: int, line: str) -> None:
        """"抄送：…", "附件：…", "2022年4月14日", a box "专栏1 …": text that is not a measure.
        Numbered lines inside a box belong to it, up to the next section or group; a box
        stands inside its section, which goes on after it ("专栏1 …" / "（二）窗口服务")."""
        stack = self.stack
        footnotes = FOOTNOTES_START.match(line)
        self.in_box = bool(BOX_START.match(line) or footnotes)
        if self.in_box:
            self.box = _Box()
            if footnotes:  # "注：1.…" / "2.…" / "3.…": notes to a table, numbered on
                mark = match_mark(line[footnotes.end():])
                if mark is not None:
                    self.box.add(mark, line)
            while len(stack) > 1 and stack[-1].level >= LEVEL_ITEM:
                stack.pop()
        else:
            del stack[1:]
        self.current = self.paragraph(stack[-1], lineno, line)

    def running_text(self, lineno: int, line: str) -> None:
        """Not a new mark: the rest of the current block, or a paragraph of its parent."""
        current = self.current
        if current is not None and current.level != LEVEL_PARA and _accepts_continuation(current):
            _append_continuation(current, lineno, line, self.saw_blank, self.warnings)
        elif current is not None and current.level == LEVEL_PARA and _is_open(current):
            current.segments.append((lineno, line))
        else:
            self.current = self.paragraph(self.stack[-1], lineno, line)


def _closing_words(line: str, current: Block | None) -> bool:
    """Closing words to everyone after a finished measure ("各单位要于…报送", "请各区…")."""
    return (current is not None and current.level in (LEVEL_GROUP, LEVEL_ITEM, LEVEL_SUBITEM)
            and CLOSING_INSTRUCTION.match(line) is not None and not OWNER_HINT.search(line)
            and not _is_open(current) and not current.is_bare_heading())


def _paragraph_above(stack: list[Block], floor: int, lineno: int, line: str) -> Block:
    """Close the open blocks from level ``floor`` down and add the line as a paragraph of the
    block above them (a section, a plan or the root)."""
    while len(stack) > 1 and stack[-1].level >= floor:
        stack.pop()
    para = Block(level=LEVEL_PARA, number=0, segments=[(lineno, line)], parent=stack[-1])
    stack[-1].children.append(para)
    return para


def _note_for_the_group_above(current: Block, line: str) -> bool:
    """A line that is one owner note, right after the last of two or more "1." items of a
    "（一）" group when none of them carries a note."""
    return current.level == LEVEL_ITEM and _note_for_all_above(current, line, LEVEL_GROUP,
                                                                 minimum=2)


def _note_for_the_item_above(current: Block, line: str) -> bool:
    """A line that is one owner note, right after the last of sub-items that carry none,
    under an item that carries none either."""
    return current.level == LEVEL_SUBITEM and _note_for_all_above(current, line, LEVEL_ITEM,
                                                                    minimum=1)


def _note_for_all_above(current: Block, line: str, parent_level: int, minimum: int) -> bool:
    """``line`` is one owner note; ``current`` is the last of at least ``minimum`` blocks of
    its level under a ``parent_level`` block, and neither they nor that block carry a note."""
    if line[:1] not in "(（" or line[-1:] not in ")）" or not OWNER_HINT.search(line):
        return False
    parent = current.parent
    if parent is None or parent.level != parent_level or paren_balance(line) != 0:
        return False
    siblings = [c for c in parent.children if c.level == current.level]
    if len(siblings) < minimum or siblings[-1] is not current or OWNER_HINT.search(parent.text):
        return False
    return not any(OWNER_HINT.search(c.text) for c in siblings)


def _styled_item(mark: Mark, stack: list[Block], current: Block | None) -> Mark | None:
    """What a "1)" or a "第三条" at a line start is, from the items above it.

    "1)" items are the measures of a plan written that way, but inside a "1." measure they
    are its points (sub-items), and inside a "（1）" sub-item text. "第N条" is a measure only
    in a list of articles (the first, or after an article), never in the middle of a
    sentence: "…依据《某省…条例》" / "第三条规定，…"."""
    above = next((b for b in reversed(stack) if b.level in (LEVEL_ITEM, LEVEL_SUBITEM)), None)
    if mark.style == "chapter":
        return None if _is_open(current) and not _is_title_line(current) else mark
    if mark.style == "article":
        article = next((b for b in reversed(stack) if b.level == LEVEL_ITEM), None)
        # "第二章 申报事项" / "第六条 …": articles are numbered on through the chapters.
        in_chapter = any(b.style == "chapter" for b in stack)
        if (_is_open(current) and not _is_title_line(current) and not _leads_in(current)) or (
                mark.number != 1 and not in_chapter
                and (article is None or article.style != "article")):
            return None
        return mark
    if above is None or above.style == "paren" and above.level == LEVEL_ITEM:
        return mark  # a plan of "1)" measures
    if above.level == LEVEL_ITEM or above.style == "paren":
        return mark._replace(level=LEVEL_SUBITEM)  # a point of the "1." measure above
    return None  # inside a "（1）" sub-item: its text


def _is_title_line(block: Block | None) -> bool:
    """A paragraph that is one short unpunctuated line (a title), no sentence cut short."""
    return (block is not None and block.level == LEVEL_PARA and len(block.segments) == 1
            and len(block.text) <= HEADING_MAX_CHARS and not ANY_PUNCTUATION.search(block.text))


def _in_article(stack: list[Block]) -> bool:
    """Whether the innermost item open on the stack is an article ("第二条 …")."""
    item = next((b for b in reversed(stack) if b.level <= LEVEL_ITEM), None)
    return item is not None and item.level == LEVEL_ITEM and item.style == "article"


def _leads_in(block: Block | None) -> bool:
    """A paragraph that introduces what follows: "…一般申报程序…如下：" before "第十八条"."""
    return block is not None and block.level == LEVEL_PARA and block.text.endswith(("：", ":"))


def _under_item(stack: list[Block], number: int) -> bool:
    """Whether the nearest "N." item on the stack is item ``number`` ("2.1" needs "2." above)."""
    item = next((b for b in reversed(stack) if b.level <= LEVEL_ITEM), None)
    return item is not None and item.level == LEVEL_ITEM and item.number == number


def _under_decimal(stack: list[Block], top: int, number: int) -> bool:
    """Whether the nearest decimal on the stack is "top.number" ("1.2.3" needs "1.2" above)."""
    decimal = next((b for b in reversed(stack) if b.level <= LEVEL_SUBITEM), None)
    return (decimal is not None and decimal.decimal and decimal.level == LEVEL_SUBITEM
            and decimal.number == number and decimal.parent is not None
            and decimal.parent.level == LEVEL_ITEM and decimal.parent.number == top)


def _lift_decimal_headings(root: Block) -> None:
    """"1.夯实数字化转型基础" / "1.1 加快工业互联网平台建设。…（牵头单位：…）" / "1.2 …": a
    "1." heading over decimal-numbered lines is a group, and its "1.1" "1.2" lines are its
    measures, as "（一）" over "1." "2." would be."""
    todo = [root]
    while todo:
        block = todo.pop()
        numbered = ([c for c in block.children if c.level != LEVEL_PARA]
                    if block.level == LEVEL_ITEM else [])  # only an item can be such a heading
        if (numbered and all(c.decimal for c in numbered)
                and (block.is_bare_heading() or _has_decimal3(numbered))):
            if _has_decimal3(numbered):
                _lift_three_parts(block, numbered)
            else:
                block.level = LEVEL_GROUP
                for child in numbered:
                    child.level = LEVEL_ITEM
        todo.extend(block.children)


def _has_decimal3(blocks: list[Block]) -> bool:
    return any(c.level == LEVEL_DECIMAL3 for b in blocks for c in b.children)


def _lift_three_parts(item: Block, decimals: list[Block]) -> None:
    """"1.夯实数字基础" / "1.1 加快网络建设" / "1.1.1 新建5G基站…（牵头单位：…）": a "1.1"
    heading over "1.1.x" lines is a group whose "1.1.x" are its measures, the "1." above it a
    section, and its other "1.x" (with a body of their own) measures beside the groups. With
    no such group, the "1.x" are measures under a "1." heading (or sub-items of a "1." that
    is a measure), as with two parts; their "1.x.y" are then sub-items (_demote_stray_decimal3).
    """
    groups = [d for d in decimals
              if d.is_bare_heading() and any(c.level == LEVEL_DECIMAL3 for c in d.children)]
    if not groups and not item.is_bare_heading():
        return
    item.level = LEVEL_SECTION if groups else LEVEL_GROUP
    for decimal in decimals:
        decimal.level = LEVEL_GROUP if decimal in groups else LEVEL_ITEM
    for group in groups:
        for part in group.children:
            if part.level == LEVEL_DECIMAL3:
                part.level = LEVEL_ITEM


def _demote_stray_decimal3(root: Block) -> None:
    """A "1.1.x" line left unlifted (its "1." is a measure with mixed sub-points) is a
    sub-item of the block above it, so its text and owners are kept."""
    todo = [root]
    while todo:
        block = todo.pop()
        if block.level == LEVEL_DECIMAL3:
            block.level = LEVEL_SUBITEM
        todo.extend(block.children)


# What a headline holds no more of: sentence and clause marks ("、" it may hold: "第二条
# 算力、语料和模型调用支持").
HEADLINE_BREAK = re.compile(r"[。，,;；:：()（）]")


def _article_headlines(root: Block) -> None:
    """"第一条 办公空间支持" / "依托…，为经认定的OPC…。": an article whose own line is a
    headline (short, unpunctuated, or in 【】) over its body; its title is that line."""
    for block in root.descendants():
        if block.style == "article" and (len(block.segments) > 1 or block.children):
            first = block.segments[0][1]
            if 0 < len(first) <= HEADING_MAX_CHARS and not HEADLINE_BREAK.search(first):
                block.heading_chars = len(first)


def _absorb_bodies(root: Block) -> None:
    """A group heading on its own line with its body in plain paragraphs below and no
    numbered items of its own is one block: "（一）深化“一件事一次办”改革" / "围绕企业…。" /
    "（牵头单位：…）". Its paragraphs become its text, so a group that is a measure keeps its
    owner notes and deadlines. So is a section heading: "一、免费算力供给" / "为入驻社区的
    创业团队提供…。" — the measures of a 十条措施 numbered only 一、…十、.

    Unless the document writes its measures as unnumbered paragraphs, each with its own note,
    under such headings (two noted paragraphs under one heading tell): then every noted run of
    paragraphs is a measure of its group (_paragraphs_as_items)."""
    groups: list[Block] = []
    todo = [root]
    while todo:
        block = todo.pop()
        children = block.children
        if (block.level in (LEVEL_SECTION, LEVEL_GROUP) and children and block.is_bare_heading()
                and all(c.level == LEVEL_PARA for c in children)
                and not ASSIGNMENT_HEADING.match(block.text)):  # "二、任务分工": plans.py reads it
            groups.append(block)
            continue
        todo.extend(children)
    noted = [[bool(OWNER_HINT.search(c.text)) for c in g.children] for g in groups]
    # A paragraph of text that carries its own note: a note on a line of its own (the label
    # lines "牵头单位：…" / "责任单位：…" of one measure) does not count.
    paragraphs_are_measures = any(
        sum(1 for c, has in zip(g.children, flags, strict=True)
            if has and not _only_notes(c.text)) >= 2
        for g, flags in zip(groups, noted, strict=True))
    for group, flags in zip(groups, noted, strict=True):
        if paragraphs_are_measures and any(flags):
            _paragraphs_as_items(group, flags)
        else:
            group.heading_chars = len(group.text)
            for child in group.children:
                group.segments.extend(child.segments)
            group.children = []


# A group whose paragraphs are its measures: this many paragraphs, each with its own note.
NOTED_GROUP_PARAGRAPHS = 3
# A group's headline closing its line's first sentence: "实施工业绿色生产，推动…趋零增长。".
HEADLINE_END = re.compile(rf"^[^。；;（(]{{2,{HEADING_MAX_CHARS}}}。")


def _noted_paragraphs_of_groups(root: Block) -> None:
    """"（二）实施工业绿色生产，推动…总量趋零增长。全面实施绿色开采，…。（自然资源部、工业和
    信息化部指导）" / "开展绿色设计和绿色供应链建设，…。（工业和信息化部…指导）" / "健全标准
    体系，…。（市场监管总局…负责）": a group line that opens with its headline, then
    paragraphs of its own lines, each a whole sentence run with an owner note — the paragraphs
    are its measures (国办发〔2018〕128号), the headline its heading."""
    for group in root.descendants():
        segments = group.segments
        if (group.level != LEVEL_GROUP or group.children
                or len(segments) < NOTED_GROUP_PARAGRAPHS):
            continue
        head = HEADLINE_END.match(segments[0][1])
        if head is None or head.end() >= len(segments[0][1]) or not all(
                OWNER_HINT.search(seg) and (i == len(segments) - 1 or seg[-1] in TERMINAL)
                for i, (_, seg) in enumerate(segments)):
            continue
        first_line, first = segments[0]
        paragraphs = [(first_line, first[head.end():]), *segments[1:]]
        group.segments = [(first_line, first[: head.end()])]
        group.children = [Block(level=LEVEL_ITEM, number=i, segments=[seg], parent=group)
                          for i, seg in enumerate(paragraphs, start=1)]


def _only_notes(text: str) -> bool:
    """Whether a paragraph is bracketed notes only: "（牵头单位：…）（完成时限：…）"."""
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
        elif depth == 0 and ch not in " 。；;，,":
            return False
    return bool(text) and depth == 0


def _paragraphs_as_items(group: Block, noted: list[bool]) -> None:
    """"（一）推进…" / "推动高频事项…。（责任单位：A）" / "推行…" / "…。（责任单位：B）": each
    run of paragraphs that ends in a note is a measure, numbered in order; paragraphs after the
    last note stay paragraphs of the group."""
    children: list[Block] = []
    pending: list[Block] = []
    number = 0
    for child, has_note in zip(group.children, noted, strict=True):
        if children and not pending and _only_notes(child.text):
            children[-1].segments.extend(child.segments)  # a further note of the last measure
            continue
        pending.append(child)
        if has_note:
            number += 1
            item = Block(level=LEVEL_ITEM, number=number, parent=group,
                         segments=[seg for para in pending for seg in para.segments])
            children.append(item)
            pending = []
    group.children = children + pending


# Lines after which the numbered measures are over (DOCUMENT_TAIL) and a closing instruction
# to everyone after the last measure (CLOSING_INSTRUCTION): vocab/headings.py.
# A note of its own line that speaks for the measures before or after it (clean.py brackets
# the bare sentence): vocab.roles.SCOPE_NOTE.
# "专栏1 重点工程", "专栏 数字经济核心产业": a box whose numbered lines are not measures.
BOX_START = re.compile(r"^专栏\s*[0-9一二三四五六七八九十]*")
# Numbered notes to a table ("注：1.公交站点覆盖率按500米半径计算。" / "2.…"): the lines
# numbered on from the first are notes, like a box's lines, not measures.
FOOTNOTES_START = re.compile(r"^(?:注|备注|说明)\s*[:：]\s*(?=[1１①（(])")
# A short line without any punctuation after a finished measure: an issuer's name, a signature.
SIGNATURE_MAX_CHARS = 25




@dataclass
class _Box:
    """What the numbered lines of the current 专栏 box looked like.

    A box lists projects, usually numbered from 1 and short, without owners:
    "专栏1 政务服务重点项目" / "1.区政务服务中心改造工程" / "2.“一网通办”平台升级工程".
    A numbered line after it that continues the numbering of the group the box stands in
    ("3." after "1." "2." above the box) and reads unlike the box's lines (an owner note or a
    full sentence where the box had none) is the group's next measure: the box has ended. So
    is a line numbered "1." that restarts the list in the same way after a box of items.
    """

    last: int = 0  # the last "1." number in the box
    last_sub: int = 0  # the last "（1）" number in the box
    sentences: bool = False
    owners: bool = False

    def add(self, mark: Mark, line: str) -> None:
        if mark.level in (LEVEL_ITEM, LEVEL_SUBITEM):
            if mark.level == LEVEL_ITEM:
                self.last = mark.number
            else:
                self.last_sub = mark.number
            self.sentences = self.sentences or bool(SENTENCE_MARK.search(line))
            self.owners = self.owners or bool(OWNER_HINT.search(line))

    def ended_by(self, mark: Mark, line: str, stack: list[Block]) -> bool:
        """Also for "（3）推行…（区审批局牵头）" after a box, where "（1）" lines are the measures."""
        if mark.level not in (LEVEL_ITEM, LEVEL_SUBITEM):
            return False
        last = self.last if mark.level == LEVEL_ITEM else self.last_sub
        unlike = (bool(OWNER_HINT.search(line)) and not self.owners) or (
            bool(SENTENCE_MARK.search(line)) and not self.sentences)
        if mark.number == 1:
            return last >= 1 and unlike
        in_group, through = _previous_numbers(stack, mark.level)
        if mark.number not in (in_group + 1, through + 1):
            return False
        return mark.number != last + 1 or unlike


def _is_task_label(line: str, following: str, current: Block | None, stack: list[Block]) -> bool:
    """A short unpunctuated line after a finished measure, right before the measure that
    continues the numbering: a task heading (a merged cell), where a signature would end
    the document's measures."""
    if (len(line) > SIGNATURE_MAX_CHARS or current is None
            or current.level not in (LEVEL_ITEM, LEVEL_SUBITEM)
            or ANY_PUNCTUATION.search(line) or _is_open(current)):
        return False
    mark = match_mark(following)
    if mark is None or mark.level != LEVEL_ITEM:
        return False
    in_group, through = _previous_numbers(stack, LEVEL_ITEM)
    return mark.number in (in_group + 1, through + 1)


def _ends_the_measures(line: str, current: Block | None) -> bool:
    if DOCUMENT_TAIL.match(line) or BOX_START.match(line) or FOOTNOTES_START.match(line):
        return True
    if current is not None and current.level == LEVEL_PARA and _is_body(current):
        # the body of "一、免费算力供给": a finished measure, once absorbed
        return len(line) <= SIGNATURE_MAX_CHARS and not ANY_PUNCTUATION.search(line)
    if current is None or current.level in (LEVEL_PARA, LEVEL_PLAN) or _is_open(current):
        return False
    if current.level in (LEVEL_SECTION, LEVEL_GROUP) and current.is_bare_heading():
        return False
    return len(line) <= SIGNATURE_MAX_CHARS and not ANY_PUNCTUATION.search(line)


def _is_body(para: Block) -> bool:
    """A closed paragraph right under a heading that has nothing but paragraphs: its body,
    which _absorb_bodies will make part of it."""
    parent = para.parent
    return (parent is not None and parent.level in (LEVEL_SECTION, LEVEL_GROUP)
            and all(c.level == LEVEL_PARA for c in parent.children) and not _is_open(para))


def _is_plan_heading(line: str) -> bool:
    if PLAN_WORD not in line:  # PLAN_HEADING's literal: one test instead of 40 tries a line
        return False
    m = PLAN_HEADING.match(line)
    title = clean_heading_title(m.group("rest")) if m else ""
    # "各配套措施联络员名单": an annex of names, not a plan.
    return (bool(title) and not SENTENCE_MARK.search(line) and "配套措施。" not in line
            and not title.endswith(NAME_LIST_ENDS))


NAME_LIST_ENDS = ("名单", "通讯录", "联系表", "联系方式", "一览表")


def _plan_title(line: str) -> str:
    m = PLAN_HEADING.match(line)
    assert m is not None
    return clean_heading_title(m.group("rest"))


# "附件1" / "开办企业改革配套措施": each annex one plan, named before the words.
ANNEX_WORD = "附件"
ANNEX_NUMBER = re.compile(rf"^{ANNEX_WORD}\s{{0,2}}\d{{1,2}}$")
ANNEX_PLAN_TITLE = re.compile(r"^(?P<title>[^。，,；;：:]{2,16})配套措施$")


def _name_annex_plans(lines: list[str], annexes: list[int]) -> None:
    """Rewrite "开办企业改革配套措施" right under "附件1" as "配套措施—开办企业改革", the
    seed's form of a plan heading (a document's own title, not under an annex number, stays).
    ``annexes``: the lines that start with ANNEX_WORD, the only ones ANNEX_NUMBER can match."""
    for i in annexes:
        if not ANNEX_NUMBER.match(lines[i]):
            continue
        j = i + 1
        while j < len(lines) and not lines[j]:
            j += 1
        if j < len(lines) and (m := ANNEX_PLAN_TITLE.match(lines[j])):
            lines[j] = f"配套措施—{m.group('title')}"
            lines[i] = ""  # the annex number: the plan heading says what follows


def _looks_like_banner(line: str) -> bool:
    return len(line) <= HEADING_MAX_CHARS and not re.search(r"[。，,;；:：、]", line)


def _is_open(block: Block | None) -> bool:
    """True when the block's text stops mid-sentence (a page break split it)."""
    if block is None or not block.segments:
        return False
    # The last character of the text, from the last segment that has one: joining every
    # segment here would make a long paragraph of unpunctuated lines cost quadratic time.
    for _, last in reversed(block.segments):
        if last:
            break
    else:
        return False
    if last[-1] in TERMINAL:
        return False  # the usual block, ended by its full stop or note: no heading test
    return not (block.level == LEVEL_PLAN
                or (block.level != LEVEL_PARA and block.is_bare_heading()))


def _accepts_continuation(block: Block) -> bool:
    if block.level == LEVEL_PLAN:
        return False
    return not (block.level in (LEVEL_SECTION, LEVEL_GROUP) and block.is_bare_heading())


# Sub-item 1 opening after the item's headline, on the item's own line: "3．发展共同配送。（1）…".
INLINE_FIRST_SUBITEM = re.compile(r"(?<=[。；;：:])[ \t\u3000]{0,2}[（(]1[）)]")


def _inline_first_subitem(item: Block) -> Block | None:
    """Cut sub-item 1 out of the item's last line when sub-item 2 opens the next line."""
    lineno, seg = item.segments[-1]
    m = INLINE_FIRST_SUBITEM.search(seg)
    if m is None:
        return None
    item.segments[-1] = (lineno, seg[: m.start()])
    return Block(level=LEVEL_SUBITEM, number=1, segments=[(lineno, seg[m.end():])])


def _continues_sentence(
    mark: Mark, current: Block | None, stack: list[Block], warnings: list[Warning_], lineno: int
) -> bool:
    """Decide whether a line that starts like "3." is really the rest of a split sentence.

    Measures and sub-items are numbered in sequence, either within their group or straight
    through the groups ("（二）…" / "3．…"); a number out of sequence right after a block that
    stops mid-sentence is taken as text ("按实际使用外资额的" / "1.2%予以奖励").
    """
    if mark.level not in (LEVEL_ITEM, LEVEL_SUBITEM) or mark.number == 1:
        return False  # a list may always start over
    in_group, through = _previous_numbers(stack, mark.level)
    if mark.number in (1, in_group + 1, through + 1):
        return False
    if _is_open(current):
        return True
    expected = in_group + 1 if in_group else through + 1
    warnings.append(warning(lineno, "numbering-gap", "expected item {expected}, found {found}",
                            expected=expected, found=mark.number))
    return False


def _previous_numbers(stack: list[Block], level: int) -> tuple[int, int]:
    """The last number at ``level`` within the current parent, and within the plan."""
    parent = scope = stack[0]
    for b in reversed(stack):  # plain loops: this runs for every numbered line
        if b.level < level:
            parent = b
            break
    in_group = 0
    for c in reversed(parent.children):
        if c.level == level:
            in_group = c.number
            break
    for b in stack:
        if b.level == LEVEL_PLAN:
            scope = b
            break
    return in_group, scope.last_numbers.get(level, 0)


# A fragment a page break repeated: "…责任部门:市发展改革委)" / "委、市交通运输局)".
def _append_continuation(
    block: Block, lineno: int, line: str, after_blank: bool, warnings: list[Warning_]
) -> None:
    if not after_blank or paren_balance(line) >= 0:  # the usual case: no join of the block
        block.segments.append((lineno, line))
        return
    text = block.text
    if text and text[-1] in ")）" and paren_balance(text) == 0:
        overlap = _overlap(text[:-1], line)
        last_line, last_seg = block.segments[-1]
        block.segments[-1] = (last_line, last_seg[:-1])
        block.segments.append((lineno, line[overlap:]))
        warnings.append(warning(lineno, "page-break-repeat",
                                "joined a fragment repeated at a page break: {fragment!r}",
                                fragment=line[:20]))
        return
    block.segments.append((lineno, line))


def _overlap(before: str, fragment: str, limit: int = 12) -> int:
    """Length of the longest head of ``fragment`` that ``before`` already ends with."""
    for k in range(min(limit, len(fragment), len(before)), 0, -1):
        if before.endswith(fragment[:k]):
            return k
    return 0


__all__ = ["Block", "Outline", "build_outline", "LEVEL_PLAN", "LEVEL_PARA",
           "LEVEL_SECTION", "LEVEL_GROUP", "LEVEL_ITEM", "LEVEL_SUBITEM"]
