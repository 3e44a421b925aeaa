"""Help in the reader's language: the command tree is translated when it is shown.

Help texts are written in English in the sources (docstrings, ``help=``), and extracted into
the catalogs by ``tools/catalogs.py``; here, just before click formats a help page or parses
a command line, each command's and option's help, the metavars and typer's own words
("Options", "default: …", "Usage:") are swapped for the language in use. The English
originals are kept on the objects, so a second language in the same process (tests) works.

Global options: ``--lang`` is taken out of the argument list wherever it stands (before or
after the command) and applied before anything is parsed, so that ``reformctl due --help
--lang en`` is English too; ``--corpus`` may stand before the command as well.
"""

from __future__ import annotations

import re
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup

from reformctl.errors import UsageError
from reformctl.i18n import N_, LanguageError, _, set_language

# typer's and click's own words on a help page or in a usage error, for the catalogs.
FRAMEWORK_MESSAGES = (
    N_("Usage: "), N_("Options"), N_("Commands"), N_("Arguments"), N_("default: {default}"),
    N_("required"), N_("env var: {var}"), N_("Show this message and exit."),
    N_("Missing command."), N_("No such command {name!r}."), N_("Aborted!"), N_("(dynamic)"),
)

# Metavars by option name: what a value looks like, not its Python type ("<str>").
METAVARS = {
    "as_of": N_("YYYY-MM-DD"), "date": N_("YYYY-MM-DD"), "month": N_("1-12"),
    "year": N_("YYYY"), "within": N_("DAYS"), "remind": N_("DAYS"), "dept": N_("DEPT"),
    "plan": N_("PLAN"), "grep": N_("REGEX"), "corpus": N_("PATH"), "output": N_("PATH"),
    "fmt": N_("FORMAT"), "lang": N_("zh|en"), "by": N_("plan|dept"), "status": N_("STATUS"),
    "document": N_("NAME"), "check": N_("CHECK"), "fail_on": N_("SEVERITY"),
    "overlap_threshold": N_("0-1"), "note": N_("TEXT"), "title": N_("TEXT"),
    "headers": N_("zh|en|keys"), "recipients": N_("FILE"), "template": N_("FILE"),
    "on": N_("YYYY-MM-DD"), "status.by": N_("NAME"), "fallback": N_("ADDRESS"),
    "sender": N_("ADDRESS"), "smtp_user": N_("USER"), "password_file": N_("FILE"),
    "sendmail_path": N_("PATH"), "retries": N_("N"), "retry_delay": N_("SECONDS"),
    "config": N_("FILE"), "from_name": N_("TEXT"), "subject_prefix": N_("TEXT"),
    "threshold": N_("0-1"), "replaces": N_("NAME"), "timeout": N_("SECONDS"),
    # arguments
    "files": N_("FILE..."), "old": N_("OLD"), "new": N_("NEW"),
}
GLOBAL_LANG = "--lang"


def hoist_language(args: list[str]) -> list[str]:
    """Apply every ``--lang X`` / ``--lang=X`` in ``args`` and return the rest (the last one
    wins; none: the environment decides). Stops at ``--``."""
    rest: list[str] = []
    chosen: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == GLOBAL_LANG and i + 1 < len(args):
            chosen = args[i + 1]
            i += 2
            continue
        if arg.startswith(GLOBAL_LANG + "="):
            chosen = arg.split("=", 1)[1]
            i += 1
            continue
        rest.append(arg)
        i += 1
    try:
        set_language(chosen)
    except LanguageError as exc:
        raise UsageError(str(exc)) from None
    return rest


def _original(obj: Any, attr: str) -> Any:
    """The English value of ``attr``, saved on first use."""
    saved = f"_en_{attr}"
    if not hasattr(obj, saved):
        setattr(obj, saved, getattr(obj, attr, None))
    return getattr(obj, saved)


def localize_params(command: Any) -> None:
    for param in command.params:
        help_text = _original(param, "help")
        if help_text:
            param.help = _(help_text)
        metavar = _original(param, "metavar")
        kind = getattr(param, "param_type_name", "")
        if metavar:
            param.metavar = _(metavar)
        elif kind == "argument" or (kind == "option" and not param.is_flag):
            named = METAVARS.get(f"{command.name}.{param.name}") or METAVARS.get(param.name or "")
            param.metavar = _(named) if named else (param.name or "value").upper()
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument


def localize(command: Any) -> Any:
    """Translate ``command``'s help texts in place (idempotent; switches back to English)."""
    if command is None:
        return command
    help_text = _original(command, "help")
    if help_text:
        command.help = _(help_text)
    command.options_metavar = _("[OPTIONS]")
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = _("COMMAND [ARGS]...")
    short = _original(command, "short_help")
    if short:
        command.short_help = _(short)
    localize_params(command)
    for param in command.params:
        if param.name == "install_completion":
            param.callback = install_completion
    if isinstance(command, TyperCommand) and not isinstance(command, LocalizedCommand):
        command.__class__ = LocalizedCommand
    return command


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """--install-completion as typer does it, saying so in the reader's language."""
    if not value or ctx.resilient_parsing:
        return value
    import sys

    import typer
    from typer._completion_shared import _get_shell_name, install

    prog = ctx.find_root().info_name or "reformctl"
    shell = value if isinstance(value, str) else _get_shell_name()
    if shell not in SHELLS:
        sys.stderr.write(_("cannot install completion for this shell ({shell}): bash, zsh, "
                           "fish and PowerShell are supported").format(shell=shell) + "\n")
        raise typer.Exit(2)
    shell, path = install(shell=shell, prog_name=prog)
    sys.stdout.write(_("{shell} completion installed in {path}").format(shell=shell, path=path)
                     + "\n" + _("Completion takes effect in a new terminal.") + "\n")
    raise typer.Exit(0)


def _localized_help_option(command: Any, ctx: Any, base: Any) -> Any:
    option = base(ctx)
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


class _Argument(TyperArgument):
    """An argument's metavar without typer's braces: ``FILE...``, not ``{files}...``."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:  # type: ignore[override]
        var = self.metavar or (self.name or "").upper()
        if usage and not self.required and not var.startswith("["):
            return f"[{var}]"
        return var


class LocalizedCommand(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:
            # click's parser raises "needs a value" without the command: the hint then
            # names this command's help, not the top level's.
            if hasattr(exc, "ctx") and exc.ctx is None:
                exc.ctx = ctx
            raise

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def get_help_option(self, ctx: Any) -> Any:
        return _localized_help_option(self, ctx, super().get_help_option)


class LocalizedGroup(TyperGroup):
    """The top-level group: --lang anywhere, help in the chosen language, whole summaries."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _patch_typer_words()
        args = hoist_language(args)
        localize(self)
        return super().parse_args(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return localize(super().get_command(ctx, cmd_name))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def get_help_option(self, ctx: Any) -> Any:
        return _localized_help_option(self, ctx, super().get_help_option)

    def command_summary(self, ctx: Any, name: str) -> str | None:
        """A command's short help, else its help, in the language in use; None when it is
        hidden."""
        cmd = self.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            return None
        return str(cmd.short_help or cmd.help or "")

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with the first paragraph of its help, whole (wrapped, never cut
        with "…")."""
        rows = []
        for name in self.list_commands(ctx):
            text = self.command_summary(ctx, name)
            if text is None:
                continue
            first = text.strip().split("\n\n")[0].replace("\n", " ")
            rows.append((name, first))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


def _patch_typer_words() -> None:
    """typer's help words ("Options", "default: …") through our catalogs."""
    import typer._click.formatting
    import typer.core

    typer.core._ = _  # type: ignore[attr-defined]
    # Help columns aligned by terminal cells: 地址 is four cells wide, not two; Chinese
    # paragraphs wrapped by cells and the Chinese line-break rules, not at 78 characters.
    typer._click.formatting.term_len = _cells
    if not hasattr(typer._click.formatting, "_en_wrap_text"):
        typer._click.formatting._en_wrap_text = typer._click.formatting.wrap_text  # type: ignore[attr-defined]
        typer._click.formatting.wrap_text = _wrap_text


def _wrap_text(text: str, width: int = 78, initial_indent: str = "",
               subsequent_indent: str = "", preserve_paragraphs: bool = False) -> str:
    """click's wrap_text for text with Chinese in it: each paragraph (blank-line separated;
    one starting with a line of \\b kept as it is) wrapped to ``width`` terminal cells by
    render.wrap_cjk, its own indentation kept."""
    import typer._click.formatting as formatting

    if text.isascii():
        return str(formatting._en_wrap_text(  # type: ignore[attr-defined]
            text, width, initial_indent, subsequent_indent, preserve_paragraphs))
    from reformctl.render import wrap_cjk

    text = text.expandtabs()
    paragraphs = [p for p in text.split("\n\n")] if preserve_paragraphs else [text]
    out = []
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        if not lines:
            continue
        if lines[0].strip() == "\b":
            out.append("\n".join(initial_indent + line for line in lines[1:]))
            continue
        indent = " " * (len(lines[0]) - len(lines[0].lstrip()))
        joined = ""
        for line in (line.strip() for line in lines):
            space = " " if joined and (joined[-1].isascii() or line[:1].isascii()) else ""
            joined += space + line
        first, rest = initial_indent + indent, subsequent_indent + indent
        room = max(width - max(_cells(first), _cells(rest)), 10)
        wrapped = wrap_cjk(joined, room)
        out.append("\n".join((first if i == 0 else rest) + (line if i == 0 else line.lstrip())
                             for i, line in enumerate(wrapped)))
    return "\n\n".join(out)


def _cells(x: str) -> int:
    """Terminal cells of ``x`` without its ANSI styles (wide characters count two)."""
    import re
    from unicodedata import east_asian_width

    plain = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", x)
    if plain.isascii():
        return len(plain)
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in plain)


