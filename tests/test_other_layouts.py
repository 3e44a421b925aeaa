"""Layouts and conventions of other places' plans (issue 12): one rule each, each on a short
excerpt written in the style of the real plans (invented names and tasks), plus the real
corpus read from ../shared where it is present."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from reformctl.model import Document
from reformctl.parse import parse_text


def ids(doc: Document) -> list[str]:
    return [m.id for _, m in doc.walk()]


def owners(doc: Document) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each measure's (lead, responsible)."""
    return {m.id: (m.lead, m.responsible) for _, m in doc.walk()}


# -- C3: indentation in any Unicode space -------------------------------------------------

RURAL = """\
{s}{s}各区县人民政府，市政府各部门：
{s}{s}为推动数字乡村建设，制定本方案。
{s}{s}一、重点任务
{s}{s}（一）完善乡村网络设施。推进千兆光网进村入户。（市通信发展办牵头，市农业农村局配合；2025年6月底前完成）
{s}{s}（二）发展智慧农业。建设农业物联网示范基地10个。（市农业农村局牵头，市科技局配合）
{s}{s}二、保障措施
{s}{s}（一）加强组织领导。各地要建立工作机制。
"""


@pytest.mark.parametrize("space", ["\u2003", "\u2002", "\u2009", "\u202f", "\u3000", "\xa0", "\t",
                                   " ", "\u2003\u3000"])
def test_indentation_in_any_unicode_space(space: str) -> None:
    doc = parse_text(RURAL.format(s=space))
    assert ids(doc) == ["1.1", "1.2"]
    assert owners(doc) == {"1.1": (("市通信发展办",), ("市农业农村局",)),
                           "1.2": (("市农业农村局",), ("市科技局",))}
    assert [d.date for d in doc.measure("1.1").deadlines] == [date(2025, 6, 30)]  # type: ignore[union-attr]


def test_every_unicode_space_is_folded() -> None:
    from reformctl.parse.clean import OTHER_SPACES

    known = set(OTHER_SPACES) | {" ", "\u3000", "\xa0"}
    spaces = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"}
    assert spaces <= known


# -- C5: role labels of other places -------------------------------------------------------

LABELS = """\
一、重点任务
1.建设跨境电商综合服务平台。（负责部门：市商务局、市海关办）
2.培育外贸新业态主体50家。（负责单位：市商务局）
3.开展外贸企业信用培育。（牵头责任单位：市商务局；责任单位：市市场监管局、市税务局）
4.拓展海外仓布局。（牵头单位：市商务局，参加单位：市财政局、市交通运输局）
5.优化出口退税流程。（负责部门：市税务局；适用范围：全市综合保税区）
"""


def test_lead_labels_responsible_labels_and_a_label_of_another_kind() -> None:
    """负责部门/负责单位 and 牵头责任单位 name the lead, 参加单位 the units that carry out
    (after "，" as after "；"); "适用范围：…" ends the list, it names no owner."""
    assert owners(parse_text(LABELS)) == {
        "1.1": (("市商务局", "市海关办"), ()),
        "1.2": (("市商务局",), ()),
        "1.3": (("市商务局",), ("市市场监管局", "市税务局")),
        "1.4": (("市商务局",), ("市财政局", "市交通运输局")),
        "1.5": (("市税务局",), ()),
    }


# -- C6: the first-named unit leads, in every wording and place ----------------------------

FIRST_IN_NOTE = """\
各区县人民政府，市政府各部门：
现将任务分工如下，请认真抓好落实{preamble}。
一、重点任务
1.建立企业诉求快速响应机制。（市营商环境局、市发展改革委负责{note}）
2.推行涉企检查“综合查一次”。（市司法局、市市场监管局负责）
3.开展政策兑现直达快享。（责任单位：市财政局、市工业和信息化局）
"""
FIRST_WORDINGS = ["列第一位的为牵头单位", "列第一位者为牵头部门", "第一责任单位为牵头单位",
                  "排在第一位的为牵头单位", "排名第一的为牵头单位"]


@pytest.mark.parametrize("wording", FIRST_WORDINGS)
@pytest.mark.parametrize("where", ["note", "note after a full stop", "preamble"])
def test_first_listed_unit_leads_in_every_wording_and_place(wording: str, where: str) -> None:
    if where == "preamble":
        text = FIRST_IN_NOTE.format(preamble=f"（各项任务中{wording}）", note="")
    else:
        sep = "，" if where == "note" else "。"
        text = FIRST_IN_NOTE.format(preamble="", note=f"{sep}{wording}，下同")
    assert owners(parse_text(text)) == {
        "1.1": (("市营商环境局",), ("市发展改革委",)),
        "1.2": (("市司法局",), ("市市场监管局",)),
        "1.3": (("市财政局",), ("市工业和信息化局",)),
    }


