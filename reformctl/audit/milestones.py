"""Milestones: the dated deadlines of a measure, each with an id a user can type.

A measure such as seed 1.4 "…7月底前，实现办理时间和进度可视可查…。9月底前，实现新开办企业涉税
办理…" has two milestones, ``1.4@07-31`` and ``1.4@09-30``. The id is the measure id, ``@``, and
the day the milestone falls due:

- ``MM-DD`` when the day is in the plan's year (the common case: ``3.8@09-30``);
- ``YYYY-MM-DD`` when it is in another year (``5.2@2022-06-30`` in a 2021 plan), so that two
  milestones on the same month and day of different years never share an id.

A date, not an ordinal (``1.4#1``): the date is printed in the document, survives a new
version that adds a milestone before it, and says which one it is ("the July one"). Two
phrases of one measure that resolve to the same day are one milestone (what has to be done by
that day), listed once by ``due``; its ``requires`` holds the sentence of each.

On input, ``1.4@07-31``, ``1.4@7-31`` and ``1.4@2021-07-31`` all name the same milestone; a
bare ``MM-DD`` that matches days of several years is refused with the ids to choose from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reformctl.errors import UsageError
from reformctl.i18n import _
from reformctl.model import Deadline, Measure

DUE_KINDS = ("by",)  # only "X月底前"-type deadlines fall due (see audit/due.py)
SEPARATOR = "@"

# "1.4@07-31", "14.10.2@9-30", "5.2@2022-06-30": measure id, @, [year-]month-day.
MILESTONE_ID = re.compile(
    r"^(?P<measure>[0-9]+(?:\.[0-9]+)*)@(?:(?P<year>[0-9]{4})-)?(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})$"
)
# Where a sentence ends in a measure's text: "。" "；" "！" "？" (and their half-width forms).
SENTENCE_END = re.compile(r"[。；;！!？?\n]")
# A bracketed note inside a sentence: "（牵头部门:市行政审批服务局）", "(完成时限:2022年6月底前)".
BRACKETED = re.compile(r"[（(][^（()）]*[)）]")


@dataclass(frozen=True)
class Milestone:
    """One dated deadline of a measure: the day, the phrases that name it, and its id."""

    measure_id: str
    day: date
    deadlines: tuple[Deadline, ...]  # the phrases of the measure that resolve to this day
    plan_year: int | None = None

    @property
    def id(self) -> str:
        return milestone_id(self.measure_id, self.day, self.plan_year)

    @property
    def suffix(self) -> str:
        """What follows the ``@``: "07-31", or "2022-06-30" outside the plan year."""
        return self.id.partition(SEPARATOR)[2]

    @property
    def deadline(self) -> Deadline:
        """The first phrase (what ``due`` shows)."""
        return self.deadlines[0]

    @property
    def raw(self) -> str:
        return "、".join(dict.fromkeys(d.raw for d in self.deadlines))


def milestone_id(measure_id: str, day: date, plan_year: int | None = None) -> str:
    if plan_year is None or day.year == plan_year:
        return f"{measure_id}{SEPARATOR}{day.month:02d}-{day.day:02d}"
    return f"{measure_id}{SEPARATOR}{day.isoformat()}"


def milestones_of(measure: Measure, plan_year: int | None = None) -> list[Milestone]:
    """The measure's dated `by` deadlines grouped by day, in date order."""
    by_day: dict[date, list[Deadline]] = {}
    for d in measure.deadlines:
        if d.kind in DUE_KINDS and d.date is not None:
            by_day.setdefault(d.date, []).append(d)
    return [Milestone(measure.id, day, tuple(by_day[day]), plan_year) for day in sorted(by_day)]


def split_id(text: str) -> tuple[str, str | None]:
    """"1.4@07-31" → ("1.4", "07-31"); "1.4" → ("1.4", None)."""
    measure, sep, rest = text.strip().partition(SEPARATOR)
    return measure, (rest if sep else None)


