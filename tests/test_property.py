"""Bounded work: random and adversarial text never makes the parser raise or stall.

Hypothesis builds small documents out of the pieces that drive the parser's patterns (numbering
marks, owner-note brackets and labels, 月/日/底前, 、 lists, digits, full- and half-width forms)
and plain random text. Examples are small and few enough that the file runs in seconds; the
speed of big inputs belongs to the benchmark (and tests/test_linear.py), but one test feeds 5 M
characters (11 MB of UTF-8) of adversarial text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reformctl.errors import InputError
from reformctl.model import Document
from reformctl.parse import parse_text
from reformctl.parse.read import decode_document, decode_text, finish_text
from reformctl.parse.read.pdf import reflow, strip_page_furniture
from reformctl.parse.read.table import Cell, flatten_table

# Pieces of real plans, and the characters that make the patterns work hardest.
TOKENS = [
    # numbering marks, half- and full-width
    "1.", "2.", "12.", "1．", "1、", "1﹒", "一、", "二、", "（一）", "(二)", "(1)", "（2）", "①",
    "第一条", "配套措施—", "配套措施一", "附件",
    # tables flattened to text: header labels, cell separators
    "序号", "重点任务", "完成时限", "|", "|---|", "\t1\t",
    # owner notes and their parts
    "(", ")", "（", "）", "牵头", "负责", "配合", "牵头部门:", "责任部门：", "配合单位:",
    "牵头单位：", "(牵头部门:市行政审批服务局;责任部门:市公安局、市税务局)",
    "(省商务厅牵头,合肥海关配合)", "(市发展改革委负责)", "分管市领导:", "总牵头协调部门:",
    "市", "局", "委", "办", "中心", "县(市、区)", "各县市区政府", "等",
    # time phrases
    "月", "日", "年", "底前", "中旬", "上旬", "下旬", "6月底前", "2022年6月底前", "年底前",
    "9月30日前", "长期坚持", "持续推进", "每月", "每季度", "15个工作日内", "上半年", "三季度末",
    "完成时限：", "到2025年",
    # targets and numbers
    "%", "个百分点", "万", "亿", "以上", "以下", "不低于", "不超过", "左右", "提升", "增长",
    "3.4万人", "一百二十", "零", "两",
    # separators and noise
    "、", "，", ",", "；", ";", "。", ":", "：", "—", "-", "**", " ", "\u3000", "\t",
    "\n", "\n\n", "１２３", "ＡＢＣ", "and", "“", "”", "《", "》",
]

digits = st.text(alphabet="0123456789０１２３", min_size=1, max_size=400)
runs = st.builds(lambda token, n: token * n, st.sampled_from(TOKENS), st.integers(1, 300))
pieces = st.one_of(st.sampled_from(TOKENS), digits, runs, st.text(max_size=20))
documents = st.lists(pieces, max_size=60).map("".join)

FAST = settings(
    max_examples=200,
    deadline=None,  # timing belongs to the benchmark; a stall still shows as a slow run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(documents)
def test_parse_text_returns_a_document(text: str) -> None:
    doc = parse_text(text)
    assert isinstance(doc, Document)
    for _, measure in doc.walk():
        assert measure.id


@FAST
@given(st.lists(st.tuples(st.sampled_from(["1.", "（一）", "一、", "(1)", "配套措施—", ""]),
                          documents), max_size=12))
def test_numbered_lines_of_noise_parse(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(mark + body.replace("\n", "") for mark, body in lines)
    assert isinstance(parse_text(text), Document)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_any_unicode_parses(text: str) -> None:
    assert isinstance(parse_text(text), Document)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_are_refused(data: bytes) -> None:
    """Arbitrary bytes: text, or an InputError naming the file; nothing else escapes."""
    try:
        text = finish_text(decode_text(data, "x.txt"), "x.txt")
    except InputError as exc:
        assert exc.path == "x.txt"
        return
    assert "\r" not in text and "\x00" not in text


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><html>", b""]),
       st.binary(max_size=2000), st.sampled_from(["x.pdf", "x.docx", "x.html", "x.txt"]))
def test_any_bytes_in_any_format_decode_or_are_refused(
    head: bytes, body: bytes, name: str
) -> None:
    try:
        text = decode_document(head + body, Path(name))
    except InputError as exc:
        assert exc.path == name
        return
    assert isinstance(text, str)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=6), max_size=8),
       st.lists(st.booleans(), max_size=48))
def test_any_table_flattens(rows: list[list[str]], merged: list[bool]) -> None:
    flags = iter(merged)
    cells = [[Cell(t, continued=next(flags, False)) for t in row] for row in rows]
    lines, _ = flatten_table(cells)
    assert all(isinstance(line, str) for line in lines)


@settings(max_examples=80, deadline=None)
@given(st.lists(documents, max_size=6))
def test_any_pages_lose_only_furniture(pages: list[str]) -> None:
    stripped = strip_page_furniture(pages)
    assert len(stripped) == len(pages)
    assert all(isinstance(reflow(page, 60), str) for page in stripped)


def adversarial(size: int) -> str:
    """A document of ``size`` characters built from everything that could make a pattern
    backtrack: endless digits, unclosed and nested brackets, 月 and 、 runs, label runs,
    numbering marks without text, very long lines and very many short ones."""
    blocks = [
        "1." + "9" * 5000 + "\n",
        "(" * 3000 + "牵头部门:" + "市局、" * 2000 + "\n",
        "（" + "牵头" * 2000 + "）" * 10 + "\n",
        "月" * 5000 + "底前" + "日" * 3000 + "\n",
        "、" * 5000 + "\n",
        "2022年" * 1000 + "6月底前" * 1000 + "\n",
        "(牵头部门:" + "市行政审批服务局;" * 800 + "责任部门:" + "、".join(["市公安局"] * 800) + "\n",
        "\n".join(f"{i}." for i in range(1, 400)) + "\n",
        "\n".join(f"（{c}）" for c in "一二三四五六七八九十" * 30) + "\n",
        "提升" + "1" * 3000 + "个百分点" + "以上" * 1000 + "\n",
        "一二三四五六七八九十百千万亿" * 400 + "\n",
        "配套措施—" + "开办企业" * 300 + "\n",
        ("1. 推行电子证照。(牵头部门:市行政审批服务局;责任部门:市公安局)9月底前完成。\n" * 200),
        "**" * 3000 + "and " * 2000 + "\n",
        "Ａ１" * 3000 + "\u3000" * 3000 + "\n",
    ]
    unit = "".join(blocks)
    repeats = size // len(unit) + 1
    return (unit * repeats)[:size]


def test_five_megabytes_of_adversarial_text_parses() -> None:
    text = adversarial(5 * 1024 * 1024)
    assert len(text) == 5 * 1024 * 1024
    doc = parse_text(text)
    assert isinstance(doc, Document)
    assert doc.plans


# -- once super-linear paths, now linear ----------------------------------------------------------
# Each input took tens of seconds to minutes before its fix and takes milliseconds now. They run
# in a subprocess that is killed after a few seconds, so a regression costs seconds, not minutes.
# The assertion is about orders of magnitude, not speed: speed belongs to the benchmark.

SUPERLINEAR = {
    # deadlines.RELATIVE: "\s*(?P<ge>个)?\s*" splits a whitespace run in every possible way
    # after a number that is not followed by a unit: O(n²) in the run.
    "deadlines-relative-tabs": "1. 措施1" + "\t" * 40_000 + "x日",
    "deadlines-relative-newlines": "1. 措施零" + "\n" * 50_000 + "x日",
    # clean.SPACE_NEXT_TO_CJK: "[ \t\u3000\xa0]+(?=[CJK])" retried at every space of a run
    # that is not followed by a Chinese character.
    "clean-space-next-to-cjk": "1. 措施x" + " " * 60_000 + "%",
    # clean.STRAY_AND: "\s*\band\b\s*" after a lookbehind that every U+3000 satisfies.
    "clean-stray-and": "1. 措施and" + "\u3000" * 40_000 + "。",
    # document._Builder._inherited_owners: parent.children.index(node) compares Block
    # dataclasses field by field, once per measure: O(n²) in the measures of one plan.
    "document-inherited-owners": "\n".join(f"{i % 999 + 1}. 措施。" for i in range(10_000)),
}
PARSE_STDIN = "import sys; from reformctl.parse import parse_text; parse_text(sys.stdin.read())"


def _parses_within(text: str, seconds: float) -> bool:
    try:
        subprocess.run([sys.executable, "-c", PARSE_STDIN], input=text.encode("utf-8"),
                       timeout=seconds, check=True, capture_output=True)
    except subprocess.TimeoutExpired:
        return False
    return True


@pytest.mark.parametrize("case", list(SUPERLINEAR))
def test_known_superlinear_input_parses_in_seconds(case: str) -> None:
    assert _parses_within(SUPERLINEAR[case], seconds=3)


def test_long_runs_of_unpunctuated_lines_stay_linear() -> None:
    """A paragraph of many short lines without a full stop (a table's labels one a line, a
    name list) used to rejoin its whole text for every line it took."""
    import time

    start = time.perf_counter()
    parse_text("序号\n重点任务\n" * 40000 + "一、任务\n1. 推进" + "甲乙丙\n" * 40000)
    assert time.perf_counter() - start < 10