FIRST_RUN = """\
一、重点任务
1.加大算力支持。给予算力补贴。〔责任单位：市科技局、市数据局，市委网信办、市经信局；第一个逗号前为牵头单位，多个牵头部门的按照职责分工负责，下同〕
2.建设创业社区。打造创业载体10个。〔责任单位：市科技局，市商务局、各区县政府〕
"""


def test_units_before_the_first_comma_lead_where_the_document_says_so() -> None:
    assert owners(parse_text(FIRST_RUN)) == {
        "1.1": (("市科技局", "市数据局"), ("市委网信办", "市经信局")),
        "1.2": (("市科技局",), ("市商务局", "各区县政府")),
    }


# -- C7: notes and names in other brackets -------------------------------------------------

BRACKETS = """\
一、重点任务
1.推进政务数据共享。（市大数据局〔市政务服务管理办〕牵头，市委网信办〔市互联网信息办〕配合）
2.推进政务公开。（市政府办公室〔市政府研究室〕负责）
3.支持企业上市。给予奖励。〔责任单位：市金融办、各区〔县、市〕政府〕
4.支持企业创新。给予研发费用补助。[责任单位：市科技局、市财政局]
5.培育专精特新企业。【牵头单位：市经信局；配合单位：市财政局】
"""


def test_notes_and_names_in_other_brackets() -> None:
    """A note in 〔〕 [] 【】 is a note; a closing bracket is no part of a name, and a bracket
    inside a name (a second plate, a list of places) is never cut."""
    doc = parse_text(BRACKETS)
    assert owners(doc) == {
        "1.1": (("市大数据局〔市政务服务管理办〕",), ("市委网信办〔市互联网信息办〕",)),
        "1.2": (("市政府办公室〔市政府研究室〕",), ()),
        "1.3": ((), ("市金融办", "各区〔县、市〕政府")),
        "1.4": ((), ("市科技局", "市财政局")),
        "1.5": (("市经信局",), ("市财政局",)),
    }
    assert [m.title for _, m in doc.walk()][2:] == ["支持企业上市", "支持企业创新", "培育专精特新企业"]


# -- C8: a note that goes on after its names ------------------------------------------------

RUNS_ON = """\
一、重点任务
1.便利企业登记。推行全程电子化登记。[责任单位：市市场监管局、市税务局，各区县政府、各开发区管委。以下任务均需各区县政府、各开发区管委落实，不再一一列出]
2.支持企业创新。给予研发费用补助。（试点城市政府负责落实。以下均需试点城市政府落实，不再列出）
3.推进数据开放。（2024年底前完成。牵头单位：市大数据局）
"""


def test_names_of_a_note_end_at_its_full_stop() -> None:
    doc = parse_text(RUNS_ON)
    assert owners(doc) == {
        "1.1": ((), ("市市场监管局", "市税务局", "各区县政府", "各开发区管委")),
        "1.2": (("试点城市政府",), ()),
        "1.3": (("市大数据局",), ()),
    }
    assert doc.measure("1.1").owners[0].raw.endswith("不再一一列出）")  # type: ignore[union-attr]


# -- C11: central bodies -----------------------------------------------------------------

CENTRAL = """\
一、重点任务
（一）完善应急救援体系。建设国家级救援基地。（应急部、发展改革委负责）
（二）开展青少年科普活动。（共青团中央、中国科协、教育部负责）
（三）推动机关带头参与消费帮扶。（中央和国家机关工委、教育部负责）
"""


def test_central_bodies_are_names() -> None:
    assert owners(parse_text(CENTRAL)) == {
        "1.1": (("应急部", "发展改革委"), ()),
        "1.2": (("共青团中央", "中国科协", "教育部"), ()),
        "1.3": (("中央和国家机关工委", "教育部"), ()),
    }


# -- C14: 具体实施, 分别负责落实, 分头落实 ----------------------------------------------------

NOTES = """\
一、重点任务
1.建设城市运行管理平台。（市城市管理局牵头，市大数据局、市应急局按职责分工负责）
2.开展老旧管网改造。（市住房城乡建设局牵头，有关部门具体实施）
3.推进停车设施建设。（市交通运输局、市自然资源和规划局分别负责落实）
4.推行电子证照互认。（市大数据局牵头，各县区政府分头落实）
"""


def test_notes_that_say_how_units_carry_out() -> None:
    assert owners(parse_text(NOTES)) == {
        "1.1": (("市城市管理局",), ("市大数据局", "市应急局")),
        "1.2": (("市住房城乡建设局",), ("有关部门",)),
        "1.3": (("市交通运输局", "市自然资源和规划局"), ()),
        "1.4": (("市大数据局",), ("各县区政府",)),
    }


