"""`reformctl due`, `audit`, `status` and `depts` as a user (or cron) runs them: output formats,
exact exit codes, quiet success, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from seedfiles import CORPUS, DOC, SEED_YAML, seed_measures
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus folder with the seed's parsed YAML and the registry (never the repo's corpus/)."""
    shutil.copy(SEED_YAML, tmp_path / SEED_YAML.name)
    shutil.copy(CORPUS / "departments.yaml", tmp_path / "departments.yaml")
    return tmp_path


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def raw_by_dates() -> dict[str, set[date]]:
    return {m["id"]: {date.fromisoformat(str(d["date"])) for d in m["deadlines"]
                      if d["kind"] == "by" and d.get("date")} for m in seed_measures()}


# --- due ----------------------------------------------------------------------------------


def test_due_month_9_lists_exactly_the_september_measures(corpus: Path) -> None:
    code, out, err = run("due", "--month", "9", "--as-of", "2021-09-01", "--corpus", corpus,
                         "-f", "json")
    assert (code, err) == (0, "")
    records = json.loads(out)
    expected = {i for i, dates in raw_by_dates().items() if any(d.month == 9 for d in dates)}
    assert {r["id"] for r in records} == expected
    assert all(r["date"].startswith("2021-09-") for r in records)
    assert all(r["days_left"] == 29 and r["days_late"] is None for r in records)
    assert list(records[0]) == ["document", "id", "key", "plan", "plan_title", "title",
                                "deadline", "date", "kind", "lead", "responsible", "status",
                                "days_left", "days_late", "milestone", "note"]
    assert {r["milestone"] for r in records if r["id"] == "1.4"} == {"1.4@09-30"}


def test_due_overdue_for_cron(corpus: Path) -> None:
    expected = {i for i, dates in raw_by_dates().items()
                if any(d <= date(2021, 9, 30) for d in dates)}
    code, out, err = run("due", "--overdue", "--as-of", "2021-10-01", "--corpus", corpus,
                         "--format", "json")
    assert (code, err) == (1, "")
    records = json.loads(out)
    assert {r["id"] for r in records} == expected
    power = [r for r in records if r["id"] == "3.8"]  # 获得电力 #8, 7月底前
    assert [(r["date"], r["days_late"]) for r in power] == [("2021-07-31", 62)]

    code, out, err = run("status", "3.8", "done", "--date", "2021-07-30", "--corpus", corpus)
    assert (code, err) == (0, "")
    code, out, err = run("due", "--overdue", "--as-of", "2021-10-01", "--corpus", corpus,
                         "--format", "json")
    assert (code, err) == (1, "")
    assert {r["id"] for r in json.loads(out)} == expected - {"3.8"}


def test_nothing_overdue_is_exit_0_and_silent(corpus: Path) -> None:
    for fmt in ("json", "yaml", "csv"):
        code, out, err = run("due", "--overdue", "--as-of", "2021-05-01", "--corpus", corpus,
                             "-f", fmt)
        assert (code, err) == (0, ""), fmt
    assert run("due", "--overdue", "--as-of", "2021-05-01", "--corpus", corpus,
               "-f", "json")[1] == "[]\n"


def test_due_table_and_csv(corpus: Path) -> None:
    code, out, err = run("due", "--overdue", "--as-of", "2021-10-01", "--plan", "获得电力",
                         "--corpus", corpus)
    assert (code, err) == (1, "")
    assert "3.8" in out and "62 days late" in out and "2021-07-31" in out
    code, out, _ = run("due", "--within", "10", "--as-of", "2021-09-20", "--corpus", corpus,
                       "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert {r["date"] for r in rows} == {"2021-09-30"}
    assert {r["days_left"] for r in rows} == {"10"}


def test_due_by_dept_understands_aliases(corpus: Path) -> None:
    code, out, _ = run("due", "--month", "9", "--by", "dept", "--dept", "国家税务总局泰安市税务局",
                       "--as-of", "2021-09-01", "--corpus", corpus, "-f", "json")
    records = json.loads(out)
    assert code == 0 and records
    assert {r["group"] for r in records} == {"市税务局"}
    assert all("市税务局" in r["lead"] + r["responsible"] for r in records)


def test_due_by_plan_groups(corpus: Path) -> None:
    code, out, _ = run("due", "--month", "6", "--by", "plan", "--as-of", "2021-06-01",
                       "--corpus", corpus, "-f", "json")
    records = json.loads(out)
    assert code == 0
    assert [r["plan"] for r in records] == sorted(r["plan"] for r in records)
    assert all(r["group"].endswith(r["plan_title"]) for r in records)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--as-of", "2021-13-01"], "--as-of"),
        (["--status", "closed"], "--status"),
        (["--by", "week"], "--by"),
        (["--month", "13"], "--month"),
        (["--format", "xml"], "--format"),
    ],
)
def test_due_bad_usage_is_exit_2_with_one_line(corpus: Path, args: list[str],
                                               fragment: str) -> None:
    code, out, err = run("due", *args, "--corpus", corpus)
    assert code == 2
    assert fragment in err and err.count("\n") == 1
    assert out == ""


