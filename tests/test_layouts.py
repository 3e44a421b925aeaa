"""Layouts beyond the seed: hierarchies, owner-note styles, notes that apply to what follows,
text that is not measures. Small documents written in the style of real plans."""

from __future__ import annotations

from datetime import date

import pytest

from reformctl.model import Document
from reformctl.parse import parse_text


def ids(doc: Document) -> list[str]:
    return [m.id for _, m in doc.walk()]


def get(doc: Document, measure_id: str):  # type: ignore[no-untyped-def]
    m = doc.measure(measure_id)
    assert m is not None, (measure_id, ids(doc))
    return m


LADDER = """\
某市优化营商环境三年行动方案（2022—2024年）

一、总体目标
到2024年，全市营商环境便利度显著提升。

二、重点任务
（一）提升政务服务效能。
1、推进“一网通办”。全面梳理政务服务事项，实现网上可办率达到95%以上。（市行政审批服务局牵头，市大数据中心配合）
2、深化“一窗受理”。2022年6月底前，市县两级政务服务中心全面推行综合窗口。（市行政审批服务局负责）
（二）优化市场准入环境。
1、压缩企业开办时间。企业开办时间压减至1个工作日以内。（牵头单位：市市场监管局；配合单位：市公安局、市税务局）
2、推进证照分离改革。三季度末前完成涉企经营许可事项清单梳理。（市市场监管局、市司法局分工负责，各县区政府配合）

三、保障措施
（一）加强组织领导。成立工作专班，统筹推进各项任务落实。（市发展改革委牵头）
（二）强化督导考核。将任务落实情况纳入年度考核。（市政府督查室负责）

抄送：市委各部门，市人大常委会办公室，市政协办公室。
某市人民政府办公室
2022年3月1日
"""


def test_ladder_with_restarting_numbers_and_groups_as_plans() -> None:
    doc = parse_text(LADDER)
    assert doc.document.title == "某市优化营商环境三年行动方案（2022—2024年）"
    assert [p.title for p in doc.plans] == ["提升政务服务效能", "优化市场准入环境", "保障措施"]
    assert ids(doc) == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2"]
    assert doc.plans[0].section == "重点任务"


def test_owner_note_styles() -> None:
    doc = parse_text(LADDER)
    one = get(doc, "1.1")
    assert one.lead == ("市行政审批服务局",) and one.responsible == ("市大数据中心",)
    assert get(doc, "1.2").lead == ("市行政审批服务局",)
    entry = get(doc, "2.1")
    assert entry.lead == ("市市场监管局",)
    assert entry.responsible == ("市公安局", "市税务局")
    licences = get(doc, "2.2")
    assert licences.lead == ("市市场监管局", "市司法局")
    assert licences.responsible == ("各县区政府",)


def test_groups_without_items_are_measures_when_they_carry_notes() -> None:
    doc = parse_text(LADDER)
    lead = get(doc, "3.1")
    assert lead.title == "加强组织领导" and lead.lead == ("市发展改革委",)
    assert get(doc, "3.2").lead == ("市政府督查室",)


def test_year_and_deadlines_from_the_document() -> None:
    doc = parse_text(LADDER)
    assert doc.document.year == 2022
    assert [d.date for d in get(doc, "1.2").deadlines] == [date(2022, 6, 30)]
    assert [d.date for d in get(doc, "2.2").deadlines] == [date(2022, 9, 30)]


def test_distribution_list_and_signature_are_not_measure_text() -> None:
    doc = parse_text(LADDER)
    last = get(doc, "3.2")
    assert "抄送" not in last.text and "人民政府办公室" not in last.text
    assert last.lines[1] == last.lines[0]


GROUPS_ONLY = """\
关于进一步优化外商投资环境的若干措施

一、放宽市场准入
（一）全面落实准入前国民待遇加负面清单管理制度。负面清单之外的领域，按照内外资一致原则实施管理。（市商务局、市发展改革委负责）
（二）支持外资参与重大项目建设。（市发展改革委牵头，市商务局配合）
二、加大投资促进力度
（三）完善外资招商激励机制。对年度实际使用外资金额超过1000万美元的项目给予奖励。（市商务局、市财政局按职责分工负责）
"""


def test_measures_numbered_by_chinese_groups_only() -> None:
    doc = parse_text(GROUPS_ONLY)
    assert [p.title for p in doc.plans] == ["放宽市场准入", "加大投资促进力度"]
    assert ids(doc) == ["1.1", "1.2", "2.3"]
    assert get(doc, "1.1").lead == ("市商务局", "市发展改革委")
    assert get(doc, "1.2").responsible == ("市商务局",)
    reward = get(doc, "2.3")
    assert reward.lead == ("市商务局", "市财政局")
    assert [(t.value, t.unit, t.op) for t in reward.targets] == [(10000000, "美元", ">=")]


INHERITED = """\
二、重点任务
（一）深化“放管服”改革（牵头单位：市行政审批服务局）
1. 推行告知承诺制。2022年底前实现涉企证明事项告知承诺制全覆盖。
2. 推进“跨省通办”。持续推进。
（二）加强事中事后监管
（牵头单位：市市场监管局；责任单位：各县市区政府）
3．推行“双随机、一公开”监管。
4．实施信用分级分类监管。长期坚持。
5．开展涉企收费专项检查。（市发展改革委负责）
"""


def test_a_note_on_a_heading_or_its_own_line_applies_to_the_measures_below() -> None:
    doc = parse_text(INHERITED)
    first = get(doc, "1.1")
    assert first.lead == ("市行政审批服务局",) and first.owners[0].inherited
    assert get(doc, "1.2").lead == ("市行政审批服务局",)
    assert get(doc, "2.3").lead == ("市市场监管局",)
    assert get(doc, "2.4").responsible == ("各县市区政府",)
    own = get(doc, "2.5")
    assert own.lead == ("市发展改革委",) and not own.owners[0].inherited


def test_ongoing_and_year_end_deadlines() -> None:
    doc = parse_text(INHERITED, year=2022)
    kinds = {d.raw: (d.kind, d.date) for _, m in doc.walk() for d in m.deadlines}
    assert kinds["2022年底前"] == ("by", date(2022, 12, 31))
    assert kinds["持续推进"][0] == "ongoing"
    assert kinds["长期坚持"][0] == "ongoing"


BARE_LABELS = """\
一、重点任务
1. 建设城市运行管理服务平台。完成平台主体功能建设。
牵头单位：市城市管理局
责任单位：市大数据中心、市财政局
完成时限：2022年6月底前
2. 推进智慧社区建设。牵头单位：市民政局；责任单位：各区政府；完成时限：2022年12月底前
专栏1 重点工程
1. 城市大脑二期工程
2. 智慧交通工程
二、保障措施
（一）加强资金保障。（市财政局负责）
"""


def test_owner_and_time_labels_written_as_plain_lines() -> None:
    doc = parse_text(BARE_LABELS)
    platform = get(doc, "1.1")
    assert platform.lead == ("市城市管理局",)
    assert platform.responsible == ("市大数据中心", "市财政局")
    assert [d.date for d in platform.deadlines] == [date(2022, 6, 30)]
    assert platform.title == "建设城市运行管理服务平台"
    community = get(doc, "1.2")
    assert community.lead == ("市民政局",) and community.responsible == ("各区政府",)
    assert [d.date for d in community.deadlines] == [date(2022, 12, 31)]


def test_a_box_of_projects_is_not_measures() -> None:
    doc = parse_text(BARE_LABELS)
    titles = [m.title for _, m in doc.walk()]
    assert "城市大脑二期工程" not in titles
    assert ids(doc) == ["1.1", "1.2", "2.1"]


SCORES = """\
附件
一、政务服务"一网通办"（25分）
（一）一体化政务服务平台建设（3分）
1．各级政务服务事项全部开通全程网办。（5月底前完成，持续推进，牵头考核单位：市行政审批服务局）（0.5分）
2．完善数据分析功能，强化审批智能化。（6月底完成，牵头考核单位：市行政审批服务局、市大数据局）
（二）政务服务便民热线升级（2分）
3．全面提升政务热线服务水平。（按进度推进，牵头考核单位：市政府办公室）
"""


def test_score_marks_and_combined_time_owner_notes() -> None:
    doc = parse_text(SCORES, year=2022)
    assert [p.title for p in doc.plans] == ["一体化政务服务平台建设", "政务服务便民热线升级"]
    assert ids(doc) == ["1.1", "1.2", "2.3"]
    first = get(doc, "1.1")
    assert first.title == "各级政务服务事项全部开通全程网办"
    assert first.lead == ("市行政审批服务局",)
    assert first.deadlines[0].date == date(2022, 5, 31)
    assert get(doc, "1.2").lead == ("市行政审批服务局", "市大数据局")
    assert not any(w.code == "numbering-gap" for w in doc.warnings)


def test_numbering_marks_variants() -> None:
    text = "一、任务\n1﹒推进甲。（市教育局负责）\n2、推进乙。（市民政局负责）\n3．推进丙。（市财政局负责）\n"
    doc = parse_text(text)
    assert [m.lead for _, m in doc.walk()] == [("市教育局",), ("市民政局",), ("市财政局",)]


