"""Small readings of a measure's text: its headline (the title), its stable key; a document's
first lines."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from reformctl.parse.vocab.time import TIME_NOTE_TAIL

# The headline of a measure ends at the first full stop or semicolon.
TITLE_END = re.compile(r"[。;；]")
# A score mark in a heading: "一、政务服务能力（25分）", and in tasks "（0.5分）".
SCORE_MARK = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")
# What the stable key ignores in a title: spaces, punctuation.
KEY_IGNORED = re.compile(r"[\s\W_]+")


def headline(text: str) -> str:
    """The first sentence, without its full stop: the measure's title."""
    m = TITLE_END.search(text)
    head = text[: m.start()] if m else text
    if head[-1:] in ")）" and (note := TIME_NOTE_TAIL.search(head)):
        head = head[: note.start()]  # a table row's short task: "建设城市大脑（完成时限：2025年底）"
    return head.strip().rstrip("。:：,，")


def without_score(title: str) -> str:
    """"一、政务服务能力（25分）" → "一、政务服务能力" (every SCORE_MARK holds 分)."""
    return SCORE_MARK.sub("", title) if "分" in title else title


# An empty SHA-1 to copy: a copy costs less than half a new hash, which has OpenSSL look the
# algorithm up (every measure asks for a key).
_SHA1 = hashlib.sha1()


def stable_key(scope: str, title: str) -> str:
    """Survives renumbering: derived from what a measure is, not where it stands.

    A title of letters and digits only (most: "推进电子证照全面应用") holds nothing
    KEY_IGNORED removes (its classes are whitespace, \\W and _, none of them alphanumeric), so
    the regex, the larger part of a key's cost, runs only on the others."""
    normalized = title if title.isalnum() else KEY_IGNORED.sub("", title)
    digest = _SHA1.copy()
    digest.update(f"{scope}|{normalized}".encode())
    return digest.hexdigest()[:12]


def nonblank_lines(lines: Iterable[tuple[int, str]], count: int) -> list[tuple[int, str]]:
    """The first ``count`` lines that are not blank, stripped, with their numbers: a document's
    head (its tail, given the lines reversed), without stripping the thousand lines after it."""
    out: list[tuple[int, str]] = []
    for number, line in lines:
        line = line.strip()
        if line:
            out.append((number, line))
            if len(out) == count:
                break
    return out


__all__ = ["SCORE_MARK", "headline", "nonblank_lines", "stable_key", "without_score"]
