"""What the commands say, in both languages, exactly: parse's summary and warnings (the
parser knows no gettext: its warnings carry an English template and parameters, which the
CLI translates), show, status, diff, notify, the calendar and the errors below the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from seedfiles import SEED
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.i18n import set_language
from reformctl.labels import warning_text
from reformctl.model import Warning_, document_from_dict, document_to_dict, warning
from reformctl.parse import parse_text

runner = CliRunner()


def run(lang: str, *args: str) -> object:
    return runner.invoke(app, ["--lang", lang, *args])


# -- parse -------------------------------------------------------------------------------

SUMMARY = {
    "zh": "17个方案，181项措施（另有5个子项），197条责任单位注释，145个时限，51个目标，2条警告",
    "en": "17 plans, 181 measures (+5 sub-items), 197 owner notes, 145 deadlines, 51 targets, "
          "2 warnings",
}
WARNINGS = {
    "zh": ["179: 警告: 时间表述没有具体日期：在省规定时间内 [deadline-unresolved]",
           "217: 警告: 已合并分页处重复的片段“委、市交通运输局)” [page-break-repeat]"],
    "en": ["179: warning: time phrase without a date: 在省规定时间内 [deadline-unresolved]",
           "217: warning: joined a fragment repeated at a page break: '委、市交通运输局)' "
           "[page-break-repeat]"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_parse_summary_and_warnings_in_both_languages(tmp_path: Path, lang: str) -> None:
    source = tmp_path / "seed.txt"
    shutil.copy(SEED, source)
    out = tmp_path / "seed.yaml"
    result = run(lang, "parse", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{source}: {SUMMARY[lang]} -> {out}\n"
    assert result.stderr == "".join(f"{source}:{w}\n" for w in WARNINGS[lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folder_parse_says_the_same_words(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED, folder / name)
    result = run(lang, "parse", str(folder), "-o", str(tmp_path / "out") + "/")
    assert result.exit_code == 0, result.output
    lines = sorted(result.stdout.splitlines())
    assert lines == [f"{folder / n}: {SUMMARY[lang]} -> {tmp_path / 'out' / n[0]}.yaml"
                     for n in ("a.txt", "b.txt")]
    assert sorted(result.stderr.splitlines()) == sorted(
        f"{folder / n}:{w}" for n in ("a.txt", "b.txt") for w in WARNINGS[lang])


def test_one_plan_one_measure_reads_singular(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("泰安市优化营商环境创新突破行动 配套措施—开办企业\n\n"
                      "1. 推进电子证照全面应用。9月底前,实现电子营业执照在开办企业各环节全面应用。"
                      "(牵头部门:市行政审批服务局)\n", encoding="utf-8")
    result = run("en", "parse", str(source), "-o", "-", "-q", "--year", "2021")
    assert result.exit_code == 0
    assert result.stderr == (f"{source}: 1 plan, 1 measure, 1 owner note, 1 deadline, "
                             "0 targets, 0 warnings -> stdout\n")


def test_a_warning_keeps_its_english_message_and_template() -> None:
    w = warning(12, "numbering-gap", "expected item {expected}, found {found}",
                expected=3, found=5)
    assert (w.message, w.template, w.params) == (
        "expected item 3, found 5", "expected item {expected}, found {found}",
        (("expected", 3), ("found", 5)))
    set_language("zh")
    assert warning_text(w) == "编号应为 3，实为 5"
    set_language("en")
    assert warning_text(w) == "expected item 3, found 5"


def test_the_yaml_keeps_the_english_message_only() -> None:
    """The parsed YAML is the same whoever parses it in whatever language: warnings[].message
    is English; a warning read back carries no template and is shown as its message."""
    doc = parse_text(SEED.read_text(encoding="utf-8"))
    set_language("zh")
    data = document_to_dict(doc)
    assert data["warnings"][0] == {"line": 179, "code": "deadline-unresolved",
                                   "message": "time phrase without a date: 在省规定时间内"}
    back = document_from_dict(data).warnings[0]
    assert back == Warning_(179, "deadline-unresolved",
                            "time phrase without a date: 在省规定时间内")
    assert warning_text(back) == "time phrase without a date: 在省规定时间内"
