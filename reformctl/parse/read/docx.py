"""Reading a ``.docx`` (python-docx): paragraphs and tables in document order, as text lines.

* Every paragraph is one line; a soft line break inside it (Shift+Enter) is one more line.
* Word's automatic list numbering is written out ("1." "（一）" "一、"), because the parser
  finds measures by their numbering marks and Word keeps those marks out of the text. Body
  paragraphs and table cells (a 分工表's 序号 column) count alike, in document order, and
  "restart numbering" (``w:startOverride``) starts a list again as in Word.
* Tables are flattened by ``read_table.flatten_table`` (one line per row, header-aware).
* Content controls (``w:sdt``) are read through, block and inline; so are tracked insertions,
  simple fields, smart tags and custom XML within a paragraph (the text with its tracked
  changes accepted: deletions are left out). Text boxes, headers and footers are not read.

python-docx is imported here, inside the function, so that reading a ``.txt`` never pays for it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from reformctl.errors import InputError, wording
from reformctl.parse.read.table import Cell, Header, flatten_table

# Budgets of a .docx, checked before python-docx reads it (``_check_archive``). A .docx is a
# ZIP, and python-docx holds every XML part as a tree in memory (~20 bytes per byte of XML,
# more for many small elements), so a small file can inflate to gigabytes ("a zip bomb": 0.2
# MB unpacking to 64 MB of XML took 1.4 GB). The sizes are those the ZIP declares, which
# zipfile enforces while inflating. A long plan's word/document.xml is 1-5 MB with 100,000-
# 300,000 elements; its other XML parts (styles, numbering, headers) well under 1 MB.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # everything, pictures included
MAX_DOCUMENT_XML_BYTES = 32 * 1024 * 1024  # word/document.xml
MAX_OTHER_XML_BYTES = 16 * 1024 * 1024  # the other XML parts together
MAX_ELEMENTS = 1_000_000  # elements of word/document.xml, counted by one streaming pass

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def docx_to_text(data: bytes, path: str) -> str:
    from reformctl.parse.read.decode import quiet

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
        raise InputError("cannot read .docx: {reason}", path=path,
                         params={"reason": _short(exc)}) from None
    return "\n".join(lines)


def _check_archive(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                raise InputError("not a .docx: the ZIP has no word/document.xml", path=path)
            _check_sizes(infos, path)
            with archive.open("word/document.xml") as stream:
                _check_elements(stream, path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
        # RuntimeError: an encrypted member
        raise InputError("not a valid .docx (broken ZIP: {reason})", path=path,
                         params={"reason": _short(exc)}) from None


def _check_sizes(infos: list[zipfile.ZipInfo], path: str) -> None:
    total = sum(info.file_size for info in infos)
    document = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    other_xml = sum(i.file_size for i in infos if i.filename != "word/document.xml"
                    and i.filename.lower().endswith((".xml", ".rels")))
    for size, limit, what in (
        (total, MAX_UNPACKED_BYTES, wording("the .docx unpacks to {size} MB; the limit is "
                                            "{limit} MB")),
        (document, MAX_DOCUMENT_XML_BYTES, wording("its text (word/document.xml) is {size} "
                                                   "MB; the limit is {limit} MB")),
        (other_xml, MAX_OTHER_XML_BYTES, wording("its styles and other parts are {size} MB; "
                                                 "the limit is {limit} MB")),
    ):
        if size > limit:
            raise InputError(what, path=path, params={"size": format(size / 2**20, ".0f"),
                                                      "limit": limit // 2**20})


class _TooMany(Exception):
    pass


class _Count:
    """Target of lxml's XML parser: counts the elements as they open, keeping none."""

    def __init__(self) -> None:
        self.elements = 0

    def start(self, tag: str, attrib: object) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _TooMany()

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _check_elements(stream: IO[bytes], path: str) -> None:
    """Refuse a word/document.xml of more than MAX_ELEMENTS elements, reading it in chunks
    (memory stays flat; about 0.1 s per MB). Malformed XML is left to python-docx to report."""
    from lxml import etree

    parser = etree.XMLParser(target=_Count(), resolve_entities=False, no_network=True)
    try:
        while chunk := stream.read(1 << 20):
            parser.feed(chunk)
        parser.close()
    except _TooMany:
        raise InputError("its text (word/document.xml) has more than {limit} elements, the "
                         "limit", path=path, params={"limit": format(MAX_ELEMENTS, ",")}) from None
    except etree.LxmlError:
        pass


