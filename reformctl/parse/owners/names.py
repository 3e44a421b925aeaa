"""Names in an owner note's lists: split on 、 and on 和/及 between whole names, a suffix
shared by bare places, collective owners kept whole, a trailing 等 dropped, and the level
prefix a list drops after its first name given back."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reformctl.parse.owners.text import NAME_SEPARATOR, holds_brackets, split_top
from reformctl.parse.vocab.collectives import (
    BARE_LEVELS,
    BODIES_OF_THE_SAME,
    COLLECTIVE_BODIES,
    COLLECTIVE_LEVEL,
    EACH,
    ETC,
    ETC_TAIL,
    GENERIC_TAIL,
    HAS_GENERIC_BODY,
    LEVEL_GOVERNMENT,
)
from reformctl.registry import DEPARTMENT_SUFFIX, Registry, clean_name, looks_like_department

# Collective owners (各县市区政府, 有关部门、单位) and a trailing 等: vocab/collectives.py.

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

# Names after the first that dropped their 省/市 prefix ("财政厅" after "省发展改革委") are
# restored when the registry knows the prefixed form, or when the name ends in 厅 (a
# provincial department) and names no place of its own.
PROVINCIAL_DEPARTMENT = re.compile(r"厅$")
NAMES_A_PLACE = re.compile(r"[省市县区州盟旗]|^(?:中国|国家)")

# LEVEL_PREFIX's levels, for a test of a name's first two characters without the regex.
LEVELS = frozenset("省市县区")


def split_names(runs: list[str], registry: Registry) -> tuple[list[str], bool]:
    """Comma-separated runs → names: split on 、 and on 和/及 between whole names, share a
    government suffix across bare places, drop a trailing 等. Returns (names, 等 dropped)."""
    names, etc, shared = split_printed(runs, registry)
    return [shared.get(n, n) for n in names], etc


def split_printed(
    runs: list[str], registry: Registry, memo: NameMemo | None = None
) -> tuple[list[str], bool, dict[str, str]]:
    """split_names with the names as printed, and what a printed name stands for where a
    list shares a suffix: "广州、深圳市政府" → [广州, 深圳市政府], {广州: 广州市政府}.

    Each run is split on its own; ``memo`` (one document's) remembers each run's split."""
    if len(runs) == 1:  # most lists: one run
        return split_run(runs[0], registry) if memo is None else memo.split_run(runs[0])
    names: list[str] = []
    shared: dict[str, str] = {}
    etc = False
    for run in runs:
        run_names, run_etc, run_shared = (
            split_run(run, registry) if memo is None else memo.split_run(run))
        names += run_names
        etc = etc or run_etc
        shared.update(run_shared)
    return names, etc, shared


class NameMemo:
    """What one document's owner notes share, worked out once: a plan lists the same
    departments note after note (the seed: 211 runs of names, 105 distinct; 412 names, 57
    distinct), so each run is split once and each name folded once. For one document and one
    registry; what it hands out is shared, never changed."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._runs: dict[str, tuple[list[str], bool, dict[str, str]]] = {}
        # Printed name (its level and shared suffix given back) → registry.canonical of it.
        self.folded: dict[str, str] = {}

    def split_run(self, run: str) -> tuple[list[str], bool, dict[str, str]]:
        found = self._runs.get(run)
        if found is None:
            found = self._runs[run] = split_run(run, self.registry)
        return found

    def canonical(self, name: str) -> str:
        """``registry.canonical(name)``, remembered (owner_group reads ``folded`` inline)."""
        found = self.folded.get(name)
        if found is None:
            found = self.folded[name] = self.registry.canonical(name)
        return found


def split_run(run: str, registry: Registry) -> tuple[list[str], bool, dict[str, str]]:
    """One comma-separated run of a list → its names as printed, whether a trailing 等 was
    dropped, and the suffix it shares with its bare places (split_printed)."""
    names: list[str] = []
    shared: dict[str, str] = {}
    etc = False
    items: list[str] = []
    # split_top's own shortcut, without the call: a run that opens no bracket is split
    # plainly (the empty pieces a plain split leaves clean to nothing and are passed by).
    nested = holds_brackets(run)
    for piece in split_top(run, NAME_SEPARATOR) if nested else run.split(NAME_SEPARATOR):
        name = clean_name(piece)
        if "和" in name or "及" in name or "与" in name:  # CONJUNCTION's characters
            items.extend(_split_conjunctions(name, registry))
        elif name:  # what _split_conjunctions gives for a name without them
            items.append(name)
    if len(items) > 1:  # a suffix is shared with the items before it
        if EACH in run:  # "各市、县(市、区)人民政府"
            items = _join_collective_levels(items)
        if HAS_GENERIC_BODY.search(run):  # what GENERIC_TAIL needs
            items = _join_generic_tails(items)
        for printed, full in zip(items, _share_government_suffix(items, registry),
                                 strict=True):
            if full != printed:
                shared[printed] = full
    for item in items:
        stripped = ETC_TAIL.sub("", item) if ETC in item else item
        if stripped != item and stripped:
            etc = True
            item = stripped
        item = clean_name(item)
        if item and item != ETC:
            names.append(item)
        elif item == ETC:
            etc = True
    return names, etc, shared


def _join_generic_tails(items: list[str]) -> list[str]:
    """"省直有关部门" + "单位" → "省直有关部门、单位": a bare 单位/部门 after a collective
    belongs to it."""
    out: list[str] = []
    for item in items:
        if out and GENERIC_TAIL.match(item) and COLLECTIVE_BODIES.search(out[-1]):
            out[-1] = f"{out[-1]}{NAME_SEPARATOR}{item}"
        else:
            out.append(item)
    return out


def _join_collective_levels(items: list[str]) -> list[str]:
    """"各市" + "县(市、区)人民政府" → "各市、县(市、区)人民政府": a bare "各X" level before a
    level's government shares it, and is no name of its own."""
    out: list[str] = []
    for item in items:
        if out and ((COLLECTIVE_LEVEL.match(out[-1].rsplit(NAME_SEPARATOR, 1)[-1])
                     and (LEVEL_GOVERNMENT.match(item) or item in BARE_LEVELS))
                    or (out[-1].startswith(EACH) and item in BODIES_OF_THE_SAME)):
            out[-1] = f"{out[-1]}{NAME_SEPARATOR}{item}"  # "各区县党委、政府": the same places' governments
        else:
            out.append(item)
    return out


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


def restore_levels(names: list[str], registry: Registry) -> list[str]:
    """Give back the level prefix a list drops after its first name:
    "省发展改革委…,省工业和信息化厅、财政厅、政务和数据局" → 省财政厅, 省政务和数据局;
    "市住建局、审批服务局" → 市审批服务局. The prefix is that of the latest prefixed name.
    owner_group applies the same rule in its one pass over a note's names."""
    out: list[str] = []
    level: str | None = None
    for name in names:
        if len(name) > 2 and name[0] in LEVELS and name[1] not in "场域":  # LEVEL_PREFIX
            level = name[0]
        elif level is not None and dropped_prefix(name, level, registry):
            name = level + name
        out.append(name)
    return out


def dropped_prefix(name: str, level: str, registry: Registry) -> bool:
    if registry.is_known(level + name):
        return True
    if registry.is_known(name) and not registry.is_stem(name):
        return False  # a name that stands alone: 合肥海关, 国网泰安供电公司
    if registry.is_stem(name):
        return True
    return bool(PROVINCIAL_DEPARTMENT.search(name)) and not NAMES_A_PLACE.search(name)


def dedupe(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
