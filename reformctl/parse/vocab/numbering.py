"""Numbering marks that start headings, measures and sub-items, one named pattern each.

Levels, outermost first, as Chinese plans use them:
  1 "一、"   sections            "二、重点任务"
  2 "（一）" groups               "（一）大力发展货物贸易"
  3 "1."     measures             "1. 推行“1545”企业开办模式。", "1．", "1、", "1﹒"
  4 "（1）"  sub-items            "(1)8月底前,完成省定化工园区…", also ①…⑳ and "2.1"
           under a "2." item (a "2." heading over "2.1" "2.2" measures is lifted to a group,
           see structure._lift_decimal_headings)
  5 "1.1.1"  three-part decimals under a "1.1", lifted the same way: "1." a section, "1.1" a
           group, "1.1.1" its measures
Less common forms map onto the same levels: "Ⅱ、" sections, "行动一：…" headings (groups),
"第一条" articles and "1)" items (measures), "A." points (sub-items).
A plan heading of the seed's own layout ("配套措施—开办企业") is recognised separately.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reformctl.parse.vocab import alt, chars

_CN_DIGITS = "零〇一二三四五六七八九十百"
# The words that open a named heading: "行动一：", "专项行动二、", "重点任务3：", "攻坚行动二：",
# "工程一", "专项三 获得电力".
ACTION_PREFIXES = ("专项", "重点", "攻坚")
ACTION_WORDS = ("行动", "任务", "工程")
ACTION_STANDALONE = ("专项",)
_CIRCLED = "".join(map(chr, range(0x2460, 0x2474)))  # ①…⑳
_LETTERS = "ABCDEFGH"
ARTICLE = "第"

# "二、重点任务", "十一、保障措施"
SECTION_MARK = re.compile(rf"^([{_CN_DIGITS}]{{1,4}})[、．.]\s*")
# "（一）加强基础能力保障。", "(三)"
GROUP_MARK = re.compile(rf"^[（(]([{_CN_DIGITS}]{{1,4}})[）)]\s*")
# "1. 推行…", "1．强化…", "12、…", "3﹒…", "1) 建设…", "2）推进…"; not "1.2%" (a digit after
# the dot is a decimal).
# Also "3.12345热线诉求办理", "2.2024年6月底前…": three digits or more after the dot are a
# number of the text (a hotline, a year), not the decimals of "1.2%" or "3.5亿元".
# So are "8．5G基站…", "11．3D打印…": a digit run that a Latin letter ends.
ITEM_MARK = re.compile(
    r"^(\d{1,3})\s*(?:[.．、﹒](?![0-9])|[.．](?=[0-9]{3,}(?![0-9]*[.．%％‰万亿]))"
    r"|[.．](?=[0-9]{1,2}[A-Za-z])|(?P<paren>[)）]))\s*"
)
# "第一条 降低企业用地成本。…": the articles of a 若干措施 written like a regulation.
ARTICLE_MARK = re.compile(rf"^{ARTICLE}\s*([{_CN_DIGITS}]{{1,4}}|\d{{1,3}})\s*条[、:：.．]?\s*")
# "第二章　申报事项" over "第六条 …" articles: the chapters of a 实施细则 written like a
# regulation, sections whose articles are numbered on through the document. A heading line
# only ("第三章规定，…" opens a sentence).
CHAPTER_MARK = re.compile(
    rf"^{ARTICLE}\s*([{_CN_DIGITS}]{{1,4}}|\d{{1,3}})\s*章[、:：.．]?\s*(?=[^。，,；;：:]{{0,30}}$)")
# "行动一：产业链提升行动", "专项行动二、…", "任务3：…": named headings over numbered measures.
# Also "专项一：开办企业", "攻坚行动二：…", "专项三 获得电力" (a space for the colon).
ACTION_MARK = re.compile(
    rf"^(?:{alt(ACTION_PREFIXES)}?{alt(ACTION_WORDS)}|{alt(ACTION_STANDALONE)})"
    rf"\s*([{_CN_DIGITS}]{{1,3}}|\d{{1,2}})"
    r"\s*(?P<sep>[:：、.．]|\s+(?=\S))?\s*"
)
# Without a separator only a number closing the line is one: "专项一般债券…", "重点工程三期"
# and "任务一览表" are words. (Cleaning would drop the space of "专项二 获得信贷", so
# clean.mark_heading_space turns it into a colon first.)
# "Ⅱ、优化法治环境": sections numbered with Roman numerals.
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
ROMAN_SECTION_MARK = re.compile(rf"^([{_ROMAN}])\s*[、.．]\s*")
# "A.建设智能工厂10个；": lettered points under a measure.
LETTER_MARK = re.compile(rf"^([{_LETTERS}])\s*[.．、]\s*(?=[\u4e00-\u9fff“])")
# "1.1 加快工业互联网平台建设。", "2.3培育…": decimal numbering under a "2." heading. Not
# "1.2%…", "2.5亿元…" (a number, not a mark); structure.py also requires a "2." item above.
DECIMAL_MARK = re.compile(r"^(\d{1,2})[.．](\d{1,2})(?![\d.．%％‰万亿元个倍])\s*")
# "1.1.1 新建5G基站2000个。": three-part decimals under a "1.1" heading (and "1." above it).
DECIMAL3_MARK = re.compile(
    r"^(\d{1,2})[.．](\d{1,2})[.．](\d{1,2})(?![\d.．%％‰万亿元个倍])\s*"
)
# "(1)8月底前…", "（2）依托…"
SUBITEM_MARK = re.compile(r"^[（(](\d{1,2})[）)]\s*")
# "①…" … "⑳…"
CIRCLED_MARK = re.compile(rf"^([{_CIRCLED}])\s*")
# "配套措施一开办企业", "泰安市优化营商环境创新突破行动 配套措施—提升创新创业活跃度"
PLAN_WORD = "配套措施"
PLAN_HEADING = re.compile(rf"^(?P<prefix>.{{0,40}}?){PLAN_WORD}(?P<rest>.{{0,40}})$")
# Plan header notes (PLAN_HEADER_NOTE, LEADER_FIELD, COORDINATOR_FIELD) are in vocab/roles.py.

LEVEL_SECTION, LEVEL_GROUP, LEVEL_ITEM, LEVEL_SUBITEM = 1, 2, 3, 4
LEVEL_DECIMAL3 = 5  # "1.1.1", until structure._lift_decimal_headings gives it its role


class Mark(NamedTuple):
    """A numbering mark: a tuple, because one is made for every numbered line (a tuple is
    built several times faster than a frozen dataclass)."""

    level: int
    number: int
    length: int  # characters of the mark itself, stripped from the text
    parent: int = 0  # for a decimal mark "2.3", the number of the item it belongs to (2)
    top: int = 0  # for "1.2.3", the first number (1); parent is then the second (2)
    # How an item is written when that changes its role: "paren" for "1)" (a point inside a
    # "1." measure), "article" for "第一条" (a measure only in a list of articles), "chapter"
    # for "第二章" (a section of articles).
    style: str = ""


def cn_to_int(s: str) -> int:
    """Chinese numerals of list marks: 一 → 1, 十一 → 11, 二十 → 20, 一百 → 100."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
    total, current = 0, 0
    for ch in s:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


