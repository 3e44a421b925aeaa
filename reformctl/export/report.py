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
from reformctl.i18n import N_, _, language
from reformctl.labels import status_label

# Fonts that carry Chinese on Linux (Noto CJK, WenQuanYi), macOS (PingFang, Hiragino) and
# Windows (Microsoft YaHei, SimHei), before the generic fallback.
CJK_FONTS = ("'reformctl CJK', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', "
             "'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', SimHei, sans-serif")
# Kelly's colours of maximum contrast (less white and black; two near twins replaced), so
# that no two plans look alike: one colour per plan of a single document. Tableau's 20 paired a
# dark and a light tint of each hue, so plans 7/17 and 2/12 of the seed looked alike.
PALETTE = (
    "#0067a5", "#f38400", "#008856", "#be0032", "#875692", "#f3c300", "#848482", "#a1caf1",
    "#882d17", "#8db600", "#e68fac", "#2b3d26", "#f99379", "#000080", "#c2b280", "#b3446c",
    "#2ecc40", "#654522", "#e25822", "#00a0a0",
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
    document_titles: dict[str, str] = field(default_factory=dict)  # file stem → title

    @property
    def numbers(self) -> list[tuple[str, int, str]]:
        """(label, value, css class) for the headline row."""
        milestones = sum(sum(c.values()) for c in self.per_month.values())
        closed = sum(r.status in ("done", "dropped") for r in self.rows)
        return [
            (_("Measures"), len(self.rows), ""),
            (_("Plans"), len(self.plans), ""),
            (_("Dated deadlines"), milestones, ""),
            (_("Overdue"), len(self.overdue), "bad" if self.overdue else "good"),
            (_("Done or dropped"), closed, ""),
            (_("Departments"), len(self.departments), ""),
            (_("Overlaps"), len(self.overlaps) if self.overlaps is not None else -1,
             "warn" if self.overlaps else ""),
            (_("Unknown departments"), len(self.unknown), "warn" if self.unknown else ""),
        ]


def corpus_title(titles: list[str], years: list[int]) -> str:
    """The page's title: the document's own, or for several "4 plans, 2021–2025"."""
    if len(titles) == 1:
        return titles[0]
    span = (f"{years[0]}–{years[-1]}" if len(years) > 1 and years[0] != years[-1]
            else str(years[0]) if years else "")
    if span:
        return _("Supervision report: {n} plan documents ({span})").format(n=len(titles),
                                                                           span=span)
    return _("Supervision report: {n} plan documents").format(n=len(titles))


def build_report(view: LedgerView, *, overlap: bool = True,
                 title: str | None = None) -> ReportData:
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
    years = sorted({d.document.year for d in view.corpus.documents if d.document.year})
    return ReportData(
        title=title or corpus_title(titles, years),
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
        document_titles={e.path.stem: e.document.document.title or e.path.stem
                         for e in view.corpus.entries},
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


def plan_colors(plans: list[PlanKey]) -> dict[PlanKey, str]:
    """A colour per plan: with one document, the distinct palette; with several, a hue
    family per document (its plans spread within it, lightness alternating), so the chart
    reads by document first, then by plan."""
    documents = list(dict.fromkeys(p.document for p in plans))
    if len(documents) <= 1:
        return {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(plans)}
    out: dict[PlanKey, str] = {}
    family = 360 / len(documents)
    for d, doc in enumerate(documents):
        members = [p for p in plans if p.document == doc]
        spread = family * 0.7
        for j, plan in enumerate(members):
            offset = (j / max(1, len(members) - 1) - 0.5) * spread if len(members) > 1 else 0
            hue = (210 + d * family + offset) % 360
            light = (38, 55, 70)[j % 3]
            sat = (72, 58)[(j // 3) % 2]
            out[plan] = _hsl(hue, sat, light)
    return out


def _hsl(hue: float, sat: float, light: float) -> str:
    import colorsys

    r, g, b = colorsys.hls_to_rgb(hue / 360, light / 100, sat / 100)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def month_label(year: int, month: int, with_year: bool) -> str:
    if language() == "zh":
        return f"{year}年{month}月" if with_year else f"{month}月"
    return f"{MONTH_ABBR[month - 1]} {year}" if with_year else MONTH_ABBR[month - 1]


LABEL_ROOM = 52.0  # px between month labels' centres: "2021年6月" at 11 px needs ~50


def label_step(months: int, width: float, room: float = LABEL_ROOM) -> int:
    """Label every n-th month so that labels never touch: 1, 2, 3, 6 or 12."""
    fits = max(1, int(width // room))
    for step in (1, 2, 3, 6, 12):
        if months / step <= fits:
            return step
    return 12


def month_chart(data: ReportData, *, width: int = 1100, height: int = 360) -> str:
    """Stacked bars: milestones per month, coloured by document then plan; year boundaries
    marked, month labels thinned to what fits, the as-of day marked."""
    if not data.months:
        return f"<p class=\"empty\">{_esc(_('No dated deadlines.'))}</p>"
    many = len({p.document for p in data.plans}) > 1
    colors = plan_colors(data.plans)
    left, right, top, bottom = 44, 16, 26, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(sum(data.per_month.get(m, Counter()).values()) for m in data.months) or 1
    step = _nice_step(peak)
    ymax = -(-peak // step) * step
    slot = plot_w / len(data.months)
    bar = min(56.0, slot * 0.7)
    every = label_step(len(data.months), plot_w)
    out = [f'<svg class="chart" id="chart-months" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{_esc(_("Deadlines per month, by plan"))}">']
    for v in range(0, ymax + 1, step):
        y = top + plot_h - v / ymax * plot_h
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'class="grid"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" '
                   f'text-anchor="end">{v}</text>')
    years = {yy for yy, _mm in data.months}
    last_label = -LABEL_ROOM
    for i, (yy, mm) in enumerate(data.months):
        x = left + i * slot + (slot - bar) / 2
        if mm == 1 and i > 0 or (i == 0 and len(years) > 1):
            # A year boundary: a line before January and the year over it.
            bx = left + i * slot
            if i > 0:
                out.append(f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{top - 14}" '
                           f'y2="{top + plot_h + 30}" class="year"/>')
            out.append(f'<text x="{bx + 4:.1f}" y="{top - 4}" class="year-label">'
                       f'{_esc(str(yy) + ("年" if language() == "zh" else ""))}</text>')
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
                       f'{_esc(_plan_label(data, plan, many))} · {yy}-{mm:02d}: {n}</title>'
                       f'</rect>')
        total = sum(counts.values())
        if total and bar >= 14:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" class="value" '
                       f'text-anchor="middle">{total}</text>')
        centre = x + bar / 2
        if ((mm - 1) % every == 0 or i == 0) and centre - last_label >= LABEL_ROOM:
            label = month_label(yy, mm, with_year=i == 0 and len(years) == 1)
            out.append(f'<text x="{centre:.1f}" y="{top + plot_h + 16}" class="axis" '
                       f'text-anchor="middle">{_esc(label)}</text>')
            last_label = centre
    as_of_month = (data.as_of.year, data.as_of.month)
    if data.months[0] <= as_of_month <= data.months[-1]:
        i = data.months.index(as_of_month)
        frac = (data.as_of.day - 1) / 31
        x = left + (i + frac) * slot
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" '
                   f'class="asof"/>')
        anchor = "end" if x > width - 160 else "start"
        dx = -4 if anchor == "end" else 4
        out.append(f'<text x="{x + dx:.1f}" y="{top + 12}" class="asof-label" '
                   f'text-anchor="{anchor}">'
                   f'{_esc(_("as of {day}").format(day=data.as_of.isoformat()))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n" + _legend(data, colors, many)


def _plan_label(data: ReportData, plan: PlanKey, many: bool) -> str:
    if not many:
        return f"{plan.index} {plan.title}"
    return f"{data.document_titles.get(plan.document, plan.document)} · {plan.index} {plan.title}"


def _legend(data: ReportData, colors: dict[PlanKey, str], many: bool) -> str:
    """The legend: plans with their milestone counts, under their document's title when
    there are several documents."""
    out = []
    documents = list(dict.fromkeys(p.document for p in data.plans))
    for doc in documents:
        if many:
            out.append(f'<h3 class="legend-doc">{_esc(data.document_titles.get(doc, doc))}</h3>')
        out.append('<ul class="legend">')
        for plan in (p for p in data.plans if p.document == doc):
            n = sum(c.get(plan, 0) for c in data.per_month.values())
            out.append(f'<li><span class="swatch" style="background:{colors[plan]}"></span>'
                       f'{_esc(f"{plan.index} {plan.title}")} <span class="muted">({n})</span>'
                       "</li>")
        out.append("</ul>")
    return "\n".join(out)


def department_chart(data: ReportData, *, width: int = 1100, row_h: int = 20) -> str:
    """Horizontal bars per department: measures led (dark) and shared (light); overdue count."""
    depts = data.departments
    if not depts:
        return f"<p class=\"empty\">{_esc(_('No departments.'))}</p>"
    label_w = max(display_width(d.department) for d in depts) * 7 + 16
    left, right, top = label_w, 80, 24
    plot_w = width - left - right
    height = top + row_h * len(depts) + 8
    peak = max(d.total for d in depts) or 1
    out = [f'<svg class="chart" id="chart-departments" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{_esc(_("Department workload"))}">',
           f'<rect x="{left}" y="4" width="12" height="12" fill="{LEAD_COLOR}"/>'
           f'<text x="{left + 16}" y="14" class="axis">{_esc(_("lead"))}</text>'
           f'<rect x="{left + 90}" y="4" width="12" height="12" fill="{RESPONSIBLE_COLOR}"/>'
           f'<text x="{left + 106}" y="14" class="axis">{_esc(_("responsible"))}</text>'
           f'<text x="{left + 236}" y="14" class="late">{_esc(_("! overdue"))}</text>']
    for i, d in enumerate(depts):
        y = top + i * row_h
        lead_w = d.lead / peak * plot_w
        resp_w = d.responsible / peak * plot_w
        out.append(f'<g class="dept"><title>{_esc(d.department)}: ' + _esc(
            _("lead {lead}, responsible {responsible}, overdue {overdue}").format(
                lead=d.lead, responsible=d.responsible, overdue=d.overdue)) + "</title>")
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
h3.legend-doc { font-size: 14px; margin: 12px 0 2px; }
.meta, .muted { color: #666; font-size: 13px; }
ul.documents { margin: 4px 0 0; padding-left: 20px; font-size: 13px; color: #444; }
.numbers { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-top: 16px; }
.stat { border: 1px solid #dde; border-radius: 6px; padding: 10px 14px; }
.stat .n { display: block; font-size: 28px; font-weight: 700; }
.stat .label { color: #555; font-size: 13px; }
.stat.bad .n { color: $late; } .stat.warn .n { color: #b7791f; } .stat.good .n { color: #2e7d32; }
svg.chart { max-width: 100%; height: auto; font-family: var(--cjk); }
svg .grid { stroke: #e5e5e5; } svg .axis { font-size: 11px; fill: #555; }
svg .year { stroke: #888; stroke-width: 1; } svg .year-label { font-size: 12px; fill: #333;
  font-weight: 700; }
svg .value { font-size: 11px; fill: #333; } svg .label { font-size: 12px; fill: #222; }
svg .late { font-size: 11px; fill: $late; font-weight: 700; }
svg .asof { stroke: $late; stroke-dasharray: 4 3; } svg .asof-label { font-size: 11px; fill: $late; }
ul.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap;
            gap: 2px 16px; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
          vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #dde; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef3f8; } td.num { text-align: right; white-space: nowrap; }
tr.late td { background: #fdecea; }
.empty { color: #2e7d32; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 18pt; } h2 { font-size: 13pt; break-after: avoid; margin-top: 18pt; }
  .numbers { grid-template-columns: repeat(4, 1fr); gap: 6pt; }
  .stat { padding: 4pt 8pt; } .stat .n { font-size: 16pt; }
  svg.chart { width: 100%; height: auto; break-inside: avoid; }
  section#deadlines { break-inside: avoid-page; }
  table { font-size: 8.5pt; } thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tr.late td { background: #fdecea; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .swatch, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""").substitute(fonts=CJK_FONTS, late=LATE_COLOR)


def report_html(data: ReportData, *, embed_font: bool = True) -> str:
    """The whole page as one HTML string, with the Chinese font it needs embedded."""
    body = _body(data)
    font = ""
    if embed_font:
        from reformctl.export.fonts import font_face_css

        font = font_face_css(data.title + body)
    lang = "zh-CN" if language() == "zh" else "en"
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="reformctl"><title>{_esc(data.title)}</title>',
        f"<style>{font}{_CSS}</style></head><body>",
        body,
        "</body></html>",
    ]) + "\n"


def _body(data: ReportData) -> str:
    e = _esc
    meta = _("As of {day} · generated {when}").format(
        day=data.as_of.isoformat(), when=data.generated.strftime("%Y-%m-%d %H:%M"))
    parts = [f'<header><h1>{e(data.title)}</h1><p class="meta">{e(meta)}</p>']
    if len(data.documents) > 1:
        parts.append('<ul class="documents">'
                     + "".join(f"<li>{e(t)}</li>" for t in data.documents) + "</ul>")
    parts.append("</header>")
    parts.append('<section id="numbers" class="numbers">')
    for label, value, css in data.numbers:
        shown = "–" if value < 0 else str(value)
        parts.append(f'<div class="stat {css}"><span class="n">{shown}</span>'
                     f'<span class="label">{e(label)}</span></div>')
    parts.append("</section>")
    parts.append(f'<section id="deadlines"><h2>{e(_("Deadlines per month, by plan"))}</h2>')
    parts.append(month_chart(data))
    parts.append("</section>")
    parts.append(f'<section id="workload"><h2>{e(_("Department workload"))} '
                 f'<span class="muted">{e(_("(measures and sub-items)"))}</span></h2>')
    parts.append(department_chart(data))
    parts.append("</section>")
    parts.append(_overdue_section(data))
    parts.append(_overlap_section(data))
    parts.append(_unknown_section(data))
    parts.append(f'<footer class="muted"><p>{e(_("reformctl report · every row traces back to its source line in the parsed document."))}</p></footer>')
    return "\n".join(parts)


def _head(*labels: str) -> str:
    return "<thead><tr>" + "".join(f"<th>{_esc(_(t))}</th>" for t in labels) + "</tr></thead>"


OVERDUE_HEADERS = (N_("ID"), N_("Title"), N_("Plan"), N_("Deadlines"), N_("Days late"),
                   N_("Lead"), N_("Responsible"), N_("Status"), N_("Progress"))
OVERLAP_HEADERS = (N_("Measure"), N_("Owners"), N_("Same work as"), N_("Owners"),
                   N_("Similarity"), N_("Shared terms"))
UNKNOWN_HEADERS = (N_("Name"), N_("Closest known"), N_("Measures"))


def _overdue_section(data: ReportData) -> str:
    e = _esc
    sub = _("({n}, as of {day})").format(n=len(data.overdue), day=data.as_of.isoformat())
    out = [f'<section id="overdue"><h2>{e(_("Overdue"))} <span class="muted">{e(sub)}'
           "</span></h2>"]
    if not data.overdue:
        out.append(f'<p class="empty">{e(_("Nothing overdue."))}</p></section>')
        return "\n".join(out)
    out.append('<table id="overdue-table">' + _head(*OVERDUE_HEADERS) + "<tbody>")
    for r in data.overdue:
        ids = "<br>".join(e(i) for i in r.late_milestones) or e(r.id)
        when = f' <span class="muted">({r.progress_at.isoformat()})</span>' \
            if r.progress_at and r.note else ""
        out.append(
            f'<tr class="late"><td>{ids}</td><td>{e(r.title)}</td>'
            f"<td>{r.plan} {e(r.plan_title)}</td><td>{e(r.deadline_text)}</td>"
            f'<td class="num">{r.days_late}</td><td>{e("、".join(r.lead))}</td>'
            f'<td>{e("、".join(r.responsible))}</td><td>{e(status_label(r.status))}</td>'
            f"<td>{e(r.note)}{when}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _overlap_section(data: ReportData) -> str:
    e = _esc
    out = [f'<section id="overlaps"><h2>{e(_("Overlaps"))} <span class="muted">'
           f'{e(_("(measures that read as the same work under different owners)"))}'
           "</span></h2>"]
    if data.overlaps is None:
        out.append(f'<p class="muted">{e(_("Not checked (--no-overlap)."))}</p></section>')
        return "\n".join(out)
    if not data.overlaps:
        out.append(f'<p class="empty">{e(_("No overlapping measures found."))}</p></section>')
        return "\n".join(out)
    out.append('<table id="overlaps-table">' + _head(*OVERLAP_HEADERS) + "<tbody>")
    for f in data.overlaps:
        d = f.details
        other_doc = d.get("other_document") or f.document
        other = f"{d.get('other', '')} {data.titles.get((other_doc, str(d.get('other'))), '')}"
        if other_doc != f.document:
            other = f"{other} ({data.document_titles.get(other_doc, other_doc)})"
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
    out = [f'<section id="unknown"><h2>{e(_("Unknown departments"))} '
           f'<span class="muted">{e(_("(not in departments.yaml)"))}</span></h2>']
    if not data.unknown:
        out.append(f'<p class="empty">{e(_("Every department is in the registry."))}</p>'
                   "</section>")
        return "\n".join(out)
    out.append('<table id="unknown-table">' + _head(*UNKNOWN_HEADERS) + "<tbody>")
    for u in data.unknown:
        out.append(f"<tr><td>{e(u.name)}</td><td>{e(u.closest or '')}</td>"
                   f"<td>{e(', '.join(u.measures))}</td></tr>")
    out.append("</tbody></table></section>")
    return "\n".join(out)
