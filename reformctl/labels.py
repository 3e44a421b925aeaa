"""How record values read for people, in the language in use: status words, days left or
late, counts. Machine formats keep the values themselves ("open", 62); tables, md, the
people's CSV, the report and the sheets show these labels, so every format says the same."""

from __future__ import annotations

from typing import Any

from reformctl.i18n import N_, _, ngettext

STATUS_WORDS = {
    "open": N_("open"),
    "in-progress": N_("in progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
}
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
CLOSED = ("done", "dropped")


def status_label(status: str | None) -> str:
    if not status:
        return ""
    return _(STATUS_WORDS.get(status, status))


def severity_label(severity: str | None) -> str:
    return _(SEVERITY_WORDS.get(severity or "", severity or ""))


def days_label(days_left: int | None, days_late: int | None, status: str | None = None) -> str:
    """"3 days left", "due today", "62 days late"; nothing for a closed measure (never late)."""
    if status in CLOSED:
        return ""
    if days_late:
        return ngettext("{n} day late", "{n} days late", days_late).format(n=days_late)
    if days_left == 0:
        return _("due today")
    if days_left is not None:
        return ngettext("{n} day left", "{n} days left", days_left).format(n=days_left)
    return ""


def record_days(record: dict[str, Any]) -> str:
    return days_label(record.get("days_left"), record.get("days_late"), record.get("status"))


def record_status(record: dict[str, Any]) -> str:
    return status_label(record.get("status"))


def names(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


def count(singular: str, plural: str, n: int) -> str:
    """"1 milestone", "2 milestones"; the template holds ``{n}``."""
    return ngettext(singular, plural, n).format(n=n)


def warning_text(warning: Any) -> str:
    """A parser warning (model.Warning_) in the language in use: its English template
    translated and filled in; a warning read back from YAML carries only its message."""
    if warning.template:
        return _(warning.template).format(**dict(warning.params))
    return str(warning.message)
