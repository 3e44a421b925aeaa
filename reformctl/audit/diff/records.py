"""Plain records of a diff (json/yaml/csv/md/table all read these) and one-line descriptions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reformctl.audit.diff.changes import (
    AMBIGUOUS,
    DeadlineChange,
    DiffResult,
    MeasureChange,
    PlanChange,
    Summary,
    TargetChange,
)
from reformctl.i18n import _, ngettext
from reformctl.model import Document, Measure

DIFF_CELL_LIMIT = 400


def change_record(change: MeasureChange) -> dict[str, Any]:
    """A change as a plain dict with stable keys (the JSON output of `reformctl diff`)."""
    old, new = change.old, change.new
    return {
        "kind": change.kind,
        "key": change.key,
        "old_id": change.old_id,
        "new_id": change.new_id if change.kind != AMBIGUOUS else None,
        "old_key": old.key if old else None,
        "new_key": new.key if new and change.kind != AMBIGUOUS else None,
        "parent": change.parent,
        "old_plan": change.old_plan.title if change.old_plan else None,
        "new_plan": change.new_plan.title if change.new_plan else None,
        "title": _title_of(new or old),
        "match": change.match,
        "score": change.score,
        "renumbered": change.renumbered,
        "moved": change.moved,
        "aspects": list(change.aspects),
        "title_change": {"old": change.title[0], "new": change.title[1]} if change.title else None,
        "text_diff": [{"old": h.old, "new": h.new, "diff": h.diff} for h in change.text],
        "deadlines": [_deadline_record(d) for d in change.deadlines],
        "lead_added": list(change.lead_added),
        "lead_removed": list(change.lead_removed),
        "responsible_added": list(change.responsible_added),
        "responsible_removed": list(change.responsible_removed),
        "owner_notes": [{"old": a, "new": b} for a, b in change.owner_notes],
        "targets": [_target_record(t) for t in change.targets],
        "items_added": list(change.items_added),
        "items_removed": list(change.items_removed),
        "candidates": (
            {"old": list(change.candidates_old), "new": list(change.candidates_new)}
            if change.kind == AMBIGUOUS else None
        ),
        "details": describe(change),
    }


def _deadline_record(d: DeadlineChange) -> dict[str, Any]:
    return {
        "change": d.change,
        "old": d.old.raw if d.old else None,
        "new": d.new.raw if d.new else None,
        "old_date": _iso(d.old.date) if d.old else None,
        "new_date": _iso(d.new.date) if d.new else None,
        "days": d.days,
    }


def _title_of(measure: Measure | None) -> str:
    return measure.title if measure is not None else ""


def _target_record(t: TargetChange) -> dict[str, Any]:
    either = t.new or t.old
    return {
        "old": t.old.raw if t.old else None,
        "new": t.new.raw if t.new else None,
        "subject": either.subject if either else "",
        "old_value": _value(t.old.value) if t.old else None,
        "new_value": _value(t.new.value) if t.new else None,
        "unit": either.unit if either else "",
    }


def plan_record(change: PlanChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_index": change.old.index if change.old else None,
        "new_index": change.new.index if change.new else None,
        "old_title": change.old.title if change.old else None,
        "new_title": change.new.title if change.new else None,
    }


def summary_record(summary: Summary) -> dict[str, Any]:
    return {
        "added": summary.added,
        "removed": summary.removed,
        "changed": summary.changed,
        "renumbered": summary.renumbered,
        "deadlines_postponed": summary.postponed,
        "deadlines_brought_forward": summary.brought_forward,
        "moved": summary.moved,
        "ambiguous": summary.ambiguous,
        "plans_changed": summary.plans,
        "document_changed": [c.field for c in summary.document],
    }


def result_record(result: DiffResult) -> dict[str, Any]:
    """The whole diff as plain data: both documents, summary, plan and measure changes."""

    def doc(d: Document) -> dict[str, Any]:
        return {"title": d.document.title, "source": d.document.source,
                "sha256": d.document.sha256}

    return {
        "old": doc(result.old),
        "new": doc(result.new),
        "identical": result.identical,
        "summary": summary_record(result.summary),
        "document": [{"field": c.field, "old": c.old, "new": c.new} for c in result.document],
        "plans": [plan_record(p) for p in result.plans],
        "changes": [change_record(c) for c in result.changes],
    }


def describe(change: MeasureChange) -> str:
    """What changed, in one readable line: "deadline 6月底前 → 9月底前 (postponed 92 days); …",
    in the language in use (it is the ``details`` of the records too)."""
    parts: list[str] = []
    comma = _(", ")
    if change.kind == AMBIGUOUS:
        return _("could be any of {new} (old {old}): not matched").format(
            new=comma.join(change.candidates_new), old=comma.join(change.candidates_old))
    if change.moved and change.old_plan and change.new_plan:
        parts.append(_("moved from plan {old} to {new}").format(
            old=change.old_plan.title, new=change.new_plan.title))
    if change.title:
        parts.append(_("title: {old} → {new}").format(old=change.title[0], new=change.title[1]))
    for d in change.deadlines:
        parts.append(_describe_deadline(d))
    if change.lead_added or change.lead_removed:
        parts.append(_("lead {changes}").format(
            changes=_plus_minus(change.lead_added, change.lead_removed)))
    if change.responsible_added or change.responsible_removed:
        parts.append(_("responsible {changes}").format(
            changes=_plus_minus(change.responsible_added, change.responsible_removed)))
    for old_note, new_note in change.owner_notes:
        parts.append(_("owner note {old} → {new}").format(
            old=old_note or _("(none)"), new=new_note or _("(none)")))
    for t in change.targets:
        if t.old and t.new:
            parts.append(_("target {old} → {new}").format(old=t.old.raw, new=t.new.raw))
        elif t.new:
            parts.append(_("target added: {raw}").format(raw=t.new.raw))
        elif t.old:
            parts.append(_("target removed: {raw}").format(raw=t.old.raw))
    if change.items_added:
        parts.append(_("sub-items added: {ids}").format(ids=comma.join(change.items_added)))
    if change.items_removed:
        parts.append(_("sub-items removed: {ids}").format(ids=comma.join(change.items_removed)))
    if change.text:
        text = " ".join(h.diff for h in change.text)
        if len(text) > DIFF_CELL_LIMIT:
            text = text[:DIFF_CELL_LIMIT] + "…"
        parts.append(_("text: {diff}").format(diff=text))
    return _("; ").join(parts)


def _describe_deadline(d: DeadlineChange) -> str:
    if d.change == "added" and d.new:
        return _("deadline added: {raw}").format(raw=d.new.raw)
    if d.change == "removed" and d.old:
        return _("deadline removed: {raw}").format(raw=d.old.raw)
    old = d.old.raw if d.old else ""
    new = d.new.raw if d.new else ""
    if d.days:
        n = abs(d.days)
        how = (ngettext("postponed {n} day", "postponed {n} days", n) if d.days > 0
               else ngettext("brought forward {n} day", "brought forward {n} days", n))
        return _("deadline {old} → {new} ({how})").format(old=old, new=new,
                                                          how=how.format(n=n))
    return _("deadline {old} → {new}").format(old=old, new=new)


def _plus_minus(added: Sequence[str], removed: Sequence[str]) -> str:
    return " ".join([*(f"+{x}" for x in added), *(f"-{x}" for x in removed)])


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _value(v: Any) -> Any:
    if isinstance(v, tuple):
        return [_value(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


__all__ = ["change_record", "describe", "plan_record", "result_record", "summary_record"]
