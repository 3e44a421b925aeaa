"""The role structure of an owner note: labelled ("牵头部门:X;责任部门:Y") or roles after the
names ("X牵头,Y配合"), and the owner group it makes."""

from __future__ import annotations

import re
from dataclasses import replace

from reformctl.model import OwnerGroup
from reformctl.parse.owners.names import (
    LEVELS,
    NameMemo,
    dropped_prefix,
    split_names,
    split_printed,
)
from reformctl.parse.owners.text import CLAUSE_SEPARATORS, NAME_SEPARATOR, normalize, split_top
from reformctl.parse.vocab import alt
from reformctl.parse.vocab.roles import (
    BRACKETED_NOUNS,
    BY_PREFIX,
    COORDINATOR,
    FIRST_LISTED_LEADS,
    FIRST_RUN_LEADS,
    IN_CHARGE,
    LABEL_AT_START,
    LEAD,
    LEAD_LABELS,
    LEADER_CLAUSE,
    LOCAL_VERBS,
    PLAN_HEADER,
    ROLE_LABEL,
    ROLE_LABEL_WIDTH,
    ROLE_OBJECT,
    ROLE_OBJECT_TAIL,
    ROLE_SUFFIX,
    ROLE_SUFFIX_ENDS,
    SENTENCE_END,
    SUFFIX_LEAD,
    SUFFIX_OWNER,
    SUFFIX_SUPERVISING,
)
from reformctl.parse.vocab.time import TIME_REMARK
from reformctl.registry import Registry, looks_like_department

# The role vocabulary and its patterns (ROLE_LABEL, ROLE_SUFFIX…) are in vocab/roles.py.
_COLONS = re.compile("[:：]")

# A lead marked inside a list: "责任单位：市商务局（牵头）、市财政局" (width already folded).
INLINE_LEAD = re.compile(rf"\({alt(LEAD)}{alt(BRACKETED_NOUNS)}?\)$")
# Its opening, anywhere in a note's runs: whether a run marks its lead at all (a run without
# the bracket does not: no regex call).
LEAD_MARK_OPEN = "("
LEAD_MARK = re.compile(rf"{re.escape(LEAD_MARK_OPEN)}{alt(LEAD)}")

# Remarks inside a list that are not names: "下同", "同上".
# A run or clause is one when it is the remark and nothing else (a note is without whitespace
# by then), so a set lookup: no regex call per run.
LIST_REMARKS = frozenset(("下同", "同上", "以下同", "见上"))

# What a clause ROLE_SUFFIX matches can end in: a role word's last character, or the newline
# $ matches before.
_ROLE_SUFFIX_LAST = ROLE_SUFFIX_ENDS | {"\n"}

# Role structure

# (role, runs): role is "lead", "responsible", "owner" (负责: lead unless a 牵头 exists) or
# "supervising" (指导, 督导: in no role of the group); runs are the comma-separated stretches
# of names that share the role.
_Groups = list[tuple[str, list[str]]]


def role_groups(s: str, registry: Registry) -> _Groups | None:
    if not s:
        return None
    if "领导" in s:  # leaders named beside the owners are persons, not departments
        if COORDINATOR in s and PLAN_HEADER.search(s):
            return None
        s = ",".join(c for c in split_top(s, CLAUSE_SEPARATORS) if not LEADER_CLAUSE.match(c))
    if not s or ((IN_CHARGE in s or COORDINATOR in s) and PLAN_HEADER.search(s)):
        return None
    first_listed = states_first_listed_leads(s)
    if SENTENCE_END in s:
        s = _note_sentences(s)
    labels = role_labels(s)
    if labels:
        return _labelled(s, labels)
    return _role_suffixed(s, registry, first_listed)


