"""Readers: the seed in every encoding and file format parses to the same measures.

Fixtures are built at test time from the seed text (never written into corpus/): encoded copies
for the text reader, a .docx made with python-docx (paragraphs plus a 任务分工 table), an HTML
page in government-site chrome, and a PDF written by hand (a CID font whose codes are the
Unicode code points, with a ToUnicode map) with running headers and page numbers.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from seedfiles import ROOT, SEED

from reformctl.errors import InputError
from reformctl.model import Document
from reformctl.parse import parse_file, parse_text
from reformctl.parse.read import decode_text, finish_text, read_source
from reformctl.parse.read.html import html_to_text
from reformctl.parse.read.pdf import strip_page_furniture
from reformctl.parse.read.table import Cell, flatten_table

SEED_TEXT = SEED.read_text(encoding="utf-8")
# Plan 1 (开办企业, 8 measures) and plan 2's first 11 measures (工程建设项目审批制度改革):
# page-break splits (1.2, 2.2, 2.6), an owner note alone on its line (2.9), bold titles.
EXCERPT = "\n".join(SEED_TEXT.split("\n")[:59]) + "\n"
PLAN2_FIRST_LINE = 27  # "泰安市优化营商环境创新突破行动" above "配套措施—工程建设项目审批制度改革"


def summary(doc: Document) -> list[tuple[Any, ...]]:
    """What must not change between formats: ids, titles, owners, deadlines."""
    return [
        (m.id, m.title, m.lead, m.responsible,
         tuple((d.raw, d.kind, d.date) for d in m.deadlines))
        for _, m in doc.walk()
    ]


def plan_titles(doc: Document) -> list[str]:
    return [p.title for p in doc.plans]


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return parse_file(SEED)


@pytest.fixture(scope="module")
def excerpt_doc() -> Document:
    return parse_text(EXCERPT)


# -- encodings -----------------------------------------------------------------------------------

ENCODED = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16 (LE, BOM)": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16 (BE, BOM)": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16 LE without BOM": lambda t: t.encode("utf-16-le"),
    "utf-16 BE without BOM": lambda t: t.encode("utf-16-be"),
    "utf-8 BOM + CRLF": lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"),
    "utf-8 CR only": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "gb18030 + CRLF": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf-32 (BOM)": lambda t: t.encode("utf-32"),
}


@pytest.mark.parametrize("encoding", list(ENCODED))
def test_encoded_seed_parses_to_the_same_measures(
    tmp_path: Path, seed_doc: Document, encoding: str
) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(ENCODED[encoding](SEED_TEXT))
    doc = parse_file(path)
    assert summary(doc) == summary(seed_doc)
    assert [m.lines for _, m in doc.walk()] == [m.lines for _, m in seed_doc.walk()]
    assert [(w.line, w.code) for w in doc.warnings] == [(w.line, w.code) for w in seed_doc.warnings]
    assert len(summary(doc)) == 186


def test_read_source_gives_the_same_text_for_every_encoding(tmp_path: Path) -> None:
    texts = set()
    for i, encode in enumerate(ENCODED.values()):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(encode(SEED_TEXT))
        texts.add(read_source(path))
    assert texts == {SEED_TEXT}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # A UTF-8 file cut off in the middle of its last character: kept, with U+FFFD.
        ("配套措施—开办企业\n1. 推行电子证照。".encode()[:-1], "配套措施—开办企业\n1. 推行电子证照\ufffd"),
        # GBK text with one corrupted byte pair.
        ("市行政审批服务局".encode("gbk") + b"\xff" + "牵头".encode("gbk"), "市行政审批服务局\ufffd牵头"),
        # Short GB2312 text: "年底前完成".
        ("年底前完成".encode("gb2312"), "年底前完成"),
        # Big5 from a Taiwan or Hong Kong page: GB18030 would decode it into rare characters.
        (("加強組織領導，確保各項措施落實到位。實施方案如下。\n" * 10).encode("big5"),
         "加強組織領導，確保各項措施落實到位。實施方案如下。\n" * 10),
        # UTF-16 without BOM, mostly Chinese.
        ("1. 推行“一网通办”。(牵头部门:市政府办公室)\n".encode("utf-16-le"),
         "1. 推行“一网通办”。(牵头部门:市政府办公室)\n"),
    ],
    ids=["truncated-utf8", "gbk-one-bad-byte", "gb2312-short", "big5", "utf16le-no-bom"],
)
def test_decode_text(data: bytes, expected: str) -> None:
    assert decode_text(data, "x.txt") == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07" * 64, "binary"),
        (bytes(range(256)) * 8, "binary"),
        ("正文".encode() + b"\x01\x02\x03\x04\x05\x06" * 50, "binary"),
    ],
    ids=["png", "jpeg", "nul-bytes", "all-bytes", "control-chars"],
)
def test_binary_data_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        decode_text(data, "x.txt")
    assert info.value.path == "x.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("page1\fpage2", "page1\npage2"),  # pdftotext's page break
        ("a\u2028b\u2029c\x85d", "a\nb\nc\nd"),
        ("\ufeff附件\n\ufeff1. 措施", "附件\n1. 措施"),  # BOMs of concatenated files
        # Layout whitespace is cut to 16 characters (it costs some patterns O(n²)).
        ("1. 措施1" + "\t" * 40_000 + "x日", "1. 措施1" + "\t" * 16 + "x日"),
        ("序号" + " " * 16 + "任务", "序号" + " " * 16 + "任务"),
    ],
)
def test_newlines_are_normalized_to_lf(text: str, expected: str) -> None:
    assert finish_text(text, "x.txt") == expected


# -- .docx ---------------------------------------------------------------------------------------

OWNER_NOTE = re.compile(
    r"[(（](?:牵头部门[:：](?P<lead>[^;；()（）]*))?[;；]?(?:责任部门[:：](?P<resp>[^()（）]*))?[)）]$"
)
TABLE_HEADER = ("序号", "工作措施", "牵头部门", "责任部门")


def _unbold(line: str) -> str:
    return line.replace("**", "")


def plan2_rows(excerpt_doc: Document) -> list[tuple[str, str, str, str]]:
    """Plan 2's measures as 任务分工 table rows: number, task, lead, responsible."""
    rows = []
    for m in excerpt_doc.plans[1].measures:
        text = _unbold(m.text)
        note = OWNER_NOTE.search(text)
        if len(m.owners) == 1 and note is not None:
            rows.append((str(m.number), text[: note.start()], note.group("lead") or "",
                         note.group("resp") or ""))
        else:  # not a single trailing note: the whole text in the task cell
            rows.append((str(m.number), text, "", ""))
    return rows


def make_docx(excerpt_doc: Document) -> bytes:
    import docx

    document = docx.Document()
    lines = EXCERPT.split("\n")
    for line in lines[: PLAN2_FIRST_LINE + 5]:  # plan 1, then plan 2's heading and header note
        document.add_paragraph(_unbold(line))
    rows = plan2_rows(excerpt_doc)
    table = document.add_table(rows=1 + len(rows), cols=4)
    for cell, label in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        cell.text = label
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_parses_to_the_same_measures(tmp_path: Path, excerpt_doc: Document) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(make_docx(excerpt_doc))
    doc = parse_file(path)
    assert len(summary(excerpt_doc)) == 19
    assert summary(doc) == summary(excerpt_doc)
    assert plan_titles(doc) == plan_titles(excerpt_doc) == ["开办企业", "工程建设项目审批制度改革"]


