"""Tables that reached plain text: a 任务分工 table copied out of Word, Excel or a web page.

Three shapes are common, all with a header row of labels (序号, 重点任务, 牵头单位, 责任单位,
完成时限…):

* tab-separated, one row a line (copied from Excel or a Word table):
  "1\\t推行企业开办“一日办结”。\\t市市场监管局\\t市公安局、市税务局\\t2023年6月底前";
* "|"-separated, one row a line (Markdown, some web exports), with an optional rule row
  "|---|---|";
* one cell a line (a table pasted as paragraphs, or a PDF's text layer): the labels one per
  line, then each row as its number ("1") followed by one line per cell.

Each table found is turned into rows of ``read_table.Cell`` and flattened by
``read_table.flatten_table``, exactly like a ``.docx`` or ``.html`` table, so the owner and
deadline extractors never see a table. Every output line keeps the number of the source line
its row started on (STYLE §8: never lose the source).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reformctl.parse.read_table import (
    DEADLINE,
    LEAD,
    NUMBER,
    OWNER,
    TEXT,
    Cell,
    Header,
    classify_label,
    flatten_table,
)

# A rule row under a Markdown header: "|---|:---:|", "| --- | --- |".
PIPE_RULE = re.compile(r"^\|?(?:\s{0,3}:?-{2,}:?\s{0,3}\|)+\s{0,3}(?::?-{2,}:?\s{0,3})?$")
# The number that opens a row of a one-cell-a-line table: "1", "12", "1." , "（1）".
ROW_NUMBER = re.compile(r"^[（(]?(\d{1,3})[）).．、]?$")
# A heading between rows of a one-cell-a-line table: "一、优化政务服务环境", "（二）法治环境".
ROW_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)])")
# The fewest columns a one-cell-a-line header may have: number, task and at least one owner
# or time column.
MIN_STACKED_COLUMNS = 3
# The most: a run of label-like lines longer than this is no header (and a long run is not
# rescanned from each of its lines).
MAX_STACKED_COLUMNS = 12

Numbered = list[tuple[int, str]]  # (source line number, text)
Rows = list[tuple[int, list[Cell]]]  # (source line number, cells)
Splitter = Callable[[str], "list[str] | None"]


def unfold_text_tables(lines: list[str]) -> Numbered:
    """The lines with every table found flattened, each paired with its source line number."""
    numbered = [(i + 1, line) for i, line in enumerate(lines)]
    if not any(("\t" in line or "|" in line or "序号" in line) for line in lines):
        return numbered  # the usual case: no table at all, nothing to look at twice
    out: Numbered = []
    i = 0
    carry: Header | None = None
    while i < len(lines):
        found = _table_at(lines, i)
        if found is None:
            out.append(numbered[i])
            i += 1
            continue
        end, rows = found
        flat, carry = _flatten(rows, carry)
        out.extend(flat)
        i = end
    return out


def _table_at(lines: list[str], i: int) -> tuple[int, Rows] | None:
    """The table whose header row is line ``i``: (index after its last row, rows with their
    line numbers), or None when line ``i`` heads no table."""
    line = lines[i].strip()
    if "\t" in line:
        return _delimited(lines, i, _tab_cells)
    if "|" in line:
        return _delimited(lines, i, _pipe_cells)
    if _is_label(line) and classify_label(line) == NUMBER:
        return _stacked(lines, i)
    return None


# -- one row a line ------------------------------------------------------------------------


def _tab_cells(line: str) -> list[str] | None:
    if "\t" not in line:
        return None
    return [cell.strip() for cell in line.strip("\r\n").split("\t")]


def _pipe_cells(line: str) -> list[str] | None:
    s = line.strip()
    if "|" not in s:
        return None
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [cell.strip() for cell in s.split("|")]


def _delimited(lines: list[str], i: int, split: Splitter) -> tuple[int, Rows] | None:
    cells = split(lines[i])
    if cells is None or not _is_header(cells):
        return None
    rows = [(i + 1, [Cell(c) for c in cells])]
    j = i + 1
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            # A blank line inside a table copied from a web page; the table goes on if the
            # next line is a row again.
            if j + 1 < len(lines) and split(lines[j + 1]) is not None:
                j += 1
                continue
            break
        if PIPE_RULE.match(line):
            j += 1
            continue
        cells = split(lines[j])
        if cells is None:
            if not ROW_HEADING.match(line) or len(line) > LABEL_MAX_CHARS * 3:
                break
            cells = [line]  # a group heading between rows: "一、优化政务服务环境"
        rows.append((j + 1, [Cell(c) for c in cells]))
        j += 1
    return (j, _merged_leads(rows)) if len(rows) > 1 else None


def _merged_leads(rows: Rows) -> Rows:
    """An empty 牵头单位 cell under a lead is a cell merged down in the original table (a copy
    keeps its text in the first row only): every task has a lead, so it carries the one above.
    Other columns stay as they are: a row may well have no 配合单位."""
    header = [cell.text for cell in rows[0][1]]
    leads = [i for i, label in enumerate(header) if label and classify_label(label) == LEAD]
    if not leads:
        return rows
    out: Rows = [rows[0]]
    above: dict[int, str] = {}
    for lineno, cells in rows[1:]:
        if len(cells) == len(header):
            cells = list(cells)
            for i in leads:
                if cells[i].text:
                    above[i] = cells[i].text
                elif i in above and any(c.text for c in cells):
                    cells[i] = Cell(above[i], continued=True)
        else:
            above.clear()  # a group heading between rows: no cell is merged across it
        out.append((lineno, cells))
    return out


# -- one cell a line -----------------------------------------------------------------------


def _stacked(lines: list[str], i: int) -> tuple[int, Rows] | None:
    """"序号" / "重点任务" / "牵头单位" / … one a line, then rows "1" / task / owners / …"""
    labels: list[str] = []
    j = i
    while j < len(lines) and j - i < MAX_STACKED_COLUMNS and _is_label(lines[j].strip()):
        if labels and ROW_NUMBER.match(lines[j].strip()):
            break
        labels.append(lines[j].strip())
        j += 1
    if len(labels) < MIN_STACKED_COLUMNS or not _is_header(labels):
        return None
    width = len(labels)
    roles = [classify_label(label) for label in labels]
    rows: Rows = [(i + 1, [Cell(c) for c in labels])]
    expected = 1
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        m = ROW_NUMBER.match(line)
        if m and int(m.group(1)) == expected:
            start = j
            body, j = _row_lines(lines, j + 1, expected + 1, width - 1)
            rows.append((start + 1, [Cell(m.group(1)), *_fit(body, roles[1:])]))
            expected += 1
            continue
        if ROW_HEADING.match(line):
            rows.append((j + 1, [Cell(line)]))  # a group heading between rows
            j += 1
            continue
        break
    if expected == 1:
        return None
    # Blank lines skipped after the last row are not part of the table.
    while j > i and not lines[j - 1].strip():
        j -= 1
    return j, rows


def _row_lines(lines: list[str], j: int, next_number: int, cells: int) -> tuple[list[str], int]:
    """The cell lines of one row: up to the next row's number, a heading, a blank line once
    the row is full, or (for the last row) as many lines as it has cells."""
    body: list[str] = []
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            if len(body) >= cells:
                break
            j += 1
            continue
        m = ROW_NUMBER.match(line)
        if m and int(m.group(1)) == next_number:
            break
        if len(body) >= cells and (ROW_HEADING.match(line) or not _next_is_row(lines, j, next_number)):
            break
        body.append(line)
        j += 1
    return body, j


def _next_is_row(lines: list[str], j: int, next_number: int) -> bool:
    """Whether the lines from ``j`` reach the next row's number before a blank line: extra
    lines of a wrapped cell, not the text after the table. Bounded look-ahead."""
    for k in range(j, min(len(lines), j + 8)):
        line = lines[k].strip()
        if not line:
            return False
        m = ROW_NUMBER.match(line)
        if m:
            return int(m.group(1)) == next_number
    return False


def _fit(body: list[str], roles: list[str]) -> list[Cell]:
    """Lines of one row → its cells. A wrapped task cell spans several lines: the columns
    before the task take one line each, the columns after it one line each from the end."""
    n = len(roles)
    if len(body) <= n:
        return [Cell(t) for t in body] + [Cell("") for _ in range(n - len(body))]
    text_at = roles.index(TEXT) if TEXT in roles else 0
    after = n - text_at - 1
    head = body[:text_at]
    middle = body[text_at: len(body) - after]
    tail = body[len(body) - after:] if after else []
    return [Cell(t) for t in head] + [Cell("\n".join(middle))] + [Cell(t) for t in tail]


# -- shared --------------------------------------------------------------------------------


LABEL_MAX_CHARS = 12
LABEL_PUNCT = re.compile(r"[。；;，,！!？?：:“”、（）()]")


def _is_label(text: str) -> bool:
    return 0 < len(text) <= LABEL_MAX_CHARS and not LABEL_PUNCT.search(text) and not text.isdigit()


def _is_header(cells: list[str]) -> bool:
    """Labels only, with a task (or number) column and an owner or time column."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or not all(_is_label(c) for c in filled):
        return False
    roles = {classify_label(c) for c in filled}
    return bool(roles & {LEAD, OWNER, DEADLINE}) and bool(roles & {NUMBER, TEXT})


def _flatten(rows: Rows, carry: Header | None) -> tuple[Numbered, Header | None]:
    """flatten_table row by row, so each output line keeps its row's source line."""
    header_row = rows[0][1]
    out: Numbered = []
    header = carry
    for lineno, row in rows[1:]:
        flat, header = flatten_table([header_row, row], carry)
        out.extend((lineno, text) for text in flat)
    return out, header


__all__ = ["unfold_text_tables"]
