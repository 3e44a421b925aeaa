"""The HTML report: one self-contained page (inline CSS and SVG, no network) for supervisors.

``build_report`` gathers the numbers from a ``LedgerView`` (and the audit's overlap check);
``report_html`` renders them. The charts are SVG drawn here — deadlines per month stacked by
plan, department workload as lead + responsible bars — so the page needs no script library.
"""

from __future__ import annotations

import html
import string
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reformctl.export.ledger_rows import (
    DepartmentSummary,
    LedgerRow,
    LedgerView,
    department_summary,
)
from reformctl.export.xlsx import display_width

# Fonts that carry Chinese on Linux (Noto CJK, WenQuanYi), macOS (PingFang, Hiragino) and
# Windows (Microsoft YaHei, SimHei), before the generic fallback.
CJK_FONTS = ("'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', "
             "'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', SimHei, sans-serif")
# Tableau 20, the ten dark hues first and then their light partners, so that neighbouring
# plans never share a hue; one colour per plan, cycling when there are more than 20.
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b6992d", "#499894", "#e15759", "#79706e", "#d37295",
    "#b07aa1", "#9d7660", "#a0cbe8", "#ffbe7d", "#8cd17d", "#f1ce63", "#86bcb6", "#ff9d9a",
    "#bab0ac", "#fabfd2", "#d4a6c8", "#d7b5a6",
)
LEAD_COLOR, RESPONSIBLE_COLOR, LATE_COLOR = "#2f5d8a", "#9ec1e0", "#c0392b"


@dataclass(frozen=True)
class PlanKey:
    document: str
    index: int
    title: str

    def label(self, many_documents: bool) -> str:
        prefix = f"{self.document} · " if many_documents else ""
        return f"{prefix}{self.index} {self.title}"


@dataclass(frozen=True)
class UnknownDepartment:
    name: str
    closest: str | None
    measures: tuple[str, ...]


@dataclass
class ReportData:
    title: str
    as_of: date
    source: str
    documents: list[str]
    rows: list[LedgerRow]
    plans: list[PlanKey]
    months: list[tuple[int, int]]
    per_month: dict[tuple[int, int], Counter[PlanKey]]
    departments: list[DepartmentSummary]
    overdue: list[LedgerRow]
    overlaps: list[Any] | None  # audit Findings; None when the check was skipped
    unknown: list[UnknownDepartment]
    titles: dict[tuple[str, str], str] = field(default_factory=dict)  # (document, id) → title
    generated: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @property
    def numbers(self) -> list[tuple[str, int, str]]:
        """(label, value, css class) for the headline row."""
        milestones = sum(sum(c.values()) for c in self.per_month.values())
        closed = sum(r.status in ("done", "dropped") for r in self.rows)
        return [
            ("措施 Measures", len(self.rows), ""),
            ("计划 Plans", len(self.plans), ""),
            ("时限 Dated deadlines", milestones, ""),
            ("逾期 Overdue", len(self.overdue), "bad" if self.overdue else "good"),
            ("完成 Done/dropped", closed, ""),
            ("单位 Departments", len(self.departments), ""),
            ("重叠 Overlaps", len(self.overlaps) if self.overlaps is not None else -1,
             "warn" if self.overlaps else ""),
            ("未知单位 Unknown depts", len(self.unknown), "warn" if self.unknown else ""),
        ]


def build_report(view: LedgerView, *, overlap: bool = True) -> ReportData:
    """Everything the page shows, for the rows of ``view``."""
    from reformctl.audit.due import milestones

    rows = view.rows
    chosen = {(r.document, r.id) for r in rows}
    plans: dict[PlanKey, None] = {}
    per_month: dict[tuple[int, int], Counter[PlanKey]] = {}
    for hit in view.hits:
        if (hit.doc_name, hit.measure.id) not in chosen:
            continue
        key = PlanKey(hit.doc_name, hit.plan.index, hit.plan.title)
        plans.setdefault(key, None)
        for d in milestones(hit.measure):
            assert d.date is not None
            per_month.setdefault((d.date.year, d.date.month), Counter())[key] += 1
    months = _month_range(per_month)
    titles = [d.document.title for d in view.corpus.documents if d.document.title]
    overdue = sorted((r for r in rows if r.overdue),
                     key=lambda r: (-(r.days_late or 0), r.document, _id_order(r.id)))
    return ReportData(
        title=titles[0] if len(titles) == 1 else "reformctl report",
        as_of=view.as_of,
        source=str(view.corpus.root),
        documents=titles,
        rows=rows,
        plans=list(plans),
        months=months,
        per_month=per_month,
        departments=department_summary(rows, view.department_key),
        overdue=overdue,
        overlaps=_overlaps(view, chosen) if overlap else None,
        unknown=unknown_departments(view, chosen),
        titles={(h.doc_name, h.measure.id): h.measure.title for h in view.hits},
    )


