"""`reformctl diff`: what changed between two versions of a plan document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from reformctl.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    YEAR_MAX,
    YEAR_MIN,
    CorpusOpt,
    FormatOpt,
    app,
    check_format,
    finite,
)
from reformctl.i18n import N_, _
from reformctl.render import FORMATS, Column

CHANGE_WORDS = {
    "added": N_("added"), "removed": N_("removed"), "changed": N_("changed"),
    "renumbered": N_("renumbered"), "moved": N_("moved"), "ambiguous": N_("ambiguous"),
    "renamed": N_("renamed"),
}


def _kind(record: dict[str, Any]) -> str:
    return _(CHANGE_WORDS.get(record["kind"], record["kind"]))


DIFF_COLUMNS = (
    Column("kind", N_("Change"), show=_kind),
    Column("old_id", N_("Old")),
    Column("new_id", N_("New")),
    Column("title", N_("Title"), max_width=30),
    Column("details", N_("Details"), max_width=70),
)
PLAN_COLUMNS = (
    Column("kind", N_("Plan change"), show=_kind),
    Column("old_index", N_("Old"), justify="right"),
    Column("new_index", N_("New"), justify="right"),
    Column("old_title", N_("Old title"), max_width=30),
    Column("new_title", N_("New title"), max_width=30),
)
ROW_STYLES = {"added": "green", "removed": "red", "changed": "yellow", "ambiguous": "magenta"}


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version: a source document or parsed "
                                             "YAML/JSON.")],
    new: Annotated[Path, typer.Argument(help="The later version, likewise.")],
    fmt: FormatOpt = "table",
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, callback=finite,
                            help="Lowest text similarity (0-1) at which a reworded measure "
                            "still counts as the same measure.")
    ] = 0.4,
    year: Annotated[
        int | None, typer.Option("--year", min=YEAR_MIN, max=YEAR_MAX, help="Plan year for sources that do not say.")
    ] = None,
    corpus: CorpusOpt = None,
) -> None:
    """Compare two versions of a document measure by measure: added, removed, renumbered,
    changed (title, text, deadlines, owners, targets, sub-items). Exit 1 when they differ.

    Example: reformctl diff corpus/000_675e6135523c2031.yaml new_version.txt
    """
    from reformctl.audit.diff import change_record, diff_documents, plan_record, result_record
    from reformctl.corpus import resolve_corpus_path
    from reformctl.registry import registry_for_folder
    from reformctl.render import emit
    from reformctl.usecases.documents import read_version
    from reformctl.yamlio import dump_json, dump_yaml

    check_format(fmt, FORMATS)
    folder = resolve_corpus_path(corpus)
    registry = registry_for_folder(folder)
    old_doc = read_version(old, year=year, registry=registry)
    new_doc = read_version(new, year=year, registry=registry)
    result = diff_documents(old_doc, new_doc, threshold=threshold)
    summary = result.summary.line()
    records = [change_record(c) for c in result.changes]
    plans = [plan_record(p) for p in result.plans]

    if fmt == "json":
        sys.stdout.write(dump_json(result_record(result)))
    elif fmt == "yaml":
        sys.stdout.write(dump_yaml(result_record(result)))
    elif fmt == "csv":
        emit(records, DIFF_COLUMNS, fmt)
    elif fmt == "md":
        sys.stdout.write(f"**{old} → {new}**: {summary}\n\n")
        if plans:
            emit(plans, PLAN_COLUMNS, fmt)
            sys.stdout.write("\n")
        if records:
            emit(records, DIFF_COLUMNS, fmt)
    else:
        if plans:
            emit(plans, PLAN_COLUMNS, fmt)
        if records:
            emit(records, DIFF_COLUMNS, fmt, title=f"{old} → {new}", caption=summary,
                 row_styles=[ROW_STYLES.get(r["kind"]) for r in records])
        else:
            sys.stdout.write(f"{old} → {new}: {summary}\n")
    raise typer.Exit(EXIT_OK if result.identical else EXIT_FINDINGS)
