"""parse_number: every way a plan writes a number lands on one value."""

from __future__ import annotations

import pytest

from reformctl.parse.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic, with the 万/亿 multipliers of the seed and the shandong plan.
        ("3.4万", 34_000),  # 城镇新增就业3.4万人
        ("200万", 2_000_000),  # 200万元以下的货物和服务项目
        ("500万", 5_000_000),  # 高于500万美元(含500万美元)
        ("2.4万亿", 2.4e12),  # 2025年…突破2.4万亿元
        ("2.2万亿", 2.2e12),
        ("100亿", 1e10),  # 总规模不少于100亿元
        ("27万", 270_000),  # 累计建成开通5G基站27万个
        ("1.7万", 17_000),  # no float noise: not 17000.000000000004
        ("1.7", 1.7),  # 出口整体通关时间控制在1.7小时内
        ("4.5", 4.5),
        ("12", 12),
        ("1,000", 1000),
        ("12,345.5", 12345.5),
        # Full-width digits and dot, and the spaces a PDF leaves.
        ("１２", 12),
        ("１．７", 1.7),
        ("3.4 万", 34_000),
        (" 15 ", 15),
        # Chinese numerals.
        ("三", 3),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百", 100),
        ("百", 100),
        ("千", 1000),
        ("一百零五", 105),
        ("一千零五十", 1050),
        ("两千三百", 2300),
        ("十万", 100_000),
        ("一万二千", 12_000),
        ("三亿五千万", 350_000_000),
        ("一万亿", 1e12),
        ("二〇二一", 2021),  # digit by digit, as years are written
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "3.4万人", "90%", "1,00", "三五百", "第三", "1.2.3", "万元"],
)
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_a_number_without_multiplier_is_its_decimal_value() -> None:
    """Without 万/亿, parse_number reads the digits with float(), which rounds a decimal
    string as float(Decimal(…)) does: the same value for every such number."""
    from decimal import Decimal

    for text in ["0.1", "0.3", "1.7", "3.40", "007", "12,345.5", "1,000,000", "99.999999999999999",
                 "123456789012345678901234567890.123", "2.675", "0.000001"]:
        assert parse_number(text) == float(Decimal(text.replace(",", ""))), text
