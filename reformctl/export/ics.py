"""Deadlines as an iCalendar file: one all-day event per dated deadline.

"Dated deadline" is what ``due`` lists: a milestone, i.e. a day on which resolved ``by``
deadlines of a measure fall (9月底前 → 2021-09-30); a measure that says "9月底前" twice has
one event on that day, whose description quotes both sentences. The UID is derived from the
document, the measure's stable key and the deadline phrase, so importing a newer export
updates the events already in the calendar instead of adding duplicates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from reformctl.export.ledger_rows import LedgerRow
from reformctl.i18n import N_, _
from reformctl.labels import status_label
from reformctl.model import Deadline
from reformctl.select import Hit, dated

PRODID = "-//reformctl//deadlines//ZH"
UID_DOMAIN = "reformctl"


@dataclass(frozen=True)
class CalendarEntry:
    """One milestone of one measure (a day its `by` deadlines fall on), as an event."""

    row: LedgerRow
    deadline: Deadline  # the first phrase naming that day
    context: str  # the sentences of the measure text due on that day

    @property
    def uid(self) -> str:
        return event_uid(self.row.document, self.row.key or self.row.id, self.deadline.raw)


def event_uid(document: str, measure_key: str, raw: str) -> str:
    """Stable across exports: the same deadline of the same measure keeps its UID."""
    basis = "\x1f".join((document, measure_key, raw))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32] + "@" + UID_DOMAIN


def _sentence(text: str, span: tuple[int, int] | None) -> str:
    """The sentence around ``span``: what exactly is due on that day."""
    if not span or not text:
        return ""
    start, end = span
    left = max(text.rfind(p, 0, start) for p in "。;；") + 1
    ends = [i for i in (text.find(p, end) for p in "。;；") if i != -1]
    right = min(ends) + 1 if ends else len(text)
    return text[left:right].strip()


def calendar_entries(rows: Iterable[LedgerRow], hits: Iterable[Hit]) -> list[CalendarEntry]:
    """Every milestone of the rows, in row order; ``hits`` give the measures' text."""
    from reformctl.audit.due import milestones

    measures = {(h.doc_name, h.measure.id): h.measure for h in hits}
    out = []
    for row in rows:
        measure = measures.get((row.document, row.id))
        if measure is None:
            continue
        for d in milestones(measure):
            same_day = [x for x in dated(measure.deadlines) if x.date == d.date]
            sentences = dict.fromkeys(_sentence(measure.text, x.span) for x in same_day)
            out.append(CalendarEntry(row, d, " ".join(s for s in sentences if s)))
    return out


def build_calendar(
    entries: Sequence[CalendarEntry],
    *,
    as_of: date,
    remind_days: int | None = None,
    name: str = N_("reformctl deadlines"),
) -> Any:
    """An icalendar Calendar; DTSTAMP is the as-of day, so the same input gives the same file."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _(name))
    stamp = datetime.combine(as_of, time(0), tzinfo=UTC)
    for entry in entries:
        row, d = entry.row, entry.deadline
        assert d.date is not None
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        event.add("dtend", d.date + timedelta(days=1))
        event.add("summary", f"{row.id} {row.title}")
        event.add("description", _description(entry))
        event.add("categories", [row.plan_title])
        event.add("transp", "TRANSPARENT")
        if remind_days is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{row.id} {row.title}: {d.raw}")
            alarm.add("trigger", timedelta(days=-remind_days))
            event.add_component(alarm)
        cal.add_component(event)
    return cal


def _description(entry: CalendarEntry) -> str:
    row, d = entry.row, entry.deadline
    lines = [
        f"{row.id} {row.title}",
        _("Deadline: {phrase}").format(phrase=d.raw),
        _("Plan: {index} {title}").format(index=row.plan, title=row.plan_title),
        _("Lead: {names}").format(names="、".join(row.lead) or "-"),
        _("Responsible: {names}").format(names="、".join(row.responsible) or "-"),
        _("Status: {status}").format(status=status_label(row.status)),
    ]
    if entry.context and entry.context != row.title:
        lines.append(_("Text: {text}").format(text=entry.context))
    lines.append(_("Source: {document}, line {line}").format(document=row.document,
                                                            line=d.line or row.lines[0]))
    return "\n".join(lines)


def ics_bytes(
    rows: Sequence[LedgerRow],
    hits: Sequence[Hit],
    *,
    as_of: date,
    remind_days: int | None = None,
) -> bytes:
    entries = calendar_entries(rows, hits)
    return bytes(build_calendar(entries, as_of=as_of, remind_days=remind_days).to_ical())
