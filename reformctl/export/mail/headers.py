"""What may reach a mail header: addresses checked, control characters stripped.

Anything that reaches a header (department names, titles, addresses) goes through
``header_safe`` first, so a name like "市公安局\\r\\nBcc: x" cannot add a header.
"""

from __future__ import annotations

import re
from typing import Any

from reformctl.errors import UsageError

# Control characters (CR, LF, NUL, U+2028…) have no place in a header: they are how a value
# would smuggle in "\r\nBcc: attacker@example.com".
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
# A plain addr-spec, the only form the recipients file takes: "tax@ta.gov.cn".
ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


def header_safe(text: str) -> str:
    """One line of text fit for a header: control characters become a single space."""
    return _HEADER_UNSAFE.sub(" ", text).strip()


def check_address(addr: Any, where: str = "address") -> str:
    """A bare e-mail address, or UsageError naming what was wrong."""
    if not isinstance(addr, str) or not ADDRESS.match(addr.strip()):
        raise UsageError(f"{where}: not an e-mail address: {addr!r}")
    return addr.strip()


__all__ = ["ADDRESS", "check_address", "header_safe"]
