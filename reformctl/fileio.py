"""Reading and writing files safely, for every format: size and kind checked before a read,
errors that name the file, atomic writes (temp file + rename). Kept apart from yamlio so that a
command whose corpus comes from the cache never imports PyYAML (~11 ms at start-up)."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from reformctl.errors import InputError, ReformctlError
from reformctl.i18n import N_, _

# Larger than any plan document or corpus file; a bigger one is refused before it is read.
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_text_file(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> str:
    p = Path(path)
    try:
        st = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("no such file", path=str(p)) from None
    except (OSError, ValueError) as exc:
        raise InputError(_("cannot read: {reason}").format(reason=_reason(exc)),
                         path=str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory", path=str(p))
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero would never end
        raise InputError("not a regular file (a device, pipe or socket)", path=str(p))
    if st.st_size > limit:
        raise InputError(_("file is larger than {n} MB").format(n=limit // (1024 * 1024)),
                         path=str(p))
    try:
        with open(p, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=_reason(exc)),
                         path=str(p)) from None
    if len(data) > limit:
        raise InputError(_("file is larger than {n} MB").format(n=limit // (1024 * 1024)),
                         path=str(p))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=str(p)) from exc


def _reason(exc: BaseException) -> str:
    from reformctl.errors import os_reason

    return _(os_reason(exc))


def atomic_write(path: str | Path, text: str) -> None:
    """Write the whole file or nothing: a crash or a full disk leaves the old file intact."""
    atomic_write_bytes(path, text.encode("utf-8", "surrogateescape"))


# A writer's temp file: ".<name>.<pid>-<random>.tmp" beside the file it will replace.
_TMP_SUFFIX = ".tmp"
STALE_TMP_SECONDS = 3600.0  # a temp file this old is a killed writer's, whoever made it


def writable_target(path: str | Path) -> Path:
    """The file a write to ``path`` lands in, refusing what is not a regular file.

    A symbolic link is written through: its target gets the new bytes (atomically, in the
    target's folder) and the link stays a link, so a ``status.yaml`` kept elsewhere and
    linked into the corpus keeps working. A device, FIFO, socket or folder is refused (an
    ``-o /dev/null`` run as root must not replace the device with a file), and so is a
    link that leads nowhere or in a loop.
    """
    target = Path(path)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ReformctlError(_("cannot write: {reason}").format(reason=_reason(exc)),
                             path=str(target)) from None
    if stat.S_ISLNK(st.st_mode):
        real = Path(os.path.realpath(target))
        try:
            st = os.stat(real)
        except FileNotFoundError:
            raise ReformctlError("a symbolic link to nothing: give the real file",
                                 path=str(target)) from None
        except OSError as exc:
            raise ReformctlError(_("cannot write: {reason}").format(reason=_reason(exc)),
                             path=str(target)) from None
        target = real
    if stat.S_ISDIR(st.st_mode):
        raise ReformctlError("is a directory", path=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise ReformctlError("not a regular file (a device, pipe or socket): refused",
                             path=str(path))
    return target


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write to a temp file in the same folder, then rename over the target.

    Any OS failure (no space, no permission, a folder where the file should be) becomes one
    ``ReformctlError`` naming the target, and the target keeps its old bytes. A symlink is
    written through and anything but a regular file refused (see ``writable_target``);
    temp files that killed writers left beside the target are removed first.
    """
    target = writable_target(path)
    mode = 0o644
    with _cannot_write(path):
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        clean_stale_temp_files(target)
    tmp = _written_temp_file(target, data, mode, path)
    try:
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(exc, path) from exc
        raise


def write_new_file(path: str | Path, data: bytes) -> None:
    """Write a file that must not exist yet (history is never overwritten), whole or not at
    all: a full disk leaves no empty or half file behind, and a name taken meanwhile is
    ``FileExistsError``."""
    target = Path(path)
    with _cannot_write(target):
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _written_temp_file(target, data, 0o644, target)
    try:
        os.link(tmp, target)  # fails if the name exists: never replaces
    except FileExistsError:
        raise
    except OSError as exc:
        raise _write_error(exc, target) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _written_temp_file(target: Path, data: bytes, mode: int, shown: str | Path) -> str:
    """A temp file beside ``target`` holding ``data`` on disk (fsynced, ``mode``), named so
    that clean_stale_temp_files knows its writer: the first half of both ways to write.
    On failure it is removed and the error names ``shown``."""
    import tempfile  # only where a file is written: not at start-up

    with _cannot_write(shown):
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=_TMP_SUFFIX,
                                   dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(exc, shown) from exc
        raise
    return tmp


@contextlib.contextmanager
def _cannot_write(shown: str | Path) -> Iterator[None]:
    """An OSError inside becomes the one 'cannot write' error naming ``shown``."""
    try:
        yield
    except OSError as exc:
        raise _write_error(exc, shown) from None


def _write_error(exc: OSError, shown: str | Path) -> ReformctlError:
    return ReformctlError(_("cannot write: {reason}").format(reason=_reason(exc)),
                          path=str(shown))


def clean_stale_temp_files(target: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temp files of writers of ``target`` that were killed before their rename:
    those whose process is gone, and any older than an hour (a name without a pid, from an
    older reformctl, or a pid since reused). A live writer's temp file is left alone."""
    import time

    now = time.time() if now is None else now
    removed: list[Path] = []
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent)
                 if n.startswith(prefix) and n.endswith(_TMP_SUFFIX)]
    except OSError:
        return removed
    for name in names:
        path = target.parent / name
        pid_text = name[len(prefix):].partition("-")[0]
        pid = int(pid_text) if pid_text.isdigit() else None
        try:
            age = now - os.lstat(path).st_mtime
        except OSError:
            continue
        if pid is not None and pid != os.getpid() and _alive(pid) and age < STALE_TMP_SECONDS:
            continue
        if pid == os.getpid():
            continue  # our own, being written by another thread
        if pid is None and age < STALE_TMP_SECONDS:
            continue
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's process, alive
        return True
    return True


@contextlib.contextmanager
def locked(lock_path: str | Path, timeout: float, what: str = N_("the ledger")) -> Iterator[None]:
    """Hold a file lock; a lock that cannot be made (a read-only corpus) or is held past
    ``timeout`` is one ReformctlError naming the lock file, not a traceback."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise InputError(_("{what} is locked by another process (waited {seconds} s)").format(
            what=_(what), seconds=f"{timeout:.0f}"), path=str(lock_path)) from None
    except OSError as exc:  # read-only folder, no permission
        raise InputError(_("cannot lock {what}: {reason}").format(what=_(what),
                                                                  reason=_reason(exc)),
                         path=str(lock_path)) from None
    try:
        yield
    finally:
        lock.release()


def check_output_option(value: str | None, *, folder_ok: bool = False) -> None:
    """Refuse an ``-o`` that names anything but a regular file (or ``-``, or a folder where
    the command writes into one), before any work is done: see ``writable_target``."""
    if value is None or value == "-":
        return
    if folder_ok and Path(value).is_dir():
        return
    from reformctl.errors import UsageError

    try:
        writable_target(value)
    except ReformctlError as exc:
        message = f"-o: {exc.text}"
        raise UsageError(message, path=value) from None
