"""Owner notes: the parentheticals that say which departments lead and which carry out a measure.

Two families of layout exist in real plans, and a note is an owner note only if it has one of
these role structures — department-like words alone are not enough ("(功能区管委会)" is an
aside, not an owner note):

* labelled: "(牵头部门:市行政审批服务局;责任部门:市公安局、…)", "(牵头单位:省科技厅;配合单位:…)",
  "(6月底完成,牵头考核单位:市政府办公室、市公安局)" — a role label, a colon, a list;
* role after the names: "(省商务厅牵头,合肥海关配合)", "(合肥海关负责)",
  "(省发展改革委牵头负责,省工业和信息化厅、财政厅,各地级以上市人民政府配合)".

Names are split on 、,; (and on 和/及 only between two complete names), a trailing 等 is dropped
and recorded, names that dropped their level prefix after the first (财政厅 after 省发展改革委)
get it back, and every name is folded to its canonical spelling by the department registry.

Everything here is linear in the text: one scan for brackets, then bounded regexes per note.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache

from reformctl.model import OwnerGroup
from reformctl.parse.vocab import alt
from reformctl.parse.vocab.roles import (
    BRACKETED_NOUNS,
    BY_PREFIX,
    COORDINATOR,
    IN_CHARGE,
    LABEL_AT_START,
    LEAD,
    LEAD_LABELS,
    LEADER_CLAUSE,
    LOCAL_VERBS,
    PLAN_HEADER,
    ROLE_AT_CLAUSE_END,
    ROLE_CHARS,
    ROLE_LABEL,
    ROLE_LABEL_WIDTH,
    ROLE_OBJECT_TAIL,
    ROLE_OBJECTS,
    ROLE_SUFFIX,
    ROLE_SUFFIX_ENDS,
    SUFFIX_LEAD,
    SUFFIX_OWNER,
    SUFFIX_ROLE_WORD,
)
from reformctl.parse.vocab.time import TIME_REMARK
from reformctl.registry import (
    DEPARTMENT_SUFFIX,
    Registry,
    clean_name,
    default_registry,
    looks_like_department,
)

_OPEN = "(（"
_CLOSE = ")）"

# The role vocabulary and its patterns (ROLE_LABEL, ROLE_SUFFIX…) are in vocab/roles.py.
_COLONS = re.compile("[:：]")

# The convention that the first listed unit leads, stated in a note or once for the whole
# document: "（责任单位：市市场监管局、市商务局，列第一位的为牵头单位）", "排在首位的为牵头单位".
FIRST_LISTED_LEADS = re.compile(
    rf"(?:列|排|居)?(?:在)?(?:第一位|首位|第一个)(?:的)?(?:单位|部门)?(?:为|是){alt(LEAD)}"
)
# A lead marked inside a list: "责任单位：市商务局（牵头）、市财政局" (width already folded).
INLINE_LEAD = re.compile(rf"\({alt(LEAD)}{alt(BRACKETED_NOUNS)}?\)$")

# Remarks inside a list that are not names: "下同", "同上".
LIST_REMARK = re.compile(r"^(?:下同|同上|以下同|见上)$")

# What a clause ROLE_SUFFIX matches can end in: a role word's last character, or the newline
# $ matches before.
_ROLE_SUFFIX_LAST = ROLE_SUFFIX_ENDS | {"\n"}

# A trailing 等 closing a list: "(…、市文化和旅游局、市能源局等)", "…等有关部门".
ETC_TAIL = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")

# 和/及/与 joining two names: "市公安局和市司法局". Split only where both sides are whole names,
# so "市文化和旅游局", "市自然资源和规划局", "政务和数据局" stay whole.
CONJUNCTION = re.compile(r"以及|和|及|与")

# Longer than any real department name: such a "name" is a sentence and is not split on 和,
# which keeps the splitting linear whatever the input.
MAX_NAME_LENGTH = 60

# A government sharing its suffix with bare place names before it: "广州、深圳市政府",
# "广州、深圳、东莞市政府" (广东) → 广州市政府, 深圳市政府, 东莞市政府. A place that already
# carries its level shares only the rest: "济南市、青岛市人民政府" (山东) → 济南市人民政府.
SHARED_GOVERNMENT = re.compile(r"^.{2,4}?(?P<suffix>[市区县](?:人民)?政府)$")
BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")

# Separators between clauses and between names; 、 only separates names inside a clause.
CLAUSE_SEPARATORS = ",;"
NAME_SEPARATOR = "、"

# Names after the first that dropped their 省/市 prefix ("财政厅" after "省发展改革委") are
# restored when the registry knows the prefixed form, or when the name ends in 厅 (a
# provincial department) and names no place of its own.
PROVINCIAL_DEPARTMENT = re.compile(r"厅$")
NAMES_A_PLACE = re.compile(r"[省市县区州盟旗]|^(?:中国|国家)")

# LEVEL_PREFIX's levels, for a test of a name's first two characters without the regex.
_LEVELS = frozenset("省市县区")
_BRACKET_DEPTH = {"(": 1, "《": 1, "“": 1, ")": -1, "》": -1, "”": -1}
_PAREN = re.compile("[(（)）]")


def find_owner_notes(text: str, registry: Registry | None = None) -> list[OwnerGroup]:
    """Every owner note in a measure's text, in text order.

    ``covers`` runs from the end of the previous owner note (or the start of the text) to the
    start of this one; ``line`` is left to the caller, who knows the line map.
    """
    return [group for _, group in _scan(text, registry)]


def find_owner_note_spans(
    text: str, registry: Registry | None = None, cache: NoteCache | None = None
) -> list[tuple[int, int]]:
    """Character spans of the owner notes (brackets included), in the order of find_owner_notes,
    so the caller can cut them out of titles and map them to source lines."""
    return [span for span, _ in _scan(text, registry, cache)]


def find_owner_notes_with_spans(
    text: str,
    registry: Registry | None = None,
    cache: NoteCache | None = None,
    line_at: Callable[[int], int] | None = None,
) -> list[tuple[tuple[int, int], OwnerGroup]]:
    """Both at once, for the parser, which needs the notes and where they stand.

    ``cache`` (an empty dict, kept for one document and one registry) remembers what each
    bracketed text parsed to: a plan repeats the same notes ("（牵头部门：市行政审批服务局；…）")
    from measure to measure. ``line_at`` gives the source line of an offset of ``text``: each
    group is made with the line of its note."""
    return _scan(text, registry, cache, line_at)


def parse_owner_note(inner: str, registry: Registry | None = None) -> OwnerGroup | None:
    """One note's content (without its brackets) → lead and responsible, or None if it is not
    an owner note. ``raw`` is the content as given; ``covers`` is left unset."""
    registry = registry if registry is not None else default_registry()
    groups = _role_groups(_normalize(inner), registry)
    if groups is None:
        return None
    return _owner_group(groups, inner, registry)


def looks_like_owner_note(inner: str) -> bool:
    """A parenthetical with a role structure (a role label, or a role word closing a clause):
    if it did not parse, the caller should warn that an owner note may have been missed."""
    s = _normalize(inner)
    if not ROLE_CHARS.search(s) or PLAN_HEADER.search(s):
        return False
    return bool(LABEL_AT_START.search(s) or ROLE_LABEL.search(s) or ROLE_AT_CLAUSE_END.search(s))


def split_departments(names: str, registry: Registry | None = None) -> list[str]:
    """A plain list of departments ("市行政审批服务局、市公安局", a plan's 总牵头协调部门) →
    canonical names, with the same splitting and prefix rules as owner notes (等 dropped)."""
    registry = registry if registry is not None else default_registry()
    items, _ = _split_names(_split_top(_normalize(names), CLAUSE_SEPARATORS), registry)
    return _dedupe(registry.canonical(n) for n in _restore_levels(items, registry))


# ---------------------------------------------------------------------------------------
# Scanning


# What a bracketed text (brackets included) parses to, without ``covers``; None: no owner note.
NoteCache = dict[str, "OwnerGroup | None"]


def _scan(
    text: str,
    registry: Registry | None,
    cache: NoteCache | None = None,
    line_at: Callable[[int], int] | None = None,
) -> list[tuple[tuple[int, int], OwnerGroup]]:
    registry = registry if registry is not None else default_registry()
    found: list[tuple[tuple[int, int], OwnerGroup]] = []
    lists: list[tuple[int, int]] = []  # bare lists of departments closing a sentence
    previous_end = 0
    for start, end in _outer_brackets(text):
        raw = text[start:end]
        if cache is None:
            group = _parse_note(raw, registry)
        elif raw in cache:
            group = cache[raw]
        else:
            group = cache[raw] = _parse_note(raw, registry)
        if group is None:
            if _closes_a_sentence(text, start, end):
                lists.append((start, end))
            continue
        # The parsed group (whose raw is this raw) with this note's range and line.
        found.append(((start, end), OwnerGroup(
            lead=group.lead, responsible=group.responsible, raw=group.raw,
            line=line_at(start) if line_at is not None else None,
            covers=(previous_end, start), etc=group.etc, canonical=group.canonical)))
        previous_end = end
    if lists and not found:
        return _name_lists(text, lists, registry, line_at)
    return found


def _name_lists(
    text: str,
    spans: list[tuple[int, int]],
    registry: Registry,
    line_at: Callable[[int], int] | None,
) -> list[tuple[tuple[int, int], OwnerGroup]]:
    """The bare lists of departments of a text that has no owner note: a text with one names
    its owners there, and a list beside it names others ("积极争取国家级开发区扩区调位试点
    （国家发展改革委、商务部）。（牵头单位：市商务局）")."""
    found: list[tuple[tuple[int, int], OwnerGroup]] = []
    previous_end = 0
    for start, end in spans:
        group = _name_list_note(text[start:end], registry)
        if group is not None:
            line = line_at(start) if line_at is not None else None
            found.append(((start, end), replace(group, covers=(previous_end, start), line=line)))
            previous_end = end
    return found



# Characters a department name ends in: a bracket right after one holds an alias
# ("市大数据局（市政务服务数据管理局）"), not the owners of the sentence.
_NAME_END_CHARS = frozenset("局委办厅院会司部府处心队行所站社")
_SENTENCE_END = frozenset("。；;")


def _closes_a_sentence(text: str, start: int, end: int) -> bool:
    """A bracket at the end of a sentence ("…全覆盖。（…）", "…全覆盖（…）。") that does
    not follow a department's name."""
    size = len(text)
    while end < size and text[end].isspace():
        end += 1
    if end < size and text[end] not in _SENTENCE_END:
        return False
    start -= 1
    while start >= 0 and text[start].isspace():
        start -= 1
    return start >= 0 and text[start] not in _NAME_END_CHARS


def _name_list_note(raw: str, registry: Registry) -> OwnerGroup | None:
    """"（市发改委、市市场监管局，各区县政府（管委会））" closing a sentence: departments named
    without a role word are the measure's responsible units. Every name must be one."""
    s = _normalize(raw[1:-1])
    if not s or ":" in s or SUFFIX_ROLE_WORD.search(s):
        return None  # a note with roles or labels that did not parse: not a bare list
    # "（市发展改革委，6月底前）": a time remark beside the names is the deadline's.
    runs = [run for run in _split_top(s, CLAUSE_SEPARATORS)
            if run and not (TIME_REMARK.search(run) and not looks_like_department(run))]
    group = _owner_group([("responsible", runs)], raw, registry) if runs else None
    if group is None or not all(registry.is_known(n) or looks_like_department(n)
                                for n in group.responsible):
        return None
    return group


def _parse_note(raw: str, registry: Registry) -> OwnerGroup | None:
    """A bracketed text (brackets included) → its owner group with ``covers`` unset, or None."""
    groups = _role_groups(_normalize(raw[1:-1]), registry)
    return None if groups is None else _owner_group(groups, raw, registry)


def _outer_brackets(text: str) -> list[tuple[int, int]]:
    """Outermost matched bracket pairs, half- or full-width, in text order.

    Unmatched brackets are ignored: a stray "）" from a repeated page-break fragment, or an
    unclosed "（", must not swallow the owner notes around it.
    """
    if "(" not in text and "（" not in text:
        return []
    half = "(" in text or ")" in text
    if half != ("（" in text or "）" in text):  # one width only, as in almost every text
        flat = _flat_brackets(text, *("()" if half else "（）"))
        if flat is not None:
            return flat
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for m in _PAREN.finditer(text):  # only the brackets, not every character
        i = m.start()
        if m.group() in _OPEN:
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i + 1))
    pairs.sort()
    outer: list[tuple[int, int]] = []
    for start, end in pairs:
        if not outer or start >= outer[-1][1]:
            outer.append((start, end))
    return outer


