"""The 台账 round trip: fill-in sheets per department, filled in with openpyxl the way a clerk
would (merged cells, a date typed as text, a blank row, re-ordered columns), read back."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from seedfiles import DOC
from typer.testing import CliRunner

from reformctl.audit.ledger import load_ledger
from reformctl.cli import app
from reformctl.export.fill_in import (
    EDIT_MARK,
    FILL_SHEET,
    KEY_HEADER,
    STATUS_LABELS,
    parse_day,
    parse_status,
)
from reformctl.schema import schema_issues

runner = CliRunner()
AS_OF = "2021-10-01"
SHENPI = "市行政审批服务局"  # leads 1.4 (7月底前 … 9月底前 …)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def sheets(corpus: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "sheets"
    code, out, err = run("export", "xlsx", "--per-dept", folder, "--corpus", corpus,
                         "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert out.endswith(f" in {folder}\n") and out.split()[0].isdigit()
    return folder


def columns(ws: Any, header_row: int = 3) -> dict[str, int]:
    return {str(c.value).replace(EDIT_MARK, ""): c.column for c in ws[header_row] if c.value}


def row_of(ws: Any, ident: str, col: dict[str, int]) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, col["编号"]).value == ident:
            return r
    raise AssertionError(ident)


def test_the_sheet_a_department_gets(sheets: Path) -> None:
    path = sheets / f"台账-{SHENPI}.xlsx"
    wb = load_workbook(path)
    ws = wb[FILL_SHEET]
    col = columns(ws)
    assert list(col) == ["序号", "编号", "所属方案", "措施", "任务要求", "完成时限", "牵头单位",
                         "责任单位", "完成情况", "进展情况", "完成日期", KEY_HEADER]
    ids = [ws.cell(r, col["编号"]).value for r in range(4, ws.max_row + 1)]
    assert "1.4@07-31" in ids and "1.4@09-30" in ids  # one row per milestone
    r = row_of(ws, "1.4@07-31", col)
    assert ws.cell(r, col["任务要求"]).value == (
        "7月底前,实现办理时间和进度可视可查,增加事项单独办理功能,可选择同步或单独办理。")
    assert ws.cell(r, col["完成情况"]).value == "未完成"
    # Editable columns marked, yellow and unlocked; the rest locked under sheet protection.
    assert ws.cell(3, col["完成情况"]).value == "完成情况" + EDIT_MARK
    assert ws.protection.sheet is True
    for name in ("完成情况", "进展情况", "完成日期"):
        assert ws.cell(r, col[name]).protection.locked is False
        assert ws.cell(r, col[name]).fill.start_color.rgb.endswith("FFF2CC")
    for name in ("编号", "措施", "任务要求", "完成时限", "牵头单位"):
        assert ws.cell(r, col[name]).protection.locked is True
    # 完成情况 is a drop-down of the statuses.
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"' + ",".join(STATUS_LABELS.values()) + '"'
    letter = ws.cell(r, col["完成情况"]).column_letter
    assert f"{letter}4" in str(dv.sqref)
    # The key column is hidden.
    assert ws.column_dimensions[ws.cell(3, col[KEY_HEADER]).column_letter].hidden is True
    # A department that only shares work gets its rows too (市公安局 is responsible for 1.4).
    ws2 = load_workbook(sheets / "台账-市公安局.xlsx")[FILL_SHEET]
    col2 = columns(ws2)
    assert row_of(ws2, "1.4@09-30", col2) > 3


def clerk_fills_in(path: Path) -> None:
    """What a clerk of 市行政审批服务局 does to the sheet (with Excel; here with openpyxl)."""
    wb = load_workbook(path)
    ws = wb[FILL_SHEET]
    col = columns(ws)
    # Re-orders two columns: 完成日期 moves where 责任单位 was, and back.
    a, b = col["完成日期"], col["责任单位"]
    for r in range(3, ws.max_row + 1):
        va, vb = ws.cell(r, a).value, ws.cell(r, b).value
        ws.cell(r, a).value, ws.cell(r, b).value = vb, va
    col = columns(ws)
    july, sept = row_of(ws, "1.4@07-31", col), row_of(ws, "1.4@09-30", col)
    ws.cell(july, col["完成情况"]).value = "已完成"
    ws.cell(july, col["完成日期"]).value = "2021年7月30日"  # a date typed as text
    ws.cell(sept, col["完成情况"]).value = "推进中"
    ws.cell(sept, col["进展情况"]).value = "已完成系统对接，待验收"
    # One progress text for 1.2 and 1.3, in merged cells.
    r12, r13 = row_of(ws, "1.2@09-30", col), row_of(ws, "1.3@09-30", col)
    assert r13 == r12 + 1
    for name, value in (("完成情况", "推进中"), ("进展情况", "已接入全省电子证照库")):
        ws.cell(r12, col[name]).value = value
        ws.merge_cells(start_row=r12, start_column=col[name], end_row=r13, end_column=col[name])
    # 1.7 done on a real date cell.
    r17 = row_of(ws, "1.7@08-31", col)
    ws.cell(r17, col["完成情况"]).value = "已完成"
    ws.cell(r17, col["完成日期"]).value = datetime(2021, 8, 20)
    # An extra blank row in the middle, and one at the end with only a space in it.
    ws.insert_rows(r17 + 1)
    ws.cell(ws.max_row + 1, col["进展情况"]).value = " "
    wb.save(path)


def test_round_trip_dry_run_apply_and_again(corpus: Path, sheets: Path) -> None:
    path = sheets / f"台账-{SHENPI}.xlsx"
    clerk_fills_in(path)
    code, out, err = run("status", "import", path, "--dry-run", "--corpus", corpus, "-f", "json")
    assert (code, err) == (0, "")
    planned = {r["milestone"]: r for r in json.loads(out)}
    assert set(planned) == {"1.4@07-31", "1.4@09-30", "1.2@09-30", "1.3@09-30", "1.7@08-31"}
    assert (planned["1.4@07-31"]["to"], planned["1.4@07-31"]["date"]) == ("done", "2021-07-30")
    assert planned["1.3@09-30"]["note"] == "已接入全省电子证照库"  # from the merged cell
    assert planned["1.7@08-31"]["date"] == "2021-08-20"
    assert planned["1.4@07-31"]["source"].startswith(f"台账-{SHENPI}.xlsx · 台账 · 第")
    assert not (corpus / "status.yaml").exists()  # a dry run writes nothing
    code, out, err = run("status", "import", path, "--dry-run", "--corpus", corpus)
    assert code == 0 and "would change" in out and "done" in out

    code, out, err = run("status", "import", path, "--by", "王敏", "--corpus", corpus)
    assert (code, err) == (0, "")
    assert "5 changed" in out
    text = (corpus / "status.yaml").read_text(encoding="utf-8")
    assert schema_issues(yaml.safe_load(text), "status", text) == []
    ledger = load_ledger(corpus)
    e = next(x for x in ledger.entries if x.id == "1.4" and x.milestone == date(2021, 9, 30))
    assert (e.status, e.note) == ("in-progress", "已完成系统对接，待验收")
    (event,) = e.history
    assert event.by == "王敏" and event.source.startswith(f"台账-{SHENPI}.xlsx · 台账 · 第")
    # What was met is no longer overdue; the rest is.
    code, out, _ = run("due", "--overdue", "--as-of", AS_OF, "--corpus", corpus, "-f", "json")
    late = {r["milestone"] for r in json.loads(out)}
    assert "1.4@07-31" not in late and "1.4@09-30" in late and "1.7@08-31" not in late

    # The same sheet again changes nothing.
    code, out, err = run("status", "import", path, "--corpus", corpus)
    assert (code, err) == (0, "")
    assert "nothing to change" in out
    assert (corpus / "status.yaml").read_text(encoding="utf-8") == text
    # A fresh sheet shows what is recorded, and importing it unchanged changes nothing.
    fresh = sheets / "again.xlsx"
    assert run("export", "xlsx", "--dept", SHENPI, "-o", fresh, "--corpus", corpus)[0] == 0
    ws = load_workbook(fresh)[FILL_SHEET]
    col = columns(ws)
    r = row_of(ws, "1.4@07-31", col)
    assert ws.cell(r, col["完成情况"]).value == "已完成"
    assert ws.cell(r, col["完成日期"]).value == datetime(2021, 7, 30)
    assert ws.cell(row_of(ws, "1.4@09-30", col), col["进展情况"]).value == "已完成系统对接，待验收"
    assert run("status", "import", fresh, "--corpus", corpus)[:2] == (
        0, f"{ws.max_row - 3} rows read: nothing to change.\n")


def test_rows_that_cannot_be_matched_are_rejected_one_line_each(corpus: Path,
                                                                sheets: Path) -> None:
    path = sheets / "台账-市公安局.xlsx"
    wb = load_workbook(path)
    ws = wb[FILL_SHEET]
    col = columns(ws)
    rows = {i: row_of(ws, i, col) for i in ("1.2@09-30", "1.3@09-30", "1.4@07-31",
                                             "1.4@09-30", "3.1@06-30")}
    ws.cell(rows["1.2@09-30"], col["编号"]).value = "1.2@09-31"  # a changed id
    ws.cell(rows["1.3@09-30"], col["措施"]).value = "推行电子印章"  # a locked cell edited
    ws.cell(rows["1.4@07-31"], col["完成情况"]).value = "已完成"
    ws.cell(rows["1.4@07-31"], col["完成日期"]).value = "7月30号"  # no date
    ws.cell(rows["1.4@09-30"], col["完成情况"]).value = "差不多"  # no status
    ws.cell(rows["3.1@06-30"], col["完成情况"]).value = "已完成"  # the one good row
    ws.cell(ws.max_row + 1, col["措施"]).value = "新增一项"  # a row added by hand
    added = ws.max_row
    wb.save(path)
    code, out, err = run("status", "import", path, "--corpus", corpus)
    assert code == 1
    lines = err.splitlines()
    where = "reformctl: error: 台账-市公安局.xlsx: sheet 台账, row {}: "
    assert lines == [
        where.format(rows["1.2@09-30"]) + "编号 was changed from 1.2@09-30 to 1.2@09-31",
        where.format(rows["1.3@09-30"]) + "a locked cell was edited (措施, 任务要求, 完成时限 "
        "or the units): row of 1.3@09-30",
        where.format(rows["1.4@07-31"]) + "完成日期 '7月30号' is not a date (write 2021-07-30 "
        "or 2021年7月30日)",
        where.format(rows["1.4@09-30"]) + "完成情况 '差不多' is not one of 未完成、推进中、已完成、已撤销",
        where.format(added) + "no key in the hidden column: a row added by hand, or the "
        "column was edited",
    ]
    assert "1 changed" in out and "5 rejected" in out
    assert [(e.id, e.milestone, e.status) for e in load_ledger(corpus).entries] == [
        ("3.1", date(2021, 6, 30), "done")]


def test_a_workbook_that_is_no_sheet_of_ours(corpus: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["序号", "措施", "完成情况"])
    wb.save(tmp_path / "other.xlsx")
    code, _, err = run("status", "import", tmp_path / "other.xlsx", "--corpus", corpus)
    assert code == 1 and "other.xlsx: no sheet written by `reformctl export`" in err
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    code, _, err = run("status", "import", tmp_path / "broken.xlsx", "--corpus", corpus)
    assert code == 2 and "broken.xlsx" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021年7月30日", date(2021, 7, 30)),
        ("2021 年 7 月 30 日", date(2021, 7, 30)),
        ("2021-07-30", date(2021, 7, 30)),
        ("2021/7/30", date(2021, 7, 30)),
        ("2021.7.30", date(2021, 7, 30)),
        ("2021-07-30 00:00:00", date(2021, 7, 30)),
        (datetime(2021, 7, 30, 0, 0), date(2021, 7, 30)),
        (44407, date(2021, 7, 30)),  # an Excel serial day
        ("", None),
        (None, None),
    ],
)
def test_dates_as_clerks_type_them(value: Any, expected: date | None) -> None:
    assert parse_day(value) == expected


@pytest.mark.parametrize("value", ["7月30号", "2021-13-01", "下周", "2021年7月"])
def test_what_is_no_date(value: str) -> None:
    with pytest.raises(ValueError):
        parse_day(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("已完成", "done"), (" 推进中 ", "in-progress"), ("未完成", "open"), ("已取消", "dropped"),
     ("进行中", "in-progress"), ("done", "done"), ("", None), (None, None)],
)
def test_statuses_as_clerks_write_them(value: Any, expected: str | None) -> None:
    assert parse_status(value) == expected


def test_fill_in_options(corpus: Path, tmp_path: Path) -> None:
    code, _, err = run("export", "xlsx", "--dept", SHENPI, "--corpus", corpus)
    assert code == 2 and "-o FILE.xlsx" in err
    code, _, err = run("export", "csv", "--per-dept", tmp_path, "--corpus", corpus)
    assert code == 2 and "--per-dept" in err
    code, _, err = run("export", "xlsx", "--dept", "市不存在局", "-o", tmp_path / "x.xlsx",
                       "--corpus", corpus)
    assert code == 2 and "市不存在局" in err
    assert DOC


def test_a_milestone_in_two_sheets(corpus: Path, sheets: Path) -> None:
    """1.4 is 市行政审批服务局's (lead) and 市公安局's (responsible): both sheets hold it."""
    shenpi, police = sheets / f"台账-{SHENPI}.xlsx", sheets / "台账-市公安局.xlsx"

    def put(path: Path, ident: str, **values: str) -> int:
        wb = load_workbook(path)
        ws = wb[FILL_SHEET]
        col = columns(ws)
        r = row_of(ws, ident, col)
        for name, value in values.items():
            ws.cell(r, col[name]).value = value
        wb.save(path)
        return r

    # Filled in one sheet, left as it was in the other: the filled one counts.
    put(shenpi, "1.4@07-31", 完成情况="已完成")
    code, out, err = run("status", "import", police, shenpi, "--corpus", corpus, "-f", "json")
    assert (code, err) == (0, "")
    assert [(r["milestone"], r["to"]) for r in json.loads(out)] == [("1.4@07-31", "done")]
    # Filled differently in both: neither is applied, both rows named.
    r1 = put(shenpi, "1.4@09-30", 完成情况="已完成")
    r2 = put(police, "1.4@09-30", 完成情况="推进中", 进展情况="公安部分已完成")
    code, out, err = run("status", "import", shenpi, police, "--corpus", corpus, "-f", "json")
    assert code == 1 and json.loads(out) == []
    assert err.splitlines() == [
        f"reformctl: error: 台账-{SHENPI}.xlsx: sheet 台账, row {r1}: 1.4@09-30 is also filled "
        f"in differently in 台账-市公安局.xlsx: sheet 台账, row {r2}: neither is applied",
        f"reformctl: error: 台账-市公安局.xlsx: sheet 台账, row {r2}: 1.4@09-30 is also filled "
        f"in differently in 台账-{SHENPI}.xlsx: sheet 台账, row {r1}: neither is applied",
    ]
