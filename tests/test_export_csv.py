"""`reformctl export --format csv`: UTF-8 with BOM, formulas neutralized, read back with csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from seedfiles import SEED_YAML
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.export.csv_export import neutralize

runner = CliRunner()


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def export_csv(corpus: Path, tmp_path: Path, *extra: str) -> list[dict[str, str]]:
    out = tmp_path / "ledger.csv"
    result = runner.invoke(app, ["export", "-o", str(out), "--corpus", str(corpus),
                                 "--as-of", "2021-10-01", *extra])
    assert result.exit_code == 0, result.output
    return read_csv(out)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("市公安局", "市公安局"),
        ("9月底前 (2021-09-30)", "9月底前 (2021-09-30)"),
        ("2021-09-30", "2021-09-30"),
        ("", ""),
    ],
)
def test_neutralize(cell: str, expected: str) -> None:
    assert neutralize(cell) == expected


def test_csv_rows_chinese_and_bom(corpus: Path, tmp_path: Path) -> None:
    rows = export_csv(corpus, tmp_path)
    assert len(rows) == 186
    assert list(rows[0])[:5] == ["id", "plan", "plan_title", "number", "title"]
    first = rows[0]
    assert first["id"] == "1.1" and first["plan_title"] == "开办企业"
    assert first["title"] == "推行“1545”企业开办模式"
    assert first["lead"] == "市行政审批服务局"
    by_id = {r["id"]: r for r in rows}
    assert by_id["1.4"]["first_due"] == "2021-07-31"
    assert by_id["1.4"]["due"] == "2021-09-30"
    assert by_id["1.4"]["days_late"] == "62"
    assert by_id["1.1"]["days_late"] == ""
    assert (tmp_path / "ledger.csv").read_bytes().count(b"\r\n") == 187


def test_formulas_in_the_data_are_neutralized(corpus: Path, tmp_path: Path) -> None:
    path = corpus / SEED_YAML.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    m = data["plans"][0]["measures"][0]
    m["title"] = "=cmd|'/C calc'!A0"
    m["owners"][0]["lead"] = ["@SUM(1)"]
    data["plans"][0]["measures"][1]["title"] = "-1 元"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rows = export_csv(corpus, tmp_path)
    assert rows[0]["title"] == "'=cmd|'/C calc'!A0"
    assert rows[0]["lead"] == "'@SUM(1)"
    assert rows[1]["title"] == "'-1 元"
    assert rows[2]["title"] == "推行电子印章与电子营业执照同步发放"


def test_csv_to_stdout_and_status_filter(corpus: Path, tmp_path: Path) -> None:
    (corpus / "status.yaml").write_text(
        "entries:\n"
        "  - {document: 000_675e6135523c2031, id: '3.8', status: in-progress, date: null,"
        " note: '', updated: '2021-09-01T10:00:00+08:00'}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["export", "-f", "csv", "--corpus", str(corpus),
                                 "--status", "in-progress"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert [(r["id"], r["status"]) for r in rows] == [("3.8", "in-progress")]
    bad = runner.invoke(app, ["export", "-f", "csv", "--corpus", str(corpus), "--status", "x"])
    assert bad.exit_code == 2
    assert "--status must be one of" in bad.stderr