def _flat_brackets(text: str, open_: str, close: str) -> list[tuple[int, int]] | None:
    """_outer_brackets for a text whose brackets are all ``open_`` and ``close`` (one width),
    jumping from bracket to bracket with ``str.find``, which is several times faster than
    a regex scan of Chinese text; None when one pair holds another (the stack walk decides).

    Without nesting every pair is an opening bracket and the first closing one after it: a
    closing bracket before it is a stray one the stack walk ignores too, and an opening one
    with no closing one after it is unmatched, as is every later one.
    tests/test_owners.py ties this to the plain character walk on real paragraphs.
    """
    find = text.find
    pairs: list[tuple[int, int]] = []
    start = find(open_)
    while start >= 0:
        end = find(close, start + 1)
        if end < 0:
            break
        after = find(open_, start + 1)
        if 0 <= after < end:
            return None  # nested: "(牵头单位:市市场监管局(市知识产权局))"
        pairs.append((start, end + 1))
        start = after  # the first opening bracket after this pair
    return pairs


def _normalize(s: str) -> str:
    """Width-folded (（→(, ：→:, ，→,) and without whitespace, which carries no meaning in a
    list of Chinese names but is left inside notes by PDF extraction.

    ``str.split()`` cuts at the characters ``\\s`` matches, so joining its pieces is
    ``re.sub(r"\\s+", "", …)`` without a regex scan (tests/test_owners.py ties the two)."""
    return "".join(unicodedata.normalize("NFKC", s).split())


