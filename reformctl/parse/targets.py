"""Find the numeric targets of a measure: "城镇登记失业率控制在4.5%以内" → ≤ 4.5 %.

A target is a quantity (number, 万/亿 multiplier, unit) plus what the plan says about it: the
thing measured (subject), the comparator, and whether the number is a level or a change.
Supervisors check these numbers against reported results, so precision comes first: a
number that is not clearly a goal is left out rather than guessed at.

How it works: ``QUANTITY`` (and ``CN_QUANTITY``) find every number with its unit and
trailing comparator; neighbours joined by "、/和" become a list (达到92%、86% → two
targets) and neighbours joined by "-/至" a range (6% - 10%); then each group is kept or
dropped by its context in the clause, and gets its comparator, change flag and subject from
the words before it.

Decisions on ambiguous wording (the answer key is hand-made, so these are choices):

- 达到/达/突破 → ``>=`` (a plan's "达到90%" is met by 92%); 高于/超过 (with or without
  "(含…)") → ``>=``; a bare number ("好评率100%", "城镇新增就业3.4万人", "提升至…") → ``=``.
- 以下/以内/内/不超过/不大于/最长/最高/最多/控制在/压减至 → ``<=``; 左右/约 → ``~``;
  "6% - 10%", "3%-5%", "6%至10%" → ``range`` with value (6, 10).
- change is true for 增长/提升/提高/增加/降低/减少/压减/压缩/缩短/增速/增幅 directly
  before the number ("增长20%", "提升2个百分点", "增速达30%以上", "压减50%"); a verb
  followed by 至/到 names the new level ("压减至4个小时以内") and is not a change.
- Percentages, 个百分点 and 倍 are always targets (except a bare "(60%)" weight note).
  Counts, money, hours and physical quantities are targets only with a comparator
  (以上, 不超过, 左右…) or a goal verb in the same clause (达到, 实现, 只经, 推出, 建设…,
  and vocab/quantities.py's 合并为, 开展, 自选, 获享…; or after the count: "16种原产地证书…
  升级为智能审核"): "只经1个环节", "各推出100件", "合并为1个政务服务事项", "组织开展1次
  联合监督检查", "自选5种方式" are in; "签约的18个利用外资项目" is out.
- kind: a threshold is a ``limit`` (who or what the measure covers) when it has 及以上/及以下
  before a noun ("35千伏及以上电力接入工程"), or a comparator and its clause goes on to 的
  and a covered noun ("200万元以下的货物和服务项目", "高于500万美元(含500万美元)的制造业
  投资项目") with no count verb before it; "年满18周岁" is a limit of its own. Everything
  else is a ``goal``. The same goal said twice in a measure is one target (seed 1.1).
- Days, weeks, months and 工作日 ("15个工作日内", "7日内", "3个月内") are deadlines and
  belong to the deadline extractor, unless a reduction verb makes them a level
  ("压缩至3个工作日"). Hours and minutes ("最长4个小时", "控制在9小时内") are targets.
- Scope thresholds with a comparator are kept, because the key's units include 千瓦, 千伏安
  and 千伏: "不大于160千瓦" and "160千瓦及以下" → ``<=``, "35千伏及以上" → ``>=`` (never a
  change, and the subject is the noun that follows). "10千伏企业用户" has no comparator and
  is skipped.
- Never targets: years, dates, list numbers, document numbers (〔2020〕46号), numbers inside
  《…》 titles or “…” quotes ("1545", "500强"), ordinals (第三十五届), "7×24小时", hotlines
  (12366), ages other than 年满N周岁, and any number without a unit.
- "第二批74项…事项落地" counts as a target (= 74 项): the number is not the ordinal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reformctl.model import Target
from reformctl.parse.numbers import FULLWIDTH_NUMERIC, parse_number
from reformctl.parse.vocab import alt, char_class, chars
from reformctl.parse.vocab.quantities import (
    AGE_LIMIT,
    COUNT_GOAL_VERB_BEFORE,
    COUNT_GOAL_VERBS,
    COVERS_AFTER,
    GOAL_AFTER,
    GOAL_VERB_EXTRA,
    SCOPE_POSTS,
)
from reformctl.parse.vocab.time import (
    NOT_AFTER_RECTIFY_LIMIT,
    RECTIFY,
    SERVICE_TIME_ENDS,
    SERVICE_TIMES,
)

# One optional space: PDF text keeps spaces around digits ("6% - 10%", "15 个工作日").
_SP = "[ \\t\\u3000\\xa0]?"

# Units, longest first so that 个百分点 wins over 个 and 千伏安 over 千伏.
_UNITS = (
    "个百分点|百分点|%|‰|个小时|小时|分钟|个工作日|工作日|个月|天|日|周(?!岁)"
    "|人次|人|户|家|项|个|件|类|种|所|座|台|套|条|批|名|笔|次|张"
    "|千瓦时|千瓦|千伏安|千伏|兆瓦|平方公里|公里|平方米|立方米|米|公斤|吨|斤|公顷|亩|倍|美元|元"
    "|[PETG](?:FLOPS|Flops|flops)|[PET]B(?![A-Za-z/])|[GMk]Wh|辆|艘|架|部(?![门署分委长])|支(?![持付撑出队])|核(?![查心准发实验])"
    "|标箱|处(?![理置罚分室长级])|m²|㎡|场次|场(?![景所地馆站])|份(?![额])|篇|款(?![项])|枚"
)

_MULT = "万亿|千亿|百亿|亿|千万|百万|十万|万"

# What follows a number: multiplier, unit, "(含…)" note and trailing comparator.
#   "城镇新增就业3.4万人", "200万元以下", "高于500万美元(含500万美元)",
#   "压减至4个小时以内", "2个小时内即可办结", "10家左右", "160千瓦及以下".
_TAIL = rf"""
    (?:{_SP}(?P<mult>{_MULT}))?
    (?:{_SP}(?P<unit>{_UNITS}))?
    (?P<incl>[（(]含[^（()）]{{0,15}}[)）])?
    (?:{_SP}(?P<post>及以上|及以下|以上|以下|以内|之内|内(?![容部外涵在地蒙需控])|左右))?
