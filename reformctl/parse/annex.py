"""An annex that lists the measures of the body a second time ("附件 重点任务分工表"): the
body's measures are kept, given what only the annex's row says (its owners, its deadlines).
"""

from __future__ import annotations

from dataclasses import replace

from reformctl.model import Measure, Plan, Warning_, warning
from reformctl.parse.measures import Attach, build_plan
from reformctl.parse.plans import Layout
from reformctl.parse.structure import Block
from reformctl.parse.vocab.headings import NOT_MEASURES_HEADING

# A measure of an annex that repeats one of the body: the same title, or one of them the
# start of the other ("加快5G网络建设" / "加快5G网络建设，新建5G基站2000个"), at least this long.
REPEAT_MIN_CHARS = 4
REPEAT_BUCKET = 32  # body titles compared per annex measure, whatever the input
_BREAKS = frozenset("，,。；;、 ")

# Measures of the body by their first characters: (title, plan, measure) positions.
Titles = dict[str, list[tuple[str, int, int]]]


def build_plans(layout: Layout, at: Attach) -> list[Plan]:
    """The plans of the layout, in order, numbered from 1; plans of aims and safeguards
    without owners left out, an annex's repeated measures folded into the body's."""
    plans: list[Plan] = []
    annex = layout.annex_line
    titles: Titles = {}
    for plan_block, measure_blocks in layout.plans:
        if not measure_blocks:
            continue
        plan = build_plan(at, len(plans) + 1, plan_block, measure_blocks)
        if goals_or_safeguards(plan):
            continue
        if annex and titles:
            kept = fold_repeats(plans, plan, measure_blocks, annex, titles, at.warnings)
            if kept is None:
                continue
            if kept is not measure_blocks:
                plan = build_plan(at, len(plans) + 1, plan_block, kept)
        if annex and plan.lines[0] < annex:  # without an annex, titles are never read
            for mi, m in enumerate(plan.measures):
                if len(m.title) >= REPEAT_MIN_CHARS:
                    titles.setdefault(m.title[:REPEAT_MIN_CHARS], []).append(
                        (m.title, len(plans), mi))
        plans.append(plan)
    return plans


def fold_repeats(
    plans: list[Plan], plan: Plan, measure_blocks: list[Block], annex: int, titles: Titles,
    warnings: list[Warning_],
) -> list[Block] | None:
    """Give the body's measures what the annex's repeats of them add (in ``plans``); the
    measure blocks left of ``plan`` (``measure_blocks`` itself when nothing repeats, None
    when every one did)."""
    repeats = [(m, at) for m in plan.measures if m.lines[0] > annex
               and (at := repeated_title(m.title, titles)) is not None]
    if not repeats:
        return measure_blocks
    warnings.append(warning(repeats[0][0].lines[0], "annex-repeats-measures",
                            "the annex lists {n} measures of the body again; the body's are "
                            "kept, with the annex's owners and deadlines they lack",
                            n=len(repeats)))
    for row, (pi, mi) in repeats:
        plans[pi] = with_measure(plans[pi], mi, with_annex_row(plans[pi].measures[mi], row))
    repeated = [m for m, _ in repeats]
    kept = [b for b, m in zip(measure_blocks, plan.measures, strict=False) if m not in repeated]
    return kept or None


def goals_or_safeguards(plan: Plan) -> bool:
    """Numbered lines under 主要目标, 基本原则 or 保障措施 that no department owns are the
    plan's aims and closing duties, not measures: "（二）主要目标" / "1.到2025年，…达到10%。",
    "三、保障措施" / "1、加强组织领导。". Under the same headings, a line with an owner note
    (山东's "三、推进措施" items) stays a measure."""
    if not (NOT_MEASURES_HEADING.search(plan.title) or NOT_MEASURES_HEADING.search(plan.section)):
        return False
    return not any(item.owners for m in plan.measures for item in m.walk())


def repeated_title(title: str, titles: Titles) -> tuple[int, int] | None:
    """Where the body has this title (plan and measure positions), compared only with the
    body's titles that open with the same characters (bounded)."""
    if len(title) < REPEAT_MIN_CHARS:
        return None
    same_start = titles.get(title[:REPEAT_MIN_CHARS], [])
    for body_title, pi, mi in same_start[:REPEAT_BUCKET]:
        if same_task(title, body_title):
            return pi, mi
    return None


def same_task(a: str, b: str) -> bool:
    """The same title, or one the other's start up to a clause break: "加快5G网络建设" /
    "加快5G网络建设，新建5G基站2000个" — but not "完善公共服务设施" / "完善公共服务设施项目：
    东城社区卫生服务中心", another task that starts alike."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long.startswith(short) and (len(long) == len(short) or long[len(short)] in _BREAKS)


def with_annex_row(body: Measure, row: Measure) -> Measure:
    """A body measure given what its row in the annex table adds where the body says
    nothing: the row's owner groups when the body names no owner (marked ``inherited``: they
    stand in the annex, not in the measure's text), the row's deadlines when it has none.
    What the body says itself stands."""
    owners = body.owners or tuple(replace(g, inherited=True, covers=None) for g in row.owners)
    deadlines = body.deadlines or row.deadlines
    if owners is body.owners and deadlines is body.deadlines:
        return body
    return replace(body, owners=owners, deadlines=deadlines)


def with_measure(plan: Plan, index: int, measure: Measure) -> Plan:
    measures = list(plan.measures)
    measures[index] = measure
    return replace(plan, measures=tuple(measures))


__all__ = ["build_plans"]
