"""The fill-in 台账: a workbook a department fills in and sends back, and reading it back.

``build_fill_in`` writes one department's milestones to sheet "台账": the columns it may edit
(完成情况 as a drop-down of the statuses, 进展情况, 完成日期) are yellow, marked "（填写）" and
unlocked; every other cell is locked by sheet protection (no password: it guards against
slips, not against a determined clerk). A hidden last column holds each row's key — document,
measure key, milestone day, milestone id — a checksum of the locked cells, so that a row that
was edited where it should not have been, or whose id was changed, is recognised on import,
and a checksum of the editable cells as written, so that a row nobody filled in is left out
(a sheet written before another department's report does not undo it).

``read_fill_in`` reads a filled-in workbook back as it is: the rows of every sheet that has the
key column, columns found by their header (so re-ordered columns read right), merged cells
read as their first cell's value in every cell they cover. It decides nothing about the
ledger: ``reformctl.usecases.status_import`` matches the rows and makes the changes.

The words a department reads (headers, labels, the instructions) are all in ``TEXT`` and
``STATUS_LABELS`` below, Chinese first.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reformctl.errors import InputError
from reformctl.i18n import _

# --- the words of the sheet (one place; Chinese first) ----------------------------------------

FILL_SHEET = "台账"
ABOUT_SHEET = "填报说明"
KEY_HEADER = "_reformctl_key"  # the hidden column; never shown, never translated
EDIT_MARK = "（填写）"  # appended to the headers of the columns a department fills in

# Status → the label a department picks from the drop-down.
STATUS_LABELS = {"open": "未完成", "in-progress": "推进中", "done": "已完成", "dropped": "已撤销"}
# Other words a clerk may type for a status (the drop-down can be pasted over).
STATUS_WORDS = {
    "未开始": "open", "未启动": "open", "open": "open",
    "进行中": "in-progress", "正在推进": "in-progress", "推进": "in-progress",
    "in-progress": "in-progress",
    "完成": "done", "已办结": "done", "done": "done",
    "取消": "dropped", "不再实施": "dropped", "dropped": "dropped",
    # the words `reformctl due`/the ledger workbook show (labels.STATUS_WORDS in both languages)
    "已撤销": "dropped", "撤销": "dropped", "inprogress": "in-progress",
    "已取消": "dropped",  # the drop-down word of sheets written before 已撤销
}

TEXT: dict[str, Any] = {
    "title": "{title} 任务台账 · {department}（截至{as_of}）",
    "instructions": ("请在黄色列填写：完成情况（下拉选择）、进展情况、完成日期（如 2021-07-30）。"
                     "其余列为督查台账内容，请勿修改、删除或调整行；填好后将本文件发回督查室。"),
    "about": [
        ("填报单位", "{department}"),
        ("截至日期", "{as_of}"),
        ("来源", "{source}"),
        ("行数", "{rows}"),
        ("说明", "完成情况可选：{labels}。完成日期填实际完成的日期；进展情况写最新进展，"
                 "原有内容可改写。一行一个节点（同一措施的不同完成时限各占一行）。"),
        ("生成", "reformctl export（请勿修改隐藏列，回收时据此核对）"),
    ],
}

# (key, header): the columns of sheet 台账, in order. Editable ones get EDIT_MARK.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", "序号"),
    ("id", "编号"),
    ("plan", "所属方案"),
    ("title", "措施"),
    ("requires", "任务要求"),
    ("deadline", "完成时限"),
    ("lead", "牵头单位"),
    ("responsible", "责任单位"),
    ("status", "完成情况"),
    ("progress", "进展情况"),
    ("done_on", "完成日期"),
    ("key", KEY_HEADER),
)
EDITABLE = ("status", "progress", "done_on")
# The locked cells whose text the checksum covers (序号 is only a counter).
CHECKED = ("id", "plan", "title", "requires", "deadline", "lead", "responsible")

TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
FIRST_ROW = HEADER_ROW + 1
EDIT_FILL = "FFF2CC"  # light yellow: the cells to fill in
HEADER_FILL = "DDEBF7"
DATE_FORMAT = "yyyy-mm-dd"
WIDTHS = {"no": 6, "id": 12, "plan": 14, "title": 28, "requires": 50, "deadline": 14,
          "lead": 18, "responsible": 24, "status": 12, "progress": 40, "done_on": 13, "key": 10}
MAX_HEADER_SEARCH = 10  # rows searched for the header row (a clerk may insert some above)

# A date as a clerk types it: "2021年7月30日", "2021-07-30", "2021/7/30", "2021.7.30",
# "2021-07-30 00:00:00" (a date cell pasted as text).
TYPED_DATE = re.compile(
    r"^(?P<y>\d{4})\s*[年./-]\s*(?P<m>\d{1,2})\s*[月./-]\s*(?P<d>\d{1,2})\s*日?(?:\s+00:00(?::00)?)?$"
)


@dataclass(frozen=True)
class FillRow:
    """One milestone (or a measure without a dated deadline) as a row of the sheet."""

    document: str
    key: str  # the measure's key
    milestone: date | None
    id: str  # the milestone id (1.4@07-31), or the measure id
    plan: str
    title: str
    requires: str
    deadline: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    status: str
    progress: str = ""
    done_on: date | None = None

    def cells(self) -> dict[str, Any]:
        """The values written, by column key (the key column excepted)."""
        return {
            "id": self.id,
            "plan": self.plan,
            "title": self.title,
            "requires": self.requires,
            "deadline": self.deadline,
            "lead": "、".join(self.lead),
            "responsible": "、".join(self.responsible),
            "status": STATUS_LABELS.get(self.status, self.status),
            "progress": self.progress,
            "done_on": self.done_on,
        }


def checksum(values: dict[str, Any], keys: Sequence[str] = CHECKED) -> str:
    """A short digest of some cells' text (the locked ones by default): changes when any of
    them is edited."""
    text = "\x1f".join(_text(values.get(k)) for k in keys)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def row_key(row: FillRow) -> str:
    """document|measure key|milestone day|id|checksum of the locked cells|checksum of the
    editable cells as exported (what the hidden column holds)."""
    day = row.milestone.isoformat() if row.milestone else ""
    cells = {k: _clean(v) for k, v in row.cells().items()}
    return "|".join((row.document, row.key, day, row.id, checksum(cells),
                     checksum(cells, EDITABLE)))


@dataclass(frozen=True)
class RowKey:
    document: str
    key: str
    milestone: date | None
    id: str
    checksum: str
    exported: str  # the checksum of the editable cells when the sheet was written


def parse_row_key(text: str) -> RowKey | None:
    parts = text.rsplit("|", 5)
    if len(parts) != 6:
        return None
    document, key, day, ident, digest, exported = parts
    try:
        milestone = date.fromisoformat(day) if day else None
    except ValueError:
        return None
    return RowKey(document, key, milestone, ident, digest, exported)


def build_fill_in(
    rows: Sequence[FillRow],
    *,
    department: str,
    as_of: date,
    title: str = "",
    source: str = "",
) -> Any:
    """The workbook (openpyxl, not saved) for one department."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = FILL_SHEET
    index = {key: i + 1 for i, (key, _) in enumerate(COLUMNS)}
    last_visible = len(COLUMNS) - 1
    ws.cell(TITLE_ROW, 1, TEXT["title"].format(title=title or "", department=department,
                                              as_of=as_of.isoformat()).strip())
    ws.cell(TITLE_ROW, 1).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last_visible)
    ws.cell(NOTE_ROW, 1, TEXT["instructions"])
    ws.cell(NOTE_ROW, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=last_visible)
    ws.row_dimensions[NOTE_ROW].height = 32

    edit_fill = PatternFill("solid", start_color=EDIT_FILL, end_color=EDIT_FILL)
    header_fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for key, header in COLUMNS:
        c = ws.cell(HEADER_ROW, index[key], header + (EDIT_MARK if key in EDITABLE else ""))
        c.font = Font(bold=True)
        c.fill = edit_fill if key in EDITABLE else header_fill
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index[key])].width = WIDTHS[key]
    unlocked = Protection(locked=False)
    for n, row in enumerate(rows, start=1):
        r = FIRST_ROW + n - 1
        values = row.cells()
        ws.cell(r, index["no"], n)
        for key, value in values.items():
            c = ws.cell(r, index[key], _clean(value))
            if isinstance(value, str):
                c.data_type = "s"  # "=1+1" in a title stays text
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if key in EDITABLE:
                c.fill = edit_fill
                c.protection = unlocked
            if key == "done_on":
                c.number_format = DATE_FORMAT
        ws.cell(r, index["key"], row_key(row)).data_type = "s"
    last_row = FIRST_ROW + max(len(rows), 1) - 1
    # A few empty rows below stay editable too, so that typing past the end is no error box
    # (the import skips blank rows).
    letter = {key: get_column_letter(i) for key, i in index.items()}
    labels = ",".join(STATUS_LABELS.values())
    choose = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True,
                            showErrorMessage=True, showInputMessage=True)
    choose.errorTitle = "完成情况"
    choose.error = f"请从下拉列表中选择：{labels}"
    choose.promptTitle = "完成情况"
    choose.prompt = f"请选择：{labels}"
    ws.add_data_validation(choose)
    choose.add(f"{letter['status']}{FIRST_ROW}:{letter['status']}{last_row}")
    ws.column_dimensions[letter["key"]].hidden = True
    ws.freeze_panes = ws.cell(FIRST_ROW, index["title"])
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths and heights may be changed
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"

    about = wb.create_sheet(ABOUT_SHEET)
    for name, template in TEXT["about"]:
        about.append([name, template.format(department=department, as_of=as_of.isoformat(),
                                            source=source, rows=len(rows),
                                            labels="、".join(STATUS_LABELS.values()))])
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 80
    about.protection.sheet = True
    wb.properties.title = f"{title} {department}".strip()
    wb.properties.creator = "reformctl"
    return wb