def _split_top(s: str, separators: str) -> list[str]:
    """Split on separators outside nested brackets: "各县(市、区)政府、市公安局" keeps the
    inner 、, and so does a quoted name ("“三地一区”建设领导小组…")."""
    if "(" not in s and "《" not in s and "“" not in s:
        # The usual case: none of _BRACKET_DEPTH's opening brackets (a closing one alone leaves
        # the depth at 0), so a plain str.split, every other separator first turned into the first one.
        first = separators[0]
        for other in separators[1:]:
            s = s.replace(other, first)
        parts = s.split(first)
        return parts if "" not in parts else [p for p in parts if p]
    specials = _splitters(separators)
    parts = []
    depth = 0
    last = 0
    for m in specials.finditer(s):  # brackets and separators only
        ch = m.group()
        i = m.start()
        depth = max(0, depth + _BRACKET_DEPTH.get(ch, 0))
        if depth == 0 and ch in separators:
            parts.append(s[last:i])
            last = i + 1
    parts.append(s[last:])
    return [p for p in parts if p]


@lru_cache(maxsize=8)
def _splitters(separators: str) -> re.Pattern[str]:
    """Separators or brackets, as a compiled character class."""
    seps = re.escape(separators)
    brackets = re.escape("".join(_BRACKET_DEPTH))
    return re.compile(f"[{seps}{brackets}]")


