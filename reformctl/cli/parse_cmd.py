"""`reformctl parse` and `reformctl validate`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reformctl.cli.app import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    YEAR_MAX,
    YEAR_MIN,
    CorpusOpt,
    app,
    check_format,
    error,
    warn,
)
from reformctl.i18n import N_, _, is_chinese, ngettext

if TYPE_CHECKING:
    from reformctl.model import Warning_
    from reformctl.parse.coverage import Loss
    from reformctl.registry import Registry


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Source documents (.txt, .docx, .pdf, .html).")],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Where to write: a file, a folder, or - for stdout "
                     "[default: the corpus folder, <name>.yaml]."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="yaml or json.")] = "yaml",
    year: Annotated[
        int | None, typer.Option("--year", min=YEAR_MIN, max=YEAR_MAX, help="Plan year, when the text does not say.")
    ] = None,
    corpus: CorpusOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on stderr.")] = False,
    replaces: Annotated[
        str | None,
        typer.Option("--replaces", help="The corpus document this is a new version of "
                     "[default: the one with the same title]."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS",
                     help="Stop a document that takes longer to parse, with one line, and go "
                     "on with the others (0: no limit)."),
    ] = 60.0,
) -> None:
    """Parse plan documents into YAML (one file per document) and print a summary.

    A new version of a document already in the corpus replaces it: the previous YAML is kept
    in history/, the diff summary is printed and status entries follow their measures.

    Example: reformctl parse corpus/000_675e6135523c2031.txt
    """
    from reformctl.audit.versions import orphan_message
    from reformctl.corpus import render_document, resolve_corpus_path
    from reformctl.errors import InputError, UsageError
    from reformctl.fileio import check_output_option
    from reformctl.parse import parse_file
    from reformctl.registry import registry_for_folder
    from reformctl.usecases.batch import folder_sources
    from reformctl.usecases.documents import file_document
    from reformctl.usecases.timelimit import time_limit

    check_format(fmt, ("yaml", "json"))
    if not 0 <= timeout < float("inf"):  # also NaN
        raise UsageError(_("--timeout must be a number of seconds (0: no limit), not {value}")
                         .format(value=timeout))
    check_output_option(output, folder_ok=True)
    folder = resolve_corpus_path(corpus)
    registry = registry_for_folder(folder)
    to_stdout = output == "-"
    summary_stream = sys.stderr if to_stdout else sys.stdout
    if replaces and len(files) > 1:
        raise UsageError("--replaces takes one source document")
    out_dir = Path(output) if output and not to_stdout else folder
    sources, skipped = folder_sources(files)  # a folder → its documents
    if skipped and not quiet:
        warn(ngettext("skipped {n} file that is no plan document: {names}",
                      "skipped {n} files that are no plan documents: {names}", len(skipped))
             .format(n=len(skipped), names=", ".join(p.name for p in skipped)))
    if not sources:
        raise InputError("no source documents here (.txt, .docx, .pdf, .html)",
                         path=str(files[0]))
    if not to_stdout and not replaces and _in_parallel(files, out_dir):
        raise typer.Exit(_parse_batch(sources, out_dir, fmt, year, registry, quiet, timeout))
    files = sources
    failed = 0
    lost = 0
    for source in files:
        replaced = None
        try:
            with time_limit(timeout, str(source)):
                doc = parse_file(source, year=year, registry=registry)
        except InputError as exc:
            if len(files) == 1:
                raise
            error(str(exc))  # one line, and on with the other documents
            failed += 1
            continue
        if not quiet:
            write_warnings(source, doc.warnings)
        if to_stdout:
            sys.stdout.write(render_document(doc, fmt))
            target_text = "stdout"
        else:
            target = _target_path(source, output, folder, fmt, many=len(files) > 1)
            # Into the corpus or a folder, a new version keeps the document's name (the
            # ledger and the history know it by that name); a file named with -o is obeyed.
            into_folder = output is None or _names_folder(output, len(files) > 1)
            filed = file_document(
                doc, source, target, folder=folder if output is None else target.parent,
                replaces=replaces, keep_name=into_folder, fmt=fmt, year=year,
                registry=registry,
            )
            doc, replaced = filed.document, filed.replaced
            target_text = str(filed.target)
        summary_stream.write(summary_line(source, doc) + f" -> {target_text}\n")
        lost += _loss(doc) is not None
        if replaced is not None and replaced.eventful:
            summary_stream.write(f"{source}: {replaced.summary()}\n")
            for message in [*replaced.notes, *map(orphan_message, replaced.orphaned)]:
                sys.stderr.write(f"{source}: {_('warning')}: {message}\n")
    raise typer.Exit(EXIT_BAD_INPUT if failed else EXIT_FINDINGS if lost else EXIT_OK)


def _names_folder(output: str, many: bool) -> bool:
    return Path(output).is_dir() or many or output.endswith(("/", "\\"))


def _target_path(source: Path, output: str | None, folder: Path, fmt: str, many: bool) -> Path:
    suffix = ".json" if fmt == "json" else ".yaml"
    if output is None:
        return folder / (source.stem + suffix)
    out = Path(output)
    if _names_folder(output, many):
        return out / (source.stem + suffix)
    return out


def summary_line(source: Path | str, doc: object) -> str:
    from reformctl.model import Document
    from reformctl.usecases.batch import document_counts

    assert isinstance(doc, Document)
    return _summary(source, document_counts(doc), doc.document.kind, _loss(doc))


def counts_text(c: dict[str, int]) -> str:
    """"17 plans, 181 measures (+5 sub-items), 197 owner notes, 145 deadlines, 51 targets,
    2 warnings" in the language in use (17个方案，181项措施（另有5个子项），…)."""
    from reformctl.labels import count

    measures = count("{n} measure", "{n} measures", c["measures"])
    if c["items"]:
        measures += count(" (+{n} sub-item)", " (+{n} sub-items)", c["items"])
    parts = [
        count("{n} plan", "{n} plans", c["plans"]), measures,
        count("{n} owner note", "{n} owner notes", c["owners"]),
        count("{n} deadline", "{n} deadlines", c["deadlines"]),
        count("{n} target", "{n} targets", c["targets"]),
        count("{n} warning", "{n} warnings", c["warnings"]),
    ]
    return _(", ").join(parts)