def test_decimal_after_a_page_break_is_not_a_new_measure() -> None:
    text = (
        "一、任务\n1. 实行奖励政策。按其实际使用外资额的\n\n1.2%予以奖励。（市财政局负责）\n"
        "2. 搭建平台。（市商务局负责）\n"
    )
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2"]
    assert "1.2%予以奖励" in get(doc, "1.1").text


def test_unrecognised_text_warns_and_the_rest_still_parses() -> None:
    text = "一、任务\n1. 推进甲。（牵头单位：）\n2. 推进乙。（市民政局负责）\n5. 推进丙。（市财政局负责）\n"
    doc = parse_text(text)
    codes = {w.code for w in doc.warnings}
    assert "numbering-gap" in codes
    assert ids(doc) == ["1.1", "1.2", "1.5"]
    assert get(doc, "1.2").lead == ("市民政局",)


def test_no_measures_at_all_is_a_warning_not_an_error() -> None:
    doc = parse_text("各有关单位：\n现将有关事项通知如下。\n")
    assert doc.plans == ()
    assert [w.code for w in doc.warnings] == ["no-measures"]


FIRST_LISTED = """\
（注：责任单位中列第一位的为牵头单位。）
一、重点任务
1. 推进政务数据共享。（责任单位：市大数据中心、市行政审批服务局；完成时限：2022年6月）
2. 推进科技成果转化。（由市科技局牵头，市财政局配合）
3. 强化安全生产监管。（市级责任单位：市应急局；县级责任单位：各县区政府）
"""


def test_first_listed_unit_leads_when_the_document_says_so() -> None:
    doc = parse_text(FIRST_LISTED, year=2022)
    share = get(doc, "1.1")
    assert share.lead == ("市大数据中心",)
    assert share.responsible == ("市行政审批服务局",)
    assert [d.date for d in share.deadlines] == [date(2022, 6, 30)]
    assert get(doc, "1.2").lead == ("市科技局",)
    safety = get(doc, "1.3")
    assert safety.lead == ("市应急局",) and safety.responsible == ("各县区政府",)


def test_measures_numbered_with_arabic_parentheses_only() -> None:
    text = (
        "一、优化审批服务\n（1）推行告知承诺制。（市行政审批服务局牵头）\n"
        "（2）压缩审批时限。（市行政审批服务局、市住房城乡建设局负责）\n"
        "二、加强监管\n（3）推行信用监管。（市发展改革委牵头，市市场监管局配合）\n"
    )
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2", "2.3"]
    assert get(doc, "2.3").responsible == ("市市场监管局",)


def test_sections_as_measures_in_a_short_list_of_measures() -> None:
    text = (
        "关于支持中小企业发展的若干措施\n"
        "一、加大财政支持力度。对新认定的专精特新企业给予一次性奖励50万元。（市财政局、市工业和信息化局负责）\n"
        "二、强化融资服务。2022年底前实现首贷服务中心全覆盖。（市地方金融监管局牵头，人行市中心支行配合）\n"
    )
    doc = parse_text(text)
    assert [p.title for p in doc.plans] == ["全文"]
    assert ids(doc) == ["1.1", "1.2"]
    assert get(doc, "1.1").lead == ("市财政局", "市工业和信息化局")
    assert get(doc, "1.2").responsible == ("人行市中心支行",)


# -- 任务分工 tables that reached plain text -------------------------------------------------

TAB_TABLE = (
    "某市2023年优化营商环境重点任务分工表\n\n"
    "序号\t重点任务\t牵头单位\t责任单位\t完成时限\n"
    "1\t推行企业开办“一日办结”。\t市市场监管局\t市公安局、市税务局\t2023年6月底前\n"
    "2\t全面推行“双随机、一公开”监管。\t市市场监管局\t市直各有关部门\t长期坚持\n"
)
PIPE_TABLE = """\
某区深化“放管服”改革任务清单

| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时间 |
|---|---|---|---|---|
| 1 | 推进政务服务事项“一网通办”。 | 区行政审批局 | 区大数据中心 | 2022年6月底前 |
| 2 | 建立企业诉求“直通车”制度。 | 区发展改革局 | 区工商联 | 持续推进 |
"""
STACKED_TABLE = """\
某区2023年优化营商环境攻坚任务分工表
序号
重点任务
牵头单位
配合单位
完成时限
一、政务服务
1
推行“证照联办”，将企业开办与经营许可证联合办理，
办理时间压缩至5个工作日。
区行政审批局
区市场监管局
2023年6月底前
2
推行包容审慎监管。
区市场监管局
区司法局
长期坚持

抄送：区委办公室。
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TAB_TABLE, [("1.1", ("市市场监管局",), ("市公安局", "市税务局"), "2023-06-30"),
                     ("1.2", ("市市场监管局",), ("市直各有关部门",), "ongoing")]),
        (PIPE_TABLE, [("1.1", ("区行政审批局",), ("区大数据中心",), "2022-06-30"),
                      ("1.2", ("区发展改革局",), ("区工商联",), "ongoing")]),
        (STACKED_TABLE, [("1.1", ("区行政审批局",), ("区市场监管局",), "2023-06-30"),
                         ("1.2", ("区市场监管局",), ("区司法局",), "ongoing")]),
    ],
    ids=["tabs", "pipes", "one-cell-a-line"],
)
def test_task_tables_flattened_to_text(text: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    doc = parse_text(text)
    assert ids(doc) == [e[0] for e in expected]
    for measure_id, lead, responsible, due in expected:
        m = get(doc, measure_id)
        assert (m.lead, m.responsible) == (lead, responsible)
        last = m.deadlines[-1]
        assert (str(last.date) if last.date else last.kind) == due


def test_table_rows_keep_their_source_lines() -> None:
    doc = parse_text(STACKED_TABLE)
    first = get(doc, "1.1")
    assert first.lines == (8, 13)  # from the row's number line to its last cell
    assert "办理时间压缩至5个工作日" in first.text
    assert doc.plans[0].title == "政务服务"
    assert get(doc, "1.2").lines == (14, 18)


def test_a_table_cell_that_names_its_own_roles() -> None:
    text = (
        "序号\t主要任务\t责任单位\t完成时限\n"
        "1\t推行“一网通办”。\t市行政审批服务局牵头，市大数据局配合\t2022年6月底前\n"
    )
    m = get(parse_text(text), "1.1")
    assert m.lead == ("市行政审批服务局",) and m.responsible == ("市大数据局",)


# -- text extracted from a PDF: page numbers, a title wrapped in two -------------------------

PDF_TEXT = """\
某市人民政府办公室关于印发某市
优化营商环境实施方案的通知

一、重点任务
1、提升办理建筑许可便利度。三季度末前全面实施。（市住房城乡建设局牵头，市自然资源局、市人防办配
合）

— 3 —

2、优化获得电力服务。（国网某市供电公司负责）
- 4 -
3、提升政务服务水平。（市行政审批服务局负责）
第 5 页 共 12 页
"""


def test_page_numbers_left_in_pdf_text_do_not_end_the_measures() -> None:
    doc = parse_text(PDF_TEXT, year=2022)
    assert doc.document.title == "某市优化营商环境实施方案"
    assert [p.title for p in doc.plans] == ["重点任务"]
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    assert get(doc, "1.1").responsible == ("市自然资源局", "市人防办")
    assert get(doc, "1.2").lead == ("国网某市供电公司",)
    assert "5 页" not in get(doc, "1.3").text


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("某市数字经济发展三年行动方案\n（2023—2025年）\n", "某市数字经济发展三年行动方案（2023—2025年）"),
        ("某市关于进一步优化营商环境\n更好服务市场主体的若干措施\n", "某市关于进一步优化营商环境更好服务市场主体的若干措施"),
        ("某市优化营商环境实施方案\n为深入贯彻落实有关部署，制定本方案。\n", "某市优化营商环境实施方案"),
        # A notice cited in the text is not the title ("…印发…的通知" inside 《》).
        ("某省人民政府办公厅关于抓好科研自主权\n有关文件贯彻落实工作的通知\n"
         "近年来先后出台《国务院关于印发实施〈某某法〉若干规定的通知》等文件。\n",
         "某省人民政府办公厅关于抓好科研自主权有关文件贯彻落实工作的通知"),
    ],
)
def test_a_document_title_over_two_lines(head: str, title: str) -> None:
    doc = parse_text(head + "一、任务\n1. 推进甲。（市教育局负责）\n")
    assert doc.document.title == title


# -- aims and safeguards around the measures; notes on group headings; boxes ------------------

AIMS_AND_SAFEGUARDS = """\
某市数字经济发展三年行动方案
（2023—2025年）

一、总体要求
（一）指导思想
以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。
（二）主要目标
1.到2025年，全市数字经济核心产业增加值占地区生产总值比重达到10%。
2.数字基础设施更加完善，5G基站数量达到1.2万个。

二、重点任务
（一）夯实数字基础设施（牵头单位：市发展改革委；配合单位：市大数据局）
1.加快5G网络建设。2023年底前新建5G基站3000个。（责任单位：市通信发展管理办公室，完成时限：2023年12月底前）
2.布局算力基础设施。推进城市算力中心建设。
（二）推动产业数字化转型
1.实施制造业数字化改造。（市工业和信息化局负责）