def find_milestone(measure: Measure, selector: str, plan_year: int | None = None) -> Milestone:
    """The milestone of ``measure`` that ``selector`` (what follows the ``@``) names.

    UsageError, with the ids there are, when it names none or several.
    """
    found = MILESTONE_ID.match(f"{measure.id}{SEPARATOR}{selector.strip()}")
    options = milestones_of(measure, plan_year)
    listing = ", ".join(m.id for m in options) or "none: it has no dated deadline"
    if not found:
        raise UsageError(_("{id}{sep}{selector}: a milestone is MEASURE@MM-DD or "
                           "MEASURE@YYYY-MM-DD (milestones of {id}: {listing})").format(
                               id=measure.id, sep=SEPARATOR, selector=selector, listing=listing))
    year = int(found["year"]) if found["year"] else None
    month, day = int(found["month"]), int(found["day"])
    hits = [m for m in options if m.day.month == month and m.day.day == day
            and (year is None or m.day.year == year)]
    if year is None and len(hits) > 1:  # the plan year's day first, as in the printed id
        hits = [m for m in hits if m.day.year == plan_year] or hits
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise UsageError(_("{id} has no milestone on {selector} (its milestones: {listing})")
                         .format(id=measure.id, selector=selector, listing=listing))
    raise UsageError(_("{id}{sep}{selector} is ambiguous: {listing}").format(
        id=measure.id, sep=SEPARATOR, selector=selector, listing=", ".join(m.id for m in hits)))


def requires(measure: Measure, milestone: Milestone) -> str:
    """What the milestone asks for: the sentence of the measure text that holds its deadline.

    Seed 1.4@07-31 → "7月底前,实现办理时间和进度可视可查,增加事项单独办理功能,可选择同步或单独
    办理。" Owner notes are dropped from it. When the deadline stands in a note of its own
    ("…全面推开。（完成时限：2022年6月底前）") the sentence before the note is what it requires.
    Several phrases on one day give their sentences joined, each once.
    """
    parts: list[str] = []
    for d in milestone.deadlines:
        sentence = _sentence_at(measure, d)
        if sentence and sentence not in parts:
            parts.append(sentence)
    return "".join(parts) or measure.title


def _sentence_at(measure: Measure, deadline: Deadline) -> str:
    text = measure.text
    if deadline.span is None or not 0 <= deadline.span[0] < deadline.span[1] <= len(text):
        return ""
    start, end = deadline.span
    note = _enclosing_note(text, start, end)
    if note is not None:  # "（完成时限：…）": the sentence before the note
        end = start = note[0]
        while start > 0 and text[start - 1] in " 　":
            start -= 1
        return _clean(measure, _sentence_before(text, start))
    begin = _sentence_start(text, start)
    stop = _sentence_stop(text, end)
    return _clean(measure, text[begin:stop])


def _enclosing_note(text: str, start: int, end: int) -> tuple[int, int] | None:
    for found in BRACKETED.finditer(text):
        if found.start() < start and end < found.end():
            return found.start(), found.end()
    return None


# A sentence end inside brackets is not one: seed 3.3 "…供电企业投资至电能表(小微企业应同时
#具备以下条件:…不含集团用户;…)。" ends at the 。 after the bracket.
OPENING, CLOSING = "（(", "）)"


def _sentence_start(text: str, pos: int) -> int:
    depth = 0  # closing brackets passed going back, not yet opened
    for i in range(pos - 1, -1, -1):
        ch = text[i]
        if ch in CLOSING:
            depth += 1
        elif ch in OPENING:
            depth = max(depth - 1, 0)
        elif depth == 0 and SENTENCE_END.match(ch):
            return i + 1
    return 0


def _sentence_stop(text: str, pos: int) -> int:
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(depth - 1, 0)
        elif depth == 0 and SENTENCE_END.match(ch):
            return i + 1
    return len(text)


def _sentence_before(text: str, pos: int) -> str:
    """The sentence that ends at ``pos`` (its final mark included)."""
    stop = pos
    begin = _sentence_start(text, max(stop - 1, 0))
    return text[begin:stop]


def _clean(measure: Measure, sentence: str) -> str:
    for group in measure.owners:
        if group.raw:
            sentence = sentence.replace(group.raw, "")
    return sentence.strip(" 　\n")


__all__ = [
    "MILESTONE_ID",
    "Milestone",
    "find_milestone",
    "milestone_id",
    "milestones_of",
    "requires",
    "split_id",
]