# ---------------------------------------------------------------------------------------
# Role structure

# (role, runs): role is "lead", "responsible" or "owner" (负责: lead unless a 牵头 exists);
# runs are the comma-separated stretches of names that share the role.
_Groups = list[tuple[str, list[str]]]


def _role_groups(s: str, registry: Registry) -> _Groups | None:
    if not s:
        return None
    if "领导" in s:  # leaders named beside the owners are persons, not departments
        if COORDINATOR in s and PLAN_HEADER.search(s):
            return None
        s = ",".join(c for c in _split_top(s, CLAUSE_SEPARATORS) if not LEADER_CLAUSE.match(c))
    if not s or ((IN_CHARGE in s or COORDINATOR in s) and PLAN_HEADER.search(s)):
        return None
    first_listed = states_first_listed_leads(s)
    if first_listed and "。" in s:
        # "（…按职责分工负责。列第一位的为牵头单位，下同）": the statement is a clause of its own
        s = s.replace("。", CLAUSE_SEPARATORS[0])
    labels = _role_labels(s)
    if labels:
        return _labelled(s, labels)
    return _role_suffixed(s, registry, first_listed)


def _role_labels(s: str) -> list[re.Match[str]]:
    """``list(ROLE_LABEL.finditer(s))``, with the regex tried only in the few characters before
    each colon: a label ends in its colon, holds no other, and is at most ROLE_LABEL_WIDTH
    characters long, so the next label after ``pos`` ends at the first colon after ``pos`` that
    closes one (tests/test_parse_fastpaths.py ties the two on real notes)."""
    if ":" not in s and "：" not in s:
        return []
    found: list[re.Match[str]] = []
    pos = 0
    search = ROLE_LABEL.search
    if "：" in s:  # full-width colons too (a note is width-folded before it gets here)
        for colon in _COLONS.finditer(s):
            end = colon.end()
            m = search(s, max(pos, end - ROLE_LABEL_WIDTH), end)
            if m is not None:
                found.append(m)
                pos = m.end()
        return found
    end = s.find(":") + 1  # the same walk from colon to colon with str.find, for ":" alone
    while end:
        start = end - ROLE_LABEL_WIDTH
        m = search(s, start if start > pos else pos, end)
        if m is not None:
            found.append(m)
            pos = m.end()
        end = s.find(":", end) + 1
    return found


