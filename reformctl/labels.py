"""How record values read for people, in the language in use: status words, days left or
late, counts. Machine formats keep the values themselves ("open", 62); tables, md, the
people's CSV, the report and the sheets show these labels, so every format says the same."""

from __future__ import annotations

import ast
import functools
import re
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


def milestones_label(text: str | None) -> str:
    """The ledger's milestone cell for people: "1.4@07-31 done; 1.4@09-30 in-progress" →
    "1.4@07-31 已完成；1.4@09-30 推进中" (machine formats keep the record's words)."""
    if not text:
        return ""
    parts = []
    for part in text.split("; "):
        ident, _sep, state = part.partition(" ")
        parts.append(f"{ident} {status_label(state)}" if state else ident)
    return _("; ").join(parts)


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
    translated and filled in. A warning read back from YAML carries only its English
    message: the catalog's template that reads as that message gives its parameters back."""
    if warning.template:
        return _(warning.template).format(**dict(warning.params))
    return translated(str(warning.message))


def translated(message: str) -> str:
    """An English message kept as data (a YAML warning, an orphan's reason) in the language
    in use: the catalog's message, or the template that reads as it with its values filled
    in again; else the message as it is."""
    if _(message) != message:
        return _(message)
    for pattern, template, literal in _templates():
        found = pattern.fullmatch(message)
        if found is None:
            continue
        try:
            params = {k: ast.literal_eval(v) if k in literal else v
                      for k, v in found.groupdict().items()}
            return _(template).format(**params)
        except (ValueError, SyntaxError, KeyError, IndexError):
            continue
    return message


@functools.cache
def _templates() -> list[tuple[re.Pattern[str], str, frozenset[str]]]:
    """Every catalog message with {fields}, as a pattern matching what it formats to (most
    fixed text first, so that "time phrase without a date: {phrase}" wins over "{x}: {y}");
    the third item names the fields written with !r."""
    import string

    from reformctl.i18n import catalog_messages

    out = []
    for template in catalog_messages():
        if "{" not in template:
            continue
        regex, fixed, reprs, names = [], 0, set(), set()
        try:
            for text, name, _spec, conversion in string.Formatter().parse(template):
                regex.append(re.escape(text))
                fixed += len(text)
                if name is None:
                    continue
                if not name.isidentifier() or name in names:
                    raise ValueError(name)
                names.add(name)
                regex.append(f"(?P<{name}>.+?)")
                if conversion == "r":
                    reprs.add(name)
            pattern = re.compile("".join(regex), re.S)
        except (ValueError, re.error):
            continue
        out.append((fixed, pattern, template, frozenset(reprs)))
    out.sort(key=lambda t: -t[0])
    return [(p, t, r) for _fixed, p, t, r in out]
