"""The document's title: what the notice that carries it names, else its heading lines."""

from __future__ import annotations

import re

from reformctl.model import Plan
from reformctl.parse.structure import Outline
from reformctl.parse.vocab import alt
from reformctl.parse.vocab.kinds import CARRIER_ENDS, DOCUMENT_NUMBER, TITLE_ENDS

# "关于印发《包头市2022年数字政府建设考评办法》的通知" names the document it carries;
# so does "…办公室关于印发安徽省关于加快对接…实施意见的通知" without the book-title marks, and
# "国务院办公厅关于印发国家粮食应急预案的函".
ISSUED_TITLE = re.compile(
    rf"印发\s*《(?P<title>[^》]{{4,80}})》|关于印发(?P<bare>[^《》]{{4,120}}?)的{alt(CARRIER_ENDS)}"
)
# Export headers of law databases, not titles: "【法宝引证码】CLI.12.5115678", "原文链接：https://…"
NOT_A_TITLE = re.compile(r"^(?:【|原文链接|附件$|http)")
# How a title ends: "…实施方案", "…若干措施", "…行动计划（2023—2025年）", "…有关问题的复函".
DOCUMENT_KIND = re.compile(rf"{alt(TITLE_ENDS)}(?:[（(].{{0,16}}[）)])?$")
# The period, edition or status of a plan on a line of its own under the title: "（2023—2025
# 年）", "（2022 版）", "（试行）", "（征求意见稿）".
TITLE_PERIOD = re.compile(
    r"^[（(](?:\d{4}\s{0,2}[—\-–－~至]{1,2}\s{0,2}\d{4}\s{0,2}年?|\d{4}\s{0,2}年?\s{0,2}版"
    r"|试行|暂行|征求意见稿|送审稿|修订稿?)[）)]$")
TITLE_PUNCTUATION = re.compile(r"[。，,;；:：]")
# The most lines a title is wrapped over: old State Council pages centre it on three or four,
# "国务院办公厅关于印发文化体制改革中" / "经营性文化事业单位转制为企业和进一步" /
# "支持文化企业发展两个规定的通知".
WRAPPED_LINES = 4


def document_title(outline: Outline, plans: list[Plan]) -> str:
    """The notice's "印发《…》", the seed's "…配套措施" heading, the first title-like line
    (with the lines it is wrapped onto), or the first plan's title."""
    head = outline.lines[:60]
    for i, line in enumerate(head):
        if "印发" in line and (title := _issued_title_from(head, i)):
            return title
    if outline.has_plan_headings and (title := _plan_headings_title(outline.lines)):
        return title
    lines = [line for line in outline.lines[:30] if line]
    for i, line in enumerate(lines):
        if _title_like(line):
            return _wrapped_title(lines[i : i + WRAPPED_LINES])
    return plans[0].title if plans else ""


def _issued_title_from(head: list[str], i: int) -> str:
    """What the notice on line ``i`` carries, its title wrapped or not: "某市人民政府办公室关于
    印发某市" / "优化营商环境实施方案的通知"; "" when the line names no such notice."""
    if title := _issued_title(head[i]):
        return title
    following = [x for x in head[i + 1 : i + 2 * WRAPPED_LINES] if x]
    # The next line is joined whatever it holds; lines after it only while they are title lines.
    joined = head[i]
    for n, line in enumerate(following[: WRAPPED_LINES - 1]):
        if n and not _title_line(following[n - 1]):
            break
        joined += line
        if title := _issued_title(joined):
            return title
    return ""


def _wrapped_title(lines: list[str]) -> str:
    """The first line and the lines it is wrapped onto, when together they end like a title:
    "某市关于进一步优化营商环境" / "若干措施", "国务院办公厅" / "关于四川省在温家宝总理考察工作时" /
    "所提问题和建议办理情况的函", "…三年行动方案" / "（2023—2025年）". Else the first line."""
    parts = lines[:1]
    for line in lines[1:]:
        if TITLE_PERIOD.match(line):
            return "".join(parts) + line
        if DOCUMENT_KIND.search(parts[-1]) or not _title_line(line):
            break
        parts.append(line)
    if len(parts) > 1 and DOCUMENT_KIND.search(parts[-1]):
        return "".join(parts)
    return parts[0]


def _issued_title(line: str) -> str:
    """What a notice's "关于印发…的通知" names, not a notice cited in the text: "…先后出台
    《国务院关于印发实施〈中华人民共和国促进科技成果转化法〉若干规定的通知》…" (国办发〔2018〕
    127号, whose own title is on its heading lines)."""
    for m in ISSUED_TITLE.finditer(line):
        if line.count("《", 0, m.start()) <= line.count("》", 0, m.start()):
            return m.group("title") or m.group("bare")
    return ""


def _plan_headings_title(lines: list[str]) -> str:
    """"泰安市优化营商环境创新突破行动配套措施": the words before the first 配套措施 ("" when
    the first stands on the first line alone)."""
    for line in lines:
        if "配套措施" in line:
            prefix = line.split("配套措施")[0].strip()
            if prefix:
                return f"{prefix}配套措施"
    for i, line in enumerate(lines):
        if "配套措施" in line and i > 0:
            prev = next((x for x in reversed(lines[:i]) if x), "")
            return f"{prev}配套措施" if prev else "配套措施"
    return ""


def _title_like(line: str) -> bool:
    return bool(line) and len(line) <= 60 and not TITLE_PUNCTUATION.search(line) and not (
        NOT_A_TITLE.match(line)
    )


def _title_line(line: str) -> bool:
    """A line a title may go on over: title-like, not the document number under it."""
    return _title_like(line) and not DOCUMENT_NUMBER.search(line)


__all__ = ["document_title"]
