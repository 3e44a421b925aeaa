"""Every column filled in every format, from one record: for each command and format, a cell
is empty only where the record has nothing for it. Plus `parse` into a folder."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from seedfiles import CORPUS
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()
SEED_TXT = CORPUS / "000_675e6135523c2031.txt"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def has(value: Any) -> bool:
    return value not in (None, "", [], ())


# Each shown column and what in the machine record it shows (None: always something).
COMMANDS: dict[str, tuple[list[str], list[tuple[str, Any]]]] = {
    "due": (["due", "--overdue", "--as-of", "2021-10-01"],
            [("ID", "id"), ("Title", "title"), ("Due", "date"),
             ("Days", lambda r: has(r["days_late"]) or has(r["days_left"])),
             ("Status", "status"), ("Lead", "lead"), ("Responsible", "responsible")]),
    "list": (["list"], [("ID", "id"), ("Title", "title"), ("Due", "due"), ("Lead", "lead")]),
    "audit": (["audit", "--as-of", "2021-10-01", "--check", "overdue,missing-owner"],
              [("Severity", "severity"), ("Check", "check"), ("Measure", "measure"),
               ("Message", "message")]),
}


def shown(spec: Any, record: dict[str, Any]) -> bool:
    return spec(record) if callable(spec) else has(record.get(spec))


def records_of(corpus: Path, args: list[str]) -> list[dict[str, Any]]:
    code, out, err = run("--lang", "en", *args, "--corpus", corpus, "-f", "json")
    assert code in (0, 1), err
    records = json.loads(out)
    assert records
    return records


def table_rows(fmt: str, text: str) -> tuple[list[str], list[list[str]]]:
    if fmt == "md":
        lines = [line for line in text.splitlines() if line.startswith("| ")]
        rows = [[c.strip() for c in line.strip("|").split(" | ")] for line in lines]
        return rows[0], rows[2:]
    delimiter = "," if fmt == "csv" else "\t"
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], rows[1:]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("fmt", ["md", "csv", "tsv"])
def test_no_column_is_empty_where_the_record_has_data(corpus: Path, command: str,
                                                      fmt: str) -> None:
    args, columns = COMMANDS[command]
    records = records_of(corpus, args)
    extra = [] if fmt == "md" else ["--headers", "en"]
    code, out, err = run("--lang", "en", *args, "--corpus", corpus, "-f", fmt, *extra)
    assert code in (0, 1), err
    header, rows = table_rows(fmt, out)
    assert header == [name for name, _ in columns]
    assert len(rows) == len(records)
    for record, row in zip(records, rows, strict=True):
        for (name, spec), value in zip(columns, row, strict=True):
            assert bool(value) == shown(spec, record), (command, fmt, name, record)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_plain_table_shows_every_column_too(corpus: Path, command: str) -> None:
    """The piped table (no terminal): a row's cells line up under the headers; a cell is blank
    only where the record has nothing."""
    from unicodedata import east_asian_width

    def width(text: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)

    args, columns = COMMANDS[command]
    records = records_of(corpus, args)
    code, out, _ = run("--lang", "en", *args, "--corpus", corpus)
    lines = out.splitlines()
    lines = lines[next(i for i, line in enumerate(lines) if line.startswith(columns[0][0])):]
    header = lines[0]
    starts = [width(header[: header.index(name)]) for name, _ in columns]
    for record, line in zip(records, lines[1:], strict=False):
        for i, (name, spec) in enumerate(columns):
            # The cell's cells on screen: from this column's start to the next one's.
            cells, pos = "", 0
            for ch in line:
                if starts[i] <= pos < (starts[i + 1] if i + 1 < len(starts) else 10**6):
                    cells += ch
                pos += width(ch)
            assert bool(cells.strip()) == shown(spec, record), (command, name, line)


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_machine_records_have_the_same_keys_in_every_record(corpus: Path, command: str,
                                                            fmt: str) -> None:
    args, _ = COMMANDS[command]
    code, out, _ = run("--lang", "zh", *args, "--corpus", corpus, "-f", fmt)
    records = json.loads(out) if fmt == "json" else yaml.safe_load(out)
    assert records and all(list(r) == list(records[0]) for r in records)
    assert all(k.isascii() for k in records[0])  # field names are an interface


# --- parse into a folder ----------------------------------------------------------------


def test_parse_into_a_folder_keeps_the_documents_name_for_a_new_version(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "000_675e6135523c2031.yaml", corpus)
    new = tmp_path / "v3.txt"
    new.write_text(SEED_TXT.read_text(encoding="utf-8").replace("7月底前", "8月底前", 1),
                   encoding="utf-8")
    code, out, err = run("parse", new, "-o", f"{corpus}/", "-q")
    assert code == 0, err
    assert out.startswith(f"{new}: 17 plans, 181 measures")
    assert f"-> {corpus}/000_675e6135523c2031.yaml" in out
    assert sorted(p.name for p in corpus.iterdir() if not p.name.startswith(".")) == [
        "000_675e6135523c2031.yaml", "history"]


def test_parse_a_folder_takes_only_documents_and_says_what_it_skipped(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED_TXT, src / "plan.txt")
    (src / "README.md").write_text("# 说明\n这里放方案原文。\n", encoding="utf-8")
    (src / "INDEX.txt").write_text("plan.txt 泰安\n", encoding="utf-8")
    (src / "notes.xlsx").write_bytes(b"PK\x03\x04")
    code, out, err = run("--lang", "en", "parse", src, "-o", tmp_path / "out")
    assert code == 0, err
    assert err.startswith("reformctl: warning: skipped 3 files that are no plan documents: "
                          "INDEX.txt, README.md, notes.xlsx\n")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["plan.yaml"]