def _id_order(measure_id: str) -> tuple[int, ...]:
    """"2.10" after "2.4": ids compare as numbers."""
    return tuple(int(p) if p.isdigit() else 0 for p in measure_id.split("."))


def _month_range(per_month: dict[tuple[int, int], Any]) -> list[tuple[int, int]]:
    """Every month from the first to the last with a deadline, gaps included."""
    if not per_month:
        return []
    (y, m), last = min(per_month), max(per_month)
    out = []
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _overlaps(view: LedgerView, chosen: set[tuple[str, str]]) -> list[Any]:
    """The audit's overlap findings (over the whole corpus) that touch a chosen measure."""
    from reformctl.audit.checks import run_audit

    findings = run_audit(view.corpus, view.ledger, view.as_of, checks=["overlap"],
                         registry=view.registry)
    return [f for f in findings if any(key in chosen for key in _finding_measures(f))]


def _finding_measures(finding: Any) -> list[tuple[str, str]]:
    """(document, measure id) of both measures of an overlap finding."""
    out = [(finding.document, finding.measure)]
    other = finding.details.get("other")
    if other:
        out.append((finding.details.get("other_document") or finding.document, str(other)))
    return out


def unknown_departments(view: LedgerView, chosen: set[tuple[str, str]]) -> list[UnknownDepartment]:
    """Owner names the registry does not know (the audit's unknown-department check)."""
    from reformctl.audit.checks import run_audit

    hits = [h for h in view.hits if (h.doc_name, h.measure.id) in chosen]
    findings = run_audit(view.corpus, view.ledger, view.as_of, checks=["unknown-department"],
                         registry=view.registry, hits=hits)
    return [
        UnknownDepartment(f.details.get("name", f.departments[0] if f.departments else ""),
                          f.details.get("closest"), tuple(f.details.get("measures", ())))
        for f in findings
    ]


# ---------------------------------------------------------------------------------------
# Charts


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def month_chart(data: ReportData, *, width: int = 1100, height: int = 340) -> str:
    """Stacked bars: milestones per month, one colour per plan, the as-of month marked."""
    if not data.months:
        return "<p class=\"empty\">No dated deadlines.</p>"
    many = len({p.document for p in data.plans}) > 1
    colors = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(data.plans)}
    left, right, top, bottom = 44, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(sum(data.per_month.get(m, Counter()).values()) for m in data.months) or 1
    step = _nice_step(peak)
    ymax = -(-peak // step) * step
    slot = plot_w / len(data.months)
    bar = min(56.0, slot * 0.7)
    out = [f'<svg class="chart" id="chart-months" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Deadlines per month per plan">']
    for v in range(0, ymax + 1, step):
        y = top + plot_h - v / ymax * plot_h
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'class="grid"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" '
                   f'text-anchor="end">{v}</text>')
    for i, (yy, mm) in enumerate(data.months):
        x = left + i * slot + (slot - bar) / 2
        counts = data.per_month.get((yy, mm), Counter())
        y = top + plot_h
        for plan in data.plans:
            n = counts.get(plan, 0)
            if not n:
                continue
            h = n / ymax * plot_h
            y -= h
            out.append(f'<rect class="seg" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                       f'height="{h:.1f}" fill="{colors[plan]}"><title>'
                       f'{_esc(plan.label(many))} · {yy}-{mm:02d}: {n}</title></rect>')
        total = sum(counts.values())
        if total:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" class="value" '
                       f'text-anchor="middle">{total}</text>')
        out.append(f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" class="axis" '
                   f'text-anchor="middle">{yy}-{mm:02d}</text>')
    as_of_month = (data.as_of.year, data.as_of.month)
    if data.months[0] <= as_of_month <= data.months[-1]:
        i = data.months.index(as_of_month)
        frac = (data.as_of.day - 1) / 31
        x = left + (i + frac) * slot
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" '
                   f'class="asof"/>')
        out.append(f'<text x="{x + 4:.1f}" y="{top + 10}" class="asof-label">'
                   f'as of {data.as_of.isoformat()}</text>')
    out.append("</svg>")
    legend = ['<ul class="legend">']
    for plan in data.plans:
        n = sum(c.get(plan, 0) for c in data.per_month.values())
        legend.append(f'<li><span class="swatch" style="background:{colors[plan]}"></span>'
                      f'{_esc(plan.label(many))} <span class="muted">({n})</span></li>')
    legend.append("</ul>")
    return "\n".join(out) + "\n" + "\n".join(legend)