三、保障措施
1、加强组织领导。建立联席会议制度。
2、强化资金保障。统筹用好各级专项资金。
"""


def test_numbered_aims_and_safeguards_without_owners_are_not_measures() -> None:
    doc = parse_text(AIMS_AND_SAFEGUARDS)
    assert doc.document.title == "某市数字经济发展三年行动方案（2023—2025年）"
    assert [p.title for p in doc.plans] == ["夯实数字基础设施", "推动产业数字化转型"]
    assert ids(doc) == ["1.1", "1.2", "2.1"]
    network = get(doc, "1.1")
    assert network.responsible == ("市通信发展管理办公室",) and not network.owners[0].inherited
    # "2023年底前…（完成时限：2023年12月底前）": one milestone, in the time note's words.
    assert [(d.raw, d.date) for d in network.deadlines] == [("2023年12月底前", date(2023, 12, 31))]
    power = get(doc, "1.2")
    assert power.lead == ("市发展改革委",) and power.owners[0].inherited


def test_safeguards_that_carry_owners_stay_measures() -> None:
    text = "一、重点任务\n1. 推进甲。（市教育局负责）\n二、保障措施\n1. 加强资金保障。（市财政局负责）\n"
    doc = parse_text(text)
    assert [p.title for p in doc.plans] == ["重点任务", "保障措施"]
    assert get(doc, "2.1").lead == ("市财政局",)


def test_a_box_inside_a_section_does_not_cut_the_section_off() -> None:
    text = (
        "一、政务服务（30分）\n（一）网上办事（10分）\n"
        "1.政务服务事项网上可办率达到100%。（区行政审批局负责）（2分）\n"
        "专栏1  政务服务重点项目\n1.区政务服务中心改造工程\n2.“一网通办”平台升级工程\n"
        "（二）窗口服务（20分）\n2.推行“好差评”制度。（区行政审批局负责）（5分）\n"
    )
    doc = parse_text(text)
    assert [(p.title, p.section) for p in doc.plans] == [("网上办事", "政务服务"),
                                                         ("窗口服务", "政务服务")]
    assert ids(doc) == ["1.1", "2.2"]


def test_an_empty_lead_cell_in_a_text_table_is_merged_from_above() -> None:
    text = (
        "序号\t任务内容\t牵头单位\t配合单位\t完成时限\n"
        "1\t建立重点项目“白名单”制度。\t市发展改革委\t市财政局\t2025年3月底前\n"
        "2\t推行重点项目“容缺审批”。\t\t市自然资源和规划局\t2025年6月底前\n"
        "3\t开展项目建设“百日攻坚”。\t市住房城乡建设局\t\t三季度末\n"
    )
    doc = parse_text(text)
    assert [(m.lead, m.responsible) for _, m in doc.walk()] == [
        (("市发展改革委",), ("市财政局",)),
        (("市发展改革委",), ("市自然资源和规划局",)),
        (("市住房城乡建设局",), ()),
    ]


GROUP_HEADINGS_OVER_BODIES = """\
一、打造高效便捷的政务环境
（一）深化“一件事一次办”改革
围绕企业和群众全生命周期，新推出“一件事”集成服务20项以上。
牵头单位：市政务服务和大数据管理局
责任单位：市直有关部门，各区县人民政府
完成时限：2024年12月底前
（二）推进政务服务标准化
全面梳理政务服务事项，实现同一事项无差别受理。
（市政务服务和大数据管理局负责）
二、打造公平公正的法治环境
（三）规范涉企行政执法
推行涉企行政执法“观察期”制度。
（市司法局牵头，市直各执法部门配合；2024年6月底前）
"""


def test_group_headings_over_body_paragraphs_are_measures() -> None:
    doc = parse_text(GROUP_HEADINGS_OVER_BODIES)
    assert ids(doc) == ["1.1", "1.2", "2.3"]
    first = get(doc, "1.1")
    assert first.title == "深化“一件事一次办”改革"
    assert first.lead == ("市政务服务和大数据管理局",)
    assert first.responsible == ("市直有关部门", "各区县人民政府")
    assert [d.date for d in first.deadlines] == [date(2024, 12, 31)]
    assert first.lines == (2, 6)
    assert get(doc, "1.2").title == "推进政务服务标准化"
    law = get(doc, "2.3")
    assert law.lead == ("市司法局",) and law.responsible == ("市直各执法部门",)


@pytest.mark.parametrize("note", ["（以下任务由县市场监管局牵头）", "（以下由县市场监管局牵头）",
                                  "（由县市场监管局牵头）"])
def test_a_group_note_that_says_it_applies_to_what_follows(note: str) -> None:
    text = (
        f"二、工作任务\n（二）加强事中事后监管{note}\n"
        "4、推进“双随机、一公开”监管全覆盖。年底前完成。\n"
        "5、建立健全信用监管体系。（县发展改革局、县市场监管局按职责分工负责）\n"
    )
    doc = parse_text(text, year=2019)
    assert doc.plans[0].title == "加强事中事后监管"
    assert get(doc, "1.4").lead == ("县市场监管局",)
    assert get(doc, "1.5").lead == ("县发展改革局", "县市场监管局")


def test_closing_sections_of_a_plan_numbered_only_by_sections_are_not_measures() -> None:
    text = (
        "某市进一步优化营商环境若干措施\n"
        "一、简化企业开办流程。将企业开办时间压缩至2个工作日以内。（市市场监管局牵头，市税务局配合）\n"
        "二、降低用电成本。2020年底前实现低压小微企业用电报装“零投资”。（国网某供电公司负责）\n"
        "三、优化纳税服务。推行“非接触式”办税。（市税务局负责）\n"
        "四、加强组织实施。各地各部门要细化工作措施，确保各项举措落地见效。\n"
        "五、强化督导考核。将落实情况纳入年度考核。\n"
    )
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    # A section without a note that is no safeguard heading stays a measure.
    doc = parse_text(text.replace("四、加强组织实施", "四、推进信用修复"))
    assert ids(doc) == ["1.1", "1.2", "1.3", "1.4"]


def test_a_box_ends_where_the_groups_numbering_goes_on() -> None:
    text = (
        "一、政务服务\n（一）网上办事\n"
        "1.政务服务事项网上可办率达到100%。（区行政审批局负责）\n"
        "2.推行电子证照应用。（区大数据中心牵头，区直有关部门配合）\n"
        "专栏1  政务服务重点项目\n1.区政务服务中心改造工程\n2.“一网通办”平台升级工程\n"
        "3.推行“好差评”制度，差评整改率达到100%。（区行政审批局负责）\n"
        "（二）窗口服务\n专栏2 重点工程\n1.智慧大厅工程\n2.自助终端工程\n3.窗口标准化工程\n"
        "1.推行综合窗口。（区行政审批局负责）\n"
        "专栏3 重点项目\n1.帮办代办提质。建设帮办队伍。\n2.延时服务。开设夜间窗口。\n3.适老化改造。配备设施。\n"
        "2.推行帮办代办。（区行政审批局负责）\n"
    )
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert get(doc, "1.3").lead == ("区行政审批局",)
    assert "工程" not in get(doc, "1.2").text


SPACED_TABLE = (
    "某市2023年优化营商环境重点任务分工表\n\n"
    "序号  重点任务                          牵头单位        责任单位            完成时限\n"
    "1     推行企业开办“一日办结”，实现      市市场监管局    市公安局、市税      2023年6月\n"
    "      企业开办全流程线上办理。                          务局                底前\n"
    "2     推进工程建设项目审批制度改革。    市住房城乡建设  市自然资源和规划局  2023年9月底前\n"
    "                                        局\n"
    "3\u3000\u3000优化纳税服务。\u3000\u3000市税务局\u3000\u3000市财政局\u3000\u3000年底前\n"
    "\n抄送：市委办公室。\n"
)


def test_a_task_table_with_columns_set_apart_by_spaces() -> None:
    doc = parse_text(SPACED_TABLE)
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    first = get(doc, "1.1")
    assert first.title == "推行企业开办“一日办结”，实现企业开办全流程线上办理"
    assert (first.lead, first.responsible) == (("市市场监管局",), ("市公安局", "市税务局"))
    assert [str(d.date) for d in first.deadlines] == ["2023-06-30"]
    assert first.lines == (4, 5)
    assert get(doc, "1.2").lead == ("市住房城乡建设局",)
    assert get(doc, "1.3").responsible == ("市财政局",)
    assert "抄送" not in get(doc, "1.3").text


def test_a_merged_deadline_cell_carries_down() -> None:
    text = (
        "序号\t任务内容\t牵头单位\t配合单位\t完成时限\n"
        "1\t建立重点项目“白名单”制度。\t市发展改革委\t市财政局\t2025年3月底前\n"
        "2\t推行重点项目“容缺审批”。\t市自然资源和规划局\t\t\n"
    )
    assert [str(d.date) for d in get(parse_text(text), "1.2").deadlines] == ["2025-03-31"]


def test_a_one_cell_a_line_row_short_of_a_cell_is_placed_by_content_and_warned() -> None:
    text = (
        "序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
        "1\n建立重点项目“白名单”制度。\n市发展改革委\n市财政局\n2025年3月底前\n"
        "2\n推行重点项目“容缺审批”。\n市自然资源和规划局\n2025年6月底前\n"
    )
    doc = parse_text(text)
    second = get(doc, "1.2")
    assert (second.lead, second.responsible) == (("市自然资源和规划局",), ())
    assert [str(d.date) for d in second.deadlines] == ["2025-06-30"]
    assert [(w.line, w.code) for w in doc.warnings] == [(11, "table-row-short")]


# -- more layouts: decimal numbering, leaders' columns, long unit lists, notices with annexes --

DECIMAL = """\
三、重点任务
1.夯实数字化转型基础
1.1 加快工业互联网平台建设。培育市级以上工业互联网平台10个。（牵头单位：市工业和信息化局；配合单位：市科技局）
1.2 推进5G+工业互联网融合应用。2024年底前建设5G工厂20家。（市工业和信息化局、市通信发展管理办公室负责）
2.推动重点行业数字化转型
2.1 推进装备制造业智能化改造。（牵头单位：市工业和信息化局）
2.2推动中小企业“上云用数赋智”，服务半径不超过
3.5公里的园区全覆盖。（市工业和信息化局牵头，市财政局配合）
四、保障措施
1.加强组织领导。建立市级工作专班。
"""


def test_decimal_numbering_under_numbered_headings() -> None:
    doc = parse_text(DECIMAL)
    assert [(p.title, p.section) for p in doc.plans] == [
        ("夯实数字化转型基础", "重点任务"), ("推动重点行业数字化转型", "重点任务")]
    assert ids(doc) == ["1.1", "1.2", "2.1", "2.2"]
    assert get(doc, "1.1").responsible == ("市科技局",)
    assert get(doc, "1.2").lead == ("市工业和信息化局", "市通信发展管理办公室")
    assert "3.5公里" in get(doc, "2.2").text  # no item 3 above: a number, not a mark


def test_a_leaders_column_is_no_department() -> None:
    text = (
        "序号\t重点任务\t牵头领导\t牵头单位\t责任单位\t完成时限\n一、政务服务\n"
        "1\t推进高效办成“一件事”。\t张某某\t省政务服务管理局\t省公安厅、省人力资源社会保障厅\t2024年12月底前\n"
        "2\t推广“免申即享”模式。\t张某某\t省发展改革委\t省财政厅\t长期坚持\n"
    )
    doc = parse_text(text)
    assert [(m.lead, m.responsible) for _, m in doc.walk()] == [
        (("省政务服务管理局",), ("省公安厅", "省人力资源社会保障厅")),
        (("省发展改革委",), ("省财政厅",)),
    ]


def test_long_unit_lists_ending_in_deng() -> None:
    text = (
        "一、加大助企纾困力度\n"
        "1.落实减税降费政策。确保应享尽享。（责任单位：市税务局、市财政局、市发展改革委、"
        "市工业和信息化局、市商务局等；完成时限：2023年12月底前）\n"
    )
    m = get(parse_text(text), "1.1")
    assert m.responsible == ("市税务局", "市财政局", "市发展改革委", "市工业和信息化局", "市商务局")
    assert [str(d.date) for d in m.deadlines] == ["2023-12-31"]


NOTICE_WITH_ANNEX = """\
某市人民政府办公室关于印发某市2024年优化营商环境重点任务清单的通知

