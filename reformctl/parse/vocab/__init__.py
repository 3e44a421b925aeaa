"""The words plans use, declared once: roles, time labels, numbering marks, closing words.

Each module names word tuples, each with a comment quoting a real phrase, and builds every
pattern and every gate of its concern from them (a gate is the set of the words' first or
last characters, computed here, never typed out again). A new wording is one line in one
tuple; every reader of that concern — owner notes, bare label lines, table cells, the line
passes — sees it.

The helpers below turn tuples into regular-expression text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alt(words: Iterable[str]) -> str:
    """``(?:w1|w2|…)``, longest first, so that a word is never cut short by one it starts with
    ("牵头负责" before "牵头"); words are escaped."""
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, ordered)) + ")"


def chars(words: Iterable[str], at: int) -> frozenset[str]:
    """The characters at position ``at`` (0: first, -1: last) of the words."""
    return frozenset(word[at] for word in words)


def char_class(characters: Iterable[str]) -> str:
    """``[…]`` of the characters, in a stable order."""
    return "[" + "".join(re.escape(c) for c in sorted(set(characters))) + "]"


def first_chars(words: Iterable[str]) -> str:
    """A character class of the words' first characters."""
    return char_class(chars(words, 0))


def last_chars(words: Iterable[str]) -> str:
    """A character class of the words' last characters."""
    return char_class(chars(words, -1))


__all__ = ["alt", "char_class", "chars", "first_chars", "last_chars"]