"""

# An Arabic number and its tail: "3.4万人", "1,000家", "6% - 10%" (each side).
# The pattern starts with a plain digit class so that the scanner skips Chinese text fast; what
# may not precede the number (a letter, a dot, 第, ×) is checked in code. [0-9][0-9]* rather
# than [0-9]+ (the same matches): re skips ahead to a candidate character only when the pattern
# opens with a character class, not with a repeat of one.
QUANTITY = re.compile(rf"(?P<num>[0-9][0-9]*(?:,[0-9]{{3}}(?![0-9]))*(?:\.[0-9]+)?){_TAIL}", re.VERBOSE)

# The goal verbs a Chinese numeral may follow: "提高两个百分点", "不少于三家".
CN_QUANTITY_VERBS = ("达到", "达", "不少于", "不低于", "不超过", "不高于", "不大于", "超过", "突破",
                     "提升", "提高", "增长", "增加", "压减至", "压缩至", "缩短至", "控制在")
# A Chinese numeral, only right after a goal verb: "提高两个百分点", "不少于三家".
# Not a lone 一, which is a word of its own: "达到一次投入", "只需到一个窗口".
CN_QUANTITY = re.compile(
    rf"{alt(CN_QUANTITY_VERBS)}(?P<num>(?!一(?![零〇一二两三四五六七八九十百千]))"
    rf"[零〇一二两三四五六七八九十百千]+){_TAIL}",
    re.VERBOSE,
)

# Two quantities joined into a range: "6% - 10%", "3%-5%", "6%至10%".
RANGE_GAP = re.compile(r"[ \t\u3000]{0,2}[-—–~至到][ \t\u3000]{0,2}")

# Two quantities in one list: "作业化率达到92%、86%", "分别占比达30%、20%和10%".
LIST_GAP = re.compile(r"[ \t\u3000]?[、和及与][ \t\u3000]?")

# CN_QUANTITY's pre-check: each of its verbs ends in one of these characters and a numeral
# follows at once ("提高两个百分点", "不少于三家"), so a text without such a pair has no match;
# one character-class search costs less than trying every verb at every character.
_VERB_END = "".join(sorted(chars(CN_QUANTITY_VERBS, -1)))
_CN_NUMERAL = "零〇一二两三四五六七八九十百千"
CN_QUANTITY_PAIR = re.compile(f"[{_VERB_END}][{_CN_NUMERAL}]")

# find_targets' pre-check, one search for the two ways a target's quantity can look: a digit
# and then a unit as QUANTITY's tail reads it ("3.4万人", "90%", "１５个工作日": ％ and
# full-width digits as in an untranslated text; QUANTITY's number ends in a digit), or a
# CN_QUANTITY_PAIR ("提高两个百分点"). A target needs a quantity with a unit, so a text
# without either has none. Most measures have no target, and this spares them the walk over
# every year, date and list number. One character class comes first, so re skips the text
# fast; the lookbehinds tell the two apart.
MAY_HOLD_TARGET = re.compile(
    rf"[0-9０-９{_VERB_END}](?:(?<=[0-9０-９])(?:{_SP}(?:{_MULT})|(?:{_SP}(?:{_MULT}))?{_SP}(?:{_UNITS}|％))"
    rf"|(?<=[{_VERB_END}])[{_CN_NUMERAL}])"
)

# A bare number that takes the unit of the next one: "3-5%", "2.2、2.4万亿元".
BORROWS_UNIT = re.compile(r"[ \t\u3000]{0,2}[-—–~至到、和及与][ \t\u3000]{0,2}\d")

# Full-width digits and symbols that FULLWIDTH_NUMERIC folds: "１２", "９０％".
FULLWIDTH_CHAR = re.compile("[０-９％．～－]")

# Book titles and quoted names: "《泰安市 2021 - 2022 年知识产权保护推进计划》",
# "推行“1545”企业开办模式", "“山东与世界500强连线”".
MASKED = re.compile(r"《[^《》\n]{0,120}》|“[^“”\n]{0,40}”|「[^「」\n]{0,40}」")

# Clause breaks for the context of a number (the verb that governs it is in the same clause).
CLAUSE_BREAK = re.compile(r"[。；;，,！？!?：:\n]")
# Narrower breaks for the subject: a list item "报装容量不大于160千瓦、管线长度不大于200米".
SUBJECT_BREAK = re.compile(r"[。；;，,！？!?：:\n、]")
# The last break before a position, in one match rather than a walk over every break: ".*"
# runs to the end of the searched range and backs up to the last break character.
LAST_CLAUSE_BREAK = re.compile("(?s:.*)" + CLAUSE_BREAK.pattern)
LAST_SUBJECT_BREAK = re.compile("(?s:.*)" + SUBJECT_BREAK.pattern)

# Words right before the number that set the comparator or mark a change; up to three
# in a row: "增速达30%以上", "分别突破2.2万亿元", "最高奖励500万元", "控制在4.5%以内".
_LEVEL_WORD = (
    "分别|年均|同比|增长[至到]|增长|提升[至到]|提升|提高[至到]|提高|增加[至到]|增加|降低[至到]|降低|降[至到]"
    "|下降|减少[至到]|减少|压减[至到]|压减|压缩[至到]|压缩|缩短[至到]|缩短|控制在|稳定在|达到|达|突破"
    "|不低于|不少于|不小于|不超过|不高于|不大于|高于|低于|超过|大于|小于|多于|少于"
    "|至少|最少|最低|最长|最高|最多|只经|大约|约|近|为|了"
)
_OP_WORD = "增速|增幅|" + _LEVEL_WORD
PREFIX_WORDS = re.compile(
    rf"(?:{_OP_WORD})(?:奖励|补助|补贴|召开|开展|举办|组织)?(?:{_OP_WORD}){{0,2}}$")

# 不低于 is ≥ although it contains 低于, and 不超过 is ≤ although it contains 超过.
GE_WORDS = re.compile(r"不低于|不少于|不小于|至少|最少|最低|(?<!不)(?:高于|超过|大于|多于)|突破|达")
LE_WORDS = re.compile(
    r"不超过|不高于|不大于|(?<!不)(?:低于|少于|小于)|最长|最高|最多|控制在|压减[至到为]|压缩[至到为]"
    r"|缩短[至到]|降[至到]|减少[至到]|降低[至到]"
)
APPROX_WORDS = re.compile(r"约|近")
# A subject that is itself a growth rate: "普惠型小微企业贷款增速".
GROWTH_SUBJECT = re.compile("增速|增幅")
# 增长20%, 提升2个百分点, 增速达30%, 压减50%; not 压减至 / 提升至 (a level).
CHANGE_WORDS = re.compile(r"增速|增幅|(?:增长|提升|提高|增加|降低|下降|减少|压减|压缩|缩短)(?![至到为])")

POST_OPS = {
    "以上": ">=",
    "及以上": ">=",
    "以下": "<=",
    "及以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "内": "<=",
    "左右": "~",
}

# A goal verb anywhere earlier in the clause makes a count a target: "企业开办全流程只经1个
# 环节", "各推出100件高频事项", "启动建设3家市级创新创业共同体", "完成…第二批74项…落地",
# "实现…等34类高频电子证照在全市推广应用", "实现城镇新增就业3.4万人".
GOAL_VERB = re.compile(
    r"达到|达|实现|只经|最长|最短|最高|最多|最少|至少|不超过|不少于|不低于|不高于|不大于"
    r"|不小于|高于|低于|超过|突破|压减|压缩|缩短|控制在|提升|提高|增长|增加|新增|推出|建成"
    r"|建设|培育|完成|累计|占比|降低|下降|减少|新建|新开工|引进|培训|招引|打造|汇聚|部署|上线"
    r"|安排|投入|开发|组建|打通|更新|奖励|补贴|补助|资助"
)

# Days and months are deadlines ("15个工作日内予以解决", "7日内作出", "3个月内提交") unless
# a reduction makes them a level: "办理时限压缩至3个工作日".
REDUCE_TO = re.compile(
    r"(?:压减|压缩|缩短|减少|降低|降)(?:[^，,。；;]{1,10}?)?(?:至|到|为)$|控制在$|稳定在$"
    # "平均用时不超过5个工作日", "办理时间在2个工作日以内": a service time held to a level.
    rf"|(?<!{RECTIFY}){alt(SERVICE_TIMES)}(?:[^，,。；;]{{0,3}}?(?:不超过|不得超过|不高于)|在)$"
    rf"|(?<!最长)(?<!最多)(?<!在){NOT_AFTER_RECTIFY_LIMIT}不超过$")

RATE_UNITS = frozenset({"%", "‰", "个百分点", "倍"})
TIME_UNITS = frozenset({"天", "日", "周", "个月", "工作日"})
UNIT_ALIASES = {"个小时": "小时", "百分点": "个百分点", "个工作日": "工作日"}

# --- subject clean-up -------------------------------------------------------------------

# Verbs whose object is the counted thing: "启动建设3家市级创新创业共同体", "各推出100件
# 高频事项", "先行培育10个具有引领效应的…", "每年认定10家左右…".
_COUNT_VERB = ("启动建设|建设|推出|推进|完成|新增|培育|认定|实施|遴选|建成|开通|入驻|引育|设立"
               "|新建|新开工|引进|培训|招引|改造|打造|汇聚|部署|上线|安排|投入|召开|开展|举办|组织")
COUNT_VERB_BEFORE = re.compile(rf"(?:{_COUNT_VERB}|{alt(COUNT_GOAL_VERBS)})$")

# Words between subject and number: "提前申报率”达到", "失业率控制在", "比重较去年年底提升".
# 增速/增幅 stay: "普惠型小微企业贷款较年初增速达30%" measures the growth rate.
# 至 not after 压/降 ("增长至", not "压降至"), 在/由 after a service time ("办理时间在"). Each
# alternative opens with its own character and looks behind after it, so that the regex engine
# skips ahead to the characters a trail can open with (at C speed); a lookbehind first had it
# try every position of the text (2.6 times slower).
_AFTER_TIME = "|".join(f"{c}(?<={char_class(SERVICE_TIME_ENDS)}{c})" for c in "在由")
SUBJECT_TRAIL = re.compile(
    rf"(?:{_LEVEL_WORD}|的|第[一二三四五六七八九十\d]+批|{_COUNT_VERB}|至(?<=[^压降]至)|{_AFTER_TIME})$")
# The baseline of a change: "较年初", "较去年年底", "较上一年", "比上年同期".
# Not a bare 比: "在各项贷款中的比重较去年年底提升".
BASELINE = re.compile(
    r"(?:较[^，,。；;]{0,6}?|比)(?:年初|年底|年末|上一年|上年|去年|同期|20\d{2}年)(?:年底|年末|底|末|同期)?"
)
# Connectors and time words before the subject: "12月底前,将进口整体通关时间",
# "力争2021年底整体普惠型…", "全年“提前申报率”", "确保全年总体“好评率”".
SUBJECT_LEAD = re.compile(
    r"^(?:\d{1,3}[.、]|[（(]\d{1,2}[)）]|(?:到|至|在)?\d{4}年(?:底|末|前|内)?前?"
    r"|\d{1,2}月(?:底|中旬|上旬|下旬|末)?前?|年底前?|全年|年内|每年|当年|实现|确保|力争|争取"
    r"|努力|推动|推进|将|对(?!外)|按其|按照|按|要|给予|其中|整体|总体|全面|全省|全市|累计|启动"
    r"|建设|建成(?!区)|开通|完成|新增|新建或改造|新建|新开工|新开发|新组建|更新改造|引进|培训|招引"
    r"|压缩|压减|缩短|每季度|每月|每半年|举办|召开|开展|组织"
    r"|打造|汇聚|部署|上线|开发|组建|打通"
    r"|安排|投入|实施|实行|最高|最多"
    r"|最长|筛选申报|分别)"
)
# Earlier connectors that start the real subject: "推动大型商业银行实现普惠型小微企业贷款…".
SUBJECT_RESTART = re.compile(r"实现|确保|力争|争取|推动|每年|设立")
# A number inside what is left: "47．全市新增2400户（累计约3600户）" → cut before it.
QUANTITY_IN_SUBJECT = re.compile(rf"[0-9]+(?:\.[0-9]+)?(?:万|亿)?(?:{_UNITS})")
# "普惠型小微企业贷款在各项贷款中的比重" → "普惠型小微企业贷款比重".
SUBJECT_SHARE_OF = re.compile(r"在[^的，,]{1,8}中的")
# "完成国家部署的第二批74项“跨省通办”事项落地": the batch ordinal qualifies what follows.
ORDINAL_BATCH = re.compile(r"第[一二三四五六七八九十\d]+批$")
PAREN_GROUP = re.compile(r"[（(][^（()）]*[)）]")
OPEN_PAREN = re.compile(r"[（(]")
NUMBER_ONLY = re.compile(r"[\d\s.,]*")
SPACES = re.compile(r"[ \t\u3000\xa0]+")
QUOTE_MARKS = re.compile(r"[“”\"‘’「」*]")
# The noun after the number: "3家市级创新创业共同体；", "等34类高频电子证照在全市推广应用",
# "200万元以下的货物和服务项目、".
NOUN_AFTER = re.compile(
    r"^的?(?P<np>[^，,。；;、：:（()）\s]{1,20}?)"
    r"(?=[，,。；;、：:（()）\s]|$|在|的|进展|建设|落地|集成|推广|专门|予以|由|实行|并|及时)"
)
SUBJECT_MAX = 24
# Beyond this, "X在各项贷款中的比重" loses its "在…中的" (普惠型小微企业贷款比重).
SUBJECT_SHARE_MAX = 15


@dataclass
class _Quantity:
    start: int
    end: int
    value: float
    unit: str
    post: str
    num: str
    mult: str


def find_targets(text: str, line_at: Callable[[int], int] | None = None) -> list[Target]:
    """Every numeric target in ``text`` (a measure's clean text), in text order.

    ``span`` indexes ``text``; ``line_at`` gives the source line of an offset (without it,
    ``line`` stays None).
    """
    if MAY_HOLD_TARGET.search(text) is None:
        # no quantity with a unit: no target, but for an age limit ("年满18周岁")
        return _ages(text, line_at) if "周岁" in text else []
    return _find_targets(text, line_at)


def _find_targets(text: str, line_at: Callable[[int], int] | None = None) -> list[Target]:
    """find_targets without its pre-check."""
    # One char for one char, so offsets stay valid; translate only when needed (it is slow).
    norm = text.translate(FULLWIDTH_NUMERIC) if FULLWIDTH_CHAR.search(text) else text
    quoted = "《" in norm or "“" in norm or "「" in norm  # MASKED's opening marks
    masked = [m.span() for m in MASKED.finditer(norm)] if quoted else []
    targets: list[Target] = []
    for group, kind in _groups(_quantities(norm, masked), norm):
        targets.extend(_targets_of(group, kind, norm, text, targets, line_at))
    if "周岁" in norm:
        targets = sorted([*targets, *_ages(norm, line_at)], key=lambda t: t.span or (0, 0))
    return _without_repeats(targets, norm)


def _ages(text: str, line_at: Callable[[int], int] | None) -> list[Target]:
    """Ages that say who a measure covers: "…及年满18周岁自然人的诚信帐户" → a limit ≥ 18 周岁
    of 自然人."""
    out = []
    for m in AGE_LIMIT.finditer(text):
        subject = _noun_after(text[m.end() : m.end() + 24]) or "年龄"
        out.append(Target(raw=m.group(), subject=subject, op=">=", value=float(m["num"]),
                          unit="周岁", line=line_at(m.start()) if line_at is not None else None,
                          span=m.span(), kind="limit"))
    return out


def _without_repeats(targets: list[Target], norm: str) -> list[Target]:
    """A goal said again in the same measure is one target: seed 1.1's summary "…最长4个小时,
    获享5项服务" said again in "实现企业开办最长4个小时办结常态化" and "…“惠企政策大礼包”
    5项服务". The same words and quantity, and the same measured thing (one subject inside
    the other) or the same counted thing after the number — but two counts whose subject is
    each the thing they count are two goals ("…合并为1个政务服务事项,将…合并为1个政务服务
    事项", seed 2.10)."""
    if len(targets) < 2:
        return targets
    kept: list[tuple[Target, str, bool]] = []
    for t in targets:
        after = _noun_after(norm[t.span[1] : t.span[1] + 24]) if t.span else ""
        counted = bool(after) and t.subject == after  # its subject is the thing it counts
        if not any(k.raw == t.raw and k.op == t.op and k.value == t.value and k.unit == t.unit
                   and k.kind == t.kind and not (counted and k_counted)
                   and ((not counted and not k_counted
                         and (k.subject in t.subject or t.subject in k.subject))
                        or (after and after == k_after))
                   for k, k_after, k_counted in kept):
            kept.append((t, after, counted))
    return [t for t, _, _ in kept]


def _quantities(norm: str, masked: list[tuple[int, int]]) -> list[_Quantity]:
    matches = list(QUANTITY.finditer(norm))  # in text order
    cn_matches = list(CN_QUANTITY.finditer(norm)) if CN_QUANTITY_PAIR.search(norm) else []
    if cn_matches:
        matches += cn_matches
        matches.sort(key=lambda m: m.start("num"))
    out: list[_Quantity] = []
    mask = iter(masked)  # sorted and disjoint, like the matches
    current = next(mask, None)
    for m in matches:
        # Most numbers have no unit (years, dates, list numbers): the cheapest test first.
        # Every test below only drops the match, so their order does not change the result.
        unit = m["unit"] or ""
        if not unit and not m["mult"] and not BORROWS_UNIT.match(norm, m.end()):
            continue  # no unit and none to borrow: a year, a date, a list number
        start = m.start("num")
        while current is not None and current[1] <= start:
            current = next(mask, None)
        if current is not None and current[0] <= start:
            continue  # inside 《…》 or “…”
        before = norm[max(0, start - 2) : start]
        after = norm[m.end() : m.end() + 1]
        prev = before[-1:]
        if (prev.isascii() and prev.isalnum()) or prev in (".", "第", "×", "*"):
            continue  # "RCEP15", the tail of a dotted code, 第3批, 7×24小时
        if (prev == "," and before[:1].isdigit()) or after in ("×", "*"):
            continue  # the tail of a malformed "1,23", or 24×7
        value = parse_number(m["num"] + (m["mult"] or ""))
        if value is None:
            continue
        out.append(
            # start, end, value, unit, post, num, mult: by position (~2k instructions less)
            _Quantity(start, m.end(), value, UNIT_ALIASES.get(unit, unit), m["post"] or "",
                      m["num"], m["mult"] or "")
        )
    return out


def _groups(quantities: list[_Quantity], norm: str) -> list[tuple[list[_Quantity], str]]:
    """Join neighbours into ranges ("6% - 10%") and lists ("92%、86%")."""
    groups: list[tuple[list[_Quantity], str]] = []
    for q in quantities:
        if groups:
            last, kind = groups[-1]
            gap = norm[last[-1].end : q.start]
            if kind == "single" and not last[0].post and RANGE_GAP.fullmatch(gap):
                groups[-1] = ([last[0], q], "range")
                continue
            if kind in ("single", "list") and LIST_GAP.fullmatch(gap):
                groups[-1] = ([*last, q], "list")
                continue
        groups.append(([q], "single"))
    # A member without a unit borrows the next one's: "3-5%", "2.2、2.4万亿元".
    for members, _ in groups:
        for i in range(len(members) - 2, -1, -1):
            if not members[i].unit and members[i + 1].unit and not members[i].mult:
                nxt = members[i + 1]
                members[i].unit = nxt.unit
                if nxt.mult:  # "2.2、2.4万亿元": 2.2 is 2.2万亿 too
                    members[i].value = parse_number(members[i].num + nxt.mult) or members[i].value
    return groups


def _targets_of(
    members: list[_Quantity], kind: str, norm: str, text: str, previous: list[Target],
    line_at: Callable[[int], int] | None,
) -> list[Target]:
    first, last = members[0], members[-1]
    unit = last.unit
    if not unit and not all(q.mult and q.post for q in members) and not (
            all(q.mult for q in members) and kind == "single"):
        return []  # "注册用户突破1亿", "300万以上": a count in 万/亿 with no unit word
    if unit and any(not q.unit for q in members):
        return []
    clause_start = _break_before(LAST_CLAUSE_BREAK, norm, first.start)
    prefix = norm[clause_start : first.start].rstrip(" \t\u3000\xa0")  # "控制在 9 小时内"
    words = PREFIX_WORDS.search(prefix[-12:])
    word = words.group() if words else ""
    if last.post in SCOPE_POSTS:  # "压减35千伏及以上电力接入工程": a scope, not a goal
        word = ""
    elif word and (verb := COUNT_GOAL_VERB_BEFORE.search(prefix)) and verb.group().endswith(word):
        word = verb.group()  # "合并为1个", not "为1个"
    # "不超过招标项目估算价的2%": the comparator stands before the base the share is of.
    op_word = word or ((base := OF_BASE.search(prefix)) and base.group("op")) or ""
    word_start = clause_start + len(prefix) - len(word) if word else first.start

    if not _is_target(members, kind, norm, prefix, word):
        return []

    subject = _subject(members, norm, previous)
    if op_word and not word and op_word in subject:
        subject = subject.split(op_word)[0]  # "保证金缴纳比例不超过…估算价的" → 保证金缴纳比例
    change = bool(CHANGE_WORDS.search(word)) or bool(GROWTH_SUBJECT.search(subject))
    if kind == "range":
        op = "range"
        value: float | tuple[float, float] = (first.value, last.value)
        return [_target(text, word_start, last.end, subject, op, value, unit, change, line_at)]
    out = []
    for i, q in enumerate(members):
        post = q.post or last.post
        op = POST_OPS[post] if post else _prefix_op(op_word)
        scope = post in SCOPE_POSTS
        start = word_start if i == 0 else q.start
        limit = scope or (op != "=" and _covers(norm, q.end, prefix[: len(prefix) - len(word)]))
        out.append(_target(text, start, q.end, subject, op, q.value, q.unit,
                           change and not scope, line_at, "limit" if limit else "goal"))
    return out


def _covers(norm: str, end: int, before: str) -> bool:
    """Whether a threshold says who or what a measure covers: its clause goes on to 的 and a
    covered noun ("200万元以下的货物和服务项目", "高于500万美元(含500万美元)的制造业投资
    项目"), and no count verb governs it ("建设100个以上的示范项目" is a goal)."""
    return COVERS_AFTER.match(norm, end) is not None and not COUNT_VERB_BEFORE.search(before)


OF_BASE = re.compile(r"(?P<op>不超过|不高于|不大于|不低于|不少于|至少|高于|超过)[^，,。；;]{1,14}的$")

# A scoring rule of a 考核办法: "达到90%以上的得10分，每低1个百分点扣1分".
SCORING_RULE = re.compile(r"[得扣加减]\s?\d+(?:\.\d+)?\s?分")


def _is_target(members: list[_Quantity], kind: str, norm: str, prefix: str, word: str) -> bool:
    first, last = members[0], members[-1]
    unit = last.unit
    clause_end = CLAUSE_BREAK.search(norm, last.end)
    if SCORING_RULE.search(norm, first.start - len(prefix),
                           clause_end.start() if clause_end else len(norm)):
        return False  # a score for meeting it, not the plan's goal
    if unit in TIME_UNITS:
        return bool(REDUCE_TO.search(prefix))
    if unit in RATE_UNITS:
        # "日常监测（60%）+实地调研（20%）": a weight in brackets, not a goal.
        opened = first.start > 0 and norm[first.start - 1] in "（("
        closed = last.end < len(norm) and norm[last.end] in "）)"
        return not (opened and closed and not word)
    has_op = bool(word and _prefix_op(word) != "=") or any(q.post for q in members)
    if kind == "range" or has_op or GOAL_VERB.search(prefix) or GOAL_VERB_EXTRA.search(prefix):
        return True
    # "16种原产地证书由原来的人工审核升级为智能审核": the verb after the count, in its clause.
    return GOAL_AFTER.search(norm, last.end, clause_end.start() if clause_end else len(norm)) \
        is not None


def _prefix_op(word: str) -> str:
    if LE_WORDS.search(word):
        return "<="
    if GE_WORDS.search(word):
        return ">="
    if APPROX_WORDS.search(word):
        return "~"
    return "="


def _target(
    text: str,
    start: int,
    end: int,
    subject: str,
    op: str,
    value: float | tuple[float, float],
    unit: str,
    change: bool,
    line_at: Callable[[int], int] | None,
    kind: str = "goal",
) -> Target:
    """The Target of ``text[start:end]``, with its source line. The fields go by position, in
    Target's order (raw, subject, op, value, unit, change, line, span, kind; a test pins it):
    a call with nine keywords costs ~4k instructions more."""
    return Target(text[start:end], subject, op, value, unit, change,
                  line_at(start) if line_at is not None else None, (start, end), kind)


def _break_before(last_break: re.Pattern[str], norm: str, pos: int, window: int = 80) -> int:
    """Start of the clause that holds ``pos`` (looking back at most ``window`` characters):
    just after the last break that ``last_break`` (LAST_CLAUSE_BREAK, LAST_SUBJECT_BREAK)
    finds in the window, or the window's start."""
    lo = max(0, pos - window)
    m = last_break.match(norm, lo, pos)
    return m.end() if m else lo


def _subject(members: list[_Quantity], norm: str, previous: list[Target]) -> str:
    """The thing measured: the noun phrase before the number, else the one after it.

    "全年“提前申报率”达到90%" → 提前申报率; "启动建设3家市级创新创业共同体" →
    市级创新创业共同体; "2025年分别突破2.4万亿元" → the subject of the target before it.
    """
    first, last = members[0], members[-1]
    start = _break_before(LAST_SUBJECT_BREAK, norm, first.start)
    before = norm[start : first.start]
    after = norm[last.end : last.end + 24]
    scope = (last.post or first.post) in ("及以上", "及以下")
    # "X的40%" is a share of X, but "第二批74项…事项", "等34类…证照", "160千瓦及以下小微
    # 企业", "推出100件高频事项" and "以下的货物和服务项目" qualify the noun that follows.
    bare = QUOTE_MARKS.sub("", before)
    counted = last.unit not in RATE_UNITS and last.unit not in ("小时", "分钟")
    noun_first = (
        scope
        or bare.endswith("等")
        or bool(ORDINAL_BATCH.search(bare))
        or (counted and (bare.endswith("的") or bool(COUNT_VERB_BEFORE.search(bare))))
    )
    if noun_first:
        candidates = [_noun_after(after), _clean_before(bare)]
    else:
        candidates = [_clean_before(bare), _noun_after(after)]
    for candidate in candidates:
        if candidate:
            return candidate
    # The subject of the target just before, unless that one was the thing it counts ("自选
    # 5种方式": 方式), which says nothing of this one ("…,自选5种方式,最长4个小时").
    for target in reversed(previous):
        if not target.span or first.start - target.span[1] >= 40:
            break
        if not norm.startswith(target.subject, target.span[1]):
            return target.subject
    return ""


def _clean_before(s: str) -> str:
    """The subject in the words before a number, ``s`` without its quote marks."""
    s = SPACES.sub("", s)
    s = PAREN_GROUP.sub("", s)
    if "(" in s or "（" in s:  # inside a bracket: "短距离(不大于200米)"
        parts = OPEN_PAREN.split(s)
        return _clean_before(parts[-1]) or _clean_before(parts[0])
    s = BASELINE.sub("", s)
    s = s.replace("分别", "")
    for _ in range(4):
        stripped = SUBJECT_TRAIL.sub("", s)
        if stripped == s:
            break
        s = stripped
    restarts = [m.end() for m in SUBJECT_RESTART.finditer(s)]
    if restarts:
        s = s[restarts[-1] :]
    for _ in range(4):
        stripped = SUBJECT_LEAD.sub("", s)
        if stripped == s:
            break
        s = stripped
    for _ in range(4):  # leading words can uncover trailing ones and back
        stripped = SUBJECT_TRAIL.sub("", s)
        if stripped == s:
            break
        s = stripped
    number = QUANTITY_IN_SUBJECT.search(s)
    if number:
        s = _clean_before(s[: number.start()]) if number.start() else ""
    s = s.strip(" \t\u3000")
    if len(s) < 2:  # a lone 各 or 将 is not a subject
        return ""
    if len(s) > SUBJECT_SHARE_MAX:
        s = SUBJECT_SHARE_OF.sub("", s)
    if len(s) > SUBJECT_MAX:
        s = _shorten(s)
    return "" if NUMBER_ONLY.fullmatch(s) else s


def _noun_after(s: str) -> str:
    s = QUOTE_MARKS.sub("", s)
    m = NOUN_AFTER.match(s)
    return m["np"] if m else ""


def _shorten(s: str) -> str:
    """Cut a long phrase at a word boundary so that at most SUBJECT_MAX characters remain."""
    for i in range(len(s) - SUBJECT_MAX, len(s) - 1):
        if s[i - 1] in "的在中和与及":
            return s[i:]
    start = len(s) - SUBJECT_MAX
    while start < len(s) - 1 and s[start - 1].isascii() and s[start - 1].isalnum() \
            and s[start].isascii() and s[start].isalnum():
        start += 1  # not from the middle of a Latin word or a number ("RCEP国家…")
    return s[start:]


__all__ = ["find_targets"]