# -- C15: a 部门分工 line after a measure ------------------------------------------------------

DIVISION = """\
一、重点任务
（一）推进河湖长制提档升级。建立流域协同治理机制。
部门分工：市水利局牵头，各地、各部门配合。
（二）开展入河排污口整治。2024年9月底前完成排查。
部门分工：市生态环境局牵头，市水利局配合。
"""


def test_a_division_line_is_the_note_of_the_measure_above() -> None:
    doc = parse_text(DIVISION)
    assert owners(doc) == {"1.1": (("市水利局",), ("各地", "各部门")),
                           "1.2": (("市生态环境局",), ("市水利局",))}
    assert [d.date for d in doc.measure("1.2").deadlines] == [date(2024, 9, 30)]  # type: ignore[union-attr]


# -- C4: aims do not decide the level of the measures -------------------------------------

GOAL_LEVEL = """\
某省政务信息平台整合工作方案
一、总体要求
（一）指导思想。坚持系统观念，统筹推进。
（二）基本原则。
1.问题导向。聚焦群众急难愁盼。
2.集约节约。避免重复建设。
二、重点任务
（一）建设统一平台。2025年底前建成省级平台。
（二）完善标准规范。制定数据标准10项。
三、保障措施
（一）加强组织领导。各地要建立工作机制。
"""


def test_numbered_principles_do_not_decide_the_level_of_the_measures() -> None:
    doc = parse_text(GOAL_LEVEL)
    assert [(m.id, m.title) for _, m in doc.walk()] == [("1.1", "建设统一平台"),
                                                        ("1.2", "完善标准规范")]
    assert [d.date for d in doc.measure("1.1").deadlines] == [date(2025, 12, 31)]  # type: ignore[union-attr]


# -- C1: a 十条措施 numbered only 一、…十、, each a headline and a body -------------------------

TEN_MEASURES = """\
云梦区支持智能体创业十条措施
为培育智能体创业生态，制定以下措施。
一、免费算力供给
为入驻社区的创业团队提供免费算力，每年最高补贴20万元。
二、办公空间支持
提供最长两年免租办公空间。
三、场景开放对接
每季度发布一批开放场景清单，2026年6月底前建成场景库。
四、附则
本措施自发布之日起试行，有效期两年。
云梦区科技局2026年5月1日发布
"""

TEN_POLICIES = """\
某市打造创业服务基地的若干措施
一、总体思路与目标
（一）总体思路：聚焦创业者从创意到产品的全过程。
（二）发展目标：到2028年服务创业者一万名。
1.汇聚一万名创新者：吸引和服务超过1000个团队。
2.培育一百家领军企业：孵化出100家以上企业。
二、十条政策
（一）设立创业者通行证
为海外创业者提供便利化居留许可。
（二）发放创意验证券
每年安排专项资金发放验证券。
（三）建设共享实验室
2026年底前在园区建设3个共享验证实验室。
附则
本措施自发布之日起试行，有效期三年。
2026年3月23日某市发展和改革局发布，征求意见截止2026年4月23日。
"""


def test_headlines_with_a_body_below_are_the_measures() -> None:
    """Sections (or groups) that are a headline line over body paragraphs, with no numbered
    line below them, are the measures; 附则 and the issuer's dated line are not."""
    doc = parse_text(TEN_MEASURES)
    assert [(m.id, m.title) for _, m in doc.walk()] == [
        ("1.1", "免费算力供给"), ("1.2", "办公空间支持"), ("1.3", "场景开放对接")]
    third = doc.measure("1.3")
    assert third is not None and third.text.endswith("2026年6月底前建成场景库。")
    assert [d.date for d in third.deadlines if d.date] == [date(2026, 6, 30)]
    assert all(not m.owners for _, m in doc.walk())


def test_headline_groups_under_aims_with_numbered_goals() -> None:
    doc = parse_text(TEN_POLICIES)
    assert [(m.id, m.title) for _, m in doc.walk()] == [
        ("1.1", "设立创业者通行证"), ("1.2", "发放创意验证券"), ("1.3", "建设共享实验室")]
    assert doc.measure("1.3").text.endswith("共享验证实验室。")  # type: ignore[union-attr]


# -- C2: documents that are no action plan -------------------------------------------------

REPLY = """\
国务院办公厅关于同意在青川市设立
综合保税区的复函
国办函〔2026〕12号
青川省人民政府：
你省《关于设立青川综合保税区的请示》收悉。经国务院同意，现函复如下：
一、同意设立青川综合保税区，规划面积2.5平方公里。
二、综合保税区的功能和有关税收、外汇政策按规定执行。
三、请你省切实加强组织领导，2026年底前完成建设。
国务院办公厅
2026年3月1日
"""

