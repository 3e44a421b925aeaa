"""A closing line that says when the measures above it are done ("以上工作要在…前完成"): the
measures without a deadline of their own have its deadline, as a scope note below them gives
them owners. Small documents written in the style of real plans."""

from __future__ import annotations

from datetime import date

from reformctl.model import Document
from reformctl.parse import parse_text

GROUPS = """\
某市优化营商环境工作方案

一、重点任务
（一）提升政务服务效能
1.推进“一网通办”。全面梳理政务服务事项。（市行政审批服务局牵头）
2.深化“一窗受理”。市县两级政务服务中心全面推行综合窗口。（市行政审批服务局负责）
以上工作要在2023年6月底前完成。
（二）优化市场准入环境
1.压缩企业开办时间。（牵头单位：市市场监管局）
2.推进证照分离改革。9月底前完成清单梳理。（市市场监管局负责）
上述任务于12月底前完成。
（三）加强要素保障
1.保障项目用地。（市自然资源局负责）
"""


def dates(doc: Document) -> dict[str, list[tuple[str, date | None, int | None]]]:
    return {m.id: [(d.raw, d.date, d.line) for d in m.deadlines] for _, m in doc.walk()}


def test_measures_without_a_deadline_have_the_closing_lines() -> None:
    found = dates(parse_text(GROUPS, year=2023))
    assert found == {
        "1.1": [("2023年6月底前", date(2023, 6, 30), 7)],
        "1.2": [("2023年6月底前", date(2023, 6, 30), 7)],  # the line is not its text
        "2.1": [("12月底前", date(2023, 12, 31), 11)],
        "2.2": [("9月底前", date(2023, 9, 30), 10)],  # a deadline of its own is kept
        "3.1": [],  # below the closing lines: none speaks for it
    }


def test_the_closing_line_is_no_part_of_the_last_measure() -> None:
    doc = parse_text(GROUPS, year=2023)
    last = doc.measure("1.2")
    assert last is not None and "以上工作" not in last.text and last.lines == (6, 6)
    assert all(d.span is None for d in last.deadlines)  # not in the measure's text


SECTIONS = """\
某市数字政府建设工作方案

一、夯实数字基础
（一）建设政务云平台。统一建设市级政务云。（牵头单位：市大数据局）
（二）整合政务数据资源。推进数据共享交换。（牵头单位：市大数据局）
以上工作于2024年6月底前完成。
二、提升服务效能
（一）推行“一网通办”。（牵头单位：市行政审批服务局）
（1）梳理政务服务事项清单。
（2）推进高频事项网上办理。2024年3月底前完成。
（以上任务2024年9月底前全部完成）
（二）建设统一受理平台。（牵头单位：市行政审批服务局）
三、保障措施
（一）加强组织领导。建立工作专班。（市政府办公室负责）
"""


def test_a_closing_line_speaks_for_the_blocks_at_its_level() -> None:
    found = dates(parse_text(SECTIONS))
    assert found["1.1"] == found["1.2"] == [("2024年6月底前", date(2024, 6, 30), 6)]
    # Under a measure, for its sub-items: the measure itself and the next one are not closed.
    assert found["2.1.1"] == [("2024年9月底前", date(2024, 9, 30), 11)]
    assert found["2.1.2"] == [("2024年3月底前", date(2024, 3, 31), 10)]
    assert found["2.1"] == found["2.2"] == found["3.1"] == []


def test_a_closing_sentence_inside_a_paragraph_stays_its_text() -> None:
    text = ("二、制定配套制度\n各地区、各部门都要制定具体的实施办法。以上工作要在2019年2月底前完成。\n"
            "三、推进改革\n（一）下放管理权限。（科技部负责）\n")
    found = {m.title: [(d.raw, d.span is not None) for d in m.deadlines]
             for _, m in parse_text(text).walk()}
    assert found == {"制定配套制度": [("2019年2月底前", True)], "下放管理权限": []}
