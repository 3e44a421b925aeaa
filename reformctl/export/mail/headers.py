"""What may reach a mail header: plain-text names, addresses the mail library accepts.

Every header of a message is built in ``compose._message`` from what this module returns:
names (departments, leaders, the office, the subject) are reduced to plain text by
``plain_text`` and addresses become ``email.headerregistry.Address`` objects by ``mailbox``,
so that neither "市公安局\\r\\nBcc: x" nor an RFC 2047 encoded word that decodes to a line
break ("=?utf-8?q?=0D=0AReply-To:_x@evil.example?=") can add a header.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError, MessageDefect
from email.header import decode_header
from email.headerregistry import Address, HeaderRegistry
from typing import Any

from reformctl.errors import UsageError
from reformctl.i18n import _

# Control characters (CR, LF, NUL, U+2028…) have no place in a header: they are how a value
# would smuggle in "\r\nBcc: attacker@example.com".
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
# A plain addr-spec, the only form the recipients file takes: "tax@ta.gov.cn".
ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
# How an RFC 2047 encoded word begins. The mail library decodes "=?utf-8?q?…?=" wherever it
# meets one in a header value it is given (a display name, a subject), so plain text may not
# hold this pair: what is left after decoding becomes "= ?".
_ENCODED_WORD_START = "=?"
_DECODE_ROUNDS = 8  # an encoded word inside an encoded word inside …: decoded this often


class BadAddress(UsageError):
    """An address the mail library would refuse or read differently (a message with it is
    skipped, not sent)."""


def _decoded(text: str) -> str:
    """``text`` with its RFC 2047 encoded words decoded (once)."""
    if _ENCODED_WORD_START not in text:
        return text
    try:
        # decode_header hands the text between encoded words back as raw-unicode-escape
        # bytes without a charset (make_header would turn 公 into "\\u516c")
        return "".join(chunk.decode(charset or "raw-unicode-escape", "replace")
                       if isinstance(chunk, bytes) else chunk
                       for chunk, charset in decode_header(text))
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        return text  # not decodable: the "=?" is neutralised below


def plain_text(text: str) -> str:
    """One line of plain text fit for a header, whatever ``text`` held.

    Encoded words are decoded first (until none is left), control characters (CR and LF
    among them) then become a single space, and an "=?" still left is broken up, so that
    the mail library, which encodes the result itself, can never read a header out of it.
    """
    for _round in range(_DECODE_ROUNDS):
        decoded = _decoded(text)
        if decoded == text:
            break
        text = decoded
    text = _HEADER_UNSAFE.sub(" ", text).strip()
    return text.replace(_ENCODED_WORD_START, "= ?")


def header_safe(text: str) -> str:
    """One line of text: control characters become a single space (names as keys, settings).
    What goes into a header is ``plain_text`` of it, made in ``compose._message``."""
    return _HEADER_UNSAFE.sub(" ", text).strip()


_PARSE = HeaderRegistry()


def mailbox(name: str, addr: str) -> Address:
    """The ``Address`` of a header: ``name`` as plain text, ``addr`` as the mail library
    reads it, or BadAddress when it refuses it or would read it back differently (an
    "=?utf-8?q?=0D=0A?=@x.org" looks like an address and raises InvalidHeaderDefect)."""
    try:
        address = Address(display_name=plain_text(name), addr_spec=addr)
        back = _PARSE("To", str(address))
    except (MessageDefect, HeaderParseError, ValueError, IndexError, TypeError) as exc:
        raise BadAddress(_("bad address {addr!r}: {error}").format(addr=addr, error=exc)) from None
    if back.defects or list(getattr(back, "addresses", ())) != [address] \
            or address.addr_spec != addr:
        raise BadAddress(_("bad address {addr!r}").format(addr=addr))
    return address


def check_address(addr: Any, where: str = "address") -> str:
    """A bare e-mail address (by its form), or UsageError naming what was wrong."""
    if not isinstance(addr, str) or not ADDRESS.match(addr.strip()):
        raise UsageError(_("{where}: not an e-mail address: {addr!r}").format(where=where,
                                                                            addr=addr))
    return addr.strip()


def check_sender(addr: Any, where: str) -> str:
    """An address of the office (--from, --fallback, --summary-to): by its form and as the
    mail library reads it, so that a bad one is a usage error before anything is sent."""
    addr = check_address(addr, where)
    try:
        mailbox("", addr)
    except BadAddress as exc:
        message = f"{where}: {exc.text}"
        raise UsageError(message) from None
    return addr


__all__ = ["ADDRESS", "BadAddress", "check_address", "check_sender", "header_safe", "mailbox",
           "plain_text"]
