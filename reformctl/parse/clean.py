"""Named cleaning steps for one source line at a time.

Cleaning works line by line so that every character of the cleaned text still belongs to
exactly one source line (STYLE §8: never lose the source). Steps that need more than one
line (joining page-break splits, dropping a repeated fragment) live in ``structure.py``,
which joins cleaned lines into blocks and keeps a character → line map.

The text keeps the document's own punctuation (half- or full-width): users compare the
output with the PDF by eye, and the extractors accept both forms.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable

from reformctl.parse.vocab import char_class
from reformctl.parse.vocab.roles import (
    BARE_ROLE_LABEL,
    BARE_ROLE_LABEL_ENDS,
    CELL_ROLE_AT_CLAUSE_END,
    DIVISION_LABELS,
    DIVISION_LINE,
    OTHER_BRACKETS,
    PLAN_HEADER,
    SCOPE_NOTE_LINE,
    SCOPE_STARTS,
)
from reformctl.parse.vocab.time import BARE_TIME_LABEL, TIME_LABEL_ENDS

LineStep = Callable[[str], str]

# Markdown bold left by the PDF → text conversion: "1. **优化工程建设项目招投标事项办理。**6月中旬前"
BOLD_MARKER = "**"

# Full-width ASCII letters and digits (０-９, Ａ-Ｚ, ａ-ｚ) fold to half-width; punctuation is kept.
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}

# Spaces a PDF puts around Latin text and digits inside Chinese: "6 月底前", "使用 CA 数字证书".
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》"
# Only the start of a run of spaces may match, so a long run is scanned once, not once per
# space (a run not followed by Chinese would otherwise cost quadratic time).
# The plain form: (?<![ws])(?:(?<=[CJK])[ws]+|[ws]+(?=[CJK])). Written to open with the space
# class itself (the lookbehinds then look two characters back, past the space taken), so the
# engine skips to the next space at C speed: same matches (tests/test_parse_fastpaths.py).
_SPACE = "[ \t\u3000\xa0]"
SPACE_NEXT_TO_CJK = re.compile(
    rf"{_SPACE}(?<!{_SPACE}.)(?:(?<=[{_CJK}].){_SPACE}*|{_SPACE}*(?=[{_CJK}]))", re.DOTALL
)

# A stray English conjunction inside Chinese: "签约的 18 个利用外资项目 and 市活动平台签约的".
STRAY_AND = re.compile(rf"(?<=[{_CJK}0-9])[ \t\u3000]{{0,3}}and[ \t\u3000]{{0,3}}(?=[{_CJK}])")

# Zero-width characters and the BOM that some exports leave inside lines.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# Spaces other than the four every step knows (" ", tab, U+3000, U+00A0): EM SPACE before every
# line of a provincial plan ("\u2003\u2003一、重点任务"), EN SPACE, THIN SPACE, NARROW NO-BREAK
# SPACE, vertical tab, form feed. Each becomes " ", so indentation and spacing in any of them
# reads like ASCII spaces (every Unicode space separator, category Zs, is in this set or is
# one of the four: tests/test_layouts.py checks).
OTHER_SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
               "\u202f\u205f\x0b\x0c"
_OTHER_SPACES_TO_SPACE = {ord(c): " " for c in OTHER_SPACES}
# One of them: str.translate looks every character up in the table (~9 µs for a line of the
# seed's), a search of the class finds none at C speed in almost every line.
_OTHER_SPACE = re.compile(f"[{OTHER_SPACES}]")


# Page-number lines, whole line only: "- 3 -", "—3—", "－ 12 －", "第3页", "第 3 页 共 12 页",
# "3/12", "Page 3", "Page 3 of 12", "·3·".
PAGE_NUMBER = re.compile(
    r"^\s*(?:"
    r"[-—–－─·•]+\s*\d{1,4}\s*[-—–－─·•]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r")\s*$",
    re.IGNORECASE,
)
# Longer lines are never a page number alone (the longest form above is "第 3 页 共 12 页").
PAGE_NUMBER_MAX_CHARS = 24


def drop_page_number(line: str) -> str:
    """A page number left in the text of a PDF ("— 3 —") is no text: the line becomes blank,
    which keeps the line count and reads like the page break it was."""
    if len(line) > PAGE_NUMBER_MAX_CHARS or not PAGE_NUMBER.match(line):
        return line
    return ""


def strip_invisible(line: str) -> str:
    return INVISIBLE.sub("", line) if not line.isascii() else line


def fold_other_spaces(line: str) -> str:
    """"\u2003\u2003一、重点任务" → "  一、重点任务": any Unicode space is a space."""
    return line.translate(_OTHER_SPACES_TO_SPACE) if _OTHER_SPACE.search(line) else line


# Radicals for ordinary characters: the text layer of some PDFs (fonts that share one glyph
# between a character and its radical) gives "6⽉底前", "⼀、提升…", "落地⻅效", "跨部⻔".
# Kangxi radicals (U+2F00–U+2FD5) fold to their character by NFKC (⽉→月, ⼀→一, ⾨→門); the
# CJK radicals supplement (U+2E80–U+2EFF) has no such folding but for two, so the radicals
# there that stand for a whole character are listed by name (the name is checked in
# tests/test_parse_fastpaths.py). Component forms ("⺡" three-dots water) are left alone.
RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
_SUPPLEMENT_RADICALS = {
    "⺁": "厂",  # CJK RADICAL CLIFF
    "⺝": "月",  # CJK RADICAL MOON
    "⺟": "母",  # CJK RADICAL MOTHER
    "⺠": "民",  # CJK RADICAL CIVILIAN
    "⺩": "王",  # CJK RADICAL JADE
    "⺼": "月",  # CJK RADICAL MEAT
    "⻄": "西",  # CJK RADICAL WEST TWO
    "⻅": "见",  # CJK RADICAL C-SIMPLIFIED SEE
    "⻆": "角",  # CJK RADICAL SIMPLIFIED HORN
    "⻉": "贝",  # CJK RADICAL C-SIMPLIFIED SHELL
    "⻋": "车",  # CJK RADICAL C-SIMPLIFIED CART
    "⻑": "長",  # CJK RADICAL LONG ONE
    "⻓": "长",  # CJK RADICAL C-SIMPLIFIED LONG
    "⻔": "门",  # CJK RADICAL C-SIMPLIFIED GATE
    "⻘": "青",  # CJK RADICAL BLUE
    "⻙": "韦",  # CJK RADICAL C-SIMPLIFIED TANNED LEATHER
    "⻚": "页",  # CJK RADICAL C-SIMPLIFIED LEAF
    "⻛": "风",  # CJK RADICAL C-SIMPLIFIED WIND
    "⻜": "飞",  # CJK RADICAL C-SIMPLIFIED FLY
    "⻝": "食",  # CJK RADICAL EAT ONE
    "⻢": "马",  # CJK RADICAL C-SIMPLIFIED HORSE
    "⻣": "骨",  # CJK RADICAL BONE
    "⻤": "鬼",  # CJK RADICAL GHOST
    "⻥": "鱼",  # CJK RADICAL C-SIMPLIFIED FISH
    "⻦": "鸟",  # CJK RADICAL C-SIMPLIFIED BIRD
    "⻧": "卤",  # CJK RADICAL C-SIMPLIFIED SALT
    "⻨": "麦",  # CJK RADICAL SIMPLIFIED WHEAT
    "⻩": "黄",  # CJK RADICAL SIMPLIFIED YELLOW
    "⻪": "黾",  # CJK RADICAL C-SIMPLIFIED FROG
    "⻬": "齐",  # CJK RADICAL C-SIMPLIFIED EVEN
    "⻮": "齿",  # CJK RADICAL C-SIMPLIFIED TOOTH
    "⻰": "龙",  # CJK RADICAL C-SIMPLIFIED DRAGON
    "⻳": "龟",  # CJK RADICAL C-SIMPLIFIED TURTLE
}
RADICAL_FOLD: dict[int, str] = {
    **{cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)},
    **{ord(radical): char for radical, char in _SUPPLEMENT_RADICALS.items()},
}


def fold_radicals(line: str) -> str:
    """"6⽉底前完成" → "6月底前完成": radicals a PDF's text layer gives for characters."""
    return line.translate(RADICAL_FOLD) if RADICAL.search(line) else line


FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def fold_fullwidth_alnum(line: str) -> str:
    return line.translate(_FULLWIDTH_ALNUM) if FULLWIDTH_ALNUM.search(line) else line


def strip_bold(line: str) -> str:
    return line.replace("**", "") if "**" in line else line


def squeeze_cjk_spaces(line: str) -> str:
    if " " not in line and "\t" not in line and "\u3000" not in line and "\xa0" not in line:
        return line
    return _squeeze_spaces(line)


def _squeeze_spaces(line: str) -> str:
    """squeeze_cjk_spaces for a line that holds a space (clean_line has looked)."""
    if line.lstrip(" \t\u3000\xa0")[:1] in "专行任重攻":
        line = HEADING_NUMBER_SPACE.sub(r"\1：", line, count=1)
    return SPACE_NEXT_TO_CJK.sub("", line)


# "专项二 获得信贷": the space is the heading's separator; squeezed away, "专项二获得信贷"
# could not be told from "专项一般债券…", so it becomes a colon first.
HEADING_NUMBER_SPACE = re.compile(
    r"^([ \t\u3000\xa0]*(?:(?:专项|重点|攻坚)?(?:行动|任务|工程)|专项)[一二三四五六七八九十]{1,3})"
    r"[ \t\u3000\xa0]+(?=\S)")


