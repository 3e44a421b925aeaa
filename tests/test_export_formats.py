"""`reformctl export` as md, json and yaml: the same ledger rows in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()


def run(corpus: Path, *args: str) -> str:
    result = runner.invoke(app, ["export", "--corpus", str(corpus), "--as-of", "2021-10-01",
                                 *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def test_markdown_has_a_table_per_plan(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.md"
    run(corpus, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 泰安市优化营商环境创新突破行动配套措施\n")
    assert "As of 2021-10-01: 186 measures, 96 overdue." in text
    headings = re.findall(r"^## (\d+) (.+)$", text, flags=re.M)
    assert len(headings) == 17
    assert headings[0] == ("1", "开办企业") and headings[2] == ("3", "获得电力")
    assert text.count("| ID | Title | Deadlines |") == 17
    rows = [line for line in text.splitlines() if re.match(r"^\| \d+\.\d+", line)]
    assert len(rows) == 186
    row = next(line for line in rows if line.startswith("| 1.2 |"))
    assert row == ("| 1.2 | 推进电子证照全面应用 | 9月底前 (2021-09-30) | 市行政审批服务局、"
                   "市公安局、市智慧城市服务中心 | 市人力资源社会保障局、市市场监管局、市医保局、"
                   "市公积金中心、市税务局、人行泰安市中心支行 | open | **1 day late** |")


def test_json_and_yaml_carry_the_full_records(corpus: Path) -> None:
    records = json.loads(run(corpus, "-f", "json"))
    assert len(records) == 186
    by_id = {r["id"]: r for r in records}
    assert by_id["3.8"]["responsible"] == ["国网泰安供电公司"]
    assert by_id["1.4"]["due"] == "2021-09-30"
    assert by_id["1.4"]["days_late"] == 62
    assert by_id["14.10.2"]["lead"] == ["市交通运输局"]
    assert yaml.safe_load(run(corpus, "-f", "yaml", "--plan", "3")) == [
        r for r in records if r["plan"] == 3
    ]


def test_export_writes_atomically_and_keeps_other_files(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "keep.json"
    out.write_text("old", encoding="utf-8")
    bad = runner.invoke(app, ["export", "-o", str(out), "--corpus", str(tmp_path / "nope")])
    assert bad.exit_code == 2
    assert bad.stderr.count("\n") == 1 and "corpus not found" in bad.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "keep.json"]


def test_export_help_names_every_format() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    for fmt in ("xlsx", "csv", "json", "yaml", "md", "ics"):
        assert fmt in result.stdout
