"""The department registry: canonical names, their aliases, and what a department name looks like.

Plans spell the same department several ways (市人社局, 市人力资源社会保障局; 人民银行泰安市中心
支行, 人行泰安市中心支行). The audit ("who owns the same thing twice", per-department due lists)
only works when every spelling folds to one name, so owner notes are normalized against this
registry. The canonical name is the seed document's own spelling, so parsed output reads like
the source.

Every layer needs it (the parser folds owner notes, the audit and the exports group by
department), so it sits beside the model rather than inside ``parse/``. The default ships as
package data, ``reformctl/data/departments.yaml`` (the only copy); a corpus folder's own
``departments.yaml`` is merged over it (:func:`registry_for_folder`). File format::

    departments:
      - name: 市行政审批服务局          # canonical spelling
        aliases: [市审批服务局, 行政审批服务局]
      - 市气象局                        # a bare string: a name without aliases

Entries merge over the default: a known ``name`` gains the listed aliases, a new one is added.

A registry folds names only in the documents it applies to. ``applies_to`` (a list of issuers:
places such as 泰安市 or 广东省, or 国务院) says which, for the whole file or for one entry; an
entry without it applies to every document. A document whose issuer the parser could not tell
is folded by every entry. The shipped default is 泰安's (``applies_to: [泰安市]``): a 包头
plan's 市审批服务局 stays 市审批服务局. Recognising names (is this a department, where does a
list split) uses every entry whatever the issuer: that changes no name.

    applies_to: [包头市]
    departments:
      - {name: 市审批服务局, aliases: [市行政审批服务局]}
      - {name: 市委网信办, applies_to: [包头市, 呼和浩特市]}
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reformctl.errors import InputError, ReformctlError
from reformctl.i18n import _

# The packaged default registry (package data; the corpus's departments.yaml adds to it).
DEFAULT_FILE = Path(__file__).parent / "data" / "departments.yaml"
REGISTRY_FILE = "departments.yaml"  # a corpus folder's own additions

# What a department (or a group of them) ends with, so that a list item like "市公安局" or
# "水电气热信专营单位" is taken as a name and "以下简称工程审批系统" is not. Longest first.
# Real examples: 市打私办, 市贸促会, 市残联, 国网泰安供电公司, 人行泰安市中心支行, 合肥海关,
# 功能区管委, 各县市区政府, 市知识产权工作领导小组成员单位, 横琴粤澳深度合作区执委会.
DEPARTMENT_SUFFIX = re.compile(
    r"(?:办公室|委员会|执委会|管委会|领导小组|中心|政府|管委|单位|部门|公司|集团|支行|分行|"
    r"银行|海关|法院|检察院|机构|团中央|[局厅委办部院处署室所站队会组联社团协])$"
)
# 团中央 and 协 for central bodies: "共青团中央", "中国科协" (国务院 plans); not 中央 alone,
# which opens "中央和国家机关工委".
# "各银行机构", "各银行业金融机构", "有关金融机构" (金融 measures: "…牵头，各银行机构配合").

# A second name in brackets after a department, the office it also is: "市市场监管局（市知识
# 产权局）" (one body, two plates). Looks like a department when the name before it does.
# Also in 〔〕: "市大数据局〔市政务服务管理办〕".
BRACKETED_ALIAS = re.compile(r"^(?P<name>[^()〔〕]{2,40})[(〔][^()〔〕]{2,40}[)〕]$")

# Every county or district below, written as a list of place kinds: "各区县（市）",
# "各县（市、区）", "各区（市）县" (成都), "各县市区" — an owner with no department suffix.
ALL_PLACES = re.compile(
    r"^各(?:[县区市]|\([县区市、]{1,5}\)){2,6}$"
    # and the towns and streets below them: "各镇(街道)", "各乡镇(街道)", "各街道", "各村(社区)"
    r"|^各(?:乡镇|镇|乡|街道|村|社区)(?:\((?:街道|社区|乡镇|镇)\))?$"
    # and every place at once: "各地" ("部门分工：市水利局牵头，各地、各部门配合")
    r"|^各地$"
)

# Bodies that exist under these names at every level, so a city alias folds at the district
# or county level too (区发改委 → 区发展改革委, 县人社局 → 县人力资源社会保障局). Not 行政审批
# 服务局: 区行政审批局 is an official name of its own in some places.
LEVEL_FREE_STEMS = frozenset({
    "发展改革委", "人力资源社会保障局", "住房城乡建设局", "工业和信息化局", "市场监管局",
    "委网信办", "卫生健康委", "医保局", "应急局", "国资委", "科技局", "文化和旅游局",
    "退役军人局", "地方金融监管局", "城市管理局", "自然资源和规划局",
})

# Words that open a clause rather than a name: "(由属地政府负责)" is a sentence, not an owner.
# Not 应急: "应急部", "应急管理局" are names (国务院 plans name central ministries bare).
NOT_A_NAME_START = re.compile(r"^(?:由|经|如|对|在|向|以|按|须|应(?!急)|其|将|从|为|含|包括)")

# A level prefix (省/市/县/区) at the start of a name, as in 省财政厅; "市场监管局" and
# "区域…" begin with the same characters but carry no level.
LEVEL_PREFIX = re.compile(r"^(?P<level>[省市县区])(?![场域])")

# Whitespace of any width, which PDF extraction leaves inside names: "市公共资 源交易中心".
_SPACES = re.compile(r"\s+")
# Punctuation that list splitting can leave at either end of a name.
_EDGE_PUNCT = "、,，;；:：.。 "


@lru_cache(maxsize=16384)
def clean_name(name: str) -> str:
    """Fold width (（→(, ：→:) and drop whitespace, so spellings compare equal.

    Cached: a document names the same departments again and again, and every registry
    lookup cleans its argument first.
    """
    folded = unicodedata.normalize("NFKC", name)
    return _SPACES.sub("", folded).strip(_EDGE_PUNCT)


@lru_cache(maxsize=16384)
def looks_like_department(name: str) -> bool:
    """A name shaped like a department: ends like one (局, 委, 中心…) and opens like a noun.

    Used where no label says "this is a list of departments" — "(X牵头, Y配合)" — so that an
    ordinary parenthetical ending in 负责 is not read as an owner note.
    """
    name = clean_name(name)
    if len(name) < 2 or NOT_A_NAME_START.match(name):
        return False
    if name[-1] in ")〕" and (alias := BRACKETED_ALIAS.match(name)):
        name = alias.group("name")
    return bool(DEPARTMENT_SUFFIX.search(name) or ALL_PLACES.match(name))


# A place's level, which "泰安" and "泰安市" (or 广东 and 广东省) may leave out: compared
# without it (same_place).
PLACE_LEVEL = re.compile(r"(?:特别行政区|自治区|自治州|地区|省|市|县|区|州|盟|旗)$")


def place_stem(place: str) -> str:
    """泰安市 → 泰安, 内蒙古自治区 → 内蒙古, 国务院 → 国务院 (a stem keeps two characters)."""
    place = clean_name(place)
    m = PLACE_LEVEL.search(place)
    return place[: m.start()] if m and m.start() >= 2 else place


def same_place(a: str, b: str) -> bool:
    """Whether two issuers name one place: 泰安市 and 泰安 do, 泰安市 and 泰山区 do not."""
    return place_stem(a) == place_stem(b)


@dataclass(frozen=True)
class Department:
    """One canonical department name with the other spellings that mean it, and the issuers
    whose documents it folds (``applies_to``; empty: every document)."""

    name: str
    aliases: tuple[str, ...] = ()
    applies_to: tuple[str, ...] = ()

    def applies(self, issuer: str | None) -> bool:
        """Whether this entry folds names in a document of ``issuer`` (None: not known)."""
        if issuer is None or not self.applies_to:
            return True
        return any(same_place(issuer, place) for place in self.applies_to)


@dataclass(frozen=True)
class Registry:
    """Canonical department names and aliases; immutable, so a cached default is safe to share.

    ``canonical`` folds any registered spelling to its canonical name and leaves unknown names
    cleaned but otherwise unchanged (the audit reports them, with ``closest`` as a hint).
    """

    departments: tuple[Department, ...] = ()
    _index: dict[str, str] = field(init=False, repr=False, compare=False)
    _stems: frozenset[str] = field(init=False, repr=False, compare=False)
    _scoped: dict[object, Registry] = field(init=False, repr=False, compare=False)
    # Set on a parser's view (folding_for): the entries that fold; the rest only recognise.
    _fold: Registry | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        # Aliases first, later entries winning (user files come after the default); then the
        # canonical names, which no alias may take over.
        for dept in self.departments:
            for alias in dept.aliases:
                index[clean_name(alias)] = dept.name
        for dept in self.departments:
            index[clean_name(dept.name)] = dept.name
        stems = set()
        for key in index:
            m = LEVEL_PREFIX.match(key)
            if m and len(key) > 2:
                stems.add(key[m.end() :])
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_stems", frozenset(stems))
        object.__setattr__(self, "_scoped", {})
        object.__setattr__(self, "_fold", None)

    def for_issuer(self, issuer: str | None) -> Registry:
        """The entries that fold the names of a document issued by ``issuer`` (None: the
        issuer is not known, and every entry applies). Itself when every entry applies."""
        found = self._scoped.get(issuer)
        if found is None:
            kept = tuple(d for d in self.departments if d.applies(issuer))
            found = self if len(kept) == len(self.departments) else Registry(kept)
            self._scoped[issuer] = found
        return found

    def folding_for(self, issuer: str | None) -> Registry:
        """The registry a parser uses for a document of ``issuer``: it recognises names with
        every entry (``is_known``, ``is_stem``: where a list splits, which bare names take a
        carried prefix) and folds them (``canonical``) only with the entries that apply."""
        key = ("folding", issuer)
        found = self._scoped.get(key)
        if found is None:
            fold = self.for_issuer(issuer)
            if fold is self:
                found = self
            else:
                found = Registry(self.departments)
                object.__setattr__(found, "_fold", fold)
            self._scoped[key] = found
        return found

    def places(self) -> tuple[str, ...]:
        """Every issuer some entry names in ``applies_to``, in registry order."""
        seen: dict[str, None] = {}
        for dept in self.departments:
            for place in dept.applies_to:
                seen.setdefault(place, None)
        return tuple(seen)

    def canonical(self, name: str) -> str:
        """Alias or variant spelling → canonical name; unknown names come back cleaned."""
        folding = self
        while folding._fold is not None:  # a parser's view: its folding entries decide
            folding = folding._fold
        cleaned = clean_name(name)
        found = folding._index.get(cleaned)
        if found is not None:
            return found
        return folding._other_level(cleaned) or cleaned

    def _other_level(self, cleaned: str) -> str | None:
        """A registered city body named at another level: 区发改委 → 区发展改革委 (市发改委 →
        市发展改革委), 县人社局 → 县人力资源社会保障局. Only when the city spelling is registered
        and folds to another city spelling, so unknown bodies stay as written."""
        m = LEVEL_PREFIX.match(cleaned)
        if m is None or m.group("level") == "市" or len(cleaned) < 3:
            return None
        found = self._index.get("市" + cleaned[1:])
        if found is None or found[:1] != "市" or found[1:] not in LEVEL_FREE_STEMS:
            return None
        return cleaned[:1] + found[1:]

    def is_known(self, name: str) -> bool:
        return clean_name(name) in self._index

    def closest(self, name: str) -> str | None:
        """The registered department an unknown name most likely means, for the audit's hint."""
        cleaned = clean_name(name)
        if cleaned in self._index:
            return self._index[cleaned]
        match = difflib.get_close_matches(cleaned, list(self._index), n=1, cutoff=0.6)
        return self._index[match[0]] if match else None

    def names(self) -> list[str]:
        """Canonical names, in registry order."""
        seen: dict[str, None] = {}
        for dept in self.departments:
            seen.setdefault(dept.name, None)
        return list(seen)

    def aliases(self, name: str) -> tuple[str, ...]:
        """Every alias registered for the canonical name of ``name``."""
        target = self.canonical(name)
        out: dict[str, None] = {}
        for dept in self.departments:
            if dept.name == target:
                for alias in dept.aliases:
                    out.setdefault(alias, None)
        return tuple(out)

    def is_stem(self, bare: str) -> bool:
        """Whether a registered name is ``bare`` with a level prefix: 财政厅 (省财政厅)."""
        return clean_name(bare) in self._stems

    def merged(self, extra: Iterable[Department]) -> Registry:
        """A new registry with ``extra`` merged over this one (same name and the same
        ``applies_to`` → aliases united; the same name for other issuers is an entry of its own)."""
        order: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for dept in (*self.departments, *extra):
            aliases = order.setdefault((dept.name, dept.applies_to), [])
            aliases.extend(a for a in dept.aliases if a not in aliases and a != dept.name)
        return Registry(tuple(Department(n, tuple(a), scope) for (n, scope), a in order.items()))


def departments_from_data(data: Any, *, source: str = "<data>") -> list[Department]:
    """Validate the plain-data form ({applies_to: [...], departments: [...]}) and turn it into
    Departments; the file's ``applies_to`` is every entry's unless the entry names its own."""
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("departments", []), list):
        raise InputError("expected a mapping with a 'departments' list", path=source)
    scope = _issuers(data.get("applies_to"), "applies_to", source)
    out: list[Department] = []
    for i, entry in enumerate(data.get("departments") or []):
        where = f"departments[{i}]"
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise InputError(_("{where}: each entry needs a 'name' (text)").format(where=where),
                             path=source)
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(_("{where}: 'aliases' must be a list of names").format(where=where),
                             path=source)
        name = clean_name(entry["name"])
        if not name:
            raise InputError(_("{where}: empty department name").format(where=where), path=source)
        own = entry.get("applies_to")
        applies_to = scope if own is None else _issuers(own, f"{where}.applies_to", source)
        out.append(Department(name, tuple(clean_name(a) for a in aliases if clean_name(a)),
                              applies_to))
    return out