def test_docx_table_rows_become_measure_lines_with_owner_notes(
    tmp_path: Path, excerpt_doc: Document
) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(make_docx(excerpt_doc))
    text = read_source(path)
    assert "3. 简化排水接入。6月中旬前" in text
    assert text.count("\n3. 简化排水接入。") == 1
    line = next(li for li in text.split("\n") if li.startswith("4. 优化联合竣工验收流程"))
    assert line.endswith("（牵头部门：市行政审批服务局；责任部门：市自然资源和规划局、"
                         "市住房城乡建设局、市城市管理局、市人防办）")


def test_docx_keeps_document_order_of_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、总体要求")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "专栏1"
    table.rows[0].cells[1].text = "数字政府"
    table.rows[1].cells[0].text = "甲"
    table.rows[1].cells[1].text = "乙"
    document.add_paragraph("二、重点任务")
    path = tmp_path / "order.docx"
    document.save(str(path))
    lines = [li for li in read_source(path).split("\n") if li]
    assert lines == ["一、总体要求", "专栏1；数字政府", "甲；乙", "二、重点任务"]


def test_docx_automatic_list_numbering_is_written_out(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("配套措施—开办企业")
    document.add_paragraph("推行企业开办模式。(牵头部门:市行政审批服务局)", style="List Number")
    document.add_paragraph("推进电子证照全面应用。(牵头部门:市公安局)", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    text = read_source(path)
    assert "1.推行企业开办模式。" in text
    assert "2.推进电子证照全面应用。" in text
    doc = parse_file(path)
    assert [(m.id, m.lead) for _, m in doc.walk()] == [
        ("1.1", ("市行政审批服务局",)), ("1.2", ("市公安局",))]


def test_docx_merged_cells(tmp_path: Path) -> None:
    """A lead merged down two rows applies to both; a row merged across is a heading."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=5, cols=4)
    for cell, label in zip(table.rows[0].cells, ("序号", "重点任务", "牵头单位", "完成时限"),
                           strict=True):
        cell.text = label
    heading = table.cell(1, 0).merge(table.cell(1, 3))
    heading.text = "一、优化政务服务"
    table.cell(2, 0).text = "1"
    table.cell(2, 1).text = "推行“一网通办”。"
    table.cell(3, 0).text = "2"
    table.cell(3, 1).text = "推行“跨省通办”。"
    lead = table.cell(2, 2).merge(table.cell(3, 2))
    lead.text = "市政务服务中心"
    table.cell(2, 3).text = "2022年6月底前"
    table.cell(3, 3).text = "长期坚持"
    table.cell(4, 0).text = "3"
    table.cell(4, 1).text = "推行“好差评”。"
    table.cell(4, 2).text = "市政府办公室\n市大数据局"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    lines = [li for li in read_source(path).split("\n") if li]
    assert lines == [
        "一、优化政务服务",
        "1. 推行“一网通办”。（牵头单位：市政务服务中心）（完成时限：2022年6月底前）",
        "2. 推行“跨省通办”。（牵头单位：市政务服务中心）（完成时限：长期坚持）",
        "3. 推行“好差评”。（牵头单位：市政府办公室、市大数据局）",
    ]


def _add_word_list(document: Any, abstract_id: int, lvl_text: str, num_ids: dict[int, int | None],
                   fmt: str = "decimal") -> None:
    """A one-level list definition and its instances (numId → startOverride, or None)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0">'
        f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/>'
        "</w:lvl></w:abstractNum>"))
    for num_id, start in num_ids.items():
        override = ("" if start is None else
                    f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>')
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


def _number_paragraph(paragraph: Any, num_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


TASK_ROWS = (
    ("推行企业开办“一日办结”。", "市市场监管局", "市税务局、市公安局", "2024年6月30日前"),
    ("推行不动产登记“带押过户”。", "市自然资源和规划局", "市税务局", "2024年9月底前"),
    ("推进“无证明城市”建设。", "市司法局", "各县区政府", "2024年12月底前"),
)


def _task_table_docx(path: Path, *, auto_numbers: bool) -> None:
    """A 分工表 whose 序号 cells are typed ("1") or Word list numbers in empty paragraphs."""
    import docx

    document = docx.Document()
    if auto_numbers:
        _add_word_list(document, 95, "%1", {95: None})
    document.add_paragraph("东营市2024年营商环境提升重点任务清单")
    table = document.add_table(rows=1 + len(TASK_ROWS), cols=5)
    for cell, label in zip(table.rows[0].cells, ("序号", "重点任务", "牵头单位", "配合单位",
                                                 "完成时限"), strict=True):
        cell.text = label
    for number, (row, values) in enumerate(zip(table.rows[1:], TASK_ROWS, strict=True), 1):
        if auto_numbers:
            _number_paragraph(row.cells[0].paragraphs[0], 95)
        else:
            row.cells[0].text = str(number)
        for cell, value in zip(row.cells[1:], values, strict=True):
            cell.text = value
    document.save(str(path))


def test_docx_automatic_numbers_in_table_cells_are_written_out(tmp_path: Path) -> None:
    auto, typed = tmp_path / "auto.docx", tmp_path / "typed.docx"
    _task_table_docx(auto, auto_numbers=True)
    _task_table_docx(typed, auto_numbers=False)
    lines = [li for li in read_source(auto).split("\n") if li]
    assert lines[1].startswith("1. 推行企业开办“一日办结”。（牵头单位：市市场监管局；")
    assert lines[3].startswith("3. 推进“无证明城市”建设。")
    doc = parse_file(auto)
    assert [(m.id, m.title, m.lead, m.responsible) for _, m in doc.walk()] == [
        ("1.1", "推行企业开办“一日办结”", ("市市场监管局",), ("市税务局", "市公安局")),
        ("1.2", "推行不动产登记“带押过户”", ("市自然资源和规划局",), ("市税务局",)),
        ("1.3", "推进“无证明城市”建设", ("市司法局",), ("各县区政府",)),
    ]
    assert summary(doc) == summary(parse_file(typed))


def test_docx_numbers_in_cells_and_body_count_once_in_document_order(tmp_path: Path) -> None:
    """A list running from the body into a table counts on; a cell merged down counts once."""
    import docx

    document = docx.Document()
    _add_word_list(document, 96, "%1.", {96: None})
    document.add_paragraph("一、优化政务服务")
    _number_paragraph(document.add_paragraph("推行“一网通办”。（牵头单位：市政务服务中心）"), 96)
    table = document.add_table(rows=4, cols=4)
    for cell, label in zip(table.rows[0].cells, ("序号", "重点任务", "牵头单位", "完成时限"),
                           strict=True):
        cell.text = label
    number = table.cell(1, 0).merge(table.cell(2, 0))  # one task, two milestones
    _number_paragraph(number.paragraphs[0], 96)
    table.cell(1, 1).merge(table.cell(2, 1)).text = "推行“跨省通办”。"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "市行政审批服务局"
    table.cell(1, 3).text = "2024年6月底前"
    table.cell(2, 3).text = "2024年12月底前"
    _number_paragraph(table.cell(3, 0).paragraphs[0], 96)
    table.cell(3, 1).text = "推行“好差评”。"
    table.cell(3, 2).text = "市政府办公室"
    _number_paragraph(document.add_paragraph("推行“免证办”。（牵头单位：市大数据局）"), 96)
    path = tmp_path / "mixed.docx"
    document.save(str(path))
    lines = [li for li in read_source(path).split("\n") if li]
    assert lines[1] == "1.推行“一网通办”。（牵头单位：市政务服务中心）"
    assert lines[2] == "2.推行“跨省通办”。（牵头单位：市行政审批服务局）（完成时限：2024年6月底前）"
    assert lines[4] == "3.推行“好差评”。（牵头单位：市政府办公室）"
    assert lines[5] == "4.推行“免证办”。（牵头单位：市大数据局）"
    doc = parse_file(path)
    assert [(m.id, m.title, m.lead) for _, m in doc.walk()] == [
        ("1.1", "推行“一网通办”", ("市政务服务中心",)),
        ("1.2", "推行“跨省通办”", ("市行政审批服务局",)),
        ("1.3", "推行“好差评”", ("市政府办公室",)),
        ("1.4", "推行“免证办”", ("市大数据局",)),
    ]


def test_docx_restart_numbering_starts_the_list_again(tmp_path: Path) -> None:
    """Word's "restart numbering": a second instance of the list with a startOverride."""
    import docx

    document = docx.Document()
    _add_word_list(document, 91, "%1.", {91: None, 92: 1})
    _add_word_list(document, 93, "（%1）", {93: None, 94: 1}, fmt="chineseCounting")
    document.add_paragraph("某市2024年促进消费若干措施")
    items = (
        ("一、促进汽车消费", 91, ["开展汽车以旧换新活动。（牵头单位：市商务局）",
                                "优化二手车交易登记。（牵头单位：市公安局）"]),
        ("二、促进家居消费", 92, ["开展家装焕新活动。（牵头单位：市商务局）",
                                "支持旧房改造。（牵头单位：市住房城乡建设局）"]),
    )
    for heading, num_id, texts in items:
        document.add_paragraph(heading)
        for text in texts:
            _number_paragraph(document.add_paragraph(text), num_id)
    document.add_paragraph("三、保障措施")
    for num_id, text in ((93, "加强组织领导。"), (93, "强化督导考核。"), (94, "营造良好氛围。")):
        _number_paragraph(document.add_paragraph(text), num_id)
    path = tmp_path / "restart.docx"
    document.save(str(path))
    lines = [li for li in read_source(path).split("\n") if li]
    assert "1.开展家装焕新活动。（牵头单位：市商务局）" in lines
    assert "2.支持旧房改造。（牵头单位：市住房城乡建设局）" in lines
    assert lines[-3:] == ["（一）加强组织领导。", "（二）强化督导考核。", "（一）营造良好氛围。"]
    doc = parse_file(path)
    assert [(m.id, m.title, m.lead) for _, m in doc.walk()][:4] == [
        ("1.1", "开展汽车以旧换新活动", ("市商务局",)),
        ("1.2", "优化二手车交易登记", ("市公安局",)),
        ("2.1", "开展家装焕新活动", ("市商务局",)),
        ("2.2", "支持旧房改造", ("市住房城乡建设局",)),
    ]


# A 公文 multilevel list as Word writes it: 一、 / （一） / 1.
CN_LIST_LEVELS = "".join(
    f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
    f'<w:lvlText w:val="{text}"/></w:lvl>'
    for ilvl, fmt, text in ((0, "chineseCounting", "%1、"), (1, "chineseCounting", "（%2）"),
                            (2, "decimal", "%3.")))
# (level, text) of a plan in three levels; the 1. items carry owners and deadlines.
CN_LIST_ITEMS = (
    (0, "提升政务服务效能"),
    (1, "推进“一网通办”"),
    (2, "全面推行电子证照应用，6月底前完成。（牵头单位：市大数据局；责任单位：市公安局）"),
    (2, "压缩企业开办时间，9月底前完成。（牵头单位：市市场监管局）"),
    (1, "优化不动产登记"),
    (2, "一般登记业务办理时间压缩至3个工作日，年底前完成。（牵头单位：市自然资源和规划局）"),
    (0, "强化要素保障"),
    (1, "降低用电成本"),
    (2, "低压小微企业用电报装“零投资”，10月底前实现全覆盖。（牵头单位：国网某某供电公司；"
        "责任单位：市发展改革委）"),
    (2, "推行水电气暖联合报装，12月底前完成。（牵头单位：市住房城乡建设局）"),
)
CN_LIST_LINES = [
    "一、提升政务服务效能", "（一）推进“一网通办”",
    "1.全面推行电子证照应用，6月底前完成。（牵头单位：市大数据局；责任单位：市公安局）",
    "2.压缩企业开办时间，9月底前完成。（牵头单位：市市场监管局）",
    "（二）优化不动产登记",
    "1.一般登记业务办理时间压缩至3个工作日，年底前完成。（牵头单位：市自然资源和规划局）",
    "二、强化要素保障", "（一）降低用电成本",
    "1.低压小微企业用电报装“零投资”，10月底前实现全覆盖。（牵头单位：国网某某供电公司；"
    "责任单位：市发展改革委）",
    "2.推行水电气暖联合报装，12月底前完成。（牵头单位：市住房城乡建设局）",
]
CN_LIST_SUMMARY = [
    ("1.1", "全面推行电子证照应用，6月底前完成", ("市大数据局",), ("市公安局",),
     (("6月底前", "by", date(2023, 6, 30)),)),
    ("1.2", "压缩企业开办时间，9月底前完成", ("市市场监管局",), (),
     (("9月底前", "by", date(2023, 9, 30)),)),
    ("2.1", "一般登记业务办理时间压缩至3个工作日，年底前完成", ("市自然资源和规划局",), (),
     (("年底前", "by", date(2023, 12, 31)),)),
    ("3.1", "低压小微企业用电报装“零投资”，10月底前实现全覆盖", ("国网某某供电公司",),
     ("市发展改革委",), (("10月底前", "by", date(2023, 10, 31)),)),
    ("3.2", "推行水电气暖联合报装，12月底前完成", ("市住房城乡建设局",), (),
     (("12月底前", "by", date(2023, 12, 31)),)),
]


def _cn_list_docx(path: Path, numbering: list[str], styles: list[str],
                  ppr: Any) -> None:
    """The plan of CN_LIST_ITEMS, each item's w:pPr given by ``ppr(index, level)``."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    root = document.part.numbering_part.element
    for xml in numbering:
        element = parse_xml(xml.replace("<w:abstractNum ", f'<w:abstractNum {nsdecls("w")} ')
                            .replace("<w:num ", f'<w:num {nsdecls("w")} '))
        if element.tag == qn("w:abstractNum") and root.find(qn("w:num")) is not None:
            root.find(qn("w:num")).addprevious(element)
        else:
            root.append(element)
    for xml in styles:
        document.styles.element.append(parse_xml(xml.replace("<w:style ",
                                                             f'<w:style {nsdecls("w")} ', 1)))
    document.add_paragraph("某某市优化营商环境行动方案")
    for index, (level, text) in enumerate(CN_LIST_ITEMS):
        paragraph = document.add_paragraph(text)
        paragraph._p.insert(0, parse_xml(ppr(index, level).replace(
            "<w:pPr>", f'<w:pPr {nsdecls("w")}>', 1)))
    document.save(str(path))


def _num_pr(num_id: int, level: int | None = None) -> str:
    ilvl = "" if level is None else f'<w:ilvl w:val="{level}"/>'
    return f'<w:numPr>{ilvl}<w:numId w:val="{num_id}"/></w:numPr>'


def test_docx_list_style_numbers_as_word_shows(tmp_path: Path) -> None:
    """A list style: the list used by the paragraphs has no levels, only a w:numStyleLink to a
    numbering style, whose w:numPr names the list holding the definition (w:styleLink)."""
    path = tmp_path / "list_style.docx"
    _cn_list_docx(
        path,
        [f'<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
         f'<w:styleLink w:val="CNList"/>{CN_LIST_LEVELS}</w:abstractNum>',
         '<w:abstractNum w:abstractNumId="91"><w:multiLevelType w:val="multilevel"/>'
         '<w:numStyleLink w:val="CNList"/></w:abstractNum>',
         '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
         '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'],
        ['<w:style w:type="numbering" w:customStyle="1" w:styleId="CNList">'
         f'<w:name w:val="中文公文列表"/><w:pPr>{_num_pr(90)}</w:pPr></w:style>'],
        lambda index, level: f"<w:pPr>{_num_pr(91, level)}</w:pPr>")
    assert [li for li in read_source(path).split("\n") if li][1:] == CN_LIST_LINES
    doc = parse_file(path, year=2023)
    assert plan_titles(doc) == ["推进“一网通办”", "优化不动产登记", "降低用电成本"]
    assert summary(doc) == CN_LIST_SUMMARY


def test_docx_numbering_inherited_through_based_on_styles(tmp_path: Path) -> None:
    """A paragraph style based on a numbered style is numbered like it (Word's "正文条目加粗"
    on "正文条目"); a derived style may change the level alone, or switch numbering off with
    numId 0; a loop of w:basedOn ends."""
    def style(sid: str, num_pr: str = "", based: str = "") -> str:
        based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
        ppr = f"<w:pPr>{num_pr}</w:pPr>" if num_pr else ""
        return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
                f'<w:name w:val="{sid}"/>{based_on}{ppr}</w:style>')

    styles = [
        style("CNBase", _num_pr(90)),  # the list, level 1 (一、) by default
        style("CNH2", '<w:numPr><w:ilvl w:val="1"/></w:numPr>', "CNBase"),  # its level only
        style("CNItem", _num_pr(90, 2)),
        style("CNItemBold", based="CNItem"),
        style("CNItemBoldRed", based="CNItemBold"),
        style("CNPlain", _num_pr(0), "CNItem"),  # numbering switched off
        style("LoopA", based="LoopB"), style("LoopB", based="LoopA"),
    ]
    chosen = {0: "CNBase", 1: "CNH2", 2: "CNItem"}
    bold = {3: "CNItemBold", 9: "CNItemBoldRed"}
    path = tmp_path / "styles.docx"
    _cn_list_docx(
        path,
        [f'<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
         f'{CN_LIST_LEVELS}</w:abstractNum>',
         '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'],
        styles,
        lambda index, level: (f'<w:pPr><w:pStyle w:val="{bold.get(index, chosen[level])}"/>'
                              "</w:pPr>"))
    assert [li for li in read_source(path).split("\n") if li][1:] == CN_LIST_LINES
    doc = parse_file(path, year=2023)
    assert summary(doc) == CN_LIST_SUMMARY

    _cn_list_docx(
        path,
        ['<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
         f'{CN_LIST_LEVELS}</w:abstractNum>',
         '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'],
        styles,
        lambda index, level: (f'<w:pPr><w:pStyle w:val="{"LoopA" if index == 0 else "CNPlain"}"/>'
                              "</w:pPr>"))
    assert [li for li in read_source(path).split("\n") if li][1:3] == [
        "提升政务服务效能", "推进“一网通办”"]


@pytest.mark.parametrize("caption", ["（续表）", "续表", "续上表", " (续表) "])
def test_docx_continued_table_caption_is_dropped(tmp_path: Path, caption: str) -> None:
    """A 分工表 split across pages, with a 续表 caption over its second part: the caption is
    not a line of the plan (it was glued onto the measure of the row above it)."""
    import docx

    document = docx.Document()
    document.add_paragraph("东营市2024年营商环境提升重点任务清单")
    header = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
    for number, rows in ((1, TASK_ROWS[:2]), (3, TASK_ROWS[2:])):
        if number > 1:
            document.add_paragraph(caption)
        table = document.add_table(rows=1 + len(rows), cols=5)
        for cell, label in zip(table.rows[0].cells, header, strict=True):
            cell.text = label
        for n, (row, values) in enumerate(zip(table.rows[1:], rows, strict=True), number):
            for cell, value in zip(row.cells, (str(n), *values), strict=True):
                cell.text = value
    path = tmp_path / "split.docx"
    document.save(str(path))
    assert "续" not in read_source(path)
    assert summary(parse_file(path)) == [
        ("1.1", "推行企业开办“一日办结”", ("市市场监管局",), ("市税务局", "市公安局"),
         (("2024年6月30日前", "by", date(2024, 6, 30)),)),
        ("1.2", "推行不动产登记“带押过户”", ("市自然资源和规划局",), ("市税务局",),
         (("2024年9月底前", "by", date(2024, 9, 30)),)),
        ("1.3", "推进“无证明城市”建设", ("市司法局",), ("各县区政府",),
         (("2024年12月底前", "by", date(2024, 12, 31)),)),
    ]


def test_broken_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"not a valid \.docx") as info:
        read_source(path)
    assert info.value.path == str(path)


def test_zip_without_word_document_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "table.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="no word/document.xml"):
        read_source(path)
    other = tmp_path / "table.bin"
    other.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="Excel workbook"):
        read_source(other)


# -- tables --------------------------------------------------------------------------------------


def _rows(*rows: tuple[str, ...]) -> list[list[Cell]]:
    return [[Cell(text) for text in row] for row in rows]


def test_table_with_header_becomes_owner_and_deadline_notes() -> None:
    rows = _rows(
        ("附件：重点任务分工表", "", "", "", ""),
        ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
        ("1", "推进电子证照全面应用。", "市行政审批服务局", "市公安局、市税务局", "2021年9月底前"),
        ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),  # repeated on the next page
        ("2", "优化纳税服务。", "市税务局", "", "长期坚持"),
    )
    lines, header = flatten_table(rows)
    assert lines == [
        "附件：重点任务分工表",
        "1. 推进电子证照全面应用。（牵头单位：市行政审批服务局；配合单位：市公安局、市税务局）"
        "（完成时限：2021年9月底前）",
        "2. 优化纳税服务。（牵头单位：市税务局）（完成时限：长期坚持）",
    ]
    assert header is not None and header.width == 5
    # The table continues on the next page without its header row.
    more, _ = flatten_table(_rows(("3", "推行“证照分离”。", "市市场监管局", "", "")), header)
    assert more == ["3. 推行“证照分离”。（牵头单位：市市场监管局）"]


def test_table_with_two_header_rows() -> None:
    rows = [
        [Cell("序号"), Cell("工作任务"), Cell("责任单位"), Cell("")],
        [Cell("序号", continued=True), Cell("工作任务", continued=True), Cell("牵头单位"),
         Cell("配合单位")],
        [Cell("1"), Cell("深化“放管服”改革。"), Cell("市政府办公室"), Cell("各县市区政府")],
    ]
    lines, _ = flatten_table(rows)
    assert lines == ["1. 深化“放管服”改革。（牵头单位：市政府办公室；配合单位：各县市区政府）"]


def test_table_cell_with_its_own_role_labels_is_kept_intact() -> None:
    rows = _rows(
        ("序号", "主要任务", "责任单位"),
        ("1", "优化营商环境。", "牵头单位：市发展改革委\n配合单位：市财政局、市商务局"),
    )
    lines, _ = flatten_table(rows)
    assert lines == ["1. 优化营商环境。（牵头单位：市发展改革委；配合单位：市财政局、市商务局）"]


def test_table_without_header_joins_cells_with_a_clause_break() -> None:
    lines, header = flatten_table(_rows(
        ("1", "推行“一网通办”", "牵头单位：市政务服务中心"),
        ("专栏", ""),
    ))
    assert header is None
    assert lines == ["1. 推行“一网通办”；牵头单位：市政务服务中心", "专栏"]


def test_group_column_is_written_once_as_a_heading() -> None:
    rows = [
        [Cell("重点领域"), Cell("序号"), Cell("具体措施"), Cell("责任部门")],
        [Cell("政务服务"), Cell("1"), Cell("推行“一网通办”。"), Cell("市大数据局")],
        [Cell("政务服务", continued=True), Cell("2"), Cell("推行“一次办好”。"), Cell("市政府办公室")],
    ]
    lines, _ = flatten_table(rows)
    assert lines == [
        "政务服务",
        "1. 推行“一网通办”。（责任部门：市大数据局）",
        "2. 推行“一次办好”。（责任部门：市政府办公室）",
    ]


# -- .html ---------------------------------------------------------------------------------------

CHROME_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>泰安市人民政府 政策文件</title>
<style>.nav {{ color: red }} p {{ text-indent: 2em }}</style>
<script>var menu = "1. 首页 2. 政务公开 (牵头部门:市政府办公室)";</script></head>
<body>
<header><div class="logo">泰安市人民政府</div></header>
<nav><ul><li>首页</li><li>政务公开</li><li>1. 政策文件</li></ul></nav>
<div class="location">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
"""
CHROME_FOOT = """
<div class="share" style="display:none">分享到：微信 微博</div>
<footer><p>主办：泰安市人民政府办公室 版权所有</p><p>1. 网站标识码3709000001</p></footer>
<script>document.write("2. 统计代码");</script>
</body></html>
"""


def make_html(body_lines: list[str], *, container: bool = True, charset: str = "utf-8") -> str:
    paragraphs = "\n".join(
        f"<p style=\"text-indent:2em\">&nbsp;&nbsp;{_unbold(li)}</p>" if li.strip() else "<p><br></p>"
        for li in body_lines
    )
    # A long paragraph wrapped by the page author, as CMS output often is.
    paragraphs = paragraphs.replace("强化信息共享,部门协同,", "强化信息共享,\n        部门协同,")
    article = (f"<div class=\"article\"><h1>泰安市优化营商环境创新突破行动配套措施</h1>"
               f"<div class=\"TRS_Editor\"><div class=\"Custom_UnionStyle\">\n{paragraphs}\n"
               f"</div></div></div>") if container else f"<div>{paragraphs}</div>"
    return CHROME_HEAD.format(charset=charset) + article + CHROME_FOOT


def test_html_page_parses_to_the_same_measures(tmp_path: Path, excerpt_doc: Document) -> None:
    path = tmp_path / "plan.html"
    path.write_text(make_html(EXCERPT.split("\n")), encoding="utf-8")
    doc = parse_file(path)
    assert summary(doc) == summary(excerpt_doc)
    text = read_source(path)
    for chrome in ("首页", "版权所有", "统计代码", "分享到", "当前位置", "var menu", "text-indent"):
        assert chrome not in text
    # The container wins: the page title above it is not part of the text.
    assert not text.startswith("泰安市优化营商环境创新突破行动配套措施")


def test_html_page_without_container_keeps_body_text_only(
    tmp_path: Path, excerpt_doc: Document
) -> None:
    path = tmp_path / "plan.htm"
    path.write_bytes(make_html(EXCERPT.split("\n"), container=False, charset="gb2312")
                     .encode("gb18030"))
    doc = parse_file(path)
    assert summary(doc) == summary(excerpt_doc)
    text = read_source(path)
    for chrome in ("首页", "版权所有", "统计代码", "分享到", "var menu"):
        assert chrome not in text


def test_html_table_with_rowspan(tmp_path: Path, excerpt_doc: Document) -> None:
    """Plan 2 as an HTML table where equal consecutive leads are merged with rowspan."""
    rows = plan2_rows(excerpt_doc)
    html_rows = ["<tr>" + "".join(f"<th>{h}</th>" for h in TABLE_HEADER) + "</tr>"]
    i = 0
    while i < len(rows):
        span = 1
        while (i + span < len(rows) and rows[i + span][2] == rows[i][2] and rows[i][2]):
            span += 1
        for k in range(span):
            number, task, lead, resp = rows[i + k]
            lead_cell = (f"<td rowspan=\"{span}\">{lead}</td>" if k == 0 else "")
            html_rows.append(f"<tr><td>{number}</td><td><p>{task}</p></td>{lead_cell}"
                             f"<td>{resp}</td></tr>")
        i += span
    assert any(re.search(r'rowspan="[2-9]"', r) for r in html_rows)
    lines = EXCERPT.split("\n")[: PLAN2_FIRST_LINE + 5]
    body = "\n".join(f"<p>{_unbold(li)}</p>" for li in lines)
    page = (CHROME_HEAD.format(charset="utf-8") + f"<div id=\"zoom\">{body}<table border=\"1\">"
            + "\n".join(html_rows) + "</table></div>" + CHROME_FOOT)
    path = tmp_path / "table.html"
    path.write_text(page, encoding="utf-8")
    assert summary(parse_file(path)) == summary(excerpt_doc)


XXGK_PAGE = """<html><head><meta charset="utf-8"><title>聊城市人民政府</title></head><body>
<div class="wrap">
<div class="mnav"><a href="/">首页</a><a href="/ywdt">要闻动态</a><a href="/zwgk">政务公开</a></div>
<div class="xxgk_main">
<div class="xxgk_title">聊城市2024年优化营商环境攻坚行动实施方案</div>
<div class="xxgk_info"><span>发布日期：2023-12-28</span><span>阅读量：356</span></div>
<div class="xxgk_content">
<p>为打造一流营商环境，制定本方案。</p>
<p><b>一、重点任务</b></p>
<table>
<tr><td>序号</td><td>具体措施</td><td>牵头单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>推行企业开办“零成本”。</td><td>市市场监管局</td><td>6月底前</td></tr>
<tr><td>2</td><td>推行电子营业执照应用。</td><td>市市场监管局</td><td>9月底前</td></tr>
<tr><td>3</td><td>低压小微企业办电压缩至10个工作日以内。</td><td>国网聊城供电公司</td><td>12月底前</td></tr>
</table>
</div>
<div class="xxgk_link"><p>相关文件：</p><ul><li>聊城市2023年优化营商环境工作要点（2023-03-01）</li></ul></div>
</div>
<div class="foot-box"><p>聊城市人民政府办公室主办 版权所有</p></div>
</div></body></html>
"""


def test_html_content_container_named_by_the_site(tmp_path: Path) -> None:
    """A 信息公开 page: link bar, title and info bars, then "xxgk_content" with the plan."""
    path = tmp_path / "xxgk.html"
    path.write_text(XXGK_PAGE, encoding="utf-8")
    lines = [li for li in read_source(path).split("\n") if li]
    assert lines[:2] == ["聊城市2024年优化营商环境攻坚行动实施方案", "为打造一流营商环境，制定本方案。"]
    for chrome in ("首页", "要闻动态", "发布日期", "相关文件", "版权所有"):
        assert not any(chrome in li for li in lines)
    doc = parse_file(path)
    assert doc.document.title == "聊城市2024年优化营商环境攻坚行动实施方案"
    assert doc.document.year == 2024
    assert [(m.id, m.title, m.lead, [d.date for d in m.deadlines]) for _, m in doc.walk()] == [
        ("1.1", "推行企业开办“零成本”", ("市市场监管局",), [date(2024, 6, 30)]),
        ("1.2", "推行电子营业执照应用", ("市市场监管局",), [date(2024, 9, 30)]),
        ("1.3", "低压小微企业办电压缩至10个工作日以内", ("国网聊城供电公司",),
         [date(2024, 12, 31)]),
    ]


@pytest.mark.parametrize(("markup", "kept"), [
    # A menu of short links, whatever its class: dropped.
    ('<div class="mnav"><a href="/">首页</a> | <a href="/a">政务公开</a> | '
     '<a href="/b">English</a></div>', False),
    ('<ul class="clearfix"><li><a href="/">首页</a></li><li><a href="/a">要闻</a></li>'
     '<li><a href="/b">公开</a></li></ul>', False),
    # An article's annex links have long names: kept.
    ('<p>附件：<a href="1.docx">1.聊城市2024年优化营商环境重点任务分工表</a>'
     '<a href="2.docx">2.聊城市2024年优化营商环境考核办法</a>'
     '<a href="3.docx">3.聊城市营商环境问题线索移交办法</a></p>', True),
    # Two links in a sentence: kept.
    ('<p>详见<a href="/x">政务服务网</a>和<a href="/y">爱山东</a>。</p>', True),
])
def test_html_link_dense_blocks_are_navigation(markup: str, kept: bool) -> None:
    page = (f"<html><body>{markup}<div><p>1. 推行企业开办“零成本”。（牵头单位：市市场监管局）</p>"
            "</div></body></html>").encode()
    text = html_to_text(page, "page.html")
    assert text.endswith("1. 推行企业开办“零成本”。（牵头单位：市市场监管局）")
    assert (len(text.split("\n")) > 1) is kept


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><script>x=1</script><p>1. 推行电子证照。</p>"
                    "<p>2. 推行电子印章。</p></body></html>", encoding="utf-8")
    assert read_source(path) == "1. 推行电子证照。\n2. 推行电子印章。"


# -- .pdf ----------------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]], font_size: float = 10.5) -> bytes:
    """A PDF whose text layer holds ``pages`` (lists of lines).

    The font is a non-embedded Type0/Identity-H font whose codes are the characters' Unicode
    code points, with a ToUnicode CMap for exactly the characters used: what a text extractor
    needs, without a font file or a layout engine.
    """
    chars = sorted({ch for page in pages for line in page for ch in line})
    bfchar: list[str] = []
    for i in range(0, len(chars), 100):
        block = chars[i:i + 100]
        bfchar.append(f"{len(block)} beginbfchar")
        bfchar += [f"<{ord(c):04X}> <{ord(c):04X}>" for c in block]
        bfchar.append("endbfchar")
    cmap = "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        *bfchar, "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]).encode()
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        packed = zlib.compress(data)
        return (f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
                + packed + b"\nendstream")

    catalog = add(b"")
    pages_id = add(b"")
    tounicode = add(stream(cmap))
    descendant = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
                     b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                     b"/DW 1000 /CIDToGIDMap /Identity >>")
    font = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               f"/DescendantFonts [{descendant} 0 R] /ToUnicode {tounicode} 0 R >>".encode())
    kids = []
    for page in pages:
        ops = [f"BT /F1 {font_size} Tf 1 0 0 1 56 800 Tm {font_size * 1.6:.1f} TL"]
        ops += [f"<{''.join(f'{ord(c):04X}' for c in line)}> Tj T*" for line in page]
        ops.append("ET")
        content = add(stream("\n".join(ops).encode()))
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> "
                        f"/Contents {content} 0 R >>".encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                             f"/Count {len(kids)} >>").encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def paginate(text: str, width: int = 64, per_page: int = 24, *, footer: str = "- {n} -",
             header: str = "泰安市人民政府办公室") -> list[list[str]]:
    """Lay text out like a printed page: lines wrapped at ``width`` half-width units, no blank
    lines between paragraphs, a running header and a page-number footer on every page."""
    visual: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in _unbold(paragraph).strip():
            if used + _width(ch) > width:
                visual.append(line)
                line, used = "", 0
            line += ch
            used += _width(ch)
        if line:
            visual.append(line)
    pages = []
    for n, start in enumerate(range(0, len(visual), per_page), start=1):
        pages.append([header, *visual[start:start + per_page], footer.format(n=n)])
    return pages