各区县人民政府，市政府有关部门：
经市政府同意，现将《某市2024年优化营商环境重点任务清单》印发给你们，并提出以下要求。
一、提高思想认识。各地各部门要充分认识优化营商环境的重要意义。
二、压实工作责任。各牵头单位要制定具体措施，明确时间表和路线图。

某市人民政府办公室
2024年3月8日

附件

某市2024年优化营商环境重点任务清单

{body}
"""


@pytest.mark.parametrize("body", [
    "序号\t任务事项\t牵头单位\t配合单位\t完成时间\n"
    "1\t推行“拿地即开工”审批模式。\t市自然资源和规划局\t市住房城乡建设局\t2024年6月底前\n"
    "2\t开展“清单之外无检查”试点。\t市市场监管局\t市司法局\t2024年12月底前\n",
    "1.推行“拿地即开工”审批模式。（牵头单位：市自然资源和规划局；配合单位：市住房城乡建设局）\n"
    "2.开展“清单之外无检查”试点。（牵头单位：市市场监管局；配合单位：市司法局）\n",
], ids=["table", "list"])
def test_a_notice_whose_annex_holds_the_tasks(body: str) -> None:
    doc = parse_text(NOTICE_WITH_ANNEX.format(body=body))
    assert doc.document.title == "某市2024年优化营商环境重点任务清单"
    assert ids(doc) == ["1.1", "1.2"]
    assert get(doc, "1.1").lead == ("市自然资源和规划局",)
    assert get(doc, "1.2").responsible == ("市司法局",)


SCOPE_SENTENCES = """\
二、重点任务
（一）扩大对外开放
1. 稳定外贸基本盘。加大出口信用保险支持力度。
2. 推动跨境电商发展。建设跨境电商产业园。
以上任务由市商务局牵头，市财政局配合。
（二）优化营商环境
以下事项均由市发展改革委负责。
3. 开展营商环境评价。
4. 推行惠企政策免申即享。（市行政审批服务局负责）
"""


def test_scope_sentences_give_owners_to_the_measures_they_speak_for() -> None:
    doc = parse_text(SCOPE_SENTENCES)
    assert ids(doc) == ["1.1", "1.2", "2.3", "2.4"]
    for measure_id in ("1.1", "1.2"):
        m = get(doc, measure_id)
        assert (m.lead, m.responsible) == (("市商务局",), ("市财政局",)), measure_id
        assert "以上任务" not in m.text
    assert get(doc, "2.3").lead == ("市发展改革委",)
    assert get(doc, "2.4").lead == ("市行政审批服务局",)


PDF_RUNNING_HEADER = """\
某市人民政府文件
某市促进民营经济发展若干措施
一、优化发展环境
1.持续破除市场准入壁垒。全面落实市场准入负面
清单制度。（市发展改革委、市商务局牵头，市
市场监管局配合）
— 2 —
某市人民政府文件
2.完善社会信用激励约束机制。建立信用修复协同
联动机制。（市发展改革委牵头，人民银行某市分行配合）
二、加大政策支持
3.加大金融支持力度。引导银行机构增加民营企业信贷投放。（市地方金融监管局、人民银行某市分行
牵头，各银行机构配合）
4.加强知识产权保护。（市市场监管局（市知识产权局）、市公安局按职责分工负责）
— 3 —
"""


def test_a_pdf_running_header_next_to_a_page_number_is_dropped() -> None:
    doc = parse_text(PDF_RUNNING_HEADER)
    assert ids(doc) == ["1.1", "1.2", "2.3", "2.4"]
    assert "某市人民政府文件" not in get(doc, "1.2").text
    assert get(doc, "1.2").responsible == ("人民银行某市分行",)
    m = get(doc, "2.3")  # "各银行机构": a collective owner ending in 机构
    assert (m.lead, m.responsible) == (("市地方金融监管局", "人民银行某市分行"), ("各银行机构",))
    # a department with its second plate in brackets
    assert get(doc, "2.4").lead == ("市市场监管局(市知识产权局)", "市公安局")
    assert not doc.warnings


PLAN_WITH_ANNEX_TABLE = """\
某市推进数字经济高质量发展实施方案

二、重点任务
（一）加快5G网络建设。新建5G基站2000个。（责任单位：市工业和信息化局；完成时限：2025年底）
（二）培育数字产业集群。引进重点项目30个以上。（责任单位：市发展改革委、市商务局；完成时限：2025年底）

附件：某市推进数字经济高质量发展重点任务分工表

附件

某市推进数字经济高质量发展重点任务分工表