def department_chart(data: ReportData, *, width: int = 1100, row_h: int = 20) -> str:
    """Horizontal bars per department: measures led (dark) and shared (light); overdue count."""
    depts = data.departments
    if not depts:
        return "<p class=\"empty\">No departments.</p>"
    label_w = max(display_width(d.department) for d in depts) * 7 + 16
    left, right, top = label_w, 80, 24
    plot_w = width - left - right
    height = top + row_h * len(depts) + 8
    peak = max(d.total for d in depts) or 1
    out = [f'<svg class="chart" id="chart-departments" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Department workload">',
           f'<rect x="{left}" y="4" width="12" height="12" fill="{LEAD_COLOR}"/>'
           f'<text x="{left + 16}" y="14" class="axis">牵头 lead</text>'
           f'<rect x="{left + 90}" y="4" width="12" height="12" fill="{RESPONSIBLE_COLOR}"/>'
           f'<text x="{left + 106}" y="14" class="axis">责任 responsible</text>'
           f'<text x="{left + 236}" y="14" class="late">! overdue</text>']
    for i, d in enumerate(depts):
        y = top + i * row_h
        lead_w = d.lead / peak * plot_w
        resp_w = d.responsible / peak * plot_w
        out.append(f'<g class="dept"><title>{_esc(d.department)}: 牵头 {d.lead}, 责任 '
                   f'{d.responsible}, overdue {d.overdue}</title>')
        out.append(f'<text x="{left - 8}" y="{y + 14}" class="label" text-anchor="end">'
                   f'{_esc(d.department)}</text>')
        out.append(f'<rect x="{left}" y="{y + 3}" width="{lead_w:.1f}" height="{row_h - 6}" '
                   f'fill="{LEAD_COLOR}"/>')
        out.append(f'<rect x="{left + lead_w:.1f}" y="{y + 3}" width="{resp_w:.1f}" '
                   f'height="{row_h - 6}" fill="{RESPONSIBLE_COLOR}"/>')
        late = f' <tspan class="late">!{d.overdue}</tspan>' if d.overdue else ""
        out.append(f'<text x="{left + lead_w + resp_w + 6:.1f}" y="{y + 14}" class="value">'
                   f'{d.total}{late}</text></g>')
    out.append("</svg>")
    return "\n".join(out)


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if peak / step <= 8:
            return step
    return 1000


# ---------------------------------------------------------------------------------------
# The page

_CSS = string.Template("""
:root { --cjk: $fonts; }
* { box-sizing: border-box; }
body { font-family: var(--cjk); margin: 0 auto; max-width: 1160px; padding: 24px;
       color: #222; background: #fff; line-height: 1.5; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 2px solid #dde; padding-bottom: 4px; }
.meta, .muted { color: #666; font-size: 13px; }
.numbers { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-top: 16px; }
.stat { border: 1px solid #dde; border-radius: 6px; padding: 10px 14px; }
.stat .n { display: block; font-size: 28px; font-weight: 700; }
.stat .label { color: #555; font-size: 13px; }
.stat.bad .n { color: $late; } .stat.warn .n { color: #b7791f; } .stat.good .n { color: #2e7d32; }
svg.chart { max-width: 100%; height: auto; font-family: var(--cjk); }
svg .grid { stroke: #e5e5e5; } svg .axis { font-size: 11px; fill: #555; }
svg .value { font-size: 11px; fill: #333; } svg .label { font-size: 12px; fill: #222; }
svg .late { font-size: 11px; fill: $late; font-weight: 700; }
svg .asof { stroke: $late; stroke-dasharray: 4 3; } svg .asof-label { font-size: 11px; fill: $late; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px;
            font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
          vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #dde; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef3f8; } td.num { text-align: right; white-space: nowrap; }
tr.late td { background: #fdecea; }
.empty { color: #2e7d32; }
@media print { body { max-width: none; } h2 { break-after: avoid; } }
""").substitute(fonts=CJK_FONTS, late=LATE_COLOR)


