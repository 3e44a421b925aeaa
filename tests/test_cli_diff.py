"""`reformctl diff` as a user runs it: formats, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seed_versions import SEED_TEXT, delete_2_5, edited, postpone_2_3
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.corpus import save_document
from reformctl.parse import parse_text

runner = CliRunner()


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("versions")
    old_txt = folder / "old.txt"
    old_txt.write_text(SEED_TEXT, encoding="utf-8")
    new_txt = folder / "new.txt"
    new_txt.write_text(edited(delete_2_5, postpone_2_3), encoding="utf-8")
    old_yaml = folder / "old.yaml"
    save_document(parse_text(SEED_TEXT, source=str(old_txt)), old_yaml)
    return {"old.txt": old_txt, "new.txt": new_txt, "old.yaml": old_yaml, "dir": folder}


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_identical_exits_0_quietly(versions: dict[str, Path]) -> None:
    code, out, err = run("diff", versions["old.yaml"], versions["old.txt"], "-f", "json",
                         "--corpus", versions["dir"])
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert data["identical"] is True
    assert data["changes"] == []


def test_identical_table_says_so(versions: dict[str, Path]) -> None:
    code, out, err = run("diff", versions["old.txt"], versions["old.yaml"],
                         "--corpus", versions["dir"])
    assert code == 0
    assert out == (f"{versions['old.txt']} → {versions['old.yaml']}: 0 added, 0 removed, "
                   "0 changed, 0 renumbered, 0 deadlines postponed\n")
    assert err == ""


def test_changes_exit_1_with_json_records(versions: dict[str, Path]) -> None:
    code, out, err = run("diff", versions["old.yaml"], versions["new.txt"], "--format", "json",
                         "--corpus", versions["dir"])
    assert code == 1
    assert err == ""
    data = json.loads(out)
    assert data["summary"]["removed"] == 1
    assert data["summary"]["renumbered"] == 19
    assert data["summary"]["changed"] == 1
    assert data["summary"]["deadlines_postponed"] == 1
    kinds = [(c["kind"], c["old_id"], c["new_id"]) for c in data["changes"]]
    assert kinds[:3] == [("changed", "2.3", "2.3"), ("removed", "2.5", None),
                         ("renumbered", "2.6", "2.5")]
    assert len(kinds) == 21
    assert all(c["key"] for c in data["changes"])
    assert data["changes"][0]["details"] == (
        "deadline 6月中旬前 → 9月底前 (postponed 102 days); "
        "text: 简化排水接入。[-6月中旬-]{+9月底+}前,制定优化排水…"
    )


def test_table_shows_the_summary(versions: dict[str, Path]) -> None:
    code, out, _ = run("diff", versions["old.txt"], versions["new.txt"],
                       "--corpus", versions["dir"])
    assert code == 1
    assert "0 added, 1 removed, 1 changed, 19 renumbered, 1 deadline postponed" in out
    assert "renumbered" in out and "2.24" in out


def test_markdown(versions: dict[str, Path]) -> None:
    code, out, _ = run("diff", versions["old.txt"], versions["new.txt"], "-f", "md",
                       "--corpus", versions["dir"])
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (f"**{versions['old.txt']} → {versions['new.txt']}**: 0 added, "
                        "1 removed, 1 changed, 19 renumbered, 1 deadline postponed")
    assert lines[2] == "| Change | Old | New | Title | Details |"
    assert lines[4].startswith("| changed | 2.3 | 2.3 | 简化排水接入 | deadline 6月中旬前 → 9月底前")
    assert len(lines) == 4 + 21


def test_missing_file_is_bad_input(versions: dict[str, Path]) -> None:
    code, out, err = run("diff", versions["dir"] / "nope.txt", versions["old.txt"])
    assert code == 2
    assert out == ""
    assert err == f"reformctl: error: {versions['dir'] / 'nope.txt'}: no such file\n"


def test_yaml_that_is_not_a_document_is_bad_input(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("just: a mapping\n", encoding="utf-8")
    code, _, err = run("diff", other, other)
    assert code == 2
    assert err.startswith("reformctl: error: ") and "not a reformctl document" in err
    assert err.count("\n") == 1


def test_text_without_measures_is_bad_input(tmp_path: Path, versions: dict[str, Path]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("关于做好有关工作的通知\n\n请各单位认真落实。\n", encoding="utf-8")
    code, _, err = run("diff", versions["old.txt"], empty, "--corpus", versions["dir"])
    assert code == 2
    assert err == f"reformctl: error: {empty}: no numbered measures found: nothing to compare\n"


def test_unknown_format_is_bad_usage(versions: dict[str, Path]) -> None:
    code, _, err = run("diff", versions["old.txt"], versions["new.txt"], "-f", "xml")
    assert code == 2
    assert "--format must be one of" in err


def test_help_has_an_example() -> None:
    code, out, _ = run("diff", "--help")
    assert code == 0
    assert "Example: reformctl diff" in out