def fill_in_bytes(rows: Sequence[FillRow], **kwargs: Any) -> bytes:
    wb = build_fill_in(rows, **kwargs)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- reading a filled-in workbook back -----------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """A row of a filled-in sheet as found: its cells by column key."""

    file: str
    sheet: str
    row: int
    cells: dict[str, Any]

    @property
    def where(self) -> str:
        return _("{file}: sheet {sheet}, row {row}").format(file=self.file, sheet=self.sheet,
                                                             row=self.row)

    def text(self, key: str) -> str:
        return _text(self.cells.get(key))

    def matches_checksum(self, expected: str) -> bool:
        return checksum({k: self.text(k) for k in CHECKED}) == expected

    def untouched(self, exported: str) -> bool:
        """The editable cells hold what the sheet was written with (nobody filled them in).
        A typed date reads as the same day as a date cell."""
        values = {k: self.text(k) for k in EDITABLE}
        try:
            day = parse_day(self.cells.get("done_on"))
        except ValueError:
            return False
        values["done_on"] = day.isoformat() if day else ""
        return checksum(values, EDITABLE) == exported


@dataclass
class FilledSheet:
    rows: list[SheetRow] = field(default_factory=list)
    # (where: file and sheet, what is wrong), one line each
    problems: list[tuple[str, str]] = field(default_factory=list)


