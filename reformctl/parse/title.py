"""The document's title: what the notice that carries it names, else its heading lines."""

from __future__ import annotations

import re

from reformctl.model import Plan
from reformctl.parse.structure import Outline

# "关于印发《包头市2022年数字政府建设考评办法》的通知" names the document it carries;
# so does "…办公室关于印发安徽省关于加快对接…实施意见的通知" without the book-title marks.
ISSUED_TITLE = re.compile(r"印发\s*《(?P<title>[^》]{4,80})》|关于印发(?P<bare>[^《》]{4,120}?)的通知")
# Export headers of law databases, not titles: "【法宝引证码】CLI.12.5115678", "原文链接：https://…"
NOT_A_TITLE = re.compile(r"^(?:【|原文链接|附件$|http)")
# How a plan's title ends: "…实施方案", "…若干措施", "…任务分工", "…行动计划（2023—2025年）".
DOCUMENT_KIND = re.compile(
    r"(?:方案|措施|意见|计划|办法|细则|清单|分工|分工表|要点|规划|通知|决定|举措)(?:[（(].{0,16}[）)])?$"
)
# The period of a plan on a line of its own under the title: "（2023—2025年）".
TITLE_PERIOD = re.compile(r"^[（(]\d{4}\s{0,2}[—\-–－~至]{1,2}\s{0,2}\d{4}\s{0,2}年?[）)]$")
TITLE_PUNCTUATION = re.compile(r"[。，,;；:：]")


def document_title(outline: Outline, plans: list[Plan]) -> str:
    """The notice's "印发《…》", the seed's "…配套措施" heading, the first title-like line
    (with the next when the title is wrapped in two), or the first plan's title."""
    head = outline.lines[:60]
    for i, line in enumerate(head):
        if "印发" not in line:
            continue
        if title := _issued_title(line):
            return title
        # "某市人民政府办公室关于印发某市" / "优化营商环境实施方案的通知": a title wrapped in two.
        following = next((x for x in head[i + 1 : i + 3] if x), "")
        if title := _issued_title(line + following):
            return title
    if outline.has_plan_headings and (title := _plan_headings_title(outline.lines)):
        return title
    lines = [line for line in outline.lines[:30] if line]
    for i, line in enumerate(lines):
        if _title_like(line):
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if not DOCUMENT_KIND.search(line) and _title_like(following) and (
                DOCUMENT_KIND.search(following) or TITLE_PERIOD.match(following)
            ):
                return line + following  # "某市关于进一步优化营商环境" / "若干措施"
            if TITLE_PERIOD.match(following):
                return line + following  # "…三年行动方案" / "（2023—2025年）"
            return line
    return plans[0].title if plans else ""


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


__all__ = ["document_title"]