def _note_sentences(s: str) -> str:
    """A note's names end at its first 。: "（…开发区管委。以下任务均需各区县政府落实，不再
    一一列出）" names no owner after it, and "（X、Y负责。列第一位者为牵头单位，下同）" states
    a convention (read from the whole note by the caller). Kept: the sentences up to the
    first that names a role, and any after it that open with a role label ("牵头单位:X。配合
    单位:Y"); a sentence before (a time remark) stays, as a clause of its own."""
    kept: list[str] = []
    named = False
    for sentence in s.split(SENTENCE_END):
        if named and not LABEL_AT_START.match(sentence):
            break
        if sentence:
            kept.append(sentence)
        named = named or bool(role_labels(sentence)) or any(
            role_suffix(c) for c in split_top(sentence, CLAUSE_SEPARATORS))
    return CLAUSE_SEPARATORS[0].join(kept)


def role_labels(s: str) -> list[re.Match[str]]:
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
        for run in split_top(listed, CLAUSE_SEPARATORS):
            if (first_listed and states_first_listed_leads(run)) or ":" in run:
                # "列第一位的为牵头单位，下同": a remark follows the statement; "适用范围:…",
                # "完成时限:…": a label of another kind ends the list.
                break
            if (
                (looks_like_department(run) or not TIME_REMARK.search(run))
                and run not in LIST_REMARKS
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
    m = role_suffix(run)
    if m is None:
        return run, label_role
    word = m.group("role")
    if word in SUFFIX_LEAD:
        role = "lead"
    elif word in SUFFIX_OWNER:
        role = label_role  # 负责 says no more than the label
    else:
        role = "supervising" if word in SUFFIX_SUPERVISING else "responsible"  # 配合, 落实…
    return run[: m.start()], role


def _role_suffixed(s: str, registry: Registry, first_listed: bool = False) -> _Groups | None:
    """Roles after the names, "X牵头,Y、Z配合": clauses without a role word belong to the next
    role word; a time remark and a remark like 下同 are skipped; every name must look like a
    department. ``first_listed``: the note says the first listed unit leads ("X、Y按职责分工
    负责,列第一位的为牵头单位"), so 负责 there is the role of all but the first, which
    owner_group promotes."""
    groups: _Groups = []
    pending: list[str] = []
    for clause in split_top(s, CLAUSE_SEPARATORS):
        if first_listed and states_first_listed_leads(clause):
            break  # "…负责，列第一位的为牵头单位，下同": what follows is a remark
        if clause in LIST_REMARKS:
            continue
        local = False  # "各区县政府负责本辖区落实": carries out locally, responsible
        if ROLE_OBJECT.search(clause):
            stripped = ROLE_OBJECT_TAIL.sub("", clause)
            local = stripped != clause and any(verb in clause for verb in LOCAL_VERBS)
            clause = stripped
        m = role_suffix(clause)
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
        kind = ("lead" if role in SUFFIX_LEAD else "owner" if role in SUFFIX_OWNER
                else "supervising" if role in SUFFIX_SUPERVISING else "responsible")
        groups.append(("responsible" if local and kind == "owner" else kind, runs))
    if pending or not groups:
        return None
    if first_listed and all(kind != "lead" for kind, _ in groups):
        groups = [("responsible" if kind == "owner" else kind, runs) for kind, runs in groups]
    for _, runs in groups:
        items, _ = split_names(runs, registry)
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


def role_suffix(clause: str) -> re.Match[str] | None:
    """ROLE_SUFFIX.search(clause), skipping the regex when the last character rules it out."""
    if clause[-1:] in _ROLE_SUFFIX_LAST:
        return ROLE_SUFFIX.search(clause)
    return None


def owner_group(
    groups: _Groups,
    raw: str,
    registry: Registry,
    covers: tuple[int, int] | None = None,
    line: int | None = None,
    memo: NameMemo | None = None,
) -> OwnerGroup | None:
    """The owner group of a note's role groups (role_groups), made once with its ``line`` and
    ``covers``. ``memo`` (one document's) remembers each run's split and each name's fold."""
    memo = memo if memo is not None else NameMemo(registry)
    has_lead = False
    every_run: list[str] = []
    for kind, runs in groups:
        has_lead = has_lead or kind == "lead"
        every_run += runs
    # Whether a run marks its lead, "X(牵头)"; no run holds a newline, so one search of the
    # runs joined on newlines finds the mark only where a run holds it.
    joined = "\n".join(every_run)
    marked = LEAD_MARK_OPEN in joined and LEAD_MARK.search(joined) is not None
    folded = memo.folded
    lead: dict[str, None] = {}  # insertion-ordered sets: first mention first, no repeats
    resp: dict[str, None] = {}
    meant: dict[str, str] = {}  # printed name → what it stands for, where the two differ
    etc = False
    # Names in note order, so that a level prefix carries from one role to the next: the
    # rule of restore_levels, applied in the same pass (tests/test_owners.py ties this pass
    # to split_names, restore_levels and canonical in turn).
    level: str | None = None
    for kind, runs in groups:
        if kind == "supervising":
            continue  # "生态环境部指导": guides the work, does not do it
        items, dropped, shared = split_printed(runs, registry, memo)
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
            full = shared.get(name, name)  # "广州" in "广州、深圳市政府": 广州市政府
            if len(full) > 2 and full[0] in LEVELS and full[1] not in "场域":  # LEVEL_PREFIX
                level = full[0]
            elif level is not None and dropped_prefix(full, level, registry):
                full = level + full  # "财政厅" after "省发展改革委": 省财政厅
            full = folded.get(full) or memo.canonical(full)
            (lead if role else resp)[name] = None  # as printed
            if full != name:
                meant.setdefault(name, full)
    if not lead and not resp and not any(kind == "supervising" for kind, _ in groups):
        return None  # (a note naming only supervisors is a note, of no owner: "（X指导）")
    # Positional, in model.OwnerGroup's field order (lead, responsible, raw, line, covers, etc,
    # inherited, canonical): called with keywords, a class builds and unpacks a dict of them,
    # ~3k instructions more a group (tests/test_notes_fastpaths.py pins the order).
    group = OwnerGroup(tuple(lead), tuple(resp), raw, line, covers, etc, False,
                       tuple(meant.items()))
    if states_first_listed_leads(raw):
        return promote_first_listed(group, first_listed_kind(raw))
    return group


def states_first_listed_leads(s: str) -> bool:
    """Whether ``s`` states that the first listed unit leads (FIRST_LISTED_LEADS), or the
    units before the first comma (FIRST_RUN_LEADS), after a cheap test: every wording holds
    第一 or 首位."""
    return ("第一" in s or "首位" in s) and (
        FIRST_LISTED_LEADS.search(s) is not None or FIRST_RUN_LEADS.search(s) is not None)


def first_listed_kind(s: str) -> str:
    """Which convention ``s`` states: "run" (the units before the first comma lead) or
    "unit" (the first unit leads)."""
    return "run" if FIRST_RUN_LEADS.search(s) else "unit"


def promote_first_listed(group: OwnerGroup, kind: str = "unit") -> OwnerGroup:
    """Apply "列第一位的为牵头单位": the first responsible unit of a note without a lead leads;
    in a note that names no 牵头, units that all came out leading because they are 负责
    ("（X、Y按职责分工负责）") are the first leading and the others responsible. With
    ``kind`` "run" ("第一个逗号前为牵头单位") the units before the note's first comma lead."""
    if group.lead and (len(group.lead) < 2 or group.responsible
                       or any(w in group.raw for w in LEAD)):
        return group
    names = group.responsible if not group.lead else group.lead
    first = _first_run_size(group.raw) if kind == "run" else 1
    if not names:
        return group
    return replace(group, lead=names[:first], responsible=names[first:])


def _first_run_size(raw: str) -> int:
    """How many names stand before the first comma of a note's list: "〔责任单位：市科技局、
    市数据局，市委网信办〕" → 2."""
    s = normalize(raw)[1:-1]
    labels = role_labels(s)
    listed = s[labels[0].end():] if labels else s
    run = split_top(listed, CLAUSE_SEPARATORS)[:1]
    return max(1, len(split_top(run[0], NAME_SEPARATOR))) if run else 1