def _body_lines(document: Any, numbering: _Numbering) -> Iterator[str]:
    from docx.table import Table

    body = document.element.body
    carry: Header | None = None
    for element in _blocks(body):
        if element.tag == f"{W}p":
            text = _paragraph_text(element, document, numbering)
            if CONTINUED_TABLE.fullmatch(text):
                continue  # the caption over a 分工表's second page, not a line of the plan
            yield from text.split("\n")
        elif element.tag == f"{W}tbl":
            rows = _table_rows(Table(element, document), numbering)
            lines, carry = flatten_table(rows, carry)
            yield from lines


# The caption Word documents put over the second part of a table split across pages, between
# the two tables: "（续表）", "续表", "续上表" (with any spaces, half-width brackets too). Read as
# a line, it would be glued onto the measure of the table's last row above it.
CONTINUED_TABLE = re.compile(r"\s*[（(]?\s*续\s*上?\s*表\s*[）)]?\s*")


def _paragraph_text(element: Any, parent: Any, numbering: _Numbering, *,
                    bare_number: bool = False) -> str:
    """A paragraph's text with its list number written in front, as Word shows it.

    Body paragraphs and table-cell paragraphs both come through here, so they count in one
    sequence, in document order. A numbered paragraph without text keeps its bare number only
    where the number is the content (``bare_number``: a 序号 cell); in the body it would make
    an empty measure.
    """
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, parent)
    prefix = numbering.label(paragraph)
    text = "".join(run.text for run in _runs(element))
    if prefix and (text.strip() or bare_number):
        return prefix + text
    return text


# Where a paragraph keeps runs that are not its text: deleted text of tracked changes (the
# text as it now reads is wanted, as Word shows it with the changes accepted), the copy a
# move left behind, and the second rendering of an alternate content (its mc:Choice, when
# it holds runs at all, is the one read). Runs inside a text box sit within a w:r, and a
# run is never searched for runs, so text boxes stay out as before.
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
NOT_TEXT = frozenset({f"{W}del", f"{W}moveFrom", f"{MC}Fallback", f"{W}rt"})


