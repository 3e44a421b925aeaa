"""find_targets over real phrases: the seed (泰安, 2021) and, read in place, other plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reformctl.model import Target
from reformctl.parse.targets import find_targets

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


def _summary(targets: list[Target]) -> list[tuple[str, object, str, bool]]:
    return [(t.op, t.value, t.unit, t.change) for t in targets]


# Phrase from the seed → (op, value, unit, change) of every target, in text order.
SEED_TARGETS = [
    (
        "全年“提前申报率”达到90%，“两步申报率”达到35%。",
        [(">=", 90, "%", False), (">=", 35, "%", False)],
    ),
    (
        "9月底前,实现城镇新增就业3.4万人,城镇登记失业率控制在4.5%以内。",
        [("=", 34_000, "人", False), ("<=", 4.5, "%", False)],
    ),
    (
        "7月底前,城市和县域配网不停电作业化率达到92%、86%,"
        "泰安城网地区用户年均停电时间压减至4个小时以内。",
        [(">=", 92, "%", False), (">=", 86, "%", False), ("<=", 4, "小时", False)],
    ),
    (
        "推动大型商业银行实现普惠型小微企业贷款较年初增速达30%以上。",
        [(">=", 30, "%", True)],
    ),
    (
        "城市商业银行、农村商业银行力争2021年底整体普惠型小微企业贷款在各项贷款中的比重"
        "较去年年底提升2个百分点。",
        [("=", 2, "个百分点", True)],
    ),
    (
        "9月底前,实现依申请政务服务事项可网办率达到95%以上,可全程网办率达到80%以上。",
        [(">=", 95, "%", False), (">=", 80, "%", False)],
    ),
    ("推动为民服务提质增效,确保全年总体“好评率”100%。", [("=", 100, "%", False)]),
    (
        "12月底前,将进口整体通关时间控制在9小时内,出口整体通关时间控制在1.7小时内,"
        "达到全省领先水平。",
        [("<=", 9, "小时", False), ("<=", 1.7, "小时", False)],
    ),
    ("12月底前,入库科技型中小企业达到450家。", [(">=", 450, "家", False)]),
    (
        "12月底前,启动建设3家市级创新创业共同体;推进10家左右市级以上新型研发机构建设。",
        [("=", 3, "家", False), ("~", 10, "家", False)],
    ),
    ("8月底前,筛选申报省科技资金股权投资项目3项左右。", [("~", 3, "项", False)]),
    ("实现知识产权(专利)质押金额较上一年增长20%。", [("=", 20, "%", True)]),
    (
        "对采购限额标准以上,200万元以下的货物和服务项目、400万元以下的工程采购项目,"
        "采购人应当预留该部分采购项目预算总额的40%以上专门面向中小企业采购。",
        [("<=", 2_000_000, "元", False), ("<=", 4_000_000, "元", False), (">=", 40, "%", False)],
    ),
    (
        "要给予小微企业报价6% - 10% (工程项目为3% - 5%)的价格扣除方式支持小微企业发展",
        [("range", (6, 10), "%", False), ("range", (3, 5), "%", False)],
    ),
    (
        "对年度实际使用外资额高于500万美元(含500万美元)的制造业投资项目,"
        "按其实际使用外资额的1.2%予以奖励,最高奖励500万元。",
        [(">=", 5_000_000, "美元", False), ("=", 1.2, "%", False), ("<=", 5_000_000, "元", False)],
    ),
    ("持续推进政务服务中心综合窗口设置,综合窗口比例达到80%以上。", [(">=", 80, "%", False)]),
    (
        "9月底前,实现身份证、营业执照、结婚证、驾驶证、不动产权证等34类高频电子证照在全市推广应用",
        [("=", 34, "类", False)],
    ),
    ("完成国家部署的第二批74项“跨省通办”事项落地", [("=", 74, "项", False)]),
    (
        "围绕企业和个人全生命周期,各推出100件高频事项集成办、极简办、全域办。",
        [("=", 100, "件", False)],
    ),
    (
        "企业开办全流程只经1个环节,自选5种方式,最长4个小时,获享5项服务。",
        [("=", 1, "个", False), ("=", 5, "种", False), ("<=", 4, "小时", False),
         ("=", 5, "项", False)],
    ),
    (
        "实现企业开办最长4个小时办结常态化,一般性企业开办2个小时内即可办结。",
        [("<=", 4, "小时", False), ("<=", 2, "小时", False)],
    ),
    ("对纳入工程审批系统“一张表单”的,接入环节不超过1个,不再单独提供材料", [("<=", 1, "个", False)]),
    # Scope thresholds with a comparator are kept (see the module docstring).
    (
        "6月底前,报装容量不大于160千瓦、管线长度不大于200米、符合条件的企业低压电力接入工程",
        [("<=", 160, "千瓦", False), ("<=", 200, "米", False)],
    ),
    ("逐步推动大幅压减35千伏及以上电力接入工程的审批时限。", [(">=", 35, "千伏", False)]),
    ("鼓励各县(市、区)、功能区对建成区1250千伏安及以下的高压用户", [("<=", 1250, "千伏安", False)]),
]


@pytest.mark.parametrize(("phrase", "expected"), SEED_TARGETS)
def test_seed_targets(phrase: str, expected: list[tuple[str, object, str, bool]]) -> None:
    assert _summary(find_targets(phrase)) == expected


@pytest.mark.parametrize(
    ("phrase", "subjects"),
    [
        ("全年“提前申报率”达到90%，“两步申报率”达到35%。", ["提前申报率", "两步申报率"]),
        (
            "9月底前,实现城镇新增就业3.4万人,城镇登记失业率控制在4.5%以内。",
            ["城镇新增就业", "城镇登记失业率"],
        ),
        (
            "12月底前,将进口整体通关时间控制在9小时内,出口整体通关时间控制在1.7小时内",
            ["进口整体通关时间", "出口整体通关时间"],
        ),
        ("推动大型商业银行实现普惠型小微企业贷款较年初增速达30%以上。", ["普惠型小微企业贷款增速"]),
        (
            "力争2021年底整体普惠型小微企业贷款在各项贷款中的比重较去年年底提升2个百分点。",
            ["普惠型小微企业贷款比重"],
        ),
        ("启动建设3家市级创新创业共同体", ["市级创新创业共同体"]),
        ("实现知识产权(专利)质押金额较上一年增长20%。", ["知识产权质押金额"]),
        (
            "200万元以下的货物和服务项目、400万元以下的工程采购项目",
            ["货物和服务项目", "工程采购项目"],
        ),
        ("对年度实际使用外资额高于500万美元(含500万美元)的制造业投资项目", ["年度实际使用外资额"]),
        ("综合窗口比例达到80%以上", ["综合窗口比例"]),
        ("实现身份证、营业执照等34类高频电子证照在全市推广应用", ["高频电子证照"]),
        ("新建5G基站2000个", ["5G基站"]),
        ("2024年新开工改造老旧小区120个", ["改造老旧小区"]),
        ("综合窗口覆盖率提高到95%", ["综合窗口覆盖率"]),
        ("贷款余额增长到500亿元", ["贷款余额"]),
        ("建成区面积5平方公里", ["建成区面积"]),
        ("数字经济核心产业增加值占GDP比重达到10%", ["数字经济核心产业增加值占GDP比重"]),
        ("规模以上工业企业数字化改造覆盖率达到80%", ["规模以上工业企业数字化改造覆盖率"]),
        ("更新改造老旧电梯500部", ["老旧电梯"]),
    ],
)
def test_subjects(phrase: str, subjects: list[str]) -> None:
    assert [t.subject for t in find_targets(phrase)] == subjects


def test_subject_of_a_list_is_shared() -> None:
    targets = find_targets("城市和县域配网不停电作业化率达到92%、86%")
    assert [t.subject.endswith("不停电作业化率") for t in targets] == [True, True]


@pytest.mark.parametrize(
    "phrase",
    [
        # Deadlines and time limits belong to the deadline extractor.
        "9月底前,申请人扫描证件二维码",
        "9 月底前,开展差异化事中事后监管",
        "每月20日前,市打私办和泰安海关共同研究上月通关时效情况",
        "责任部门三天内予以回复,原则上 15 个工作日内予以解决,难度较大或需多部门协调的事项"
        "最长不超过 30 个工作日",
        "自受理之日起7日内作出工伤认定决定",
        "建设单位承诺在3个月内按要求提交城建档案验收材料",
        "实行告知承诺制办理或提前3天向城市管理部门备案",
        "来泰工作时间6个月以上的海外学术机构院士",
        # Years, document numbers, titles, quotes, hotlines, ordinals, ages.
        "城市商业银行、农村商业银行力争2021年底整体",
        "对2020年小微企业金融服务情况开展监管评价",
        "《政府采购促进中小企业发展管理办法》(财库〔2020〕46号)",
        "《全省推广“交房(地)即办证”服务模式工作方案》(鲁自然资字[2020]94号)",
        "出台《泰安市 2021 - 2022 年知识产权保护推进计划》",
        "《鼓励外商投资产业目录(2020年版)》",
        "推行“1545”企业开办模式。",
        "积极组织参加“山东与世界500强连线”RCEP山东机遇专场活动",
        "开展12366并线、网络直播、在线答疑等工作",
        "1. 推行电子印章与电子营业执照同步发放。",
        "(1)8月底前,完成省定化工园区有毒有害气体的预警体系建设",
        # Counts that describe rather than set a goal (合并为/开展N次/升级为, 自选/获享 counts
        # are goals since issue 12: tests/test_target_kinds.py).
        "跟踪调度 2019 年以来省招商活动平台签约的 18 个利用外资项目和市活动平台签约的 15 个"
        "利用外资项目进展",
        "线下只需到一个窗口,线上只需登录一次平台",
        "省级及以上园区和纳入省级新旧动能转换项目库的10千伏企业用户",
        # Not numbers of a goal at all.
        "保障“7×24小时”全天候服务模式",
        "7×24小时全天候服务",
        "半年考评分值=日常监测（60%）+实地调研（20%）",
        "打造“三心两区”,实施十大工程,第三十五届",
        "",
    ],
)
def test_not_targets(phrase: str) -> None:
    assert find_targets(phrase) == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # Full-width digits and ％, spaces between digits and Chinese.
        ("确保全年总体“好评率”１００％", [("=", 100, "%", False)]),
        ("实现城镇新增就业 3.4 万人", [("=", 34_000, "人", False)]),
        ("整体通关时间控制在 9 小时内", [("<=", 9, "小时", False)]),
        ("只经１个环节", [("=", 1, "个", False)]),
        ("给予小微企业报价6%-10%", [("range", (6, 10), "%", False)]),
        ("给予小微企业报价6%至10%", [("range", (6, 10), "%", False)]),
        ("给予小微企业报价３％－５％", [("range", (3, 5), "%", False)]),
        ("入库企业达到1,000家", [(">=", 1000, "家", False)]),
        # Chinese numerals after a goal verb; 不低于 and 不超过 are not 低于 and 超过.
        ("比重提高两个百分点", [("=", 2, "个百分点", True)]),
        ("培育企业不少于三家", [(">=", 3, "家", False)]),
        ("检查事项覆盖率不低于90%", [(">=", 90, "%", False)]),
        ("每年支持引育高端人才不少于30名", [(">=", 30, "名", False)]),
        ("单次检查不超过2小时", [("<=", 2, "小时", False)]),
        # A change versus a level.
        ("能耗压减50%", [("=", 50, "%", True)]),
        ("办理时限压缩至3个工作日", [("<=", 3, "工作日", False)]),
        ("总量约3万人", [("~", 30_000, "人", False)]),
        # A bare number before a shared 万亿 unit.
        ("分别突破2.2、2.4万亿元", [(">=", 2.2e12, "元", False), (">=", 2.4e12, "元", False)]),
        # Counts after 新建/引进/培训/新开工, area and weight units; 提高到 names a level.
        ("新建5G基站2000个", [("=", 2000, "个", False)]),
        ("引进高层次人才100名", [("=", 100, "名", False)]),
        ("培训农民3万人次", [("=", 30_000, "人次", False)]),
        ("新建高标准农田3万亩", [("=", 30_000, "亩", False)]),
        ("粮食产量达到2.1亿斤", [(">=", 2.1e8, "斤", False)]),
        ("建成区面积5平方公里", [("=", 5, "平方公里", False)]),
        ("综合窗口覆盖率提高到95%", [("=", 95, "%", False)]),
        ("办理时间压缩到3个工作日", [("<=", 3, "工作日", False)]),
        # Computing and storage units; counts after 汇聚/部署/安排.
        ("新建智能算力500PFlops", [("=", 500, "PFlops", False)]),
        ("新增存储容量5PB", [("=", 5, "PB", False)]),
        ("汇聚数据10亿条", [("=", 1e9, "条", False)]),
        ("部署物联感知设备1万个", [("=", 10_000, "个", False)]),
        ("安排资金10亿元", [("=", 1e9, "元", False)]),
        ("新建专业救援队伍5支", [("=", 5, "支", False)]),
        ("新增新能源公交车300辆", [("=", 300, "辆", False)]),
        ("产能达到45GWh", [(">=", 45, "GWh", False)]),
        # A 考核办法's scoring rule is no goal of the plan; "5部门" is no count of 部.
        ("评分标准：达到90%以上的得10分，每低1个百分点扣1分", []),
        ("联合5部门开展检查", []),
        ("港口集装箱吞吐量达到400万标箱", [(">=", 4e6, "标箱", False)]),
        ("建设口袋公园不少于1处", [(">=", 1, "处", False)]),
        ("通关时间较2022年压缩10%", [("=", 10, "%", True)]),
        ("企业开办时间稳定在1个工作日以内", [("<=", 1, "工作日", False)]),
        ("举办招聘会50场以上", [(">=", 50, "场", False)]),
        ("压缩企业开办时间至1个工作日以内", [("<=", 1, "工作日", False)]),
        ("每季度至少召开1次", [(">=", 1, "次", False)]),
        # A service time held to a level is a target; the comparator before "…的N%" holds.
        ("平均用时不超过5个工作日", [("<=", 5, "工作日", False)]),
        ("高压单电源用户不超过25个工作日", [("<=", 25, "工作日", False)]),
        ("简易注销公告时间由20天压缩为10天", [("<=", 10, "天", False)]),
        ("全年发放数量突破3万枚", [(">=", 30_000, "枚", False)]),
        ("难度较大的事项最长不超过30个工作日", []),  # a limit on a task: a relative deadline
        ("申请人应在不超过5个工作日内补正", []),
        ("整改时间不超过15个工作日", []),
        ("办理时间在2个工作日以内", [("<=", 2, "工作日", False)]),
        ("保证金缴纳比例不超过招标项目估算价的2%", [("<=", 2, "%", False)]),
        # A count in 万/亿 with no unit word, when a comparator says it is a goal.
        ("注册用户突破1亿", [(">=", 1e8, "", False)]),
        ("日活跃用户数达到300万以上", [(">=", 3e6, "", False)]),
        ("总投资3.5亿", []),
    ],
)
def test_variants(phrase: str, expected: list[tuple[str, object, str, bool]]) -> None:
    assert _summary(find_targets(phrase)) == expected


def test_raw_and_span_point_into_the_text() -> None:
    text = (
        "12月底前,将进口整体通关时间控制在9小时内,出口整体通关时间控制在 1.7 小时内。"
        "对年度实际使用外资额高于500万美元(含500万美元)的制造业投资项目,给予报价6% - 10%。"
    )
    targets = find_targets(text)
    assert [t.raw for t in targets] == [
        "控制在9小时内",
        "控制在 1.7 小时内",
        "高于500万美元(含500万美元)",
        "6% - 10%",
    ]
    for t in targets:
        assert t.span is not None
        assert text[t.span[0] : t.span[1]] == t.raw
        assert t.line is None
    assert [t.span for t in targets] == sorted(t.span for t in targets if t.span)


def test_full_width_keeps_offsets() -> None:
    text = "“提前申报率”达到９０％，“两步申报率”达到３５％"
    assert [(t.raw, t.value) for t in find_targets(text)] == [
        ("达到９０％", 90),
        ("达到３５％", 35),
    ]


def test_units_are_normalized() -> None:
    [t] = find_targets("用户年均停电时间压减至4个小时以内")
    assert (t.op, t.value, t.unit, t.change) == ("<=", 4, "小时", False)
    assert t.raw == "压减至4个小时以内"


def _sentence_with(path: Path, marker: str) -> str:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    text = path.read_text(encoding="utf-8")
    at = text.index(marker)
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    return text[start : text.index("。", at) + 1]


def test_shandong_growth_and_year_targets() -> None:
    sentence = _sentence_with(
        REALDOCS / "shandong_2024_xinyidai_xinxijishu_xingdongjihua.txt", "分别突破"
    )
    targets = find_targets(sentence)
    assert _summary(targets) == [
        (">=", 10, "%", True),
        (">=", 2.2e12, "元", False),
        (">=", 2.4e12, "元", False),
    ]
    assert targets[0].subject.endswith("营收")
    assert targets[1].subject == targets[0].subject  # 2024年、2025年 are not subjects


def test_anhui_shares() -> None:
    sentence = _sentence_with(REALDOCS / "anhui_2022_rcep_shishi.txt", "分别占比达")
    assert _summary(find_targets(sentence)) == [
        (">=", 30, "%", False),
        (">=", 20, "%", False),
        (">=", 10, "%", False),
    ]