def write_warnings(source: object, warnings: Iterable[Warning_]) -> None:
    """The parser's warnings, one a line on stderr, in the language in use:
    "x.txt:179: warning: time phrase without a date: 在省规定时间内 [deadline-unresolved]"."""
    from reformctl.labels import warning_text

    word = _("warning")
    for w in warnings:
        where = f"{source}:{w.line}" if w.line else str(source)
        sys.stderr.write(f"{where}: {word}: {warning_text(w)} [{w.code}]\n")


def _loss(doc: object) -> Loss | None:
    from reformctl.model import Document
    from reformctl.parse.coverage import loss_of

    assert isinstance(doc, Document)
    return loss_of(doc.warnings)


def _summary(source: Path | str, c: dict[str, int], kind: str | None, loss: Loss | None) -> str:
    """"x.txt: 17 plans, 181 measures (+5 sub-items), …", or what was lost, or what the
    document is when it is no plan."""
    if kind is not None:
        return f"{source}: " + _("not an action plan ({kind}): no measures taken").format(
            kind=kind_label(kind))
    if loss is not None and loss.not_understood:
        found = [ngettext("{n} owner note", "{n} owner notes", loss.notes).format(n=loss.notes)
                 if loss.notes else "",
                 ngettext("{n} numbered line", "{n} numbered lines", loss.numbered).format(
                     n=loss.numbered) if loss.numbered else "",
                 ngettext("{n} dated time phrase", "{n} dated time phrases", loss.dated).format(
                     n=loss.dated) if loss.dated else ""]
        return f"{source}: " + _("0 measures, but {found} found: this layout was not "
                                 "understood — see warnings").format(
            found=("、" if is_chinese() else ", ").join(f for f in found if f))
    line = f"{source}: {counts_text(c)}"
    if loss is not None:
        line += ("；" if is_chinese() else "; ") + ngettext(
            "{n} owner note no measure takes — see warnings",
            "{n} owner notes no measure takes — see warnings", loss.unclaimed).format(
            n=loss.unclaimed)
    return line


