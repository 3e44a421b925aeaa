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
import unicodedata
from collections.abc import Callable

from reformctl.model import Warning_, warning
from reformctl.parse.clean import drop_page_number
from reformctl.parse.read.table import (
    DEADLINE,
    LEAD,
    NUMBER,
    OWNER,
    TEXT,
    Cell,
    Header,
    classify_label,
    flatten_table,
    lists_no_tasks,
)
from reformctl.parse.vocab.tables import TEXT_TABLE_NUMBER_LABEL

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
Rows = list[tuple[int, int, list[Cell]]]  # (first and last source line of the row, cells)
Splitter = Callable[[str], "list[str] | None"]


def unfold_text_tables(lines: list[str], warnings: list[Warning_] | None = None) -> Numbered:
    """The lines with every table found flattened, each paired with its source line number.
    What was guessed (a row short of cells) is added to ``warnings``."""
    warnings = warnings if warnings is not None else []
    numbered = list(enumerate(lines, 1))
    whole = "\n".join(lines)  # three searches of the text, not three per line
    if "\t" not in whole and "|" not in whole and TEXT_TABLE_NUMBER_LABEL not in whole:
        return numbered  # the usual case: no table at all, nothing to look at twice
    out: Numbered = []
    i = 0
    carry: Header | None = None
    while i < len(lines):
        found = _table_at(lines, i, warnings)
        if found is None:
            out.append(numbered[i])
            i += 1
            continue
        end, rows = found
        flat, carry = _flatten(rows, carry)
        out.extend(flat)
        i = end
    return out


def _table_at(lines: list[str], i: int, warnings: list[Warning_]) -> tuple[int, Rows] | None:
    """The table whose header row is line ``i``: (index after its last row, rows with their
    line numbers), or None when line ``i`` heads no table."""
    line = lines[i].strip()
    if "\t" in line:
        return _delimited(lines, i, _tab_cells)
    if "|" in line:
        return _delimited(lines, i, _pipe_cells)
    if _is_label(line) and classify_label(line) == NUMBER:
        return _stacked(lines, i, warnings)
    if TEXT_TABLE_NUMBER_LABEL in line and SPACE_RUN.search(line):
        return _spaced(lines, i)
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
    rows: Rows = [(i + 1, i + 1, [Cell(c) for c in cells])]
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
        rows.append((j + 1, j + 1, [Cell(c) for c in cells]))
        j += 1
    return (j, _merged_cells(rows)) if len(rows) > 1 else None


def _merged_cells(rows: Rows) -> Rows:
    """An empty 牵头单位 or 完成时限 cell under a filled one is a cell merged down in the
    original table (a copy keeps its text in the first row only): every task of a 分工 table
    has a lead and a time, so it carries the one above. Other columns stay as they are: a row
    may well have no 配合单位."""
    header = [cell.text for cell in rows[0][2]]
    leads = [i for i, label in enumerate(header)
             if label and classify_label(label) in (LEAD, DEADLINE)]
    if not leads:
        return rows
    out: Rows = [rows[0]]
    above: dict[int, str] = {}
    for first, last, cells in rows[1:]:
        if len(cells) == len(header):
            cells = list(cells)
            for i in leads:
                if cells[i].text:
                    above[i] = cells[i].text
                elif i in above and any(c.text for c in cells):
                    cells[i] = Cell(above[i], continued=True)
        else:
            above.clear()  # a group heading between rows: no cell is merged across it
        out.append((first, last, cells))
    return out


# -- columns set apart by runs of spaces (text of a PDF) -----------------------------------

# Two or more spaces, or a full-width space: the gap between two columns of a PDF's text
# ("序号  重点任务        牵头单位    完成时限"); one space is a gap inside a cell.
SPACE_RUN = re.compile(r"[ \u3000]{2,}|\u3000")
# The first cell of a row: its number, "1", "12", "1." (maybe run into the task by one space).
SPACED_ROW_NUMBER = re.compile(r"^(\d{1,3})[.．、]?(?=$|[ \u3000])")
# Text after a table that is no wrapped cell: "抄送：…", "附件2", "注：…".
AFTER_TABLE = re.compile(r"^(?:抄送|主送|附件|附表|注\s{0,2}[:：]|备注\s{0,2}[:：])")


