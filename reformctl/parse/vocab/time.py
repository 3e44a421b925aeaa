"""Time words of notes and labels: how a plan writes a measure's time limit beside its owners.

The deadline phrases themselves (9月底前, 每季度, 3个月内…) are read by ``parse/deadlines``;
here are the labels and remarks that say "what follows is a time limit", which cleaning, the
owner notes, the document builder and the table reader all need.
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt, chars, first_chars

# A time label before the limit: "完成时限：2022年6月底前", "（完成时间：2024年底）",
# "时间节点：9月", "办结时限：", "整改时限：立行立改", "（时限：长期）", "进度安排：".
SCHEDULE = "进度安排"  # also a heading: "（三）进度安排"
TIME_LABELS = ("完成时限", "办结时限", "整改时限", "时限", "完成时间", "时间节点", SCHEDULE)
# How a time label ends, where a bare month after it is a deadline: "完成时限：2022年6月",
# "时间节点:9月", "整改期限：", "进度：".
TIME_LABEL_TAILS = ("时限", "时间", "节点", "期限", "进度")
# A table column of time limits: "完成时限", "完成时间", "时间节点", "时序", "进度安排".
TIME_COLUMN_WORDS = (*TIME_LABEL_TAILS, "时序", "完成时")

# A time remark sharing a note with the owners (the deadline reader takes it):
# "5月底取得明显成效并持续推进", "持续优化", "按进度推进", "6月份取得明显成效", "年底前完成".
TIME_REMARK_WORDS = ("年底", "年内", "完成", "持续", "长期", "按进度", "取得", "成效", "推进",
                     "季度", "半年", "全年")

_COLON = "[:：]"

# Time labels written as plain text instead of a note: "完成时限：2022年6月底前".
BARE_TIME_LABEL = re.compile(rf"(?={first_chars(TIME_LABELS)}){alt(TIME_LABELS)}\s*{_COLON}")
# What the last character before a time label's colon can be.
TIME_LABEL_ENDS = chars(TIME_LABELS, -1)

# A note with a time limit: "（完成时限：2024年底前）", "（牵头单位：X；完成时限：每季度）".
TIME_NOTE = re.compile(rf"[（(][^（()）]{{0,80}}?{alt(TIME_LABELS)}{_COLON}[^（()）]{{0,40}}[）)]")
# A labelled time note closing a headline, as a task table's row is flattened:
# "建设城市大脑（完成时限：2025年底）".
TIME_NOTE_TAIL = re.compile(rf"[（(]{alt(TIME_LABELS)}{_COLON}[^（）()]{{0,40}}[）)]$")
# Right after a time label: "完成时限：2022年6月", "时间节点:9月" (the text before a phrase).
TIME_LABEL_BEFORE = re.compile(
    rf"{alt(TIME_LABEL_TAILS)}\s{{0,3}}{_COLON}\s{{0,3}}(?:\d{{4}}\s{{0,3}}年\s{{0,3}})?$")
# A table column's label of time limits.
TIME_COLUMN_LABEL = re.compile(alt(TIME_COLUMN_WORDS))
# A time remark in a note: the words above, a month, 上/中/下旬, or a year alone ("2024年").
TIME_REMARK = re.compile(rf"\d+月|{alt(TIME_REMARK_WORDS)}|[上中下]旬|^\d{{4}}年$")

__all__ = [name for name in dir() if name.isupper()]
