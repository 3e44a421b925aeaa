"""--dept a person can rely on: a canonical name, an alias or a unique part; an ambiguous part
lists the candidates; nothing matching is exit 2 with the closest names — never a silent
"Nothing due" for a typo in a cron job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.corpus import load_corpus
from reformctl.errors import UsageError
from reformctl.registry import registry_for_folder
from reformctl.select import resolve_department

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("query", "means"),
    [
        ("市财政局", "市财政局"),  # canonical
        ("财政局", "市财政局"),  # the name's tail
        ("人社局", "市人力资源社会保障局"),  # the tail of the alias 市人社局
        ("市人社局", "市人力资源社会保障局"),  # alias
        ("国家税务总局泰安市税务局", "市税务局"),  # alias
        ("供电公司", "国网泰安供电公司"),  # a part that reads as a department
        ("发改委", "市发展改革委"),
    ],
)
def test_a_name_an_alias_or_a_unique_part(corpus: Path, query: str, means: str) -> None:
    loaded = load_corpus(corpus)
    assert resolve_department(query, loaded, registry_for_folder(corpus)) == {means}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("市财政", "no department matches '市财政'; did you mean 市财政局?"),
        ("交警", "no department matches '交警'; did you mean 市公安交警支队?"),
        ("不存在局", "no department matches '不存在局' (`reformctl depts` lists them)"),
    ],
)
def test_no_match_names_the_closest(corpus: Path, query: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_department(query, load_corpus(corpus), registry_for_folder(corpus))
    assert str(caught.value) == message


def test_an_ambiguous_part_lists_the_candidates(corpus: Path) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_department("服务中心", load_corpus(corpus), registry_for_folder(corpus))
    message = str(caught.value)
    assert message.startswith("department '服务中心' is ambiguous: ")
    assert "市智慧城市服务中心" in message and message.endswith("; give more of the name")


def test_due_with_a_part_finds_what_the_full_name_finds(corpus: Path) -> None:
    args = ["due", "--month", "9", "--as-of", "2021-10-01", "--corpus", str(corpus), "-f", "json"]
    full = json.loads(run(*args, "--dept", "市人力资源社会保障局")[1])
    part = json.loads(run(*args, "--dept", "人社局")[1])
    assert full and part == full


@pytest.mark.parametrize("command", [["due", "--month", "9"], ["list"], ["audit"], ["depts"],
                                     ["notify", "--dry-run"], ["export", "-f", "csv"]])
def test_every_dept_option_fails_loudly_on_a_typo(corpus: Path, command: list[str]) -> None:
    code, out, err = run(*command, "--dept", "市财政", "--corpus", corpus)
    assert (code, out) == (2, "")
    assert err == "reformctl: error: no department matches '市财政'; did you mean 市财政局?\n"


def test_the_error_in_chinese(corpus: Path) -> None:
    code, out, err = run("--lang", "zh", "list", "--dept", "市财政", "--corpus", corpus)
    assert (code, err) == (2, "reformctl: 错误: 没有与“市财政”匹配的单位；是不是指 市财政局？\n")


def test_a_recipients_key_that_matches_no_department_is_an_error(corpus: Path) -> None:
    (corpus / "recipients.yaml").write_text("市财政: czj@example.gov.cn\n人社局: rsj@example.gov.cn\n",
                                            encoding="utf-8")
    code, out, err = run("notify", "--dry-run", "--as-of", "2021-10-01", "--corpus", corpus)
    assert code == 2
    assert err == (f"reformctl: error: {corpus / 'recipients.yaml'}: no department matches "
                   "'市财政'; did you mean 市财政局?\n")
    (corpus / "recipients.yaml").write_text("财政局: czj@example.gov.cn\n人社局: rsj@example.gov.cn\n",
                                            encoding="utf-8")
    code, out, err = run("notify", "--dry-run", "--as-of", "2021-10-01", "--corpus", corpus,
                         "-f", "json")
    assert code in (0, 1), err
    to = {r["department"]: r["to"] for r in json.loads(out)}
    assert to["市财政局"] == ["czj@example.gov.cn"]
    assert to["市人力资源社会保障局"] == ["rsj@example.gov.cn"]