def _space_cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line and the display column each starts at (a CJK character is two
    columns wide, as a PDF's text layout lines them up)."""
    out: list[tuple[int, str]] = []
    col, pos = 0, 0
    body = line.rstrip()
    for m in SPACE_RUN.finditer(body):
        if m.start() > pos:
            out.append((col + _width(body[pos:m.start()]) - _width(body[pos:m.start()].lstrip()),
                        body[pos:m.start()].strip()))
        col += _width(body[pos:m.end()])
        pos = m.end()
    if pos < len(body):
        rest = body[pos:]
        out.append((col + _width(rest) - _width(rest.lstrip()), rest.strip()))
    return [(c, t) for c, t in out if t]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _spaced(lines: list[str], i: int) -> tuple[int, Rows] | None:
    """"序号  重点任务  牵头单位  责任单位  完成时限", then rows "1  推行…  市X局  …  2023年6月底前".

    A row whose cells are as many as the columns is read in order. A shorter line (an empty
    cell, or a cell wrapped onto the next line, which the text layout indents under its
    column) places each cell under the column whose label it starts after.
    """
    header = _space_cells(lines[i])
    labels = [t for _, t in header]
    if len(labels) < MIN_STACKED_COLUMNS or not _is_header(labels):
        return None
    width = len(labels)
    # A cell starting at or after where a label ends belongs to that label's next column.
    label_ends = [c + _width(t) for c, t in header]
    roles = [classify_label(label) for label in labels]
    text_col = roles.index(TEXT) if TEXT in roles else 1
    rows: Rows = [(i + 1, i + 1, [Cell(c) for c in labels])]
    cells: list[list[str]] | None = None
    first = last = i
    j = end = i + 1

    def close() -> None:
        if cells is not None:
            # A cell wrapped by the layout is one paragraph: "市公安局、市税" / "务局".
            rows.append((first + 1, last + 1, [Cell("".join(c)) for c in cells]))

    blank = False
    while j < len(lines):
        raw = lines[j]
        line = raw.strip()
        if not line or drop_page_number(line) == "":
            blank = True
            j += 1
            continue
        found = _space_cells(raw)
        texts = [t for _, t in found]
        if texts == labels:  # the header again, on a new page
            j += 1
            continue
        m = SPACED_ROW_NUMBER.match(line)
        if m and len(found) >= 2:
            close()
            _split_run_number(found, line, m)
            cells = [[] for _ in range(width)]
            if len(found) == width:
                for k, (_, text) in enumerate(found):
                    cells[k].append(text)
            else:
                _place(cells, found, label_ends, text_col)
            first = last = j
            blank = False
            j += 1
            end = j
            continue
        if ROW_HEADING.match(line) and len(found) == 1 and len(line) <= LABEL_MAX_CHARS * 3:
            close()
            cells = None
            rows.append((j + 1, j + 1, [Cell(line)]))
            blank = False
            j += 1
            end = j
            continue
        indented = raw[:1] in (" ", "\u3000")
        if cells is None or AFTER_TABLE.match(line) or (blank and not indented):
            break
        # The rest of a wrapped row: under its columns when indented, else the task's.
        if indented:
            _place(cells, found, label_ends, text_col)
        else:
            cells[text_col].append(line)
        last = j
        blank = False
        j += 1
        end = j
    close()
    if len(rows) < 2:
        return None
    return end, _merged_cells(rows)


def _split_run_number(found: list[tuple[int, str]], line: str, m: re.Match[str]) -> None:
    """"1 推行…": the number run into the task by one space is a cell of its own."""
    if not SPACED_ROW_NUMBER.fullmatch(found[0][1]):
        col0 = found[0][0]
        found[0:1] = [(col0, m.group(1)),
                      (col0 + _width(line[: m.end()]) + 1, found[0][1][m.end():].strip())]


def _place(
    cells: list[list[str]], found: list[tuple[int, str]], label_ends: list[int], text_col: int
) -> None:
    for col, text in found:
        k = 0
        while k + 1 < len(cells) and col >= label_ends[k]:
            k += 1
        if k == 0 and not SPACED_ROW_NUMBER.match(text):
            k = text_col  # text flush left under the number column: the task wrapped
        cells[k].append(text)


# -- one cell a line -----------------------------------------------------------------------


def _stacked(lines: list[str], i: int, warnings: list[Warning_]) -> tuple[int, Rows] | None:
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
    rows: Rows = [(i + 1, i + 1, [Cell(c) for c in labels])]
    expected = 1
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        m = ROW_NUMBER.match(line)
        if m and int(m.group(1)) == expected:
            start = j
            body, j, last = _row_lines(lines, j + 1, expected + 1, width - 1)
            cells = _fit(body, roles[1:], labels[1:], start + 1, warnings)
            rows.append((start + 1, last + 1 if body else start + 1, [Cell(m.group(1)), *cells]))
            expected += 1
            continue
        if ROW_HEADING.match(line):
            rows.append((j + 1, j + 1, [Cell(line)]))  # a group heading between rows
            j += 1
            continue
        break
    if expected == 1:
        return None
    # Blank lines skipped after the last row are not part of the table.
    while j > i and not lines[j - 1].strip():
        j -= 1
    return j, rows


def _row_lines(
    lines: list[str], j: int, next_number: int, cells: int
) -> tuple[list[str], int, int]:
    """The cell lines of one row: up to the next row's number, a heading, a blank line once
    the row is full, or (for the last row) as many lines as it has cells. Also the index
    after the row and the index of its last line."""
    body: list[str] = []
    last = j
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
        last = j
        j += 1
    return body, j, last


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


def _fit(
    body: list[str], roles: list[str], labels: list[str], lineno: int, warnings: list[Warning_]
) -> list[Cell]:
    """Lines of one row → its cells. A wrapped task cell spans several lines: the columns
    before the task take one line each, the columns after it one line each from the end."""
    n = len(roles)
    if len(body) < n:
        return _fit_short(body, roles, labels, lineno, warnings)
    if len(body) == n:
        return [Cell(t) for t in body]
    text_at = roles.index(TEXT) if TEXT in roles else 0
    after = n - text_at - 1
    head = body[:text_at]
    middle = body[text_at: len(body) - after]
    tail = body[len(body) - after:] if after else []
    return [Cell(t) for t in head] + [Cell("\n".join(middle))] + [Cell(t) for t in tail]


# A cell that reads as a time: "2023年6月底前", "三季度末", "长期坚持", "持续推进".
TIME_CELL = re.compile(
    r"^.{0,12}?(?:\d{4}\s{0,2}年|\d{1,2}\s{0,2}月|[一二三四]季度|[上下]半年|年底|年内|长期|持续|常态化"
    r"|每年|每季度|每月)"
)
# A cell that reads as departments: the last name ends like a unit ("…局", "…委", "…政府").
UNIT_CELL = re.compile(
    r"(?:局|委|办|厅|政府|中心|公司|部|院|会|室|署|所|队|行|处|站|社|单位|部门|团|集团|企业)$"
)


def _fit_short(
    body: list[str], roles: list[str], labels: list[str], lineno: int, warnings: list[Warning_]
) -> list[Cell]:
    """A row with fewer lines than cells: an empty cell left no line of its own, so the lines
    after it would slide one column left. Place each line by what it reads as: a time goes
    to the time column, names of units to the owner columns in order (the lead first: every
    task has one), the rest to the task. Say what was guessed."""
    cells = [""] * len(roles)
    owner_cols = [k for k, r in enumerate(roles) if r in (LEAD, OWNER)]
    time_cols = [k for k, r in enumerate(roles) if r == DEADLINE]
    text_cols = [k for k, r in enumerate(roles) if r == TEXT] or [0]
    task: list[str] = []
    for k, line in enumerate(body):
        if k and time_cols and not cells[time_cols[0]] and TIME_CELL.match(line):
            cells[time_cols[0]] = line
        elif k and owner_cols and UNIT_CELL.search(line.rstrip("。；;，,")):
            cells[owner_cols.pop(0)] = line
        else:
            task.append(line)
    cells[text_cols[-1]] = "\n".join(task)
    empty = [labels[k] for k, c in enumerate(cells) if not c]
    warnings.append(warning(
        lineno, "table-row-short",
        "table row has {cells} of {columns} cells; took as empty: {empty}",
        cells=len(body) + 1, columns=len(roles) + 1, empty="、".join(empty)))
    return [Cell(c) for c in cells]


# -- shared --------------------------------------------------------------------------------


LABEL_MAX_CHARS = 12
# Brackets are allowed: "总投资（亿元）", "年度计划投资（万元）" name a column too.
LABEL_PUNCT = re.compile(r"[。；;，,！!？?：:“”、]")


def _is_label(text: str) -> bool:
    return 0 < len(text) <= LABEL_MAX_CHARS and not LABEL_PUNCT.search(text) and not text.isdigit()


def _is_header(cells: list[str]) -> bool:
    """Labels only, with a task (or number) column and an owner or time column."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or not all(_is_label(c) for c in filled) or lists_no_tasks(filled):
        return False
    roles = {classify_label(c) for c in filled}
    return bool(roles & {LEAD, OWNER, DEADLINE}) and bool(roles & {NUMBER, TEXT})


def _flatten(rows: Rows, carry: Header | None) -> tuple[Numbered, Header | None]:
    """flatten_table row by row, so each output line keeps its row's source line. A row over
    several lines ends with its last note on the row's last line, so a measure's line span
    covers the whole row."""
    header_row = rows[0][2]
    out: Numbered = []
    header = carry
    for first, last, row in rows[1:]:
        flat, header = flatten_table([header_row, row], carry)
        out.extend((first, text) for text in flat)
        if last > first and out and out[-1][0] == first:
            head, note = _split_last_note(out[-1][1])
            if head and note:
                out[-1:] = [(first, head), (last, note)]
    return out, header


def _split_last_note(text: str) -> tuple[str, str]:
    """"推行…。（牵头单位：X）（完成时限：Y）" → ("推行…。（牵头单位：X）", "（完成时限：Y）")."""
    if not text.endswith(("）", ")")):
        return text, ""
    depth = 0
    for k in range(len(text) - 1, -1, -1):
        ch = text[k]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return text[:k], text[k:]
    return text, ""


__all__ = ["unfold_text_tables"]
