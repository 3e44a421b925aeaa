"""Finding the owner notes of a text: every outermost bracket pair is tried as a note (each
bracketed text parsed once per document, with a cache), and bare lists of departments
closing a sentence where a text has no note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reformctl.model import OwnerGroup
from reformctl.parse.owners.names import NameMemo
from reformctl.parse.owners.roles import owner_group, role_groups
from reformctl.parse.owners.text import CLAUSE_SEPARATORS, normalize, outer_brackets, split_top
from reformctl.parse.vocab.roles import SUFFIX_ROLE_WORD
from reformctl.parse.vocab.time import TIME_REMARK
from reformctl.registry import Registry, default_registry, looks_like_department

# Scanning


class NoteCache(dict[str, "OwnerGroup | None"]):
    """What each bracketed text (brackets included) of one document parses to, with the
    ``line`` and ``covers`` of the note it was first read from (a repeat takes its own); None:
    no owner note. ``names`` remembers what its notes share below a note, the runs of names
    and the names (names.NameMemo), once a registry reads them: one document, one registry."""

    def __init__(self) -> None:
        super().__init__()
        self.names: NameMemo | None = None

    def names_for(self, registry: Registry) -> NameMemo:
        if self.names is None:
            self.names = NameMemo(registry)
        return self.names


def scan(
    text: str,
    registry: Registry | None,
    cache: NoteCache | None = None,
    line_at: Callable[[int], int] | None = None,
) -> list[tuple[tuple[int, int], OwnerGroup]]:
    registry = registry if registry is not None else default_registry()
    memo = cache.names_for(registry) if cache is not None else None
    found: list[tuple[tuple[int, int], OwnerGroup]] = []
    lists: list[tuple[int, int]] = []  # bare lists of departments closing a sentence
    previous_end = 0
    for start, end in outer_brackets(text):
        raw = text[start:end]
        line = line_at(start) if line_at is not None else None
        covers = (previous_end, start)
        if cache is not None and raw in cache:
            group = cache[raw]
            if group is not None:  # the group read before (whose raw is this raw), made anew
                group = OwnerGroup(  # positional, as roles.owner_group makes it
                    group.lead, group.responsible, group.raw, line, covers, group.etc, False,
                    group.canonical)
        else:
            group = _parse_note(raw, registry, line, covers, memo)
            if cache is not None:
                cache[raw] = group
        if group is None:
            if _closes_a_sentence(text, start, end):
                lists.append((start, end))
            continue
        found.append(((start, end), group))
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
    s = normalize(raw[1:-1])
    if not s or ":" in s or SUFFIX_ROLE_WORD.search(s):
        return None  # a note with roles or labels that did not parse: not a bare list
    # "（市发展改革委，6月底前）": a time remark beside the names is the deadline's.
    runs = [run for run in split_top(s, CLAUSE_SEPARATORS)
            if run and not (TIME_REMARK.search(run) and not looks_like_department(run))]
    group = owner_group([("responsible", runs)], raw, registry) if runs else None
    if group is None or not all(registry.is_known(n) or looks_like_department(n)
                                for n in group.responsible):
        return None
    return group


def _parse_note(
    raw: str,
    registry: Registry,
    line: int | None = None,
    covers: tuple[int, int] | None = None,
    memo: NameMemo | None = None,
) -> OwnerGroup | None:
    """A bracketed text (brackets included) → its owner group with ``line`` and ``covers``, or
    None."""
    groups = role_groups(normalize(raw[1:-1]), registry)
    return None if groups is None else owner_group(groups, raw, registry, covers, line, memo)