def test_broken_status_yaml_is_exit_2_with_file_and_line(corpus: Path) -> None:
    (corpus / "status.yaml").write_text(
        "entries:\n"
        f"  - document: {DOC}\n"
        "    id: '3.8'\n"
        "    status: finished\n",
        encoding="utf-8",
    )
    for args in (["due", "--overdue"], ["audit", "-k", "overdue"], ["status"], ["depts"]):
        code, out, err = run(*args, "--as-of", "2021-10-01", "--corpus", corpus, "-f", "json")
        assert code == 2, args
        assert f"{corpus / 'status.yaml'}:4:" in err
        assert "finished" in err and "Traceback" not in err
        assert out == ""


def test_missing_corpus_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("due", "--corpus", tmp_path / "nowhere")
    assert code == 2 and "corpus not found" in err


# --- audit --------------------------------------------------------------------------------


def test_audit_overdue_fails_at_error(corpus: Path) -> None:
    code, out, err = run("audit", "--check", "overdue", "--as-of", "2021-10-01", "--corpus",
                         corpus, "-f", "json")
    assert (code, err) == (1, "")
    records = json.loads(out)
    assert {r["severity"] for r in records} == {"error"}
    expected = {i for i, dates in raw_by_dates().items()
                if any(d <= date(2021, 9, 30) for d in dates)}
    assert {r["measure"] for r in records} == expected
    assert list(records[0]) == ["check", "severity", "document", "measure", "departments",
                                "message", "details"]


def test_audit_fail_on_levels(corpus: Path) -> None:
    base = ("--as-of", "2021-10-01", "--corpus", corpus, "-f", "json")
    assert run("audit", "-k", "lead-and-responsible", *base)[0] == 0  # warnings only
    assert run("audit", "-k", "lead-and-responsible", "--fail-on", "warning", *base)[0] == 1
    assert run("audit", "-k", "unresolved-deadline", "--fail-on", "warning", *base)[0] == 0
    assert run("audit", "-k", "unresolved-deadline", "--fail-on", "info", *base)[0] == 1
    assert run("audit", "-k", "overdue", "--fail-on", "panic", *base)[0] == 2


def test_audit_nothing_to_report_is_quiet(corpus: Path) -> None:
    code, out, err = run("audit", "-k", "overdue,unknown-department", "--as-of", "2021-05-01",
                         "--corpus", corpus, "-f", "json")
    assert (code, out, err) == (0, "[]\n", "")


def test_audit_overlap_from_the_cli(corpus: Path) -> None:
    code, out, err = run("audit", "-k", "overlap", "--as-of", "2021-10-01", "--corpus", corpus,
                         "-f", "json", "--overlap-threshold", "0.3")
    assert (code, err) == (0, "")  # warnings do not fail the default --fail-on error
    records = json.loads(out)
    pairs = {(r["measure"], r["details"]["other"]) for r in records}
    assert {("5.7", "6.7"), ("1.3", "12.7"), ("11.8", "14.1")} <= pairs
    assert all(r["details"]["score"] >= 0.3 for r in records)
    assert run("audit", "-k", "overlap", "--overlap-threshold", "2", "--corpus", corpus)[0] == 2


def test_audit_dept_filter_and_unknown_check(corpus: Path) -> None:
    code, out, _ = run("audit", "-k", "no-lead", "--dept", "国网泰安供电公司", "--as-of",
                       "2021-10-01", "--corpus", corpus, "-f", "json")
    assert code == 0
    assert {r["measure"] for r in json.loads(out)} == {"3.6", "3.7", "3.8"}
    code, _, err = run("audit", "-k", "overlaps", "--corpus", corpus)
    assert code == 2 and "unknown check 'overlaps'" in err