def fix_stray_and(line: str) -> str:
    return STRAY_AND.sub("和", line) if "and" in line else line


def strip_edges(line: str) -> str:
    return line.strip(" \t\r\u3000\xa0")


# Owner and time labels written as plain text instead of a parenthetical note:
#   "牵头单位：市发展改革委；责任单位：市财政局"  /  "完成时限：2022年6月底前"
# (vocab.roles.BARE_ROLE_LABEL, vocab.time.BARE_TIME_LABEL). A cheap first look: the last
# character of any such label, then its colon.
_LABEL_ENDS = char_class(BARE_ROLE_LABEL_ENDS | TIME_LABEL_ENDS)
LABEL_COLONS = ":："
LABEL_COLON = re.compile(rf"{_LABEL_ENDS}\s*[{LABEL_COLONS}]")
# Which label kinds the last character before a colon allows.
_LABEL_KINDS = (
    (BARE_ROLE_LABEL, "role", BARE_ROLE_LABEL_ENDS),
    (BARE_TIME_LABEL, "time", TIME_LABEL_ENDS),
)
_PARENS = re.compile("[(（)）]")
# A bracket, or a label's last character and its colon: rf"[(（)）]|{LABEL_COLON.pattern}",
# written to open with one class so that the engine skips ahead at C speed (an alternation
# of classes is tried at every character).
_LABEL_COLON_OR_PAREN = re.compile(
    rf"[(（)）{_LABEL_ENDS[1:-1]}](?:(?<=[(（)）])|(?<={_LABEL_ENDS})\s*[{LABEL_COLONS}])")
_OPENING, _CLOSING = frozenset("(（"), frozenset(")）")


def bracket_bare_labels(line: str) -> str:
    """Wrap label runs outside parentheses in （…）, so they read like the usual notes.

    "1. 推进…。牵头单位：市发展改革委；完成时限：2022年6月底前" becomes
    "1. 推进…。（牵头单位：市发展改革委）（完成时限：2022年6月底前）". Owner and time
    runs are wrapped apart, so one note never mixes departments and dates.
    """
    return bracket_labels_after(line, first_label_colon(line))


def first_label_colon(line: str) -> re.Match[str] | None:
    """``LABEL_COLON.search(line)``, after a look for a colon: a line without one (a quarter
    of a plan's lines) holds no label, and str's test finds that at C speed (memchr), where the
    search tries the label class at every character."""
    if LABEL_COLONS[0] not in line and LABEL_COLONS[1] not in line:
        return None
    return LABEL_COLON.search(line)