APPROVAL_WITHOUT_TITLE = """\
某某基金管理有限公司：
你公司报送的《关于募集某某指数证券投资基金的申请》收悉。经审查，现批复如下：
一、准予你公司注册某某指数证券投资基金。
二、你公司应自本批复下发之日起6个月内进行基金的募集活动。
三、你公司应当按照有关规定履行信息披露义务。
"""

REGULATION = """\
青川市智能网联汽车道路测试管理实施细则
第一章 总则
第一条 为规范智能网联汽车道路测试，制定本实施细则。
第二条 本实施细则适用于在本市行政区域内进行的道路测试。
第二章 测试申请
第三条 测试主体应当具备相应的民事责任能力。
第四条 测试车辆应当安装监控装置。
第五条 本实施细则自2026年1月1日起施行。
"""

CARRIED_REGULATION = """\
国务院关于印发个人所得税
专项附加扣除暂行办法的通知
国发〔2026〕41号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现将《个人所得税专项附加扣除暂行办法》印发给你们，请认真贯彻执行。
国务院
2026年12月13日
个人所得税专项附加扣除暂行办法
第一章 总则
第一条 根据有关法律，制定本办法。
第二条 本办法所称个人所得税专项附加扣除，是指子女教育等支出。
第三条 个人所得税专项附加扣除遵循公平合理、利于民生的原则。
"""

HOLIDAYS = """\
国务院办公厅关于2027年
部分节假日安排的通知
国办发明电〔2026〕15号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年部分节假日放假调休日期的具体安排通知如下。
一、元旦：1月1日至3日放假调休，共3天。
二、春节：2月6日至12日放假调休，共7天。
三、清明节：4月5日放假，与周末连休。
"""

CARRIED_PLAN = """\
国务院办公厅关于印发《政府网站集约化
试点工作方案》的通知
国办函〔2026〕71号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
《政府网站集约化试点工作方案》已经国务院同意，现印发给你们，请认真贯彻执行。
国务院办公厅
2026年10月27日
政府网站集约化试点工作方案
一、试点任务
（一）建设集约化平台。2026年12月底前完成。
（二）形成标准规范。制定平台建设标准，统一技术要求。
"""

OWNED_REGULATION = """\
某市数字政府建设考评办法
一、考评内容
1.推进政务服务事项全程网办。（市审批服务局负责）
2.提升政务热线服务水平。（市政府办公室负责）
"""


@pytest.mark.parametrize(("text", "kind"), [
    (REPLY, "reply"), (APPROVAL_WITHOUT_TITLE, "approval"), (REGULATION, "regulation"),
    (CARRIED_REGULATION, "regulation"), (HOLIDAYS, "notice"),
])
def test_a_document_that_is_no_plan_says_so_and_yields_no_measures(text: str, kind: str) -> None:
    doc = parse_text(text)
    assert doc.document.kind == kind
    assert not doc.plans
    assert [w.code for w in doc.warnings] == ["not-a-plan"]


def test_a_notice_that_carries_a_plan_and_a_regulation_with_owners_are_plans() -> None:
    carried = parse_text(CARRIED_PLAN)
    assert carried.document.kind is None and ids(carried) == ["1.1", "1.2"]
    owned = parse_text(OWNED_REGULATION)
    assert owned.document.kind is None and ids(owned) == ["1.1", "1.2"]


@pytest.mark.parametrize(("title", "kind"), [
    ("国务院关于河北雄安新区总体规划（2018—2035年）的批复", ("approval", "批复")),
    ("国务院办公厅对十届全国人大四次会议第7264号建议的答复", ("reply", "答复")),
    ("国务院关于2018年度国家科学技术奖励的决定", ("decision", "决定")),
    ("中华人民共和国国务院令", ("regulation", "国务院令")),
    ("国务院办公厅关于印发国家粮食应急预案的函", ("contingency plan", "预案")),
    ("国务院办公厅关于对第五次大督查发现的典型经验做法给予表扬的通报", ("notice", "通报")),
    ("国务院办公厅关于调整国家教材委员会组成人员的通知", ("notice", "通知")),
    ("某市关于印发《优化营商环境行动方案（2026—2027年）》的通知", None),
    ("某市支持人工智能创新发展若干措施（征求意见稿）", None),
    ("国务院关于进一步做好稳就业工作的通知", None),
    ("国务院办公厅转发民政部关于清理整顿社会团体意见的通知", None),
])
def test_title_kinds(title: str, kind: tuple[str, str] | None) -> None:
    from reformctl.parse.kind import title_kind

    assert title_kind(title) == kind


# -- point 3: no silent loss ----------------------------------------------------------------

