"""The typer application and what every command shares: options, error translation, stderr.

Command modules (``reformctl/cli/*_cmd.py``) import ``app`` from here and register with
``@app.command()``; they keep heavy imports inside the command functions.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from collections.abc import Callable, Iterator, MutableMapping
from datetime import date
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from reformctl.cli.localize import LocalizedGroup, usage_message
from reformctl.errors import ReformctlError, UsageError
from reformctl.i18n import N_, _

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 130, 141  # as a shell reports SIGINT and SIGPIPE
DEBUG_ENV = "REFORMCTL_DEBUG"

# typer's own click (vendored since typer 0.28): its usage errors, found without importing it.
_ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_UsageError: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
_debug = False  # --debug or $REFORMCTL_DEBUG: tracebacks of internal errors are shown


def _passes_through(exc: BaseException) -> bool:
    """typer's own control flow (Exit, Abort, usage errors) is not an error of ours."""
    return isinstance(exc, (typer.Exit, typer.Abort, _ClickException)) or type(
        exc).__name__ in ("Exit", "Abort")


class _Group(LocalizedGroup):
    """Exit codes for every command: a library error (ReformctlError) or an OS error is one
    line on stderr and exit 2; anything else is a bug, one line and exit 3 with a hint to
    rerun with --debug for the traceback. A usage error is one line too, and output that
    cannot be written (stdout closed or full) is reported instead of a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ReformctlError as exc:
            error(str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except KeyboardInterrupt:
            error(_("interrupted"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if _passes_through(exc) or _debug_wanted():
                raise
            if isinstance(exc, OSError):
                raise typer.Exit(_os_error(exc)) from None
            error(_("internal error: {kind}: {message} (a bug: rerun with --debug for the "
                    "traceback and report it)").format(kind=type(exc).__name__,
                                                       message=_one_line(str(exc))))
            raise typer.Exit(EXIT_INTERNAL) from None

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,  # type: ignore[override]
             standalone_mode: bool = True, **extra: Any) -> Any:
        if sys.stdout is None or sys.stdout.closed:
            error(_("standard output is closed"))
            return _leave(EXIT_BAD_INPUT, standalone_mode)
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except _ClickException as exc:
            code = _usage(exc)
        except typer.Abort:
            error(_("interrupted"))
            code = EXIT_INTERRUPTED
        except OSError as exc:  # raised while parsing arguments or printing --help
            code = _os_error(exc)
        code = code if isinstance(code, int) else EXIT_OK
        return _leave(_flushed(code), standalone_mode)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except ReformctlError as exc:  # --lang fr
            error(str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.table = _Commands(_REGISTERED)
        self.table.update(self.commands)  # none: typer built the group without them
        self.commands = self.table

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were registered, not sorted

    def command_summary(self, ctx: Any, name: str) -> str | None:
        """From typer's record of the command, without building its options (--help lists
        every command)."""
        if self.table.is_built(name):
            return super().command_summary(ctx, name)
        info = self.table.info(name)
        if info is None or info.hidden:
            return None
        # As typer's command gets them: help= cleaned, else the function's docstring.
        text = info.short_help or (inspect.cleandoc(info.help) if info.help is not None
                                   else inspect.getdoc(info.callback))
        return _(text) if text else ""


# The commands the command modules registered (``@app.command()``), in that order: typer's
# own records of them (CommandInfo), kept out of typer's group building (see _Commands).
_REGISTERED: list[Any] = []
_F = TypeVar("_F", bound=Callable[..., Any])


class _App(typer.Typer):
    """typer's application, whose commands are registered for the group's lazy table
    (``_Commands``) instead of being built all at once with the group."""

    def command(self, name: str | None = None, **kwargs: Any) -> Callable[[_F], _F]:  # type: ignore[override]
        register = super().command(name, **kwargs)

        def deferred(function: _F) -> _F:
            register(function)  # typer's CommandInfo, made by typer
            _REGISTERED.append(self.registered_commands.pop())
            return function

        return deferred


class _Commands(MutableMapping[str, Any]):
    """The group's commands by name, in the order they were registered, each built from its
    function only when it is looked up. typer builds a command's click options by reading its
    function's signature and evaluating its annotations, ~1.5 ms a command: `reformctl due`
    needs only `due`'s, not all twelve (``items()`` still builds every one)."""

    def __init__(self, infos: list[Any]) -> None:
        self._infos: dict[str, Any] = {
            info.name or typer.main.get_command_name(info.callback.__name__): info
            for info in infos}
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = typer.main.get_command_from_info(
                self._infos[name], pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._infos.setdefault(name, None)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._built.pop(name, None)

    def info(self, name: str) -> Any:
        """typer's record of the command (None for one added built)."""
        return self._infos.get(name)

    def is_built(self, name: str) -> bool:
        return name in self._built

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


def _debug_wanted() -> bool:
    return _debug or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "(no message)"


def _usage(exc: Exception) -> int:
    """A usage error as one line: what was wrong, and where the help is."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # `reformctl` alone: the help, whole
        sys.stderr.write(str(getattr(exc, "message", exc)).rstrip("\n") + "\n")
        return EXIT_BAD_INPUT
    message = _one_line(usage_message(exc))
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "reformctl"
    error(message + _(" (see `{command} --help`)").format(command=command))
    return EXIT_BAD_INPUT


def _os_error(exc: OSError, *, stdout: bool = False) -> int:
    """An error of the machine (a full disk, a read-only folder, a closed pipe): one line.
    Files are written through fileio, whose errors name the file; an OSError without a file
    name that a write gives (no space, I/O error, bad descriptor) is standard output's."""
    import errno

    if exc.errno == errno.EPIPE:  # the reader went away (`reformctl list | head -1`)
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    from reformctl.errors import os_reason

    reason = _one_line(_(os_reason(exc)))
    write_errors = (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG)
    if stdout or (exc.filename is None and exc.errno in write_errors):
        _silence_stdout()
        error(_("cannot write to standard output: {reason}").format(reason=reason))
    elif exc.filename is not None:
        error(f"{exc.filename}: {reason}")
    else:
        error(reason)
    return EXIT_BAD_INPUT


def _flushed(code: int) -> int:
    """Flush stdout while errors can still be reported (/dev/full fails only here)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError):
            return _os_error(exc, stdout=True) if code in (EXIT_OK, EXIT_FINDINGS) else code
        return code
    return code


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that Python's last flush at exit finds
    nowhere to fail and prints no "Exception ignored" traceback."""
    import contextlib

    with contextlib.suppress(Exception):
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


def _leave(code: int, standalone: bool) -> int:
    if standalone:
        sys.exit(code)
    return code


app = _App(
    cls=_Group,
    name="reformctl",
    help=N_("Parse Chinese government action plans into measures, owners, deadlines and "
            "targets; audit what is due, overdue, unowned or overlapping.\n\n"
            "Examples:\n\n"
            "  reformctl due --month 9\n\n"
            "  reformctl --lang en due --overdue --as-of 2021-10-01\n\n"
            "  reformctl --corpus plans/ report -o report.html"),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from reformctl import version

        sys.stdout.write(f"reformctl {version()}\n")
        raise typer.Exit(EXIT_OK)


_GLOBAL: dict[str, Any] = {"corpus": None}


@app.callback()
def _global_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help=N_("Language of tables, help and messages: zh "
                                 "or en [default: $REFORMCTL_LANG, else the locale, else zh]. "
                                 "May also follow the command."))
    ] = None,
    corpus: Annotated[
        str | None, typer.Option("--corpus", "-c", help=N_("Corpus folder or one parsed YAML "
                                 "file, for every command [default: $REFORMCTL_CORPUS or "
                                 "./corpus]."))
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error (exit 3) "
                           "[also: $REFORMCTL_DEBUG=1].")
    ] = False,
) -> None:
    # The options of `reformctl` itself (the help text is the app's). --lang has been
    # applied already (LocalizedGroup.parse_args takes it from anywhere).
    global _debug
    _GLOBAL["corpus"] = corpus
    _debug = debug