# The first characters of a heading's name: 行, 专, 重, 任, 工, 攻.
_ACTION_STARTS = chars((*ACTION_PREFIXES, *ACTION_WORDS, *ACTION_STANDALONE), 0)
# Every mark opens with a digit (\d is str.isdecimal, Unicode digits too) or one of these,
# made from the marks' own blocks: brackets of "（一）"/"（1）", Chinese numerals of "一、",
# ①…⑳, 第 of "第一条", a heading's first character, Roman numerals, letters. Most lines open
# with none, and one test tells, so match_mark skips its patterns.
_MARK_OPENERS = frozenset("（(" + _CN_DIGITS + _CIRCLED + ARTICLE + _ROMAN + _LETTERS) | _ACTION_STARTS
# The patterns match_mark tries, in its order.
MARK_PATTERNS = (ITEM_MARK, DECIMAL3_MARK, DECIMAL_MARK, SUBITEM_MARK, GROUP_MARK, SECTION_MARK,
                 CIRCLED_MARK, ARTICLE_MARK, CHAPTER_MARK, ACTION_MARK, ROMAN_SECTION_MARK,
                 LETTER_MARK)


def match_mark(line: str) -> Mark | None:
    """The numbering mark at the start of a cleaned line, if any."""
    if not line or (line[0] not in _MARK_OPENERS and not line[0].isdecimal()):
        return None
    if m := ITEM_MARK.match(line):  # the usual mark: by position (no keyword), no parent
        return Mark(LEVEL_ITEM, int(m.group(1)), m.end(), 0, 0,
                    "paren" if m.lastgroup == "paren" else "")
    if m := DECIMAL3_MARK.match(line):
        return Mark(LEVEL_DECIMAL3, int(m.group(3)), m.end(), parent=int(m.group(2)),
                    top=int(m.group(1)))
    if m := DECIMAL_MARK.match(line):
        return Mark(LEVEL_SUBITEM, int(m.group(2)), m.end(), parent=int(m.group(1)))
    if m := SUBITEM_MARK.match(line):
        return Mark(LEVEL_SUBITEM, int(m.group(1)), m.end())
    if m := GROUP_MARK.match(line):
        return Mark(LEVEL_GROUP, cn_to_int(m.group(1)), m.end())
    if m := SECTION_MARK.match(line):
        return Mark(LEVEL_SECTION, cn_to_int(m.group(1)), m.end())
    if m := CIRCLED_MARK.match(line):
        return Mark(LEVEL_SUBITEM, ord(m.group(1)) - 0x2460 + 1, m.end())
    return _match_rare_mark(line)


class MarkMemo(dict[str, "Mark | None"]):
    """``match_mark`` of each distinct line, worked out once (``memo[line]``): the line passes
    and the outline ask it of the same lines. One per document."""

    def __missing__(self, line: str) -> Mark | None:
        mark = self[line] = match_mark(line)
        return mark


def _match_rare_mark(line: str) -> Mark | None:
    """Marks of layouts less common than the seed's, tried last."""
    first = line[:1]
    if first == ARTICLE and (m := ARTICLE_MARK.match(line)):
        number = m.group(1)
        return Mark(LEVEL_ITEM, int(number) if number.isdecimal() else cn_to_int(number),
                    m.end(), style="article")
    if first == ARTICLE and (m := CHAPTER_MARK.match(line)):
        number = m.group(1)
        return Mark(LEVEL_SECTION, int(number) if number.isdecimal() else cn_to_int(number),
                    m.end(), style="chapter")
    if first in _ACTION_STARTS and (m := ACTION_MARK.match(line)) and (
            m.group("sep") or len(line) == m.end()):
        number = m.group(1)
        return Mark(LEVEL_GROUP, int(number) if number.isdecimal() else cn_to_int(number),
                    m.end())
    if first in _ROMAN and (m := ROMAN_SECTION_MARK.match(line)):
        return Mark(LEVEL_SECTION, _ROMAN.index(m.group(1)) + 1, m.end())
    if first in _LETTERS and (m := LETTER_MARK.match(line)):
        return Mark(LEVEL_SUBITEM, ord(m.group(1)) - ord("A") + 1, m.end())
    return None
