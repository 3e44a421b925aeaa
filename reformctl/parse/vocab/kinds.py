"""What a document is, when it is no action plan: the words it calls itself by at the end of
its title, and the words of its body that tell (a reply's "…收悉。现批复如下", a regulation's
"第一章 总则" / "第二条 本办法所称…").

A document of one of these kinds yields no measures (its numbered lines are the points of a
reply, the articles of a regulation, a holiday timetable), unless its notes name owners
(parse/kind.py): "包头市数字政府建设考评办法" lists 90 tasks, each with its owner, and is a plan.
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt

# Each kind: (name, the words that end a title of that kind), most specific first. A title is
# read without the brackets that close it ("（试行）", "（征求意见稿）") and, for a notice that
# carries a document ("关于印发《X》的通知"), by that document's title.
KIND_WORDS = (
    # "国务院办公厅关于同意在某市设立综合保税区的复函", "…建议的答复", "…的函"
    ("reply", ("复函", "函复", "答复", "回复", "函")),
    # "国务院关于河北雄安新区总体规划（2018—2035年）的批复"
    ("approval", ("批复",)),
    # "国务院关于2018年度国家科学技术奖励的决定"
    ("decision", ("决定",)),
    # "个人所得税专项附加扣除暂行办法", "专利代理条例", "中华人民共和国国务院令", "实施细则"
    ("regulation", ("实施条例", "条例", "实施细则", "细则", "办法", "规定", "规则", "国务院令")),
    # "国家粮食应急预案"
    ("contingency plan", ("预案",)),
    # "…给予表扬的通报", "…名单的公示", "…的公告"
    ("notice", ("通报", "公告", "公示")),
)
# A 通知 is a notice, not a plan, only when it is about these: "关于2019年部分节假日安排的通知",
# "关于调整国家教材委员会组成人员的通知", "关于组织申报…的通知". Any other 通知 ("关于做好…工作的
# 通知") may well list measures and is read as a plan.
NOTICE = "通知"
NOTICE_SUBJECTS = ("节假日", "放假", "组成人员", "名单", "申报", "征集", "评选", "表彰")

# A notice that carries a document: "关于印发《政府网站集约化试点工作方案》的通知",
# "转发民政部关于清理整顿社会团体意见的通知", "关于印发国家粮食应急预案的函".
CARRIES = ("印发", "转发", "批转")
CARRIER_ENDS = (NOTICE, "函")
CARRIER = re.compile(rf"{alt(CARRIES)}(?P<inner>.+?)的?{alt(CARRIER_ENDS)}$")
# The words a plan's title ends with: "…实施方案", "…若干措施", "…任务分工", "…工作要点",
# "…社区建设工作指引", "…标准体系建设指南". With KIND_WORDS and the carriers' ends, what a
# document's title line ends with.
PLAN_WORDS = ("方案", "措施", "意见", "计划", "办法", "细则", "清单", "分工", "分工表", "要点",
              "规划", "决定", "举措", "指引", "指南")
TITLE_ENDS = (*PLAN_WORDS, *CARRIER_ENDS, *(word for _, words in KIND_WORDS for word in words))
# Brackets closing a title: "（试行）", "（征求意见稿）", "（2021—2023年）".
TITLE_TAIL = re.compile(r"[（(][^（()）]{1,16}[）)]$")
# A document number under the title, which ends the title: "国发〔2018〕43号", "国办函〔2004〕80号".
DOCUMENT_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号|^第\s*\d{1,4}\s*号$")

# The body of a reply or an approval: "你省《关于…的请示》收悉。经国务院同意，现批复如下：",
# "您提出的关于…的建议收悉，现答复如下：".
RECEIVED = "收悉"
REPLY_CUE = re.compile(rf"{RECEIVED}.{{0,40}}?(?P<how>批复|函复|答复|复函)如下")
# The body of a regulation: "第一章 总则", "第二条 本办法所称…", "第一条 为…，制定本细则。"
REGULATION_SELF = ("实施细则", "细则", "办法", "条例", "规定", "规则")
REGULATION_CUE = re.compile(
    rf"^第一章\s*总则$|^第[一二三]条.{{0,80}}?(?:制定本|本){alt(REGULATION_SELF)}"
    r"(?:所称|所指|适用于|。|，)")
# A document that carries another in its body: "《…办法（V1.0）》已经…审议通过，现印发给你们".
CARRIED_IN_BODY = re.compile(r"《(?P<inner>[^《》]{4,80})》[^。]{0,60}?(?:印发给你们|现予印发|现印发)")
# An interpretation of a policy, no policy itself: "一、《若干政策》出台背景", "政策解读".
INTERPRETATION_CUE = re.compile(r"^[一二三四五六七八九十]、《[^》]{2,30}》(?:出台背景|起草背景|主要内容)")

__all__ = [name for name in dir() if name.isupper()]