def report_html(data: ReportData) -> str:
    """The whole page as one HTML string."""
    e = _esc
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="reformctl"><title>{e(data.title)}</title>',
        f"<style>{_CSS}</style></head><body>",
        f'<header><h1>{e(data.title)}</h1><p class="meta">As of {data.as_of.isoformat()} · '
        f"{e(data.source)} · generated {data.generated.strftime('%Y-%m-%d %H:%M')}</p>",
    ]
    if len(data.documents) > 1:
        parts.append('<p class="meta">' + " · ".join(e(t) for t in data.documents) + "</p>")
    parts.append("</header>")
    parts.append('<section id="numbers" class="numbers">')
    for label, value, css in data.numbers:
        shown = "–" if value < 0 else str(value)
        parts.append(f'<div class="stat {css}"><span class="n">{shown}</span>'
                     f'<span class="label">{e(label)}</span></div>')
    parts.append("</section>")
    parts.append('<section id="deadlines"><h2>每月时限 Deadlines per month, by plan</h2>')
    parts.append(month_chart(data))
    parts.append("</section>")
    parts.append('<section id="workload"><h2>单位工作量 Department workload '
                 '<span class="muted">(measures and sub-items)</span></h2>')
    parts.append(department_chart(data))
    parts.append("</section>")
    parts.append(_overdue_section(data))
    parts.append(_overlap_section(data))
    parts.append(_unknown_section(data))
    parts.append('<footer class="muted"><p>reformctl report · every row traces back to its '
                 "source line (Lines) in the parsed document.</p></footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _overdue_section(data: ReportData) -> str:
    e = _esc
    out = [f'<section id="overdue"><h2>逾期 Overdue <span class="muted">({len(data.overdue)}, '
           f"as of {data.as_of.isoformat()})</span></h2>"]
    if not data.overdue:
        out.append('<p class="empty">Nothing overdue.</p></section>')
        return "\n".join(out)
    out.append('<table id="overdue-table"><thead><tr><th>ID</th><th>措施 Title</th>'
               "<th>计划 Plan</th><th>时限 Deadlines</th><th>逾期天数 Days late</th>"
               "<th>牵头 Lead</th><th>责任 Responsible</th><th>状态 Status</th>"
               "<th>最新进展 Progress</th></tr></thead><tbody>")
    for r in data.overdue:
        ids = "<br>".join(e(i) for i in r.late_milestones) or e(r.id)
        when = f' <span class="muted">({r.progress_at.isoformat()})</span>' \
            if r.progress_at and r.note else ""
        out.append(
            f'<tr class="late"><td>{ids}</td><td>{e(r.title)}</td>'
            f"<td>{r.plan} {e(r.plan_title)}</td><td>{e(r.deadline_text)}</td>"
            f'<td class="num">{r.days_late}</td><td>{e("、".join(r.lead))}</td>'
            f'<td>{e("、".join(r.responsible))}</td><td>{e(r.status)}</td>'
            f"<td>{e(r.note)}{when}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _overlap_section(data: ReportData) -> str:
    e = _esc
    out = ['<section id="overlaps"><h2>重叠 Overlaps <span class="muted">(measures that read '
           "as the same work under different owners)</span></h2>"]
    if data.overlaps is None:
        out.append('<p class="muted">Not checked (--no-overlap).</p></section>')
        return "\n".join(out)
    if not data.overlaps:
        out.append('<p class="empty">No overlapping measures found.</p></section>')
        return "\n".join(out)
    out.append('<table id="overlaps-table"><thead><tr><th>Measure</th><th>Owners</th>'
               "<th>Same work as</th><th>Owners</th><th>Similarity</th><th>Shared terms</th>"
               "</tr></thead><tbody>")
    for f in data.overlaps:
        d = f.details
        other_doc = d.get("other_document") or f.document
        other = f"{d.get('other', '')} {data.titles.get((other_doc, str(d.get('other'))), '')}"
        if other_doc != f.document:
            other = f"{other} ({other_doc})"
        measure = f"{f.measure} {data.titles.get((f.document, f.measure), '')}"
        score = d.get("score")
        shown = f"{score:.2f}" if isinstance(score, (int, float)) else ""
        owners = "、".join(d.get("owners", ()))
        other_owners = "、".join(d.get("other_owners", ()))
        terms = "、".join(d.get("terms", ()))
        out.append(
            f"<tr><td>{e(measure)}</td><td>{e(owners)}</td><td>{e(other)}</td>"
            f'<td>{e(other_owners)}</td><td class="num">{shown}</td><td>{e(terms)}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _unknown_section(data: ReportData) -> str:
    e = _esc
    out = ['<section id="unknown"><h2>未知单位 Unknown departments '
           '<span class="muted">(not in departments.yaml)</span></h2>']
    if not data.unknown:
        out.append('<p class="empty">Every department is in the registry.</p></section>')
        return "\n".join(out)
    out.append('<table id="unknown-table"><thead><tr><th>Name</th><th>Closest known</th>'
               "<th>Measures</th></tr></thead><tbody>")
    for u in data.unknown:
        out.append(f"<tr><td>{e(u.name)}</td><td>{e(u.closest or '')}</td>"
                   f"<td>{e(', '.join(u.measures))}</td></tr>")
    out.append("</tbody></table></section>")
    return "\n".join(out)
