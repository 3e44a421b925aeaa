"""Terminal tables made for Chinese: the whole width, names never hidden, the line-break
rules, short titles, highlighting by days late, East Asian widths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.render import (
    NO_LINE_END,
    NO_LINE_START,
    display_width,
    headline,
    plain_table,
    wrap_cjk,
)

runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# 14.10.2's title is the first sentence of its text: 137 characters in the seed.
LONG = ("依托“泰安市重点营运车辆动态信息公共服务平台”,对危险货物道路运输企业监控平台的平台断线率、"
        "数据不合格率、平台查岗响应率等平台运行情况和企业所属车辆的入网率、车辆上线率、车辆在线时长率、"
        "超速车辆率、超速车辆处理率、疲劳驾驶车辆率、疲劳驾驶车辆处理率等车辆运行情况进行网络监管")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # "，" may not start a line: the character before it goes down with it.
        ("推进电子证照全面应用，实现企业开办", 10, ["推进电子证", "照全面应", "用，实现企", "业开办"]),
        # "“" may not end a line: it goes down with what it opens.
        ("推进“互联网", 6, ["推进", "“互联", "网"]),
        # "”，" together: neither may start a line, both go down with the character before.
        ("公共服务平台”，对车辆", 12, ["公共服务平", "台”，对车辆"]),
        # ASCII words and numbers stay whole.
        ("建成5G基站2021个以上", 8, ["建成5G基", "站2021个", "以上"]),
    ],
)
def test_wrap_follows_the_chinese_line_breaking_rules(text: str, width: int,
                                                       lines: list[str]) -> None:
    assert wrap_cjk(text, width) == lines


def test_name_lists_break_between_names() -> None:
    names = "市人力资源社会保障局、市市场监管局、市医保局、市公积金中心"
    assert wrap_cjk(names, 24, names=True) == ["市人力资源社会保障局、", "市市场监管局、市医保局、",
                                               "市公积金中心"]


def test_wrapping_a_long_text_never_breaks_the_rules() -> None:
    for width in range(6, 40):
        lines = wrap_cjk(LONG, width)
        assert "".join(lines) == LONG
        assert all(display_width(line) <= width + 2 for line in lines)
        assert not any(line[0] in NO_LINE_START for line in lines[1:])
        assert not any(line[-1] in NO_LINE_END for line in lines)


def test_a_long_title_is_cut_to_its_headline() -> None:
    short = headline(LONG, 40)
    assert short == "依托“泰安市重点营运车辆动态信息公共服务…"
    assert display_width(short) <= 40
    # Cut at the end of the first clause when that clause is a useful length.
    assert headline("优化营商环境，推进电子证照全面应用，实现企业开办全程网办", 40) == \
        "优化营商环境，推进电子证照全面应用…"
    assert headline("推进电子证照全面应用", 40) == "推进电子证照全面应用"


def test_ambiguous_width_characters_align_in_the_plain_table() -> None:
    """“”…·— count one cell, as rich and the terminal count them; the columns after them
    line up."""
    from reformctl.render import Column

    records = [{"a": "推进“互联网+监管”…", "b": "x"}, {"a": "abc·—", "b": "y"}]
    lines = plain_table(records, [Column("a", "A"), Column("b", "B")]).splitlines()
    ends = {display_width(line) for line in lines}
    assert len(ends) == 1
    assert display_width("“”…·—") == 5 and display_width("推进") == 4


def render(corpus: Path, columns: int, *args: str) -> list[str]:
    result = runner.invoke(app, ["--lang", "zh", "due", "--month", "9", "--as-of",
                                 "2021-10-01", "--corpus", str(corpus), *args],
                           env={"COLUMNS": str(columns), "TTY_COMPATIBLE": "1",
                                "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout).splitlines()


@pytest.mark.parametrize("columns", [160, 120, 100, 80])
def test_the_table_uses_the_terminal_and_hides_no_name(corpus: Path, columns: int) -> None:
    lines = render(corpus, columns)
    widest = max(display_width(line.rstrip()) for line in lines)
    assert columns - 8 <= widest <= columns  # the whole width, never more
    text = "".join(line.replace("│", "").replace(" ", "") for line in lines)
    assert "+" not in re.sub(r"互联网\+", "", text)  # no "+N" hiding names
    # Every responsible department of 1.2 is there (wrapped, not hidden).
    for name in ("市人力资源社会保障局", "市医保局", "市公积金中心", "人行泰安市中心支行"):
        if columns >= 120:
            assert name in text
    cells = [c.strip() for line in lines for c in re.split(r"│|\s{2,}", line) if c.strip()]
    assert not any(c[0] in NO_LINE_START for c in cells)
    assert lines[-1].startswith("截至2021-10-01，2021年9月到期：44项措施，44个节点，其中44个已逾期")


@pytest.mark.parametrize("columns", [160, 120])
def test_a_capped_title_a_little_wider_than_its_column_is_cut_not_wrapped(
        corpus: Path, columns: int) -> None:
    # 4.5's headline is 40 cells; at 160 columns the title column got 38, and the cut
    # title wrapped its last character and the "…" onto a line of their own ("协…").
    lines = render(corpus, columns)
    row = next(line for line in lines if line.startswith("4.5 "))
    title = re.split(r"\s{2,}", row)[1]
    assert title.startswith("实现不动产转移登记") and title.endswith("…")
    following = lines[lines.index(row) + 1]
    assert not following[:40].strip()  # nothing of the title on the next line


def test_overdue_rows_stand_out_by_days_late(corpus: Path) -> None:
    result = runner.invoke(app, ["--lang", "zh", "due", "--overdue", "--as-of", "2021-10-01",
                                 "--corpus", str(corpus), "--plan", "1"],
                           env={"COLUMNS": "160", "FORCE_COLOR": "1", "NO_COLOR": ""})
    rows = [line for line in result.stdout.splitlines() if "逾期" in line and "天" in line]
    month_late = [r for r in rows if re.search(r"逾期(9[0-9]|[3-8][0-9])天", r)]
    one_day = [r for r in rows if "逾期1天" in r]
    assert month_late and one_day
    assert all("\x1b[1" in r for r in month_late)  # bold: more than 30 days late
    assert not any("\x1b[1m" in r.split("逾期1天")[0] for r in one_day)  # not shouting


def test_piped_tables_cap_titles_and_pad_no_column_past_its_longest_value(
        corpus: Path) -> None:
    result = runner.invoke(app, ["--lang", "zh", "list", "--corpus", str(corpus)])
    lines = result.stdout.splitlines()
    header = lines[0]
    assert "14.10.2" in result.stdout
    widest_title = display_width(header[: header.index("时限")])
    assert widest_title <= 4 + 2 + 2 + 40 + 2 + 6  # id + title capped at 40 cells
    assert LONG not in result.stdout
    assert "依托“泰安市重点营运车辆动态信息公共服务…" in result.stdout
    tsv = runner.invoke(app, ["list", "--corpus", str(corpus), "-f", "tsv"]).stdout
    assert LONG[:60] in tsv  # the whole text: tsv or json
