"""Adversarial documents: the shapes that once made the parser quadratic (issue 15), any size.

    .venv/bin/python bench/adversarial.py write SHAPE MB PATH    # one document of about MB MiB
    .venv/bin/python bench/adversarial.py time SHAPE MB          # parse it in a fresh process

Every shape is an ordinary-looking plan pushed to a size no real plan has: the seed's own
measures (their text, departments and deadlines, taken from ``corpus/000_…txt`` at run time)
laid out the way plans lay them out, repeated. Nothing is random: a shape of a size is the
same bytes on every machine. Sizes are in MiB of the file as stored (for a .docx, of its
``word/document.xml`` unpacked: the compressed file is a few per cent of it).

=============  ========================================================================
shape          what it is
=============  ========================================================================
tab-table      a 任务分工 table copied out of Excel: a header row, then one tab-separated
               row per task (序号, 重点任务, 牵头单位, 责任单位, 完成时限)
pipe-table     the same table as Markdown: "| 1 | 推行… | 市行政审批服务局 | … |"
label-dense    measures run together on one line, their owners given by bare labels, one
               said twice and empty ("…。牵头部门：市公安局；责任部门：市税务局；牵头部门：；")
sub-items      one measure with thousands of sub-items "（1）…（牵头部门：…）" "（2）…"
html-rows      a web page with the 任务分工 table as one <table> of thousands of rows
html-divs      a web page whose paragraphs each sit one <div> deeper than the last, 80 deep
               (then the divs close and it starts again)
html-tables    a web page of tables nested in the last cell of the one above, 6 deep, again
html-deep      html-divs without end: one nest as deep as the size allows (refused: budget)
docx-rows      a .docx holding the 任务分工 table (one w:tbl, a w:tr per task)
=============  ========================================================================

``bench/run.py`` times each shape at 1, 2, 4 and 8 MiB (``--quick``: 1 and 2), every size in
a process of its own so that its peak memory (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from html import escape
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape as xml_escape

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_675e6135523c2031.txt"
MIB = 1024 * 1024


class Task(NamedTuple):
    """One measure of the seed: its headline, and what its owner note and deadline say."""

    text: str
    lead: str
    responsible: str
    deadline: str


NUMBERED = re.compile(r"^\d+\.\s*(.+)$")
NOTE = re.compile(r"[(（]((?:牵头部门|责任部门)[:：][^()（）]*)[)）]\s*$")
LEAD = re.compile(r"牵头部门[:：]([^;；]*)")
RESPONSIBLE = re.compile(r"责任部门[:：]([^;；]*)")
DEADLINE = re.compile(r"\d{1,2}月底前|年底前")


@cache
def tasks() -> tuple[Task, ...]:
    """The seed's numbered measures that carry an owner note, in document order."""
    out = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        m = NUMBERED.match(line)
        note = NOTE.search(line) if m else None
        if not m or not note:
            continue
        lead = LEAD.search(note.group(1))
        resp = RESPONSIBLE.search(note.group(1))
        when = DEADLINE.search(line)
        text = m.group(1)[: note.start() - m.start(1)].strip()
        out.append(Task(
            text=text.split("。")[0] + "。",  # the headline: short rows, many per MB
            lead=lead.group(1) if lead else "",
            responsible=resp.group(1) if resp else "",
            deadline=("2022年" + when.group(0)) if when else "长期坚持",
        ))
    return tuple(out)


def _task(i: int) -> Task:
    all_tasks = tasks()
    return all_tasks[i % len(all_tasks)]


# Where the numbers of the rows go on after row 1. 2 in the bench; tests/test_linear.py takes
# 1000, past the 999 a number mark may have: every row after the first then joins row 1's
# measure, the shape's worst case from the start, so that small sizes show it.
SECOND = 2


def _fill(head: str, rows: Callable[[int], str], tail: str, size: int) -> str:
    """``head``, then rows 1, SECOND, SECOND + 1… until the text is ``size`` bytes (UTF-8),
    then ``tail``."""
    parts = [head]
    total = len(head.encode("utf-8")) + len(tail.encode("utf-8"))
    i = 0
    while total < size:
        i = SECOND if i == 1 else i + 1
        row = rows(i)
        parts.append(row)
        total += len(row.encode("utf-8"))
    parts.append(tail)
    return "".join(parts)


