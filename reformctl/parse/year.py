"""The plan year of a whole document, which resolves "9月底前" to a calendar day."""

from __future__ import annotations

import re
from collections import Counter

from reformctl.model import Plan, Warning_, warning
from reformctl.parse.deadlines import dates_named, in_spans, whole_number
from reformctl.parse.text import nonblank_lines
from reformctl.parse.vocab.headings import ISSUED_DATED_LINE
from reformctl.parse.vocab.time import (
    ANY_YEAR,
    BOOK_TITLE,
    CENTURY_LEADS,
    DOCUMENT_NUMBER,
    HORIZON,
    ISSUE_DATE_END,
    ISSUE_DATE_LINE,
    MONTH_ANCHOR,
    TITLE_WORD,
    TITLE_YEAR,
    YEAR_DIGITS,
    YEAR_RANGE,
)

# An issuer's dated line is short: "2026年3月23日东莞市发展和改革局发布，征求意见截止…" at most.
ISSUED_LINE_MAX_CHARS = 80


def infer_year(text: str) -> int | None:
    """The plan year of a whole document, used to resolve "9月底前" to a calendar day.

    In order: a single year in a title line ("包头市2022年数字政府建设考评办法") — it beats the
    issue date because a 2023 plan may be issued in December 2022; then an issue date standing
    alone on a line ("2022年4月14日") or on the issuer's line ("…办公厅2020年12月10日印发"),
    unless the title's range starts later (a 2026—2027 plan issued in June 2025 is in 2026); then the first year of a title range
    ("行动计划（2024-2025年）"), since a multi-year plan issued mid-range means the issue year;
    then the most frequent year named by a deadline phrase ("2021年底" in the seed; ties go to
    the earliest). Years inside 《…》 in body text and document numbers (〔2020〕) never count,
    nor do horizons ("到2023年，…规模超过5500亿元"): they end the plan's period, and a plan
    that names no other year does not say which year it is in.
    """
    lines = text.splitlines()
    head = [line for _, line in nonblank_lines(enumerate(lines), 12)]
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
            if not in_spans(m.start(), in_range):
                return int(m["y"])
    for line in lines:
        issued = _issue_date(line)
        if issued:
            year = whole_number(issued["y"])
            return range_start if year is not None and range_start and range_start > year else year
    if range_start is not None:
        return range_start
    years, horizons = _deadline_years(text)
    if not years and not horizons:
        # Last resort: the year the text names most often anywhere, 《…》 titles included
        # ("《泰安市社会信用体系建设2021年工作要点》"), document numbers (〔2020〕46号) excepted.
        years = Counter(int(m["y"]) for m in ANY_YEAR.finditer(DOCUMENT_NUMBER.sub("", text)))
    if not years:
        return None
    top = max(years.values())
    return min(y for y, n in years.items() if n == top)


def _issue_date(line: str) -> re.Match[str] | None:
    """The date of a line that is the issue date ("2022年4月14日") or says who issued the
    document when ("山东省人民政府办公厅2020年12月10日印发"), else None."""
    if ISSUE_DATE_END not in line:
        return None  # a date line holds 日: most lines are not looked at further
    stripped = line.strip()
    issued = ISSUE_DATE_LINE.fullmatch(stripped)
    if issued is None and MONTH_ANCHOR in line and len(stripped) <= ISSUED_LINE_MAX_CHARS \
            and ISSUED_DATED_LINE.match(stripped):
        issued = ISSUE_DATE_LINE.search(stripped)
    return issued


# No deadline phrase holds a full stop, so a scan cannot tell apart one that runs over it.
_CUT = "。"


def _deadline_years(text: str) -> tuple[Counter[int], int]:
    """``Counter(d.date.year for d in find_deadlines(text, None) if d.date)`` but horizons,
    and how many horizons, scanning only the sentences that hold four digits of a year.

    With ``year=None`` only a phrase that names its year ("2021年底", "2024-2025年") gets a
    date. No match of any pattern holds "。", so no candidate straddles one and the overlap
    resolution starts afresh after each; a sentence cut out with the full stops at both ends
    (and never at a stop inside 《…》) reads the same context and gives the same matches as
    the whole text does there.
    """
    years: Counter[int] = Counter()
    horizons = 0
    hits = _year_digits(text)
    if not hits:
        return years, horizons
    books = [m.span() for m in BOOK_TITLE.finditer(text)] if "《" in text else []
    done = -1
    for pos in hits:
        if pos < done:
            continue  # in the sentence just scanned
        start = text.rfind(_CUT, 0, pos)
        while start >= 0 and books and in_spans(start, books):
            start = text.rfind(_CUT, 0, start)
        end = text.find(_CUT, pos)
        while end >= 0 and books and in_spans(end, books):
            end = text.find(_CUT, end + 1)
        start, done = max(start, 0), (end + 1 if end >= 0 else len(text))
        sentence = text[start:done]
        for at, named in dates_named(sentence):
            if HORIZON.match(sentence, at):
                horizons += 1
            else:
                years[named.year] += 1
    return years, horizons




# The kinds of deadline that a calendar day resolves: "9月底前" is undated without a year.
_DATED_KINDS = ("by", "after", "period")


def undated_warnings(plans: list[Plan], year: int | None) -> list[Warning_]:
    """One warning when the document names no plan year and some deadlines name none of their
    own: "9月底前" then has no date, so ``due`` and ``audit`` cannot see it — the user should
    know, and can give ``--year``."""
    if year is not None:
        return []
    undated = [d for plan in plans for m in plan.walk() for d in m.deadlines
               if d.date is None and d.kind in _DATED_KINDS]
    if not undated:
        return []
    return [warning(undated[0].line, "year-unknown",
                    "no plan year in the document: {count} deadline(s) such as {phrase} have "
                    "no date; give --year", count=len(undated), phrase=undated[0].raw)]


def _year_digits(text: str) -> list[int]:
    """Where YEAR_DIGITS matches in ``text``, overlapping matches too ("2020202" gives 0, 2),
    in order: each of CENTURY_LEADS found with ``str.find``, then matched there.

    _deadline_years only asks which sentences hold a year, and a match overlapping another is
    in the same sentence. A search with YEAR_DIGITS, whose first character may be 2 or ２,
    costs ~6 ns a character (a character-class test at each); ``str.find`` skips ~10x faster
    and a plan names few numbers that start with 20.
    """
    hits = []
    for lead in CENTURY_LEADS:
        at = text.find(lead)
        while at >= 0:
            if YEAR_DIGITS.match(text, at):
                hits.append(at)
            at = text.find(lead, at + 1)
    hits.sort()
    return hits


__all__ = ["infer_year", "undated_warnings"]
