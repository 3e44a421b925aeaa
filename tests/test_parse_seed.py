"""End to end over the whole seed document: counts, and a dozen measures checked in full."""

from __future__ import annotations

from datetime import date

import pytest
from seedfiles import SEED

from reformctl.model import Document, Measure, document_from_dict, document_to_dict
from reformctl.parse import parse_file

PLAN_TITLES = [
    "开办企业", "工程建设项目审批制度改革", "获得电力", "登记财产", "纳税", "跨境贸易",
    "优化金融服务", "保护中小投资者", "劳动力市场监管", "政府采购", "招标投标", "政务服务",
    "知识产权创造、保护和运用", "市场监管", "提升创新创业活跃度", "提升人才流动便利度",
    "优化外商投资服务",
]
MEASURES_PER_PLAN = [8, 24, 8, 12, 10, 12, 8, 5, 9, 7, 12, 15, 14, 13, 8, 9, 7]


@pytest.fixture(scope="module")
def seed() -> Document:
    return parse_file(SEED)


def measure(doc: Document, measure_id: str) -> Measure:
    found = doc.measure(measure_id)
    assert found is not None, measure_id
    return found


def by_dates(m: Measure) -> list[date]:
    return [d.date for d in m.deadlines if d.kind == "by" and d.date is not None]


def test_document_header(seed: Document) -> None:
    assert seed.document.title == "泰安市优化营商环境创新突破行动配套措施"
    assert seed.document.year == 2021
    assert len(seed.document.sha256) == 64


def test_plans_and_measure_counts(seed: Document) -> None:
    assert [p.title for p in seed.plans] == PLAN_TITLES
    assert [len(p.measures) for p in seed.plans] == MEASURES_PER_PLAN
    assert sum(MEASURES_PER_PLAN) == 181
    ids = [m.id for _, m in seed.walk()]
    assert len(ids) == len(set(ids)) == 186  # 181 measures + 5 sub-items of 14.10


def test_plan_headers(seed: Document) -> None:
    first, property_plan, ip = seed.plans[0], seed.plans[3], seed.plans[12]
    assert first.leaders == ("宋洪银",) and first.coordinators == ("市行政审批服务局",)
    assert property_plan.leaders == ("赵德健",)
    assert property_plan.coordinators == ("市自然资源和规划局",)
    assert ip.leaders == ("张颖",) and ip.coordinators == ("市市场监管局",)
    assert seed.plans[5].coordinators == ("市打私办",)


def test_power_8_only_responsible(seed: Document) -> None:
    m = measure(seed, "3.8")
    assert m.title == "提升不停电作业能力"
    assert m.lead == ()
    assert m.responsible == ("国网泰安供电公司",)
    assert by_dates(m) == [date(2021, 7, 31)]
    values = [(t.value, t.unit) for t in m.targets]
    assert values == [(92, "%"), (86, "%"), (4, "小时")]


def test_market_10_has_five_subitems_each_with_lead(seed: Document) -> None:
    m = measure(seed, "14.10")
    assert m.title == "探索推行非现场监管"
    assert [i.id for i in m.items] == [f"14.10.{n}" for n in range(1, 6)]
    leads = [i.lead for i in m.items]
    assert leads == [("市生态环境局",), ("市交通运输局",), ("市农业农村局",),
                     ("市文化和旅游局",), ("市市场监管局",)]
    # No note of its own: the measure is owned by its sub-items' notes, copied and marked.
    assert m.lead == tuple(lead for (lead,) in leads)
    assert [(g.inherited, g.from_item, g.raw) for g in m.owners] == [
        (True, i.id, i.owners[0].raw) for i in m.items]
    assert by_dates(m.items[0]) == [date(2021, 8, 31), date(2021, 9, 30)]


def test_page_break_split_department_is_joined(seed: Document) -> None:
    m = measure(seed, "2.2")
    assert "市公安交警支队" in m.responsible
    assert m.lines == (35, 37)
    assert "市公安交警支" + "队" in m.text and "\n" not in m.text