def corpus_option(option: str | None) -> str | None:
    """A command's --corpus, else the one given before the command."""
    return option if option is not None else _GLOBAL["corpus"]


def error(message: str) -> None:
    """One line on stderr (no colour when NO_COLOR is set or stderr is not a terminal)."""
    color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    word = _("error")
    prefix = f"\x1b[31m{word}:\x1b[0m " if color else f"{word}: "
    sys.stderr.write(f"reformctl: {prefix}{message}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"reformctl: {_('warning')}: {message}\n")


def fail(message: str) -> NoReturn:
    error(message)
    raise typer.Exit(EXIT_BAD_INPUT)


def open_corpus(option: str | None) -> Any:
    """The corpus of --corpus / $REFORMCTL_CORPUS / ./corpus; a warning when it holds no parsed
    document, since empty answers from an empty folder are a set-up mistake, not news."""
    from reformctl.corpus import load_corpus

    loaded = load_corpus(corpus_option(option))
    if not loaded.entries:
        warn(_("no parsed documents in {folder} (run `reformctl parse` on a source first)")
             .format(folder=loaded.root))
    return loaded


def parse_as_of(value: str | None) -> date:
    """The injectable "today": --as-of YYYY-MM-DD, else the real date."""
    if value is None:
        return date.today()
    return strict_date(value, "--as-of")


YEAR_MIN, YEAR_MAX = 1949, 2100  # the years a plan of the People's Republic can be of
MAX_DAYS = 36_500  # --within, --remind: a century of days is the most that means anything
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def strict_date(value: str, option: str) -> date:
    """YYYY-MM-DD and nothing else (Python also reads 20210930 and 2021-W39-4), a real day,
    in the years a plan can be of; else one UsageError."""
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(_("{option} must be a date YYYY-MM-DD, not {value!r}")
                         .format(option=option, value=value)) from None
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise UsageError(_("{option}: the year must be {low}-{high}, not {year}").format(
            option=option, low=YEAR_MIN, high=YEAR_MAX, year=day.year))
    return day


def finite(value: float | None) -> float | None:
    """A typer callback: refuse nan and inf (no range check holds for nan)."""
    import math

    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(_("must be a finite number, not {value}").format(value=value))
    return value


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise UsageError(_("--format must be one of {allowed}, not {value!r}")
                         .format(allowed=", ".join(allowed), value=value))
    return value


CorpusOpt = Annotated[
    str | None,
    typer.Option("--corpus", "-c", help=N_("Corpus folder or one parsed YAML file "
                 "[default: $REFORMCTL_CORPUS or ./corpus].")),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help=N_("Output: table, json, yaml, csv, tsv or md."))
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help=N_("Take this day as today (YYYY-MM-DD)."))
]
HeadersOpt = Annotated[
    str, typer.Option("--headers", help="csv/tsv header row: keys (the record's field names, "
                      "for programs), or the columns people read with zh or en headers (the "
                      "台账 for a spreadsheet).")
]
WideOpt = Annotated[
    bool, typer.Option("--wide", help="Terminal table: whole titles, nothing wrapped "
                       "(for less -S).")
]


def check_headers(value: str) -> str:
    from reformctl.render import HEADERS

    if value not in HEADERS:
        raise UsageError(_("--headers must be one of {allowed}, not {value!r}")
                         .format(allowed=", ".join(HEADERS), value=value))
    return value
