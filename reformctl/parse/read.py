"""Reading a source document into text lines, with errors that name the file.

Plain text only here; other formats (docx, pdf, html) and encoding detection plug in through
``read_source`` so that the rest of the parser only ever sees text.
"""

from __future__ import annotations

from pathlib import Path

from reformctl.errors import InputError

MAX_BYTES = 50 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError("no such file", path=str(path))
    if path.is_dir():
        raise InputError("is a directory, not a document", path=str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"file is {size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB",
                path=str(path),
            )
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError("permission denied", path=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) first, then the Chinese legacy encodings."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("looks like a binary file, not a text document", path=path)
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode as UTF-8, UTF-16 or GB18030", path=path)


def read_source(path: str | Path) -> str:
    """The text of a source document, newlines normalized to LF."""
    p = Path(path)
    data = read_bytes(p)
    text = decode_text(data, str(p))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty document: nothing to parse", path=str(p))
    return text
