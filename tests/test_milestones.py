"""Milestone ids (1.4@07-31) and what a milestone requires, on real phrases of the seed."""

from __future__ import annotations

from datetime import date

import pytest
from seedfiles import SEED_YAML

from reformctl.audit.milestones import find_milestone, milestone_id, milestones_of, requires
from reformctl.corpus import load_corpus
from reformctl.errors import UsageError
from reformctl.model import Deadline, Measure, OwnerGroup


def seed(measure_id: str) -> Measure:
    return load_corpus(SEED_YAML).find(measure_id)[0][2]


@pytest.mark.parametrize(
    ("measure_id", "day", "plan_year", "expected"),
    [
        ("1.4", date(2021, 7, 31), 2021, "1.4@07-31"),
        ("14.10.2", date(2021, 9, 30), 2021, "14.10.2@09-30"),
        ("5.2", date(2022, 6, 30), 2021, "5.2@2022-06-30"),  # another year: the year is said
        ("5.2", date(2022, 6, 30), None, "5.2@06-30"),
    ],
)
def test_ids(measure_id: str, day: date, plan_year: int | None, expected: str) -> None:
    assert milestone_id(measure_id, day, plan_year) == expected


@pytest.mark.parametrize(
    ("measure_id", "expected"),
    [
        # 7月底前,实现… 9月底前,实现…: the sentence of each deadline, owner note dropped.
        ("1.4", ["7月底前,实现办理时间和进度可视可查,增加事项单独办理功能,可选择同步或单独办理。",
                 "9月底前,实现新开办企业涉税办理、预约银行开户、职工就业登记等业务单独办理、"
                 "随时可办。"]),
        # A ";" inside brackets does not end the sentence.
        ("3.3", ["6月底前,对全市范围160千瓦及以下小微企业用电报装,采取低压方式接入电网,供电企业"
                 "投资至电能表(小微企业应同时具备以下条件:拥有营业执照,且注册地址与用电地址一致"
                 "的新装用户,不含集团用户;执行一般工商业电价;供电企业直供;同一用电地址累计接入"
                 "容量160千瓦及以下)。"]),
        # The deadline inside the sentence, not at its start.
        ("4.5", ["实现与用电协同办理,9月底前实现与水气热过户网上协同办理。"]),
    ],
)
def test_what_a_milestone_requires(measure_id: str, expected: list[str]) -> None:
    m = seed(measure_id)
    assert [requires(m, ms) for ms in milestones_of(m, 2021)] == expected


def test_two_phrases_on_one_day_are_one_milestone_with_both_sentences() -> None:
    m = seed("2.14")  # 7月底前 twice, for two sentences
    (ms,) = milestones_of(m, 2021)
    assert ms.id == "2.14@07-31" and len(ms.deadlines) == 2
    text = requires(m, ms)
    assert text.startswith("7月底前,各县(市、区)政府") and "7月底前,加快推进全市“一张蓝图”" in text


def test_a_deadline_in_a_note_of_its_own_requires_the_sentence_before() -> None:
    text = "全面推行电子证照应用。（完成时限：2022年6月底前）（牵头单位：市大数据局）"
    start = text.index("2022年6月底前")
    m = Measure(id="2.3", key="k", number=3, title="全面推行电子证照应用", text=text, lines=(1, 1),
                owners=(OwnerGroup(lead=("市大数据局",), raw="（牵头单位：市大数据局）"),),
                deadlines=(Deadline("2022年6月底前", "by", date(2022, 6, 30),
                                    span=(start, start + 9)),))
    (ms,) = milestones_of(m, 2022)
    assert requires(m, ms) == "全面推行电子证照应用。"


@pytest.mark.parametrize(
    ("selector", "expected"),
    [("07-31", "1.4@07-31"), ("7-31", "1.4@07-31"), ("2021-09-30", "1.4@09-30"),
     (" 09-30 ", "1.4@09-30")],
)
def test_find(selector: str, expected: str) -> None:
    assert find_milestone(seed("1.4"), selector, 2021).id == expected


@pytest.mark.parametrize(
    ("selector", "message"),
    [("08-31", "no milestone on 08-31 (its milestones: 1.4@07-31, 1.4@09-30)"),
     ("2022-07-31", "no milestone"), ("July", "MEASURE@MM-DD")],
)
def test_find_refuses(selector: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        find_milestone(seed("1.4"), selector, 2021)
