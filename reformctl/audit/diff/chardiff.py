"""Character-level differences of two texts, with a little context: "…前文[-旧-]{+新+}后文…"."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

CONTEXT = 8  # characters of unchanged text shown around a change
# Equal runs this short between two edits are folded into one edit, so a rewording reads
# "[-推进-]{+加快推动+}" rather than as a spray of one-character pieces.
_SHORT_EQUAL = 2


@dataclass(frozen=True)
class TextHunk:
    """One changed run with a little context: ``diff`` reads "…前文[-旧-]{+新+}后文…"."""

    old: str
    new: str
    diff: str


def char_diff(a: str, b: str, context: int = CONTEXT) -> list[TextHunk]:
    """The changed runs between two texts, each with ``context`` characters around it."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = _coalesce([(str(t), i1, i2, j1, j2) for t, i1, i2, j1, j2 in matcher.get_opcodes()])
    hunks: list[TextHunk] = []
    group: list[tuple[str, int, int, int, int]] = []

    def flush() -> None:
        if not group:
            return
        i1, j1 = group[0][1], group[0][3]
        i2, j2 = group[-1][2], group[-1][4]
        start, end = max(0, i1 - context), min(len(a), i2 + context)
        pieces = ["…" if start > 0 else "", a[start:i1]]
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                pieces.append(a[x1:x2])
                continue
            if x2 > x1:
                pieces.append(f"[-{a[x1:x2]}-]")
            if y2 > y1:
                pieces.append(f"{{+{b[y1:y2]}+}}")
        pieces.extend([a[i2:end], "…" if end < len(a) else ""])
        hunks.append(TextHunk(old=a[i1:i2], new=b[j1:j2], diff="".join(pieces)))
        group.clear()

    for op in ops:
        tag, i1, i2, _, _ = op
        if tag == "equal":
            if group and i2 - i1 <= 2 * context:
                group.append(op)
            else:
                flush()
            continue
        group.append(op)
    while group and group[-1][0] == "equal":
        group.pop()
    flush()
    return hunks


def _coalesce(
    ops: list[tuple[str, int, int, int, int]],
) -> list[tuple[str, int, int, int, int]]:
    """Fold short equal runs between two edits into one replacement."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        out.append(op)
        while len(out) >= 3 and out[-1][0] != "equal" and out[-3][0] != "equal" \
                and out[-2][0] == "equal" and out[-2][2] - out[-2][1] <= _SHORT_EQUAL:
            _, i1, _, j1, _ = out[-3]
            _, _, i2, _, j2 = out[-1]
            del out[-3:]
            out.append(("replace", i1, i2, j1, j2))
    return out


__all__ = ["CONTEXT", "TextHunk", "char_diff"]
