"""Domain exceptions. The library raises these; the CLI turns each into one line and exit 2."""

from __future__ import annotations


class ReformctlError(Exception):
    """Base class: carries the file and, where known, the line or the path inside the file."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(ReformctlError):
    """A source document or corpus file that cannot be read or understood."""


class SchemaError(ReformctlError):
    """A YAML file that does not match its JSON Schema; ``line`` is set when known."""


class UsageError(ReformctlError):
    """A request that makes no sense (unknown measure id, bad date, bad option value)."""
