"""Named audit checks over a corpus; each finding says what, where, who, and how bad.

| check                 | severity | finds                                                       |
|-----------------------|----------|-------------------------------------------------------------|
| overdue               | error    | a `by` deadline before as-of, measure not done or dropped   |
| missing-owner         | error    | a measure or sub-item with no lead and no responsible dept  |
| no-lead               | warning  | only responsible departments named                          |
| multiple-leads        | warning  | more than one lead department in one owner note             |
| lead-and-responsible  | warning  | one department in both roles of the same measure            |
| overlap               | warning  | two measures that read as the same work, different owners   |
| unknown-department    | warning  | an owner name the department registry does not know         |
| unresolved-deadline   | info     | a time phrase the parser could not turn into a date         |

A check is a function of an :class:`AuditContext` returning findings; :data:`CHECKS` maps names
to them in the order above, which is also the order of ``run_audit``'s result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reformctl.audit.ledger import CLOSED, Ledger
from reformctl.audit.milestones import milestones_of
from reformctl.audit.overlap import DEFAULT_THRESHOLD
from reformctl.corpus import Corpus
from reformctl.errors import UsageError
from reformctl.grouping import DepartmentKey
from reformctl.i18n import N_, _, ngettext
from reformctl.labels import days_label, status_label, warning_text
from reformctl.model import Measure
from reformctl.registry import Registry, registry_for_folder
from reformctl.select import Hit, select

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
# Deadline kinds that promise a date: without one, the parser did not understand the phrase.
DATED_KINDS = ("by", "after", "period")


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    measure: str
    departments: tuple[str, ...]
    message: str
    document: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class AuditContext:
    """What every check sees: the measures, the ledger, "today" and the registry."""

    corpus: Corpus
    hits: list[Hit]
    ledger: Ledger
    as_of: date
    registry: Registry | None
    overlap_threshold: float = DEFAULT_THRESHOLD
    key: DepartmentKey = field(init=False)

    def __post_init__(self) -> None:
        self.key = DepartmentKey.of(self.registry, self.hits)

    def canonical(self, names: Iterable[str], hit: Hit) -> tuple[str, ...]:
        """Names of ``hit``'s measure by their grouping key (``reformctl.grouping``: the
        canonical name where there is one, else as printed), each once, in order."""
        key, document = self.key, hit.doc_name
        return tuple(dict.fromkeys(key(name, document) for name in names))


Check = Callable[[AuditContext], list[Finding]]


TITLE_CHARS = 30  # longer titles (a sub-item's first sentence) are cut in messages


def _label(hit: Hit) -> str:
    title = hit.measure.title
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1] + "…"
    return f"{hit.measure.id} {title}"


def _names(names: Sequence[str], most: int = 3) -> str:
    """At most ``most`` names, then a count: 市发展改革委、市住房城乡建设局、市交通运输局等8个."""
    if not names:
        return "-"
    if len(names) <= most:
        return "、".join(names)
    return _("{names} and {more} more").format(names="、".join(names[:most]),
                                               more=len(names) - most, total=len(names))


def _finding(check: str, hit: Hit, departments: Iterable[str], message: str,
             **details: Any) -> Finding:
    return Finding(
        check=check,
        severity=CHECK_SEVERITY[check],
        measure=hit.measure.id,
        departments=tuple(dict.fromkeys(departments)),
        message=message,
        document=hit.doc_name,
        details=details,
    )


def check_overdue(ctx: AuditContext) -> list[Finding]:
    """One finding per measure with milestones before as-of that are not done or dropped."""
    out = []
    for hit in ctx.hits:
        year = hit.entry.document.document.year
        late_ms = [ms for ms in milestones_of(hit.measure, year) if ms.day < ctx.as_of
                   and ctx.ledger.status_of(hit.doc_name, hit.measure, ms.day) not in CLOSED]
        if not late_ms:
            continue
        status = ctx.ledger.status_of(hit.doc_name, hit.measure, late_ms[0].day)
        late = [ms.deadline for ms in late_ms]
        days = (ctx.as_of - late[0].date).days  # type: ignore[operator]
        dates = _(" and ").join(_("{date} ({phrase})").format(date=d.date, phrase=d.raw)
                                for d in late)
        m = hit.measure
        out.append(_finding(
            "overdue", hit, ctx.canonical((*m.lead, *m.responsible), hit),
            _("{measure}: due {dates}, {days} ({status})").format(
                measure=_label(hit), dates=dates, days=days_label(None, days),
                status=status_label(status)),
            status=status,
            days_late=days,
            deadlines=[{"raw": d.raw, "date": d.date.isoformat() if d.date else None,
                        "days_late": (ctx.as_of - d.date).days if d.date else None,
                        "milestone": ms.id}
                       for d, ms in zip(late, late_ms, strict=True)],
        ))
    return out


def check_missing_owner(ctx: AuditContext) -> list[Finding]:
    """No lead and no responsible department, on the measure or (for a sub-item) its parent."""
    by_id = {(h.doc_name, h.measure.id): h for h in ctx.hits}
    out = []
    for hit in ctx.hits:
        m = hit.measure
        if m.lead or m.responsible or _parent_owns(hit, by_id):
            continue
        owned = [i.id for i in m.items if i.lead or i.responsible]
        hint = (_(" (its sub-items {ids} name their own)").format(ids=", ".join(owned))
                if owned else "")
        out.append(_finding(
            "missing-owner", hit, (),
            _("{measure}: no lead or responsible department{hint}").format(
                measure=_label(hit), hint=hint),
            sub_items_with_owners=owned,
        ))
    return out


def _parent_owns(hit: Hit, by_id: dict[tuple[str, str], Hit]) -> bool:
    """An owner note on a parent measure covers its sub-items that name none (not the reverse)."""
    parts = hit.measure.id.split(".")
    while len(parts) > 2:
        parts.pop()
        parent = by_id.get((hit.doc_name, ".".join(parts)))
        if parent is not None and (parent.measure.lead or parent.measure.responsible):
            return True
    return False


def check_no_lead(ctx: AuditContext) -> list[Finding]:
    out = []
    for hit in ctx.hits:
        m = hit.measure
        if m.responsible and not m.lead:
            names = ctx.canonical(m.responsible, hit)
            out.append(_finding(
                "no-lead", hit, names,
                _("{measure}: no lead department, only responsible: {names}").format(
                    measure=_label(hit), names="、".join(names)),
            ))
    return out


def check_multiple_leads(ctx: AuditContext) -> list[Finding]:
    out = []
    for hit in ctx.hits:
        groups = [g for g in hit.measure.owners if len(set(ctx.canonical(g.lead, hit))) > 1]
        if not groups:
            continue
        leads = ctx.canonical((name for g in groups for name in g.lead), hit)
        notes = "; ".join("、".join(ctx.canonical(g.lead, hit)) for g in groups)
        out.append(_finding(
            "multiple-leads", hit, leads,
            _("{measure}: {n} lead departments in one owner note: {notes}").format(
                measure=_label(hit), n=len(ctx.canonical(groups[0].lead, hit)), notes=notes),
            groups=[{"lead": list(ctx.canonical(g.lead, hit)), "line": g.line} for g in groups],
        ))
    return out


def check_lead_and_responsible(ctx: AuditContext) -> list[Finding]:
    out = []
    for hit in ctx.hits:
        m = hit.measure
        both = [n for n in ctx.canonical(m.lead, hit) if n in set(ctx.canonical(m.responsible, hit))]
        if not both:
            continue
        same_note = any(
            set(ctx.canonical(g.lead, hit)) & set(ctx.canonical(g.responsible, hit)) for g in m.owners
        )
        where = _("in one owner note") if same_note else _("in different owner notes")
        out.append(_finding(
            "lead-and-responsible", hit, both,
            _("{measure}: {names} both leads and is responsible ({where})").format(
                measure=_label(hit), names="、".join(both), where=where),
            same_note=same_note,
        ))
    return out


def check_overlap(ctx: AuditContext) -> list[Finding]:
    """Pairs of measures that read as the same work under different owners (see overlap.py)."""
    from reformctl.audit.overlap import find_overlaps

    names: set[str] = set()
    if ctx.registry is not None:
        for name in ctx.registry.names():
            names.add(name)
            names.update(ctx.registry.aliases(name))
    for hit in ctx.hits:
        names.update(hit.measure.departments)
        names.update(hit.plan.coordinators)

    hit_of = {id(h.measure): h for h in ctx.hits}

    def owners(m: Measure) -> frozenset[str]:
        return frozenset(ctx.canonical(m.lead or m.responsible, hit_of[id(m)]))

    out = []
    for pair in find_overlaps(ctx.hits, threshold=ctx.overlap_threshold, names=names,
                              owners=owners):
        a, b = pair.a, pair.b
        a_owners, b_owners = ctx.canonical(_owners(a.measure), a), ctx.canonical(_owners(b.measure), b)
        where = "" if a.doc_name == b.doc_name else f" ({b.doc_name})"
        message = _("{a} [{a_owners}] and {b}{where} [{b_owners}] may be the same work: "
                    "similarity {score}, shared {terms}").format(
            a=_label(a), a_owners=_names(a_owners), b=_label(b), where=where,
            b_owners=_names(b_owners), score=f"{pair.score:.2f}", terms="、".join(pair.terms))
        out.append(_finding(
            "overlap", a, (*a_owners, *b_owners), message,
            other=b.measure.id,
            other_document=b.doc_name,
            score=pair.score,
            terms=list(pair.terms),
            owners=list(a_owners),
            other_owners=list(b_owners),
        ))
    return out


def _owners(m: Measure) -> tuple[str, ...]:
    return m.lead or m.responsible


def check_unknown_department(ctx: AuditContext) -> list[Finding]:
    """One finding per unknown name and document, listing every measure that names it."""
    if ctx.registry is None:
        return []
    seen: dict[tuple[str, str], list[Hit]] = {}
    for hit in ctx.hits:
        for name in hit.measure.departments:
            # as printed, or as the notes say it stands for (财政厅 in a 省 list: 省财政厅)
            if not (ctx.registry.is_known(name)
                    or ctx.registry.is_known(ctx.key(name, hit.doc_name))):
                seen.setdefault((hit.doc_name, name), []).append(hit)
    out = []
    for (_doc, name), hits in seen.items():
        closest = ctx.registry.closest(name)
        ids = [h.measure.id for h in hits]
        hint = _("; did you mean {name}?").format(name=closest) if closest else ""
        where = ids[0] if len(ids) == 1 else ngettext(
            "{n} measure ({ids})", "{n} measures ({ids})", len(ids)).format(
                n=len(ids), ids=", ".join(ids))
        out.append(_finding(
            "unknown-department", hits[0], (name,),
            _("{name} (in {where}) is not in the department registry{hint}").format(
                name=name, where=where, hint=hint),
            name=name,
            closest=closest,
            measures=ids,
        ))
    return out


def check_unresolved_deadline(ctx: AuditContext) -> list[Finding]:
    """Time phrases without a date: dateless `by`/`after`/`period` deadlines, and the phrases
    the parser warned about (code ``deadline-unresolved``), placed on the measure by line."""
    out = []
    for hit in ctx.hits:
        for d in hit.measure.deadlines:
            if d.kind in DATED_KINDS and d.date is None:
                out.append(_finding(
                    "unresolved-deadline", hit, ctx.canonical(hit.measure.lead, hit),
                    _("{measure}: {phrase} [{kind}] has no date (line {line})").format(
                        measure=_label(hit), phrase=d.raw, kind=d.kind, line=d.line),
                    phrase=d.raw, line=d.line,
                ))
    for entry in ctx.corpus.entries:
        in_doc = [h for h in ctx.hits if h.entry is entry]
        for w in entry.document.warnings:
            if w.code != "deadline-unresolved":
                continue
            at = _hit_at_line(in_doc, w.line)
            if at is None:
                continue
            out.append(_finding(
                "unresolved-deadline", at, ctx.canonical(at.measure.lead, at),
                _("{measure}: {warning} (line {line})").format(
                    measure=_label(at), warning=warning_text(w), line=w.line),
                line=w.line, warning=w.message,
            ))
    return out


def _hit_at_line(hits: Sequence[Hit], line: int | None) -> Hit | None:
    """The innermost measure whose source lines contain ``line``."""
    if line is None:
        return None
    found: Hit | None = None
    for hit in hits:
        first, last = hit.measure.lines
        if first <= line <= last and (
            found is None or hit.measure.id.count(".") > found.measure.id.count(".")
        ):
            found = hit
    return found


CHECKS: dict[str, Check] = {
    "overdue": check_overdue,
    "missing-owner": check_missing_owner,
    "no-lead": check_no_lead,
    "multiple-leads": check_multiple_leads,
    "lead-and-responsible": check_lead_and_responsible,
    "overlap": check_overlap,
    "unknown-department": check_unknown_department,
    "unresolved-deadline": check_unresolved_deadline,
}

CHECK_SEVERITY: dict[str, str] = {
    "overdue": "error",
    "missing-owner": "error",
    "no-lead": "warning",
    "multiple-leads": "warning",
    "lead-and-responsible": "warning",
    "overlap": "warning",
    "unknown-department": "warning",
    "unresolved-deadline": "info",
}

CHECK_HELP: dict[str, str] = {
    "overdue": N_("a `by` deadline before --as-of and the measure not done or dropped"),
    "missing-owner": N_("a measure or sub-item with no lead and no responsible department"),
    "no-lead": N_("only responsible departments named"),
    "multiple-leads": N_("more than one lead department in one owner note"),
    "lead-and-responsible": N_("one department in both roles of the same measure"),
    "overlap": N_("two measures that read as the same work under different owners (jieba "
                  "TF-IDF)"),
    "unknown-department": N_("an owner name not in the department registry, with the closest "
                             "one"),
    "unresolved-deadline": N_("a time phrase with no date"),
}


def resolve_checks(names: Iterable[str] | None) -> list[str]:
    """Check names in CHECKS order; accepts comma-separated lists; unknown names → UsageError."""
    if not names:
        return list(CHECKS)
    wanted: set[str] = set()
    for item in names:
        for name in item.split(","):
            name = name.strip()
            if not name:
                continue
            if name not in CHECKS:
                raise UsageError(_("unknown check {name!r} (choose from {checks})").format(
                    name=name, checks=", ".join(CHECKS)))
            wanted.add(name)
    return [name for name in CHECKS if name in wanted]


def run_audit(
    corpus: Corpus,
    ledger: Ledger,
    as_of: date,
    *,
    checks: Iterable[str] | None = None,
    registry: Registry | None = None,
    overlap_threshold: float = DEFAULT_THRESHOLD,
    hits: list[Hit] | None = None,
) -> list[Finding]:
    """Run the named checks (all by default) over every measure of the corpus (or ``hits``)."""
    ctx = AuditContext(
        corpus=corpus,
        hits=hits if hits is not None else select(corpus),
        ledger=ledger,
        as_of=as_of,
        registry=registry if registry is not None else registry_for_folder(corpus.folder),
        overlap_threshold=overlap_threshold,
    )
    findings: list[Finding] = []
    for name in resolve_checks(checks):
        findings.extend(CHECKS[name](ctx))
    return findings


def at_or_above(findings: Iterable[Finding], severity: str) -> list[Finding]:
    if severity not in SEVERITY_RANK:
        raise UsageError(_("--fail-on must be one of {allowed}, not {value!r}").format(
            allowed=", ".join(SEVERITIES), value=severity))
    floor = SEVERITY_RANK[severity]
    return [f for f in findings if SEVERITY_RANK[f.severity] >= floor]


def finding_record(f: Finding) -> dict[str, Any]:
    """The stable record of a finding (JSON/YAML/CSV output of `reformctl audit`)."""
    return {
        "check": f.check,
        "severity": f.severity,
        "document": f.document,
        "measure": f.measure,
        "departments": list(f.departments),
        "message": f.message,
        "details": f.details,
    }


__all__ = [
    "CHECKS",
    "CHECK_HELP",
    "CHECK_SEVERITY",
    "SEVERITIES",
    "AuditContext",
    "Finding",
    "at_or_above",
    "finding_record",
    "resolve_checks",
    "run_audit",
]
