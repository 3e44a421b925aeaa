"""Choosing measures from a corpus: the filters that list, due, audit and export share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from reformctl.corpus import Corpus, CorpusEntry
from reformctl.errors import UsageError
from reformctl.i18n import N_, _
from reformctl.model import Deadline, Measure, Plan

if TYPE_CHECKING:
    from reformctl.grouping import DepartmentKey
    from reformctl.registry import Registry


@dataclass(frozen=True)
class Hit:
    """A measure (or sub-item) with where it stands: document entry and plan."""

    entry: CorpusEntry
    plan: Plan
    measure: Measure

    @property
    def doc_name(self) -> str:
        return self.entry.path.stem


def plan_matches(plan: Plan, selector: str) -> bool:
    """--plan 3 (index), --plan 获得电力 (title contains)."""
    selector = selector.strip()
    if selector.isdigit():
        return plan.index == int(selector)
    return selector in plan.title


def department_universe(corpus: Corpus | None, registry: Registry | None,
                        *, registered: bool = True) -> dict[str, str]:
    """Every spelling a person may type for a department → the name it stands for: each
    name the corpus prints (by its grouping key: the canonical name its document gives it,
    folded only by a registry that applies to the document's issuer), and with
    ``registered`` the registry's canonical names and their aliases."""
    from reformctl.grouping import DepartmentKey
    from reformctl.registry import clean_name

    out: dict[str, str] = {}
    if corpus is not None:
        key = DepartmentKey(registry, {e.path.stem: e.document for e in corpus.entries})
        for entry, _plan, m in corpus.walk():
            for name in m.departments:
                target = key(name, entry.path.stem)
                out.setdefault(clean_name(name), target)
                out.setdefault(clean_name(target), target)
                if registry is not None and registry.canonical(target) == target:
                    for alias in registry.aliases(target):
                        out.setdefault(clean_name(alias), target)
    if registered and registry is not None:
        for name in registry.names():
            out.setdefault(clean_name(name), name)
            for alias in registry.aliases(name):
                out.setdefault(clean_name(alias), name)
    return out


def _parts(cleaned: str, universe: dict[str, str]) -> set[str]:
    """The names of which ``cleaned`` is a part: their tail (财政局 of 市财政局), or a piece
    that itself reads as a department (供电公司)."""
    from reformctl.registry import looks_like_department

    dept_like = looks_like_department(cleaned)
    return {target for spelling, target in universe.items()
            if spelling.endswith(cleaned) or (dept_like and cleaned in spelling)}


def resolve_department(query: str, corpus: Corpus | None,
                       registry: Registry | None = None) -> frozenset[str]:
    """The departments ``--dept query`` means: a canonical name, an alias, a printed name, or
    a unique part of one (财政局 → 市财政局, 人社局 → the alias 市人社局 → 市人力资源社会保障局;
    the corpus's own departments first, then the rest of the registry). An ambiguous part
    and a query matching nothing are UsageErrors listing the candidates / the closest names,
    so a typo in a cron job's --dept is an error, not an empty answer."""
    import difflib

    from reformctl.registry import clean_name

    cleaned = clean_name(query)
    universe = department_universe(corpus, registry)
    if cleaned in universe:
        return frozenset({universe[cleaned]})
    if registry is not None and registry.is_known(cleaned):
        return frozenset({registry.canonical(cleaned)})
    if len(cleaned) >= 2:
        parts = _parts(cleaned, department_universe(corpus, registry, registered=False))
        if not parts:
            parts = _parts(cleaned, universe)
        if len(parts) == 1:
            return frozenset(parts)
        if parts:
            raise UsageError(_("department '{query}' is ambiguous: {names}; give more of the "
                               "name").format(query=query, names="、".join(sorted(parts))))
    scored = sorted(((difflib.SequenceMatcher(None, cleaned, s).ratio(), s) for s in universe),
                    reverse=True)
    best = scored[0][0] if scored else 0.0
    close = [s for score, s in scored if score >= max(0.5, best - 0.1)]
    suggestions = list(dict.fromkeys(universe[c] for c in close))[:3]
    if suggestions:
        raise UsageError(_("no department matches '{query}'; did you mean {names}?").format(
            query=query, names=_(" or ").join(suggestions)))
    raise UsageError(_("no department matches '{query}' (`reformctl depts` lists them)")
                     .format(query=query))


def resolve_one(query: str, corpus: Corpus | None, registry: Registry | None = None) -> str:
    """The one department ``query`` means (see resolve_department)."""
    return sorted(resolve_department(query, corpus, registry))[0]


def dept_matcher(
    dept: str, registry: Registry | None = None, key: DepartmentKey | None = None,
    *, corpus: Corpus | None = None,
) -> Callable[..., bool]:
    """A predicate on department names that understands registry aliases. With ``key`` and
    the document a printed name comes from (``matches(name, document)``), the name is read by
    its grouping key (``reformctl.grouping``), so only a registry that applies to that
    document folds it. With ``corpus``, ``dept`` is resolved first (resolve_department: a
    unique part is enough; no match is an error naming the closest names)."""
    wanted = {dept}
    if corpus is not None:
        wanted |= resolve_department(dept, corpus, registry)
    if registry is not None:
        wanted |= {registry.canonical(w) for w in wanted}

    def matches(name: str, document: str | None = None) -> bool:
        if name in wanted:
            return True
        if key is not None and document is not None:
            return key(name, document) in wanted
        return registry is not None and registry.canonical(name) in wanted

    return matches


def select(
    corpus: Corpus,
    *,
    plan: str | None = None,
    dept: str | None = None,
    grep: str | None = None,
    registry: Registry | None = None,
    items: bool = True,
) -> list[Hit]:
    """Measures matching every filter given, in corpus order."""
    pattern = _grep_pattern(grep) if grep else None
    if plan:
        _check_plan(corpus, plan)
    match_dept = None
    if dept:  # the grouping key is imported only for --dept (not at every due's start-up)
        from reformctl.grouping import DepartmentKey

        key = DepartmentKey(registry, {e.path.stem: e.document for e in corpus.entries})
        match_dept = dept_matcher(dept, registry, key, corpus=corpus)
    hits = []
    for entry, p, m in corpus.walk():
        if not items and m.id.count(".") > 1:
            continue
        if plan and not plan_matches(p, plan):
            continue
        if match_dept and not any(match_dept(n, entry.path.stem) for n in m.departments):
            continue
        if pattern and not (_search(pattern, m.title) or _search(pattern, m.text)):
            continue
        hits.append(Hit(entry, p, m))
    return hits


GREP_MAX_LENGTH = 200  # characters of a --grep pattern
GREP_TIMEOUT = 0.25  # seconds one search may take (the regex module stops it there)


def _grep_pattern(grep: str) -> Any:
    """--grep compiled by the ``regex`` module (whose searches take a timeout), length-limited:
    a pattern such as a{99999999999} or (a+)+$ is one line and exit 2, not a crash or a hang."""
    import regex

    if len(grep) > GREP_MAX_LENGTH:
        raise UsageError(_("--grep is longer than {n} characters").format(n=GREP_MAX_LENGTH))
    try:
        return regex.compile(grep)
    except (regex.error, OverflowError, ValueError, RecursionError, MemoryError) as exc:
        raise UsageError(_("--grep is not a valid pattern: {error}").format(
            error=_pattern_error(exc))) from None


# The regex module's words for the usual mistakes in a pattern, translated (others as they are).
PATTERN_ERRORS = {
    "missing )": N_("missing )"), "missing >": N_("missing >"),
    "unbalanced parenthesis": N_("unbalanced parenthesis"),
    "unterminated character set": N_("unterminated character set"),
    "nothing to repeat": N_("nothing to repeat"), "multiple repeat": N_("multiple repeat"),
    "bad escape (end of pattern)": N_("bad escape (end of pattern)"),
    "min repeat greater than max repeat": N_("min repeat greater than max repeat"),
}
_AT = re.compile(r"(?P<what>.+) at position (?P<pos>\d+)")


def _pattern_error(exc: BaseException) -> str:
    """'missing ) at position 1' → 缺少 )（第2个字符处）; other errors as they are."""
    found = _AT.fullmatch(str(exc))
    if found is None or found["what"] not in PATTERN_ERRORS:
        return str(exc)
    return _("{what} at character {n}").format(what=_(PATTERN_ERRORS[found["what"]]),
                                               n=int(found["pos"]) + 1)


def _search(pattern: Any, text: str) -> bool:
    try:
        return pattern.search(text, timeout=GREP_TIMEOUT) is not None
    except TimeoutError:
        raise UsageError(_("--grep {pattern!r} takes too long to match (over {seconds} s on "
                           "one measure): simplify it").format(pattern=pattern.pattern,
                                                               seconds=GREP_TIMEOUT)) from None


def _check_plan(corpus: Corpus, selector: str) -> None:
    """--plan that names no plan of the corpus is a mistake, not an empty answer: say so, with
    the closest plan titles."""
    plans = [p for e in corpus.entries for p in e.document.plans]
    if not plans or any(plan_matches(p, selector) for p in plans):
        return
    import difflib

    titles = list(dict.fromkeys(p.title for p in plans))
    close = difflib.get_close_matches(selector.strip(), titles, n=3, cutoff=0.3)
    indexes = sorted({p.index for p in plans})
    hint = _("; did you mean {titles}?").format(titles="、".join(close)) if close else ""
    raise UsageError(_("--plan {selector!r} matches no plan (indexes {first}-{last}, or part "
                       "of a title){hint}").format(selector=selector, first=indexes[0],
                                                   last=indexes[-1], hint=hint))


def dated(deadlines: Iterable[Deadline], kinds: tuple[str, ...] = ("by",)) -> list[Deadline]:
    return [d for d in deadlines if d.date is not None and d.kind in kinds]


def final_deadline(measure: Measure) -> date | None:
    """The last dated `by` deadline: when the whole measure is due."""
    dates = [d.date for d in dated(measure.deadlines) if d.date]
    return max(dates) if dates else None


def identity_record(hit: Hit) -> dict[str, Any]:
    """The keys that say which measure a record is about, first in every command's records."""
    m = hit.measure
    return {
        "document": hit.doc_name,
        "id": m.id,
        "key": m.key,
        "plan": hit.plan.index,
        "plan_title": hit.plan.title,
    }


def measure_record(hit: Hit) -> dict[str, Any]:
    """The stable record of a measure that machine output of list/show/export uses."""
    m = hit.measure
    return {
        **identity_record(hit),
        "number": m.number,
        "title": m.title,
        "lead": list(m.lead),
        "responsible": list(m.responsible),
        "deadlines": [d.raw for d in m.deadlines],
        "due": final_deadline(m),
        "lines": list(m.lines),
    }