def bracket_labels_after(line: str, first: re.Match[str] | None) -> str:
    """bracket_bare_labels, given ``LABEL_COLON.search(line)`` (line_passes has searched
    already)."""
    if first is None or one_note_holds_every_label(line, first.start()):
        return line
    return bracket_loose_labels(line, first)


def bracket_loose_labels(line: str, first: re.Match[str]) -> str:
    """bracket_labels_after for a line whose labels one note does not hold: walk its brackets
    for labels that stand outside them ("loose") and wrap those."""
    # Labels inside a note ("(牵头部门:…)", the usual case) stay as they are: look only for
    # kinds whose colon stands outside parentheses (a label has no parenthesis inside it),
    # counting brackets the way _depth_at does: before the first colon with str.count, then
    # bracket by bracket.
    head = line[: first.start()]
    opened = head.count("(") + head.count("（")
    closed = head.count(")") + head.count("）")
    last_chars: set[str] = set()
    for m in _LABEL_COLON_OR_PAREN.finditer(line, first.start()):
        found = m.group()
        if found in _OPENING:
            opened += 1
        elif found in _CLOSING:
            closed += 1
        elif opened <= closed:
            last_chars.add(found[0])
    if not last_chars:
        return line
    starts: list[tuple[int, str]] = []
    brackets: _Brackets | None = None
    for pattern, kind, ends in _LABEL_KINDS:
        if last_chars.isdisjoint(ends):
            continue  # "牵头部门:" only: no time label to look for, and the other way round
        brackets = brackets or _Brackets(line)
        for m in pattern.finditer(line):
            if brackets.depth_at(m.start()) == 0 and not brackets.closes_earlier(m.start()):
                starts.append((m.start(), kind))
    if not starts:
        return line
    starts.sort()
    runs: list[tuple[int, int]] = []
    for i, (start, kind) in enumerate(starts):
        if runs and starts[i - 1][1] == kind:
            continue  # "牵头单位：X；责任单位：Y" stays one note
        end = next((s for s, k in starts[i + 1:] if k != kind), len(line))
        runs.append((start, end))
    out, last = [], 0
    for start, end in runs:
        out.append(line[last:start])
        out.append("（" + line[start:end].rstrip("；;，,。 ") + "）")
        last = end
    out.append(line[last:])
    return "".join(out)


def one_note_holds_every_label(line: str, first: int) -> bool:
    """The usual line, "1. 推进…。(牵头部门:X;责任部门:Y)": one bracket pair, and every label
    colon inside it (``first``: where the first starts). Then bracket_bare_labels finds no label
    outside a note (its bracket loop counts the same: depth 0 before the "(" and after the
    ")"), without walking the brackets; and the line leaves no bracket open."""
    opening = _only_one(line, "(", "（")
    if not 0 <= opening < first:
        return False
    closing = _only_one(line, ")", "）")
    # A label's match holds no bracket, so one that starts before the "(" ends before it.
    return first < closing and LABEL_COLON.search(line, closing) is None


def _only_one(line: str, half: str, full: str) -> int:
    """Where the line's one bracket of a kind stands, half- or full-width; -1 when it holds
    none or more than one. str.find and str.rfind jump to a character at C speed (memchr),
    where str.count looks at every character."""
    at = line.find(half)
    if at >= 0:
        return at if full not in line and line.rfind(half) == at else -1
    at = line.find(full)
    return at if at >= 0 and line.rfind(full) == at else -1


