"""Owner notes and measure keys read faster give what the plain readings give.

A document's notes share their runs of names and their names (owners.names.NameMemo): read
with one memo for the whole document or with none, every note is the same group; a key's
title of letters and digits only skips the regex that would remove nothing from it.
"""

from __future__ import annotations

import sys

from seedfiles import ROOT, SEED

from reformctl.parse.owners import parse_owner_note
from reformctl.parse.owners.names import NameMemo, split_printed
from reformctl.parse.owners.roles import owner_group, role_groups
from reformctl.parse.owners.text import normalize, outer_brackets
from reformctl.parse.text import KEY_IGNORED, stable_key
from reformctl.registry import default_registry

REALDOCS = ROOT.parent / "shared" / "realdocs"


def _notes() -> list[str]:
    """Every bracketed text (brackets included) of the seed and the realdocs."""
    texts = [SEED.read_text(encoding="utf-8")]
    if REALDOCS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(REALDOCS.glob("*.txt"))]
    return [para[start:end] for text in texts for para in text.split("\n")
            for start, end in outer_brackets(para)]


def test_one_memo_for_a_document_gives_the_groups_of_none() -> None:
    """The memo hands out what it read before (the same lists, shared): every group made with
    it is the group made without it, and nothing handed out was changed by a later note."""
    registry = default_registry()
    memo = NameMemo(registry)
    groups = 0
    for raw in _notes():
        roles = role_groups(normalize(raw[1:-1]), registry)
        if roles is None:
            continue
        assert owner_group(roles, raw, registry, memo=memo) == owner_group(roles, raw, registry)
        for _, runs in roles:
            assert split_printed(runs, registry, memo) == split_printed(runs, registry), runs
        groups += 1
    assert groups > 120  # the seed alone has ~190 notes
    for run, split in memo._runs.items():  # nothing handed out was changed afterwards
        assert split == split_printed([run], registry), run
    assert all(registry.canonical(n) == f for n, f in memo.folded.items())


def test_parse_owner_note_needs_no_memo() -> None:
    group = parse_owner_note("牵头部门:市行政审批服务局;责任部门:市公安局、市税务局")
    assert group is not None
    assert group.lead == ("市行政审批服务局",) and group.responsible == ("市公安局", "市税务局")


def test_alphanumeric_titles_are_what_key_ignored_leaves_whole() -> None:
    """str.isalnum is true of exactly the characters KEY_IGNORED (whitespace, \\W, _) keeps, so
    a title it is true of comes out of the regex unchanged; every code point is checked."""
    kept = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isalnum())
    removed = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if not ch.isalnum())
    assert KEY_IGNORED.sub("", kept) == kept
    assert KEY_IGNORED.sub("", removed) == ""


def test_stable_key_of_a_title_with_and_without_punctuation() -> None:
    assert stable_key("计划", "推进电子证照全面应用") == stable_key("计划", "推进电子证照，全面应用")
    assert stable_key("计划", "推行“1545”企业开办模式") == stable_key("计划", "推行1545企业开办模式")
    assert stable_key("计划", "") == stable_key("计划", " ，。")


def test_owner_groups_are_made_in_the_field_order_their_makers_pass() -> None:
    """owner_group and scan make OwnerGroup positionally (a keyword call costs a dict): the
    fields stand in the order they pass them, and a scanned repeat equals its first read."""
    import dataclasses

    from reformctl.model import OwnerGroup
    from reformctl.parse.owners import NoteCache, find_owner_notes_with_spans

    assert [f.name for f in dataclasses.fields(OwnerGroup)][:8] == [
        "lead", "responsible", "raw", "line", "covers", "etc", "inherited", "canonical"]
    note = "(牵头部门:市行政审批服务局;责任部门:市公安局、市人社局)"
    text = f"推行企业开办。{note}完善服务。{note}"
    found = find_owner_notes_with_spans(text, None, NoteCache(), lambda offset: offset // 10)
    (first_span, first), (second_span, second) = found
    assert first.lead == second.lead == ("市行政审批服务局",)
    assert first.responsible == second.responsible == ("市公安局", "市人社局")
    assert first.canonical == second.canonical == (("市人社局", "市人力资源社会保障局"),)
    assert (first.raw, first.covers, first.line) == (note, (0, 7), 0)
    assert (second.raw, second.covers, second.line) == (note, (first_span[1], second_span[0]),
                                                         second_span[0] // 10)
    assert not first.inherited and not second.inherited and first.from_item is None
