"""Reading and writing files safely, for every format: size and kind checked before a read,
errors that name the file, atomic writes (temp file + rename). Kept apart from yamlio so that a
command whose corpus comes from the cache never imports PyYAML (~11 ms at start-up)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from reformctl.errors import InputError, ReformctlError

# Larger than any plan document or corpus file; a bigger one is refused before it is read.
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_text_file(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> str:
    p = Path(path)
    try:
        st = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("no such file", path=str(p)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {_reason(exc)}", path=str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory", path=str(p))
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero would never end
        raise InputError("not a regular file (a device, pipe or socket)", path=str(p))
    if st.st_size > limit:
        raise InputError(f"file is larger than {limit // (1024 * 1024)} MB", path=str(p))
    try:
        with open(p, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {_reason(exc)}", path=str(p)) from None
    if len(data) > limit:
        raise InputError(f"file is larger than {limit // (1024 * 1024)} MB", path=str(p))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=str(p)) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def atomic_write(path: str | Path, text: str) -> None:
    """Write the whole file or nothing: a crash or a full disk leaves the old file intact."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write to a temp file in the same folder, then rename over the target.

    Any OS failure (no space, no permission, a folder where the file should be) becomes one
    ``ReformctlError`` naming the target, and the target keeps its old bytes.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ReformctlError(f"cannot write: {_reason(exc)}", path=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ReformctlError(f"cannot write: {_reason(exc)}", path=str(target)) from exc
        raise
