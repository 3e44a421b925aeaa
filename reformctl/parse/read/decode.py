"""Decoding a plain-text source: which encoding, and the text made ready for the parser.

Plain text is decoded in this order, cheapest and surest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) decides;
2. strict UTF-8 (nearly every file written in the last ten years);
3. UTF-16 without a mark, recognised by NUL bytes at every other position (ASCII digits and
   newlines of Chinese UTF-16 text leave them at odd offsets for LE, even for BE);
4. GB18030, the superset of GBK and GB2312 that government offices still save in, provided the
   result reads like Chinese (mostly GB2312 characters; Big5 read as GB18030 does not);
5. charset-normalizer, for everything else.

A decode that fails on a handful of bytes (a file cut off mid-character) keeps the text with
U+FFFD in their place rather than refusing a whole document for one broken character.
The HTML reader decodes pages with ``decode_text`` and ``reads_like_gb`` too, and every
reader silences its third-party library with ``quiet``.
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator

from reformctl.errors import InputError, Wording, wording

# Byte-order marks; UTF-32 first because its LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Formats that are not documents, recognised by their first bytes, with what to tell the user.
SIGNATURES: tuple[tuple[bytes, Wording], ...] = (
    (b"\x89PNG\r\n\x1a\n", wording("a PNG image")),
    (b"\xff\xd8\xff", wording("a JPEG image")),
    (b"GIF87a", wording("a GIF image")),
    (b"GIF89a", wording("a GIF image")),
    (b"II*\x00", wording("a TIFF image")),
    (b"MM\x00*", wording("a TIFF image")),
    (b"\x1f\x8b", wording("a gzip archive")),
    (b"7z\xbc\xaf\x27\x1c", wording("a 7-Zip archive")),
    (b"Rar!\x1a\x07", wording("a RAR archive")),
    (b"\x7fELF", wording("an executable")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", wording("an old Word/Excel/WPS file (OLE); save it as .docx")),
)

# Line separators other than LF that real files carry: CR LF (Windows), CR (old Mac), form
# feed (pdftotext's page break), vertical tab, NEL, and the Unicode line/paragraph separators.
OTHER_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0 controls other than tab and newlines: text has a few at most, binary files have many.
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Whitespace and invisible marks: a file of only these has nothing to parse.
BLANK = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff]*")

# Runs of horizontal whitespace longer than MAX_SPACE_RUN are cut to that length. A PDF's
# layout text or a hand-aligned table can hold thousands of spaces; they say nothing, and a
# run of n spaces costs some line-cleaning and deadline patterns O(n²) (tests/test_property.py).
MAX_SPACE_RUN = 16
LONG_SPACE_RUN = re.compile(f"[ \t\u3000\xa0]{{{MAX_SPACE_RUN + 1},}}")

# How many undecodable bytes a text may have and still be read (a truncated last character,
# one corrupted byte): at most this share of the characters, and at least a few.
DECODE_ERROR_SHARE = 0.001
DECODE_ERROR_MIN = 4
# Share of C0 control characters above which decoded "text" is taken for binary data.
CONTROL_SHARE = 0.01


def decode_text(data: bytes, path: str) -> str:
    """Decode a plain-text file; ``InputError`` when it is binary or in no known encoding."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            raise InputError("looks like {kind}, not a text document", path=path,
                             params={"kind": kind})
    text = _decode(data)
    if text is None:
        if b"\x00" in data:
            raise InputError("looks like a binary file, not a text document", path=path)
        raise InputError("cannot tell the text encoding (tried UTF-8, UTF-16, GB18030 and "
                         "detection); save it as UTF-8", path=path)
    if _too_many_controls(text):
        raise InputError("looks like a binary file, not a text document", path=path)
    return text


def finish_text(text: str, path: str) -> str:
    """LF newlines, no BOM, no NULs, no endless space runs; refuse a document with nothing in it."""
    text = OTHER_NEWLINES.sub("\n", text)
    text = text.replace("\ufeff", "").replace("\x00", "")
    text = LONG_SPACE_RUN.sub(lambda m: m.group()[:MAX_SPACE_RUN], text)
    if BLANK.fullmatch(text):
        raise InputError("empty document: nothing to parse", path=path)
    return text


# -- encodings -------------------------------------------------------------------------------


def _decode(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_mostly(data[len(bom):], encoding)
    text = _decode_mostly(data, "utf-8")
    if text is not None:
        return text
    encoding16 = _utf16_without_bom(data)
    if encoding16 is not None:
        text = _decode_mostly(data, encoding16)
        if text is not None:
            return text
    if b"\x00" in data:
        return None
    text = _decode_mostly(data, "gb18030")
    if text is not None and reads_like_gb(text):
        return text
    detected = _detect(data)
    if detected is not None:
        return detected
    return text  # GB18030 that read oddly still beats nothing


def _decode_mostly(data: bytes, encoding: str) -> str | None:
    """Strict decode; failing that, tolerate a few bad bytes (replaced by U+FFFD)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    allowed = max(DECODE_ERROR_MIN, int(len(text) * DECODE_ERROR_SHARE))
    return text if bad <= allowed else None


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order when NULs sit mostly at one parity, as ASCII in UTF-16 leaves them.

    Chinese text has some NULs at the other parity too ("一" is U+4E00), but far fewer.
    """
    sample = data[: 64 * 1024]
    if len(sample) < 4:
        return None
    if len(sample) % 2:
        sample = sample[:-1]
    pairs = len(sample) // 2
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= max(2, pairs // 50) and even <= odd // 4:
        return "utf-16-le"
    if even >= max(2, pairs // 50) and odd <= even // 4:
        return "utf-16-be"
    return None


def reads_like_gb(text: str, sample_chars: int = 20000) -> bool:
    """True when most non-ASCII characters are in GB2312 (common Chinese), as real GBK text is.

    Big5 or Shift-JIS bytes also decode as GB18030, but into rare characters.
    """
    sample = text[:sample_chars]
    wide = sum(1 for ch in sample if ord(ch) > 0x7F)
    if wide < 20:
        return True
    encoded = sample.encode("gb2312", errors="replace")
    missing = encoded.count(b"?") - sample.count("?")
    return missing <= wide * 0.05


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1024 * 1024]).best()
    if best is None or best.encoding is None:
        return None
    return _decode_mostly(data, best.encoding)


def _too_many_controls(text: str) -> bool:
    sample = text[: 64 * 1024]
    if not sample:
        return False
    return len(CONTROL.findall(sample)) > max(2, len(sample) * CONTROL_SHARE)


@contextlib.contextmanager
def quiet(*loggers: str) -> Iterator[None]:
    """Silence a third-party reader: pypdf logs "incorrect startxref pointer" and bs4 warns
    about XHTML through the root logger's last resort, i.e. onto the user's stderr, which
    must carry only our own one-line diagnostics (and nothing at all on success)."""
    saved = []
    for name in loggers:  # the package logger: its modules' loggers inherit the level
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


__all__ = ["BOMS", "decode_text", "finish_text", "quiet", "reads_like_gb"]
