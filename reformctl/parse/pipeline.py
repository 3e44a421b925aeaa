"""The parser, stage by stage: a source file to a ``Document``.

    read            parse/read/source.py     the file's bytes, refused when no document
    decode          parse/read/decode.py     the text (any common encoding; .docx, .html, .pdf)
    unfold tables   parse/read/text_table.py tables that reached plain text, one row a line
    clean           parse/clean.py           line steps; parse/line_passes.py passes over lines
    outline         parse/structure.py       numbered blocks: sections, groups, items, sub-items
    decide plans    parse/plans.py           which blocks are plans, which are their measures
    issuer          parse/issuer.py          who issued it: which registries fold its names
    attach notes    parse/notes.py           owner notes, scanned once per block
                    parse/measures.py        owners, deadlines, targets of each measure
    build           parse/annex.py           the plans, an annex's repeated measures folded in
    kind            parse/kind.py            a reply, a regulation…: no action plan, no measures
    loss            parse/coverage.py        numbered lines or owner notes no measure took
    title and year  parse/title.py, parse/year.py

Every stage takes and returns plain data: lines, an outline of blocks, a layout of blocks,
plans. The words every stage looks for are in parse/vocab/.
"""

from __future__ import annotations

import hashlib
from operator import itemgetter
from pathlib import Path

from reformctl.model import PARSER_VERSION, Document, DocumentInfo, Issuer, Plan, Warning_, warning
from reformctl.parse.annex import build_plans
from reformctl.parse.closing import closing_deadlines
from reformctl.parse.coverage import LOSS_CODES, loss_warnings
from reformctl.parse.issuer import find_issuer
from reformctl.parse.kind import document_kind, not_a_plan
from reformctl.parse.measures import Attach
from reformctl.parse.notes import OwnerNotes, first_listed_from
from reformctl.parse.owners import first_listed_kind
from reformctl.parse.plans import decide_plans
from reformctl.parse.read.front_matter import as_title_line
from reformctl.parse.read.text_table import unfold_text_tables
from reformctl.parse.structure import Outline, build_outline
from reformctl.parse.title import document_title
from reformctl.parse.year import infer_year, undated_warnings
from reformctl.registry import Registry, default_registry


def parse_file(
    path: str | Path, *, year: int | None = None, registry: Registry | None = None
) -> Document:
    """Parse a source document file (the reader picks the format and encoding)."""
    from reformctl.parse.read import read_source  # read and decode

    text = read_source(path)
    # The checksum is of the file as stored, so a user can match YAML to source by hash.
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return parse_text(text, source=str(path), year=year, registry=registry, sha256=digest)


def parse_text(
    text: str,
    *,
    source: str = "<text>",
    year: int | None = None,
    registry: Registry | None = None,
    sha256: str | None = None,
) -> Document:
    """Parse the text of one plan document. ``sha256`` is the checksum of the file it was read
    from (parse_file's); without it, the checksum of the text in UTF-8."""
    registry = registry if registry is not None else default_registry()
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text = as_title_line(text)  # a "--- title: … ---" header: its title line, no content
    table_warnings: list[Warning_] = []
    outline = outline_of(text, table_warnings)
    issuer = find_issuer(text, registry)
    # Names are recognised with every registry entry, folded only by those that apply.
    naming = registry.folding_for(issuer.name if issuer is not None else None)
    notes = OwnerNotes(naming, first_listed_from(text), first_listed_kind(text))
    plan_warnings: list[Warning_] = []
    layout = decide_plans(outline, notes, plan_warnings)
    plan_year = year if year is not None else infer_year(text)
    closings = closing_deadlines(outline.root, plan_year)
    plans = build_plans(layout, Attach(notes, plan_year, layout.assigned, plan_warnings, closings))
    kind = document_kind(outline.lines, outline.numbers, plans)
    if kind is not None:  # a reply, a regulation…: no measures, one line that says so
        return build_document(sha256, source, plan_year, outline, [], [not_a_plan(kind)],
                              issuer, kind.name)
    warnings = (table_warnings + outline.warnings + plan_warnings
                + undated_warnings(plans, plan_year)
                + loss_warnings(outline, notes, plans, [b for _, bs in layout.plans for b in bs]))
    return build_document(sha256, source, plan_year, outline, plans, warnings, issuer)


def outline_of(text: str, warnings: list[Warning_]) -> Outline:
    """Tables unfolded, lines cleaned, blocks built: the outline of the document."""
    numbered = unfold_text_tables(text.split("\n"), warnings)
    return build_outline(list(map(itemgetter(1), numbered)), list(map(itemgetter(0), numbered)))


def build_document(
    sha256: str, source: str, year: int | None, outline: Outline, plans: list[Plan],
    warnings: list[Warning_],
    issuer: Issuer | None = None,
    kind: str | None = None,
) -> Document:
    """The Document: its title, the source's checksum, its issuer, warnings in line order."""
    info = DocumentInfo(
        title=document_title(outline, plans),
        source=source,
        sha256=sha256,
        year=year,
        parser_version=PARSER_VERSION,
        issuer=issuer,
        kind=kind,
    )
    ordered = sorted(warnings, key=lambda w: (w.line or 0, w.code))
    if not plans and kind is None and not any(w.code in LOSS_CODES for w in warnings):
        ordered.append(warning(None, "no-measures", "no numbered measures were found"))
    return Document(document=info, plans=tuple(plans), warnings=tuple(ordered))


__all__ = ["parse_file", "parse_text"]