@pytest.mark.parametrize("footer", ["- {n} -", "第{n}页", "—{n}—", "{n}"])
def test_pdf_parses_to_the_same_measures(
    tmp_path: Path, excerpt_doc: Document, footer: str
) -> None:
    pages = paginate(EXCERPT, footer=footer)
    assert len(pages) >= 5
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf(pages))
    text = read_source(path)
    assert "泰安市人民政府办公室" not in text
    assert not re.search(r"^(?:- \d+ -|第\d+页|—\d+—|\d+)$", text, re.MULTILINE)
    doc = parse_file(path)
    assert summary(doc) == summary(excerpt_doc)


def test_pdf_with_a_broken_xref_is_read_without_noise(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """pypdf repairs it and logs "incorrect startxref pointer": not on our user's stderr."""
    data = make_pdf([["1. 推行电子证照。(牵头部门:市公安局)"]])
    data = data[: data.rindex(b"startxref")] + b"startxref\n123\n%%EOF\n"
    path = tmp_path / "repaired.pdf"
    path.write_bytes(data)
    assert read_source(path) == "1. 推行电子证照。(牵头部门:市公安局)"
    assert capfd.readouterr().err == ""


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(make_pdf([["1. 推行电子证照。(牵头部门:市公安局)"]]))
    assert read_source(path) == "1. 推行电子证照。(牵头部门:市公安局)"


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []]))
    with pytest.raises(InputError, match="no text layer"):
        read_source(path)


