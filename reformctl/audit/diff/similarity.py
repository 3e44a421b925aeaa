"""How alike two texts are, and the normal forms they are compared in.

The default similarity is the Jaccard index of character bigrams: language-free, fast, and
on the seed two different measures never score above 0.23 (``matching.DEFAULT_THRESHOLD``
is 0.4). ``diff_documents`` takes any ``Similarity`` instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from reformctl.model import Measure

Similarity = Callable[[str, str], float]

# Spacing and the bold markup PDF extraction leaves in titles: "**优化…**".
_NOISE = re.compile(r"[\s*]+")
# Everything but letters and digits, for titles (the measure key uses the same rule).
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Width folded (NFKC: "，" → ","), spacing and bold markup removed."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def normalize_title(text: str) -> str:
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text))


def bigram_jaccard(a: str, b: str) -> float:
    """Jaccard index of the character bigrams of two texts (0 … 1)."""
    ga, gb = _bigrams(a), _bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def body_text(measure: Measure) -> str:
    """The measure text without its owner notes (owners are compared as sets)."""
    text = measure.text
    for group in measure.owners:
        if group.raw:
            text = text.replace(group.raw, "", 1)
    return text


__all__ = ["Similarity", "bigram_jaccard", "body_text", "normalize", "normalize_title"]
