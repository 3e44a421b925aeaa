"""A time budget for one document: ``with time_limit(60, path): parse_file(path)``.

The parser is linear in its input (bench/adversarial.py, ``make bench``), and its readers
refuse what would not fit their size, depth and node budgets; the time budget is the last
guard, for a shape nobody thought of. It is a wall-clock alarm (``SIGALRM``) in the process
that parses: the main process for one file, each worker of a folder parse for its document.
When it rings, an exception leaves the parse at the next bytecode (a regular expression
checks for signals as it runs) and becomes an ``InputError`` naming the file: one line, the
same as any document that cannot be read, and a folder parse goes on with the others.

Only the main thread of a process can take a signal; elsewhere (a library caller's thread,
a platform without ``setitimer``) the block runs without a limit.
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from reformctl.errors import InputError
from reformctl.i18n import _

# What `reformctl parse` allows one document unless --timeout says otherwise. A real plan
# parses in milliseconds and the adversarial shapes at well under 5 s per MB, so 60 s is
# reached only by something the budgets of the readers did not foresee.
DEFAULT_TIMEOUT = 60.0


class _Expired(BaseException):
    """Raised by the alarm. A BaseException, so that a reader's ``except Exception`` (which
    turns a library's error into "cannot read .docx: …") lets it through."""


def _available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall-clock time; past them raise
    ``InputError`` for ``path``. ``None`` or 0: no limit."""
    if not seconds or not math.isfinite(seconds) or seconds <= 0 or not _available():
        yield
        return
    running = True

    def on_alarm(signum: int, frame: object) -> None:
        if running:
            raise _Expired()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
        running = False
    except _Expired:
        raise InputError(_("stopped after {seconds} s (the --timeout budget); the document is "
                           "too large or too unusual to parse in time").format(
                               seconds=f"{seconds:g}"), path=path) from None
    except BaseException:
        running = False
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


__all__ = ["DEFAULT_TIMEOUT", "time_limit"]