序号\t重点任务\t责任单位\t完成时限
1\t加快5G网络建设\t市工业和信息化局\t2025年底
2\t培育数字产业集群\t市发展改革委、市商务局\t2025年底
3\t建设城市大脑\t市大数据局\t2025年底
"""


def test_an_annex_table_repeating_the_body_is_not_counted_twice() -> None:
    doc = parse_text(PLAN_WITH_ANNEX_TABLE)
    titles = [m.title for _, m in doc.walk()]
    assert titles == ["加快5G网络建设", "培育数字产业集群", "建设城市大脑"]  # the new row stays
    assert get(doc, "1.2").responsible == ("市发展改革委", "市商务局")
    assert [w.code for w in doc.warnings] == ["annex-repeats-measures"]


FULLWIDTH_INLINE_FIRST_SUBITEM = """\
一、重点任务
（一）健全农村物流体系
１．发展共同配送。（１）建设县级物流配送中心１个。（县交通运输局牵头，县邮政管理局配合）
（２）２０２５年６月底前实现村级寄递物流综合服务站全覆盖。（县邮政管理局负责）
２．加快冷链物流建设。（县发展改革委牵头，县农业农村局配合）
"""


def test_sub_item_one_on_the_items_own_line_with_full_width_digits() -> None:
    doc = parse_text(FULLWIDTH_INLINE_FIRST_SUBITEM)
    assert ids(doc) == ["1.1", "1.1.1", "1.1.2", "1.2"]
    assert get(doc, "1.1").title == "发展共同配送"
    assert get(doc, "1.1.1").responsible == ("县邮政管理局",)
    assert get(doc, "1.1.2").lead == ("县邮政管理局",)
    assert not doc.warnings


THREE_PART_DECIMALS = """\
某市数字经济发展行动方案
一、重点任务
1.夯实数字基础设施
1.1 加快网络建设
1.1.1 新建5G基站2000个。9月底前完成。（牵头单位：市工业和信息化局；责任单位：市通信发展管理办公室）
1.1.2 推进千兆光网覆盖。年底前完成。（牵头单位：市通信发展管理办公室）
1.2 推进算力设施建设
1.2.1 建设城市算力中心。（牵头单位：市发展改革委）
2.发展数字产业
2.1 培育软件产业。6月底前出台扶持政策。（牵头单位：市工业和信息化局）
2.2 推进数据要素市场建设。建设数据交易平台，具体包括：
2.2.1 制定数据交易规则。（牵头单位：市数据局）
2.2.2 培育数据商20家。（牵头单位：市数据局；责任单位：市财政局）
"""


def test_three_part_decimals_make_groups_of_their_headings() -> None:
    doc = parse_text(THREE_PART_DECIMALS, year=2024)
    assert [(p.title, p.section) for p in doc.plans] == [
        ("加快网络建设", "夯实数字基础设施"),
        ("推进算力设施建设", "夯实数字基础设施"),
        ("发展数字产业", "重点任务"),
    ]
    assert ids(doc) == ["1.1", "1.2", "2.1", "3.1", "3.2", "3.2.1", "3.2.2"]
    first = get(doc, "1.1")
    assert first.title == "新建5G基站2000个"
    assert first.lead == ("市工业和信息化局",)
    assert first.responsible == ("市通信发展管理办公室",)
    assert [str(d.date) for d in first.deadlines] == ["2024-09-30"]
    assert first.lines == (5, 5)
    # "2.2" has a body of its own: a measure, its "2.2.x" lines its sub-items.
    assert get(doc, "3.2").title == "推进数据要素市场建设"
    assert get(doc, "3.2.2").responsible == ("市财政局",)
    assert not doc.warnings


def test_a_three_part_number_without_its_decimal_above_is_text() -> None:
    text = ("一、重点任务\n1.推进城市更新。改造老旧小区，面积达到\n"
            "3.5.1万平方米。（牵头单位：市住房城乡建设局）\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1"]
    assert "3.5.1万平方米" in get(doc, "1.1").text


def test_three_part_decimals_under_a_measure_are_nested_sub_items() -> None:
    text = (
        "一、重点任务\n"
        "1.推进数据要素市场化改革。建设数据交易平台。（牵头单位：市数据局）\n"
        "1.1 制定数据交易规则。（牵头单位：市数据局）\n"
        "1.1.1 出台数据资产登记办法。6月底前完成。（牵头单位：市数据局；责任单位：市财政局）\n"
        "1.2 培育数据商20家。（牵头单位：市工业和信息化局）\n"
        "2.加快政务数据共享。（牵头单位：市数据局）\n"
    )
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.1.1", "1.1.1.1", "1.1.2", "1.2"]
    assert get(doc, "1.1.1.1").responsible == ("市财政局",)
    assert get(doc, "1.1.2").lead == ("市工业和信息化局",)


# -- layouts of other cities, from a sweep: articles, "1)" items, 行动 headings, lettered points --

ARTICLES = """\
某市支持民营经济高质量发展若干措施
为进一步激发民营经济活力，结合我市实际，制定以下措施。
第一条 降低企业用地成本。工业用地出让起始价可按不低于最低价标准的70%执行。（责任单位：市自然资源和规划局）
第二条 加大融资支持。2024年新增民营企业贷款不少于200亿元。（责任单位：市地方金融管理局、人民银行某市分行）
第三条 清理拖欠企业账款。2024年6月30日前完成清偿工作。（责任单位：市工业和信息化局、市财政局）
第四条 本措施自印发之日起施行，有效期至2025年12月31日。
某市人民政府
2024年2月1日
"""


def test_articles_are_measures_and_the_closing_article_is_not() -> None:
    doc = parse_text(ARTICLES)
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    assert get(doc, "1.1").title == "降低企业用地成本"
    assert get(doc, "1.2").responsible == ("市地方金融管理局", "人民银行某市分行")
    assert [str(d.date) for d in get(doc, "1.3").deadlines] == ["2024-06-30"]


def test_items_numbered_with_a_closing_bracket() -> None:
    text = ("一、夯实数字底座\n"
            "1) 建设城市数据资源平台。9月底前完成一期建设。（市大数据局牵头，市财政局配合）\n"
            "2）推进政务云扩容。（市大数据局负责）\n"
            "二、提升应用水平\n"
            "1) 推广“一网统管”。（市城市运行管理中心负责）\n")
    doc = parse_text(text, year=2024)
    assert ids(doc) == ["1.1", "1.2", "2.1"]
    assert get(doc, "1.1").lead == ("市大数据局",) and get(doc, "1.1").responsible == ("市财政局",)
    assert get(doc, "2.1").title == "推广“一网统管”"


ACTIONS = """\
一、攻坚行动
行动一：产业链提升行动
（牵头单位：市工业和信息化局，配合单位：市发展改革委、市商务局）
1.实施链长制。每条产业链明确1名市级领导担任链长。
2.开展产业链精准招商。（市投资促进局负责）
行动二：数字化转型行动
3.推进智能工厂建设。（市工业和信息化局牵头，各县区政府落实）
  A.建设智能工厂10个；
  B.建设数字化车间50个。