# -- typer's (vendored click's) usage errors, in the reader's language ---------------------
# click writes these in English only (typer 0.28 vendors it without gettext): each is
# rebuilt here from the exception's own fields (which option, which value, which range).
_REQUIRES = re.compile(r"Option '(?P<opt>[^']+)' requires (?:an argument|(?P<n>\d+) arguments)\.")
_NO_VALUE = re.compile(r"Option '(?P<opt>[^']+)' does not take a value\.")
_EXTRA = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)", re.S)
_NOT_VALID = re.compile(r"(?P<value>.+) is not a valid (?P<kind>int|integer|float|boolean)\.?"
                        r"(?: Recognized values: .*)?$", re.S)
_NOT_IN_RANGE = re.compile(r"(?P<value>\S+) is not in the range (?P<range>\S+)\.$")
# typer's suggestion after a mistyped command: "No such command 'dur'. Did you mean 'due'?"
_SUGGESTED = re.compile(r"(?P<message>.*?)\.? Did you mean (?P<names>.+)\?", re.S)
_KINDS = {"int": N_("a whole number"), "integer": N_("a whole number"),
          "float": N_("a number"), "boolean": N_("true or false")}


def usage_message(exc: Any) -> str:
    """The message of a usage error ``exc`` (click's or ours) in the language in use."""
    kind = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    if kind == "NoSuchOption":
        text = _("no such option: {option}").format(option=exc.option_name)
        if exc.possibilities:
            text += _(" (did you mean {options}?)").format(
                options=_(", ").join(sorted(exc.possibilities)))
        return text
    if kind == "MissingParameter":
        return _missing(exc)
    if kind == "BadParameter":
        return _bad_value(exc, message)
    if found := _REQUIRES.fullmatch(message):
        if found["n"]:
            return _("option {option} needs {n} values").format(option=found["opt"],
                                                               n=found["n"])
        return _("option {option} needs a value").format(option=found["opt"])
    if found := _NO_VALUE.fullmatch(message):
        return _("option {option} takes no value").format(option=found["opt"])
    if found := _EXTRA.fullmatch(message):
        return _("unexpected extra arguments: {args}").format(args=found["args"])
    if kind == "NoArgsIsHelpError":
        return message
    if found := _SUGGESTED.fullmatch(message):  # the message before it is already ours
        return found["message"].rstrip("。.") + _(" (did you mean {options}?)").format(
            options=_(", ").join(found["names"].split(", ")))
    return str(exc.format_message()) if hasattr(exc, "format_message") else str(exc)


def _hint(exc: Any) -> str:
    """Which option or argument: '--month' / '-m', or the argument's metavar (ID)."""
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        if getattr(param, "param_type_name", "") == "argument":
            return str(param.metavar or (param.name or "").upper())
        hint = param.opts or [param.name]
    if hint is None:
        return ""
    if isinstance(hint, str):
        return hint
    return " / ".join(str(h) for h in hint)


def _missing(exc: Any) -> str:
    param = getattr(exc, "param", None)
    kind = exc.param_type or (param.param_type_name if param is not None else "parameter")
    name = _hint(exc)
    if kind == "argument":
        return _("missing argument {name}").format(name=name)
    if kind == "option":
        return _("missing option {name}").format(name=name)
    return _("missing {name}").format(name=name)


def _bad_value(exc: Any, message: str) -> str:
    """'Invalid value for '--month' / '-m': 'x' is not a valid int.' → 取值无效…"""
    if found := _NOT_VALID.fullmatch(message):
        reason = _("{value} is not {kind}").format(value=found["value"],
                                                 kind=_(_KINDS[found["kind"]]))
    elif found := _NOT_IN_RANGE.fullmatch(message):
        reason = _("{value} is outside {range}").format(value=found["value"],
                                                      range=found["range"])
    else:
        reason = message  # a message of ours: translated where it was raised
    hint = _hint(exc)
    if not hint:
        return _("invalid value: {reason}").format(reason=reason)
    return _("invalid value for {option}: {reason}").format(option=hint, reason=reason)
