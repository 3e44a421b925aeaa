"""Reading a ``.docx`` (python-docx): paragraphs and tables in document order, as text lines.

* Every paragraph is one line; a soft line break inside it (Shift+Enter) is one more line.
* Word's automatic list numbering is written out ("1." "（一）" "一、"), because the parser
  finds measures by their numbering marks and Word keeps those marks out of the text.
* Tables are flattened by ``read_table.flatten_table`` (one line per row, header-aware).
* Content controls (``w:sdt``) are read through; text boxes, headers and footers are not.

python-docx is imported here, inside the function, so that reading a ``.txt`` never pays for it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from reformctl.errors import InputError
from reformctl.parse.read_table import Cell, Header, flatten_table

# A .docx is a ZIP; refuse archives that would inflate past this (a "zip bomb").
MAX_UNPACKED_BYTES = 400 * 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def docx_to_text(data: bytes, path: str) -> str:
    from reformctl.parse.read import quiet

    _check_archive(data, path)
    try:
        import docx

        with quiet("docx"):
            document = docx.Document(io.BytesIO(data))
            numbering = _Numbering(document)
            lines = list(_body_lines(document, numbering))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds on bad files
        raise InputError(f"cannot read .docx: {_short(exc)}", path=path) from None
    return "\n".join(lines)


def _check_archive(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"not a valid .docx (broken ZIP: {_short(exc)})", path=path) from None
    if "word/document.xml" not in names:
        raise InputError("not a .docx: the ZIP has no word/document.xml", path=path)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"the .docx unpacks to {total // 2**20} MB; the limit is "
            f"{MAX_UNPACKED_BYTES // 2**20} MB", path=path)


def _body_lines(document: Any, numbering: _Numbering) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    carry: Header | None = None
    for element in _blocks(body):
        if element.tag == f"{W}p":
            paragraph = Paragraph(element, document)
            prefix = numbering.label(paragraph)
            text = paragraph.text
            if prefix and text.strip():
                text = prefix + text
            yield from text.split("\n")
        elif element.tag == f"{W}tbl":
            lines, carry = flatten_table(_table_rows(Table(element, document)), carry)
            yield from lines


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _table_rows(table: Any) -> list[list[Cell]]:
    """Rows of cells: spans across columns become empty cells, merges down are ``continued``."""
    rows: list[list[Cell]] = []
    above: list[Any] = []
    for row in table.rows:
        cells: list[Cell] = []
        tcs: list[Any] = []
        previous = None
        for i, cell in enumerate(row.cells):
            tc = cell._tc
            tcs.append(tc)
            if tc is previous:
                cells.append(Cell(""))  # the same cell spanning a second column
            elif i < len(above) and tc is above[i]:
                cells.append(Cell(_cell_text(cell), continued=True))
            else:
                cells.append(Cell(_cell_text(cell)))
            previous = tc
        above = tcs
        rows.append(cells)
    return rows


def _cell_text(cell: Any) -> str:
    parts: list[str] = []
    for element in _blocks(cell._tc):
        if element.tag == f"{W}p":
            from docx.text.paragraph import Paragraph

            parts.append(Paragraph(element, cell).text)
        else:  # a table inside a cell: its rows, one per line
            from docx.table import Table

            lines, _ = flatten_table(_table_rows(Table(element, cell)))
            parts.extend(lines)
    return "\n".join(parts)


# -- automatic numbering -----------------------------------------------------------------------

CN_DIGITS = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (enough for list numbering)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _chinese(rest) if rest < 10 else
                                     (_chinese(rest) if rest >= 20 else "一" + _chinese(rest)))
        return CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "chineseLegalSimplified", "taiwaneseCounting", "japaneseCounting"):
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Word list numbering (numbering.xml) turned back into the text a reader sees."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstract → lvl → fmt
        self.num_to_abstract: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for abstract in root.findall(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            if aid is None:
                continue
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in abstract.findall(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                start = _val(lvl, "start", "1")
                fmt = _val(lvl, "numFmt", "decimal")
                text = _val(lvl, "lvlText", "")
                levels[ilvl] = (int(start) if start.isdigit() else 1, fmt, text)
            self.levels[aid] = levels
        for num in root.findall(f"{W}num"):
            nid = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if nid is not None and ref is not None:
                self.num_to_abstract[nid] = ref.get(f"{W}val", "")
        self._read_styles(document)

    def _read_styles(self, document: Any) -> None:
        try:
            styles = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for style in styles.findall(f"{W}style"):
            sid = style.get(f"{W}styleId")
            found = _num_pr(style.find(f"{W}pPr"))
            if sid and found is not None:
                self.style_num[sid] = (found[0], found[1] or 0)

    def label(self, paragraph: Any) -> str:
        ppr = paragraph._p.pPr
        found = _num_pr(ppr)
        num_id: str | None = None
        ilvl: int | None = None
        if found is not None:
            num_id, ilvl = found
        style_id = ppr.find(f"{W}pStyle") if ppr is not None else None
        sid = style_id.get(f"{W}val") if style_id is not None else None
        if sid in self.style_num:
            style_num, style_lvl = self.style_num[sid]
            num_id = num_id or style_num
            ilvl = style_lvl if ilvl is None else ilvl
        if not num_id or num_id == "0":
            return ""
        ilvl = ilvl or 0
        abstract = self.num_to_abstract.get(num_id)
        if abstract is None or abstract not in self.levels:
            return ""
        levels = self.levels[abstract]
        counters = self.counters.setdefault(abstract, {})
        start = levels.get(ilvl, (1, "decimal", ""))[0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new "一、" restarts its "（一）" list
        _, fmt, template = levels.get(ilvl, (1, "decimal", f"%{ilvl + 1}."))
        if fmt in ("bullet", "none"):
            return ""
        out = template
        for k in range(ilvl, -1, -1):
            k_start, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            value = counters.get(k, k_start)
            out = out.replace(f"%{k + 1}", _format(value, fmt if k == ilvl else k_fmt))
        return out


def _num_pr(ppr: Any) -> tuple[str, int | None] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_el = num_pr.find(f"{W}numId")
    lvl_el = num_pr.find(f"{W}ilvl")
    if num_el is None:
        return None
    lvl = lvl_el.get(f"{W}val") if lvl_el is not None else None
    return num_el.get(f"{W}val", "0"), int(lvl) if lvl and lvl.isdigit() else None


def _val(parent: Any, tag: str, default: str) -> str:
    el = parent.find(f"{W}{tag}")
    return el.get(f"{W}val", default) if el is not None else default


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


__all__ = ["docx_to_text"]