# A layout the parser does not know (tasks counted in words, "一是…二是…"): owner notes and
# dates, but nothing it reads as measures.
NOT_UNDERSTOOD = """\
某市优化营商环境工作要点
今年重点做好以下工作：一是压缩企业开办时间，2026年底前压减至1个工作日（市市场监管局负责）；二是推行政务服务全程网办，2026年6月底前网办率达到90%（市审批服务局负责）；三是建成企业服务平台（市工业和信息化局负责）。
"""

UNCLAIMED = """\
某区支持创新若干措施
第一条 办公空间支持
对入驻企业给予租金补贴。（责任单位：区科技局）
第二条 算力支持
对企业算力支出给予补贴。
（一）年度支出超过100万元的，按20%给予补贴。
（二）使用国产算力的，按30%给予补贴。
（责任单位：区工业和信息化局）
第三条 人才支持
对引进的高层次人才给予安家补贴。（责任单位：区人才办）
"""


def test_a_layout_not_understood_is_said_plainly() -> None:
    doc = parse_text(NOT_UNDERSTOOD)
    assert not doc.plans and doc.document.kind is None
    assert [w.code for w in doc.warnings] == ["layout-not-understood"]
    assert "3 owner notes" in doc.warnings[0].message


def test_parse_exits_1_and_the_summary_says_what_was_lost(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reformctl.cli import app

    runner = CliRunner()
    lost = tmp_path / "in" / "lost.txt"
    lost.parent.mkdir()
    lost.write_text(NOT_UNDERSTOOD, encoding="utf-8")
    (tmp_path / "in" / "reply.txt").write_text(REPLY, encoding="utf-8")
    (tmp_path / "in" / "plan.txt").write_text(TEN_MEASURES, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(lost), "-o", str(tmp_path / "one.yaml")])
    assert result.exit_code == 1, result.output
    assert ("0 measures, but 3 owner notes, 2 dated time phrases found: "
            "this layout was not understood — see warnings") in result.stdout
    reply = runner.invoke(app, ["parse", str(tmp_path / "in" / "reply.txt"),
                                "-o", str(tmp_path / "reply.yaml")])
    assert reply.exit_code == 0, reply.output
    assert "not an action plan (a reply): no measures taken" in reply.stdout
    folder = runner.invoke(app, ["parse", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert folder.exit_code == 1, folder.output
    assert folder.stderr.endswith(
        "1 of 3 documents was not fully understood (see its warnings):\n"
        f"  {lost}: layout not understood\n")
    zh = runner.invoke(app, ["--lang", "zh", "parse", str(lost), "-o", str(tmp_path / "zh.yaml")])
    assert "0条措施，但发现3条责任单位注释、2处日期：此版式未能识别，请查看警告" in zh.stdout


def test_owner_notes_no_measure_takes_are_reported() -> None:
    """Notes under a heading the parser drops as an aim, while the other notes stand in
    measures: each is a warning with its line, and the summary counts them."""
    from reformctl.parse.coverage import loss_of

    text = """\
某区支持创新若干措施
一、重点任务
1.办公空间支持。对入驻企业给予租金补贴。（责任单位：区科技局）
2.人才支持。对引进人才给予安家补贴。（责任单位：区人才办）
二、保障措施
加强组织领导，建立工作专班。（责任单位：区委办）
"""
    doc = parse_text(text)
    assert ids(doc) == ["1.1", "1.2"]
    unclaimed = [(w.line, w.code) for w in doc.warnings]
    assert unclaimed == [(6, "owner-note-unclaimed")]
    loss = loss_of(doc.warnings)
    assert loss is not None and loss.unclaimed == 1 and not loss.not_understood


# -- C10: articles 第N条 as measures, their （一） points as sub-items ------------------------

ARTICLES = """云梦区促进智能体产业发展若干措施
第一条 【支持企业落户】
对新落户的智能体企业给予最高50万元落户奖励。（责任单位：区投资促进局）
第二条 支持算力使用
对企业使用算力给予补贴，具体如下：
（一）年度算力支出超过100万元的，按20%给予补贴。
（二）使用国产算力的，补贴比例提高至30%。
第三条 【支持场景开放】
每年发布应用场景清单不少于20个。
第四条 本措施由区科技局负责解释。
附则
（一）适用范围
本措施适用于在本区注册的企业。
（二）认定管理
1.企业认定。由区科技局组织认定。
"""


def test_articles_with_headlines_and_points() -> None:
    doc = parse_text(ARTICLES)
    assert [(m.id, m.title) for _, m in doc.walk()] == [
        ("1.1", "支持企业落户"), ("1.2", "支持算力使用"),
        ("1.2.1", "年度算力支出超过100万元的，按20%给予补贴"),
        ("1.2.2", "使用国产算力的，补贴比例提高至30%"), ("1.3", "支持场景开放")]
    assert doc.measure("1.1").responsible == ("区投资促进局",)  # type: ignore[union-attr]


def test_the_seed_and_the_realdocs_lose_nothing() -> None:
    from seedfiles import SEED

    from reformctl.parse import parse_file
    from reformctl.parse.coverage import loss_of

    paths = [SEED, *sorted((SEED.parents[2] / "shared" / "realdocs").glob("*.txt"))]
    for path in paths:
        doc = parse_file(path)
        assert doc.document.kind is None, path
        assert loss_of(doc.warnings) is None, path


# -- C9: an annex's indicator table and its numbered notes --------------------------------

GREEN_TRAVEL = """\
国务院关于印发促进绿色出行行动方案的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现将《促进绿色出行行动方案》印发给你们，请认真贯彻执行。
国务院
2026年3月1日
促进绿色出行行动方案
一、总体要求
到2028年，绿色出行比例达到70%。
二、重点任务
（一）完善公交网络。2026年底前，城区公交站点500米覆盖率达到100%。（交通运输部牵头，住房城乡建设部配合）
（二）推广新能源车辆。2027年6月底前，新增公交车全部使用新能源车。（工业和信息化部、交通运输部按职责分工负责）
（三）建设慢行系统。到2028年底建成城市绿道1万公里。（住房城乡建设部负责）
附件
绿色出行主要指标
序号 指标 2026年 2028年
1 公交站点覆盖率（%） 95 100
2 新能源公交车占比（%） 80 95
注：1.公交站点覆盖率按500米半径计算。
2.新能源公交车含纯电动和燃料电池车辆。
3.绿道长度以住房城乡建设部统计为准。
"""


def test_an_annex_table_and_its_numbered_notes_are_no_measures() -> None:
    doc = parse_text(GREEN_TRAVEL)
    assert ids(doc) == ["1.1", "1.2", "1.3"]
    assert [d.date for _, m in doc.walk() for d in m.deadlines] == [
        date(2026, 12, 31), date(2027, 6, 30), date(2028, 12, 31)]
    assert not doc.warnings


# -- C12: an item glued to its heading -------------------------------------------------------

GLUED = """\
某省数字经济发展措施
一、强化统筹协调，保障改革落地1.建立调度机制。每月召开调度会。
2.完善考核办法。年底前出台考核细则。
二、优化服务供给3.推行一网通办。实现事项网上可办率100%。
"""


def test_an_item_glued_to_its_heading_is_split_off() -> None:
    doc = parse_text(GLUED, year=2024)
    assert [(m.id, m.title) for _, m in doc.walk()] == [
        ("1.1", "建立调度机制"), ("1.2", "完善考核办法"), ("2.3", "推行一网通办")]
    assert [p.title for p in doc.plans] == ["强化统筹协调，保障改革落地", "优化服务供给"]
    assert not doc.warnings


# -- C16: unnumbered policy paragraphs, each closing with its owner note --------------------

PARAGRAPH_POLICIES = """\
临川市支持数字经济发展若干政策
为加快数字经济发展，制定以下政策。
支持企业上云用数。对企业购买云服务给予30%补助，2026年底前覆盖全市。（责任单位：市工业和信息化局、市财政局）
支持数字化改造。对智能化改造项目按设备投资的10%给予奖励。（责任单位：市工业和信息化局）
支持平台建设。对新认定的国家级工业互联网平台给予一次性奖励300万元。（责任单位：市工业和信息化局、市发展改革委）
本政策自2026年1月1日起施行。
"""


def test_unnumbered_paragraphs_closing_with_owner_notes_are_measures() -> None:
    doc = parse_text(PARAGRAPH_POLICIES)
    assert [(m.id, m.title) for _, m in doc.walk()] == [
        ("1.1", "支持企业上云用数"), ("1.2", "支持数字化改造"), ("1.3", "支持平台建设")]
    assert owners(doc)["1.1"] == ((), ("市工业和信息化局", "市财政局"))
    assert [d.date for d in doc.measure("1.1").deadlines] == [date(2026, 12, 31)]  # type: ignore[union-attr]
    assert not doc.warnings


# -- classes of the issue the parser already read right: kept by a test ---------------------

GAP_GROUP = """\
某市2026年优化营商环境任务清单
一、提升开办企业便利度（共2项）
1.推行企业开办全程网办。（市市场监管局牵头，市税务局配合）
2.压缩企业开办时间至1个工作日。（市市场监管局负责）
二、提升获得电力便利度（共6项）
三、提升纳税便利度（共3项）
9.推广非接触式办税。（市税务局负责）
10.压缩纳税时间至80小时以内。（市税务局负责）
11.推行留抵退税快速办理。（市税务局牵头，市财政局配合）
"""

GOALS_WITH_OWNERS = """\
某省2026年国民经济和社会发展计划重点任务分工方案
一、2026年经济社会发展主要预期目标
1.全省地区生产总值增长5.5%左右。（省发展改革委牵头，省统计局配合）
2.城镇新增就业60万人以上。（省人力资源社会保障厅负责）
二、重点任务
3.扩大有效投资，实施重大项目500个。（省发展改革委牵头，省财政厅配合）
"""


def test_rows_after_a_group_whose_rows_were_left_out_are_kept() -> None:
    doc = parse_text(GAP_GROUP)
    assert ids(doc) == ["1.1", "1.2", "2.9", "2.10", "2.11"]
    assert owners(doc)["2.11"] == (("市税务局",), ("市财政局",))


def test_goals_whose_items_carry_owners_are_measures() -> None:
    doc = parse_text(GOALS_WITH_OWNERS)
    assert ids(doc) == ["1.1", "1.2", "2.3"]
    assert owners(doc)["1.1"] == (("省发展改革委",), ("省统计局",))


# -- a section whose own paragraph is a task, beside sections of numbered measures -----------

SECTION_TASK = """\
某省人民政府办公厅关于抓好减轻基层负担有关文件贯彻落实工作的通知
各市人民政府，省政府各部门：
为推动减轻基层负担有关文件落实到位，现就有关事项通知如下。
一、充分认识减轻基层负担的重要意义
减轻基层负担，对于调动基层干部积极性具有十分重要的意义。各地各部门要进一步统一思想。
二、清理规范考核评比事项
各地各部门要对现行考核评比事项进行全面清理，对不符合要求的予以取消。以上工作要在2026年3月底前完成。
三、精简文件会议
（一）压减发文数量。省级部门发文数量在上年基础上减少三分之一。
（二）提高会议质量。能合并的会议合并召开，可以视频会议形式召开的不再集中开会。
四、着力提升工作质效
到2028年，基层负担明显减轻。各地要结合实际抓好落实。
五、开通问题反映渠道
开通基层负担问题反映渠道，及时回应基层关切。（省政府办公厅牵头，省信访局配合）
"""


def test_a_section_whose_paragraph_sets_a_time_limit_is_a_measure() -> None:
    """"二、…" / "…。以上工作要在2026年3月底前完成。" beside "三、" / "（一）…" measures is a
    task of its own (with its time limit), and so is one with an owner note; the
    significance "一、" and a horizon "到2028年" make none."""
    doc = parse_text(SECTION_TASK)
    assert [(p.title, m.title) for p, m in doc.walk()] == [
        ("清理规范考核评比事项", "清理规范考核评比事项"),
        ("精简文件会议", "压减发文数量"), ("精简文件会议", "提高会议质量"),
        ("开通问题反映渠道", "开通问题反映渠道")]
    assert owners(doc)["3.5"] == (("省政府办公厅",), ("省信访局",))
    task = doc.plans[0].measures[0]
    assert [d.date for d in task.deadlines] == [date(2026, 3, 31)]


# -- headline items over sub-items numbered straight through the document ----------------------

RUNNING_SUBITEMS = """\
某市加快数字化发展推进方案
一、主要任务
（一）推进数字产业化。
1.打造数字经济核心产业高地。
（1）打造信息技术装备产业高地。支持龙头企业建设服务器生产基地。到2027年，产业规模超过500亿元。（责任单位：市工业和信息化局、市发展改革委）
（2）打造软件产业集群。加快软件园提档升级。（责任单位：市工业和信息化局）
2.建设高能级创新平台。
（3）突破核心关键技术。组织实施一批重点研发计划。（责任单位：市科技局）
（二）推进产业数字化。
3.加快发展智能制造。
（4）推动工业互联网创新发展。打造一批标识解析二级节点。（责任单位：市工业和信息化局、市大数据局）
二、保障措施
（一）加强组织领导。各有关部门要明确责任分工。
"""


def test_headline_items_over_running_subitems_are_headings() -> None:
    """"1.打造…。" / "（1）…（责任单位：…）" "（2）…" / "2.建设…。" / "（3）…": headline-only
    items whose sub-items are numbered straight through the document are the plans, the
    sub-items the measures; sub-items that restart under each item stay sub-items."""
    doc = parse_text(RUNNING_SUBITEMS)
    assert [(p.title, p.section, m.id, m.title) for p, m in doc.walk()] == [
        ("打造数字经济核心产业高地", "推进数字产业化", "1.1", "打造信息技术装备产业高地"),
        ("打造数字经济核心产业高地", "推进数字产业化", "1.2", "打造软件产业集群"),
        ("建设高能级创新平台", "推进数字产业化", "2.3", "突破核心关键技术"),
        ("加快发展智能制造", "推进产业数字化", "3.4", "推动工业互联网创新发展")]
    assert owners(doc)["3.4"] == ((), ("市工业和信息化局", "市大数据局"))
    assert [d.date for d in doc.measure("1.1").deadlines] == [date(2027, 12, 31)]
    restarting = RUNNING_SUBITEMS.replace("（3）突破", "（1）突破")
    kept = parse_text(restarting)
    assert [m.id for p in kept.plans for m in p.measures] == ["1.1", "1.2", "2.3"]
    assert [s.id for s in kept.measure("1.1").items] == ["1.1.1", "1.1.2"]


# -- a 实施细则 in chapters: articles numbered on, their points' lists are text -----------------

CHAPTERS = """\
第一章　总则
　　第一条　为加快某市数字产业园建设，提高专项资金使用效益，制定本实施细则。
　　第二条　本细则适用于某市数字产业园。
第二章　申报事项
　　第三条　对新入驻园区的数字企业，给予三年房租补贴，单个企业累计不超过100万元。（责任单位：某区政府）
　　（一）申报条件
　　1.申报主体是2024年1月1日以后注册成立的企业；
　　2.申报主体已签订招商协议。
　　（二）申报材料
　　1.房租补贴申请表；
　　2.房屋租赁合同。
　　第四条　对园区内算力中心按服务合同金额给予不超过50%的补助。（责任单位：某区政府，市工业和信息化局、市财政局）
　　（一）申报条件
　　申报主体是园区内算力中心运营单位。
第三章　申报程序
　　本细则第四条政策资金的申报程序如下：
　　第五条　市工业和信息化局每年发布申报指南。
第四章　附则
　　第六条　本细则自2024年3月1日起施行。
"""


def test_chapters_of_articles_with_listed_points() -> None:
    """"第二章 申报事项" is a section, not the end of the measures; "第三条" after it goes on
    numbering the articles; "（一）申报条件" / "1.…" / "2.…" inside an article are its point and
    the point's text, not measures; "…如下：" leads into "第五条"; 总则 and 附则 give none."""
    doc = parse_text(CHAPTERS)
    assert [(p.title, m.id) for p, m in doc.walk()] == [
        ("申报事项", "1.3"), ("申报事项", "1.3.1"), ("申报事项", "1.3.2"),
        ("申报事项", "1.4"), ("申报事项", "1.4.1"), ("申报程序", "2.5")]
    assert owners(doc)["1.4"] == ((), ("某区政府", "市工业和信息化局", "市财政局"))
    assert "2.申报主体已签订招商协议" in doc.measure("1.3.1").text
    assert not [w for w in doc.warnings if w.code == "numbering-gap"]


# -- a group line with its headline, then noted paragraphs: the paragraphs are the measures ----

NOTED_GROUP = """\
某省“清洁河湖”建设试点工作方案
一、主要任务
（一）强化顶层设计，发挥政府指导作用。建立河湖治理指标体系，发挥导向作用。2026年6月底前，研究建立指标体系。（省生态环境厅牵头，省水利厅参与）
优化河湖管理体制机制，强化部门分工协作。建立部门责任清单，明确职责边界。（试点市政府负责，省生态环境厅指导）
加强制度政策集成创新，增强试点方案系统性。集成已开展的改革和试点政策。（省生态环境厅、省财政厅指导）
（二）推行农业绿色生产，减少面源污染。以规模养殖场为重点，推动畜禽粪污综合利用。（省农业农村厅指导）
二、实施步骤
（一）确定试点城市。试点城市由各市推荐，省生态环境厅会同有关部门确定。
（二）开展评估总结。2027年3月底前，试点城市形成总结报告。
"""


def test_noted_paragraphs_under_a_group_headline_are_its_measures() -> None:
    """"（一）强化…作用。建立…（…牵头…）" / "优化…协作。…（…负责…）" / "加强…。…（…指导）":
    the group line's headline is the plan, its rest and each following paragraph with its
    own note a measure; a group of one paragraph ("（二）…") stays one measure."""
    doc = parse_text(NOTED_GROUP)
    assert [(p.title, m.id, m.title) for p, m in doc.walk()] == [
        ("强化顶层设计，发挥政府指导作用", "1.1", "建立河湖治理指标体系，发挥导向作用"),
        ("强化顶层设计，发挥政府指导作用", "1.2", "优化河湖管理体制机制，强化部门分工协作"),
        ("强化顶层设计，发挥政府指导作用", "1.3", "加强制度政策集成创新，增强试点方案系统性"),
        ("主要任务", "2.2", "推行农业绿色生产，减少面源污染")]
    first = doc.measure("1.1")
    assert [d.date for d in first.deadlines] == [date(2026, 6, 30)]
    assert owners(doc)["1.1"] == (("省生态环境厅",), ("省水利厅",))
