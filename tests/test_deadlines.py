"""Deadline phrases from real plans: what each resolves to, and what must not be a deadline.

Phrases are quoted from the seed (泰安 2021) and from the plans in ../shared/realdocs
(包头 2022, 山东 2024, 广东 2026, 安徽 2022); the realdocs are read in place, never copied.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from seedfiles import ROOT, SEED

from reformctl.model import Deadline
from reformctl.parse.deadlines import DEADLINE_LIKE, find_deadlines, find_unresolved
from reformctl.parse.year import infer_year

REALDOCS = ROOT.parent / "shared" / "realdocs"

D = date


def _brief(ds: list[Deadline]) -> list[tuple[object, ...]]:
    """(raw, kind, date, day, amount, unit) — the fields a test states."""
    return [(d.raw, d.kind, d.date, d.day, d.amount, d.unit) for d in ds]


# (text, year, [(raw, kind, date, day, amount, unit), ...])
PHRASES = [
    # --- seed, 2021 ---------------------------------------------------------------------
    ("6月中旬前,推动市工程建设项目审批管理系统", 2021, [("6月中旬前", "by", D(2021, 6, 20), None, None, None)]),
    ("12. 缩小初步设计审查范围。7月上旬,对于建设内容单一", 2021, [("7月上旬", "by", D(2021, 7, 10), None, None, None)]),
    ("8月底前,工程建设项目市政公用报装申请纳入“一张表单”", 2021, [("8月底前", "by", D(2021, 8, 31), None, None, None)]),
    ("相关监管部门不得单独开展监督检查。9 月底前,开展差异化事中事后监管", 2021, [("9 月底前", "by", D(2021, 9, 30), None, None, None)]),
    ("10月底前,增加其他上线类型。", 2021, [("10月底前", "by", D(2021, 10, 31), None, None, None)]),
    ("12月底前,将进口整体通关时间控制在9小时内", 2021, [("12月底前", "by", D(2021, 12, 31), None, None, None)]),
    ("示范区,7月底后,示范区内不再安排影响用户的计划停电。", 2021, [("7月底后", "after", D(2021, 7, 31), None, None, None)]),
    ("持续优化通关时效,每月20日前,市打私办和泰安海关共同研究", 2021, [("每月20日前", "recurring", None, 20, None, "月")]),
    ("建设单位承诺在3个月内按要求提交城建档案验收材料", 2021, [("3个月内", "relative", None, None, 3.0, "月")]),
    ("申请自受理之日起7日内作出工伤认定决定", 2021, [("7日内", "relative", None, None, 7.0, "日")]),
    ("责任部门三天内予以回复", 2021, [("三天内", "relative", None, None, 3.0, "天")]),
    ("原则上 15 个工作日内予以解决", 2021, [("15 个工作日内", "relative", None, None, 15.0, "工作日")]),
    ("难度较大或需多部门协调的事项最长不超过 30 个工作日。", 2021, [("30 个工作日", "relative", None, None, 30.0, "工作日")]),
    ("加大对企业“提前申报”引导力度。全年“提前申报率”达到90%", 2021, [("全年", "period", D(2021, 12, 31), None, None, None)]),
    ("力争2021年底整体普惠型小微企业贷款在各项贷款中的比重较去年年底提高", 2021, [("2021年底", "by", D(2021, 12, 31), None, None, None)]),
    ("出台奖励政策文件,12月底确定资金分配方案。", 2021, [("12月底", "by", D(2021, 12, 31), None, None, None)]),
    ("6月底前制定工作方案,逐步实现网上业务“跨省通办”", 2021, [("6月底前", "by", D(2021, 6, 30), None, None, None)]),
    ("(1)8月底前,完成省定化工园区有毒有害气体的预警体系建设。9\n月底前,完成全市火电", 2021, [
        ("8月底前", "by", D(2021, 8, 31), None, None, None),
        ("9\n月底前", "by", D(2021, 9, 30), None, None, None),
    ]),
    # full-width digits, as an uncleaned text may carry them
    ("９月底前，建立知识产权保护重点市场关注名录", 2021, [("９月底前", "by", D(2021, 9, 30), None, None, None)]),
    # --- 包头 2022 (baotou): the deadline shares a note with the owner ---------------------
    ("（6月底完成，牵头考核单位：市政府办公室、市公安局）", 2022, [("6月底", "by", D(2022, 6, 30), None, None, None)]),
    ("加快实施部分核心设备利旧替代工程，年底前完成全部改造任务", 2022, [("年底前", "by", D(2022, 12, 31), None, None, None)]),
    ("（持续推进，牵头考核单位：市审批服务局）", 2022, [("持续推进", "ongoing", None, None, None, None)]),
    ("（1分）（按进度推进，牵头考核单位：市发改委）", 2022, [("按进度推进", "ongoing", None, None, None, None)]),
    ("（5月底取得阶段性成效并持续推进，牵头考核单位：", 2022, [
        ("5月底", "by", D(2022, 5, 31), None, None, None),
        ("持续推进", "ongoing", None, None, None, None),
    ]),
    ("（0.5分）（12月取得明显成效并持续推进，牵头考核单位：市文旅局）", 2022, [
        ("12月", "by", D(2022, 12, 31), None, None, None),
        ("持续推进", "ongoing", None, None, None, None),
    ]),
    ("（6月份取得明显成效，牵头考核单位：", 2022, [("6月份", "by", D(2022, 6, 30), None, None, None)]),
    ("以日常监测、实地调研等方式进行。每半年考评一次。", 2022, [("每半年", "recurring", None, None, None, "半年")]),
    # --- other layouts (DESIGN.md) and the phrase table of the brief ----------------------
    ("完成时限：2022年6月底前", 2021, [("2022年6月底前", "by", D(2022, 6, 30), None, None, None)]),
    ("建成统一平台（2022年12月底前完成）", 2021, [("2022年12月底前", "by", D(2022, 12, 31), None, None, None)]),
    ("完成时限：长期坚持", 2021, [("长期坚持", "ongoing", None, None, None, None)]),
    ("加强督促检查，长期坚持。", 2021, [("长期坚持", "ongoing", None, None, None, None)]),
    ("到2025年，累计建成开通5G基站27万个", 2024, [("到2025年", "by", D(2025, 12, 31), None, None, None)]),
    ("2025年前基本建成", 2024, [("2025年前", "by", D(2025, 12, 31), None, None, None)]),
    ("到2025年底，全面建成", 2024, [("到2025年底", "by", D(2025, 12, 31), None, None, None)]),
    ("年内完成平台升级", 2021, [("年内", "by", D(2021, 12, 31), None, None, None)]),
    ("上半年前完成摸底", 2021, [("上半年前", "by", D(2021, 6, 30), None, None, None)]),
    ("三季度末完成验收", 2021, [("三季度末", "by", D(2021, 9, 30), None, None, None)]),
    ("第三季度启动试点", 2021, [("第三季度", "by", D(2021, 9, 30), None, None, None)]),
    ("一季度出台方案", 2021, [("一季度", "by", D(2021, 3, 31), None, None, None)]),
    ("5月31日前报送", 2021, [("5月31日前", "by", D(2021, 5, 31), None, None, None)]),
    ("7月1日起施行", 2021, [("7月1日起", "after", D(2021, 7, 1), None, None, None)]),
    ("2021年全年新增市场主体", 2021, [("2021年全年", "period", D(2021, 12, 31), None, None, None)]),
    ("每季度通报一次", 2021, [("每季度", "recurring", None, None, None, "季度")]),
    ("每年认定10家左右建设水平突出的园区", 2024, [("每年", "recurring", None, None, None, "年")]),
    ("十五个工作日内办结", 2021, [("十五个工作日内", "relative", None, None, 15.0, "工作日")]),
    ("新一代信息技术产业行动计划（2024-2025年）", 2024, [("2024-2025年", "period", D(2025, 12, 31), None, None, None)]),
    ("6月下旬前完成", 2021, [("6月下旬前", "by", D(2021, 6, 30), None, None, None)]),
    ("到2025年6月底，全面建成", 2024, [("到2025年6月底", "by", D(2025, 6, 30), None, None, None)]),
    ("明年年底前全面推开", 2021, [("明年年底前", "by", D(2022, 12, 31), None, None, None)]),
    ("9月前出台细则", 2021, [("9月前", "by", D(2021, 9, 30), None, None, None)]),
    ("每月底前报送进展", 2021, [("每月底前", "recurring", None, None, None, "月")]),
    ("１．５个月内", 2021, [("１．５个月内", "relative", None, None, 1.5, "月")]),
    # no plan year: dates stay empty unless the phrase names its year
    ("9月底前", None, [("9月底前", "by", None, None, None, None)]),
    ("2022年6月底前", None, [("2022年6月底前", "by", D(2022, 6, 30), None, None, None)]),
    # Years in Chinese numerals keep their own words as raw.
    ("二〇二四年底前完成", 2023, [("二〇二四年底前", "by", D(2024, 12, 31), None, None, None)]),
    ("二〇二四年十二月底前", 2023, [("二〇二四年十二月底前", "by", D(2024, 12, 31), None, None, None)]),
    ("（完成时限：二零二五年六月底前）", None,
     [("二零二五年六月底前", "by", D(2025, 6, 30), None, None, None)]),
    # From a year on; a bare year before a completion verb; 长期 as a time limit.
    ("自2024年起实施", None, [("2024年起", "after", D(2024, 1, 1), None, None, None)]),
    ("2024年底前基本完成，2025年全面完成", None, [
        ("2024年底前", "by", D(2024, 12, 31), None, None, None),
        ("2025年", "by", D(2025, 12, 31), None, None, None)]),
    ("（完成时限：长期）", 2024, [("长期", "ongoing", None, None, None, None)]),
    ("按季度通报进展", 2024, [("按季度", "recurring", None, None, None, "季度")]),
    ("（整改时限：立行立改）", 2024, [("立行立改", "relative", None, None, 0, "日")]),
    # A span of months is done by the end of the last one.
    ("（开工/竣工时间：2024.03—2025.12）", 2024,
     [("2024.03—2025.12", "by", D(2025, 12, 31), None, None, None)]),
    # The year a sentence names carries to its next month; 起 may precede 长期坚持.
    ("2024年6月底前完成试点，12月底前全面推开", 2025, [
        ("2024年6月底前", "by", D(2024, 6, 30), None, None, None),
        ("12月底前", "by", D(2024, 12, 31), None, None, None)]),
    ("完成时间：2022年起长期坚持", 2024, [
        ("2022年起", "after", D(2022, 1, 1), None, None, None),
        ("长期坚持", "ongoing", None, None, None, None)]),
    ("完成时限：2024年5月至2026年6月", 2024,
     [("2024年5月至2026年6月", "by", D(2026, 6, 30), None, None, None)]),
    # From day to day, with 前 or a time label: by the last day.
    ("2019年10月10日至12月31日前完成", 2019,
     [("2019年10月10日至12月31日前", "by", D(2019, 12, 31), None, None, None)]),
    ("完成时限：2024年5月1日至2026年6月15日", 2024,
     [("2024年5月1日至2026年6月15日", "by", D(2026, 6, 15), None, None, None)]),
    ("（完成时间：每年12月底前）", 2022, [("每年12月底前", "recurring", None, None, None, "年")]),
    ("2026年实现全覆盖", 2024, [("2026年", "by", D(2026, 12, 31), None, None, None)]),
    # Table cells: a year alone, a year and month with a dot.
    ("（完成时限：2024年）", None, [("2024年", "by", D(2024, 12, 31), None, None, None)]),
    ("（完成时限：2024.10）", None, [("2024.10", "by", D(2024, 10, 31), None, None, None)]),
    ("2024.6前完成", None, [("2024.6前", "by", D(2024, 6, 30), None, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "expected"), PHRASES, ids=[p[0][:16] for p in PHRASES])
def test_phrase(text: str, year: int | None, expected: list[tuple[object, ...]]) -> None:
    found = find_deadlines(text, year)
    assert _brief(found) == expected
    for d in found:
        assert d.span is not None and text[d.span[0] : d.span[1]] == d.raw
        assert d.line is None


NOT_DEADLINES = [
    "推行“马上就办”工作机制",  # the words of a sentence, not a time limit
    "发现问题立即整改",
    "对2023年1月至2024年6月期间新建项目开展回头看",  # a period spoken of
    # A policy's window, not a deadline "至2020年" (the year alone after 至).
    "2019年1月1日至2020年12月31日，将技术技能提升补贴申领条件放宽至参保1年以上",
    "2019年1月1日至12月31日，对坚持不裁员或少裁员的参保企业，返还标准可按6个月确定",
    "平均用时不超过5个工作日",  # a service time held to a level: a target
    "审批时限由20个工作日压减至10个工作日",
    "分别压缩至3个工作日、1个工作日以内",
    "压缩企业开办时间至1个工作日以内",  # a level: the verb, its object, then 至
    "2024年1-6月全市地区生产总值增长5%",  # a reporting period
    "建立即时响应机制",  # 立即 inside other words
    "企业开办时间稳定在1个工作日以内",  # a level (a target)
    "发布2024.10版操作指南",  # a dotted year.month without a time label
    "企业开办全流程时间压缩至1个工作日以内",  # a level (a target), not a time limit
    "审批时限控制在3个工作日",
    "建立长期稳定的合作机制",  # 长期 as an adjective
    "落实《政府采购促进中小企业发展管理办法》(财库〔2020〕46号)。",
    "将知识产权工作纳入《泰安市 2021 - 2022 年知识产权保护推进计划》。",
    "根据《鼓励外商投资产业目录(2020年版)》，积极为企业提供政策咨询",
    "全职在我市工作或来泰工作时间6个月以上的海外学术机构院士",
    "企业开办全流程只经1个环节,自选5种方式,最长4个小时,获享5项服务。",
    "一般性企业开办2个小时内即可办结。",
    "泰安城网地区用户年均停电时间压减至4个小时以内。",
    "持续推进政务服务事项上网运行,提升网办深度。",
    "实行告知承诺制办理或提前3天向城市管理部门备案。",
    "在各项贷款中的比重较去年年底有所提高",
    "全省信息技术产业营收年均增长10%以上，2024年、2025年分别突破2.2万亿元、2.4万亿元",
    "针对首年关税为零的2034种、5年内关税减让显著的2725种出口商品",
    "2022年4月14日",
    "对2020年小微企业金融服务情况开展监管评价。",
    "跟踪调度 2019 年以来省招商活动平台签约的 18 个利用外资项目",
    "2021年前三季度全市生产总值增长",
    # How long an offer lasts, not a time limit: months or days right after 最长/最多.
    "新引进的人才可按规定享受最长60个月的安居补贴",
    "为入驻社区的创业者提供最长30天免费办公、住宿",
]


@pytest.mark.parametrize("text", NOT_DEADLINES, ids=[t[:16] for t in NOT_DEADLINES])
def test_not_a_deadline(text: str) -> None:
    assert find_deadlines(text, 2021) == []
    assert find_unresolved(text) == []


@pytest.mark.parametrize("text", [
    "在2023年全面完成一期工程的基础上",
    "巩固2022年完成的改革成果，较2020年完成值提高10%",
    "贯彻自2021年起施行的《数据安全法》",
    "对2019年起已投产的企业给予支持",
    "2025年完成的项目纳入考核",
])
def test_years_in_the_past_or_as_modifiers_are_no_deadlines(text: str) -> None:
    assert find_deadlines(text, 2024) == []


def test_a_year_that_describes_what_is_done_does_not_carry() -> None:
    found = find_deadlines("巩固2023年底前建成的试点成果，6月底前总结推广经验", 2024)
    assert [(d.raw, str(d.date)) for d in found] == [
        ("2023年底前", "2023-12-31"), ("6月底前", "2024-06-30")]
    found = find_deadlines("力争到2026年实现全覆盖，年底前完成100家企业改造", 2024)
    assert [str(d.date) for d in found] == ["2026-12-31", "2024-12-31"]


# --- whole measures of the seed ---------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _measure(seed: str, start: str) -> str:
    """The seed line that starts with ``start`` (measures are one line between page breaks)."""
    lines = [line for line in seed.splitlines() if line.startswith(start)]
    assert len(lines) == 1, start
    return lines[0]


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # 获得电力 #8: the only deadline is 7月底前; "4个小时以内" is a target.
        ("8. 提升不停电作业能力", [("7月底前", "by", D(2021, 7, 31))]),
        # 获得电力 #7
        ("7. 建设“预安排零停电”示范区", [("7月底后", "after", D(2021, 7, 31))]),
        # 跨境贸易 #10: "9小时内", "1.7小时内" are targets.
        ("10. 建立通关时效会商机制", [("每月20日前", "recurring", None), ("12月底前", "by", D(2021, 12, 31))]),
        # 获得电力 #1: "提前3天…备案" is a rule, "3个月内" a time limit.
        ("1. **简化低压工程行政审批。**", [("6月底前", "by", D(2021, 6, 30)), ("3个月内", "relative", None)]),
        # 利用外资 #4
        ("4. 及时协调解决外资企业", [
            ("三天内", "relative", None),
            ("15 个工作日内", "relative", None),
            ("30 个工作日", "relative", None),
        ]),
        # 政务服务 #3: 持续推进 is the verb here, not an ongoing note.
        ("3. **提升“一网通办”水平。**", [("9月底前", "by", D(2021, 9, 30))]),
        # 开办企业 #1: "最长4个小时", "2个小时内即可办结" are service targets.
        ("1. 推行“1545”企业开办模式", []),
    ],
)  # fmt: skip
def test_seed_measure(seed: str, start: str, expected: list[tuple[object, ...]]) -> None:
    found = find_deadlines(_measure(seed, start), 2021)
    assert [(d.raw, d.kind, d.date) for d in found] == expected


def test_seed_whole_text(seed: str) -> None:
    found = find_deadlines(seed, 2021)
    assert len(found) > 130
    assert {d.kind for d in found} <= {"by", "after", "recurring", "relative", "period"}
    starts = [d.span[0] for d in found if d.span]
    assert starts == sorted(starts)
    for d in found:
        assert d.span is not None and seed[d.span[0] : d.span[1]] == d.raw
        assert d.kind not in ("by", "after", "period") or d.date is not None, d.raw
    # the one phrase the seed leaves unresolved
    assert [raw for _, _, raw in find_unresolved(seed)] == ["在省规定时间内"]


# --- find_unresolved ----------------------------------------------------------------------


def test_unresolved_reports_time_limits_without_a_date() -> None:
    text = "在省规定时间内,除个别特殊、复杂事项外,基本实现企业办税缴费事项网上办理。"
    assert find_unresolved(text) == [(0, 7, "在省规定时间内")]
    assert find_unresolved("月底前完成数据归集") == [(0, 2, "月底")]
    assert find_unresolved("9月底前完成数据归集") == []
    assert DEADLINE_LIKE.search("按规定时限办结") is not None


# --- infer_year -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # a single year in a title beats the issue date: a 2023 plan issued in December 2022
        ("关于印发《某市2023年优化营商环境工作要点》的通知\n2022年12月20日\n一、…", 2023),
        ("包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知\n包府办发〔2022〕43号", 2022),
        ("省有关单位：\n《实施意见》现印发给你们。\n\u3000\u30002022年3月23日\n", 2022),
        ("二〇二二年三月二十三日", 2022),
        # a range: its first year, unless an issue date says otherwise
        ("\n新一代信息技术产业行动计划（2024-2025年）\n\n一、总体目标\n", 2024),
        ("关于印发《行动方案（2026—2028年）》的通知\n2026年3月12日\n", 2026),
        # else the years deadline phrases name; 《…》, 〔…〕 and passing years do not count
        ("力争2021年底整体普惠型小微企业贷款…。对2020年小微企业金融服务情况开展监管评价。", 2021),
        # with no deadline year at all, the year named most often; 〔2020〕 still does not count
        ("落实《泰安市 2021 - 2022 年知识产权保护推进计划》(财库〔2020〕46号)。", 2021),
        ("财库〔2020〕46号。", None),
        ("9月底前,完成政府采购信用管理办法。", None),
        ("", None),
    ],
)  # fmt: skip
def test_infer_year(text: str, year: int | None) -> None:
    assert infer_year(text) == year


def test_infer_year_seed(seed: str) -> None:
    assert infer_year(seed) == 2021


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("anhui_2022_rcep_shishi.txt", 2022),
        ("baotou_2022_shuzizhengfu_kaoping.txt", 2022),
        ("guangdong_2026_aiopc_xingdongfangan.txt", 2026),
        ("shandong_2024_xinyidai_xinxijishu_xingdongjihua.txt", 2024),
    ],
)
def test_infer_year_realdocs(name: str, year: int) -> None:
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    assert infer_year(path.read_text(encoding="utf-8")) == year


def test_baotou_notes() -> None:
    """Every 持续推进/按进度推进 in 包头's notes is ongoing; every "X月底完成" is a date."""
    path = REALDOCS / "baotou_2022_shuzizhengfu_kaoping.txt"
    if not path.exists():
        pytest.skip(f"{path} not available")
    text = path.read_text(encoding="utf-8")
    found = find_deadlines(text, 2022)
    ongoing = [d for d in found if d.kind == "ongoing"]
    notes = text.count("（持续推进，") + text.count("并持续推进，") + text.count("（按进度推进，")
    assert len(ongoing) == notes > 40
    ends = [d.span[1] for d in found if d.kind == "by" and d.span]
    assert text.count("月底完成，") == sum(text.startswith("完成，", end) for end in ends)


def test_year_falls_back_to_the_year_the_text_names_most() -> None:

    seed = (Path(__file__).resolve().parent.parent / "corpus" / "000_675e6135523c2031.txt").read_text(
        encoding="utf-8"
    )
    # Without "2021年底" no deadline phrase names a year; titles and events still say 2021,
    # and document numbers such as 〔2020〕46号 do not count.
    assert infer_year(seed.replace("2021年底", "年底")) == 2021
