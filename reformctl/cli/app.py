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

from reformctl.cli.localize import LocalizedGroup
from reformctl.errors import ReformctlError, UsageError
from reformctl.i18n import N_, _

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class _Group(LocalizedGroup):
    """Turns library errors into one line on stderr and exit code 2, for every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ReformctlError as exc:
            error(str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except KeyboardInterrupt:
            error(_("interrupted"))
            raise typer.Exit(130) from None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except ReformctlError as exc:  # --lang fr
            error(str(exc))
            raise typer.Exit(EXIT_BAD_INPUT) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were registered, not sorted


app = typer.Typer(
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
) -> None:
    # The options of `reformctl` itself (the help text is the app's). --lang has been
    # applied already (LocalizedGroup.parse_args takes it from anywhere).
    _GLOBAL["corpus"] = corpus


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
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(_("--as-of must be a date YYYY-MM-DD, not {value!r}")
                         .format(value=value)) from None


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
