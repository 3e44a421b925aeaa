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

Every pattern lives in vocab/time.py, is compiled once, and quotes the real phrase it exists
for (STYLE §6); this module scans with them, and year.py infers a document's plan year. Patterns have no nested quantifiers, so scanning is linear in the text length;
the whole seed (90k characters, 145 deadlines) is scanned in about 1.5 ms. Digits may be ASCII
or full-width and spaces may sit between digits and Chinese ("9 月底前"): the text is matched
as given, so spans are offsets into the caller's text.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from reformctl.model import Deadline
from reformctl.parse.numbers import parse_number
from reformctl.parse.vocab import chars
from reformctl.parse.vocab.time import (
    BARE_NOT_OVER,
    BOOK_TITLE,
    CN_DIGITS,
    CN_NUMERALS,
    CN_YEAR,
    CN_YEAR_DIGITS,
    COMPLETION_AFTER_YEAR,
    DEADLINE_LIKE,
    DOT_MONTH,
    DOT_RANGE,
    HALF_ANCHOR,
    HALF_YEAR,
    IMMEDIATE,
    MONTH_ANCHOR,
    MONTH_DATE,
    MONTH_RANGE,
    NAMED_YEAR,
    ONGOING,
    QUARTER,
    QUARTER_ANCHOR,
    REACH_AHEAD,
    REACH_BACK,
    RECURRING,
    REDUCED_TO,
    REDUCED_TO_AFTER_WORDS,
    RELATIVE,
    RELATIVE_GATE,
    RELATIVE_UNIT_CONTEXT,
    RELATIVE_UNIT_STARTS,
    SERVICE_TIME_LIMIT,
    TIME_LABEL_BEFORE,
    WHOLE_YEAR,
    YEAR_ANCHOR,
    YEAR_END,
    YEAR_ONLY,
    YEAR_RANGE,
)

__all__ = ["find_deadlines", "find_unresolved", "scan_deadlines", "dates_named"]

# The patterns of the deadline phrases, their building blocks and anchors are in
# vocab/time.py; here they are run over a text, and each match is judged by its handler.

_AFTER = ("之后", "以后", "后", "起")
# Characters before a bare 年底/年内 that make it another year's end or a length of years:
# "较去年年底", "5年内关税减让显著", "三年内", "每年年底" (recurring), "上年底".
_NOT_THIS_YEAR = set("0123456789０１２３４５６７８９" + CN_NUMERALS + "年去上前明往历每近半几多数千")
_NOTE_OPEN = set("（(：:并起")  # "2024年起长期坚持"
_CLAUSE_OPEN = set(",，;；、")
_NOTE_CLOSE = set(",，;；)）。")
# Words before a bare "30个工作日"/"30日" that make it a limit: "最长不超过 30 个工作日".
_LIMIT_WORDS = ("不超过", "不得超过", "最长", "最多", "限")
# …but right after these, months or days without 内 are how long a benefit lasts: "每月1000元、
# 最长60个月的安居补贴", "提供最长15天免费住宿" (a 若干措施's offers, not a time limit).
_BENEFIT_LENGTH = ("最长", "最多")

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
    present, time_like = _survey(text)
    found, _, covered_without_year = _scan(
        text, year, without_year=True, books=books, present=present)
    return _deadlines(found, line_at), _unresolved(text, covered_without_year, books, time_like)


def dates_named(text: str) -> list[tuple[int, date]]:
    """Where the deadline phrases of ``text`` that name their own year ("2021年底",
    "2024-2025年") start, each with its date: ``find_deadlines(text, None)``'s, without making
    the Deadlines."""
    return [(hit.span[0], hit.date) for hit in _scan(text, None)[0] if hit.date is not None]


def _deadlines(hits: list[_Hit], line_at: Callable[[int], int] | None) -> list[Deadline]:
    """Each hit's Deadline, with its source line. The fields go by position, in Deadline's
    order (raw, kind, date, line, span, day, amount, unit; a test pins it): a call with eight
    keywords costs ~0.4 µs more, for every deadline of every measure."""
    return [Deadline(h.raw, h.kind, h.date, line_at(h.span[0]) if line_at is not None else None,
                     h.span, h.day, h.amount, h.unit) for h in hits]