def _runs(parent: Any) -> Iterator[Any]:
    """The runs of a paragraph in document order, with the changes accepted: direct runs, and
    runs within hyperlinks, tracked insertions ("（责任单位：市政务服务中心、…" added in
    review), simple fields (fldSimple), inline content controls (a date picker's "年底前"),
    smart tags and custom XML (python-docx's ``Paragraph.text`` reads only the first two);
    not the deleted ones (w:del, w:moveFrom)."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{W}r":
            yield child
        elif isinstance(tag, str) and tag not in NOT_TEXT and tag != f"{W}pPr":
            yield from _runs(child)


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _table_rows(table: Any, numbering: _Numbering) -> list[list[Cell]]:
    """Rows of cells: spans across columns become empty cells, merges down are ``continued``.

    Each cell is read once (python-docx hands a merged cell back for every row and column it
    spans), so its list numbers are counted once.
    """
    rows: list[list[Cell]] = []
    above: list[Any] = []
    texts: dict[Any, str] = {}  # keyed by the element itself, which keeps its proxy alive
    for row in table.rows:
        cells: list[Cell] = []
        tcs: list[Any] = []
        previous = None
        for i, cell in enumerate(row.cells):
            tc = cell._tc
            tcs.append(tc)
            if tc is previous:
                cells.append(Cell(""))  # the same cell spanning a second column
                continue
            if tc not in texts:
                texts[tc] = _cell_text(cell, numbering)
            continued = i < len(above) and tc is above[i]
            cells.append(Cell(texts[tc], continued=continued))
            previous = tc
        above = tcs
        rows.append(cells)
    return rows


def _cell_text(cell: Any, numbering: _Numbering) -> str:
    parts: list[str] = []
    for element in _blocks(cell._tc):
        if element.tag == f"{W}p":
            parts.append(_paragraph_text(element, cell, numbering, bare_number=True))
        else:  # a table inside a cell: its rows, one per line
            from docx.table import Table

            lines, _ = flatten_table(_table_rows(Table(element, cell), numbering))
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
    """Word list numbering (numbering.xml) turned back into the text a reader sees.

    A paragraph names a list instance (``w:num``, by numId), which refers to a list definition
    (``w:abstractNum``). As in Word, instances of one definition continue one another's count
    ("1. 2." under 一、, "3. 4." under 二、 when both use the same definition), unless an instance
    restarts a level with ``w:lvlOverride/w:startOverride`` (Word's "restart numbering"): that
    instance then counts on its own, from the given start ("1. 2." again under 二、).
    An override may also redefine a level's format (``w:lvlOverride/w:lvl``).

    The numbering may come by way of styles, as Word reads it:

    * a paragraph style's ``w:numPr``, or one inherited through its ``w:basedOn`` chain
      ("正文条目加粗" based on the numbered "正文条目" is numbered like it);
    * a list style: a definition with no levels of its own but a ``w:numStyleLink`` to a
      numbering style, whose ``w:numPr`` names the list instance holding the real definition
      (the one marked ``w:styleLink``). Such a list counts with that definition.
    """

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, Level]] = {}  # abstractNumId → ilvl → level
        self.num_levels: dict[str, dict[int, Level]] = {}  # numId → ilvl → level, overrides in
        self.counter_key: dict[str, str] = {}  # numId → the list its count belongs to
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}  # styleId → (numId, ilvl), inherited
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        styles = _Styles(document)
        links: dict[str, str] = {}  # abstractNumId → the numbering style it takes its list from
        for abstract in root.findall(f"{W}abstractNum"):
            aid = abstract.get(f"{W}abstractNumId")
            if aid is None:
                continue
            self.levels[aid] = {_ilvl(lvl): _level(lvl) for lvl in abstract.findall(f"{W}lvl")}
            link = abstract.find(f"{W}numStyleLink")
            if not self.levels[aid] and link is not None:
                links[aid] = link.get(f"{W}val", "")
        num_abstract = {nid: _val(num, "abstractNumId", "")
                        for num in root.findall(f"{W}num")
                        if (nid := num.get(f"{W}numId")) is not None}
        for num in root.findall(f"{W}num"):
            self._read_num(num, _linked(num_abstract.get(num.get(f"{W}numId", ""), ""),
                                        links, num_abstract, styles))
        self.style_num = styles.numbered()

    def _read_num(self, num: Any, aid: str) -> None:
        nid = num.get(f"{W}numId")
        if nid is None or aid not in self.levels:
            return
        levels = dict(self.levels[aid])
        restarts = False
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = _ilvl(override)
            lvl = override.find(f"{W}lvl")
            if lvl is not None:
                levels[ilvl] = _level(lvl)
            start = override.find(f"{W}startOverride")
            if start is not None:
                value = start.get(f"{W}val", "")
                base = levels.get(ilvl, Level(1, "decimal", f"%{ilvl + 1}."))
                levels[ilvl] = base._replace(start=int(value) if value.isdigit() else 1)
                restarts = True
        self.num_levels[nid] = levels
        self.counter_key[nid] = f"num:{nid}" if restarts else f"abstract:{aid}"

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
        if not num_id or num_id == "0" or num_id not in self.num_levels:
            return ""
        ilvl = ilvl or 0
        levels = self.num_levels[num_id]
        counters = self.counters.setdefault(self.counter_key[num_id], {})
        level = levels.get(ilvl, Level(1, "decimal", f"%{ilvl + 1}."))
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new "一、" restarts its "（一）" list
        if level.fmt in ("bullet", "none"):
            return ""
        out = level.text
        for k in range(ilvl, -1, -1):
            outer = levels.get(k, Level(1, "decimal", ""))
            out = out.replace(f"%{k + 1}", _format(counters.get(k, outer.start), outer.fmt))
        return out


# How far a style's w:basedOn chain, or a list style's link, is followed: Word's own chains
# are a few styles deep; the limit ends a loop in a broken file.
MAX_STYLE_DEPTH = 10


class _Styles:
    """The paragraph and numbering styles' list numbering (styles.xml), inheritance resolved."""

    def __init__(self, document: Any) -> None:
        self.own: dict[str, tuple[str | None, int | None]] = {}  # styleId → its numPr
        self.based_on: dict[str, str] = {}
        try:
            root = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for style in root.findall(f"{W}style"):
            sid = style.get(f"{W}styleId")
            if not sid:
                continue
            self.own[sid] = _num_pr_parts(style.find(f"{W}pPr"))
            based = style.find(f"{W}basedOn")
            if based is not None and based.get(f"{W}val"):
                self.based_on[sid] = based.get(f"{W}val", "")

    def num(self, sid: str) -> tuple[str, int] | None:
        """(numId, ilvl) of a style, each from the nearest style of its basedOn chain that
        gives it, as Word inherits paragraph properties; None when no style names a list."""
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        current: str | None = sid
        for _ in range(MAX_STYLE_DEPTH):
            if current is None or current in seen or current not in self.own:
                break
            seen.add(current)
            own_id, own_lvl = self.own[current]
            num_id = own_id if num_id is None else num_id
            ilvl = own_lvl if ilvl is None else ilvl
            if num_id is not None and ilvl is not None:
                break
            current = self.based_on.get(current)
        return None if num_id is None else (num_id, ilvl or 0)

    def numbered(self) -> dict[str, tuple[str, int]]:
        return {sid: found for sid in self.own if (found := self.num(sid)) is not None}


def _linked(aid: str, links: dict[str, str], num_abstract: dict[str, str],
            styles: _Styles) -> str:
    """The definition a list style stands for: abstractNum → w:numStyleLink → the numbering
    style → its w:numPr numId → that w:num's abstractNum (the one with w:styleLink)."""
    for _ in range(MAX_STYLE_DEPTH):
        if aid not in links:
            break
        found = styles.num(links[aid])
        target = num_abstract.get(found[0], "") if found is not None else ""
        if not target or target == aid:
            break
        aid = target
    return aid


class Level(NamedTuple):
    """One level of a list definition: "一、" is (1, "chineseCounting", "%1、")."""

    start: int
    fmt: str
    text: str


def _level(lvl: Any) -> Level:
    start = _val(lvl, "start", "1")
    return Level(int(start) if start.isdigit() else 1, _val(lvl, "numFmt", "decimal"),
                 _val(lvl, "lvlText", ""))


def _ilvl(element: Any) -> int:
    value = element.get(f"{W}ilvl", "0")
    return int(value) if value.isdigit() else 0


def _num_pr(ppr: Any) -> tuple[str, int | None] | None:
    num_id, ilvl = _num_pr_parts(ppr)
    return None if num_id is None else (num_id, ilvl)


def _num_pr_parts(ppr: Any) -> tuple[str | None, int | None]:
    """A w:pPr's w:numPr as (numId, ilvl), either None where it is not given."""
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    num_el = num_pr.find(f"{W}numId")
    lvl_el = num_pr.find(f"{W}ilvl")
    lvl = lvl_el.get(f"{W}val") if lvl_el is not None else None
    return (num_el.get(f"{W}val", "0") if num_el is not None else None,
            int(lvl) if lvl and lvl.isdigit() else None)


def _val(parent: Any, tag: str, default: str) -> str:
    el = parent.find(f"{W}{tag}")
    return el.get(f"{W}val", default) if el is not None else default


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


__all__ = ["docx_to_text"]