def _labelled(s: str, matches: list[re.Match[str]]) -> _Groups | None:
    """Labelled roles, "牵头部门:X;责任部门:Y、Z" (``matches``: its role labels); text before the
    first label (a deadline) and time remarks after a list are ignored. A run that ends in a
    role word of its own takes that role (_run_role): the label's list then holds two groups."""
    groups: _Groups = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        listed = s[m.end() : end]
        # states_first_listed_leads's pre-check, once for the whole list rather than per run
        first_listed = "第一" in listed or "首位" in listed
        label_role = "lead" if m.group("role") in LEAD_LABELS else "responsible"
        runs: list[str] | None = None  # the runs of this label's latest group
        for run in _split_top(listed, CLAUSE_SEPARATORS):
            if (
                (looks_like_department(run) or not TIME_REMARK.search(run))
                and not (first_listed and states_first_listed_leads(run))
                and not LIST_REMARK.match(run)
            ):
                role = label_role
                if run[-1:] in _ROLE_SUFFIX_LAST:  # most runs end in 局, 委…: no role word
                    run, role = _run_role(run, label_role)
                if not run:
                    continue
                if runs is not None and groups[-1][0] == role:
                    runs.append(run)
                else:
                    runs = [run]
                    groups.append((role, runs))
    return groups or None


def _run_role(run: str, label_role: str) -> tuple[str, str]:
    """A run of a label's list without its role word, and its role. The word may repeat the
    label's role ("责任单位:各县市区政府按职责分工负责") or give the run one of its own:
    "牵头单位:市市场监管局,市税务局、市人力资源社会保障局配合", "责任单位:X牵头,Y、Z配合"."""
    m = _role_suffix(run)
    if m is None:
        return run, label_role
    word = m.group("role")
    if word in SUFFIX_LEAD:
        role = "lead"
    elif word in SUFFIX_OWNER:
        role = label_role  # 负责 says no more than the label
    else:
        role = "responsible"  # 配合, 协同, 参与, 落实…
    return run[: m.start()], role


