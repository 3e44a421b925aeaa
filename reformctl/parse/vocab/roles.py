"""Role words: how a plan says which department leads a measure and which carry it out.

A role is written in two ways, and the same words serve both where they can:

* as a label before the names, with a colon: "（牵头单位：市发展改革委；责任单位：市财政局）";
* after the names: "（省商务厅牵头，合肥海关配合）", "（合肥海关负责）".

Every pattern that reads roles is built here from the tuples below: owner notes
(``ROLE_LABEL``, ``ROLE_SUFFIX``), label lines written without brackets (``BARE_ROLE_LABEL``),
the labels of table columns (``TABLE_ROLE_LABEL``), the line passes that look for a note on a
line (``OWNER_HINT``), and the warnings for notes that did not parse. A new wording is one
line in one tuple.
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt, char_class, chars, first_chars, last_chars

# -- the words -----------------------------------------------------------------------------

# Lead, as a label and after the names: "（牵头部门:市行政审批服务局;责任部门:…）" (seed),
# "（省商务厅牵头，合肥海关配合）" (安徽), "主办单位：市商务局".
LEAD = ("牵头", "主办", "主责")  # 主责: "主责单位：市发展改革委"
# Lead after the names, in compounds: "省发展改革委牵头负责" (广东), "共同牵头", "联合牵头".
LEAD_COMPOUNDS = ("牵头负责", "共同牵头", "联合牵头")
# The owner after the names — the lead, unless the note names a 牵头 too: "（合肥海关负责）",
# "各设区市人民政府负责落实", "（市财政局、市税务局共同负责）", "（市商务局承办）".
OWNER = ("负责", "共同负责", "负责落实", "承办")
# Responsible, as a label and after the names: "配合单位：市财政局", "…，合肥海关配合）",
# "协同部门:", "协办单位：", "参与单位：".
RESPONSIBLE = ("配合", "协同", "协办", "参与")
# Lead, as a label only: "（负责部门：住房城乡建设部）" (国务院), "负责单位：市商务局" (负责
# alone names who does it, the lead), "牵头责任单位：市商务局；责任单位：…" (a lead, not 责任).
LEAD_LABEL_ONLY = ("负责", "牵头责任")
# Responsible, as a label only: "责任单位：市公安局、市税务局", "承办单位：",
# "（牵头单位：省卫生健康委，参加单位：省大数据局）" (山东).
RESPONSIBLE_LABELS = ("责任", "承办", "参加")
# Responsible, after the names only: "省港航集团按职责分工协助", "（市住房城乡建设局牵头，
# 有关部门具体实施）", "（市大数据局牵头，各县区政府分头落实）".
RESPONSIBLE_SUFFIXES = ("协助", "具体实施", "分头落实")
# Supervising, after the names: "（生态环境部指导）", "（省政府督查室督导）", "监督", "督办" — who
# guides or oversees the work, not who does it. No owner: the names are in no role of the
# group (the model has lead and responsible only), and a note naming only them is no owner
# note (国办发〔2018〕128号: "（生态环境部指导，试点城市政府负责落实。…）" → lead 试点城市政府).
SUPERVISING_SUFFIXES = ("指导", "督导", "监督", "督办")
# After the names, in words that are the verbs of sentences as often: "…人民政府、开发区管委会
# 落实" (carries out: responsible) and the supervising words. A clause ending in one of them is
# a role where the note parses, never a reason to warn that one did not ("生态环境部指导，
# 试点城市政府负责落实。以下均需…").
VERB_LIKE_SUFFIXES = ("落实", *SUPERVISING_SUFFIXES)

# What may stand between a label's role and its noun: "牵头考核单位：市政府办公室" (包头),
# "牵头协调部门：" (a coordinator).
LABEL_QUALIFIERS = ("考核", "协调")
# Only 考核 on a label line of its own: "总牵头协调部门：X" there is a plan header.
BARE_LABEL_QUALIFIERS = ("考核",)
# The noun of a label: "牵头部门:", "责任单位：", "牵头处室：", "责任机构：".
UNIT_NOUNS = ("部门", "单位", "处室", "机构")
# A label's noun repeated in brackets: "牵头部门（单位）：", "责任单位（部门）：" (浙江, 江西).
BRACKETED_NOUNS = ("部门", "单位")
# A label's level: "市级牵头单位：", "省级责任部门：", "主要牵头部门：".
LABEL_LEVELS = ("省级", "市级", "县级", "区级", "主要")
# 负责 followed by 人 is a person: "（负责人：张三）", no role.
PERSON_AFTER_OWNER = "人"

# The label a table column gets when its own names no role word: "牵头单位", "责任单位".
DEFAULT_LEAD_LABEL = LEAD[0] + UNIT_NOUNS[1]
DEFAULT_RESPONSIBLE_LABEL = RESPONSIBLE_LABELS[0] + UNIT_NOUNS[1]
# The nouns of an owner column: "责任单位", "配合部门", "责任主体".
OWNER_COLUMN_NOUNS = (*UNIT_NOUNS, "主体")
# Persons, not departments, in a column's label: "牵头市领导", "责任人", "联系人".
PERSON_COLUMN_WORDS = ("领导", "责任人", "联系人")

# How the role of a run is decided from its word.
LABEL_WORDS = (*LEAD, *LEAD_LABEL_ONLY, *RESPONSIBLE, *RESPONSIBLE_LABELS)
SUFFIX_LEAD = frozenset((*LEAD, *LEAD_COMPOUNDS))
SUFFIX_OWNER = frozenset(OWNER)
SUFFIX_SUPERVISING = frozenset(SUPERVISING_SUFFIXES)
SUFFIX_WORDS = (*LEAD, *LEAD_COMPOUNDS, *OWNER, *RESPONSIBLE, *RESPONSIBLE_SUFFIXES,
                *VERB_LIKE_SUFFIXES)
# The role words that close a clause of a note or a cell, for sure.
CLAUSE_END_WORDS = tuple(w for w in SUFFIX_WORDS if w not in VERB_LIKE_SUFFIXES)
LEAD_LABELS = frozenset((*LEAD, *LEAD_LABEL_ONLY))
# Every role word, label or suffix.
ROLE_WORDS = (*LABEL_WORDS, *SUFFIX_WORDS)

# -- plan headers, persons, scope notes -----------------------------------------------------

# A plan header names persons and the plan's coordinators, never a measure's owners:
# "(分管市领导:宋洪银;总牵头协调部门:市行政审批服务局)", "(责任市领导:刘强;总牵头部门:…)".
IN_CHARGE = "分管"
LEADER = "领导"
LEADER_TITLES = ("领导", "负责同志")
COORDINATOR = "总牵头"
COORDINATOR_WORDS = ("牵头协调", "总牵头")
# The label of a plan's coordinator in its header note, before 部门/单位: "（分管市领导:宋洪银;
# 总牵头协调部门:市行政审批服务局）" (seed), "牵头协调部门：", "总牵头部门：", and a plain
# "牵头部门：" standing in a plan's header.
COORDINATOR_LABELS = ("总牵头协调", *COORDINATOR_WORDS, "牵头")
# The words of a note that speaks for several measures: "（以上任务由市商务局牵头，…）",
# "以下事项均由市发展改革委负责", "上述工作统一由…".
SCOPE_ABOVE = ("以上", "上述")  # the note follows the measures it speaks for
SCOPE_STARTS = ("以上", "以下", "上述", "下列")
SCOPE_OBJECTS = ("任务", "事项", "工作", "措施")
SCOPE_VERBS = ("牵头", "负责", "配合", "落实")
# "由市科技局牵头": the names follow 由.
BY = "由"

# How the names carry out their role, between the names and the role word: "省贸促会、省商务厅
# 按职责分工配合", "（市交通运输局、市自然资源和规划局分别负责落实）" (each leads its part).
ROLE_MANNERS = ("按照职责分工", "按职责分工", "按职责", "分工", "分别")

# What a role word may govern after it, saying where or how: "各区政府负责本辖区落实",
# "各县（市、区）人民政府负责辖区内组织实施", "…配合做好相关工作".
ROLE_OBJECTS = ("本辖区", "辖区内", "本地区", "属地", "做好", "具体")
ROLE_OBJECT_VERBS = ("落实", "实施", "推进", "工作")
# Carrying out where one is makes an owner responsible, not the lead: "各区县政府负责本辖区落实".
LOCAL_VERBS = ROLE_OBJECT_VERBS[:2]

# A label line after a measure that says who does it in a sentence: "部门分工：市水利局牵头，
# 各地、各部门配合。" (clean.bracket_division_line makes it a note of the measure above).
DIVISION_LABELS = ("部门分工", "责任分工", "职责分工", "任务分工", "分工")

# -- brackets ------------------------------------------------------------------------------

# Brackets a note is written in besides （）: "〔责任单位：市科技局，市经信局〕" (南充),
# "[责任单位：市市场监管局、市税务局]" (杭州), "【牵头单位：…】". A note in them is read as
# one in （） (clean.round_note_brackets); inside a name they hold a second plate or a list of
# places, never cut: "市大数据局〔市政务服务管理办〕", "各区〔县、市〕政府".
OTHER_BRACKETS = (("〔", "〕"), ("[", "]"), ("［", "］"), ("【", "】"))

# -- conventions a document states once --------------------------------------------------

# That the first listed unit leads, in a note or once for the whole document, often with 下同
# (the same below): "（责任单位：市市场监管局、市商务局，列第一位的为牵头单位）", "排在首位的为
# 牵头单位", "（X、Y负责。列第一位者为牵头单位，下同）" (国务院), "第一责任单位为牵头单位",
# "排名第一的为牵头单位".
FIRST_PLACES = ("列", "排名", "排", "居")
FIRST_WORDS = ("第一位", "首位", "第一个", "第一")
# That the units before the first comma lead, the rest carry out: "（责任单位：市科技局、
# 市数据局，市委网信办；第一个逗号前为牵头单位，多个牵头部门的按照职责分工负责，下同）".
FIRST_RUN = "第一个逗号前"
# A remark after the names of a note, no names: "（…开发区管委。以下任务均需各区县政府落实，
# 不再一一列出）" — a note's names end at its first 。 (owners.roles._note_sentences).
SENTENCE_END = "。"

# -- patterns ----------------------------------------------------------------------------

_LABEL = alt(LABEL_WORDS)
_NOUN = alt(UNIT_NOUNS)
_COLON = "[:：]"

# A role label with its colon in a note (width folded): "牵头部门:", "责任单位：",
# "牵头考核单位：" (包头), "协同部门:", "参与单位:"; the short form of 上海 plans,
# "（牵头：市商务委；配合：各区政府、市财政局）"; "总牵头协调部门:" is a plan header.
ROLE_LABEL = re.compile(
    rf"(?P<total>总)?{alt(LABEL_LEVELS)}?(?P<role>{_LABEL}){alt(LABEL_QUALIFIERS)}?"
    rf"(?:{_NOUN}(?:[(（]{alt(BRACKETED_NOUNS)}[)）])?)?{_COLON}"
)
# The longest text ROLE_LABEL matches ("总市级牵头考核部门(单位):").
ROLE_LABEL_WIDTH = (1 + max(map(len, LABEL_LEVELS)) + max(map(len, LABEL_WORDS))
                    + max(map(len, LABEL_QUALIFIERS)) + max(map(len, UNIT_NOUNS))
                    + 2 + max(map(len, BRACKETED_NOUNS)) + 1)

# Owner labels written as plain text instead of a parenthetical note: "牵头单位：市发展改革委；
# 责任单位：市财政局"; the short form "牵头：X；配合：Y" (上海) only at a clause start.
BARE_ROLE_LABEL = re.compile(
    rf"(?={first_chars(LABEL_WORDS)})(?:{_LABEL}{alt(BARE_LABEL_QUALIFIERS)}?{_NOUN}"
    rf"|(?:^|(?<=[。；;，, \t])){_LABEL})\s*{_COLON}"
)
# What the last character before a bare label's colon can be.
BARE_ROLE_LABEL_ENDS = chars(UNIT_NOUNS, -1) | chars(LABEL_WORDS, -1)

# A table column's label that names a role: "牵头单位", "配合部门", "责任处室".
TABLE_ROLE_LABEL = re.compile(f"{_LABEL}{_NOUN}")
# A cell that carries its own labelled note: "牵头单位：市发展改革委".
HAS_ROLE_FIELD = re.compile(rf"{_LABEL}{_NOUN}\s*{_COLON}")

# The role word closing a "names + role" clause: "省商务厅牵头", "合肥海关负责",
# "省发展改革委牵头负责", "省贸促会、省商务厅按职责分工配合", "省港航集团…按职责分工负责".
ROLE_SUFFIX = re.compile(
    rf"(?P<mod>{alt(ROLE_MANNERS)})?"
    rf"(?P<role>{alt(SUFFIX_WORDS)})$"
)
# The last characters of the role words: a clause ending in anything else has no role word.
ROLE_SUFFIX_ENDS = chars(SUFFIX_WORDS, -1)

# A role word closing a clause of a note (width folded): "（省商务厅牵头，合肥海关配合）"; a
# sentence of the note after it ("…负责。列第一位者为牵头单位") is no clause of it.
ROLE_AT_CLAUSE_END = re.compile(rf"{alt(CLAUSE_END_WORDS)}(?=[,;]|$)")
# The same in a table cell, not width folded: "市行政审批服务局牵头，市大数据局配合。".
CELL_ROLE_AT_CLAUSE_END = re.compile(rf"{alt(CLAUSE_END_WORDS)}(?=[，,；;。]|$)")
# A role label opening a note: "牵头单位", "责任部门", "配合:".
LABEL_AT_START = re.compile(rf"^{_LABEL}{alt(BARE_LABEL_QUALIFIERS)}?(?:{_NOUN}|:)")
# A character every role word holds (its last): a text without one has no role.
ROLE_CHARS = re.compile(last_chars(ROLE_WORDS))

_OWNER_WORDS = [w for w in SUFFIX_WORDS if OWNER[0] not in w]
# A role word said after names, anywhere: a note with one is more than a list of names, a note
# with one before "列第一位的为牵头单位" states it for its own list. Not 负责人 (a person).
SUFFIX_ROLE_WORD = re.compile(
    rf"{alt(_OWNER_WORDS)}|{OWNER[0]}(?!{PERSON_AFTER_OWNER})")
# An owner note on a line: "（区行政审批局负责）", "（牵头单位：…）"; not "(负责人:张三)".
# Bounded: one note's length.
OWNER_HINT = re.compile(rf"[（(][^（()）]{{0,80}}?(?:{SUFFIX_ROLE_WORD.pattern}|{_LABEL}{_NOUN})")

# A role word's object closing a clause: "负责本辖区落实", "配合做好相关工作".
# Any of them, in one search (a clause is asked before ROLE_OBJECT_TAIL is tried).
ROLE_OBJECT = re.compile(alt(ROLE_OBJECTS))
ROLE_OBJECT_TAIL = re.compile(
    rf"(?<={last_chars(SUFFIX_WORDS)}){alt(ROLE_OBJECTS)}[^,;:]{{0,8}}?{alt(ROLE_OBJECT_VERBS)}?$")

# The conventions above as patterns (every wording holds 第一 or 首位: a cheap pre-check).
FIRST_LISTED_LEADS = re.compile(
    rf"{alt(FIRST_PLACES)}?(?:在)?{alt(FIRST_WORDS)}(?:的|者)?(?:{RESPONSIBLE_LABELS[0]})?"
    rf"(?:{alt(BRACKETED_NOUNS)})?(?:为|是){alt(LEAD)}"
)
FIRST_RUN_LEADS = re.compile(
    rf"{FIRST_RUN}(?:的)?(?:{alt(BRACKETED_NOUNS)})?(?:为|是){alt(LEAD)}")

# A division line (DIVISION_LABELS): the label, its colon, a sentence whose clauses close with
# role words.
DIVISION_LINE = re.compile(
    rf"^{alt(DIVISION_LABELS)}\s*{_COLON}\s*(?P<note>[^。；;:：（()）]{{2,120}}?"
    rf"{alt(CLAUSE_END_WORDS)}(?:[，,][^。；;:：（()）]{{2,80}}?{alt(SUFFIX_WORDS)})*)[。；;]?$")

# A plan header: persons and the plan's coordinators, read by the document builder.
PLAN_HEADER = re.compile(
    rf"{IN_CHARGE}\S{{0,4}}?{LEADER}{_COLON}|{COORDINATOR}\S{{0,4}}?{alt(BRACKETED_NOUNS)}{_COLON}")
# A clause naming a person beside the owners: "牵头领导：张三（副市长）", "责任领导：李四".
LEADER_CLAUSE = re.compile(rf"^[^,;:]{{0,6}}?{LEADER}{_COLON}")
# A plan header note on a line of its own: "(分管市领导:宋洪银;总牵头协调部门:市行政审批服务局)",
# "(责任市领导:刘强;总牵头部门:市行政审批服务局)".
PLAN_HEADER_NOTE = re.compile(
    rf"^[（(][^（()）]*?(?:{IN_CHARGE}|{COORDINATOR_WORDS[0]}|责任[市省区县]{LEADER}"
    rf"|{COORDINATOR}{alt(BRACKETED_NOUNS)})[^（()）]*[）)]$")
LEADER_FIELD = re.compile(
    rf"(?:{IN_CHARGE}|责任)[市省区县]?{alt(LEADER_TITLES)}\s*{_COLON}\s*(?P<names>[^;；)）]+)")
COORDINATOR_FIELD = re.compile(
    rf"{alt(COORDINATOR_LABELS)}{alt(BRACKETED_NOUNS)}\s*{_COLON}\s*(?P<names>[^;；)）]+)")

# What stands before the names of a note that applies to what follows: "（由市科技局牵头）",
# "（以下任务由县市场监管局牵头）", "（以上事项均由市商务局负责）".
_SCOPE = rf"{alt(SCOPE_STARTS)}(?:各项)?{alt(SCOPE_OBJECTS)}?(?:均|统一)?"
BY_PREFIX = re.compile(rf"^(?:{_SCOPE})?{BY}")
# A sentence of its own that gives owners to the measures around it, without brackets:
# "以上任务由市商务局牵头，市财政局配合。", "以下事项均由市发展改革委负责".
SCOPE_NOTE_LINE = re.compile(
    rf"^{_SCOPE}{BY}[^。；;（()）]{{2,120}}?{alt(SCOPE_VERBS)}[^。；;（()）]{{0,60}}?。?$")
# The same note once bracketed: "（以上任务由市商务局牵头，市财政局配合）".
SCOPE_NOTE = re.compile(rf"^[（(]{alt(SCOPE_STARTS)}[^（()）]{{2,200}}[）)]$")

__all__ = [name for name in dir() if name.isupper()]
_ = char_class  # re-exported helpers stay importable from here