class _Brackets:
    """The brackets of a line, indexed once, for the two questions bracket_bare_labels asks
    at every label: is it inside a bracket (the brackets before it open more than they
    close), and does a bracket after it close one opened before it ("…责任部门:市住房城乡建设局
    等)": the note opened on the line before). Asked by counting the head and scanning the
    tail, each cost the line's length per label: quadratic in a long line of labels (a page
    pasted without its line breaks). Here each is a binary search.
    """

    def __init__(self, line: str) -> None:
        self.opens: list[int] = []  # positions of opening brackets
        self.closes: list[int] = []
        self.positions: list[int] = []  # every bracket, in order
        levels: list[int] = []  # openings minus closings up to and including each bracket
        level = 0
        for m in _PARENS.finditer(line):
            if m.group() in _OPENING:
                self.opens.append(m.start())
                level += 1
            else:
                self.closes.append(m.start())
                level -= 1
            self.positions.append(m.start())
            levels.append(level)
        self.levels = levels
        # lowest[k]: the lowest level from bracket k to the end of the line
        self.lowest = levels[:]
        for k in range(len(levels) - 2, -1, -1):
            self.lowest[k] = min(self.lowest[k], self.lowest[k + 1])

    def depth_at(self, pos: int) -> int:
        """Brackets open at ``pos``: those opened before it less those closed, at least 0."""
        opened = bisect_left(self.opens, pos)
        return max(0, opened - bisect_left(self.closes, pos)) if opened else 0

    def closes_earlier(self, pos: int) -> bool:
        """True when, counting from ``pos`` on, the brackets close more than they open."""
        k = bisect_left(self.positions, pos)
        if k == len(self.positions):
            return False
        return self.lowest[k] < (self.levels[k - 1] if k else 0)


# Order matters: bold markers go before the space step so "** 三零 **" loses both.
# A sentence of its own that gives owners to the measures around it, written without brackets:
# vocab.roles.SCOPE_NOTE_LINE.


# A note in other brackets (vocab.roles.OTHER_BRACKETS) opens with a role label or ends a
# clause with a role word: "〔责任单位：…〕", "[责任单位：…]", "〔市科技局牵头〕".
_OTHER_OPENERS = "".join(o for o, _ in OTHER_BRACKETS)
_NOTE_INSIDE = re.compile(
    rf"^(?:{BARE_ROLE_LABEL.pattern})|{CELL_ROLE_AT_CLAUSE_END.pattern}")


def round_note_brackets(line: str) -> str:
    """"〔责任单位：市金融办、各区〔县、市〕政府〕" → "（责任单位：市金融办、各区〔县、市〕政府）":
    an owner note in other brackets is written in （）, so every later step reads it as a note
    (and its closing bracket is no part of the last name); brackets inside it stay."""
    for opener, closer in OTHER_BRACKETS:
        if opener not in line:
            continue
        for start, end in reversed(_outer_pairs(line, opener, closer)):
            inner = line[start + 1:end]
            if _NOTE_INSIDE.search(inner) and not PLAN_HEADER.search(inner):
                line = f"{line[:start]}（{inner}）{line[end + 1:]}"
    return line


# Each kind's two brackets, to walk a line from bracket to bracket.
_BRACKET_PAIR = {(opener, closer): re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")
                 for opener, closer in OTHER_BRACKETS}


