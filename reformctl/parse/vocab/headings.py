"""Headings and closing words: what a plan says around its measures, which are no measures.

Aims, principles and safeguards ("二、主要目标", "四、保障措施"), the section that assigns
owners by number ("任务分工"), the article saying when the plan applies, a notice's tail and
closing instructions to everyone ("各单位要于12月10日前报送…").
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt
from reformctl.parse.vocab.roles import (
    LEAD,
    OWNER,
    RESPONSIBLE_LABELS,
    SCOPE_ABOVE,
    SCOPE_OBJECTS,
    UNIT_NOUNS,
)
from reformctl.parse.vocab.time import COMPLETION_AFTER_YEAR, SCHEDULE

# Headings of aims and principles: "一、指导思想", "（二）主要目标", "三、基本原则".
AIM_HEADINGS = ("指导思想", "基本原则", "总体要求", "总体思路")
# Headings that end so: "（二）主要目标", "工作目标", "存在的主要问题", "突出问题".
AIM_HEADING_ENDS = r"(?:总体|主要|发展|工作|预期)目标$|存在的?(?:主要)?问题$|(?:主要|突出)问题$"
# Headings of safeguards: "四、保障措施", "五、组织实施", "（三）进度安排".
SAFEGUARD_HEADINGS = ("保障措施", "保障机制", "组织保障", "组织实施", "工作要求", "实施步骤",
                      SCHEDULE)
# The closing provisions of a 若干措施: "十、附则" / "本措施自发布之日起试行…", or "附则" on a
# line of its own over "（一）适用范围" / "（二）认定管理".
CLOSING_PROVISIONS = ("附则",)
# …and the opening ones of a 实施细则 in chapters: "第一章 总则" over "第一条 为加快…，制定本
# 实施细则。" / "第二条 本细则适用于…" (purpose, scope, definitions: no measures).
OPENING_PROVISIONS = ("总则",)
# The closing duties of a plan numbered only "一、": "四、加强组织实施", "五、强化督导考核",
# "六、加强宣传引导".
CLOSING_DUTIES = ("组织领导", "督促检查", "督查", "督导", "考核", "宣传", "总结评估")

# What a plan calls itself: "本措施自印发之日起施行", "本方案由市发展改革委负责解释".
PLAN_SELF = ("政策措施", "措施", "方案", "办法", "意见", "规定", "细则", "政策", "计划", "通知")
# …and, in a closing article only, "本实施细则自…起施行".
PLAN_SELF_ARTICLE = (*PLAN_SELF, "实施细则")
# How it says when it applies: "自印发之日起施行", "自2023年3月1日起实施".
TAKES_EFFECT = ("施行", "实施", "执行", "生效")
# Who explains it: "由市发展改革委负责解释".
EXPLAINS = OWNER[0] + "解释"

# The heading of a section assigning owners by number: "二、任务分工", "（五）责任分工",
# "三、职责分工".
ASSIGNMENT_KINDS = ("任务", RESPONSIBLE_LABELS[0], "职责", "工作")

# Addressees of a closing instruction: "各单位要…", "各县市区要…", "各责任单位要…".
ADDRESSEES = ("地", "单位", "部门", "市", "州", "区", "县", "区县", "县区", "县市区", "有关单位",
              *(f"{role}{UNIT_NOUNS[1]}" for role in (RESPONSIBLE_LABELS[0], *LEAD)),
              "地各部门")

# -- patterns ----------------------------------------------------------------------------

# Headings of what a plan says around its measures: aims, principles, safeguards.
NOT_MEASURES_HEADING = re.compile(
    f"{alt(AIM_HEADINGS)}|{AIM_HEADING_ENDS}|{alt(SAFEGUARD_HEADINGS)}"
    f"|^{alt(CLOSING_PROVISIONS)}$|^{alt(OPENING_PROVISIONS)}$")
# The closing duties of a plan numbered only "一、" (document._without_closing_sections).
CLOSING_SECTION = re.compile(f"{NOT_MEASURES_HEADING.pattern}|{alt(CLOSING_DUTIES)}")
_EFFECT = rf"自[^。；;]{{0,16}}起{alt(TAKES_EFFECT)}"
_EXPLAINED = rf"由[^。；;]{{1,20}}{EXPLAINS}"
# The closing article of a 若干措施 or a regulation-like plan, numbered like the measures:
# "第六条 本措施自印发之日起施行，有效期至2025年12月31日", "10.本方案由市发展改革委负责解释。"
# Only a measure that is nothing but that: "本方案涉及的资金由市财政统筹保障" is a measure.
EFFECTIVE_CLAUSE = re.compile(rf"^本{alt(PLAN_SELF_ARTICLE)}(?:{_EFFECT}|有效期|{_EXPLAINED})")
CLOSING_PROVISIONS_LINE = re.compile(rf"^{alt(CLOSING_PROVISIONS)}$")
# Lines after which the numbered measures are over (until a new heading): the distribution
# list "抄送：…", the issuer and date of a notice, annex markers, a boxed 专栏 of projects,
# "本措施自2023年3月1日起施行，有效期至2025年12月31日。" (when the plan applies).
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
# Who issued it and when, as a line of its own after the last measure: "深圳市龙华区科技创新局
# 2026年3月10日发布", "常熟市人民政府2026年1月6日…", "2026年3月23日东莞市发展和改革局发布，…",
# "2026年4月18日，永州市数据局…". Not "2025年6月30日前，市大数据局…" (a deadline).
ISSUERS = ("局", "委", "办", "厅", "院", "政府", "办事处", "中心", "管委会")
ISSUED_LINE = (rf"^[^。；;，,、：:（()）]{{2,30}}?{alt(ISSUERS)}\s*于?{_DATE}"
               rf"|^{_DATE}(?![前后起至以])[，,]?[^。；;，,、（()）]{{2,24}}?{alt(ISSUERS)}")
# infer_year: the issue date of such a line ("济南市人民政府办公厅 2019年1月3日印发").
ISSUED_DATED_LINE = re.compile(ISSUED_LINE)
DOCUMENT_TAIL = re.compile(
    r"^(?:抄送|主送|印发|发送|附件\s*[:：\d]|附件$|附表|（此件|\(此件)"
    rf"|^{_DATE}$|{ISSUED_LINE}"
    rf"|^本{alt(PLAN_SELF)}(?:{_EFFECT}|{_EXPLAINED})"
)
# A closing instruction to everyone after the last measure, not part of it:
# "各单位要于12月10日前报送年度工作总结。", "请各区于每季度末报送进展情况。"
CLOSING_INSTRUCTION = re.compile(rf"^(?:各{alt(ADDRESSEES)}[^。；;]{{0,4}}?要|请各|下一步[，,])")
# A line after the measures that says when they are all done: "以上工作要在2019年2月底前完成。"
# (国办发〔2018〕127号), "上述任务于2023年12月底前完成", "（以上事项2023年底前全部完成）". A
# paragraph of its own, not the last measure's text: the measures above it that name no
# deadline have its deadline (parse/closing.py), as a scope note gives them owners.
SCOPE_DEADLINE_LINE = re.compile(
    rf"^[（(]?{alt(SCOPE_ABOVE)}(?:各项)?{alt(SCOPE_OBJECTS)}?[^。；;（()）]{{2,40}}?前"
    rf"\s{{0,3}}(?:均|全部|要|须|应)?(?:{alt(COMPLETION_AFTER_YEAR)})?[）)]?[。；;]?$")
# The heading of a 任务分工 section.
ASSIGNMENT_HEADING = re.compile(rf"^{alt(ASSIGNMENT_KINDS)}?分工(?:安排|情况)?[。:：]?$")


# The annex of a notice or plan: "附件", "附件2", "附件：重点任务分工表".
ANNEX_MARK = re.compile(r"^附件\s{0,2}\d{0,2}\s{0,2}(?:[:：]|$)")

__all__ = [name for name in dir() if name.isupper()]