def _role_suffixed(s: str, registry: Registry, first_listed: bool = False) -> _Groups | None:
    """Roles after the names, "X牵头,Y、Z配合": clauses without a role word belong to the next
    role word; a time remark and a remark like 下同 are skipped; every name must look like a
    department. ``first_listed``: the note says the first listed unit leads ("X、Y按职责分工
    负责,列第一位的为牵头单位"), so 负责 there is the role of all but the first, which
    _owner_group promotes."""
    groups: _Groups = []
    pending: list[str] = []
    for clause in _split_top(s, CLAUSE_SEPARATORS):
        if LIST_REMARK.match(clause) or (first_listed and states_first_listed_leads(clause)):
            continue
        local = False  # "各区县政府负责本辖区落实": carries out locally, responsible
        if any(word in clause for word in ROLE_OBJECTS):
            stripped = ROLE_OBJECT_TAIL.sub("", clause)
            local = stripped != clause and any(verb in clause for verb in LOCAL_VERBS)
            clause = stripped
        m = _role_suffix(clause)
        if m is None:
            if TIME_REMARK.search(clause) and not looks_like_department(clause):
                continue
            pending.append(clause)
            continue
        names = _without_by(clause[: m.start()])  # "（由市科技局牵头，…）"
        pending = [_without_by(p) for p in pending]
        runs = [*pending, names] if names else pending
        pending = []
        if not runs:
            continue
        role = m.group("role")
        kind = "lead" if role in SUFFIX_LEAD else "owner" if role in SUFFIX_OWNER else "responsible"
        groups.append(("responsible" if local and kind == "owner" else kind, runs))
    if pending or not groups:
        return None
    if first_listed and all(kind != "lead" for kind, _ in groups):
        groups = [("responsible" if kind == "owner" else kind, runs) for kind, runs in groups]
    for _, runs in groups:
        items, _ = _split_names(runs, registry)
        items = [INLINE_LEAD.sub("", n) for n in items]
        if not items or not all(registry.is_known(n) or looks_like_department(n) for n in items):
            return None
    return groups


def _without_by(names: str) -> str:
    """"由市科技局" → "市科技局"; "以下任务由县市场监管局" → "县市场监管局"."""
    if "由" not in names:
        return names
    m = BY_PREFIX.match(names)
    return names[m.end():] if m else names


def _role_suffix(clause: str) -> re.Match[str] | None:
    """ROLE_SUFFIX.search(clause), skipping the regex when the last character rules it out."""
    if clause[-1:] in _ROLE_SUFFIX_LAST:
        return ROLE_SUFFIX.search(clause)
    return None


def _owner_group(
    groups: _Groups, raw: str, registry: Registry, covers: tuple[int, int] | None = None
) -> OwnerGroup | None:
    has_lead = "lead" in [kind for kind, _ in groups]
    # Whether a run marks its lead, "X(牵头)"; no run holds a newline, so one search of the
    # runs joined on newlines finds the mark only where a run holds it.
    joined = "\n".join([run for _, runs in groups for run in runs])
    marked = any("(" + word in joined for word in LEAD)
    canonical = registry.canonical
    lead: dict[str, None] = {}  # insertion-ordered sets: first mention first, no repeats
    resp: dict[str, None] = {}
    etc = False
    # Names in note order, so that a level prefix carries from one role to the next: the
    # rule of _restore_levels, applied in the same pass (tests/test_owners.py ties this pass
    # to _split_names, _restore_levels and canonical in turn).
    level: str | None = None
    for kind, runs in groups:
        items, dropped = _split_names(runs, registry)
        etc = etc or dropped
        is_lead = kind == "lead" or (kind == "owner" and not has_lead)
        if marked and is_lead and kind == "owner":
            is_lead = False  # "（X（牵头）、Y负责）": the mark says who leads
        for name in items:
            role = is_lead
            if name[-1:] == ")":  # "X(牵头)"
                bare = INLINE_LEAD.sub("", name)
                role = is_lead or bare != name
                name = bare
            if len(name) > 2 and name[0] in _LEVELS and name[1] not in "场域":  # LEVEL_PREFIX
                level = name[0]
            elif level is not None and _dropped_prefix(name, level, registry):
                name = level + name
            (lead if role else resp)[canonical(name)] = None
    if not lead and not resp:
        return None
    group = OwnerGroup(lead=tuple(lead), responsible=tuple(resp), raw=raw, covers=covers, etc=etc)
    return promote_first_listed(group) if states_first_listed_leads(raw) else group


