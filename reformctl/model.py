"""Value objects of a parsed plan document, and the one place that turns them into plain dicts.

The dict form (``to_dict``/``from_dict``) is the public YAML/JSON interface documented in the
README and pinned by ``schemas/document.schema.json``: change field names only together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date
from typing import Any, TypeVar, dataclass_transform

PARSER_VERSION = "0.2.0"

# Deadline kinds, in the words of DESIGN.md.
DEADLINE_KINDS = ("by", "after", "recurring", "relative", "period", "ongoing")
# Target comparators: >= (以上, 不低于, 达到), <= (以下, 以内, 不超过), = (exact), ~ (左右), range.
TARGET_OPS = (">=", "<=", "=", "~", "range", ">", "<")
# What a number phrase is: a goal to reach (城镇新增就业3.4万人, 合并为1个政务服务事项) or a
# limit saying who or what a measure covers (35千伏及以上的项目, 200万元以下的采购, 年满18周岁).
TARGET_KINDS = ("goal", "limit")

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def value_class(cls: type[_T]) -> type[_T]:
    """A frozen dataclass whose ``__init__`` puts the fields straight into the new instance's
    ``__dict__``: every value class of this module.

    The ``__init__`` that ``dataclass(frozen=True)`` writes calls ``object.__setattr__`` once
    per field (the class's own ``__setattr__`` refuses), about 0.3 µs a field: ~3 µs for an
    OwnerGroup, and a parse of the seed makes ~700 values. Storing into ``__dict__`` is the
    same construction without those calls (~0.5 µs). It is the class's only constructor,
    generated from the same field declarations, so ``Deadline(raw=…, kind=…)``,
    ``dataclasses.replace``, ``fields``, equality, hashing, ``repr`` and pickling are the
    dataclass's, and assigning to a field afterwards raises ``FrozenInstanceError`` as before.
    """
    cls = dataclass(frozen=True, init=False)(cls)
    setattr(cls, "__init__", _storing_init(cls))  # noqa: B010 (mypy: no assignment to a method)
    return cls


def _storing_init(cls: type) -> Callable[..., None]:
    """``def __init__(self, raw, kind, date=<default>, …)`` storing each field in ``__dict__``,
    built from the dataclass's fields as dataclass builds its own."""
    params: list[str] = []
    stores: list[str] = []
    namespace: dict[str, Any] = {}
    for f in fields(cls):
        if f.default_factory is not MISSING or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: a value class takes plain defaults only")
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        stores.append(f"    __fields[{f.name!r}] = {f.name}\n")
    source = (f"def __init__(self, {', '.join(params)}):\n"
              "    __fields = self.__dict__\n" + "".join(stores))
    exec(source, namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


@value_class
class Deadline:
    """A time phrase that says when (part of) a measure must be done.

    ``date`` is the resolved calendar day where the phrase names one (9月底前 → 2021-09-30);
    ``span`` is the character range of ``raw`` inside the measure's ``text``.
    """

    raw: str
    kind: str
    date: date | None = None
    line: int | None = None
    span: tuple[int, int] | None = None
    # recurring: the day of month (每月20日前 → 20); relative: amount and unit (15, 工作日).
    day: int | None = None
    amount: float | None = None
    unit: str | None = None


@value_class
class Target:
    """A number phrase of a measure: 城镇新增就业3.4万人 → subject 城镇新增就业, op =, value
    34000, unit 人, kind goal.

    ``kind`` is ``goal`` (what the measure is to reach) or ``limit`` (who or what it covers:
    35千伏及以上电力接入工程, 200万元以下的货物和服务项目, 年满18周岁自然人).
    """

    raw: str
    subject: str
    op: str
    value: float | tuple[float, float]
    unit: str
    change: bool = False
    line: int | None = None
    span: tuple[int, int] | None = None
    kind: str = "goal"


@value_class
class OwnerGroup:
    """One owner note, e.g. （牵头部门:X;责任部门:Y,Z）, with the sentence range it covers.

    ``covers`` is the character range in the measure text the note applies to (the sentences
    since the previous note); ``etc`` records a trailing 等 that was dropped from a list.

    ``lead`` and ``responsible`` hold the names as the document prints them (page-break splits
    joined, width folded). ``canonical`` pairs a printed name with the name it stands for where
    the two differ: a level written once before a list (省发展改革委、财政厅 → 财政厅 is
    省财政厅), a suffix shared by a list (广州、深圳市政府 → 广州 is 广州市政府), or a registry
    that applies to the document's issuer folding an alias (市人社局 → 市人力资源社会保障局).
    ``from_item`` names the sub-item whose note this is a copy of, on a measure that has no
    note of its own (its owners are those of its sub-items; ``inherited`` is then set too).
    """

    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    raw: str = ""
    line: int | None = None
    covers: tuple[int, int] | None = None
    etc: bool = False
    # The note stands on a heading or a line of its own and applies to the measures below it,
    # or (with from_item) it is a sub-item's note standing for a measure without its own.
    inherited: bool = False
    canonical: tuple[tuple[str, str], ...] = ()
    from_item: str | None = None

    def canonical_name(self, name: str) -> str:
        """The name a printed name of this note stands for (itself when nothing says more)."""
        for printed, full in self.canonical:
            if printed == name:
                return full
        return name


@value_class
class Measure:
    """A numbered measure (or a sub-item "(1)" of one), with everything extracted from it."""

    id: str
    key: str
    number: int
    title: str
    text: str
    lines: tuple[int, int]
    owners: tuple[OwnerGroup, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()
    items: tuple[Measure, ...] = ()

    @property
    def lead(self) -> tuple[str, ...]:
        return _union(g.lead for g in self.owners)

    @property
    def responsible(self) -> tuple[str, ...]:
        return _union(g.responsible for g in self.owners)

    @property
    def departments(self) -> tuple[str, ...]:
        return _union([self.lead, self.responsible])

    def canonical_name(self, name: str) -> str:
        """The name a printed owner name of this measure stands for (see OwnerGroup)."""
        for group in self.owners:
            if group.canonical:
                full = group.canonical_name(name)
                if full != name:
                    return full
        return name

    def walk(self) -> Iterator[Measure]:
        """This measure, then its sub-items, depth first."""
        yield self
        for item in self.items:
            yield from item.walk()


@value_class
class Plan:
    """A plan (配套措施, or a "(一)" group in other layouts) with its measures."""

    index: int
    title: str
    lines: tuple[int, int]
    leaders: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = ()
    section: str = ""
    # Printed coordinator name → the name it stands for, as OwnerGroup.canonical.
    canonical: tuple[tuple[str, str], ...] = ()

    def walk(self) -> Iterator[Measure]:
        for measure in self.measures:
            yield from measure.walk()


@value_class
class Warning_:
    """Something the parser saw but did not understand, with the source line.

    ``message`` is the English sentence the YAML keeps; ``template`` (English, with
    ``{name}`` fields) and ``params`` are what it was made of, so that the CLI can say it in
    the reader's language (``_(template).format(**params)``). The parser knows no gettext;
    a warning read back from YAML has only its message."""

    line: int | None
    code: str
    message: str
    # How it was said, not what: equal warnings compare equal with or without these.
    template: str = field(default="", compare=False)
    params: tuple[tuple[str, str | int], ...] = field(default=(), compare=False)


def warning(line: int | None, code: str, template: str, **params: str | int) -> Warning_:
    """A parser warning: ``warning(12, "numbering-gap", "expected item {expected}, found
    {found}", expected=3, found=5)``. ``tools/catalogs.py`` extracts the template (the
    third argument) into the catalogs; it must be a plain literal."""
    return Warning_(line, code, template.format(**params), template, tuple(params.items()))


@value_class
class Issuer:
    """Who issued the document, as far as the text says: the place (泰安市, 广东省, 国务院)
    and where it was read (``how``: header, title, number, signature or notes; ``raw`` is
    that text). Decides which department registries fold the document's names."""

    name: str
    how: str
    raw: str = ""
    line: int | None = None


# Where an issuer was read, strongest first: a 北大法宝 header 【发布部门】, the title
# ("包头市人民政府办公室关于…", "泰安市优化营商环境…"), the document number (泰政办发〔2021〕…),
# the signature line, the place names of the owner notes (人行泰安市中心支行).
ISSUER_SOURCES = ("header", "title", "number", "signature", "notes")


@value_class
class DocumentInfo:
    """What a document is as a whole: its title, the file it was read from and that file's
    checksum, the plan year, the parser's version, the issuer, and its kind when it is no
    action plan."""

    title: str
    source: str
    sha256: str
    year: int | None
    parser_version: str = PARSER_VERSION
    issuer: Issuer | None = None
    # What the document is when it is no action plan ("reply", "approval", "decision",
    # "regulation", "contingency plan", "notice", "interpretation"); None for a plan. Such a
    # document has no plans; a warning "not-a-plan" names the words that tell.
    kind: str | None = None


@value_class
class Document:
    """A parsed document: what it is (``document``), its plans in order, and the parser's
    warnings about it."""

    document: DocumentInfo
    plans: tuple[Plan, ...] = ()
    warnings: tuple[Warning_, ...] = ()

    def walk(self) -> Iterator[tuple[Plan, Measure]]:
        """Every measure and sub-item with its plan, in document order."""
        for plan in self.plans:
            for measure in plan.walk():
                yield plan, measure

    def measure(self, measure_id: str) -> Measure | None:
        for _, measure in self.walk():
            if measure.id == measure_id:
                return measure
        return None

    def with_plans(self, plans: tuple[Plan, ...]) -> Document:
        return replace(self, plans=plans)


def _union(groups: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            seen.setdefault(name, None)
    return tuple(seen)


# ---------------------------------------------------------------------------------------
# Plain-dict conversion: the only place that knows the YAML field names.


def deadline_to_dict(d: Deadline) -> dict[str, Any]:
    out: dict[str, Any] = {
        "raw": d.raw,
        "kind": d.kind,
        "date": d.date.isoformat() if d.date else None,
        "line": d.line,
    }
    if d.span is not None:
        out["span"] = list(d.span)
    for name in ("day", "amount", "unit"):
        value = getattr(d, name)
        if value is not None:
            out[name] = value
    return out


def deadline_from_dict(d: dict[str, Any]) -> Deadline:
    return Deadline(
        raw=d["raw"],
        kind=d["kind"],
        date=_date_or_none(d.get("date")),
        line=d.get("line"),
        span=_pair(d.get("span")),
        day=d.get("day"),
        amount=d.get("amount"),
        unit=d.get("unit"),
    )


def target_to_dict(t: Target) -> dict[str, Any]:
    value: Any = list(t.value) if isinstance(t.value, tuple) else t.value
    out: dict[str, Any] = {
        "raw": t.raw,
        "subject": t.subject,
        "op": t.op,
        "value": _plain_number(value),
        "unit": t.unit,
        "change": t.change,
        "kind": t.kind,
        "line": t.line,
    }
    if t.span is not None:
        out["span"] = list(t.span)
    return out


def target_from_dict(d: dict[str, Any]) -> Target:
    value = d["value"]
    return Target(
        raw=d["raw"],
        subject=d.get("subject", ""),
        op=d["op"],
        value=tuple(value) if isinstance(value, list) else value,  # type: ignore[arg-type]
        unit=d.get("unit", ""),
        change=bool(d.get("change", False)),
        line=d.get("line"),
        span=_pair(d.get("span")),
        kind=d.get("kind", "goal"),
    )


def owner_group_to_dict(g: OwnerGroup) -> dict[str, Any]:
    out: dict[str, Any] = {
        "lead": list(g.lead),
        "responsible": list(g.responsible),
        "raw": g.raw,
        "line": g.line,
    }
    if g.covers is not None:
        out["covers"] = list(g.covers)
    if g.etc:
        out["etc"] = True
    if g.inherited:
        out["inherited"] = True
    if g.from_item is not None:
        out["from_item"] = g.from_item
    if g.canonical:
        out["canonical"] = dict(g.canonical)
    return out


def owner_group_from_dict(d: dict[str, Any]) -> OwnerGroup:
    return OwnerGroup(
        lead=tuple(d.get("lead") or ()),
        responsible=tuple(d.get("responsible") or ()),
        raw=d.get("raw", ""),
        line=d.get("line"),
        covers=_pair(d.get("covers")),
        etc=bool(d.get("etc", False)),
        inherited=bool(d.get("inherited", False)),
        canonical=_pairs(d.get("canonical")),
        from_item=None if d.get("from_item") is None else str(d["from_item"]),
    )


def measure_to_dict(m: Measure) -> dict[str, Any]:
    return {
        "id": m.id,
        "key": m.key,
        "number": m.number,
        "title": m.title,
        "text": m.text,
        "lines": list(m.lines),
        "lead": list(m.lead),
        "responsible": list(m.responsible),
        "owners": [owner_group_to_dict(g) for g in m.owners],
        "deadlines": [deadline_to_dict(d) for d in m.deadlines],
        "targets": [target_to_dict(t) for t in m.targets],
        "items": [measure_to_dict(i) for i in m.items],
    }


def measure_from_dict(d: dict[str, Any]) -> Measure:
    return Measure(
        id=str(d["id"]),
        key=d.get("key", ""),
        number=int(d["number"]),
        title=d.get("title", ""),
        text=d.get("text", ""),
        lines=_pair(d.get("lines")) or (0, 0),  # type: ignore[arg-type]
        owners=tuple(owner_group_from_dict(g) for g in d.get("owners") or ()),
        deadlines=tuple(deadline_from_dict(x) for x in d.get("deadlines") or ()),
        targets=tuple(target_from_dict(x) for x in d.get("targets") or ()),
        items=tuple(measure_from_dict(x) for x in d.get("items") or ()),
    )


def plan_to_dict(p: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {
        "index": p.index,
        "title": p.title,
        "lines": list(p.lines),
        "leaders": list(p.leaders),
        "coordinators": list(p.coordinators),
    }
    if p.section:
        out["section"] = p.section
    if p.canonical:
        out["canonical"] = dict(p.canonical)
    out["measures"] = [measure_to_dict(m) for m in p.measures]
    return out


def plan_from_dict(d: dict[str, Any]) -> Plan:
    return Plan(
        index=int(d["index"]),
        title=d.get("title", ""),
        lines=_pair(d.get("lines")) or (0, 0),  # type: ignore[arg-type]
        leaders=tuple(d.get("leaders") or ()),
        coordinators=tuple(d.get("coordinators") or ()),
        measures=tuple(measure_from_dict(m) for m in d.get("measures") or ()),
        section=d.get("section", ""),
        canonical=_pairs(d.get("canonical")),
    )


def issuer_to_dict(issuer: Issuer) -> dict[str, Any]:
    return {"name": issuer.name, "how": issuer.how, "raw": issuer.raw, "line": issuer.line}


def issuer_from_dict(d: dict[str, Any] | None) -> Issuer | None:
    if not d:
        return None
    return Issuer(name=d["name"], how=d.get("how", ""), raw=d.get("raw", ""), line=d.get("line"))


def document_to_dict(doc: Document) -> dict[str, Any]:
    info = doc.document
    head: dict[str, Any] = {
        "title": info.title,
        "source": info.source,
        "sha256": info.sha256,
        "year": info.year,
        "parser_version": info.parser_version,
    }
    if info.issuer is not None:
        head["issuer"] = issuer_to_dict(info.issuer)
    if info.kind is not None:
        head["kind"] = info.kind
    return {
        "document": head,
        "plans": [plan_to_dict(p) for p in doc.plans],
        "warnings": [{"line": w.line, "code": w.code, "message": w.message} for w in doc.warnings],
    }


def document_from_dict(d: dict[str, Any]) -> Document:
    info = d["document"]
    return Document(
        document=DocumentInfo(
            title=info.get("title", ""),
            source=info.get("source", ""),
            sha256=info.get("sha256", ""),
            year=info.get("year"),
            parser_version=info.get("parser_version", PARSER_VERSION),
            issuer=issuer_from_dict(info.get("issuer")),
            kind=info.get("kind"),
        ),
        plans=tuple(plan_from_dict(p) for p in d.get("plans") or ()),
        warnings=tuple(
            Warning_(line=w.get("line"), code=w.get("code", ""), message=w.get("message", ""))
            for w in d.get("warnings") or ()
        ),
    )


def _date_or_none(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _pair(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    a, b = value
    return (int(a), int(b))


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """{printed: canonical} → ((printed, canonical), …), in the mapping's order."""
    if not value:
        return ()
    return tuple((str(k), str(v)) for k, v in dict(value).items())


def _plain_number(value: Any) -> Any:
    """2000000.0 → 2000000 so YAML and JSON read like the document."""
    if isinstance(value, list):
        return [_plain_number(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


__all__ = [
    "Deadline",
    "Target",
    "OwnerGroup",
    "Measure",
    "Plan",
    "Document",
    "DocumentInfo",
    "Issuer",
    "Warning_",
    "warning",
    "document_to_dict",
    "document_from_dict",
]