def _books(text: str) -> _Spans:
    """The spans of the 《…》 titles in ``text`` (sorted, disjoint)."""
    return [m.span() for m in BOOK_TITLE.finditer(text)] if "《" in text else []


def _unresolved(
    text: str, covered: _Spans, books: _Spans | None = None, time_like: _Spans | None = None
) -> list[tuple[int, int, str]]:
    """The DEADLINE_LIKE phrases (``time_like``: their spans, if searched already) outside
    ``covered`` and the 《…》 titles."""
    if books is None:
        books = _books(text)
    if time_like is None:
        time_like = [m.span() for m in DEADLINE_LIKE.finditer(text)]
    out: list[tuple[int, int, str]] = []
    for start, end in time_like:
        if (books and in_spans(start, books)) or (covered and _overlaps(start, end, covered)):
            continue
        out.append((start, end, text[start:end]))
    return out



# ---------------------------------------------------------------------------------------
# Scanning: every pattern proposes candidates; the earliest, then longest, wins an overlap.


def _scan(
    text: str,
    year: int | None,
    *,
    without_year: bool = False,
    books: _Spans | None = None,
    present: list[int] | None = None,
) -> tuple[list[_Hit], _Spans, _Spans]:
    """Deadlines, and the spans of every accepted or deliberately dropped phrase; with
    ``without_year``, also those spans as a scan with ``year=None`` would give them.

    The spans differ only where a handler turns a match down because of the year ("2月30日"
    is no day of any year, but "2月29日" is one of 2024's), and a handler never accepts a
    match with a year that it turns down without one; so the second set is the first plus
    the matches turned down with the year and accepted without it. ``present``: the groups
    that can match, if known (_survey).

    This runs once per measure, and most measures hold no deadline or one, so the loop is
    written for that: one pass tells which groups can match (_groups_present), an anchored
    pattern's windows are found with ``str.find`` and shared by the patterns with the same
    anchor (YEAR_END, YEAR_ONLY and YEAR_RANGE all use 年).
    """
    if ("〇" in text or "零" in text or "○" in text) and CN_YEAR.search(text):
        return _scan_with_arabic_years(text, year, without_year, books)
    if books is None:
        books = _books(text)
    candidates: list[tuple[int, int, _Verdict]] = []
    extra: list[tuple[int, int, _Verdict]] = []
    again = without_year and year is not None
    for i in present if present is not None else _groups_present(text):
        anchor, _, _, members = _GROUPS[i]
        spans = _windows(text, anchor) if anchor is not None else [(0, len(text))]
        for pattern, handler in members:
            for lo, hi in spans:
                for m in pattern.finditer(text, lo, hi):
                    start = m.start()
                    if books and in_spans(start, books):
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




def _scan_with_arabic_years(
    text: str, year: int | None, without_year: bool, books: _Spans | None
) -> tuple[list[_Hit], _Spans, _Spans]:
    """Scan a copy with each Chinese-numeral year written in digits (four characters for
    four, so every span stays an offset into ``text``); each deadline keeps the text's own
    words as ``raw``."""
    arabic = CN_YEAR.sub(lambda m: m.group().translate(CN_YEAR_DIGITS), text)
    found, covered, covered_without_year = _scan(
        arabic, year, without_year=without_year, books=books)
    raws = [d._replace(raw=text[d.span[0]:d.span[1]]) for d in found]
    return raws, covered, covered_without_year


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
        if NAMED_YEAR.search(d.raw):
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
        start, end = at - REACH_BACK, at + width + REACH_AHEAD
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


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
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
    month = whole_number(month_s)
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




def _after_time_label(text: str, start: int) -> bool:
    return bool(TIME_LABEL_BEFORE.search(text[max(0, start - 12) : start]))