def test_audit_table_and_list_checks(corpus: Path) -> None:
    code, out, err = run("audit", "--as-of", "2021-10-01", "--corpus", corpus, "-k",
                         "overdue")
    assert (code, err) == (1, "")
    assert "3.8" in out and "error" in out
    code, out, _ = run("audit", "--list-checks", "-f", "json")
    assert code == 0
    assert [r["check"] for r in json.loads(out)] == [
        "overdue", "missing-owner", "no-lead", "multiple-leads", "lead-and-responsible",
        "overlap", "unknown-department", "unresolved-deadline"]


# --- status -------------------------------------------------------------------------------


def test_status_set_show_list_reopen(corpus: Path) -> None:
    code, out, err = run("status", "3.8", "done", "--date", "2021-07-30", "--note", "验收通过",
                         "--corpus", corpus)
    assert (code, err) == (0, "")
    assert "3.8 提升不停电作业能力: done on 2021-07-30" in out
    code, out, _ = run("status", "3.8", "--corpus", corpus, "-f", "json")
    assert code == 0
    [shown] = json.loads(out)
    assert (shown["status"], shown["date"], shown["note"]) == ("done", "2021-07-30", "验收通过")
    run("status", "9.9", "in-progress", "--as-of", "2021-09-01", "--corpus", corpus)
    code, out, _ = run("status", "--corpus", corpus, "-f", "json")
    listed = json.loads(out)
    assert [(r["id"], r["status"], r["date"]) for r in listed] == [
        ("3.8", "done", "2021-07-30"), ("9.9", "in-progress", "2021-09-01")]
    assert all(r["found"] for r in listed)
    code, out, _ = run("status", "3.8", "reopen", "--as-of", "2021-10-02", "--corpus", corpus,
                       "-f", "json")
    assert code == 0 and json.loads(out)[0]["status"] == "open"


def test_status_errors_are_exit_2(corpus: Path) -> None:
    assert run("status", "99.1", "done", "--corpus", corpus)[0] == 2
    code, _, err = run("status", "3.8", "finished", "--corpus", corpus)
    assert code == 2 and "ACTION" in err
    code, _, err = run("status", "3.8", "done", "--date", "30.7.2021", "--corpus", corpus)
    assert code == 2 and "--date" in err
    assert not (corpus / "status.yaml").exists()


def test_status_id_in_two_documents_needs_document(corpus: Path) -> None:
    shutil.copy(SEED_YAML, corpus / "001_second_city.yaml")
    code, _, err = run("status", "3.8", "done", "--corpus", corpus)
    assert code == 2 and "--document" in err and "001_second_city" in err
    code, _, err = run("status", "3.8", "done", "--document", "001_second_city",
                       "--as-of", "2021-09-01", "--corpus", corpus)
    assert (code, err) == (0, "")
    code, out, _ = run("due", "--overdue", "--as-of", "2021-10-01", "--corpus", corpus,
                       "-f", "json")
    late = {(r["document"], r["id"]) for r in json.loads(out)}
    assert (DOC, "3.8") in late and ("001_second_city", "3.8") not in late


def test_empty_ledger_listing(corpus: Path) -> None:
    assert run("status", "--corpus", corpus, "-f", "json")[:2] == (0, "[]\n")
    code, out, _ = run("status", "--corpus", corpus)
    assert code == 0 and "empty" in out


# --- depts --------------------------------------------------------------------------------


def test_depts_json_and_heatmap(corpus: Path) -> None:
    code, out, err = run("depts", "--as-of", "2021-10-01", "--corpus", corpus, "-f", "json")
    assert (code, err) == (0, "")
    records = {r["department"]: r for r in json.loads(out)}
    power = records["国网泰安供电公司"]
    # Leads 3.1, 3.2 (with 市能源局) and 3.5; responsible for 3.3, 3.4, 3.6-3.8 and 4.5.
    assert (power["led"], power["responsible"]) == (3, 6)
    assert power["open"] == 9
    assert power["due_by_month"]["2021-07"] == 1  # 3.8 7月底前 (3.7's 7月底后 is not due)
    assert list(power) == ["department", "led", "responsible", "open", "overdue", "due_by_month"]
    code, out, _ = run("depts", "--as-of", "2021-10-01", "--corpus", corpus, "--dept",
                       "国网泰安供电公司")
    assert code == 0 and "国网泰安供电公司" in out
    assert any(ch in out for ch in "▁▂▃▄▅▆▇█")
    code, out, _ = run("depts", "--as-of", "2021-10-01", "--corpus", corpus, "-f", "csv")
    header = out.splitlines()[0].split(",")
    assert header[:5] == ["department", "led", "responsible", "open", "overdue"]
    assert header[5:] == [f"2021-{m:02d}" for m in range(1, 13)]
    code, out, _ = run("depts", "--as-of", "2021-10-01", "--corpus", corpus, "-f", "tsv")
    assert code == 0  # before: a table
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == header
    assert {len(row) for row in rows} == {17}
    assert [row[3] for row in rows if row[0] == "国网泰安供电公司"] == ["9"]  # open


