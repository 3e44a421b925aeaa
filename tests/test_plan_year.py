"""The plan year a careful reader would give: what the text says of its own year, never the
year its goals are to be reached by ("到2025年") nor an amount ("2000万元"). Small texts in the
style of real plans; a real plan without a year of its own read from ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from reformctl.parse import parse_file
from reformctl.parse.year import infer_year

REALCORPUS = Path(__file__).resolve().parents[2] / "shared" / "realcorpus"

HORIZONS = (
    "（二）主要目标。到2025年，数字经济产业能级达到万亿级，占GDP比重超过50%。\n"
    "——数字产业化发展水平快速跃升。到2023年，核心产业规模超过5500亿元。\n"
    "1.建设算力基础设施。到2023年，建成4万个以上5G基站。\n"
)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # Only horizons: the plan runs to 2023 and 2025 and does not say which year it is in.
        (HORIZONS, None),
        ("到2026年底，建成3个生态社区。到2028年，打造创新集聚区。", None),
        # A deadline of a task says it: the year of the tasks, not of the goals.
        (HORIZONS + "2.出台配套政策。2022年底前完成。\n", 2022),
        (HORIZONS + "2.出台配套政策。到2022年6月底前完成。\n", 2022),
        # "截止2026年4月23日" is a day, not a horizon.
        ("某市发展和改革局2026年4月1日发布，征求意见截止2026年4月23日。\n到2028年，建成社区10个。", 2026),
        # A plan whose period starts after its issue date is in the period's first year.
        ("某市人民政府办公室关于印发《某市人工智能创新发展行动计划（2026—2027年）》的通知\n"
         "某市人民政府办公室\n2025年6月29日\n", 2026),
        ("关于印发《行动方案（2026—2028年）》的通知\n2027年3月12日\n", 2027),
        # The issuer's dated line is the issue date.
        (HORIZONS + "某省人民政府办公厅2030年12月10日印发\n", 2030),
        ("4.推进政务服务。2029年底前完成。\n某市人民政府办公厅 2030年１月３日印发\n", 2030),
        # Amounts are no years.
        ("对年销售收入不超过2000万元的企业，给予最高2000万元支持。", None),
        ("从2000余条经营范围规范用语中集成推出规范表述。", None),
    ],
)  # fmt: skip
def test_the_plan_year(text: str, year: int | None) -> None:
    assert infer_year(text) == year


def test_a_plan_that_names_only_its_horizons_has_no_year() -> None:
    path = REALCORPUS / "sdx_2021_jinan_3.txt"
    if not path.exists():
        pytest.skip(f"{path} not available")
    doc = parse_file(path)
    assert doc.document.year is None
    # Its deadlines name their own years and keep them.
    dates = {str(d.date) for _, m in doc.walk() for d in m.deadlines if d.date is not None}
    assert dates == {"2023-12-31"}
