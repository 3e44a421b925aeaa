"""Passes over a document's cleaned lines before they become blocks: labels bracketed where
they stand outside a note, a department name cut by the line end joined, a PDF's running
headers blanked. Each takes the list of lines and returns (or edits) it line for line, so
every line keeps its source line number."""

from __future__ import annotations

import re

from reformctl.parse.clean import (
    bracket_loose_labels,
    first_label_colon,
    one_note_holds_every_label,
)
from reformctl.parse.vocab.numbering import (
    LEVEL_GROUP,
    LEVEL_ITEM,
    LEVEL_SECTION,
    MarkMemo,
    match_mark,
)
from reformctl.parse.vocab.roles import OWNER_HINT
from reformctl.registry import looks_like_department

# A text that ends like this is complete; a line after it that is not a new mark is a new
# paragraph rather than the rest of a split sentence.
TERMINAL = "。;；)）!！?？"
# Any punctuation: a line without it is a heading, a signature, a page header or a stub.
ANY_PUNCTUATION = re.compile(r"[。，,;；:：、()（）“”《》!！?？]")


def bracket_labels_outside_notes(lines: list[str]) -> list[str]:
    """Apply clean.bracket_bare_labels to lines that do not start inside an open note.

    A note hard-wrapped over lines ("(牵头部门:市行政审批服务" / "局;责任部门:市公安局、" /
    "市税务局)") must stay one note; a new numbered line closes whatever was left open.
    """
    out: list[str] = []
    depth = 0
    for i, line in enumerate(lines):
        if not line:  # no mark, no label, no bracket: nothing to do
            out.append(line)
            continue
        if depth and match_mark(line) is not None:
            depth = 0
        if depth == 0:
            first = first_label_colon(line)
            if first is not None and line[-1] not in TERMINAL:
                joined = join_wrapped_name(lines, i, line)
                if joined is not line:
                    line, first = joined, first_label_colon(joined)
            if first is None:
                out.append(line)
            elif one_note_holds_every_label(line, first.start()):
                out.append(line)  # the usual line: its one note is closed, depth stays 0
                continue
            else:
                out.append(bracket_loose_labels(line, first))
        else:
            out.append(line)
        if depth or "(" in line or "（" in line or ")" in line or "）" in line:
            depth = max(0, depth + paren_balance(line))
    return out


# The rest of a department name wrapped onto the next line: "设局", "革委".
WRAPPED_NAME_MAX_CHARS = 8
WRAPPED_STUB_MAX_CHARS = 3


def join_wrapped_name(lines: list[str], i: int, line: str) -> str:
    """"牵头单位：市住房和城乡建" / "设局": a label's last name cut by the line end. The
    fragment joins the label line (and its own line is blanked) when the cut name is no
    department and the joined one is, so the label's note closes after the whole name."""
    j = i + 1
    while j < len(lines) and not lines[j]:
        j += 1
    if j == len(lines):
        return line
    fragment = lines[j]
    # Across a blank line (a PDF's page break) only the stub of a word: "设局", not the
    # signature "某县人民政府" under a last label line.
    longest = WRAPPED_NAME_MAX_CHARS if j == i + 1 else WRAPPED_STUB_MAX_CHARS
    if (len(fragment) > longest or ANY_PUNCTUATION.search(fragment)
            or match_mark(fragment) is not None):
        return line
    cut = re.split(r"[:：、,，;；]", line)[-1]
    if not cut or looks_like_department(cut) or not looks_like_department(cut + fragment):
        return line
    lines[j] = ""
    return line + fragment


# A running header or footer of a PDF page: short, unnumbered, no sentence mark.
RUNNING_HEAD_MAX_CHARS = 30
# A gazette's page header, furniture even where the excerpt shows it once:
# "某市人民政府公报　　2024年第3期", "政报 第12期".
GAZETTE_HEAD = re.compile(r"(?:公报|政报|政务公开专刊).{0,12}第\s*\d{1,3}\s*期$|^\d{4}\s*年第\s*\d{1,3}\s*期$")


def drop_running_heads(raw_lines: list[str], lines: list[str], page_breaks: list[int]) -> None:
    """Blank a line that repeats verbatim in the document and sits next to a page number.

    A PDF's text layer keeps each page's header: "— 2 —" / "某市人民政府文件" / "3.完善…".
    Left in, the header reads as a paragraph that closes the measures above it. The first
    page's banner stays (no page number next to it). One pass to count, one to blank.
    """
    if not page_breaks:
        return
    counts: dict[str, int] = {}
    for line in lines:
        if line and len(line) <= RUNNING_HEAD_MAX_CHARS:
            counts[line] = counts.get(line, 0) + 1
    for i in page_breaks:
        for step in (-1, 1):  # the nearest non-blank line above and below the page number
            j = i + step
            while 0 <= j < len(lines) and not lines[j] and not raw_lines[j].strip():
                j += step
            if not 0 <= j < len(lines) or not lines[j]:
                continue
            line = lines[j]
            if ((counts.get(line, 0) >= 2 or GAZETTE_HEAD.search(line))
                    and not ANY_PUNCTUATION.search(line) and match_mark(line) is None):
                lines[j] = ""


