"""Time words of notes and labels: how a plan writes a measure's time limit beside its owners.

The deadline phrases themselves (9月底前, 每季度, 3个月内…) are read by ``parse/deadlines``;
here are the labels and remarks that say "what follows is a time limit", which cleaning, the
owner notes, the document builder and the table reader all need.
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt, char_class, chars, first_chars

# A time label before the limit: "完成时限：2022年6月底前", "（完成时间：2024年底）",
# "时间节点：9月", "办结时限：", "整改时限：立行立改", "（时限：长期）", "进度安排：".
SCHEDULE = "进度安排"  # also a heading: "（三）进度安排"
TIME_LABELS = ("完成时限", "办结时限", "整改时限", "时限", "完成时间", "时间节点", SCHEDULE)
# The label a table's time column gets when its header names none: "完成时限".
DEFAULT_TIME_LABEL = TIME_LABELS[0]
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


# -- deadline phrases ----------------------------------------------------------------------
# The patterns parse/deadlines.py runs over a measure's text (see its table of kinds).
# Digits come ASCII or full-width ("９月底前" in an uncleaned text); int() reads both.

DIGITS = "0-9０-９"
CN_NUMERALS = "零〇一二三四五六七八九十两百"
CN_DIGITS = "零〇一二两三四五六七八九"  # numerals that are not 十/百

# Building blocks. A plan year is 20xx; a month is 1-12 in digits or Chinese numerals.
YEAR = rf"(?<![{DIGITS}])(?P<y>[2２][0０][{DIGITS}]{{2}})"
MONTH = (
    rf"(?<![{DIGITS}.．{CN_NUMERALS}])"
    r"(?P<m>[1１][0-2０-２]|[0０]?[1-9１-９]|十[一二]?|[一二三四五六七八九])"
)
# "到2025年底", "至2024年6月", "截至2023年底", "截止到 2021 年 12 月".
TO_WORDS = ("到", "至", "截至", "截止到", "截止")
TO = rf"(?:(?P<pre>{alt(TO_WORDS)})\s{{0,3}})?"


def starts(first: str) -> str:
    """A lookahead naming every character a match can start with.

    The patterns below begin with optional groups, which the regex engine otherwise tries in
    full at every position; failing on one character first makes them ~3x faster.
    """
    return f"(?=[{first}])"


TO_OR_YEAR = f"到至截{DIGITS}"  # first characters of TO and YEAR

# ---------------------------------------------------------------------------------------
# The patterns, one per phrase family. Those that begin with optional prefixes ("到",
# "2022年") are searched only near an anchor, a literal every match contains: see _matches.

# "9月底前", "9 月底前", "6月中旬前", "7月上旬", "7月底后", "12月底确定资金分配方案" (seed);
# "2022年6月底前" (完成时限：2022年6月底前), "6月底完成", "12月取得明显成效并持续推进" (baotou);
# "5月31日前", "7月1日起".
MONTH_DATE = re.compile(
    starts(f"{TO_OR_YEAR}今本当明次一二三四五六七八九十")
    + rf"{TO}(?:{YEAR}\s{{0,3}}年\s{{0,3}}|(?P<cur>今年|本年|当年|明年|次年)\s{{0,3}})?{MONTH}\s{{0,3}}月(?:\s{{0,3}}份)?"
    rf"(?:\s{{0,3}}(?P<d>[{DIGITS}]{{1,2}})\s{{0,3}}[日号]|\s{{0,3}}(?P<part>中旬|上旬|下旬|底|末))?"
    r"(?:\s{0,3}(?P<suf>之前|以前|前|之后|以后|后|起))?"
)

# "力争2021年底整体普惠型小微企业贷款…" (seed), "年底前完成全部改造任务" (baotou),
# "到2025年底", "今年年底前", "明年年底", "年内". Not "较去年年底", not "5年内关税减让" (anhui).
YEAR_END = re.compile(
    starts(f"{TO_OR_YEAR}今本当明次年")
    + rf"{TO}(?:{YEAR}\s{{0,3}}年(?:\s{{0,3}}年)?|(?P<cur>今|本|当|明|次)年(?:\s{{0,3}}年)?|年)(?:\s{{0,3}}度)?"
    r"\s{0,3}(?P<part>底|末|内)(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# "到2025年,累计建成开通5G基站27万个" (shandong), "到2028年,建成百个…" (guangdong),
# "2025年前", "2021年全年", "2024年起" (from Jan 1), "2025年全面完成" (a completion verb). A bare "2024年、2025年分别突破…" matches but is dropped.
# "前" is not "前三季度" (the first three quarters).
YEAR_ONLY = re.compile(
    starts(TO_OR_YEAR) + rf"{TO}{YEAR}\s{{0,3}}年(?:\s{{0,3}}(?P<suf>之前|以前|前(?![{CN_NUMERALS}{DIGITS}])|全年|起))?"
)

# "2024.03—2025.12" (a project's 开工/竣工时间), "2024年5月至2026年6月", "2024年3月—12月":
# the work is done by the end of the last month. Also from day to day: "2019年1月1日至12月31日，
# 对…参保企业" (国发〔2018〕39号), "2019年1月1日至2020年12月31日，将…申领条件…放宽" — the
# window of a policy, not "至2020年" as a deadline.
_MONTH2 = r"(?P<m2>[1１][0-2０-２]|[0０]?[1-9１-９])"
_MONTH1 = r"(?:[1１][0-2０-２]|[0０]?[1-9１-９])"
_SPAN = r"\s{0,3}[-—–~～至到]{1,2}\s{0,3}"
_DAY = rf"\s{{0,3}}[{DIGITS}]{{1,2}}\s{{0,3}}[日号]"
# Written with 年 (searched in the windows around 年, with the other 年 patterns) …
MONTH_RANGE = re.compile(
    starts(DIGITS) + rf"{YEAR}\s{{0,3}}年\s{{0,3}}{_MONTH1}\s{{0,3}}(?:月(?:{_DAY})?)?{_SPAN}"
    rf"(?:(?P<y2>[2２][0０][{DIGITS}]{{2}})\s{{0,3}}年\s{{0,3}})?{_MONTH2}(?![{DIGITS}])"
    rf"\s{{0,3}}(?:月(?:\s{{0,3}}(?P<d2>[{DIGITS}]{{1,2}})\s{{0,3}}[日号]|底|末)?(?:\s{{0,3}}前)?)?"
)
# … or with dots, as in a table cell (looked for only in a text that holds a dot).
DOT_RANGE = re.compile(
    starts(DIGITS) + rf"{YEAR}\s{{0,3}}[.．]\s{{0,3}}{_MONTH1}{_SPAN}"
    rf"(?:(?P<y2>[2２][0０][{DIGITS}]{{2}})\s{{0,3}}[.．]\s{{0,3}})?{_MONTH2}(?![{DIGITS}])"
    r"(?:\s{0,3}(?:月底前|月底|底前|前))?"
)

# "（完成时限：2024.10）", "2024.6前": year and month written with a dot, as in table cells.
# A deadline only after a time label or before 前/底 (else it may be a version or a number).
DOT_MONTH = re.compile(
    rf"(?<![{DIGITS}.．])(?P<y>[2２][0０][{DIGITS}]{{2}})[.．](?P<m>[1１][0-2０-２]|[0０]?[1-9１-９])(?![{DIGITS}.．])"
    r"(?:\s{0,3}(?P<suf>底前|月底前|月底|前))?"
)

# "（2024-2025年）" (shandong title), "2021—2023年"; "《泰安市 2021 - 2022 年…》" is in 《》.
YEAR_RANGE = re.compile(
    starts(DIGITS) + rf"{YEAR}\s{{0,3}}年?\s{{0,3}}[-—–~～至到]{{1,2}}\s{{0,3}}(?P<y2>[2２][0０][{DIGITS}]{{2}})\s{{0,3}}年"
)

# "上半年", "上半年前", "2022年下半年".
HALF_YEAR = re.compile(
    starts(f"{TO_OR_YEAR}今本上下")
    + rf"{TO}(?:{YEAR}\s{{0,3}}年\s{{0,3}}|(?P<cur>今年|本年)\s{{0,3}})?(?P<h>上|下)半年"
    r"(?:\s{0,3}(?P<part>底|末))?(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# "三季度末", "第三季度", "一季度", "2022年第四季度前". Not "前三季度".
QUARTER = re.compile(
    starts(f"{TO_OR_YEAR}第一二三四")
    + rf"{TO}(?:{YEAR}\s{{0,3}}年\s{{0,3}})?(?:第\s{{0,3}})?(?<![{DIGITS}])(?P<q>[一二三四1-4１-４])\s{{0,3}}季度"
    r"(?:\s{0,3}(?P<part>末|底))?(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# "全年“提前申报率”达到90%", "确保全年总体“好评率”100%" (seed, 跨境贸易).
WHOLE_YEAR = re.compile(r"全年")

# "每月20日前,市打私办和泰安海关共同研究上月通关时效情况" (seed, 跨境贸易 #10),
# "每半年考评一次" (baotou), "每年认定10家左右…" (shandong), "每季度", "每年年底前", "每3个月",
# "按季度通报", "按月调度" (按 only before a period: not "按年度计划").
RECURRING = re.compile(
    rf"(?:每|按(?=\s{{0,3}}(?:季度|月|半年|年度|周)(?!度?计划)))\s{{0,3}}(?:(?P<n>[{DIGITS}{CN_NUMERALS}]+)\s{{0,3}})?个?\s{{0,3}}"
    r"(?P<per>工作日|季度|半年|月|季|年|周|旬|日|天)"
    # "每年12月底前", "每年6月30日前": a day of the year, every year.
    rf"(?:\s{{0,3}}(?<=年)(?P<mon>[1１][0-2０-２]|[0０]?[1-9１-９])\s{{0,3}}月(?:\s{{0,3}}[{DIGITS}]{{1,2}}\s{{0,3}}[日号]|底|末)?)?"
    rf"(?:\s{{0,3}}(?P<d>[{DIGITS}]{{1,2}})\s{{0,3}}[日号]|\s{{0,3}}(?P<part>年底|年末|月底|月末|季末|底|末))?"
    r"(?:\s{0,3}(?P<suf>之前|以前|前))?"
)

# The units of a relative time limit ("15个工作日内", "三天内"); a month only after 个.
RELATIVE_UNITS = ("工作日", "自然日", "小时", "星期", "日", "天", "周")
RELATIVE_MONTH = "月"

# "在3个月内按要求提交城建档案验收材料", "7日内作出工伤认定决定", "三天内予以回复",
# "15 个工作日内予以解决", "最长不超过 30 个工作日" (seed). Matched but dropped: "提前3天",
# "工作时间6个月以上", "2个小时内即可办结", "4个小时以内" (service times in hours).
# It starts with a character class (the lookbehind comes after it), which re scans fast;
# 月 counts only after 个 ("3个月内"), so "6月底前" is not tried here.
RELATIVE = re.compile(
    rf"(?P<n>[{DIGITS}{CN_NUMERALS}](?<![{DIGITS}.．{CN_NUMERALS}][{DIGITS}{CN_NUMERALS}])[{DIGITS}{CN_NUMERALS}]*"
    rf"(?:[.．][{DIGITS}]+)?)\s{{0,3}}(?P<ge>个)?\s{{0,3}}"
    rf"(?P<u>{alt(RELATIVE_UNITS)}|(?<=个){RELATIVE_MONTH}|(?<=个\s){RELATIVE_MONTH})"
    r"(?:\s{0,3}(?P<w>之内|以内|内))?"
)
# RELATIVE's pre-check: the first character of a unit right after what can stand before one
# (a numeral, a space or 个), and a 月 only after 个 or a space. Every RELATIVE match holds
# one; most measures hold none ("及时", "日常", "6月底前" do not count), and one search that
# fails costs less than RELATIVE's try at every numeral.
RELATIVE_UNIT_STARTS = chars((*RELATIVE_UNITS, RELATIVE_MONTH), 0)
# What RELATIVE_GATE asks of the character it stands on.
RELATIVE_UNIT_CONTEXT = rf"(?<=[{DIGITS}{CN_NUMERALS}\s个].)(?<![^个\s]{RELATIVE_MONTH})"
RELATIVE_GATE = re.compile(char_class(RELATIVE_UNIT_STARTS) + RELATIVE_UNIT_CONTEXT)

# "（持续推进，牵头考核单位：市审批服务局）", "（5月底取得阶段性成效并持续推进，…）",
# "（按进度推进，牵头考核单位：市发改委）" (baotou), "完成时限：长期坚持". Only as a time note,
# never as a verb: "持续推进政务服务事项上网运行" (seed, 政务服务 #3) is not a deadline.
# A bare 长期 only where _ongoing finds it standing alone: "（完成时限：长期）", "长期。".
ONGOING = re.compile(r"持续推进|长期坚持|按进度推进|常态化推进|长期推进|长期")
# "整改时限：立行立改", "即知即改", "立即整改": at once — a relative deadline of 0 days, so it is
# seen (and never dated: a plan names no day it starts from).
IMMEDIATE = re.compile(r"立行立改|即知即改|立查立改|立即整改|马上就办|立即办理")

# "《泰安市 2021 - 2022 年知识产权保护推进计划》" (seed): titles of other documents.
BOOK_TITLE = re.compile(r"《[^《》]*》")

# Phrases that look like time limits; those not covered by a found (or deliberately dropped)
# phrase are reported by find_unresolved. "在省规定时间内,除个别特殊、复杂事项外…" (seed, 纳税 #8).
# Every branch starts with a literal, so re scans for them fast.
DEADLINE_LIKE = re.compile(
    r"在\s{0,3}(?:省级|市级|国家|上级|省|市)?\s{0,3}规定(?:的)?\s{0,3}(?:时间|时限|期限)(?:\s{0,3}内)?"
    r"|规定(?:的)?\s{0,3}(?:时间|时限|期限)(?:\s{0,3}内)?"
    r"|限期完成|月底|月末|月初|中旬|上旬|下旬|季度|年底|年末|年内|个月内|日内|天内|工作日"
)
# infer_year: a header line that is only a date, "2022年4月14日" (baotou), "二〇二二年三月二十三日".
# It ends in ISSUE_DATE_END, which tells most lines apart without the pattern.
ISSUE_DATE_END = "日"
ISSUE_DATE_LINE = re.compile(
    rf"(?P<y>[2２][0０][{DIGITS}]{{2}}|[〇零一二三四五六七八九]{{4}})\s{{0,3}}年"
    rf"\s{{0,3}}[{DIGITS}一二三四五六七八九十]{{1,3}}\s{{0,3}}月\s{{0,3}}[{DIGITS}一二三四五六七八九十]{{1,3}}\s{{0,3}}{ISSUE_DATE_END}"
)
# infer_year: a year in a title, "包头市2022年数字政府建设考评办法" (baotou); not "2022年4月".
TITLE_YEAR = re.compile(rf"{YEAR}\s{{0,3}}年(?!\s{{0,3}}[{DIGITS}]{{1,2}}\s{{0,3}}月)")
# infer_year: a title line names a kind of plan, "…行动计划（2024-2025年）" (shandong).
TITLE_WORD = re.compile(r"方案|办法|计划|措施|意见|要点|通知|规划|清单|细则|任务")
# infer_year: a horizon, the year a plan's goals are to be reached by, "到2025年，数字经济核心
#产业规模超过…", "到2027年底", "至2030年末": the end of its period, not the year it is in. Not a
# deadline, "到2025年底前", "到2025年6月".
HORIZON = re.compile(
    rf"{alt(TO_WORDS)}\s{{0,3}}{YEAR}\s{{0,3}}年(?:\s{{0,3}}[底末])?"
    rf"(?![{DIGITS}]|\s{{0,3}}(?:[{DIGITS}底末前]|以前|之前))"
)

# Anchors: a literal every match of the pattern contains, and how far a match can reach
# before and after it ("截止到 2021 年 12 月" is 16 characters before 月's end;
# "2019年10月10日至12月31日前" 14 after the first 年).
MONTH_ANCHOR = "月"
YEAR_ANCHOR = "年"
HALF_ANCHOR = "半年"
QUARTER_ANCHOR = "季度"
REACH_BACK = 14
REACH_AHEAD = 14

# "二〇二四年底前", "二〇二四年十二月底前": a year in Chinese numerals (written with 〇 or 零).
CN_YEAR = re.compile(r"二[〇零○][〇零○一二三四五六七八九]{2}(?=\s{0,3}年)")
CN_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")

# A year named in a phrase: "2024年6月底前", "今年", "明年".
NAMED_YEAR = re.compile(f"[2２][0０][{DIGITS}]{{2}}|[今本当明次去]年")

# A bare year is a deadline when a completion verb follows: "2025年全面完成", "2023年基本建成".
COMPLETION_AFTER_YEAR = ("完成", "全面完成", "基本完成", "全部完成", "建成", "基本建成",
                          "全面建成", "如期完成", "实现", "基本实现", "全面实现")

# How long a service takes, held to a level: "平均用时不超过5个工作日", "办理时间在2个工作日
# 以内", "审理期限不超过45日", "审批周期", "办理时长" (a target, not a deadline).
SERVICE_TIMES = ("时间", "用时", "时限", "期限", "周期", "时长")
# The last characters of the service times a subject may end in before 在/由: "时间在", "用时由".
SERVICE_TIME_ENDS = chars(SERVICE_TIMES[:4], -1)
# A time limit for putting something right is a limit on a task, never a level:
# "整改时限不超过30日", "整改时间", "整改期限".
RECTIFY = "整改"
NOT_AFTER_RECTIFY_LIMIT = "".join(f"(?<!{RECTIFY}{word})" for word in ("时间", "时限", "期限"))
# A duration after these is the level a service time is brought to (a target), not a limit.
REDUCED_TO = ("压缩至", "压缩到", "压缩为", "压减至", "压减到", "压减为", "缩短至", "缩短到", "减少至", "减少到",
               "降低至", "降低到", "降至", "降到", "控制在", "稳定在")


# "压缩企业开办时间至1个工作日以内": the verb, its object, then 至; "分别压缩至3个工作日、1个
# 工作日以内": the next of a list after it.
REDUCED_TO_AFTER_WORDS = re.compile(
    r"(?:压缩|压减|缩短|减少|降低)[^，,。；;]{1,10}?(?:至|到)\s{0,3}$"
    r"|(?:压缩|压减|缩短|减少|降低|控制)(?:至|到|在)[^，,。；;]{1,12}、\s{0,3}$")
# A service time held to a level: "平均用时不超过5个工作日", "办理时间在2个工作日以内",
# "审理期限不超过45日" — a target. Not "事项最长不超过30个工作日" (a limit on a task).
SERVICE_TIME_LIMIT = re.compile(
    rf"(?<!{RECTIFY}){alt(SERVICE_TIMES)}(?:[^，,。；;]{{0,3}}?(?:不超过|不得超过|不高于|控制在)|在)"
    r"\s{0,3}$")
# "高压单电源用户不超过25个工作日" (no 内 after it) — but "事项最长不超过30个工作日" and
# "在不超过3个工作日内予以答复" stay limits on a task.
BARE_NOT_OVER = re.compile(rf"(?<!最长)(?<!最多)(?<!在){NOT_AFTER_RECTIFY_LIMIT}不超过\s{{0,3}}$")



# Any plausible plan year: "2021年", "2021 年度", "2021跨国公司领导人青岛峰会"; not an amount,
# "年销售收入不超过2000万元", "技师2000元", "2000余条经营范围规范用语".
AMOUNT_AFTER = ("万", "亿", "元", "余", "多")
ANY_YEAR = re.compile(rf"(?<![0-9])(?P<y>20[0-4][0-9])(?![0-9])(?!\s{{0,3}}{alt(AMOUNT_AFTER)})")
# A document number's year in brackets: "财库〔2020〕46号", "鲁自然资字[2020]94号".
DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\s{0,3}(?:19|20)[0-9]{2}\s{0,3}[〕\]］)）]")

# Four digits that may be a year: every deadline phrase that names its own year holds them.
# They open with one of CENTURY_LEADS, which a year finder looks for with ``str.find``.
CENTURY_LEADS = tuple(two + zero for two in "2２" for zero in "0０")
YEAR_DIGITS = re.compile(f"{alt(CENTURY_LEADS)}[{DIGITS}]{{2}}")

__all__ = [name for name in dir() if name.isupper()]