TITLE = "泰安市优化营商环境创新突破行动重点任务分工表\n\n"
HEADER = ("序号", "重点任务", "牵头单位", "责任单位", "完成时限")


def _cells(i: int) -> tuple[str, ...]:
    t = _task(i)
    return (str(i), t.text, t.lead, t.responsible, t.deadline)


def tab_table(size: int) -> str:
    return _fill(TITLE + "\t".join(HEADER) + "\n",
                 lambda i: "\t".join(_cells(i)) + "\n", "", size)


def pipe_table(size: int) -> str:
    head = TITLE + "| " + " | ".join(HEADER) + " |\n" + "|---" * len(HEADER) + "|\n"
    return _fill(head, lambda i: "| " + " | ".join(_cells(i)) + " |\n", "", size)


def label_dense(size: int) -> str:
    """Measures run together on one line (a page pasted without its line breaks), each with
    its labels written out bare, one of them twice and empty: "…。牵头部门：市公安局；责任部门：
    市税务局；牵头部门：；"."""

    def rows(i: int) -> str:
        t = _task(i)
        return (f"{i}. {t.text}牵头部门：{t.lead or '市行政审批服务局'}；责任部门："
                f"{t.responsible or '市公安局'}；牵头部门：；")

    return _fill("配套措施一 优化营商环境\n\n", rows, "\n", size)


def sub_items(size: int) -> str:
    """One measure, then its sub-items (1), (2), … each with its own note."""
    head = ("配套措施一 优化营商环境\n\n1. 推进政务服务事项标准化。按照全省统一部署，逐项细化"
            "办事指南。\n")

    def rows(i: int) -> str:
        t = _task(i)
        return f"（{i}）{t.text}（牵头部门：{t.lead or '市行政审批服务局'}）\n"

    return _fill(head, rows, "", size)


HTML_HEAD = ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
             "<title>泰安市优化营商环境创新突破行动重点任务分工表_泰安市人民政府</title></head>"
             '<body><div class="TRS_Editor"><h1>泰安市优化营商环境创新突破行动重点任务分工表</h1>\n')
HTML_TAIL = "</div></body></html>\n"


def html_rows(size: int) -> str:
    head = HTML_HEAD + "<table><tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>\n"
    return _fill(head, lambda i: "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in _cells(i))
                 + "</tr>\n", "</table>" + HTML_TAIL, size)


# How deep the nested shapes go before they start again: deeper than any real page, within
# the HTML reader's budgets (parse/read/html.py: 100 elements, tables 8 deep), so that they
# measure the time of reading what is accepted. html-deep goes as deep as its size allows.
DIV_RUN = 80
TABLE_RUN = 6


def _nested(size: int, open_row: Callable[[int], str], close: str, run: int | None) -> str:
    """Rows each opening one level deeper; after ``run`` levels (None: never) they close."""
    depth = 0

    def rows(i: int) -> str:
        nonlocal depth
        shut = ""
        if run is not None and depth == run:
            shut, depth = close * depth + "\n", 0
        depth += 1
        return shut + open_row(i)

    text = _fill(HTML_HEAD + "<p>一、重点任务</p>\n", rows, "", size)
    return text + close * depth + HTML_TAIL


def _div_row(i: int) -> str:
    t = _task(i)
    return f'<div class="section"><p>{i}. {escape(t.text)}（牵头部门：{escape(t.lead)}）</p>\n'


def _table_row(i: int) -> str:
    return "<table><tr>" + "".join(f"<td>{escape(c)}</td>" for c in _cells(i)) + "<td>\n"


def html_divs(size: int) -> str:
    """Each paragraph one <div> deeper than the last, DIV_RUN deep, again and again."""
    return _nested(size, _div_row, "</div>", DIV_RUN)


def html_tables(size: int) -> str:
    """A table per task inside the last cell of the one before, TABLE_RUN deep, again."""
    return _nested(size, _table_row, "</td></tr></table>", TABLE_RUN)