def _issuers(value: Any, where: str, source: str) -> tuple[str, ...]:
    """An ``applies_to`` value: a list of issuers (or one); absent or empty: every document."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(_("{where}: must be a list of issuers (泰安市, 广东省…)").format(
            where=where), path=source)
    return tuple(dict.fromkeys(clean_name(v) for v in value))


def load_registry(path: str | Path | None = None) -> Registry:
    """The packaged default registry, with the departments file at ``path`` merged over it.

    ``path`` may name the YAML file or a corpus folder holding ``departments.yaml``.
    """
    registry = default_registry()
    if path is None:
        return registry
    from reformctl.gate import load_valid

    file = Path(path)
    if file.is_dir():
        file = file / REGISTRY_FILE
    try:
        data = load_valid(file, "departments")  # the schema gate (cached once valid)
    except ReformctlError as exc:  # unreadable, or refused by departments.schema.json
        raise InputError(_("cannot read department registry: {error}").format(error=exc.text),
                         path=str(file),
                         line=exc.line) from exc
    return registry.merged(departments_from_data(data, source=str(file)))


def registry_for_folder(folder: str | Path | None) -> Registry:
    """The registry a corpus folder uses: its departments.yaml over the default, if it has one.

    The one lookup every command uses (``registry_for_folder(corpus.folder)``); a single YAML
    file standing for a corpus uses the departments.yaml beside it."""
    if folder is not None:
        file = Path(folder)
        file = file / REGISTRY_FILE if file.is_dir() else file.parent / REGISTRY_FILE
        if file.is_file():
            return load_registry(file)
    return default_registry()


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The packaged default (``data/departments.yaml``), read once (Registry is immutable, so
    sharing it is safe)."""
    from reformctl.yamlio import load_yaml_file

    data = load_yaml_file(DEFAULT_FILE)
    return Registry(tuple(departments_from_data(data, source=str(DEFAULT_FILE))))


__all__ = [
    "DEFAULT_FILE",
    "Department",
    "Registry",
    "clean_name",
    "default_registry",
    "load_registry",
    "looks_like_department",
    "place_stem",
    "registry_for_folder",
    "same_place",
]