def test_repeated_fragment_at_page_break(seed: Document) -> None:
    m = measure(seed, "6.11")
    assert m.responsible == ("市发展改革委", "市交通运输局")
    assert any(w.code == "page-break-repeat" and w.line == 217 for w in seed.warnings)
    assert measure(seed, "6.12").title == "持续推动多式联运高质量发展"


def test_two_owner_notes_in_one_measure(seed: Document) -> None:
    m = measure(seed, "7.2")
    assert [g.lead for g in m.owners] == [("市地方金融监管局",), ("泰安银保监分局",)]
    assert m.lead == ("市地方金融监管局", "泰安银保监分局")
    cover_first, cover_second = (g.covers for g in m.owners)
    assert cover_first is not None and cover_second is not None
    assert "选取城市商业银行" in m.text[cover_second[0]:cover_second[1]]


def test_responsibility_unit_synonym_and_collectives(seed: Document) -> None:
    m = measure(seed, "2.14")
    assert m.owners[0].responsible == ("各县市区政府", "功能区管委")
    assert m.lead == ("市自然资源和规划局",)
    assert set(m.responsible) == {"各县市区政府", "功能区管委", "市行政审批服务局"}


def test_county_parenthesis_is_not_an_owner_note(seed: Document) -> None:
    m = measure(seed, "3.3")
    assert len(m.owners) == 1
    assert "县(市、区)" in m.text


def test_trailing_deng_is_dropped_and_recorded(seed: Document) -> None:
    m = measure(seed, "11.1")
    assert m.responsible[-1] == "市能源局"
    assert m.owners[0].etc is True


def test_bold_title_and_ocr_heading(seed: Document) -> None:
    assert measure(seed, "2.1").title == "优化工程建设项目招投标事项办理"
    assert measure(seed, "1.1").title == "推行“1545”企业开办模式"
    assert "**" not in measure(seed, "2.1").text


def test_deadline_kinds(seed: Document) -> None:
    kinds = {(d.raw, d.kind) for _, m in seed.walk() for d in m.deadlines}
    assert ("7月底后", "after") in kinds
    assert ("每月20日前", "recurring") in kinds
    assert ("7日内", "relative") in kinds
    assert measure(seed, "2.1").deadlines[0].date == date(2021, 6, 20)
    assert measure(seed, "2.12").deadlines[0].date == date(2021, 7, 10)


def test_targets_with_multipliers_and_ranges(seed: Document) -> None:
    jobs = measure(seed, "9.1").targets
    assert [(t.value, t.unit, t.op) for t in jobs] == [(34000, "人", jobs[0].op), (4.5, "%", "<=")]
    procurement = measure(seed, "10.4").targets
    assert (2000000, "元", "<=") in [(t.value, t.unit, t.op) for t in procurement]
    assert ((6, 10), "%") in [(t.value, t.unit) for t in procurement if t.op == "range"]
    growth = measure(seed, "13.11").targets
    assert growth[0].change is True and growth[0].value == 20


def test_document_numbers_are_not_targets(seed: Document) -> None:
    raws = [t.raw for t in measure(seed, "10.4").targets]
    assert not any("46" in r for r in raws)


def test_every_item_has_lines_inside_the_source(seed: Document) -> None:
    total = len(SEED.read_text(encoding="utf-8").split("\n"))
    for _, m in seed.walk():
        assert 1 <= m.lines[0] <= m.lines[1] <= total
        for d in m.deadlines:
            assert d.line is not None and m.lines[0] <= d.line <= m.lines[1]
            assert d.span is not None and m.text[d.span[0]:d.span[1]] == d.raw


def test_round_trip_through_dicts(seed: Document) -> None:
    assert document_from_dict(document_to_dict(seed)) == seed


def test_parse_warns_with_lines(seed: Document) -> None:
    assert all(w.line is None or w.line > 0 for w in seed.warnings)
    assert any(w.code == "deadline-unresolved" for w in seed.warnings)