def _year_end(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    if not (m["y"] or m["cur"] or m["pre"]):
        before = _char_before(text, m.start())
        if before in _NOT_THIS_YEAR:
            return _IGNORE
    y = _year_of(m["y"], m["cur"], year)
    return _found(m, "by", date=date(y, 12, 31) if y else None)




def _dot_month(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    if not (m["suf"] or _after_time_label(text, m.start())):
        return None
    y, month = whole_number(m["y"]), whole_number(m["m"])
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
    verb = max((v for v in COMPLETION_AFTER_YEAR if text.startswith(v, after)), key=len,
               default="")
    # "2025年全面完成": by the end of that year; not "2022年完成的改革成果", "2020年完成值".
    if verb and not _in_the_past(y, year) and not text.startswith(("的", "值"), after + len(verb)):
        return _found(m, "by", date=date(y, 12, 31))
    return None  # "2024年、2025年分别突破2.2万亿元、2.4万亿元": a target year, not a deadline


def _month_range(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    first = whole_number(m["y"])
    last = whole_number(m["y2"]) if m["y2"] else first
    month = whole_number(m["m2"])
    if first is None or last is None or month is None or not 1 <= month <= 12 or last < first:
        return None
    # A deadline where a time label says so, or 底/前 or a completion follows: not the
    # reporting period of "2024年1-6月全市GDP增长5%".
    if not (_after_time_label(text, m.start()) or m.group().endswith(("底", "末", "前"))
            or text.startswith(COMPLETION_AFTER_YEAR, _skip_space(text, m.end()))):
        return _IGNORE  # "对2023年1月至2024年6月期间新建项目…": a period spoken of
    day_s = m.groupdict().get("d2")  # "至12月31日前": that day (DOT_RANGE names none)
    day = int(day_s) if day_s else _last_day(last, month)
    if not 1 <= day <= _last_day(last, month):
        return None
    return _found(m, "by", date=date(last, month, day))


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
    q = whole_number(m["q"])
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



def _relative(m: re.Match[str], text: str, year: int | None) -> _Verdict:
    unit, within = m["u"], m["w"]
    before = text[max(0, m.start() - 8) : m.start()].rstrip()
    if before.endswith("提前"):
        return _IGNORE  # "提前3天向城市管理部门备案": a rule about notice, not a time limit
    wider = text[max(0, m.start() - 16) : m.start()]
    if (before.endswith(REDUCED_TO) or REDUCED_TO_AFTER_WORDS.search(wider)
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
    if not within and unit != "工作日" and before.endswith(_BENEFIT_LENGTH):
        return _IGNORE  # "最长60个月的安居补贴", "最长15天免费住宿": how long a benefit lasts
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
    (MONTH_DATE, ("月",), MONTH_ANCHOR, _month_date),
    (YEAR_END, ("年",), YEAR_ANCHOR, _year_end),
    (YEAR_ONLY, ("年",), YEAR_ANCHOR, _year_only),
    (YEAR_RANGE, ("年",), YEAR_ANCHOR, _year_range),
    (MONTH_RANGE, ("年",), YEAR_ANCHOR, _month_range),
    (DOT_MONTH, (".", "．"), None, _dot_month),
    (DOT_RANGE, (".", "．"), None, _month_range),
    (HALF_YEAR, ("半年",), HALF_ANCHOR, _half_year),
    (QUARTER, ("季度",), QUARTER_ANCHOR, _quarter),
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
    YEAR_RANGE share 年), and so are unanchored neighbours with the same literals (DOT_MONTH
    and DOT_RANGE: one test for "." or "．"); an anchored pattern's literal is its anchor."""
    groups: list[_Group] = []
    for pattern, literals, anchor, handler in patterns:
        if groups and groups[-1][0] == anchor and (anchor is not None or groups[-1][1] == literals):
            groups[-1][3].append((pattern, handler))
            continue
        if isinstance(literals, re.Pattern):
            groups.append((anchor, (), literals, [(pattern, handler)]))
            continue
        groups.append((anchor, literals, None, [(pattern, handler)]))
    return tuple(groups)


_GROUPS = _grouped(_PATTERNS)
# A gate pattern as its first characters and what it asks of the character it stands on.
_GATE_PARTS = {RELATIVE_GATE: (RELATIVE_UNIT_STARTS, RELATIVE_UNIT_CONTEXT)}


def _present_pass(
    groups: tuple[_Group, ...],
) -> tuple[re.Pattern[str], dict[str, int], tuple[tuple[int, tuple[str, ...]], ...]]:
    """One search that tells which groups can match in a text: an alternative for each first
    character of a group, the character and then the test its group runs there (the rest of
    a literal, "推" then "进"; or what the gate pattern asks, RELATIVE_GATE's numeral before
    a unit). Every alternative opens with its character, so re skips to those characters at
    C speed and tries at each only the alternatives that open with it.

    A measure holds one or two kinds of time phrase, and a search or an ``in`` test for
    every group cost twice this pass. Each match is one character, the first of what a
    group looks for, so no occurrence hides another; a character belongs to one group (its
    match names it), so a group whose first character another has taken (月: MONTH_DATE's
    anchor, taken by RELATIVE's 个月) is tested alone, with ``in``. Gate patterns go first:
    alone, they would cost a search, a literal only an ``in`` test.

    Returns the pattern, the group of each first character, and (group, literals) of the
    groups tested alone.
    """
    owner: dict[str, int] = {}
    tests: list[str] = []
    alone: list[tuple[int, tuple[str, ...]]] = []
    by_gate_first = sorted(range(len(groups)), key=lambda i: groups[i][2] is None)
    for i in by_gate_first:
        _, words, gate, _ = groups[i]
        if gate is not None:
            starts, context = _GATE_PARTS[gate]
            opens = [re.escape(c) + context for c in sorted(starts)]
        else:
            starts = chars(words, 0)
            opens = [re.escape(w[0]) + (f"(?={re.escape(w[1:])})" if len(w) > 1 else "")
                     for w in words]
        if any(owner.get(c, i) != i for c in starts):
            alone.append((i, words))
            continue
        owner.update(dict.fromkeys(starts, i))
        tests.extend(opens)
    return re.compile("|".join(tests)), owner, tuple(sorted(alone))


_PRESENT, _GROUP_OF, _ALONE = _present_pass(_GROUPS)


def _groups_present(text: str) -> list[int]:
    """The groups of _GROUPS that can match in ``text``, in their order."""
    return _groups_of(_PRESENT.findall(text), text)


def _groups_of(hits: list[str], text: str) -> list[int]:
    """The groups of _PRESENT's ``hits`` in ``text`` and of the groups tested alone, in
    their order."""
    present = set(map(_GROUP_OF.__getitem__, hits))
    for i, words in _ALONE:
        for word in words:
            if word in text:
                present.add(i)
                break
    return sorted(present)


# The same search and DEADLINE_LIKE's in one: a match of one character is _PRESENT's (no
# phrase DEADLINE_LIKE finds is that short), a longer one DEADLINE_LIKE's. Every alternative
# of both opens with a character, so re skips to those at C speed, once for both.
_SURVEY = re.compile(f"{DEADLINE_LIKE.pattern}|{_PRESENT.pattern}")
# How far past a character _PRESENT's test of it reads: the rest of the longest literal.
_PRESENT_REACH = max(len(word) for _, words, _, _ in _GROUPS for word in words) - 1


def _survey(text: str) -> tuple[list[int], _Spans]:
    """``(_groups_present(text), the spans of DEADLINE_LIKE's matches)`` in one search.

    Where DEADLINE_LIKE matches, _PRESENT's one-character match at the same place is not
    tried, nor at the characters the phrase takes ("年底": 年; "15个工作日内": 工, which
    RELATIVE_GATE wants): _PRESENT searches each such phrase again, a little beyond its end
    for a literal that starts inside it. DEADLINE_LIKE's matches are those of a search of its
    own: at every place it is tried first, and a one-character match moves on by one, as a
    failed try does.
    """
    hits: list[str] = []
    time_like: _Spans = []
    for m in _SURVEY.finditer(text):
        start, end = m.span()
        if end - start == 1:
            hits.append(text[start])
        else:
            time_like.append((start, end))
            hits += _PRESENT.findall(text, start, end + _PRESENT_REACH)
    return _groups_of(hits, text), time_like


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
    if not s or (len(s) > 1 and all(ch in CN_DIGITS for ch in s)):
        return None
    return parse_number(s)


@lru_cache(maxsize=512)  # months and years: a handful of distinct strings
def whole_number(s: str) -> int | None:
    """ "12" → 12, "十二" → 12, "２０２２" and "二〇二二" → 2022; None if not a whole number."""
    value = parse_number(s)
    return int(value) if value is not None and value.is_integer() else None
