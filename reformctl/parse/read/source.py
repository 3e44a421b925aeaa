"""Reading a source document into text, whatever its format.

``read_source(path)`` is the one entry point: it refuses what is not a document (missing,
directory, device, too big, binary) with an ``InputError`` naming the file, picks a reader by
content and suffix (plain text, ``.docx``, ``.pdf``, ``.html``), and returns LF-normalized
text, so the rest of the parser only ever sees lines. The format readers are imported when a
file needs them (their libraries are heavy); none of them imports this module.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from reformctl.errors import InputError, Wording, os_reason, wording
from reformctl.parse.read.decode import decode_text, finish_text

MAX_BYTES = 50 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx"})
PDF_SUFFIXES = frozenset({".pdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".shtm", ".jhtml"})
# Suffixes we know we cannot read; a clear refusal beats a page of mojibake.
UNSUPPORTED_SUFFIXES = {
    ".doc": wording("old Word .doc files are not supported; save it as .docx"),
    ".wps": wording("WPS files are not supported; save it as .docx"),
    ".ofd": wording("OFD files are not supported; export it as PDF or .docx"),
    ".xls": wording("spreadsheets are not supported; save the table as .docx or text"),
    ".xlsx": wording("spreadsheets are not supported; save the table as .docx or text"),
}

# An HTML page saved as .txt (or without suffix): "<!DOCTYPE html>", "<html lang=zh>".
HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                        re.IGNORECASE | re.DOTALL)


def read_source(path: str | Path) -> str:
    """The text of a source document, newlines normalized to LF."""
    p = Path(path)
    data = read_bytes(p)
    text = decode_document(data, p)
    return finish_text(text, str(p))


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, never more in memory."""
    name = str(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("no such file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except (OSError, ValueError) as exc:
        raise InputError("cannot read: {reason}", path=name,
                         params={"reason": _reason(exc)}) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a document", path=name)
    if not stat.S_ISREG(st.st_mode):
        # A FIFO would block and /dev/zero would never end: refuse before opening.
        raise InputError("not a regular file (a device, pipe or socket)", path=name)
    if st.st_size > limit:
        raise _too_big(st.st_size, limit, name)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError("cannot read: {reason}", path=name,
                         params={"reason": _reason(exc)}) from None
    if len(data) > limit:  # it grew while we looked, or stat did not know (/proc)
        raise _too_big(len(data), limit, name, more=True)
    return data


def decode_document(data: bytes, path: Path) -> str:
    """Pick the reader by content first (a PDF named .txt is still a PDF), then by suffix."""
    name = str(path)
    suffix = path.suffix.lower()
    if data.startswith(PDF_MAGIC) or (suffix in PDF_SUFFIXES and data):
        from reformctl.parse.read.pdf import pdf_to_text

        return pdf_to_text(data, name)
    if data.startswith(ZIP_MAGIC):
        if suffix in DOCX_SUFFIXES or _zip_has(data, "word/document.xml"):
            from reformctl.parse.read.docx import docx_to_text

            return docx_to_text(data, name)
        raise InputError(_zip_kind(data), path=name)
    if suffix in DOCX_SUFFIXES and data:
        raise InputError("not a .docx file (no ZIP signature); is it an old .doc renamed?",
                         path=name)
    if suffix in UNSUPPORTED_SUFFIXES and data:
        raise InputError(UNSUPPORTED_SUFFIXES[suffix], path=name)
    if suffix in HTML_SUFFIXES or HTML_START.match(data[:4096]):
        from reformctl.parse.read.html import html_to_text

        return html_to_text(data, name)
    return decode_text(data, name)


def _zip_has(data: bytes, member: str) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _zip_kind(data: bytes) -> Wording:
    if _zip_has(data, "xl/workbook.xml"):
        return wording("an Excel workbook; save the table as .docx or text")
    if _zip_has(data, "ppt/presentation.xml"):
        return wording("a PowerPoint file, not a plan document")
    if _zip_has(data, "content.xml"):
        return wording("an OpenDocument file; save it as .docx")
    return wording("a ZIP archive, not a document; unpack it first")


def _too_big(size: int, limit: int, name: str, more: bool = False) -> InputError:
    if more:
        return InputError("file is more than {limit} MB; the limit is {limit} MB", path=name,
                          params={"limit": format(limit / 2**20, ".0f")})
    return InputError("file is {size} MB; the limit is {limit} MB", path=name,
                      params={"size": format(size / 2**20, ".1f"),
                              "limit": format(limit / 2**20, ".0f")})


def _reason(exc: BaseException) -> str:
    return os_reason(exc)  # a Wording for the usual errors: translated when shown


__all__ = ["MAX_BYTES", "decode_document", "read_bytes", "read_source"]
