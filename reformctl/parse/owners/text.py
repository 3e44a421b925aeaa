"""Plain text helpers of owner notes: brackets, width folding, splitting outside brackets."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_OPEN = "(（"
_CLOSE = ")）"
# Separators between clauses and between names; 、 only separates names inside a clause.
CLAUSE_SEPARATORS = ",;"
NAME_SEPARATOR = "、"
# Brackets a name may hold ("各县(市、区)政府", "各区〔县、市〕政府", "“三地一区”建设领导小组"),
# never cut. Width-folded: ［］ are [] here.
_BRACKET_DEPTH = {"(": 1, "《": 1, "“": 1, "〔": 1, "[": 1, "【": 1,
                  ")": -1, "》": -1, "”": -1, "〕": -1, "]": -1, "】": -1}
# The opening ones, to tell a text that holds none (the usual case) with one search.
NESTING_OPENERS = tuple(ch for ch, step in _BRACKET_DEPTH.items() if step == 1)
_NESTING_OPENER = re.compile(f"[{re.escape(''.join(NESTING_OPENERS))}]")


def holds_brackets(s: str) -> bool:
    """Whether ``s`` opens any bracket a name may hold (one C scan: every name of every note
    is asked)."""
    return _NESTING_OPENER.search(s) is not None
_PAREN = re.compile("[(（)）]")


def outer_brackets(text: str) -> list[tuple[int, int]]:
    """Outermost matched bracket pairs, half- or full-width, in text order.

    Unmatched brackets are ignored: a stray "）" from a repeated page-break fragment, or an
    unclosed "（", must not swallow the owner notes around it.
    """
    if "(" not in text and "（" not in text:
        return []
    half = "(" in text or ")" in text
    if half != ("（" in text or "）" in text):  # one width only, as in almost every text
        flat = flat_brackets(text, *("()" if half else "（）"))
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


def flat_brackets(text: str, open_: str, close: str) -> list[tuple[int, int]] | None:
    """outer_brackets for a text whose brackets are all ``open_`` and ``close`` (one width),
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


def normalize(s: str) -> str:
    """Width-folded (（→(, ：→:, ，→,) and without whitespace, which carries no meaning in a
    list of Chinese names but is left inside notes by PDF extraction.

    ``str.split()`` cuts at the characters ``\\s`` matches, so joining its pieces is
    ``re.sub(r"\\s+", "", …)`` without a regex scan (tests/test_owners.py ties the two)."""
    return "".join(unicodedata.normalize("NFKC", s).split())


def split_top(s: str, separators: str) -> list[str]:
    """Split on separators outside nested brackets: "各县(市、区)政府、市公安局" keeps the
    inner 、, and so does a quoted name ("“三地一区”建设领导小组…")."""
    if _NESTING_OPENER.search(s) is None:  # holds_brackets, without the call
        # The usual case: none of _BRACKET_DEPTH's opening brackets (a closing one alone leaves
        # the depth at 0), so a plain str.split, every other separator first turned into the first one.
        first = separators[0]
        for other in separators[1:]:
            s = s.replace(other, first)
        parts = s.split(first)
        return parts if "" not in parts else [p for p in parts if p]
    specials = splitters(separators)
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
def splitters(separators: str) -> re.Pattern[str]:
    """Separators or brackets, as a compiled character class."""
    seps = re.escape(separators)
    brackets = re.escape("".join(_BRACKET_DEPTH))
    return re.compile(f"[{seps}{brackets}]")
