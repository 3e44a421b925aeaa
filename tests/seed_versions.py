"""Versions of the seed document derived by string edits, as a supervision office would see
them re-issued: a measure deleted (later ones renumbered), a deadline postponed, an owner
changed, a target changed, a measure added, a title reworded, a measure moved, a sub-item
dropped. Each edit asserts that it found exactly what it changes."""

from __future__ import annotations

import re

from seedfiles import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")

# "配套措施—获得电力": one heading line per plan.
PLAN_HEADING = "配套措施"
# The running title repeated between plans; it belongs to no measure.
RUNNING_TITLE = "泰安市优化营商环境创新突破行动"
MEASURE_LINE = re.compile(r"^(\d+)\. ")
SUBITEM_LINE = re.compile(r"^[(（](\d+)[)）]")


def plan_range(lines: list[str], plan: int) -> tuple[int, int]:
    """Line indexes [start, end) of plan ``plan`` (1-based), heading included."""
    heads = [i for i, line in enumerate(lines) if PLAN_HEADING in line]
    start = heads[plan - 1]
    end = heads[plan] if plan < len(heads) else len(lines)
    return start, end


def measure_range(lines: list[str], plan: int, number: int) -> tuple[int, int]:
    """Line indexes [start, end) of measure ``number`` of ``plan``, continuation lines and
    the blank lines after it included."""
    start, end = plan_range(lines, plan)
    first = next(i for i in range(start, end)
                 if (m := MEASURE_LINE.match(lines[i])) and int(m.group(1)) == number)
    last = first + 1
    while last < end and not MEASURE_LINE.match(lines[last]) \
            and lines[last].strip() != RUNNING_TITLE:
        last += 1
    return first, last


def renumber(lines: list[str], start: int, end: int, from_number: int, delta: int) -> None:
    for i in range(start, end):
        if (m := MEASURE_LINE.match(lines[i])) and int(m.group(1)) >= from_number:
            lines[i] = f"{int(m.group(1)) + delta}. " + lines[i][m.end():]


def delete_measure(text: str, plan: int, number: int) -> str:
    """Drop a measure; the later measures of its plan move up by one."""
    lines = text.split("\n")
    first, last = measure_range(lines, plan, number)
    del lines[first:last]
    start, end = plan_range(lines, plan)
    renumber(lines, start, end, number + 1, -1)
    return "\n".join(lines)


def insert_measure(text: str, plan: int, number: int, body: str) -> str:
    """Insert ``body`` as measure ``number`` of ``plan``; later measures move down by one."""
    lines = text.split("\n")
    start, end = plan_range(lines, plan)
    count = sum(bool(MEASURE_LINE.match(lines[i])) for i in range(start, end))
    if number <= count:
        at = measure_range(lines, plan, number)[0]
        renumber(lines, start, end, number, +1)
    else:
        at = measure_range(lines, plan, count)[1]
    lines[at:at] = [f"{number}. {body}", ""]
    return "\n".join(lines)


def move_last_measure(text: str, from_plan: int, to_plan: int) -> str:
    """Move the last measure of one plan to the end of another."""
    lines = text.split("\n")
    start, end = plan_range(lines, from_plan)
    count = sum(bool(MEASURE_LINE.match(lines[i])) for i in range(start, end))
    first, last = measure_range(lines, from_plan, count)
    block = lines[first:last]
    del lines[first:last]
    body = "\n".join(block).strip()
    body = MEASURE_LINE.sub("", body, count=1)
    text = "\n".join(lines)
    start, end = plan_range(lines, to_plan)
    target_count = sum(bool(MEASURE_LINE.match(lines[i])) for i in range(start, end))
    return insert_measure(text, to_plan, target_count + 1, body)


def delete_subitem(text: str, plan: int, number: int, item: int) -> str:
    """Drop sub-item "(item)" of a measure; later sub-items move up by one."""
    lines = text.split("\n")
    first, last = measure_range(lines, plan, number)
    at = next(i for i in range(first, last)
              if (m := SUBITEM_LINE.match(lines[i])) and int(m.group(1)) == item)
    stop = at + 1
    while stop < last and not SUBITEM_LINE.match(lines[stop]):
        stop += 1
    del lines[at:stop]
    for i in range(first, last - (stop - at)):
        m = SUBITEM_LINE.match(lines[i])
        if m and int(m.group(1)) > item:
            lines[i] = f"({int(m.group(1)) - 1})" + lines[i][m.end():]
    return "\n".join(lines)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


