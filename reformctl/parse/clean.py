"""Named cleaning steps for one source line at a time.

Cleaning works line by line so that every character of the cleaned text still belongs to
exactly one source line (STYLE §8: never lose the source). Steps that need more than one
line (joining page-break splits, dropping a repeated fragment) live in ``structure.py``,
which joins cleaned lines into blocks and keeps a character → line map.

The text keeps the document's own punctuation (half- or full-width): users compare the
output with the PDF by eye, and the extractors accept both forms.
"""

from __future__ import annotations

import re
from typing import Callable

LineStep = Callable[[str], str]

# Markdown bold left by the PDF → text conversion: "1. **优化工程建设项目招投标事项办理。**6月中旬前"
BOLD_MARKER = re.compile(r"\*\*")

# Full-width ASCII letters and digits (０-９, Ａ-Ｚ, ａ-ｚ) fold to half-width; punctuation is kept.
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}

# Spaces a PDF puts around Latin text and digits inside Chinese: "6 月底前", "使用 CA 数字证书".
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》"
SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[{_CJK}])")

# A stray English conjunction inside Chinese: "签约的 18 个利用外资项目 and 市活动平台签约的".
STRAY_AND = re.compile(rf"(?<=[{_CJK}0-9])\s*\band\b\s*(?=[{_CJK}])")

# Zero-width characters and the BOM that some exports leave inside lines.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def strip_invisible(line: str) -> str:
    return INVISIBLE.sub("", line)


def fold_fullwidth_alnum(line: str) -> str:
    return line.translate(_FULLWIDTH_ALNUM)


def strip_bold(line: str) -> str:
    return BOLD_MARKER.sub("", line)


def squeeze_cjk_spaces(line: str) -> str:
    return SPACE_NEXT_TO_CJK.sub("", line)


def fix_stray_and(line: str) -> str:
    return STRAY_AND.sub("和", line)


def strip_edges(line: str) -> str:
    return line.strip(" \t\r\u3000\xa0")


# Order matters: bold markers go before the space step so "** 三零 **" loses both.
LINE_STEPS: tuple[LineStep, ...] = (
    strip_invisible,
    fold_fullwidth_alnum,
    strip_bold,
    fix_stray_and,
    squeeze_cjk_spaces,
    strip_edges,
)


def clean_line(line: str, steps: tuple[LineStep, ...] = LINE_STEPS) -> str:
    for step in steps:
        line = step(line)
    return line


# OCR noise after 配套措施: "配套措施一开办企业", "配套措施一—纳税", "配套措施一政务服务" for "配套措施—X".
HEADING_DASH_NOISE = re.compile(r"^(?:一?[—–\-－─]+|一(?=[^\s、，,。]))")


def clean_heading_title(title: str) -> str:
    """Drop the dash (or the 一 OCR read for it) that separates 配套措施 from the plan name."""
    return HEADING_DASH_NOISE.sub("", title.strip()).strip()