def test_every_command_has_help() -> None:
    for command in ("due", "audit", "status", "depts"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Example" in out and "--corpus" in out


def test_due_by_dept_keeps_measures_without_owner(corpus: Path) -> None:
    # 14.10 探索推行非现场监管 (9月底前) has no note of its own: its sub-items' leads own it.
    code, out, _ = run("due", "--month", "9", "--by", "dept", "--as-of", "2021-09-01",
                       "--corpus", corpus, "-f", "json")
    records = json.loads(out)
    assert code == 0
    assert not [r for r in records if r["group"] == "(no owner)"]
    assert {r["group"] for r in records if r["id"] == "14.10"} == {
        "市生态环境局", "市交通运输局", "市农业农村局", "市文化和旅游局", "市市场监管局"}
    # A measure that names no department still shows, in a group of its own.
    path = corpus / SEED_YAML.name
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: '14.10'\n")
    owners = text.index("    owners:\n", start)
    deadlines = text.index("    deadlines:\n", owners)
    lead = text.index("    lead:\n", start)
    responsible = text.index("    responsible: []\n", lead)
    text = (text[:lead] + "    lead: []\n" + text[responsible:owners] + "    owners: []\n"
            + text[deadlines:])
    path.write_text(text, encoding="utf-8")
    code, out, _ = run("due", "--month", "9", "--by", "dept", "--as-of", "2021-09-01",
                       "--corpus", corpus, "-f", "json")
    assert [r["id"] for r in json.loads(out) if r["group"] == "(no owner)"] == ["14.10"]


def test_piped_tables_name_the_document_and_cut_nothing(tmp_path: Path) -> None:
    """Two plan documents: ids repeat, so the plain table leads with the document; and the
    responsible list a terminal shortens to "A、B +4" comes whole."""
    for name in ("000_a.yaml", "001_b.yaml"):
        shutil.copy(SEED_YAML, tmp_path / name)
    due = runner.invoke(app, ["due", "--month", "9", "--as-of", "2021-09-01",
                              "--corpus", str(tmp_path)])
    assert due.exit_code == 0, due.output
    lines = due.output.splitlines()
    assert lines[0].split()[:3] == ["Document", "ID", "Title"]
    rows = [line for line in lines if " 1.2 " in line]
    assert [row.split()[0] for row in rows] == ["000_a", "001_b"]
    measure = next(m for m in seed_measures() if m["id"] == "1.2")
    assert len(measure["responsible"]) > 2 and "、".join(measure["responsible"]) in rows[0]
    listed = runner.invoke(app, ["list", "--corpus", str(tmp_path)])
    assert listed.output.splitlines()[0].split()[:2] == ["Document", "ID"]
    single = runner.invoke(app, ["list", "--corpus", str(CORPUS)])
    assert single.output.splitlines()[0].split()[0] == "ID"  # one document: no column


def test_due_names_the_plan_year_of_its_month() -> None:
    result = runner.invoke(app, ["due", "--month", "9", "--as-of", "2021-09-01",
                                 "--corpus", str(CORPUS)])
    assert result.output.splitlines()[-1].startswith(
        "44 milestones of 44 measures due in month 9 of 2021 as of 2021-09-01")


def test_show_picks_one_document_of_several(tmp_path: Path) -> None:
    for name in ("000_a.yaml", "001_b.yaml"):
        shutil.copy(SEED_YAML, tmp_path / name)
    both = runner.invoke(app, ["show", "3.8", "--corpus", str(tmp_path), "--format", "json",
                               "--no-source"])
    assert both.exit_code == 0 and both.output.count('"id": "3.8"') == 2
    one = runner.invoke(app, ["show", "3.8", "--corpus", str(tmp_path), "--document", "001_b",
                              "--format", "json"])
    assert one.exit_code == 0 and json.loads(one.output)["document"] == "001_b"
    missing = runner.invoke(app, ["show", "3.8", "--corpus", str(tmp_path), "--doc", "nope"])
    assert missing.exit_code == 2 and "document 'nope'" in missing.output