# The single edits, each a function of the text, with what the diff must say about it.
def postpone_2_3(text: str) -> str:
    return replace_once(text, "6月中旬前,制定优化排水接入实施方案", "9月底前,制定优化排水接入实施方案")


def change_owner_3_4(text: str) -> str:
    return replace_once(
        text,
        "优先在省级园区推广“入驻即送电”的电力接入服务。(牵头部门:市能源局;责任部门:国网泰安供电公司)",
        "优先在省级园区推广“入驻即送电”的电力接入服务。(牵头部门:市能源局;责任部门:市发展改革委)",
    )


def change_target_9_1(text: str) -> str:
    return replace_once(text, "城镇新增就业3.4万人", "城镇新增就业3.6万人")


NEW_MEASURE = ("推行企业开办“跨区通办”。10月底前,实现企业开办事项全市跨区通办。"
               "(牵头部门:市行政审批服务局)")


def add_measure_1_9(text: str) -> str:
    return insert_measure(text, 1, 9, NEW_MEASURE)


def reword_title_12_10(text: str) -> str:
    return replace_once(text, "持续深化“一窗受理”改革。", "全面深化“一窗受理”改革。")


def move_17_7_to_16(text: str) -> str:
    return move_last_measure(text, 17, 16)


def drop_subitem_14_10_3(text: str) -> str:
    return delete_subitem(text, 14, 10, 3)


def delete_2_5(text: str) -> str:
    return delete_measure(text, 2, 5)


ALL_EDITS = (
    delete_2_5,
    postpone_2_3,
    change_owner_3_4,
    change_target_9_1,
    add_measure_1_9,
    reword_title_12_10,
    move_17_7_to_16,
    drop_subitem_14_10_3,
)


def edited(*edits: object) -> str:
    text = SEED_TEXT
    for edit in edits:
        text = edit(text)  # type: ignore[operator]
    return text


# Two measures with the same title in two plans, replaced by one measure equally close to
# both, in a new plan: which one it continues cannot be told.
TWIN_OLD = """泰安市优化营商环境创新突破行动 配套措施—开办企业

1. 推进电子证照全面应用。9月底前,实现电子营业执照在开办企业各环节全面应用。(牵头部门:市行政审批服务局)

2. 优化企业准营运营服务。深化推进“一业一证”改革,推动更多行业“一证准营”。(牵头部门:市行政审批服务局)

泰安市优化营商环境创新突破行动 配套措施—政务服务

1. 推进电子证照全面应用。9月底前,实现电子营业执照在政务服务各环节全面应用。(牵头部门:市行政审批服务局)

2. 提升“一网通办”水平。持续推进政务服务事项上网运行,提升网办深度。(牵头部门:市行政审批服务局)
"""

TWIN_NEW = """泰安市优化营商环境创新突破行动 配套措施—开办企业

1. 优化企业准营运营服务。深化推进“一业一证”改革,推动更多行业“一证准营”。(牵头部门:市行政审批服务局)

泰安市优化营商环境创新突破行动 配套措施—政务服务

1. 提升“一网通办”水平。持续推进政务服务事项上网运行,提升网办深度。(牵头部门:市行政审批服务局)

泰安市优化营商环境创新突破行动 配套措施—数字政府

1. 推进电子证照全面应用。10月底前,实现电子营业执照在各环节全面应用。(牵头部门:市大数据局)
"""


# The seed in another layout: "一、重点任务 （一）开办企业 1. …（牵头单位：…；责任单位：…）",
# full-width punctuation, no bold markup, no leader lines.
_CN = "一二三四五六七八九十"
_OWNER_NOTE = re.compile(r"[(（]((?:牵头部门|责任部门)[:：][^()（）]*?)[)）]")


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]


def _other_note(m: re.Match[str]) -> str:
    note = (m.group(1).replace("牵头部门", "牵头单位").replace("责任部门", "责任单位")
            .replace(":", "：").replace(";", "；"))
    return f"（{note}）"


def hierarchy_layout(text: str) -> str:
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if PLAN_HEADING in line]
    out = [f"{RUNNING_TITLE}配套措施", "", "一、重点任务", ""]
    for k, head in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(lines)
        title = re.split(r"配套措施[一—-]*", lines[head])[-1].strip()
        out.append(f"（{_cn(k + 1)}）{title}")
        for line in lines[head + 1:end]:
            stripped = line.strip()
            if stripped.startswith(("(分管市领导", "（分管市领导")) or stripped == RUNNING_TITLE:
                continue
            out.append(_OWNER_NOTE.sub(_other_note, line).replace(",", "，").replace("**", ""))
    return "\n".join(out)