def states_first_listed_leads(s: str) -> bool:
    """Whether ``s`` states that the first listed unit leads (FIRST_LISTED_LEADS), after a
    cheap test: every wording holds 第一 or 首位."""
    return ("第一" in s or "首位" in s) and FIRST_LISTED_LEADS.search(s) is not None


def promote_first_listed(group: OwnerGroup) -> OwnerGroup:
    """Apply "列第一位的为牵头单位": the first responsible unit of a note without a lead leads;
    in a note that names no 牵头, units that all came out leading because they are 负责
    ("（X、Y按职责分工负责）") are the first leading and the others responsible."""
    if not group.lead and group.responsible:
        return replace(group, lead=group.responsible[:1], responsible=group.responsible[1:])
    if len(group.lead) > 1 and not group.responsible and not any(w in group.raw for w in LEAD):
        return replace(group, lead=group.lead[:1], responsible=group.lead[1:])
    return group


# ---------------------------------------------------------------------------------------
# Names


def _split_names(runs: list[str], registry: Registry) -> tuple[list[str], bool]:
    """Comma-separated runs → names: split on 、 and on 和/及 between whole names, share a
    government suffix across bare places, drop a trailing 等. Returns (names, 等 dropped)."""
    names: list[str] = []
    etc = False
    for run in runs:
        items: list[str] = []
        # _split_top's own shortcut, without the call: a run that opens no bracket is split
        # plainly (the empty pieces a plain split leaves clean to nothing and are passed by).
        nested = "(" in run or "《" in run or "“" in run
        for piece in _split_top(run, NAME_SEPARATOR) if nested else run.split(NAME_SEPARATOR):
            name = clean_name(piece)
            if "和" in name or "及" in name or "与" in name:  # CONJUNCTION's characters
                items.extend(_split_conjunctions(name, registry))
            elif name:  # what _split_conjunctions gives for a name without them
                items.append(name)
        if len(items) > 1:  # a suffix is shared with the items before it
            if "各" in run:  # "各市、县(市、区)人民政府"
                items = _join_collective_levels(items)
            if "单位" in run or "部门" in run or "机构" in run:  # what GENERIC_TAIL needs
                items = _join_generic_tails(items)
            items = _share_government_suffix(items, registry)
        for item in items:
            stripped = ETC_TAIL.sub("", item) if "等" in item else item
            if stripped != item and stripped:
                etc = True
                item = stripped
            item = clean_name(item)
            if item and item != "等":
                names.append(item)
            elif item == "等":
                etc = True
    return names, etc


# "各市、县(市、区)人民政府": the governments of every city and county, one collective owner.
COLLECTIVE_LEVEL = re.compile(r"^(?:各)?(?:省|市|州|县|区|市州|县区|县市|乡镇|乡|镇|街道|地|旗)$")
_LEVEL_GOVERNMENT = re.compile(r"^(?:[市州县区乡镇]|县级市|街道)(?:\([^()]{1,8}\))?(?:人民)?政府$|"
                               r"^(?:[市州县区乡镇])(?:\([^()]{1,8}\))?(?:人民政府|政府|管委会)$")


# A collective of departments followed by a bare 单位/部门 it also covers: "省直有关部门、单位"
# (山东), "市直各部门、单位", "各有关部门、单位等" — one collective owner, and no body called 单位.
COLLECTIVE_OWNER = re.compile(r"(?:有关|相关|各)[^、]{0,6}?(?:部门|单位|机构)$")
GENERIC_TAIL = re.compile(r"^(?:单位|部门|机构)等?$")


def _join_generic_tails(items: list[str]) -> list[str]:
    """"省直有关部门" + "单位" → "省直有关部门、单位": a bare 单位/部门 after a collective
    belongs to it."""
    out: list[str] = []
    for item in items:
        if out and GENERIC_TAIL.match(item) and COLLECTIVE_OWNER.search(out[-1]):
            out[-1] = f"{out[-1]}、{item}"
        else:
            out.append(item)
    return out