def test_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # Dashed page numbers at the bottom, a running header at the top.
        (["泰安市人民政府文件\n1. 措施一\n- 1 -", "泰安市人民政府文件\n2. 措施二\n- 2 -",
          "泰安市人民政府文件\n3. 措施三\n- 3 -"],
         ["1. 措施一", "2. 措施二", "3. 措施三"]),
        # "第N页 共M页" and "N/M" footers; a header that varies only in its page number.
        (["第1页 共2页\n正文一\n附件 1", "第2页 共2页\n正文二\n附件 2"], ["正文一", "正文二"]),
        (["正文一\n1/2", "正文二\n2/2"], ["正文一", "正文二"]),
        # A bare number counts as a page number only if it is the page's own.
        (["正文一\n1", "正文二\n2", "正文三\n17"], ["正文一", "正文二", "正文三\n17"]),
        # One page: nothing repeats, only page-number lines go.
        (["附件\n1. 措施一\n— 1 —"], ["附件\n1. 措施一"]),
    ],
    ids=["dashed-and-header", "di-ye-gong-ye", "slash", "bare-number", "single-page"],
)
def test_strip_page_furniture(pages: list[str], expected: list[str]) -> None:
    assert strip_page_furniture(pages) == expected


def test_owner_note_hard_wrapped_over_three_lines() -> None:
    wrapped = parse_text("配套措施—开办企业\n1. 推行电子证照。(牵头部门:市行政审批服务\n"
                         "局;责任部门:市公安局、\n市税务局)\n")
    measure = wrapped.plans[0].measures[0]
    assert (measure.lead, measure.responsible) == (("市行政审批服务局",), ("市公安局", "市税务局"))


