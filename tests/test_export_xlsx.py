"""`reformctl export --format xlsx`: the Excel ledger, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from seedfiles import AS_OF, SEED_YAML, seed_measures
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()


def by_dates(m: dict[str, Any]) -> list[date]:
    return [date.fromisoformat(d["date"]) for d in m["deadlines"]
            if d["kind"] == "by" and d["date"]]


def late_ids(as_of: date = AS_OF) -> set[str]:
    return {m["id"] for m in seed_measures() if any(d < as_of for d in by_dates(m))}


def export(corpus: Path, tmp_path: Path, *extra: str) -> Any:
    out = tmp_path / "ledger.xlsx"
    result = runner.invoke(app, ["export", "-o", str(out), "--corpus", str(corpus),
                                 "--as-of", AS_OF.isoformat(), *extra])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    return openpyxl.load_workbook(out)


def header_index(ws: Any) -> dict[str, int]:
    return {c.value: c.column for c in ws[1]}


def test_one_row_per_measure_and_sub_item_in_order(corpus: Path, tmp_path: Path) -> None:
    wb = export(corpus, tmp_path)
    assert wb.sheetnames[:2] == ["Ledger", "Department summary"]
    ws = wb["Ledger"]
    measures = seed_measures()
    assert len(measures) == 186
    assert ws.max_row == len(measures) + 1
    col = header_index(ws)
    ids = [ws.cell(row=r, column=col["ID"]).value for r in range(2, ws.max_row + 1)]
    assert ids == [m["id"] for m in measures]
    assert "14.10.2" in ids
    row = ids.index("3.8") + 2
    assert ws.cell(row=row, column=col["Responsible"]).value == "国网泰安供电公司"
    assert ws.cell(row=row, column=col["Plan title"]).value == "获得电力"


def test_deadlines_are_real_excel_dates(corpus: Path, tmp_path: Path) -> None:
    ws = export(corpus, tmp_path)["Ledger"]
    col = header_index(ws)
    checked = 0
    for r, m in enumerate(seed_measures(), start=2):
        due = ws.cell(row=r, column=col["Due by"])
        first = ws.cell(row=r, column=col["First due"])
        dates = by_dates(m)
        if not dates:
            assert due.value is None and first.value is None
            continue
        assert isinstance(due.value, datetime) and due.is_date
        assert due.value.date() == max(dates)
        assert first.value.date() == min(dates)
        assert "yy" in due.number_format
        checked += 1
    assert checked > 100
    row = [m["id"] for m in seed_measures()].index("1.4") + 2
    assert ws.cell(row=row, column=col["Deadlines"]).value == (
        "7月底前 (2021-07-31); 9月底前 (2021-09-30)")


def test_frozen_header_filter_and_widths_for_chinese(corpus: Path, tmp_path: Path) -> None:
    ws = export(corpus, tmp_path)["Ledger"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:S{ws.max_row}"
    assert ws["A1"].font.bold
    col = header_index(ws)
    letter = {name: ws.cell(row=1, column=c).column_letter for name, c in col.items()}
    # "开办企业" is 4 characters but 8 columns wide; "ID" values like "14.10.2" are narrow.
    assert ws.column_dimensions[letter["Plan title"]].width >= 2 * len("工程建设项目审批制度改革")
    assert ws.column_dimensions[letter["ID"]].width < 12
    assert ws.column_dimensions[letter["Title"]].width == 60  # capped, wrapped
    assert ws.cell(row=2, column=col["Title"]).alignment.wrap_text


def test_overdue_rows_are_highlighted(corpus: Path, tmp_path: Path) -> None:
    ws = export(corpus, tmp_path)["Ledger"]
    col = header_index(ws)
    highlighted, days = set(), {}
    for r in range(2, ws.max_row + 1):
        rid = ws.cell(row=r, column=col["ID"]).value
        fills = {ws.cell(row=r, column=c).fill.start_color.rgb for c in range(1, ws.max_column + 1)}
        if fills == {"00FFC7CE"}:
            highlighted.add(rid)
            days[rid] = ws.cell(row=r, column=col["Days late"]).value
        else:
            assert ws.cell(row=r, column=col["Days late"]).value is None
    expected = late_ids()
    assert highlighted == expected
    assert len(expected) == 96
    assert days["2.1"] == 103  # 6月中旬前 → 2021-06-20, 103 days before 2021-10-01
    assert days["1.2"] == 1  # 9月底前: late from 2021-10-01


def test_department_summary_sheet(corpus: Path, tmp_path: Path) -> None:
    ws = export(corpus, tmp_path)["Department summary"]
    assert [c.value for c in ws[1]] == ["Department", "Lead", "Responsible", "Total",
                                        "With date", "Overdue", "Done"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    name = "市行政审批服务局"
    lead = sum(name in m["lead"] for m in seed_measures())
    resp = sum(name in m["responsible"] and name not in m["lead"] for m in seed_measures())
    late = sum(name in m["lead"] + m["responsible"] and m["id"] in late_ids()
               for m in seed_measures())
    assert rows[name][1:4] == (lead, resp, lead + resp)
    assert rows[name][5] == late
    assert next(iter(rows)) == name  # the busiest department first
    assert ws.freeze_panes == "A2"


def test_status_from_the_ledger(corpus: Path, tmp_path: Path) -> None:
    (corpus / "status.yaml").write_text(
        "entries:\n"
        "  - {document: 000_675e6135523c2031, id: '2.1', status: done, date: '2021-06-18',"
        " note: 已完成, updated: '2021-06-18T10:00:00+08:00'}\n",
        encoding="utf-8",
    )
    ws = export(corpus, tmp_path)["Ledger"]
    col = header_index(ws)
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    row = ids.index("2.1") + 2
    assert ws.cell(row=row, column=col["Status"]).value == "done"
    assert ws.cell(row=row, column=col["Progress"]).value == "已完成"
    assert ws.cell(row=row, column=col["Status date"]).value == datetime(2021, 6, 18)
    assert ws.cell(row=row, column=col["Days late"]).value is None  # done is never late
    assert ws.cell(row=row, column=1).fill.start_color.rgb != "00FFC7CE"


def test_filters_plan_dept_status(corpus: Path, tmp_path: Path) -> None:
    ws = export(corpus, tmp_path, "--plan", "3")["Ledger"]
    assert ws.max_row - 1 == sum(m["id"].startswith("3.") for m in seed_measures())
    ws = export(corpus, tmp_path, "--dept", "市人社局", "--overview")["Ledger"]  # an alias
    want = [m["id"] for m in seed_measures()
            if "市人力资源社会保障局" in m["lead"] + m["responsible"]]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == want
    ws = export(corpus, tmp_path, "--status", "done")["Ledger"]
    assert ws.max_row == 1  # header only: nothing is done yet


def test_a_title_that_looks_like_a_formula_stays_text(corpus: Path, tmp_path: Path) -> None:
    path = corpus / SEED_YAML.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["plans"][0]["measures"][0]["title"] = '=HYPERLINK("http://x.example","点击")'
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ws = export(corpus, tmp_path)["Ledger"]
    cell = ws.cell(row=2, column=header_index(ws)["Title"])
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x.example","点击")'


def test_xlsx_needs_a_format_it_knows(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "x.pdf"), "--corpus",
                                 str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.startswith("reformctl: error: give --format")
    assert not (tmp_path / "x.pdf").exists()
