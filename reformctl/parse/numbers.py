"""Turn the number words of a plan into floats: "3.4万" → 34000, "十五" → 15, "１２" → 12.

Targets are compared across documents and versions ("城镇新增就业3.4万人" in one year,
"35000人" in the next), so every way a plan writes a number has to land on the same value:
Arabic digits (half- or full-width, with or without thousands commas), Chinese numerals
(十五, 一百, 两千三百, 二〇二一), and either kind followed by the 万/亿 multipliers.

Only the number itself is parsed here; units, comparators and context belong to
``targets.py``. Anything that is not a whole number word gives ``None`` rather than a guess,
because a wrong value in a supervision ledger is worse than a missing one.
"""

from __future__ import annotations

import re
from decimal import Decimal

# Full-width digits and the few symbols that travel with numbers ("１２", "９０％", "１．７").
# One character maps to one character, so offsets into translated text stay valid.
FULLWIDTH_NUMERIC = str.maketrans(
    {
        **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
        "％": "%",
        "．": ".",
        "～": "~",
        "－": "-",
    }
)

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_MULTIPLIERS = {**_SMALL_UNITS, **_BIG_UNITS}

# Arabic digits followed by multipliers only: "3.4万", "2.4万亿", "200万", "1千万".
ARABIC_WITH_MULTIPLIER = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<mult>[十百千万亿]*)"
)
# Spaces a PDF leaves inside a number: "3.4 万".
SPACES = re.compile(r"[ \t\u3000\xa0]+")
# Chinese numerals (十五, 一百, 两千三百, 三百零五, 二〇二一), possibly with 万/亿 inside.
CHINESE_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


def parse_number(s: str) -> float | None:
    """The value of a number word, or None if ``s`` is not one.

    >>> parse_number("3.4万"), parse_number("2.4万亿"), parse_number("十五"), parse_number("１２")
    (34000.0, 2400000000000.0, 15.0, 12.0)
    """
    match = ARABIC_WITH_MULTIPLIER.fullmatch(s)  # the common case, as targets.py calls it
    text = s
    if match is None:
        text = SPACES.sub("", s.translate(FULLWIDTH_NUMERIC))
        if not text:
            return None
        match = ARABIC_WITH_MULTIPLIER.fullmatch(text)
    if match:
        digits = match["num"].replace(",", "")
        if not match["mult"]:
            # float() rounds a decimal string correctly, as float(Decimal(…)) does.
            return float(digits)
        # Decimal, so that "1.7万" is 17000 and not 17000.000000000004.
        value = Decimal(digits)
        for ch in match["mult"]:
            value *= _MULTIPLIERS[ch]
        return float(value)
    if CHINESE_NUMBER.fullmatch(text):
        return _chinese(text)
    return None


def _chinese(text: str) -> float | None:
    """Chinese numerals by sections: 两千三百万零五 = (2000 + 300) × 10⁴ + 5.

    A string of bare digits without any unit character (二〇二一) is read digit by digit, the
    way years and codes are written.
    """
    if all(ch in _DIGITS for ch in text):
        return float("".join(str(_DIGITS[ch]) for ch in text))
    total = 0  # finished 亿 sections
    section = 0  # the current section below the next 万/亿
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits in a row inside a unit number: "三五百"
            digit = _DIGITS[ch] or None
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:  # 万 or 亿
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = 1  # "万" alone reads as 10⁴
            if ch == "亿":
                total = (total + section) * _BIG_UNITS[ch]
                section = 0
            else:
                # 万 multiplies the section; a following 亿 ("万亿") scales it again.
                section *= _BIG_UNITS[ch]
                total, section = total + section, 0
    return float(total + section + (digit or 0))


__all__ = ["parse_number", "FULLWIDTH_NUMERIC"]