# -- real plans from other cities -----------------------------------------------------------

REALDOCS = ROOT.parent / "shared" / "realdocs"


def _realdocs() -> list[Path]:
    return sorted(REALDOCS.glob("*.txt")) if REALDOCS.is_dir() else []


def _docx_of_lines(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.skipif(not _realdocs(), reason="../shared/realdocs is not here")
@pytest.mark.parametrize("source", _realdocs(), ids=lambda p: p.stem)
def test_real_plans_in_every_format_parse_alike(tmp_path: Path, source: Path) -> None:
    """Layouts other than the seed's ("一、（一）1.", score marks, 牵头考核单位), laid out as a
    PDF with wrapped lines, as a web page and as a .docx: the same measures every time."""
    text = read_source(source)
    expected = summary(parse_text(text))
    assert expected
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(make_pdf(paginate(text)))
    html = tmp_path / "plan.html"
    html.write_text(make_html(text.split("\n")), encoding="utf-8")
    docx_path = tmp_path / "plan.docx"
    docx_path.write_bytes(_docx_of_lines(text.split("\n")))
    for path in (pdf, html, docx_path):
        assert summary(parse_file(path)) == expected, path.name


# -- dispatch ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "save it as .docx"),
        ("plan.doc", "1. 推行电子证照。".encode(), r"old Word \.doc"),
        ("plan.docx", "1. 推行电子证照。".encode(), "no ZIP signature"),
        ("plan.ofd", b"PK\x03\x04" + b"\x00" * 30, "ZIP"),
    ],
)
def test_formats_we_cannot_read_are_named(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        read_source(path)
    assert info.value.path == str(path)


# -- sweep 7: readers -----------------------------------------------------------------------------

RADICAL_LINES = [
    "⼀、提升政务服务效能",
    "（⼀）优化审批服务",
    "1.深化“放管服”改⾰，建⽴健全跨部⻔协同⼯作机制，确保改⾰举措落地⻅效，",
    "6⽉底前完成。（牵头单位：市⼤数据局；责任单位：市⾃然资源和规划局）",
    "2.推⾏⻓效机制，9⽉底前完成。（牵头单位：市⼈⼒资源社会保障局）",
]


def test_pdf_radicals_read_as_the_characters_they_stand_for(tmp_path: Path) -> None:
    """A font that shares glyphs with radicals gives "6⽉底前", "⼀、", "落地⻅效" in pypdf's
    text: the parse is the parse of the ordinary characters."""
    path = tmp_path / "radicals.pdf"
    path.write_bytes(make_pdf([RADICAL_LINES]))
    text = read_source(path)
    assert not re.search("[\u2e80-\u2eff\u2f00-\u2fdf]", text)
    assert text.startswith("一、提升政务服务效能\n（一）优化审批服务\n1.深化")
    doc = parse_file(path, year=2023)
    assert [(p.title) for p in doc.plans] == ["优化审批服务"]
    assert summary(doc) == [
        ("1.1", "深化“放管服”改革，建立健全跨部门协同工作机制，确保改革举措落地见效，6月底前完成",
         ("市大数据局",), ("市自然资源和规划局",), (("6月底前", "by", date(2023, 6, 30)),)),
        ("1.2", "推行长效机制，9月底前完成", ("市人力资源社会保障局",), (),
         (("9月底前", "by", date(2023, 9, 30)),)),
    ]


def test_docx_reads_the_text_with_tracked_changes_accepted(tmp_path: Path) -> None:
    """Runs inside tracked insertions, simple fields, inline content controls, smart tags and
    custom XML are text; deleted and moved-away runs are not."""
    import docx
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    def paragraph(*parts: str) -> Any:
        return parse_xml(f"<w:p {ns}>{''.join(parts)}</w:p>")

    change = 'w:id="{}" w:author="张三" w:date="2023-03-01T10:00:00Z"'
    inserted = f"<w:ins {change.format(1)}>{run('市政务服务中心、')}</w:ins>"
    deleted = (f"<w:del {change.format(2)}><w:r><w:delText>市公安局、</w:delText></w:r></w:del>")
    moved_away = f"<w:moveFrom {change.format(3)}>{run('9月')}</w:moveFrom>"
    moved_here = f"<w:moveTo {change.format(4)}>{run('11月')}</w:moveTo>"
    field = f'<w:fldSimple w:instr=" DOCPROPERTY dept ">{run("市市场监管局")}</w:fldSimple>'
    control = f"<w:sdt><w:sdtPr><w:alias w:val=\"时限\"/></w:sdtPr><w:sdtContent>{run('年底前')}" \
              "</w:sdtContent></w:sdt>"
    tag = f'<w:smartTag w:uri="urn:x" w:element="dept">{run("市自然资源和规划局")}</w:smartTag>'
    custom = f'<w:customXml w:element="dept">{run("国网某某供电公司")}</w:customXml>'

    document = docx.Document()
    document.add_paragraph("一、提升政务服务效能")
    body = document.element.body
    sect = body[-1]
    for element in (
        paragraph(run("1.全面推行电子证照应用，6月底前完成。（牵头单位：市大数据局；责任单位："),
                  deleted, inserted, run("市税务局）")),
        paragraph(run("2.压缩企业开办时间，"), moved_away, moved_here,
                  run("底前完成。（牵头单位："), field, run("）")),
        paragraph(run("3.一般登记业务办理时间压缩至3个工作日，"), control,
                  run("全面完成。（牵头单位："), tag, run("）")),
        paragraph(run("4.低压小微企业用电报装“零投资”，10月底前实现全覆盖。（牵头单位："), custom,
                  run("；责任单位：市发展改革委）")),
    ):
        sect.addprevious(element)
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    text = read_source(path)
    assert "市公安局" not in text and "9月" not in text and "DOCPROPERTY" not in text
    doc = parse_file(path, year=2023)
    assert summary(doc) == [
        ("1.1", "全面推行电子证照应用，6月底前完成", ("市大数据局",), ("市政务服务中心", "市税务局"),
         (("6月底前", "by", date(2023, 6, 30)),)),
        ("1.2", "压缩企业开办时间，11月底前完成", ("市市场监管局",), (),
         (("11月底前", "by", date(2023, 11, 30)),)),
        ("1.3", "一般登记业务办理时间压缩至3个工作日，年底前全面完成", ("市自然资源和规划局",), (),
         (("年底前", "by", date(2023, 12, 31)),)),
        ("1.4", "低压小微企业用电报装“零投资”，10月底前实现全覆盖", ("国网某某供电公司",),
         ("市发展改革委",), (("10月底前", "by", date(2023, 10, 31)),)),
    ]


OL_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>某某市优化营商环境行动方案_某某市人民政府</title></head><body>
<div class="location">当前位置：<a href="/">首页</a> &gt; 政策文件</div>
<h1>某某市优化营商环境行动方案</h1>
<div id="zoom">
<p>一、提升政务服务效能</p>
<p>（一）推进“一网通办”（牵头单位：市大数据局）</p>
<ol>
<li>全面推行电子证照应用，6月底前完成。</li>
<li>推进政务服务事项“跨省通办”，年底前完成。
  <ol><li>梳理跨省通办事项清单，3月底前完成。</li><li>上线跨省通办专区，10月底前完成。</li></ol></li>
</ol>
<p>（二）优化不动产登记（牵头单位：市自然资源和规划局）</p>
<ol start="3"><li>一般登记业务办理时间压缩至3个工作日，9月底前完成。</li>
<li value="5">推行不动产登记“全程网办”，8月底前上线。</li></ol>
</div></body></html>"""

OL_SUMMARY = [
    ("1.1", "全面推行电子证照应用，6月底前完成", ("市大数据局",), (),
     (("6月底前", "by", date(2023, 6, 30)),)),
    ("1.2", "推进政务服务事项“跨省通办”，年底前完成", ("市大数据局",), (),
     (("年底前", "by", date(2023, 12, 31)),)),
    ("1.2.1", "梳理跨省通办事项清单，3月底前完成", ("市大数据局",), (),
     (("3月底前", "by", date(2023, 3, 31)),)),
    ("1.2.2", "上线跨省通办专区，10月底前完成", ("市大数据局",), (),
     (("10月底前", "by", date(2023, 10, 31)),)),
    ("2.3", "一般登记业务办理时间压缩至3个工作日，9月底前完成", ("市自然资源和规划局",), (),
     (("9月底前", "by", date(2023, 9, 30)),)),
    ("2.5", "推行不动产登记“全程网办”，8月底前上线", ("市自然资源和规划局",), (),
     (("8月底前", "by", date(2023, 8, 31)),)),
]


def test_html_ordered_list_numbers_are_written_out(tmp_path: Path) -> None:
    """<ol><li> items get the numbers a browser shows ("1." from start=, value= resets),
    a list inside an item "（1）"; an item that has its own number keeps only that."""
    path = tmp_path / "ol.html"
    path.write_text(OL_PAGE, encoding="utf-8")
    lines = [li.strip() for li in read_source(path).split("\n") if li.strip()]
    assert lines[0] == "某某市优化营商环境行动方案"  # the headline above #zoom
    assert lines[3:9] == [
        "1.全面推行电子证照应用，6月底前完成。", "2.推进政务服务事项“跨省通办”，年底前完成。",
        "（1）梳理跨省通办事项清单，3月底前完成。", "（2）上线跨省通办专区，10月底前完成。",
        "（二）优化不动产登记（牵头单位：市自然资源和规划局）",
        "3.一般登记业务办理时间压缩至3个工作日，9月底前完成。",
    ]
    doc = parse_file(path, year=2023)
    assert doc.document.title == "某某市优化营商环境行动方案"
    assert summary(doc) == OL_SUMMARY
    numbered = OL_PAGE.replace("<li>全面", "<li>1. 全面")
    path.write_text(numbered, encoding="utf-8")
    assert "\n1. 全面推行电子证照应用" in read_source(path)
    assert summary(parse_file(path, year=2023)) == OL_SUMMARY


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("iso-8859-1", "gb18030"), ("windows-1252", "gb18030"), ("iso-8859-1", "utf-8"),
     ("gb2312", "utf-8"), ("utf-8", "gb18030")],
)
def test_html_charset_that_lies_gives_way_to_chinese(
    tmp_path: Path, declared: str, encoding: str
) -> None:
    """A template's <meta charset=iso-8859-1> over GBK bytes reads as Chinese, not "ÎªÉîÈë"."""
    page = OL_PAGE.replace('<meta charset="utf-8">', f'<meta http-equiv="Content-Type" '
                           f'content="text/html; charset={declared}">')
    path = tmp_path / "lying.html"
    path.write_bytes(page.encode(encoding))
    doc = parse_file(path, year=2023)
    assert doc.document.title == "某某市优化营商环境行动方案"
    assert summary(doc) == OL_SUMMARY


def test_html_latin1_page_that_is_latin1_stays_latin1(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><div id="zoom">'
                     '<p>Café crème à la française, 1. Préambule</p></div></body></html>'
                     .encode("latin-1"))
    assert read_source(path) == "Café crème à la française, 1. Préambule"


def test_html_headline_from_the_page_title_when_none_stands_above(tmp_path: Path) -> None:
    """No h1 above the container: the <title>'s piece that ends like a plan's title."""
    page = OL_PAGE.replace("<h1>某某市优化营商环境行动方案</h1>", "")
    path = tmp_path / "titled.html"
    path.write_text(page, encoding="utf-8")
    assert read_source(path).split("\n")[0] == "某某市优化营商环境行动方案"
    doc = parse_file(path, year=2023)
    assert doc.document.title == "某某市优化营商环境行动方案"
    assert summary(doc) == OL_SUMMARY
    # …and not when the container starts with the title itself.
    inside = page.replace('<div id="zoom">', '<div id="zoom"><p>某某市优化营商环境行动方案</p>')
    path.write_text(inside, encoding="utf-8")
    assert read_source(path).count("某某市优化营商环境行动方案") == 1


HEADER_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<header class="site-head"><h1><a href="/">某某市人民政府</a></h1></header>
<article class="article-container">
<header class="policy-header"><h1 class="policy-title">某某区支持创业发展若干措施（征求意见稿）</h1>
<div class="policy-meta"><span>2026-03-01</span></div></header>
<div class="policy-body">
<p>某政办发〔2026〕3号</p>
<p>各街道办事处，区直各部门：</p>
<p>某某区支持创业发展若干措施（征求意见稿）</p>
<h2>一、创业场地支持</h2>
<p>为创业团队提供办公工位，免费使用期不低于3个月，6月底前完成（牵头单位：区科技局）。</p>
<h2>二、创业资金支持</h2>
<p>对新创企业给予创业资金奖励，年底前兑现（牵头单位：区财政局）。</p>
</div></article></body></html>"""


def test_html_headline_from_an_h1_in_a_dropped_header(tmp_path: Path) -> None:
    """The page's <h1> sits in a <header> (dropped with the page chrome): it is the first line,
    and the document's title, not the notice's number or a numbered heading; a site's name in
    a logo <h1> is not; the measures are the same as without it."""
    path = tmp_path / "header.html"
    path.write_text(HEADER_PAGE, encoding="utf-8")
    lines = [li for li in read_source(path).split("\n") if li.strip()]
    assert lines[:2] == ["某某区支持创业发展若干措施（征求意见稿）", "某政办发〔2026〕3号"]
    assert not any("某某市人民政府" in li for li in lines)
    doc = parse_file(path, year=2026)
    assert doc.document.title == "某某区支持创业发展若干措施（征求意见稿）"
    untitled = HEADER_PAGE.replace("某某区支持创业发展若干措施（征求意见稿）</h1>", "某某市人民政府</h1>")
    path.write_text(untitled, encoding="utf-8")
    assert next(li for li in read_source(path).split("\n") if li.strip()) == "某政办发〔2026〕3号"
    before = parse_file(path, year=2026)
    assert before.document.title == "某政办发〔2026〕3号"
    assert [(m.id, m.title, m.lead, m.deadlines[0].date) for _, m in doc.walk()] == [
        (m.id, m.title, m.lead, m.deadlines[0].date) for _, m in before.walk()] != []
    # The body starting with the title itself: not written twice.
    bare = HEADER_PAGE.replace("<p>某政办发〔2026〕3号</p>\n<p>各街道办事处，区直各部门：</p>\n", "")
    path.write_text(bare, encoding="utf-8")
    assert read_source(path).count("某某区支持创业发展若干措施") == 1
