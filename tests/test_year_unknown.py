"""A document that names no plan year: its "9月底前" has no date, and the parse says so
(``year-unknown``) instead of leaving those deadlines out of ``due`` and ``audit`` silently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.parse import parse_text

# A plan in the seed's style whose only years are horizons ("到2025年"): no plan year.
HORIZON_ONLY = (
    "某市优化营商环境行动方案\n"
    "一、重点任务\n"
    "1.推进工程建设项目审批制度改革，9月底前完成流程再造。（牵头单位：市发展改革委）\n"
    "2.到2025年，建成全市统一的政务服务平台。（牵头单位：市政务服务管理局）\n"
    "3.优化不动产登记流程，12月底前实现一窗受理。（牵头单位：市自然资源局）\n"
)


def _undated(doc):  # type: ignore[no-untyped-def]
    return [w for w in doc.warnings if w.code == "year-unknown"]


def test_deadlines_without_a_year_are_named_once() -> None:
    doc = parse_text(HORIZON_ONLY)
    assert doc.document.year is None
    first = doc.plans[0].measures[0].deadlines[0]
    assert (first.raw, first.date) == ("9月底前", None)
    [found] = _undated(doc)
    assert found.line == 3  # the first undated deadline's line
    assert dict(found.params) == {"count": 2, "phrase": "9月底前"}
    assert "--year" in found.message


def test_a_given_year_dates_them_and_nothing_is_said() -> None:
    doc = parse_text(HORIZON_ONLY, year=2024)
    assert doc.plans[0].measures[0].deadlines[0].date == date(2024, 9, 30)
    assert _undated(doc) == []


def test_only_relative_limits_need_no_year() -> None:
    text = ("某市政务服务提速方案\n一、重点任务\n"
            "1.企业开办在3个工作日内办结。（牵头单位：市市场监管局）\n"
            "2.不动产登记5个工作日内办结。（牵头单位：市自然资源局）\n")
    doc = parse_text(text)
    assert doc.document.year is None
    assert [d.kind for m in doc.plans[0].measures for d in m.deadlines] == ["relative", "relative"]
    assert _undated(doc) == []


def test_parse_shows_it_in_the_readers_language(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(HORIZON_ONLY, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["--lang", "zh", "parse", str(source), "-o", str(tmp_path / "p.yaml")])
    assert result.exit_code == 0, result.output
    assert "plan.txt:3:" in result.stderr
    assert "文件未写明计划年份：2 个期限（如“9月底前”）没有日期，请用 --year 指定年份" in result.stderr
