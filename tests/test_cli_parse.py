"""`reformctl parse`, `validate`, `list`, `show` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml
from seedfiles import ROOT, SEED, SEED_YAML
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()


def test_parse_writes_yaml_into_the_corpus_and_summarises(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    result = runner.invoke(app, ["parse", str(SEED), "--corpus", str(folder)])
    assert result.exit_code == 0, result.output
    written = folder / "000_675e6135523c2031.yaml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert len(data["plans"]) == 17
    assert "17 plans, 181 measures (+5 sub-items)" in result.stdout
    assert f":{217}: warning: joined a fragment" in result.stderr


def test_parse_to_stdout_as_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(SEED), "-o", "-", "--format", "json", "-q"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["document"]["year"] == 2021
    assert data["plans"][2]["measures"][7]["responsible"] == ["国网泰安供电公司"]
    assert "181 measures" in result.stderr  # the summary moves to stderr


def test_parse_year_override(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(SEED), "-o", "-", "--year", "2022", "-q"])
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["document"]["year"] == 2022
    assert data["plans"][0]["measures"][1]["deadlines"][0]["date"] == "2022-09-30"


def test_shipped_yaml_is_the_current_parse() -> None:
    result = runner.invoke(app, ["parse", str(SEED.relative_to(ROOT)), "-o", "-", "-q"])
    shipped = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))
    fresh = yaml.safe_load(result.stdout)
    assert fresh["plans"] == shipped["plans"], "run `make corpus` after a parser change"


def test_validate_accepts_the_shipped_files() -> None:
    result = runner.invoke(app, ["validate", str(SEED_YAML), str(ROOT / "corpus/departments.yaml")])
    assert result.exit_code == 0
    assert "valid document" in result.stdout and "valid department registry" in result.stdout


def test_validate_names_path_and_line_of_each_problem(tmp_path: Path) -> None:
    text = SEED_YAML.read_text(encoding="utf-8")
    broken = text.replace("date: '2021-09-30'", "date: 30 September", 1)
    broken = broken.replace("  - id: '1.3'", "  - id: three", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "at /plans/0/measures/1/deadlines/0/date" in result.stderr
    bad_id_line = broken.splitlines().index("  - id: three") + 1
    assert any(f"broken.yaml:{bad_id_line}: at /plans/0/measures/2/id" in ln for ln in lines)


def test_list_filters_and_formats(corpus: Path) -> None:
    result = runner.invoke(
        app, ["list", "--corpus", str(corpus), "--plan", "获得电力", "--format", "json"]
    )
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == [f"3.{n}" for n in range(1, 9)]
    assert records[7]["due"] == "2021-07-31"
    by_dept = runner.invoke(
        app, ["list", "-c", str(corpus), "--dept", "国网泰安供电公司", "-f", "csv"]
    )
    ids = [row["id"] for row in csv.DictReader(io.StringIO(by_dept.stdout))]
    assert ids == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "4.5"]
    grep = runner.invoke(app, ["list", "-c", str(corpus), "--grep", "电子印章", "-f", "json"])
    assert {r["id"] for r in json.loads(grep.stdout)} >= {"1.3", "12.7"}


def test_list_table_for_humans(corpus: Path) -> None:
    result = runner.invoke(app, ["list", "-c", str(corpus), "--plan", "3"])
    assert result.exit_code == 0
    assert "提升不停电作业能力" in result.stdout and "8 measures" in result.stdout


def test_show_one_measure_with_source_lines(corpus: Path) -> None:
    result = runner.invoke(app, ["show", "14.10.2", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "lead:        市交通运输局" in result.stdout
    assert "  461  " in result.stdout  # the source line, numbered


def test_show_unknown_id_is_a_usage_error(corpus: Path) -> None:
    result = runner.invoke(app, ["show", "99.1", "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "99.1" in result.stderr


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from typer.main import get_command

    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        assert f"reformctl {name}" in readme, name


def test_help_lists_each_command_as_its_built_command_says() -> None:
    """--help summarises the commands from typer's records without building their options;
    the words are those of the built commands, in both languages."""
    import typer.main

    from reformctl.i18n import set_language

    try:
        for lang in ("en", "zh"):
            set_language(lang)
            unbuilt = typer.main.get_command(app)
            built = typer.main.get_command(app)
            commands = dict(built.commands.items())  # type: ignore[attr-defined]
            assert list(commands) == unbuilt.list_commands(None)  # type: ignore[arg-type]
            for name in commands:
                summary = unbuilt.command_summary(None, name)  # type: ignore[attr-defined]
                assert summary == built.command_summary(None, name), (lang, name)  # type: ignore[attr-defined]
                assert lang == "en" or any("\u4e00" <= c <= "\u9fff" for c in summary), name
            assert not unbuilt.table.is_built("due")  # type: ignore[attr-defined]
    finally:
        set_language("en")


def test_parse_an_empty_folder_is_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "incoming"
    empty.mkdir()
    result = runner.invoke(app, ["parse", str(empty), "--corpus", str(tmp_path / "c")])
    assert result.exit_code == 2
    assert result.stderr == f"reformctl: error: {empty}: no source documents here (.txt, .docx, .pdf, .html)\n"


def test_validate_a_source_document_says_to_parse_it() -> None:
    result = runner.invoke(app, ["validate", str(SEED)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "run `reformctl parse` on it" in result.stderr


def test_an_empty_corpus_is_said_once_on_stderr(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--corpus", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == (f"reformctl: warning: no parsed documents in {tmp_path} "
                             "(run `reformctl parse` on a source first)\n")