# Sub-item N opening inside a line, after a sentence or a note: "…报装。(1)8月底前,…(牵头部门:X)
# (2)年底前,…".
INLINE_SUBITEM = re.compile(r"(?<=[。；;）)])[ \t\u3000]{0,2}[（(]([1-9])[）)]")
# An owner note on a line: vocab.roles.OWNER_HINT.


def split_inline_subitems(
    lines: list[str], numbers: list[int], joined: str | None = None
) -> tuple[list[str], list[int]]:
    """"3. 推行水气联合报装。(1)8月底前,…(牵头部门:A)(2)年底前,…(牵头部门:B)": sub-items
    (1), (2)… written on the item's line, each with its own owner note, become lines of their
    own (with the item's source line number), as they are when the document breaks them.
    Only when they are numbered 1, 2, … in order and every one carries a note. ``joined``:
    the lines joined by line breaks, if the caller has them."""
    joined = joined if joined is not None else "\n".join(lines)
    splits: dict[int, list[str]] = {}
    # Two marks or none: a line without "(2)" is never split (the common case).
    for i in sorted({*lines_holding(joined, "(2)"), *lines_holding(joined, "（2）")}):
        line = lines[i]
        if "(1)" in line or "（1）" in line:
            pieces = _inline_pieces(line, list(INLINE_SUBITEM.finditer(line)))
            if len(pieces) > 1:
                splits[i] = pieces
    if not splits:
        return lines, numbers
    out_lines: list[str] = []
    out_numbers: list[int] = []
    for i, (line, number) in enumerate(zip(lines, numbers, strict=True)):
        pieces = splits.get(i, [line])
        out_lines.extend(pieces)
        out_numbers.extend([number] * len(pieces))
    return out_lines, out_numbers


def _inline_pieces(line: str, marks: list[re.Match[str]]) -> list[str]:
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return [line]
    if not (line[:1].isdigit() or line[:1] in "（(第"):  # on a numbered item's line only
        return [line]
    cuts = [m.start() for m in marks] + [len(line)]
    pieces = [line[: cuts[0]]] + [line[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
    if not all(OWNER_HINT.search(piece) for piece in pieces[1:]):
        return [line]
    return pieces


# An item glued to the end of its heading by an export that lost the line break: "一、强化工作
# 统筹协调，保障数字经济持续发展1.加强工作统筹谋划。…" (a Chinese character, then "N.").
GLUED_ITEM = re.compile(r"(?<=[\u4e00-\u9fff])(\d{1,2})[.．](?=[\u4e00-\u9fff“])")
# The heading before it is short: a line of a heading and the item's first sentence.
GLUED_HEADING_MAX_CHARS = 40


def split_glued_items(
    lines: list[str], numbers: list[int], marks: MarkMemo | None = None
) -> tuple[list[str], list[int]]:
    """"二、优化服务供给3.推行一网通办。…" after item 2: the heading and item 3 on lines of
    their own, when the number is the next item's (or 1) and the heading part is short.
    ``marks``: the document's MarkMemo, which the outline asks again."""
    mark_of = marks.__getitem__ if marks is not None else match_mark
    cuts: dict[int, int] = {}  # line index → where its glued item starts
    last = 0
    for i, line in enumerate(lines):
        mark = mark_of(line) if line else None
        if mark is not None and mark.level in (LEVEL_SECTION, LEVEL_GROUP):
            m = GLUED_ITEM.search(line, mark.length)
            if (m is not None and m.start() - mark.length <= GLUED_HEADING_MAX_CHARS
                    and int(m.group(1)) in (1, last + 1)):
                cuts[i] = m.start()
                last = int(m.group(1))
        elif mark is not None and mark.level == LEVEL_ITEM:
            last = mark.number
    if not cuts:  # the usual document: the lists as they are
        return lines, numbers
    out_lines: list[str] = []
    out_numbers: list[int] = []
    for i, (line, number) in enumerate(zip(lines, numbers, strict=True)):
        cut = cuts.get(i)
        if cut is None:
            out_lines.append(line)
            out_numbers.append(number)
        else:
            out_lines += [line[:cut], line[cut:]]
            out_numbers += [number, number]
    return out_lines, out_numbers


def lines_holding(joined: str, word: str) -> list[int]:
    """The indices of the lines that hold ``word``, given the lines joined by line breaks:
    str.find jumps from one to the next at C speed (and str.count of the breaks before each
    numbers its line), where a test of every line costs a step of Python per line."""
    found: list[int] = []
    line = pos = 0
    while (at := joined.find(word, pos)) >= 0:
        line += joined.count("\n", pos, at)
        found.append(line)
        end = joined.find("\n", at)
        if end < 0:
            break
        line += 1
        pos = end + 1
    return found


def paren_balance(text: str) -> int:
    return text.count("(") + text.count("（") - text.count(")") - text.count("）")


__all__ = ["ANY_PUNCTUATION", "OWNER_HINT", "TERMINAL", "bracket_labels_outside_notes", "drop_running_heads",
           "join_wrapped_name", "paren_balance", "split_inline_subitems"]
