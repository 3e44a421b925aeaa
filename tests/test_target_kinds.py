"""Targets: goals apart from limits (issue 12, point 6), on real phrases of the seed and
phrases written in the same style."""

from __future__ import annotations

import pytest
from seedfiles import seed_measures

from reformctl.parse.targets import find_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Limits: who or what a measure covers.
        ("6月底前,报装容量不大于160千瓦、管线长度不大于200米、符合条件的“三零”服务的企业低压"
         "电力接入工程免于办理行政许可。",
         [("不大于160千瓦", "limit"), ("不大于200米", "limit")]),
        ("逐步推动大幅压减35千伏及以上电力接入工程的审批时限。", [("35千伏及以上", "limit")]),
        ("符合承诺备案制条件、短距离(不大于200米)的高压电力接入工程(电力设备安装),即可开工。",
         [("不大于200米", "limit")]),
        ("对全市范围160千瓦及以下小微企业用电报装,采取低压方式接入电网。",
         [("160千瓦及以下", "limit")]),
        ("对采购限额标准以上,200万元以下的货物和服务项目、400万元以下的工程采购项目,专门面向中小"
         "企业采购。",
         [("200万元以下", "limit"), ("400万元以下", "limit")]),
        ("对年度实际使用外资额高于500万美元(含500万美元)的制造业投资项目,按其实际使用外资额的1.2%"
         "予以奖励,最高奖励500万元。",
         [("高于500万美元(含500万美元)", "limit"), ("1.2%", "goal"), ("最高奖励500万元", "goal")]),
        ("建立覆盖全市的市场主体及年满18周岁自然人的诚信帐户、诚信档案。",
         [("年满18周岁", "limit")]),
        ("对年营业收入超过1亿元的企业给予一次性奖励。", [("超过1亿元", "limit")]),
        # Goals: what a measure is to reach.
        # Two mergers: two goals, though worded alike.
        ("6月底前,将低风险项目开工前行政审批、市政服务等事项合并为1个政务服务事项,将竣工后的"
         "验收、备案、不动产登记、市政接入等合并为1个政务服务事项,明确操作规程。",
         [("合并为1个", "goal"), ("合并为1个", "goal")]),
        ("对低风险项目只需由牵头部门组织开展1次联合监督检查。", [("1次", "goal")]),
        ("16种原产地证书由原来的人工审核升级为智能审核。", [("16种", "goal")]),
        ("实现城镇新增就业3.4万人,城镇登记失业率控制在4.5%以内。",
         [("3.4万人", "goal"), ("控制在4.5%以内", "goal")]),
        ("建设100个以上的示范项目。", [("100个以上", "goal")]),
        ("预留该部分采购项目预算总额的40%以上专门面向中小企业采购。", [("40%以上", "goal")]),
        ("要给予小微企业报价6% - 10% (工程项目为3% - 5%)的价格扣除方式支持小微企业发展。",
         [("6% - 10%", "goal"), ("为3% - 5%", "goal")]),
    ],
)
def test_goal_or_limit(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.raw, t.kind) for t in find_targets(text)] == expected


def test_seed_1_1_counts_each_goal_once() -> None:
    text = next(m for m in seed_measures() if m["id"] == "1.1")["text"]
    found = [(t.raw, t.value, t.unit, t.kind) for t in find_targets(text)]
    assert found == [
        ("只经1个", 1, "个", "goal"),
        ("5种", 5, "种", "goal"),
        ("最长4个小时", 4, "小时", "goal"),  # once: the body says it again
        ("5项", 5, "项", "goal"),  # once: the body says it again
        ("合并为1个", 1, "个", "goal"),
        ("2个小时内", 2, "小时", "goal"),
    ]
    assert [t.subject for t in find_targets(text)][:4] == ["企业开办全流程", "方式",
                                                         "企业开办全流程", "服务"]


def test_the_schema_requires_a_kind() -> None:
    from reformctl.model import Target, target_to_dict
    from reformctl.schema import schema_issues

    target = target_to_dict(Target("3.4万人", "城镇新增就业", "=", 34000, "人"))
    assert target["kind"] == "goal"
    doc = {
        "document": {"title": "t", "source": "", "sha256": "", "year": 2021,
                     "parser_version": "x"},
        "plans": [{"index": 1, "title": "p", "lines": [1, 1], "leaders": [], "coordinators": [],
                   "measures": [{"id": "1.1", "key": "k", "number": 1, "title": "t", "text": "t",
                                 "lines": [1, 1], "lead": [], "responsible": [], "owners": [],
                                 "deadlines": [], "targets": [target], "items": []}]}],
    }
    assert not schema_issues(doc, "document")
    target["kind"] = "rule"
    assert schema_issues(doc, "document")
    del target["kind"]
    assert schema_issues(doc, "document")
