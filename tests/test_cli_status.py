"""`reformctl status` with milestones (1.4@07-31), progress notes, --by and --history."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.schema import schema_issues

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_a_measure_shows_one_row_per_milestone(corpus: Path) -> None:
    code, out, err = run("status", "1.4", "--corpus", corpus, "-f", "json")
    assert (code, err) == (0, "")
    assert [(r["milestone"], r["status"]) for r in json.loads(out)] == [
        ("1.4@07-31", "open"), ("1.4@09-30", "open")]
    # A measure without a dated deadline is its own row.
    code, out, _ = run("status", "1.1", "--corpus", corpus, "-f", "json")
    assert code == 0 and [r["milestone"] for r in json.loads(out)] == ["1.1"]


def test_milestone_progress_history_and_the_file(corpus: Path) -> None:
    code, out, err = run("status", "1.4@07-31", "done", "--date", "2021-07-30", "--by", "王敏",
                         "--corpus", corpus)
    assert (code, err) == (0, "")
    assert out.startswith("1.4@07-31 实现企业开办事项分时分次办理: done on 2021-07-30")
    code, out, err = run("status", "1.4", "in-progress", "--note", "已完成系统对接，待验收",
                         "--by", "李强", "--as-of", "2021-08-02", "--corpus", corpus)
    assert (code, err) == (0, "")
    # Progress on the measure leaves the milestone already done as it is.
    code, out, _ = run("status", "1.4", "--corpus", corpus, "-f", "json")
    rows = {r["milestone"]: r for r in json.loads(out)}
    assert rows["1.4@07-31"]["status"] == "done"
    assert rows["1.4@09-30"]["status"] == "in-progress"
    assert rows["1.4@09-30"]["note"] == "已完成系统对接，待验收"
    # The same again changes nothing and says so.
    code, out, _ = run("status", "1.4@07-31", "done", "--date", "2021-07-30", "--corpus", corpus)
    assert code == 0 and "nothing changed" in out
    code, out, err = run("status", "1.4", "--history", "--corpus", corpus, "-f", "json")
    assert (code, err) == (0, "")
    events = json.loads(out)
    # (in time order; these two may fall in the same second, so compared as a set)
    assert {(e["target"], e["by"], e["from"], e["to"], e["note"]) for e in events} == {
        ("1.4@07-31", "王敏", "open", "done", ""),
        ("1.4", "李强", "open", "in-progress", "已完成系统对接，待验收"),
    }
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    code, out, _ = run("status", "1.4", "--history", "--corpus", corpus)
    assert "open → in progress" in out and "李强" in out
    # The file is the history, valid by its schema, and hand-readable.
    text = (corpus / "status.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert schema_issues(data, "status", text) == []
    assert data["version"] == 2
    july = next(e for e in data["entries"] if e.get("milestone") == "2021-07-31")
    assert july["history"][0]["by"] == "王敏"
    assert run("validate", corpus / "status.yaml")[0] == 0


def test_a_milestone_of_another_year_carries_its_year(corpus: Path, tmp_path: Path) -> None:
    path = corpus / "000_675e6135523c2031.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # 1.4's September milestone moved to June of the next year, and one more in June.
    m = next(m for p in data["plans"] for m in p["measures"] if m["id"] == "1.4")
    m["deadlines"][1].update(date="2022-06-30", raw="2022年6月底前")
    m["deadlines"].append(copy.deepcopy(m["deadlines"][0]) | {"date": "2021-06-30", "raw": "6月底前"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = run("status", "1.4", "--corpus", corpus, "-f", "json")
    assert (code, err) == (0, "")
    assert [r["milestone"] for r in json.loads(out)] == [
        "1.4@06-30", "1.4@07-31", "1.4@2022-06-30"]
    # 06-30 is the plan year's; the other June 30 needs its year.
    assert run("status", "1.4@06-30", "done", "--corpus", corpus)[0] == 0
    code, out, _ = run("status", "1.4@2022-06-30", "--corpus", corpus, "-f", "json")
    assert json.loads(out)[0]["status"] == "open"


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("1.4@08-31", "its milestones: 1.4@07-31, 1.4@09-30"),
        ("1.4@July", "MEASURE@MM-DD"),
        ("1.1@06-30", "none: it has no dated deadline"),
        ("99.1@06-30", "no measure with id '99.1'"),
    ],
)
def test_bad_milestone_ids_are_one_line(corpus: Path, target: str, fragment: str) -> None:
    code, out, err = run("status", target, "done", "--corpus", corpus)
    assert code == 2 and out == ""
    assert fragment in err and err.count("\n") == 1


def test_history_of_an_old_ledger_entry(corpus: Path) -> None:
    (corpus / "status.yaml").write_text(
        "entries:\n  - {document: 000_675e6135523c2031, id: '3.8', status: done, "
        "date: '2021-07-30', note: 验收通过, updated: '2021-08-01T09:00:00+08:00'}\n",
        encoding="utf-8")
    code, out, err = run("status", "3.8", "--history", "--corpus", corpus, "-f", "json")
    assert (code, err) == (0, "")
    assert [(e["from"], e["to"], e["note"]) for e in json.loads(out)] == [("", "done", "验收通过")]
    # The next change keeps that first event and adds its own.
    run("status", "3.8", "reopen", "--by", "王敏", "--corpus", corpus)
    code, out, _ = run("status", "3.8", "--history", "--corpus", corpus, "-f", "json")
    assert [(e["from"], e["to"]) for e in json.loads(out)] == [("", "done"), ("done", "open")]


def test_ledger_workbook_and_report_show_the_latest_progress(corpus: Path,
                                                            tmp_path: Path) -> None:
    import openpyxl

    from reformctl.audit.ledger import load_ledger

    run("status", "1.4@07-31", "done", "--date", "2021-07-30", "--corpus", corpus)
    run("status", "1.4@09-30", "in-progress", "--note", "已完成系统对接，待验收", "--corpus", corpus)
    noted = next(e for e in load_ledger(corpus).entries if e.note).progress_at[:10]
    out = tmp_path / "ledger.xlsx"
    assert run("export", "-o", out, "--as-of", "2021-10-01", "--corpus", corpus)[0] == 0
    ws = openpyxl.load_workbook(out)["Ledger"]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "1.4")
    assert ws.cell(row, col["Status"]).value == "in progress"  # one milestone done of two
    assert ws.cell(row, col["Milestones"]).value == "1.4@07-31 done; 1.4@09-30 in progress"
    assert ws.cell(row, col["Progress"]).value == "已完成系统对接，待验收"
    assert ws.cell(row, col["Progress date"]).value.date().isoformat() == noted
    page = tmp_path / "report.html"
    assert run("report", "-o", page, "--no-overlap", "--as-of", "2021-10-01",
               "--corpus", corpus)[0] == 0
    html = page.read_text(encoding="utf-8")
    assert ('<tr class="late"><td>1.4@09-30</td>' in html
            and f"已完成系统对接，待验收 <span class=\"muted\">({noted})</span>" in html)