Ⅱ、保障措施
Ⅰ、附则
"""


def test_action_headings_are_plans_and_their_notes_reach_the_measures_below() -> None:
    doc = parse_text(ACTIONS)
    assert [(p.title, p.section) for p in doc.plans] == [
        ("产业链提升行动", "攻坚行动"), ("数字化转型行动", "攻坚行动")]
    first = get(doc, "1.1")
    assert first.lead == ("市工业和信息化局",) and first.owners[0].inherited
    assert "行动二" not in get(doc, "1.2").text and get(doc, "1.2").lead == ("市投资促进局",)
    assert ids(doc) == ["1.1", "1.2", "2.3", "2.3.1", "2.3.2"]  # A./B. are its points
    assert get(doc, "2.3.2").title == "建设数字化车间50个"
    assert get(doc, "2.3.2").lead == ("市工业和信息化局",)  # inherited from the measure


def test_roman_numbered_sections() -> None:
    text = "Ⅰ、优化政务服务\n1.推进甲。（市教育局负责）\nⅡ、优化法治环境\n2.推进乙。（市司法局负责）\n"
    doc = parse_text(text)
    assert [p.title for p in doc.plans] == ["优化政务服务", "优化法治环境"]
    assert get(doc, "1.1").text == "推进甲。（市教育局负责）"


def test_an_owner_line_after_the_sub_items_speaks_for_the_measure() -> None:
    text = ("一、重点任务\n"
            "1．落实粮食播种面积。全年粮食播种面积稳定在52万亩以上。\n"
            "①春播期间做好种子、化肥等农资供应；\n"
            "②夏粮收购于7月上旬前完成。\n"
            "责任单位：县农业农村局（牵头）、县发展改革局、各乡镇人民政府\n"
            "2．推进高标准农田建设。10月底前全部完工。\n"
            "（1）完成田块整治；\n"
            "（2）完成灌溉设施建设。（县水利局负责）\n")
    doc = parse_text(text, year=2024)
    first = get(doc, "1.1")
    assert first.lead == ("县农业农村局",)
    assert first.responsible == ("县发展改革局", "各乡镇人民政府")
    assert get(doc, "1.1.2").lead == ("县农业农村局",) and get(doc, "1.1.2").owners[0].inherited
    assert [str(d.date) for d in get(doc, "1.1.2").deadlines] == ["2024-07-10"]
    # Sub-items with notes of their own, the measure none: it is owned by theirs.
    assert get(doc, "1.2").lead == ("县水利局",)
    assert [(g.inherited, g.from_item) for g in get(doc, "1.2").owners] == [(True, "1.2.2")]
    assert get(doc, "1.2.2").lead == ("县水利局",)
    assert not doc.warnings  # "（牵头）" inside the note is no unparsed note


def test_a_label_cut_inside_a_name_and_a_gazette_header() -> None:
    text = ("一、重点任务\n1.推进甲。加强统筹协调。\n牵头单位：市住房和城乡建\n设局\n"
            "完成时限：2024年6月底前\n"
            "2.推进乙。（市发展改革委牵头）\n某市人民政府公报　　2024年第3期\n- 12 -\n"
            "3.推进丙。（市民政局负责）\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    assert get(doc, "1.1").lead == ("市住房和城乡建设局",)  # as printed, the break joined
    assert get(doc, "1.1").canonical_name("市住房和城乡建设局") == "市住房城乡建设局"
    assert [str(d.date) for d in get(doc, "1.1").deadlines] == ["2024-06-30"]
    assert "公报" not in get(doc, "1.2").text


ASSIGNED_BY_NUMBER = """\
某市促进消费扩容提质行动方案
一、主要任务
1.培育新型消费。发展直播电商，2024年培育直播电商基地5个。
2.提振汽车消费。开展汽车促消费活动。
3.扩大家居消费。推动家装家居“以旧换新”。
4.发展夜间经济。打造市级夜间经济集聚区10个。
5.提升县域商业体系。年底前实现乡镇商贸中心全覆盖。
6.优化消费环境。消费投诉按期办结率达到95%以上。
二、任务分工
第1、2项由市商务局牵头，市发展改革委、市市场监管局配合；
第3项由市商务局、市住房城乡建设局共同牵头；
第4至5项由市文化广电旅游局牵头，各区县政府负责；
第6项由市市场监管局负责。
三、保障措施
（一）加强组织领导。建立消费促进联席会议制度。
"""


def test_a_task_division_section_gives_owners_by_number() -> None:
    doc = parse_text(ASSIGNED_BY_NUMBER)
    assert ids(doc) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]  # the section is no measures
    assert get(doc, "1.2").lead == ("市商务局",)
    assert get(doc, "1.2").responsible == ("市发展改革委", "市市场监管局")
    assert get(doc, "1.3").lead == ("市商务局", "市住房城乡建设局")
    assert get(doc, "1.5").responsible == ("各区县政府",)
    group = get(doc, "1.6").owners[0]
    assert group.inherited and group.line == 13 and group.lead == ("市市场监管局",)
    assert not doc.warnings


def test_a_task_division_numbered_like_the_measures() -> None:
    text = ("一、主要任务\n1.培育新型消费。发展直播电商。\n2.提振汽车消费。开展促消费活动。\n"
            "二、任务分工\n1.培育新型消费：市商务局牵头，市发展改革委配合。\n"
            "2.提振汽车消费：按职责分工推进。\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2"]
    assert get(doc, "1.1").responsible == ("市发展改革委",)
    assert get(doc, "1.2").owners == ()  # the line names no owner: a warning, not a guess
    assert [w.code for w in doc.warnings] == ["assignment-unparsed"]


def test_a_task_division_with_repeated_numbers_is_not_applied() -> None:
    text = ("一、消费\n（一）新型消费\n1.培育新型消费。\n（二）汽车消费\n1.提振汽车消费。\n"
            "二、任务分工\n第1项由市商务局负责。\n")
    doc = parse_text(text)
    assert all(not m.owners for _, m in doc.walk())
    assert [w.code for w in doc.warnings] == ["assignment-ambiguous"]


def test_a_section_named_task_division_that_holds_measures_stays() -> None:
    text = ("一、任务分工\n1.培育新型消费。（市商务局牵头）\n2.提振汽车消费。（市商务局负责）\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2"]
    assert get(doc, "1.1").lead == ("市商务局",)


def test_an_annex_table_gives_the_body_its_owners_and_deadlines() -> None:
    text = ("某市2024年优化营商环境实施方案\n一、提升政务服务效能\n"
            "1.深化“一网通办”。推动高频事项全程网办。\n"
            "2.推行免证办。推动电子证照应用。（市大数据局牵头）\n"
            "附件：重点任务分工表\n"
            "序号\t重点任务\t牵头单位\t责任单位\t完成时限\n"
            "1\t深化“一网通办”\t市行政审批服务局\t市大数据局\t2024年12月底前\n"
            "2\t推行免证办\t市大数据局\t市公安局\t2024年6月底前\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2"]
    first = get(doc, "1.1")
    assert (first.lead, first.responsible) == (("市行政审批服务局",), ("市大数据局",))
    assert first.owners[0].inherited and first.owners[0].line == 7
    assert [(str(d.date), d.line) for d in first.deadlines] == [("2024-12-31", 7)]
    # The body's own note stands; the row adds only the deadline the body lacks.
    second = get(doc, "1.2")
    assert (second.lead, second.responsible) == (("市大数据局",), ())
    assert [str(d.date) for d in second.deadlines] == ["2024-06-30"]
    assert [w.code for w in doc.warnings] == ["annex-repeats-measures"]


def test_an_annex_project_that_starts_like_a_measure_is_another_task() -> None:
    text = ("一、重点任务\n4. 完善公共服务设施。新建社区综合服务站10个。（牵头单位：区民政局）\n"
            "附件：2024年城市更新重点项目清单\n序号\t项目名称\t责任单位\t完成时限\n"
            "4\t完善公共服务设施项目：东城社区卫生服务中心\t区卫生健康局\t2025年6月底前\n")
    doc = parse_text(text)
    body = next(m for _, m in doc.walk() if m.title == "完善公共服务设施")
    assert (body.lead, body.responsible, body.deadlines) == (("区民政局",), (), ())
    assert "annex-repeats-measures" not in [w.code for w in doc.warnings]


PARAGRAPH_MEASURES = """\
某市2024年优化营商环境若干措施
一、提升政务服务水平
（一）推进政务服务“一网通办”
　　推动高频事项“免申即享”，年内新增免申即享事项30项以上。（责任单位：市行政审批服务局、市大数据局）
　　推行“视频帮办”服务。（责任单位：市行政审批服务局；完成时限：2024年9月底前）
　　（完成时限：2024年10月底前）
（二）提升涉企服务质效
　　开展“企业服务日”活动，每月15日前走访企业。
　　对走访中发现的问题建立台账。（责任单位：市工业和信息化局（牵头），市发展改革委）
　　各区县要参照执行。
"""


def test_unnumbered_paragraphs_with_their_own_notes_are_measures() -> None:
    doc = parse_text(PARAGRAPH_MEASURES)
    assert [p.title for p in doc.plans] == ["推进政务服务“一网通办”", "提升涉企服务质效"]
    assert ids(doc) == ["1.1", "1.2", "2.1"]
    assert get(doc, "1.1").responsible == ("市行政审批服务局", "市大数据局")
    # Each milestone keeps only its own measure's owners.
    second = get(doc, "1.2")
    assert second.responsible == ("市行政审批服务局",)
    assert [str(d.date) for d in second.deadlines] == ["2024-09-30", "2024-10-31"]  # + its note line
    # A run of paragraphs ends at its note; text after the last note is no measure.
    third = get(doc, "2.1")
    assert third.text.startswith("开展“企业服务日”活动") and "建立台账" in third.text
    assert third.lead == ("市工业和信息化局",) and "参照执行" not in third.text


def test_label_lines_of_one_measure_under_a_heading_stay_one_measure() -> None:
    text = ("一、打造高效便捷的政务环境\n（一）深化“一件事一次办”改革\n"
            "围绕企业和群众全生命周期，新推出“一件事”集成服务20项以上。\n"
            "牵头单位：市政务服务和大数据管理局\n责任单位：市直有关部门，各区县人民政府\n"
            "完成时限：2024年12月底前\n"
            "（二）推进政务服务标准化\n全面梳理政务服务事项。\n（市政务服务和大数据管理局负责）\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2"]
    first = get(doc, "1.1")
    assert first.title == "深化“一件事一次办”改革"
    assert first.responsible == ("市直有关部门", "各区县人民政府")
    assert [str(d.date) for d in first.deadlines] == ["2024-12-31"]


def test_a_task_line_between_numbered_measures_is_no_ending() -> None:
    """A merged 重点任务 cell flattened to a line of its own: the measures go on after it."""
    text = ("某市2024年优化营商环境重点任务分工表\n一、优化政务服务环境\n推进政务服务标准化\n"
            "1. 编制政务服务事项目录清单。（牵头单位：市行政审批服务局）\n"
            "2. 推行“一件事一次办”。（牵头单位：市行政审批服务局）\n"
            "推进电子证照应用\n"
            "3. 扩大电子证照应用。（牵头单位：市大数据局）\n"
            "二、优化市场环境\n压缩开办企业时间\n"
            "4. 企业开办全流程时间压缩至1个工作日以内。（牵头单位：市市场监管局）\n")
    doc = parse_text(text)
    assert [p.title for p in doc.plans] == ["优化政务服务环境", "优化市场环境"]
    assert ids(doc) == ["1.1", "1.2", "1.3", "2.4"]
    assert "电子证照应用" not in get(doc, "1.2").text
    assert get(doc, "2.4").deadlines == ()  # 压缩至1个工作日: a target
    assert [(t.op, t.value, t.unit) for t in get(doc, "2.4").targets] == [("<=", 1, "工作日")]


def test_first_listed_leads_from_a_note_that_says_xia_tong() -> None:
    """"列第一位的为牵头单位，下同" in the second note: from there on, not before."""
    text = ("一、重点任务\n"
            "1.推进甲。（省发展改革委、省财政厅按职责分工负责）\n"
            "2.推进乙。（省工业和信息化厅、省通信管理局按职责分工负责，列第一位的为牵头单位，下同）\n"
            "3.推进丙。（省商务厅、省财政厅按职责分工负责）\n"
            "4.推进丁。（省商务厅牵头，省财政厅、省税务局负责）\n")
    doc = parse_text(text)
    assert [(m.lead, m.responsible) for _, m in doc.walk()] == [
        (("省发展改革委", "省财政厅"), ()),  # before the statement: both 负责
        (("省工业和信息化厅",), ("省通信管理局",)),
        (("省商务厅",), ("省财政厅",)),
        (("省商务厅",), ("省财政厅", "省税务局")),  # a 牵头 says who leads
    ]


# -- false positives a third sweep found in the rules above --------------------------------


def test_closing_bracket_points_inside_a_measure_are_its_sub_items() -> None:
    text = ("一、重点任务\n1. 推进燃气整治。主要包括：\n1）排查隐患；\n2）更换管道。\n"
            "（牵头单位：市城市管理局）\n"
            "2. 推进消防整治。（牵头单位：市消防救援支队）\n"
            "（1）完善消防设施，包括：\n1）更新灭火器；\n2）疏通通道。\n"
            "3. 开展村庄清洁行动。依据《某省农村人居环境治理条例》\n"
            "第三条规定，建立村庄保洁长效机制。（牵头单位：县农业农村局）\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.3"]
    assert get(doc, "1.1").lead == ("市城市管理局",)
    assert "2）疏通通道" in get(doc, "1.2.1").text  # points of a （1）: its text
    assert get(doc, "1.3").lead == ("县农业农村局",) and "第三条规定" in get(doc, "1.3").text
    assert not doc.warnings


def test_only_a_bare_effective_clause_is_dropped() -> None:
    text = ("一、重点任务\n1. 降低用工成本。阶段性降低失业保险费率政策自印发之日起执行至2025年12月31日。\n"
            "2. 本方案涉及的资金由市财政统筹保障。\n3. 本方案自印发之日起施行，有效期3年。\n"
            "4. 本方案由市发展改革委负责解释。\n")
    assert ids(parse_text(text, year=2024)) == ["1.1", "1.2"]


def test_a_duties_section_numbered_like_the_measures_assigns_nothing() -> None:
    text = ("一、重点任务\n1. 推进项目建设。加快开工。\n2. 强化资金保障。统筹资金。\n"
            "二、职责分工\n1. 统筹协调：市发展改革委牵头，负责方案总体推进。\n"
            "2. 资金保障：市财政局负责，落实专项资金。\n")
    doc = parse_text(text)
    assert get(doc, "1.1").owners == () and get(doc, "1.2").owners == ()


def test_a_signature_after_the_last_label_line_is_no_part_of_a_name() -> None:
    doc = parse_text("一、重点任务\n1.推进甲。\n责任单位：县住房城乡建设局、各乡镇\n\n某县人民政府\n")
    assert get(doc, "1.1").responsible == ("县住房城乡建设局", "各乡镇")


def test_departments_named_beside_the_owner_note_are_not_owners() -> None:
    doc = parse_text("一、重点任务\n1.积极争取开发区扩区调位试点（国家发展改革委、商务部）。"
                     "（牵头单位：市商务局）\n")
    assert [(g.lead, g.responsible) for g in get(doc, "1.1").owners] == [(("市商务局",), ())]


def test_the_first_listed_rule_in_one_note_is_that_notes_alone() -> None:
    text = ("一、重点任务\n1.推进甲。（责任单位：省发展改革委、省财政厅，列第一位的为牵头单位）\n"
            "2.推进乙。（责任单位：各市、县（市、区）人民政府）\n")
    doc = parse_text(text)
    assert get(doc, "1.1").lead == ("省发展改革委",)
    assert get(doc, "1.2").lead == () and get(doc, "1.2").responsible == ("各市、县(市、区)人民政府",)


def test_a_measure_opening_with_a_hotline_or_a_year_and_a_one_sentence_section() -> None:
    text = ("一、提升服务\n1.推进甲。（牵头单位：市政务服务中心）\n2.推进乙。（牵头单位：市大数据局）\n"
            "3.12345热线诉求办理（10分）。诉求办结率达到98%。（责任单位：市12345热线办）\n"
            "4.2024年6月底前，完成平台建设。（责任单位：市大数据局）\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2", "1.3", "1.4"]
    assert get(doc, "1.3").responsible == ("市12345热线办",)
    assert [str(d.date) for d in get(doc, "1.4").deadlines] == ["2024-06-30"]
    sections = parse_text("某市若干措施\n一、减轻企业负担。失业保险费率按1%执行。\n"
                          "二、本市户籍高校毕业生到中小微企业就业的，给予一次性就业补贴3000元。\n"
                          "三、扩大公益性岗位规模。新开发公益性岗位2000个。\n", year=2024)
    assert ids(sections) == ["1.1", "1.2", "1.3"]
    assert [t.value for t in get(sections, "1.2").targets] == [3000]


def test_an_effective_date_sentence_and_a_contact_list_are_no_measure_text() -> None:
    text = ("一、重点任务\n1.优化外贸综合服务。压缩通关时间。（青岛海关负责；长期坚持）\n\n"
            "本措施自2023年3月1日起施行，有效期至2025年12月31日。\n"
            "附件2\n联系人名单\n序号\t单位\t联系人\t职务\t联系电话\n"
            "1\t市商务局\t张三\t科长\t0532-12345678\n2\t青岛海关\t李四\t副科长\t0532-87654321\n")
    doc = parse_text(text, year=2023)
    assert ids(doc) == ["1.1"]
    measure = get(doc, "1.1")
    assert "施行" not in measure.text
    assert [d.kind for d in measure.deadlines] == ["ongoing"]
    assert not doc.warnings


def test_a_time_note_repeating_the_body_adds_no_second_milestone() -> None:
    text = ("一、任务\n1.推进甲。每季度报送进展，2024年底前完成。"
            "（牵头单位：市商务局；完成时限：每季度；2024年底前）\n"
            "2.推进乙。7月底前启动，7月底前完成评估。（市财政局负责）\n"
            "3.推进丙。（牵头单位：市商务局；完成时限：2024年9月底前）\n")
    doc = parse_text(text, year=2024)
    assert [d.raw for d in get(doc, "1.1").deadlines] == ["每季度", "2024年底前"]
    assert [d.raw for d in get(doc, "1.2").deadlines] == ["7月底前", "7月底前"]  # two tasks
    assert [d.raw for d in get(doc, "1.3").deadlines] == ["2024年9月底前"]  # the note alone


def test_short_role_labels_in_a_note_and_on_a_line_of_their_own() -> None:
    text = ("一、重点任务\n1．引进高能级首店。给予最高100万元支持。（牵头：市商务委；配合：各区政府、市财政局）\n"
            "2．打造夜间经济集聚区。\n牵头：市商务委；配合：黄浦区政府\n"
            "3．实施“牵头：X”办法。（市商务委负责）\n")
    doc = parse_text(text)
    assert (get(doc, "1.1").lead, get(doc, "1.1").responsible) == (
        ("市商务委",), ("各区政府", "市财政局"))
    assert (get(doc, "1.2").lead, get(doc, "1.2").responsible) == (("市商务委",), ("黄浦区政府",))
    assert get(doc, "1.3").lead == ("市商务委",) and "“牵头：X”" in get(doc, "1.3").text


def test_closing_words_after_the_last_measure_are_none_of_its_text() -> None:
    doc = parse_text("一、重点任务\n（一）推动转型。开展培训。（市财政局负责）\n\n"
                     "各单位要于12月10日前报送年度工作总结。\n", year=2024)
    measure = get(doc, "1.1")
    assert measure.deadlines == () and "总结" not in measure.text
    policies = parse_text("某市若干政策措施\n一、支持甲。给予补贴。\n二、支持乙。给予奖励。\n"
                          "三、本政策措施自2024年3月1日起施行，有效期至2026年12月31日。\n")
    assert ids(policies) == ["1.1", "1.2"]


def test_policy_sections_with_an_annex_table_of_owners() -> None:
    """若干政策措施 numbered "一、" with no heading over them, owners only in the annex."""
    text = ("某省支持民营企业高质量发展若干政策措施\n为进一步激发活力，制定以下政策措施。\n"
            "一、支持民营企业参与重大项目建设。每年推介重大项目不少于200个。\n"
            "二、强化人才支撑。2024年底前建成省级人才服务平台。\n"
            "三、本政策措施自2024年3月1日起施行，有效期至2026年12月31日。\n"
            "附件：政策措施任务分工表\n序号\t政策措施\t牵头单位\t配合单位\n"
            "1\t支持民营企业参与重大项目建设\t省发展改革委\t省财政厅\n"
            "2\t强化人才支撑\t省委组织部\t省人力资源社会保障厅\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2"]
    first = get(doc, "1.1")
    assert (first.lead, first.responsible) == (("省发展改革委",), ("省财政厅",))
    assert [t.value for t in first.targets] == [200]
    assert [str(d.date) for d in get(doc, "1.2").deadlines] == ["2024-12-31"]
    assert [w.code for w in doc.warnings] == ["annex-repeats-measures"]


RECTIFICATION = """\
某局关于巡察反馈问题的整改方案
一、存在的问题
1.政务服务“一网通办”深度不够。
2.涉企收费清单公示不及时。
二、整改措施
1.深化“一网通办”。推动高频事项全程网办。
责任单位：市行政审批服务局
整改时限：2024年6月底前
2.及时公示涉企收费清单。
责任单位：市发展改革委
整改时限：立行立改
下一步，局党组将持续抓好整改落实，确保问题见底清零。
"""


def test_a_rectification_plan() -> None:
    """整改方案: the problems are no measures; 立行立改 is a deadline of 0 days; closing words
    stay out of the last measure; the 整改时限 label is bracketed whole."""
    doc = parse_text(RECTIFICATION, year=2024)
    assert [p.title for p in doc.plans] == ["整改措施"]
    assert ids(doc) == ["1.1", "1.2"]
    first = get(doc, "1.1")
    assert first.text.endswith("（整改时限：2024年6月底前）")
    assert [str(d.date) for d in first.deadlines] == ["2024-06-30"]
    second = get(doc, "1.2")
    assert [(d.raw, d.kind, d.amount, d.unit) for d in second.deadlines] == [
        ("立行立改", "relative", 0, "日")]
    assert "下一步" not in second.text


def test_a_note_after_the_last_of_unowned_items_speaks_for_the_group() -> None:
    text = ("二、整改措施\n（一）问题：政务服务“一网通办”深度不够。\n"
            "1.全面梳理高频政务服务事项。\n2.优化线上申报系统。\n"
            "（责任单位：市行政审批服务局）\n"
            "（二）问题：涉企收费清单公示不及时。\n"
            "3.开展专项检查。（责任单位：市发展改革委）\n4.建立公示制度。\n（责任单位：市市场监管局）\n")
    doc = parse_text(text)
    assert [(m.id, m.responsible) for _, m in doc.walk()] == [
        ("1.1", ("市行政审批服务局",)), ("1.2", ("市行政审批服务局",)),
        ("2.3", ("市发展改革委",)), ("2.4", ("市市场监管局",)),  # a group with a noted item
    ]
    assert get(doc, "1.1").owners[0].inherited


def test_a_work_plan_with_bare_department_notes_and_digit_led_items() -> None:
    text = ("一、数字基础设施\n"
            "1．制定《数字经济促进实施意见》。（市发展改革委，6月底前）\n"
            "2．完善政务服务热线。（市政府办公室）\n"
            "3．优化营商环境评价。（市工商联、市营商办）\n"
            "4．5G基站新建1500个。（市通信管理办）\n")
    doc = parse_text(text, year=2024)
    assert [(m.id, m.responsible) for _, m in doc.walk()] == [
        ("1.1", ("市发展改革委",)), ("1.2", ("市政府办公室",)),
        ("1.3", ("市工商联", "市营商办")), ("1.4", ("市通信管理办",))]
    assert [str(d.date) for d in get(doc, "1.1").deadlines] == ["2024-06-30"]
    assert [t.value for t in get(doc, "1.4").targets] == [1500]


def test_a_project_list_with_money_columns_and_an_indicator_annex() -> None:
    text = ("某市2024年重点项目清单\n"
            "序号\t项目名称\t建设内容及规模\t总投资（亿元）\t牵头单位\t开工/竣工时间\n"
            "1\t新能源汽车零部件产业园项目\t新建厂房20万平方米\t32\t市发展改革委\t2024.03—2025.12\n"
            "2\t城东综合交通枢纽项目\t建设枢纽站房\t18\t市交通运输局\t2023.10—2024.06\n"
            "附表1\n主要指标\n序号\t指标\t单位\t2024年\t2025年\t责任单位\n"
            "1\t规上工业企业数字化改造覆盖率\t%\t60\t80\t市经济和信息化局\n")
    doc = parse_text(text, year=2024)
    assert [(m.title, m.lead, [str(d.date) for d in m.deadlines]) for _, m in doc.walk()] == [
        ("新能源汽车零部件产业园项目", ("市发展改革委",), ["2025-12-31"]),
        ("城东综合交通枢纽项目", ("市交通运输局",), ["2024-06-30"]),
    ]


def test_inline_sub_items_each_with_its_own_note_are_split() -> None:
    text = ("三、获得用水用气\n3. 推行水气联合报装。(1)8月底前,设立联合报装窗口。(牵头部门:市行政审批服务局)"
            "(2)年底前,接入时间压缩至5个工作日以内。(牵头部门:市住房城乡建设局;责任部门:市公用事业服务中心)\n"
            "4. 推进乙。(1)完善制度；(2)加强考核。(牵头部门:市水务局)\n")
    doc = parse_text(text, year=2021)
    items = {m.id: m for _, m in doc.walk()}
    assert list(items) == ["1.3", "1.3.1", "1.3.2", "1.4"]  # 4.'s points share one note
    assert [g.from_item for g in items["1.3"].owners] == ["1.3.1", "1.3.2"]  # its items'
    assert items["1.3.1"].lead == ("市行政审批服务局",)
    assert [str(d.date) for d in items["1.3.1"].deadlines] == ["2021-08-31"]
    assert items["1.3.2"].responsible == ("市公用事业服务中心",)
    assert items["1.3.1"].lines == items["1.3.2"].lines == (2, 2)


def test_zhuanxiang_headings_and_numbered_peitao_titles() -> None:
    doc = parse_text("专项一：开办企业\n1．推进甲。（市市场监管局负责）\n"
                     "专项二 获得信贷\n1．推进乙。（市地方金融监管局负责）\n")
    assert [p.title for p in doc.plans] == ["开办企业", "获得信贷"]
    assert ids(doc) == ["1.1", "2.1"]
    peitao = parse_text("某市优化营商环境配套措施二 获得用水用气\n1. 推进甲。(牵头部门:市水务局)\n"
                        "某市优化营商环境配套措施三：开办企业\n1. 推进乙。(牵头部门:市市场监管局)\n")
    assert [p.title for p in peitao.plans] == ["获得用水用气", "开办企业"]


def test_false_positives_a_sweep_found_in_the_late_rules() -> None:
    text = ("一、重点任务\n"
            "1.推进项目建设。\n专项一般债券资金优先支持在建项目\n"
            "2.规范涉企检查。推行“综合查一次”。\n"
            "下一步，将联合检查扩大到全部行业领域，12月底前实现全覆盖。（牵头单位：区司法局）\n"
            "3.推进政策宣讲。(1)编制政策汇编(负责人:张三,电话:12345678)；(2)开展政策宣讲。"
            "(牵头部门:市工业和信息化局)\n")
    doc = parse_text(text, year=2024)
    assert [p.title for p in doc.plans] == ["重点任务"]
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    assert get(doc, "1.2").lead == ("区司法局",)
    assert [str(d.date) for d in get(doc, "1.2").deadlines] == ["2024-12-31"]
    assert get(doc, "1.3").lead == ("市工业和信息化局",) and get(doc, "1.3").items == ()


def test_a_task_table_with_an_indicator_column_stays_a_task_table() -> None:
    text = ("序号\t重点任务\t目标指标\t牵头单位\t完成时限\n"
            "1\t推进企业上云\t新增上云企业500家\t市经济和信息化局\t2024年12月底前\n")
    doc = parse_text(text)
    assert ids(doc) == ["1.1"] and get(doc, "1.1").lead == ("市经济和信息化局",)


def test_district_plan_with_parenthesised_measures_a_box_and_a_safeguards_tail() -> None:
    text = ("一、提升政务服务效能\n"
            "（1）推行“一窗受理”。（区审批局牵头，各镇（街道）按职责分工负责）\n"
            "（2）深化“就近办”改革。9月底前完成。（区审批局负责）\n"
            "专栏1  政务服务提升主要指标\n（1）网上可办率达到95%\n（2）即办件占比达到50%\n"
            "（3）推行项目帮办代办。（区审批局牵头，区发展改革局配合）\n"
            "二、保障措施\n（一）加强组织领导。成立工作专班。\n（二）强化督导考核。纳入年度考核。\n"
            "\n各镇（街道）要参照本方案，于每季度末报送落实情况。\n")
    doc = parse_text(text, year=2024)
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    assert get(doc, "1.1").responsible == ("各镇(街道)",)
    assert get(doc, "1.3").responsible == ("区发展改革局",)


def test_annex_plans_and_their_leader_lines() -> None:
    text = ("某市2022年优化营商环境重点领域改革配套措施\n附件1\n开办企业改革配套措施\n"
            "（责任市领导：刘强；总牵头部门：市行政审批服务局）\n"
            "1.推行“一件事”集成办理。（市行政审批服务局牵头）\n"
            "附件2\n获得信贷改革配套措施\n1.推广“信易贷”模式。（市发展改革委牵头）\n")
    doc = parse_text(text)
    assert [(p.title, p.leaders, p.coordinators) for p in doc.plans] == [
        ("开办企业改革", ("刘强",), ("市行政审批服务局",)), ("获得信贷改革", (), ())]
    assert ids(doc) == ["1.1", "2.1"]


def test_safeguards_that_name_owners_anywhere_stay_measures() -> None:
    """"Unless one of them names an owner": per heading — a sibling's note, a note on the
    heading itself or on a sub-item keeps all the heading's numbered lines."""
    siblings = parse_text("三、保障措施\n1. 加强组织领导。（牵头单位：市发展改革委）\n"
                          "2. 强化督导考核。每季度通报一次进展。\n", year=2024)
    assert ids(siblings) == ["1.1", "1.2"]
    heading = parse_text("二、健全要素保障机制（牵头单位：市发展改革委）\n1. 保障项目用地。\n"
                         "2. 加大融资支持。\n")
    assert [m.lead for _, m in heading.walk()] == [("市发展改革委",)] * 2
    subitems = parse_text("三、保障措施\n1. 加强组织领导。\n2. 强化督导考核。\n"
                          "（1）每季度通报进展。（牵头单位：市委督查室）\n")
    assert ids(subitems) == ["1.1", "1.2", "1.2.1"]
    names = parse_text("一、重点任务\n1.推进甲。（市审批局负责）\n附件1\n各配套措施联络员名单\n"
                       "1. 开办企业：市行政审批服务局 张伟\n")
    assert ids(names)[0] == "1.1" and get(names, "1.1").lead == ("市审批局",)  # body kept
