"""The issuer stage: who issued a document, so that only registries that apply to it fold its
department names (a 包头 plan keeps 包头's names; the shipped registry is 泰安's).

Read from the text, strongest first (``Issuer.how``):

    header     a 北大法宝 header line        【发布部门】 包头市人民政府办公室
    title      the title lines               包头市人民政府办公室关于印发《…》的通知,
                                             泰安市优化营商环境创新突破行动配套措施
    number     the document number           泰政办发〔2021〕5号, 粤发改高技〔2026〕78号
    signature  the organ signing at the end  广东省发展和改革委员会 / 2026年3月12日
    notes      place names in owner notes    （牵头部门：泰安海关）: a place some registry
                                             names in its ``applies_to``

None when nothing says: every registry then applies. The words are in parse/vocab/places.py.
"""

from __future__ import annotations

import re

from reformctl.model import Issuer
from reformctl.parse.text import nonblank_lines
from reformctl.parse.vocab.places import (
    CENTRAL,
    CENTRAL_NUMBER_PREFIXES,
    CITY_NUMBER_PREFIXES,
    DOCUMENT_NUMBER,
    HEADER_ISSUER,
    MUNICIPALITIES,
    NOT_A_PLACE_END,
    NOT_A_TITLE,
    NOTE_BRACKET,
    ORGAN_END,
    PLACE_AT_START,
    PROVINCE_ABBREVIATIONS,
    SIGNATURE_DATE,
    TITLE_BREAK,
)
from reformctl.registry import Registry, place_stem

# How many non-empty lines the title and the number may be in (after a 北大法宝 header of
# about five lines, a repeated title, the number and the addressees), and the signature in.
HEAD_LINES = 12
TAIL_LINES = 8
# How far into the text the owner notes are looked at for place names.
NOTES_WINDOW = 20000


def find_issuer(text: str, registry: Registry | None = None) -> Issuer | None:
    """The issuer of a document's text (see the module's docstring), or None."""
    lines = text.split("\n")
    head = nonblank_lines(enumerate(lines, 1), HEAD_LINES)
    return (
        _from_header(head)
        or _from_title(head)
        or _from_number(head)
        or _from_signature(_tail(lines))
        or _from_notes(text, registry)
    )


def _tail(lines: list[str]) -> list[tuple[int, str]]:
    """The last TAIL_LINES nonblank lines with their numbers, in text order: read from the end
    only when the head did not tell (no numbered copy of every line: most documents tell)."""
    from_end = zip(range(len(lines), 0, -1), reversed(lines), strict=True)
    return nonblank_lines(from_end, TAIL_LINES)[::-1]


def place_in(text: str) -> str | None:
    """The place a title, a signature or an organ's name opens with, or that opens a stretch
    of it after a title word: "包头市人民政府办公室" → 包头市, "市政府办公室关于印发苏州市…"
    → 苏州市, "广东省发展和改革委员会" → 广东省, "国务院办公厅关于…" → 国务院, "大连高新区支持…"
    → 大连高新区."""
    for stretch in TITLE_BREAK.split(text):
        m = PLACE_AT_START.match(stretch)
        if m is None or (not m["zone"] and m.group().endswith(NOT_A_PLACE_END)):
            continue
        if m["zone"]:
            return m["zone"]  # "大连高新区": the zone issues, its city does not
        if m["municipality"]:
            return m["municipality"] + "市"
        if m["province"]:
            return m["province"] + "省"
        if m["region"] or m["special"]:
            return m.group()
        if m["central"]:
            return CENTRAL
        return m["place"]
    return None


def _from_header(lines: list[tuple[int, str]]) -> Issuer | None:
    for number, line in lines:
        m = HEADER_ISSUER.match(line)
        if m and (place := place_in(m["who"])):
            return Issuer(place, "header", line, number)
    return None


def _from_title(lines: list[tuple[int, str]]) -> Issuer | None:
    for number, line in lines[:4]:
        if line.endswith(("：", ":")):
            break  # the addressees: the title is above them
        if NOT_A_TITLE.search(line) or DOCUMENT_NUMBER.match(line) or len(line) > 120:
            continue  # a header line, a link, a sentence, an item, the number
        place = place_in(line)
        if place:
            return Issuer(place, "title", line, number)
    return None


def _from_number(lines: list[tuple[int, str]]) -> Issuer | None:
    for number, line in lines:
        m = DOCUMENT_NUMBER.match(line.lstrip("（("))
        if m is None:
            continue
        prefix = m["prefix"]
        place = next((p for k, p in CITY_NUMBER_PREFIXES.items() if prefix.startswith(k)), None)
        if place is None and prefix.startswith(CENTRAL_NUMBER_PREFIXES):
            place = CENTRAL
        if place is None:
            place = PROVINCE_ABBREVIATIONS.get(prefix[0])
        if place:
            return Issuer(place, "number", m.group(), number)
    return None


def _from_signature(lines: list[tuple[int, str]]) -> Issuer | None:
    for (number, line), (_, after) in zip(lines, lines[1:], strict=False):
        if SIGNATURE_DATE.match(after) and ORGAN_END.search(line) and (place := place_in(line)):
            return Issuer(place, "signature", line, number)
    return None


def _from_notes(text: str, registry: Registry | None) -> Issuer | None:
    """A place some registry applies to, named inside the owner notes ("泰安海关",
    "人行泰安市中心支行"): the one named most often."""
    if registry is None or not registry.places():
        return None
    from reformctl.parse.owners import looks_like_owner_note

    # Cities and counties only: a city's notes name its province too ("人民银行山东省分行").
    stems = {place_stem(p): p for p in registry.places()
             if not p.endswith(("省", "自治区")) or place_stem(p) in MUNICIPALITIES}
    if not stems:
        return None
    pattern = re.compile("|".join(map(re.escape, sorted(stems, key=len, reverse=True))))
    counts: dict[str, int] = {}
    first: dict[str, tuple[str, int]] = {}
    window = text[:NOTES_WINDOW]
    for m in NOTE_BRACKET.finditer(window):
        inner = m.group()[1:-1]
        found = pattern.search(inner)
        if found is None or not looks_like_owner_note(inner):
            continue
        place = stems[found.group()]
        counts[place] = counts.get(place, 0) + 1
        first.setdefault(place, (m.group(), window.count("\n", 0, m.start()) + 1))
    if not counts:
        return None
    place = max(counts, key=lambda p: counts[p])
    raw, line = first[place]
    return Issuer(place, "notes", raw, line)


__all__ = ["find_issuer", "place_in"]