def _join_collective_levels(items: list[str]) -> list[str]:
    """"各市" + "县(市、区)人民政府" → "各市、县(市、区)人民政府": a bare "各X" level before a
    level's government shares it, and is no name of its own."""
    out: list[str] = []
    for item in items:
        if out and ((COLLECTIVE_LEVEL.match(out[-1].rsplit("、", 1)[-1])
                     and (_LEVEL_GOVERNMENT.match(item) or item in _BARE_LEVELS))
                    or (out[-1].startswith("各") and item in _BODIES_OF_THE_SAME)):
            out[-1] = f"{out[-1]}、{item}"  # "各区县党委、政府": the same places' governments
        else:
            out.append(item)
    return out


_BODIES_OF_THE_SAME = frozenset({"政府", "人民政府", "管委会"})
# "各县、市、区人民政府": the levels between 各县 and the government.
_BARE_LEVELS = frozenset({"市", "区", "县", "州", "旗", "乡", "镇", "街道"})


def _split_conjunctions(name: str, registry: Registry) -> list[str]:
    """Split on 和/及 between whole names: "市公安局和市司法局" → two names, while
    "市文化和旅游局" stays one (its left part, 市文化, is no department name)."""
    if len(name) > MAX_NAME_LENGTH:
        return [name]
    if "和" not in name and "及" not in name and "与" not in name:  # CONJUNCTION's characters
        return [name] if name else []
    out: list[str] = []
    rest = name
    while rest and not registry.is_known(rest):
        for m in CONJUNCTION.finditer(rest):
            left, right = rest[: m.start()], rest[m.end() :]
            if _whole_name(left, registry) and _whole_name(right, registry):
                out.append(left)
                rest = right
                break
        else:
            break
    if rest:
        out.append(rest)
    return out


def _whole_name(name: str, registry: Registry) -> bool:
    """A name that stands on its own; a bare 单位/部门 does not ("省直有关部门和单位" is one)."""
    if GENERIC_TAIL.match(name):
        return False
    return registry.is_known(name) or looks_like_department(ETC_TAIL.sub("", name))


def _share_government_suffix(items: list[str], registry: Registry) -> list[str]:
    """Bare places share the government after them: "广州、深圳市政府" → 广州市政府, 深圳市政府;
    "济南市、青岛市人民政府" → 济南市人民政府 (the level 市 is not written twice)."""
    if len(items) < 2:
        return items
    m = SHARED_GOVERNMENT.match(items[-1])
    if m is None:
        return items
    suffix = m.group("suffix")
    level, rest = suffix[0], suffix[1:]
    return [
        item + (rest if item[-1] == level else suffix)
        if i < len(items) - 1
        and BARE_PLACE.match(item)
        and not DEPARTMENT_SUFFIX.search(item)
        and not registry.is_known(item)
        else item
        for i, item in enumerate(items)
    ]


def _restore_levels(names: list[str], registry: Registry) -> list[str]:
    """Give back the level prefix a list drops after its first name:
    "省发展改革委…,省工业和信息化厅、财政厅、政务和数据局" → 省财政厅, 省政务和数据局;
    "市住建局、审批服务局" → 市审批服务局. The prefix is that of the latest prefixed name.
    _owner_group applies the same rule in its one pass over a note's names."""
    out: list[str] = []
    level: str | None = None
    for name in names:
        if len(name) > 2 and name[0] in _LEVELS and name[1] not in "场域":  # LEVEL_PREFIX
            level = name[0]
        elif level is not None and _dropped_prefix(name, level, registry):
            name = level + name
        out.append(name)
    return out


def _dropped_prefix(name: str, level: str, registry: Registry) -> bool:
    if registry.is_known(level + name):
        return True
    if registry.is_known(name) and not registry.is_stem(name):
        return False  # a name that stands alone: 合肥海关, 国网泰安供电公司
    if registry.is_stem(name):
        return True
    return bool(PROVINCIAL_DEPARTMENT.search(name)) and not NAMES_A_PLACE.search(name)


def _dedupe(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


__all__ = [
    "find_owner_notes",
    "find_owner_note_spans",
    "looks_like_owner_note",
    "parse_owner_note",
    "split_departments",
]
