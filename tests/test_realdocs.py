"""Real plans from other places, read from ../shared/realdocs (third-party text, not copied).

Each shows a layout the seed does not have; these tests pin the measures and owners found.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reformctl.model import Document
from reformctl.parse import parse_file

REALDOCS = Path(__file__).resolve().parent.parent.parent / "shared" / "realdocs"


def load(name: str) -> Document:
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return parse_file(path)


def get(doc: Document, measure_id: str):  # type: ignore[no-untyped-def]
    m = doc.measure(measure_id)
    assert m is not None, measure_id
    return m


def numbers(doc: Document) -> list[int]:
    return [m.number for _, m in doc.walk()]


def test_baotou_tasks_numbered_through_groups_with_combined_notes() -> None:
    doc = load("baotou_2022_shuzizhengfu_kaoping.txt")
    assert doc.document.title == "包头市2022年数字政府建设考评办法"
    assert doc.document.year == 2022
    assert numbers(doc) == list(range(1, 91))
    assert len(doc.plans) == 27
    assert doc.plans[0].title == "一体化政务服务平台建设"  # score mark (3分) dropped
    assert doc.plans[0].section == '政务服务"一网通办"'
    # 包头's names as 包头 prints them: the shipped registry (泰安's) does not apply.
    assert doc.document.issuer is not None and doc.document.issuer.name == "包头市"
    first = get(doc, "1.1")
    assert first.lead == ("市审批服务局",)
    assert first.deadlines[0].date == date(2022, 5, 31)
    assert get(doc, "2.3").lead == ("市政府办公室", "市公安局")
    assert get(doc, "26.87").lead == ("市财政局", "市发改委", "市政府金融办")
    assert not any(g.canonical for _, m in doc.walk() for g in m.owners
                   if "审批服务局" not in g.raw)  # only 审批服务局 after 市住建局 (4.8)
    assert all(m.owners for _, m in doc.walk())
    # The preamble's "（一）考评以日常监测…" paragraphs are not measures.
    assert not any("考评" in m.title for _, m in doc.walk())


def test_guangdong_role_after_names_and_dropped_province_prefix() -> None:
    doc = load("guangdong_2026_aiopc_xingdongfangan.txt")
    assert doc.document.year == 2026
    assert numbers(doc) == list(range(1, 19))
    assert [p.title for p in doc.plans][:2] == ["加强基础能力保障", "完善空间载体配套"]
    power = get(doc, "1.1")
    assert power.title == "强化智能算力供给"
    assert power.lead == ("省发展改革委",)
    # As printed; the 省 written once before the list is the note's canonical reading.
    assert power.responsible == ("省工业和信息化厅", "财政厅", "政务和数据局", "各地级以上市人民政府")
    assert [power.canonical_name(n) for n in power.responsible] == [
        "省工业和信息化厅", "省财政厅", "省政务和数据局", "各地级以上市人民政府"]
    third = get(doc, "1.3")
    assert [third.canonical_name(n) for n in third.lead] == [
        "省发展改革委", "省科技厅", "省工业和信息化厅", "省财政厅"]


def test_shandong_measures_through_groups_and_measures_as_groups() -> None:
    doc = load("shandong_2024_xinyidai_xinxijishu_xingdongjihua.txt")
    assert doc.document.year == 2024
    measures = [m for _, m in doc.walk()]
    assert len(measures) == 25
    assert numbers(doc)[:21] == list(range(1, 22))
    assert get(doc, "1.1").lead == ("省工业和信息化厅",)
    last_plan = doc.plans[-1]
    assert last_plan.title == "推进措施"
    assert [m.title for m in last_plan.measures] == ["强化组织领导", "加大财税扶持", "加强宣传引导", "健全监测评估"]
    assert get(doc, f"{last_plan.index}.4").responsible == ("省统计局",)


def test_anhui_several_notes_per_measure() -> None:
    doc = load("anhui_2022_rcep_shishi.txt")
    assert doc.document.title.startswith("安徽省关于加快对接")
    assert numbers(doc) == list(range(1, 25))
    first = get(doc, "1.1")
    assert len(first.owners) == 3
    assert first.owners[0].lead == ("合肥海关",)
    assert first.owners[1].lead == ("省商务厅",) and first.owners[1].responsible == ("合肥海关",)
    assert first.owners[2].responsible == ("省农业农村厅",)


@pytest.mark.parametrize(
    "name",
    [
        "anhui_2022_rcep_shishi.txt",
        "baotou_2022_shuzizhengfu_kaoping.txt",
        "guangdong_2026_aiopc_xingdongfangan.txt",
        "shandong_2024_xinyidai_xinxijishu_xingdongjihua.txt",
    ],
)
def test_every_measure_has_an_owner_and_lines(name: str) -> None:
    doc = load(name)
    for _, m in doc.walk():
        assert m.lead or m.responsible, m.id
        assert m.lines[0] > 0 and m.title