def read_fill_in(path: str | Path) -> FilledSheet:
    """Every non-blank row of every sheet that has the key column, as found."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    p = Path(path)
    if not p.is_file():
        raise InputError(_("no such file"), path=str(p))
    try:
        wb = load_workbook(p, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError, InvalidFileException):
        raise InputError(_("not an .xlsx workbook"), path=str(p)) from None
    out = FilledSheet()
    found_any = False
    for ws in wb.worksheets:
        header = _header_row(ws)
        if header is None:
            continue
        found_any = True
        header_row, columns = header
        missing = [h for k, h in COLUMNS if k in EDITABLE and k not in columns]
        if missing:
            out.problems.append((_("{file}: sheet {sheet}").format(file=p.name, sheet=ws.title),
                                 _("no column {columns} (renamed or deleted?)").format(
                                     columns="、".join(missing))))
            continue
        merged = _merged_values(ws)
        for r in range(header_row + 1, ws.max_row + 1):
            cells = {key: merged.get((r, c), ws.cell(r, c).value) for key, c in columns.items()}
            if all(_text(v) == "" for k, v in cells.items() if k != "no"):
                continue  # a blank row
            out.rows.append(SheetRow(p.name, ws.title, r, cells))
    if not found_any:
        out.problems.append((p.name, _("no sheet written by `reformctl export` (the hidden "
                                       "column {key} is missing)").format(key=KEY_HEADER)))
    return out


def _header_row(ws: Any) -> tuple[int, dict[str, int]] | None:
    """The header row (the one holding KEY_HEADER) and the column of each known header."""
    by_header = {header: key for key, header in COLUMNS}
    for r in range(1, min(ws.max_row, MAX_HEADER_SEARCH) + 1):
        texts = {c: _text(ws.cell(r, c).value) for c in range(1, ws.max_column + 1)}
        if KEY_HEADER not in texts.values():
            continue
        columns: dict[str, int] = {}
        for c, text in texts.items():
            bare = re.sub(r"\s+", "", text.replace(EDIT_MARK, "").replace("(填写)", ""))
            if bare in by_header and by_header[bare] not in columns:
                columns[by_header[bare]] = c
        return r, columns
    return None


def _merged_values(ws: Any) -> dict[tuple[int, int], Any]:
    """Every cell a merged range covers, with the value of the range's first cell."""
    out: dict[tuple[int, int], Any] = {}
    for rng in ws.merged_cells.ranges:
        value = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                out[(r, c)] = value
    return out


def parse_status(value: Any) -> str | None:
    """The status of a 完成情况 cell; None for an empty cell; ValueError for an unknown one."""
    text = re.sub(r"\s+", "", _text(value))
    if not text:
        return None
    for status, label in STATUS_LABELS.items():
        if text == label:
            return status
    if text in STATUS_WORDS:
        return STATUS_WORDS[text]
    raise ValueError(text)


def parse_day(value: Any) -> date | None:
    """The day of a 完成日期 cell (a date cell, an Excel serial, or typed text such as
    "2021年7月30日"); None for an empty cell; ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        if not 1 <= value < 2958466:
            raise ValueError(str(value))
        day = from_excel(value)
        return day.date() if isinstance(day, datetime) else day  # type: ignore[return-value]
    text = str(value).strip()
    if not text:
        return None
    found = TYPED_DATE.match(text)
    if not found:
        raise ValueError(text)
    return date(int(found["y"]), int(found["m"]), int(found["d"]))


__all__ = [
    "COLUMNS",
    "EDITABLE",
    "FILL_SHEET",
    "KEY_HEADER",
    "STATUS_LABELS",
    "FillRow",
    "FilledSheet",
    "RowKey",
    "SheetRow",
    "build_fill_in",
    "checksum",
    "fill_in_bytes",
    "parse_day",
    "parse_row_key",
    "parse_status",
    "read_fill_in",
    "row_key",
]
