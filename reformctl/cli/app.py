"""The typer application and what every command shares: options, error translation, stderr.

Command modules (``reformctl/cli/*_cmd.py``) import ``app`` from here and register with
``@app.command()``; they keep heavy imports inside the command functions.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from reformctl.errors import ReformctlError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class _Group(TyperGroup):
    """Turns library errors into one line on stderr and exit code 2, for every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ReformctlError as exc:
            error(str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except KeyboardInterrupt:
            error("interrupted")
            raise typer.Exit(130) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were registered, not sorted


app = typer.Typer(
    cls=_Group,
    name="reformctl",
    help="Parse Chinese government action plans into measures, owners, deadlines and "
    "targets; audit what is due, overdue, unowned or overlapping.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from reformctl import version

        sys.stdout.write(f"reformctl {version()}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    # The options of `reformctl` itself (the help text is the app's).
    pass


def error(message: str) -> None:
    """One line on stderr (no colour when NO_COLOR is set or stderr is not a terminal)."""
    color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    prefix = "\x1b[31merror:\x1b[0m " if color else "error: "
    sys.stderr.write(f"reformctl: {prefix}{message}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"reformctl: warning: {message}\n")


def fail(message: str) -> NoReturn:
    error(message)
    raise typer.Exit(EXIT_BAD_INPUT)


def open_corpus(option: str | None) -> Any:
    """The corpus of --corpus / $REFORMCTL_CORPUS / ./corpus; a warning when it holds no parsed
    document, since empty answers from an empty folder are a set-up mistake, not news."""
    from reformctl.corpus import load_corpus

    loaded = load_corpus(option)
    if not loaded.entries:
        warn(f"no parsed documents in {loaded.root} (run `reformctl parse` on a source first)")
    return loaded


def parse_as_of(value: str | None) -> date:
    """The injectable "today": --as-of YYYY-MM-DD, else the real date."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of must be a date YYYY-MM-DD, not {value!r}") from None


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise UsageError(f"--format must be one of {', '.join(allowed)}, not {value!r}")
    return value


CorpusOpt = Annotated[
    str | None,
    typer.Option("--corpus", "-c", help="Corpus folder or one parsed YAML file "
                 "[default: $REFORMCTL_CORPUS or ./corpus]."),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="Output: table, json, yaml, csv or md.")
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Take this day as today (YYYY-MM-DD).")
]