def html_deep(size: int) -> str:
    """Every paragraph one <div> deeper, to the end of the page: refused by the budget."""
    return _nested(size, _div_row, "</div>", None)


# -- .docx -------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _w_p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{xml_escape(text)}</w:t></w:r></w:p>"


def _w_row(cells: tuple[str, ...]) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{_w_p(c)}</w:tc>" for c in cells) + "</w:tr>\n"


def docx_xml(size: int) -> str:
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
            f'xmlns:w="{W_NS}"><w:body>{_w_p(TITLE.strip())}<w:tbl>{_w_row(HEADER)}')
    return _fill(head, lambda i: _w_row(_cells(i)), "</w:tbl></w:body></w:document>", size)


def docx_bytes(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def docx_bomb() -> bytes:
    """The issue's zip bomb: a .docx of a few dozen KB whose document.xml unpacks to 64 MiB
    of empty paragraphs (refused by the reader's budgets, unread)."""
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
            f'xmlns:w="{W_NS}"><w:body>')
    return docx_bytes(head + "<w:p/>" * (64 * MIB // 6) + "</w:body></w:document>")


class Shape(NamedTuple):
    name: str
    suffix: str
    make: Callable[[int], str]


SHAPES: dict[str, Shape] = {s.name: s for s in (
    Shape("tab-table", ".txt", tab_table),
    Shape("pipe-table", ".txt", pipe_table),
    Shape("label-dense", ".txt", label_dense),
    Shape("sub-items", ".txt", sub_items),
    Shape("html-rows", ".html", html_rows),
    Shape("html-divs", ".html", html_divs),
    Shape("html-tables", ".html", html_tables),
    Shape("html-deep", ".html", html_deep),
    Shape("docx-rows", ".docx", docx_xml),
)}


def document(name: str, size: int, second: int = 2) -> bytes:
    """The bytes of shape ``name`` at ``size`` bytes (a .docx: its document.xml's size), its
    rows numbered 1, ``second``, ``second`` + 1…"""
    global SECOND
    shape = SHAPES[name]
    SECOND, before = second, SECOND
    try:
        text = shape.make(size)
    finally:
        SECOND = before
    return docx_bytes(text) if shape.suffix == ".docx" else text.encode("utf-8")


def write(name: str, size: int, folder: Path) -> Path:
    path = folder / f"{name}-{size}{SHAPES[name].suffix}"
    path.write_bytes(document(name, size))
    return path


# -- timing one document in this process -------------------------------------------------------


def time_parse(path: Path, tree: Path = ROOT) -> dict[str, float | str]:
    """Parse ``path`` once here with the parser of ``tree`` (a checkout): wall and CPU
    seconds, peak memory, what came of it."""
    sys.path.insert(0, str(tree))
    from reformctl.errors import ReformctlError
    from reformctl.parse import parse_file

    wall, cpu = time.perf_counter(), time.process_time()
    try:
        doc = parse_file(path)
        outcome = f"{sum(1 for _ in doc.walk())} measures"
    except ReformctlError as exc:
        outcome = f"refused: {exc.message}"
    return {
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "peak_mb": peak_mb(),
        "outcome": outcome,
    }


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ``ru_maxrss``: Linux carries
    ``ru_maxrss`` over an exec, so a child would report its parent's peak when larger."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def iter_sizes(quick: bool) -> Iterator[int]:
    yield from (1, 2) if quick else (1, 2, 4, 8)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write one document")
    w.add_argument("shape", choices=SHAPES)
    w.add_argument("mib", type=float)
    w.add_argument("path", type=Path)
    t = sub.add_parser("time", help="parse one file here and print JSON (wall, cpu, peak)")
    t.add_argument("path", type=Path)
    t.add_argument("--tree", type=Path, default=ROOT,
                   help="the checkout whose parser to time [default: this one]")
    args = parser.parse_args()
    if args.command == "write":
        args.path.write_bytes(document(args.shape, int(args.mib * MIB)))
        return 0
    print(json.dumps(time_parse(args.path, args.tree), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