def _outer_pairs(line: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """Positions of the outermost matched ``opener``…``closer`` pairs of the line."""
    pairs: list[tuple[int, int]] = []
    depth, start = 0, 0
    for m in _BRACKET_PAIR[opener, closer].finditer(line):  # the brackets only, not every character
        i, ch = m.start(), m.group()
        if ch == opener:
            if depth == 0:
                start = i
            depth += 1
        elif ch == closer and depth:
            depth -= 1
            if depth == 0:
                pairs.append((start, i))
    return pairs


DIVISION_STARTS = tuple({label[0] for label in DIVISION_LABELS})


def bracket_division_line(line: str) -> str:
    """"部门分工：市水利局牵头，各地、各部门配合。" → "（市水利局牵头，各地、各部门配合）":
    the line is the owner note of the measure above it."""
    if not line.startswith(DIVISION_STARTS):
        return line
    m = DIVISION_LINE.match(line)
    return f"（{m.group('note')}）" if m else line


def bracket_scope_note(line: str) -> str:
    """"以上任务由X牵头，Y配合。" → "（以上任务由X牵头，Y配合）", so it reads as an owner note."""
    if not line.startswith(SCOPE_STARTS):
        return line
    return f"（{line.rstrip('。')}）" if SCOPE_NOTE_LINE.match(line) else line


LINE_STEPS: tuple[LineStep, ...] = (
    fold_other_spaces,
    strip_invisible,
    fold_radicals,
    fold_fullwidth_alnum,
    strip_bold,
    fix_stray_and,
    round_note_brackets,
    squeeze_cjk_spaces,
    strip_edges,
    drop_page_number,
    bracket_scope_note,
    bracket_division_line,
)
# bracket_bare_labels is a line step too, but it needs to know whether the line starts inside
# a note opened on an earlier line, so structure.build_outline applies it (see there).


# The first four steps each change a line only if it holds a character of their class (the
# search each makes first); the next three look for "**", "and" and other brackets.
_CHARACTER_STEPS: tuple[tuple[re.Pattern[str], LineStep], ...] = (
    (_OTHER_SPACE, fold_other_spaces),
    (INVISIBLE, strip_invisible),
    (RADICAL, fold_radicals),
    (FULLWIDTH_ALNUM, fold_fullwidth_alnum),
)
# Any character one of the first seven steps looks for: most lines hold none, and one search
# (with a test for "and") tells, so clean_line skips them (the result is the same). One class,
# made of the four classes, "*" and the other brackets' openers, so that the engine skips
# ahead to it at C speed (which it cannot do for "[…]|and").
_RARE_CHARS = re.compile(
    "[" + "".join(gate.pattern[1:-1] for gate, _ in _CHARACTER_STEPS)
    + re.escape(BOLD_MARKER[0] + _OTHER_OPENERS) + "]"
)


def clean_line(line: str, steps: tuple[LineStep, ...] = LINE_STEPS) -> str:
    if steps is not LINE_STEPS:
        for step in steps:
            line = step(line)
        return line
    if "and" in line or _RARE_CHARS.search(line):
        line = _rare_steps(line)
    # LINE_STEPS[7:] in turn, written out: five calls a line fewer (the test compares).
    if " " in line or "\t" in line or "\u3000" in line or "\xa0" in line:
        line = _squeeze_spaces(line)
    line = line.strip(" \t\r\u3000\xa0")  # strip_edges
    if len(line) <= PAGE_NUMBER_MAX_CHARS and PAGE_NUMBER.match(line):
        return ""  # drop_page_number; bracket_scope_note leaves "" as it is
    if line[:1] not in _NOTE_LINE_FIRST:
        return line  # the usual line: neither a scope note nor a division line
    if line.startswith(SCOPE_STARTS):
        return bracket_division_line(bracket_scope_note(line))
    return bracket_division_line(line) if line.startswith(DIVISION_STARTS) else line


# The first characters of the lines the last two steps rewrite: one test for both.
_NOTE_LINE_FIRST = frozenset(start[0] for start in SCOPE_STARTS + DIVISION_STARTS)


def _rare_steps(line: str) -> str:
    """LINE_STEPS[:7] for a line that holds what one of them looks for ("1. **优化…。**6月中
    旬前"): a step of the first four runs only when the line holds a character of its class,
    found by one search for all of them rather than a search of the whole line each. None of
    them makes a character another looks for (spaces, characters, ASCII letters)."""
    held = "".join(set(_RARE_CHARS.findall(line)))
    for gate, step in _CHARACTER_STEPS:
        if gate.search(held):
            line = step(line)
    return round_note_brackets(fix_stray_and(strip_bold(line)))


# OCR noise after 配套措施: "配套措施一开办企业", "配套措施一—纳税", "配套措施一政务服务" for "配套措施—X".
HEADING_DASH_NOISE = re.compile(r"^(?:一?[—–\-－─]+|一(?=[^\s、，,。]))")
# The plan's own number after 配套措施: "配套措施二 获得用水用气", "配套措施二：开办企业",
# "配套措施2 开办企业", "配套措施之二：…". (一 alone is left to HEADING_DASH_NOISE.)
HEADING_NUMBER = re.compile(
    r"^(?:之?(?:[二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
    r"|之?[0-9０-９]{1,2}|之一|一(?=\s*[:：、.．\s]))\s*[:：、.．—–\-－]?\s*"
)


def clean_heading_title(title: str) -> str:
    """Drop the dash (or the 一 OCR read for it) that separates 配套措施 from the plan name,
    and the plan's number written there."""
    title = HEADING_NUMBER.sub("", title.strip(), count=1)
    return HEADING_DASH_NOISE.sub("", title.strip()).strip()
