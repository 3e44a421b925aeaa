"""Reading a ``.pdf`` through its text layer (pypdf), without page furniture.

Each page's text is split into lines; what repeats at the top or bottom of the pages (running
headers such as "泰安市人民政府办公室文件", footers, "- 3 -", "第3页 共12页") is removed.
Within a page, lines that run to the right margin are joined with the next (the text layer
has one line per printed line, a paragraph is what we want), and pages are joined with a blank
line. The result looks like the seed, which was extracted from a PDF the same way: one line
per paragraph, and a sentence a page break cut in two stays cut, for the parser's outline to
join and record.

A PDF without a text layer (a scan) is refused with a message saying so; OCR is not ours.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from reformctl.errors import InputError
from reformctl.parse.clean import PAGE_NUMBER, fold_radicals

BARE_DIGITS = re.compile(r"^\s*(\d{1,4})\s*$")
# How many lines at each edge of a page may be furniture.
EDGE_LINES = 2
# A header or footer repeats on at least this share of pages (and on at least 2 of them).
REPEAT_SHARE = 0.5
# Reflow: a line at least this wide (in half-width units, 2 per Chinese character) is a full
# line when it is within FULL_LINE_SLACK of the document's typical full line.
MIN_FULL_WIDTH = 24
FULL_LINE_SLACK = 4
FULL_LINE_PERCENTILE = 0.75
SENTENCE_END = "。；;）)！!？?：:"
# A line that starts a new block is never joined onto the previous one: "2.", "（三）",
# "一、", "(1)", "①", "配套措施—…", "附件".
STARTS_BLOCK = re.compile(
    r"^\s*(?:\d{1,3}\s*[.．、﹒](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]|"
    r"[一二三四五六七八九十]{1,3}[、．.]|[\u2460-\u2473]|附件|.{0,20}配套措施)"
)


def pdf_to_text(data: bytes, path: str) -> str:
    # Radicals for characters ("⼀、", "6⽉底前") folded first: the block marks of the reflow
    # below, the furniture keys and the parser's whole-text looks all see ordinary text.
    pages = [fold_radicals(page) for page in _page_texts(data, path)]
    if not any(p.strip() for p in pages):
        raise InputError(
            "the PDF has no text layer (a scanned image?); run OCR on it first", path=path
        )
    pages = strip_page_furniture(pages)
    full = full_line_width(pages)
    return "\n\n".join(reflow(page, full) for page in pages)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _page_texts(data: bytes, path: str) -> list[str]:
    from reformctl.parse.read.decode import quiet

    with quiet("pypdf"):
        return _extract(data, path)


def _extract(data: bytes, path: str) -> list[str]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - unsupported encryption algorithms, missing deps
                ok = False
            if not ok:
                raise InputError("the PDF is encrypted with a password", path=path)
        # A font's map may give lone surrogates (U+D800): text that cannot be written.
        return [_SURROGATE.sub("\ufffd", page.extract_text() or "") for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on malformed files
        message = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError("cannot read PDF: {reason}", path=path,
                         params={"reason": message}) from None


def strip_page_furniture(pages: Sequence[str]) -> list[str]:
    """The text of each page without running headers, footers and page numbers."""
    split = [[line.rstrip() for line in page.replace("\r\n", "\n").split("\n")]
             for page in pages]
    repeated = _repeated_edges(split)
    out: list[str] = []
    for index, lines in enumerate(split):
        kept = _strip_edges(lines, index, repeated)
        out.append("\n".join(kept))
    return out


def display_width(text: str) -> int:
    """Width in half-width units: Chinese characters and full-width forms count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def full_line_width(pages: Sequence[str]) -> int | None:
    """The width of a line that runs margin to margin, or None when lines are all short."""
    widths = sorted(display_width(line.strip()) for page in pages for line in page.split("\n")
                    if line.strip())
    if not widths:
        return None
    typical = widths[min(len(widths) - 1, int(len(widths) * FULL_LINE_PERCENTILE))]
    return typical if typical >= MIN_FULL_WIDTH else None


def reflow(page: str, full: int | None) -> str:
    """Join each line that reaches the right margin with the line after it."""
    lines = page.split("\n")
    if full is None or len(lines) < 2:
        return page
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        if _continues(previous, line, full):
            # Latin words wrap at a space the text layer dropped; Chinese and numbers do not.
            last, first = previous.rstrip()[-1:], line.lstrip()[:1]
            joiner = " " if _latin(last) and _latin(first) else ""
            out[-1] = previous.rstrip() + joiner + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _continues(previous: str, line: str, full: int) -> bool:
    """Whether ``line`` is the rest of ``previous``'s paragraph.

    ``previous`` must reach the margin, and ``line`` must not start a block. A full line that
    closes a sentence ("…（牵头部门：市行政审批服务局）") followed by a short line is a paragraph
    end followed by a heading ("泰安市优化营商环境创新突破行动"), not a wrap.
    """
    before, after = previous.strip(), line.strip()
    if not before or not after or STARTS_BLOCK.match(after):
        return False
    if display_width(before) < full - FULL_LINE_SLACK:
        return False
    return not (before[-1] in SENTENCE_END and display_width(after) < full - FULL_LINE_SLACK)


def _edge_indexes(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edge = filled[:EDGE_LINES] + filled[-EDGE_LINES:]
    return sorted(set(edge))


def _key(line: str) -> str:
    """Header identity: digits vary from page to page ("第3页"), spacing does too."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _repeated_edges(pages: list[list[str]]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(lines[i]) for i in _edge_indexes(lines)})
    needed = max(2, int(len(pages) * REPEAT_SHARE + 0.999))
    # A key of digits and dashes only is a page number: PAGE_NUMBER and BARE_DIGITS judge those.
    return {key for key, n in counts.items() if n >= needed and re.search(r"[^\W_]", key)}


def _strip_edges(lines: list[str], index: int, repeated: set[str]) -> list[str]:
    drop = set()
    for i in _edge_indexes(lines):
        line = lines[i]
        if PAGE_NUMBER.match(line) or _key(line) in repeated:
            drop.add(i)
            continue
        m = BARE_DIGITS.match(line)
        # A bare number counts only when it is this page's number (or one off: a cover page).
        if m and int(m.group(1)) in (index, index + 1, index + 2):
            drop.add(i)
    kept = [line for i, line in enumerate(lines) if i not in drop]
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


__all__ = ["pdf_to_text", "strip_page_furniture", "reflow", "full_line_width"]
