"""Domain exceptions. The library raises these; the CLI turns each into one line and exit 2."""

from __future__ import annotations

import errno
from collections.abc import Callable


class ReformctlError(Exception):
    """Base class: carries the file and, where known, the line or the path inside the file.

    ``message`` is in the reader's language where the raiser translates it (``_()``); the
    parser's readers know no gettext, so they give the English template and its parameters
    (``InputError("cannot read PDF: {reason}", path=p, params={"reason": r})``), translated
    when the error is shown (``text``); ``message`` then holds the English words."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 params: dict[str, object] | None = None) -> None:
        self.template = message
        self.params = params
        if params is not None:
            message = _render(message, params, str)
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    @property
    def text(self) -> str:
        """The message in the language in use (without the file and line)."""
        from reformctl.i18n import _

        if self.params is None:
            return _(self.template)
        return _render(self.template, self.params, _)

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.text}" if where else self.text


class Wording(str):
    """An English wording in an error's parameters (a kind of file, a reason), translated
    with the message when it is shown."""


def wording(message: str) -> Wording:
    """Marks ``message`` for the catalogs (tools/catalogs.py) and for translation when the
    error holding it is shown: the parser's readers know no gettext."""
    return Wording(message)


def _render(template: str, params: dict[str, object], translate: Callable[[str], str]) -> str:
    """``template`` with ``params``; a Wording among them is translated and filled in too."""
    values = {k: translate(v).format(**params) if isinstance(v, Wording) else v
              for k, v in params.items()}
    return translate(template).format(**values)


# The reasons of the OS errors a user meets, in the system's English words (what strerror
# says), marked for the catalogs: a file that cannot be read or written says why in the
# reader's language.
OS_REASONS = {
    errno.EACCES: wording("permission denied"),
    errno.EPERM: wording("operation not permitted"),
    errno.ENOENT: wording("no such file or directory"),
    errno.ENOTDIR: wording("not a directory"),
    errno.EISDIR: wording("is a directory"),
    errno.ENOSPC: wording("no space left on device"),
    errno.EDQUOT: wording("disk quota exceeded"),
    errno.EROFS: wording("read-only file system"),
    errno.EIO: wording("input/output error"),
    errno.ENAMETOOLONG: wording("file name too long"),
    errno.ELOOP: wording("too many levels of symbolic links"),
    errno.EBUSY: wording("device or resource busy"),
    errno.ETXTBSY: wording("text file busy"),
}


def os_reason(exc: BaseException) -> str:
    """Why an OS call failed, lower case: a Wording (translated where it is shown) for the
    usual errors, else the system's own words."""
    if isinstance(exc, OSError):
        if exc.errno in OS_REASONS:
            return OS_REASONS[exc.errno]
        if exc.strerror:
            return exc.strerror.lower()
    return str(exc)


class InputError(ReformctlError):
    """A source document or corpus file that cannot be read or understood."""


class SchemaError(ReformctlError):
    """A YAML file that does not match its JSON Schema; ``line`` is set when known."""


class UsageError(ReformctlError):
    """A request that makes no sense (unknown measure id, bad date, bad option value)."""
