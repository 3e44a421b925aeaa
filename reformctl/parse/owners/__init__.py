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
get it back and a government suffix shared by a list ("广州、深圳市政府") is shared, and the
registry folds aliases — but names stay as printed: what the note means is the group's
``canonical`` map ({财政厅: 省财政厅, 广州: 广州市政府, 市人社局: 市人力资源社会保障局}), and
only the entries of a registry that apply to the document's issuer fold (the parser is given
``Registry.folding_for(issuer)``).

Everything here is linear in the text: one scan for brackets, then bounded regexes per note.
"""

from __future__ import annotations

from collections.abc import Callable

from reformctl.model import OwnerGroup
from reformctl.parse.owners.names import NameMemo, dedupe, restore_levels, split_printed
from reformctl.parse.owners.roles import (
    FIRST_LISTED_LEADS,
    FIRST_RUN_LEADS,
    first_listed_kind,
    owner_group,
    promote_first_listed,
    role_groups,
    states_first_listed_leads,
)
from reformctl.parse.owners.scan import NoteCache, scan
from reformctl.parse.owners.text import CLAUSE_SEPARATORS, normalize, split_top
from reformctl.parse.vocab.roles import (
    LABEL_AT_START,
    PLAN_HEADER,
    ROLE_AT_CLAUSE_END,
    ROLE_CHARS,
    ROLE_LABEL,
)
from reformctl.registry import Registry, default_registry


def find_owner_notes(text: str, registry: Registry | None = None) -> list[OwnerGroup]:
    """Every owner note in a measure's text, in text order.

    ``covers`` runs from the end of the previous owner note (or the start of the text) to the
    start of this one; ``line`` is left to the caller, who knows the line map.
    """
    return [group for _, group in scan(text, registry)]


def find_owner_note_spans(
    text: str, registry: Registry | None = None, cache: NoteCache | None = None
) -> list[tuple[int, int]]:
    """Character spans of the owner notes (brackets included), in the order of find_owner_notes,
    so the caller can cut them out of titles and map them to source lines."""
    return [span for span, _ in scan(text, registry, cache)]


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
    return scan(text, registry, cache, line_at)


def parse_owner_note(inner: str, registry: Registry | None = None) -> OwnerGroup | None:
    """One note's content (without its brackets) → lead and responsible, or None if it is not
    an owner note. ``raw`` is the content as given; ``covers`` is left unset."""
    registry = registry if registry is not None else default_registry()
    groups = role_groups(normalize(inner), registry)
    if groups is None:
        return None
    return owner_group(groups, inner, registry)


def looks_like_owner_note(inner: str) -> bool:
    """A parenthetical with a role structure (a role label, or a role word closing a clause):
    if it did not parse, the caller should warn that an owner note may have been missed."""
    s = normalize(inner)
    if not ROLE_CHARS.search(s) or PLAN_HEADER.search(s):
        return False
    return bool(LABEL_AT_START.search(s) or ROLE_LABEL.search(s) or ROLE_AT_CLAUSE_END.search(s))


def split_departments(names: str, registry: Registry | None = None) -> list[str]:
    """A plain list of departments ("市行政审批服务局、市公安局", a plan's 总牵头协调部门) →
    names as printed, with the same splitting rules as owner notes (等 dropped)."""
    return split_departments_canonical(names, registry)[0]


def split_departments_canonical(
    names: str, registry: Registry | None = None, memo: NameMemo | None = None
) -> tuple[list[str], dict[str, str]]:
    """split_departments, and the canonical name of each printed name that means another
    (a carried level prefix, a shared suffix, a registry's fold), as an owner note's.
    ``memo``: the document's (OwnerNotes.names), whose notes name the same departments."""
    registry = registry if registry is not None else default_registry()
    runs = split_top(normalize(names), CLAUSE_SEPARATORS)
    items, _, shared = split_printed(runs, registry, memo)
    full = restore_levels([shared.get(n, n) for n in items], registry)
    fold = memo.canonical if memo is not None else registry.canonical
    canonical = {n: fold(f) for n, f in zip(items, full, strict=True)}
    return dedupe(items), {n: f for n, f in canonical.items() if f != n}


__all__ = [
    "FIRST_LISTED_LEADS",
    "FIRST_RUN_LEADS",
    "first_listed_kind",
    "NameMemo",
    "NoteCache",
    "find_owner_note_spans",
    "find_owner_notes",
    "find_owner_notes_with_spans",
    "looks_like_owner_note",
    "parse_owner_note",
    "promote_first_listed",
    "split_departments",
    "split_departments_canonical",
    "states_first_listed_leads",
]
