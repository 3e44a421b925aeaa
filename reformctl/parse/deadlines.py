"""Deadline phrases: find them in a measure's text, classify them and resolve them to dates.

A supervision office asks "what is due in September?", so every time limit in a measure must
become a ``Deadline`` with a kind and, where the phrase names one, a calendar day:

=============  ===========================================  ====================================
kind           real phrases                                 date
=============  ===========================================  ====================================
``by``         9月底前, 6月中旬前, 7月上旬, 12月底确定…,     last day / day 20 / day 10 of the
               6月底完成, 2021年底, 年底前, 三季度末,       month; Dec 31; end of quarter or
               上半年, 到2025年, 年内, 5月31日前            half; the named day
``after``      7月底后, 7月1日起                           the boundary the phrase names
                                                            (7月底后 → Jul 31, 7月起 → Jul 1)
``recurring``  每月20日前 (day=20), 每季度, 每半年, 每年     None; ``unit`` is the period
``relative``   3个月内, 7日内, 三天内, 15个工作日内,        None (a plan has no anchor date);
               最长不超过30个工作日                         ``amount`` and ``unit`` are set
``period``     全年, 2021年全年, 2024-2025年                Dec 31 of the (last) year
``ongoing``    （持续推进，…）, 完成时限：长期坚持,          None
               …，按进度推进。
=============  ===========================================  ====================================

Deliberately *not* deadlines: bare years in targets ("2024年、2025年分别突破"), document
numbers ("〔2020〕46号"), anything inside 《…》 (titles of other documents), conditions
("工作时间6个月以上"), rules ("提前3天向…备案"), service times in hours ("2个小时内即可办结",
"最长4个小时"), and 持续推进 used as the verb of a sentence ("持续推进政务服务事项上网运行").

Every pattern lives here, is compiled once, and quotes the real phrase it exists for
(STYLE §6). Patterns have no nested quantifiers, so scanning is linear in the text length;
the whole seed (90k characters, 145 deadlines) is scanned in about 1.5 ms. Digits may be ASCII
or full-width and spaces may sit between digits and Chinese ("9 月底前"): the text is matched
as given, so spans are offsets into the caller's text.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from reformctl.model import Deadline
from reformctl.parse.numbers import parse_number

__all__ = ["find_deadlines", "find_unresolved", "scan_deadlines", "infer_year", "DEADLINE_LIKE"]

# Digits come ASCII or full-width ("９月底前" in an uncleaned text); int() reads both.
_D = "0-9０-９"
_CN_NUM = "零〇一二三四五六七八九十两百"
_CN_DIGITS = "零〇一二两三四五六七八九"  # numerals that are not 十/百

# Building blocks. A plan year is 20xx; a month is 1-12 in digits or Chinese numerals.
_YEAR = rf"(?<![{_D}])(?P<y>[2２][0０][{_D}]{{2}})"
_MONTH = (
    rf"(?<![{_D}.．{_CN_NUM}])"
    r"(?P<m>[1１][0-2０-２]|[0０]?[1-9１-９]|十[一二]?|[一二三四五六七八九])"
)
_TO = r"(?:(?P<pre>到|至|截至|截止到|截止)\s{0,3})?"


def _starts(chars: str) -> str:
    """A lookahead naming every character a match can start with.

    The patterns below begin with optional groups, which the regex engine otherwise tries in
    full at every position; failing on one character first makes them ~3x faster.
    """
    return f"(?=[{chars}])"


_TO_Y = f"到至截{_D}"  # first characters of _TO and _YEAR

# ---------------------------------------------------------------------------------------
# The patterns, one per phrase family. Those that begin with optional prefixes ("到",
# "2022年") are searched only near an anchor, a literal every match contains: see _matches.

# "9月底前", "9 月底前", "6月中旬前", "7月上旬", "7月底后", "12月底确定资金分配方案" (seed);
# "2022年6月底前" (完成时限：2022年6月底前), "6月底完成", "12月取得明显成效并持续推进" (baotou);
# "5月31日前", "7月1日起".
MONTH_DATE = re.compile(
    _starts(f"{_TO_Y}今本当明次一二三四五六七八九十")
    + rf"{_TO}(?:{_YEAR}\s{{0,3}}年\s{{0,3}}|(?P<cur>今年|本年|当年|明年|次年)\s{{0,3}})?{_MONTH}\s{{0,3}}月(?:\s{{0,3}}份)?"
    rf"(?:\s{{0,3}}(?P<d>[{_D}]{{1,2}})\s{{0,3}}[日号]|\s{{0,3}}(?P<part>中旬|上旬|下旬|底|末))?"
    r"(?:\s{0,3}(?P<suf>之前|以前|前|之后|以后|后|起))?"
)

# "力争2021年底整体普惠型小微企业贷款…" (seed), "年底前完成全部改造任务" (baotou),
# "到2025年底", "今年年底前", "明年年底", "年内". Not "较去年年底", not "5年内关税减让" (anhui).
YEAR_END = re.compile(
    _starts(f"{_TO_Y}今本当明次年")
    + rf"{_TO}(?:{_YEAR}\s{{0,3}}年(?:\s{{0,3}}年)?|(?P<cur>今|本|当|明|次)年(?:\s{{0,3}}年)?|年)(?:\s{{0,3}}度)?"
    r"\s{0,3}(?P<part>底|末|内)(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# "到2025年,累计建成开通5G基站27万个" (shandong), "到2028年,建成百个…" (guangdong),
# "2025年前", "2021年全年", "2024年起" (from Jan 1), "2025年全面完成" (a completion verb). A bare "2024年、2025年分别突破…" matches but is dropped.
# "前" is not "前三季度" (the first three quarters).
YEAR_ONLY = re.compile(
    _starts(_TO_Y) + rf"{_TO}{_YEAR}\s{{0,3}}年(?:\s{{0,3}}(?P<suf>之前|以前|前(?![{_CN_NUM}{_D}])|全年|起))?"
)

# "2024.03—2025.12" (a project's 开工/竣工时间), "2024年5月至2026年6月", "2024年3月—12月":
# the work is done by the end of the last month.
_MONTH2 = r"(?P<m2>[1１][0-2０-２]|[0０]?[1-9１-９])"
_MONTH1 = r"(?:[1１][0-2０-２]|[0０]?[1-9１-９])"
_SPAN = r"\s{0,3}[-—–~～至到]{1,2}\s{0,3}"
# Written with 年 (searched in the windows around 年, with the other 年 patterns) …
MONTH_RANGE = re.compile(
    _starts(_D) + rf"{_YEAR}\s{{0,3}}年\s{{0,3}}{_MONTH1}\s{{0,3}}月?{_SPAN}"
    rf"(?:(?P<y2>[2２][0０][{_D}]{{2}})\s{{0,3}}年\s{{0,3}})?{_MONTH2}(?![{_D}])"
    r"\s{0,3}(?:月(?:底|末)?(?:前)?)?"
)
# … or with dots, as in a table cell (looked for only in a text that holds a dot).
DOT_RANGE = re.compile(
    _starts(_D) + rf"{_YEAR}\s{{0,3}}[.．]\s{{0,3}}{_MONTH1}{_SPAN}"
    rf"(?:(?P<y2>[2２][0０][{_D}]{{2}})\s{{0,3}}[.．]\s{{0,3}})?{_MONTH2}(?![{_D}])"
    r"(?:\s{0,3}(?:月底前|月底|底前|前))?"
)

# "（完成时限：2024.10）", "2024.6前": year and month written with a dot, as in table cells.
# A deadline only after a time label or before 前/底 (else it may be a version or a number).
DOT_MONTH = re.compile(
    rf"(?<![{_D}.．])(?P<y>[2２][0０][{_D}]{{2}})[.．](?P<m>[1１][0-2０-２]|[0０]?[1-9１-９])(?![{_D}.．])"
    r"(?:\s{0,3}(?P<suf>底前|月底前|月底|前))?"
)

# "（2024-2025年）" (shandong title), "2021—2023年"; "《泰安市 2021 - 2022 年…》" is in 《》.
YEAR_RANGE = re.compile(
    _starts(_D) + rf"{_YEAR}\s{{0,3}}年?\s{{0,3}}[-—–~～至到]{{1,2}}\s{{0,3}}(?P<y2>[2２][0０][{_D}]{{2}})\s{{0,3}}年"
)

# "上半年", "上半年前", "2022年下半年".
HALF_YEAR = re.compile(
    _starts(f"{_TO_Y}今本上下")
    + rf"{_TO}(?:{_YEAR}\s{{0,3}}年\s{{0,3}}|(?P<cur>今年|本年)\s{{0,3}})?(?P<h>上|下)半年"
    r"(?:\s{0,3}(?P<part>底|末))?(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# "三季度末", "第三季度", "一季度", "2022年第四季度前". Not "前三季度".
QUARTER = re.compile(
    _starts(f"{_TO_Y}第一二三四")
    + rf"{_TO}(?:{_YEAR}\s{{0,3}}年\s{{0,3}})?(?:第\s{{0,3}})?(?<![{_D}])(?P<q>[一二三四1-4１-４])\s{{0,3}}季度"
    r"(?:\s{0,3}(?P<part>末|底))?(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# "全年“提前申报率”达到90%", "确保全年总体“好评率”100%" (seed, 跨境贸易).
WHOLE_YEAR = re.compile(r"全年")

# "每月20日前,市打私办和泰安海关共同研究上月通关时效情况" (seed, 跨境贸易 #10),
# "每半年考评一次" (baotou), "每年认定10家左右…" (shandong), "每季度", "每年年底前", "每3个月",
# "按季度通报", "按月调度" (按 only before a period: not "按年度计划").
RECURRING = re.compile(
    rf"(?:每|按(?=\s{{0,3}}(?:季度|月|半年|年度|周)(?!度?计划)))\s{{0,3}}(?:(?P<n>[{_D}{_CN_NUM}]+)\s{{0,3}})?个?\s{{0,3}}"
    r"(?P<per>工作日|季度|半年|月|季|年|周|旬|日|天)"
    # "每年12月底前", "每年6月30日前": a day of the year, every year.
    rf"(?:\s{{0,3}}(?<=年)(?P<mon>[1１][0-2０-２]|[0０]?[1-9１-９])\s{{0,3}}月(?:\s{{0,3}}[{_D}]{{1,2}}\s{{0,3}}[日号]|底|末)?)?"
    rf"(?:\s{{0,3}}(?P<d>[{_D}]{{1,2}})\s{{0,3}}[日号]|\s{{0,3}}(?P<part>年底|年末|月底|月末|季末|底|末))?"
    r"(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# "在3个月内按要求提交城建档案验收材料", "7日内作出工伤认定决定", "三天内予以回复",
# "15 个工作日内予以解决", "最长不超过 30 个工作日" (seed). Matched but dropped: "提前3天",
# "工作时间6个月以上", "2个小时内即可办结", "4个小时以内" (service times in hours).
# It starts with a character class (the lookbehind comes after it), which re scans fast;
# 月 counts only after 个 ("3个月内"), so "6月底前" is not tried here.
RELATIVE = re.compile(
    rf"(?P<n>[{_D}{_CN_NUM}](?<![{_D}.．{_CN_NUM}][{_D}{_CN_NUM}])[{_D}{_CN_NUM}]*"
    rf"(?:[.．][{_D}]+)?)\s{{0,3}}(?P<ge>个)?\s{{0,3}}"
    r"(?P<u>工作日|自然日|小时|星期|日|天|周|(?<=个)月|(?<=个\s)月)(?:\s{0,3}(?P<w>之内|以内|内))?"
)
# RELATIVE's pre-check: the first character of a unit right after what can stand before one
# (a numeral, a space or 个), and a 月 only after 个 or a space. Every RELATIVE match holds
# one; most measures hold none ("及时", "日常", "6月底前" do not count), and one search that
# fails costs less than RELATIVE's try at every numeral.
RELATIVE_GATE = re.compile(rf"[工自小星日天周月](?<=[{_D}{_CN_NUM}\s个].)(?<![^个\s]月)")

# "（持续推进，牵头考核单位：市审批服务局）", "（5月底取得阶段性成效并持续推进，…）",
# "（按进度推进，牵头考核单位：市发改委）" (baotou), "完成时限：长期坚持". Only as a time note,
# never as a verb: "持续推进政务服务事项上网运行" (seed, 政务服务 #3) is not a deadline.
# A bare 长期 only where _ongoing finds it standing alone: "（完成时限：长期）", "长期。".
ONGOING = re.compile(r"持续推进|长期坚持|按进度推进|常态化推进|长期推进|长期")
# "整改时限：立行立改", "即知即改", "立即整改": at once — a relative deadline of 0 days, so it is
# seen (and never dated: a plan names no day it starts from).
IMMEDIATE = re.compile(r"立行立改|即知即改|立查立改|立即整改|马上就办|立即办理")

# "《泰安市 2021 - 2022 年知识产权保护推进计划》" (seed): titles of other documents.
BOOK_TITLE = re.compile(r"《[^《》]*》")

# Phrases that look like time limits; those not covered by a found (or deliberately dropped)
# phrase are reported by find_unresolved. "在省规定时间内,除个别特殊、复杂事项外…" (seed, 纳税 #8).
# Every branch starts with a literal, so re scans for them fast.
DEADLINE_LIKE = re.compile(
    r"在\s{0,3}(?:省级|市级|国家|上级|省|市)?\s{0,3}规定(?:的)?\s{0,3}(?:时间|时限|期限)(?:\s{0,3}内)?"
    r"|规定(?:的)?\s{0,3}(?:时间|时限|期限)(?:\s{0,3}内)?"
    r"|限期完成|月底|月末|月初|中旬|上旬|下旬|季度|年底|年末|年内|个月内|日内|天内|工作日"
)
# infer_year: a header line that is only a date, "2022年4月14日" (baotou), "二〇二二年三月二十三日".
ISSUE_DATE_LINE = re.compile(
    rf"(?P<y>[2２][0０][{_D}]{{2}}|[〇零一二三四五六七八九]{{4}})\s{{0,3}}年"
    rf"\s{{0,3}}[{_D}一二三四五六七八九十]{{1,3}}\s{{0,3}}月\s{{0,3}}[{_D}一二三四五六七八九十]{{1,3}}\s{{0,3}}日"
)
# infer_year: a year in a title, "包头市2022年数字政府建设考评办法" (baotou); not "2022年4月".
TITLE_YEAR = re.compile(rf"{_YEAR}\s{{0,3}}年(?!\s{{0,3}}[{_D}]{{1,2}}\s{{0,3}}月)")
# infer_year: a title line names a kind of plan, "…行动计划（2024-2025年）" (shandong).
TITLE_WORD = re.compile(r"方案|办法|计划|措施|意见|要点|通知|规划|清单|细则|任务")

# Anchors: a literal every match of the pattern contains, and how far a match can reach
# before and after it ("截止到 2021 年 12 月" is 16 characters before 月's end).
_MONTH_ANCHOR = "月"
_YEAR_ANCHOR = "年"
_HALF_ANCHOR = "半年"
_QUARTER_ANCHOR = "季度"
_REACH_BACK = 14
_REACH_AHEAD = 12

# ---------------------------------------------------------------------------------------

_AFTER = ("之后", "以后", "后", "起")
# Characters before a bare 年底/年内 that make it another year's end or a length of years:
# "较去年年底", "5年内关税减让显著", "三年内", "每年年底" (recurring), "上年底".
_NOT_THIS_YEAR = set("0123456789０１２３４５６７８９" + _CN_NUM + "年去上前明往历每近半几多数千")
_NOTE_OPEN = set("（(：:并起")  # "2024年起长期坚持"
_CLAUSE_OPEN = set(",，;；、")
_NOTE_CLOSE = set(",，;；)）。")
# Words before a bare "30个工作日"/"30日" that make it a limit: "最长不超过 30 个工作日".
_LIMIT_WORDS = ("不超过", "不得超过", "最长", "最多", "限")

_BIG = 1 << 62
_IGNORE = "ignore"  # a handler's verdict: seen, deliberately not a deadline
class _Hit(NamedTuple):
    """A phrase a handler accepted: what its Deadline will say, once it wins its place (the
    Deadline is made then, once, with its source line)."""

    raw: str
    kind: str
    date: date | None
    span: tuple[int, int]
    day: int | None = None
    amount: float | None = None
    unit: str | None = None


_Verdict = _Hit | str | None
_Handler = Callable[[re.Match[str], str, int | None], _Verdict]
_Spans = list[tuple[int, int]]
# (anchor or None, literals one of which every match contains, their search when there are
# many, the patterns and their handlers): one group of _GROUPS.
_Group = tuple[
    str | None, tuple[str, ...], re.Pattern[str] | None, list[tuple[re.Pattern[str], _Handler]]
]


def find_deadlines(
    text: str, year: int | None, line_at: Callable[[int], int] | None = None
) -> list[Deadline]:
    """All deadline phrases in ``text``, in text order.

    ``year`` resolves phrases that do not name their own year ("9月底前" → ``year``-09-30);
    with ``year=None`` those keep ``date=None``. ``line_at`` gives the source line of an
    offset of ``text`` (without it, ``line`` stays None).
    """
    return _deadlines(_scan(text, year)[0], line_at)


def find_unresolved(text: str) -> list[tuple[int, int, str]]:
    """Phrases that look like time limits but are not a found deadline: (start, end, raw).

    The parser turns these into warnings, so a user learns what was not understood, e.g.
    "在省规定时间内" or a "月底前" without a month.
    """
    return _unresolved(text, _scan(text, None)[1])


def scan_deadlines(
    text: str, year: int | None, line_at: Callable[[int], int] | None = None
) -> tuple[list[Deadline], list[tuple[int, int, str]]]:
    """``(find_deadlines(text, year, line_at), find_unresolved(text))`` in one pass over the
    patterns, for the parser, which needs both for every measure."""
    books = _books(text) if "《" in text else []
    found, _, covered_without_year = _scan(text, year, without_year=True, books=books)
    return _deadlines(found, line_at), _unresolved(text, covered_without_year, books)


def _deadlines(hits: list[_Hit], line_at: Callable[[int], int] | None) -> list[Deadline]:
    return [Deadline(raw=h.raw, kind=h.kind, date=h.date,
                     line=line_at(h.span[0]) if line_at is not None else None, span=h.span,
                     day=h.day, amount=h.amount, unit=h.unit) for h in hits]


def _books(text: str) -> _Spans:
    """The spans of the 《…》 titles in ``text`` (sorted, disjoint)."""
    return [m.span() for m in BOOK_TITLE.finditer(text)] if "《" in text else []


def _unresolved(
    text: str, covered: _Spans, books: _Spans | None = None
) -> list[tuple[int, int, str]]:
    if books is None:
        books = _books(text)
    out: list[tuple[int, int, str]] = []
    for m in DEADLINE_LIKE.finditer(text):
        start, end = m.span()
        if (books and _inside(start, books)) or (covered and _overlaps(start, end, covered)):
            continue
        out.append((start, end, text[start:end]))
    return out


# Any plausible plan year: "2021年", "2021 年度", "2021跨国公司领导人青岛峰会".
ANY_YEAR = re.compile(r"(?<![0-9])(?P<y>20[0-4][0-9])(?![0-9])")
# A document number's year in brackets: "财库〔2020〕46号", "鲁自然资字[2020]94号".
DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\s{0,3}(?:19|20)[0-9]{2}\s{0,3}[〕\]］)）]")


def infer_year(text: str) -> int | None:
    """The plan year of a whole document, used to resolve "9月底前" to a calendar day.

    In order: a single year in a title line ("包头市2022年数字政府建设考评办法") — it beats the
    issue date because a 2023 plan may be issued in December 2022; then an issue date standing
    alone on a line ("2022年4月14日"); then the first year of a title range
    ("行动计划（2024-2025年）"), since a multi-year plan issued mid-range means the issue year;
    then the most frequent year named by a deadline phrase ("2021年底" in the seed; ties go to
    the earliest). Years inside 《…》 in body text and document numbers (〔2020〕) never count.
    """
    lines = [line.strip() for line in text.splitlines()]
    head = [line for line in lines if line][:12]
    title_lines = [
        line for line in head if len(line) <= 120 and "。" not in line and TITLE_WORD.search(line)
    ]
    range_start: int | None = None
    for line in title_lines:
        ranges = list(YEAR_RANGE.finditer(line))
        if ranges and range_start is None:
            range_start = int(ranges[0]["y"])
        in_range = [m.span() for m in ranges]
        for m in TITLE_YEAR.finditer(line):
            if not _inside(m.start(), in_range):
                return int(m["y"])
    for line in lines:
        issued = ISSUE_DATE_LINE.fullmatch(line)
        if issued:
            return _whole(issued["y"])
    if range_start is not None:
        return range_start
    years = _deadline_years(text)
    if not years:
        # Last resort: the year the text names most often anywhere, 《…》 titles included
        # ("《泰安市社会信用体系建设2021年工作要点》"), document numbers (〔2020〕46号) excepted.
        years = Counter(int(m["y"]) for m in ANY_YEAR.finditer(DOCUMENT_NUMBER.sub("", text)))
    if not years:
        return None
    top = max(years.values())
    return min(y for y, n in years.items() if n == top)


# Four digits that may be a year: every deadline phrase that names its own year holds them.
_YEAR_DIGITS = re.compile(f"[2２][0０][{_D}]{{2}}")
# No deadline phrase holds a full stop, so a scan cannot tell apart one that runs over it.
_CUT = "。"


def _deadline_years(text: str) -> Counter[int]:
    """``Counter(d.date.year for d in find_deadlines(text, None) if d.date)``, scanning only
    the sentences that hold four digits of a year.

    With ``year=None`` only a phrase that names its year ("2021年底", "2024-2025年") gets a
    date. No match of any pattern holds "。", so no candidate straddles one and the overlap
    resolution starts afresh after each; a sentence cut out with the full stops at both ends
    (and never at a stop inside 《…》) reads the same context and gives the same matches as
    the whole text does there.
    """
    years: Counter[int] = Counter()
    hits = [m.start() for m in _YEAR_DIGITS.finditer(text)]
    if not hits:
        return years
    books = [m.span() for m in BOOK_TITLE.finditer(text)] if "《" in text else []
    done = -1
    for pos in hits:
        if pos < done:
            continue  # in the sentence just scanned
        start = text.rfind(_CUT, 0, pos)
        while start >= 0 and books and _inside(start, books):
            start = text.rfind(_CUT, 0, start)
        end = text.find(_CUT, pos)
        while end >= 0 and books and _inside(end, books):
            end = text.find(_CUT, end + 1)
        start, done = max(start, 0), (end + 1 if end >= 0 else len(text))
        for d in _scan(text[start:done], None)[0]:
            if d.date is not None:
                years[d.date.year] += 1
    return years


# ---------------------------------------------------------------------------------------
# Scanning: every pattern proposes candidates; the earliest, then longest, wins an overlap.


def _scan(
    text: str,
    year: int | None,
    *,
    without_year: bool = False,
    books: _Spans | None = None,
) -> tuple[list[_Hit], _Spans, _Spans]:
    """Deadlines, and the spans of every accepted or deliberately dropped phrase; with
    ``without_year``, also those spans as a scan with ``year=None`` would give them.

    The spans differ only where a handler turns a match down because of the year ("2月30日"
    is no day of any year, but "2月29日" is one of 2024's), and a handler never accepts a
    match with a year that it turns down without one; so the second set is the first plus
    the matches turned down with the year and accepted without it.

    This runs once per measure, and most measures hold no deadline or one, so the loop is
    written for that: an anchored pattern's windows are found with ``str.find`` and shared
    by the patterns with the same anchor (YEAR_END, YEAR_ONLY and YEAR_RANGE all use 年),
    and an absent anchor skips its patterns without a further test.
    """
    if ("〇" in text or "零" in text or "○" in text) and CN_YEAR.search(text):
        return _scan_with_arabic_years(text, year, without_year, books)
    if books is None:
        books = _books(text)
    candidates: list[tuple[int, int, _Verdict]] = []
    extra: list[tuple[int, int, _Verdict]] = []
    again = without_year and year is not None
    for anchor, words, gate, members in _GROUPS:
        if anchor is not None:
            at = text.find(anchor)
            if at < 0:
                continue  # no anchor, no match
            spans = _windows(text, anchor, at)
        elif gate is not None:
            if gate.search(text) is None:
                continue  # cheap: the pattern cannot match without one of its literals
            spans = [(0, len(text))]
        else:
            for word in words:
                if word in text:
                    break
            else:
                continue  # the pattern cannot match without one of its literals
            spans = [(0, len(text))]
        for pattern, handler in members:
            for lo, hi in spans:
                for m in pattern.finditer(text, lo, hi):
                    start = m.start()
                    if books and _inside(start, books):
                        continue
                    verdict = handler(m, text, year)
                    if verdict is not None:
                        candidates.append((start, m.end(), verdict))
                    elif again and handler(m, text, None) is not None:
                        extra.append((start, m.end(), _IGNORE))
    if not candidates and not extra:
        return [], [], []
    found, covered = _resolve(candidates)
    if year is not None and len(found) > 1:
        found = _with_named_years(found, text, year)
    if not without_year:
        return found, covered, covered
    if not extra:
        return found, covered, covered
    return found, covered, _resolve(candidates + extra)[1]


# "二〇二四年底前", "二〇二四年十二月底前": a year in Chinese numerals (written with 〇 or 零).
CN_YEAR = re.compile(r"二[〇零○][〇零○一二三四五六七八九]{2}(?=\s{0,3}年)")
_CN_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")


def _scan_with_arabic_years(
    text: str, year: int | None, without_year: bool, books: _Spans | None
) -> tuple[list[_Hit], _Spans, _Spans]:
    """Scan a copy with each Chinese-numeral year written in digits (four characters for
    four, so every span stays an offset into ``text``); each deadline keeps the text's own
    words as ``raw``."""
    arabic = CN_YEAR.sub(lambda m: m.group().translate(_CN_YEAR_DIGITS), text)
    found, covered, covered_without_year = _scan(
        arabic, year, without_year=without_year, books=books)
    raws = [d._replace(raw=text[d.span[0]:d.span[1]]) for d in found]
    return raws, covered, covered_without_year


_NAMED_YEAR = re.compile(f"[2２][0０][{_D}]{{2}}|[今本当明次去]年")
_SENTENCE_STOP = re.compile("[。；;]")


def _with_named_years(found: list[_Hit], text: str, year: int) -> list[_Hit]:
    """"2024年6月底前完成试点，12月底前全面推开" in a 2025 plan: a month without a year after
    one that names its year is of that year, within one sentence. The plan year fills in
    only where the sentence names none."""
    out: list[_Hit] = []
    named: tuple[int, int] | None = None  # (year, end of the phrase that named it)
    for d in found:
        if d.date is None:
            out.append(d)
            continue
        if _NAMED_YEAR.search(d.raw):
            # Not "巩固2023年底前建成的试点成果": a year of what is done already.
            clause = text[d.span[1]: d.span[1] + 8]
            modifier = "的" in re.split("[，,。；;]", clause, maxsplit=1)[0]
            named = None if modifier else (d.date.year, d.span[1])
        elif (named is not None and named[0] != year and d.date.year == year
              and d.kind in ("by", "after") and "月" in d.raw
              and not _SENTENCE_STOP.search(text, named[1], d.span[0])):
            with contextlib.suppress(ValueError):  # 2月29日 of a year without one
                d = d._replace(date=d.date.replace(year=named[0]))
        out.append(d)
    return out


def _resolve(
    candidates: list[tuple[int, int, _Verdict]],
) -> tuple[list[_Hit], list[tuple[int, int]]]:
    """The earliest, then longest, candidate wins an overlap."""
    if len(candidates) == 1:  # the common case: a measure with one time phrase
        start, end, verdict = candidates[0]
        return [verdict] if isinstance(verdict, _Hit) else [], [(start, end)]
    candidates.sort(key=lambda c: (c[0], -c[1]))
    found: list[_Hit] = []
    covered: list[tuple[int, int]] = []
    last_end = -1
    for start, end, verdict in candidates:
        if start < last_end:
            continue
        last_end = end
        covered.append((start, end))
        if isinstance(verdict, _Hit):
            found.append(verdict)
    return found, covered


def _windows(text: str, anchor: str, at: int = 0) -> _Spans:
    """The merged windows around every ``anchor`` in ``text`` (the first at or after ``at``),
    where an anchored pattern is searched (``pattern.finditer(text, lo, hi)`` for each).

    Patterns that begin with optional groups ("到", "2022年") cost the regex engine a try at
    every character; the seed (90k characters) took 20 ms that way. Every match contains its
    anchor, so searching only the merged windows around anchors finds the same matches.
    """
    size, width = len(text), len(anchor)
    out: _Spans = []
    at = text.find(anchor, at)
    while at >= 0:
        start, end = at - _REACH_BACK, at + width + _REACH_AHEAD
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end if end < size else size)
        else:
            out.append((start if start > 0 else 0, end if end < size else size))
        at = text.find(anchor, at + width)
    return out


def _found(
    m: re.Match[str],
    kind: str,
    date: date | None = None,
    day: int | None = None,
    amount: float | None = None,
    unit: str | None = None,
) -> _Hit:
    """What match ``m`` says: its exact text and span, its kind and date."""
    return _Hit(m.group(), kind, date, m.span(), day, amount, unit)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted, disjoint: 《…》 titles, ranges)."""
    i = bisect_right(spans, (pos, _BIG)) - 1
    return i >= 0 and pos < spans[i][1]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of ``spans`` (sorted, disjoint)."""
    i = bisect_right(spans, (start, _BIG))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


# ---------------------------------------------------------------------------------------
# Handlers: a match → a Deadline, _IGNORE (seen, deliberately not a deadline: it keeps other
# patterns off its span and off find_unresolved), or None (not this pattern's phrase).


def _month_date(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    # All groups in one call, in the pattern's order (a test pins it): this handler sees
    # every month of every measure.
    _, year_s, cur, month_s, day_s, part, suf = m.groups()
    month = _whole(month_s)
    if month is None or not 1 <= month <= 12:
        return None
    # A bare month or day is a deadline only before a completion verb, "12月取得明显成效"
    # (baotou); otherwise it is a date mentioned in passing, like the issue date "2022年4月14日".
    if (
        not (part or suf)
        and not text.startswith(("完成", "取得"), _skip_space(text, m.end()))
        and not _after_time_label(text, m.start())
    ):
        return None
    kind = "after" if suf in _AFTER else "by"
    y = _year_of(year_s, cur, year)
    if y is None:
        return _found(m, kind)
    last = _last_day(y, month)
    if day_s:
        day = int(day_s)
        if not 1 <= day <= last:
            return None
    elif part == "中旬":
        day = 20
    elif part == "上旬":
        day = 10
    elif suf == "起":
        day = 1  # "7月起": from the first of July
    else:
        day = last  # 底, 末, 下旬, or a bare month: its last day
    return _found(m, kind, date=date(y, month, day))


# "完成时限：2022年6月", "时间节点:9月": a bare month right after a time label is a deadline.
TIME_LABEL_BEFORE = re.compile(r"(?:时限|时间|节点|期限|进度)\s{0,3}[:：]\s{0,3}(?:\d{4}\s{0,3}年\s{0,3})?$")


def _after_time_label(text: str, start: int) -> bool:
    return bool(TIME_LABEL_BEFORE.search(text[max(0, start - 12) : start]))


def _year_end(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    if not (m["y"] or m["cur"] or m["pre"]):
        before = _char_before(text, m.start())
        if before in _NOT_THIS_YEAR:
            return _IGNORE
    y = _year_of(m["y"], m["cur"], year)
    return _found(m, "by", date=date(y, 12, 31) if y else None)


# A bare year is a deadline when a completion verb follows: "2025年全面完成", "2023年基本建成".
_COMPLETION_AFTER_YEAR = ("完成", "全面完成", "基本完成", "全部完成", "建成", "基本建成",
                          "全面建成", "如期完成", "实现", "基本实现", "全面实现")


def _dot_month(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    if not (m["suf"] or _after_time_label(text, m.start())):
        return None
    y, month = _whole(m["y"]), _whole(m["m"])
    if y is None or month is None:
        return None
    return _found(m, "by", date=date(y, month, _last_day(y, month)))


def _in_the_past(named: int, year: int | None) -> bool:
    """A year before the plan's: "在2023年全面完成一期工程的基础上" in a 2024 plan is history."""
    return year is not None and named < year


def _year_only(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    y = int(m["y"])
    suf = m["suf"]
    if suf == "全年":
        return _found(m, "period", date=date(y, 12, 31))
    if suf == "起":
        # "2024年起": from the year's start; not a past year in prose ("自2021年起施行的…"),
        # but a time cell says what it says ("完成时间：2022年起长期坚持").
        if _in_the_past(y, year) and not _after_time_label(text, m.start()):
            return None
        return _found(m, "after", date=date(y, 1, 1))
    if suf or m["pre"] or _after_time_label(text, m.start()):  # "（完成时限：2024年）"
        return _found(m, "by", date=date(y, 12, 31))
    after = _skip_space(text, m.end())
    verb = max((v for v in _COMPLETION_AFTER_YEAR if text.startswith(v, after)), key=len,
               default="")
    # "2025年全面完成": by the end of that year; not "2022年完成的改革成果", "2020年完成值".
    if verb and not _in_the_past(y, year) and not text.startswith(("的", "值"), after + len(verb)):
        return _found(m, "by", date=date(y, 12, 31))
    return None  # "2024年、2025年分别突破2.2万亿元、2.4万亿元": a target year, not a deadline


def _month_range(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    first = _whole(m["y"])
    last = _whole(m["y2"]) if m["y2"] else first
    month = _whole(m["m2"])
    if first is None or last is None or month is None or not 1 <= month <= 12 or last < first:
        return None
    # A deadline where a time label says so, or 底/前 or a completion follows: not the
    # reporting period of "2024年1-6月全市GDP增长5%".
    if not (_after_time_label(text, m.start()) or m.group().endswith(("底", "末", "前"))
            or text.startswith(_COMPLETION_AFTER_YEAR, _skip_space(text, m.end()))):
        return _IGNORE  # "对2023年1月至2024年6月期间新建项目…": a period spoken of
    return _found(m, "by", date=date(last, month, _last_day(last, month)))


def _year_range(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    first, last = int(m["y"]), int(m["y2"])
    if last < first:
        return None
    return _found(m, "period", date=date(last, 12, 31))


def _half_year(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    y = int(m["y"]) if m["y"] else year
    month = 6 if m["h"] == "上" else 12
    return _found(m, "by", date=date(y, month, 30 if month == 6 else 31) if y else None)


def _quarter(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    if not (m["y"] or m["pre"]) and _char_before(text, m.start()) in ("前", "每", "后"):
        return _IGNORE  # "前三季度": the first three quarters, a span, not an end
    q = _whole(m["q"])
    if q is None:
        return None
    y = int(m["y"]) if m["y"] else year
    if y is None:
        return _found(m, "by")
    month = 3 * q
    return _found(m, "by", date=date(y, month, _last_day(y, month)))


def _whole_year(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    return _found(m, "period", date=date(year, 12, 31) if year else None)


def _recurring(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    day = int(m["d"]) if m["d"] else None
    return _found(m, "recurring", day=day, amount=_amount(m["n"]), unit=m["per"])


# A duration after these is the level a service time is brought to (a target), not a limit.
_REDUCED_TO = ("压缩至", "压缩到", "压缩为", "压减至", "压减到", "压减为", "缩短至", "缩短到", "减少至", "减少到",
               "降低至", "降低到", "降至", "降到", "控制在", "稳定在")


# "压缩企业开办时间至1个工作日以内": the verb, its object, then 至; "分别压缩至3个工作日、1个
# 工作日以内": the next of a list after it.
REDUCED_TO_AFTER_WORDS = re.compile(
    r"(?:压缩|压减|缩短|减少|降低)[^，,。；;]{1,10}?(?:至|到)\s{0,3}$"
    r"|(?:压缩|压减|缩短|减少|降低|控制)(?:至|到|在)[^，,。；;]{1,12}、\s{0,3}$")
# A service time held to a level: "平均用时不超过5个工作日", "办理时间在2个工作日以内",
# "审理期限不超过45日" — a target. Not "事项最长不超过30个工作日" (a limit on a task).
SERVICE_TIME_LIMIT = re.compile(
    r"(?<!整改)(?:时间|用时|时限|期限|周期|时长)(?:[^，,。；;]{0,3}?(?:不超过|不得超过|不高于|控制在)|在)"
    r"\s{0,3}$")
# "高压单电源用户不超过25个工作日" (no 内 after it) — but "事项最长不超过30个工作日" and
# "在不超过3个工作日内予以答复" stay limits on a task.
BARE_NOT_OVER = re.compile(
    r"(?<!最长)(?<!最多)(?<!在)(?<!整改时间)(?<!整改时限)(?<!整改期限)不超过\s{0,3}$")


def _relative(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    unit, within = m["u"], m["w"]
    before = text[max(0, m.start() - 8) : m.start()].rstrip()
    if before.endswith("提前"):
        return _IGNORE  # "提前3天向城市管理部门备案": a rule about notice, not a time limit
    wider = text[max(0, m.start() - 16) : m.start()]
    if (before.endswith(_REDUCED_TO) or REDUCED_TO_AFTER_WORDS.search(wider)
            or SERVICE_TIME_LIMIT.search(wider) or (not within and BARE_NOT_OVER.search(wider))):
        return _IGNORE  # "审批时间压缩至3个工作日以内", "平均用时不超过5个工作日": a level (a target)
    if before.endswith(("由", "从")):
        return _IGNORE  # "由20个工作日压减至10个工作日": the level it starts from
    if text.startswith(("以上", "以下", "之后", "以后", "后"), _skip_space(text, m.end())):
        return _IGNORE  # "工作时间6个月以上": a condition
    if unit == "小时":
        return _IGNORE  # "2个小时内即可办结": a service-time target, not a deadline
    if before.endswith("第"):
        return None
    if not within and unit != "工作日" and not before.endswith(_LIMIT_WORDS):
        return None  # "14日" of "4月14日", "3天" of "3天培训"
    amount = _amount(m["n"])
    if amount is None or amount <= 0:
        return None
    unit = {"自然日": "日", "星期": "周"}.get(unit, unit)
    return _found(m, "relative", amount=amount, unit=unit)


def _immediate(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    """A time limit of its own ("（整改时限：立行立改）", "…；即知即改）"), not the words of a
    sentence ("发现问题立即整改", "推行“马上就办”工作机制")."""
    before = _char_before(text, m.start())
    after_at = _skip_space(text, m.end())
    after = text[after_at] if after_at < len(text) else ""
    opens = before in _NOTE_OPEN or before in _CLAUSE_OPEN or _after_time_label(text, m.start())
    closes = after == "" or after in _NOTE_CLOSE
    if opens and closes:
        return _found(m, "relative", amount=0.0, unit="日")
    return None


def _ongoing(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    before = _char_before(text, m.start())
    after_at = _skip_space(text, m.end())
    after = text[after_at] if after_at < len(text) else ""
    closes = after == "" or after in _NOTE_CLOSE
    opens = before == "" or before in _NOTE_OPEN or before in _CLAUSE_OPEN
    # "推进“跨省通办”。持续推进。": the phrase is a sentence of its own.
    alone = before in "。!！" and (after == "" or after in "。)）")
    if (closes and opens) or alone:
        return _found(m, "ongoing")
    return None  # "持续推进政务服务事项上网运行": the verb of a sentence


# (pattern, literals one of which every match contains (empty: no pre-check) or a search
# every text with a match passes, anchor or None for patterns that already start with a
# literal, handler). The literals let a short measure text skip most patterns with a few
# ``in`` tests.
_PATTERNS: tuple[
    tuple[re.Pattern[str], tuple[str, ...] | re.Pattern[str], str | None, _Handler], ...
] = (
    (MONTH_DATE, ("月",), _MONTH_ANCHOR, _month_date),
    (YEAR_END, ("年",), _YEAR_ANCHOR, _year_end),
    (YEAR_ONLY, ("年",), _YEAR_ANCHOR, _year_only),
    (YEAR_RANGE, ("年",), _YEAR_ANCHOR, _year_range),
    (MONTH_RANGE, ("年",), _YEAR_ANCHOR, _month_range),
    (DOT_MONTH, (".", "．"), None, _dot_month),
    (DOT_RANGE, (".", "．"), None, _month_range),
    (HALF_YEAR, ("半年",), _HALF_ANCHOR, _half_year),
    (QUARTER, ("季度",), _QUARTER_ANCHOR, _quarter),
    (WHOLE_YEAR, ("全年",), None, _whole_year),
    # Two ``in`` tests; the pattern itself takes 按 only before a period (按季度, not 按照).
    (RECURRING, ("每", "按"), None, _recurring),
    (RELATIVE, RELATIVE_GATE, None, _relative),
    # Every phrase of ONGOING holds 推进 or 长期: two ``in`` tests, not a search.
    (ONGOING, ("推进", "长期"), None, _ongoing),
    (IMMEDIATE, ("立改", "即改", "立即", "马上就办"), None, _immediate),
)


def _grouped(
    patterns: tuple[
        tuple[re.Pattern[str], tuple[str, ...] | re.Pattern[str], str | None, _Handler], ...
    ],
) -> tuple[_Group, ...]:
    """The patterns as _scan runs them, in the same order: neighbours with one anchor in one
    group, which finds the anchor and its windows once for all (YEAR_END, YEAR_ONLY and
    YEAR_RANGE share 年); an anchored pattern's literal is its anchor. Many literals become
    one search (a C loop, not a Python one); up to four stay ``in`` tests, which cost less
    than a call into re."""
    groups: list[_Group] = []
    for pattern, literals, anchor, handler in patterns:
        if anchor is not None and groups and groups[-1][0] == anchor:
            groups[-1][3].append((pattern, handler))
            continue
        if isinstance(literals, re.Pattern):
            groups.append((anchor, (), literals, [(pattern, handler)]))
            continue
        gate = re.compile("|".join(map(re.escape, literals))) if len(literals) > 4 else None
        groups.append((anchor, literals, gate, [(pattern, handler)]))
    return tuple(groups)


_GROUPS = _grouped(_PATTERNS)


# ---------------------------------------------------------------------------------------
# Small helpers.


def _year_of(named: str | None, cur: str | None, year: int | None) -> int | None:
    """The year a phrase names (group ``y``: "2022年6月底前"), or the plan year; 明年/次年
    (group ``cur``) is the next one."""
    if named:
        return int(named)
    if year is not None and cur and cur[0] in "明次":
        return year + 1
    return year


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, without the weekday of the 1st that
    monthrange works out too: every month-date deadline asks for its month's last day."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month]


def _char_before(text: str, pos: int) -> str:
    """The nearest non-space character before ``pos``, or "" at the start."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _amount(s: str | None) -> float | None:
    """ "15" → 15.0, "三" → 3.0, "十五" → 15.0; None for "一两" (一两天: one or two days)."""
    if not s or (len(s) > 1 and all(ch in _CN_DIGITS for ch in s)):
        return None
    return parse_number(s)


@lru_cache(maxsize=512)  # months and years: a handful of distinct strings
def _whole(s: str) -> int | None:
    """ "12" → 12, "十二" → 12, "２０２２" and "二〇二二" → 2022; None if not a whole number."""
    value = parse_number(s)
    return int(value) if value is not None and value.is_integer() else None