def kind_label(kind: str) -> str:
    """A document kind (model.DocumentInfo.kind) as people read it."""
    labels = {
        "reply": _("a reply"), "approval": _("an approval"), "decision": _("a decision"),
        "regulation": _("a regulation"), "contingency plan": _("a contingency plan"),
        "notice": _("a notice"), "interpretation": _("a policy interpretation"),
    }
    return labels.get(kind, kind)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Parsed YAML/JSON files to check.")],
) -> None:
    """Check parsed YAML files against the JSON Schema; print every problem with its line.

    Example: reformctl validate corpus/000_675e6135523c2031.yaml
    """
    from reformctl.errors import ReformctlError
    from reformctl.schema import schema_issues
    from reformctl.yamlio import load_yaml_text, read_text_file

    bad = 0
    for path in files:
        try:
            text = read_text_file(path)
            data = load_yaml_text(text, str(path))
        except ReformctlError as exc:
            error(str(exc))
            bad += 1
            continue
        if isinstance(data, str):
            error(_("{path}: plain text, not YAML data (a source document? run `reformctl "
                    "parse` on it)").format(path=path))
            bad += 1
            continue
        kind = _schema_kind(path, data)
        issues = schema_issues(data, kind, text)
        for issue in issues:
            where = f"{path}:{issue.line}" if issue.line else str(path)
            sys.stderr.write(f"{where}: " + _("at /{path}: {message}").format(
                path=issue.path, message=issue.message) + "\n")
        if issues:
            bad += 1
        else:
            sys.stdout.write(f"{path}: {_(VALID[kind])}\n")
    raise typer.Exit(EXIT_BAD_INPUT if bad else EXIT_OK)


VALID = {"status": N_("valid status ledger"), "departments": N_("valid department registry"),
         "document": N_("valid document")}


def _schema_kind(path: Path, data: object) -> str:
    if path.name == "status.yaml":
        return "status"
    if path.name == "departments.yaml":
        return "departments"
    return "document"


# -- many documents at once (reformctl.usecases.batch) ------------------------------------


def _in_parallel(files: list[Path], out_dir: Path) -> bool:
    """A folder or several files go to every core, when written to a folder that holds no
    parsed documents yet: where it does, each one may be a new version of a corpus document,
    which the one-at-a-time path recognises (history, diff, ledger)."""
    from reformctl.corpus import is_document_file

    if len(files) < 2 and not any(f.is_dir() for f in files):
        return False
    return not (out_dir.is_dir() and any(is_document_file(p) for p in out_dir.iterdir()))


def _parse_batch(
    sources: list[Path], out_dir: Path, fmt: str, year: int | None, registry: Registry,
    quiet: bool, timeout: float,
) -> int:
    """Parse in worker processes; a progress bar on a terminal; one line per failed file."""
    from reformctl.parse.coverage import loss_of
    from reformctl.usecases.batch import parse_many

    results = parse_many(sources, out_dir, year=year, registry=registry, fmt=fmt,
                         timeout=timeout or None)
    failed = 0
    lost: list[tuple[Path, Loss]] = []
    with _progress(len(sources)) as advance:
        for result in results:
            advance()
            if result.error is not None:
                failed += 1
                error(result.error)
                continue
            if not quiet:
                write_warnings(result.source, result.warnings)
            loss = loss_of(result.warnings)
            if loss is not None:
                lost.append((result.source, loss))
            sys.stdout.write(_summary(result.source, result.counts, result.kind, loss)
                             + f" -> {result.target}\n")
    _report_losses(lost, len(sources))
    return EXIT_BAD_INPUT if failed else EXIT_FINDINGS if lost else EXIT_OK


def _report_losses(lost: list[tuple[Path, Loss]], total: int) -> None:
    """At the end of a folder: the documents that were not fully understood, one a line."""
    if not lost:
        return
    sys.stderr.write(ngettext(
        "{n} of {total} documents was not fully understood (see its warnings):\n",
        "{n} of {total} documents were not fully understood (see their warnings):\n",
        len(lost)).format(n=len(lost), total=total))
    for source, loss in sorted(lost, key=lambda pair: str(pair[0])):
        what = (_("layout not understood") if loss.not_understood else ngettext(
            "{n} owner note no measure takes", "{n} owner notes no measure takes",
            loss.unclaimed).format(n=loss.unclaimed))
        sys.stderr.write(f"  {source}: {what}\n")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty() or total < 2:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "parsing", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("parse", total=total)
        yield lambda: bar.advance(task)
