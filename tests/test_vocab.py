"""The vocabulary (parse/vocab/) reaches every reader of its words.

A wording of "lead" is one entry of ``vocab.roles.LEAD``; from there it reaches the owner
notes, a label line written without brackets, a table column and the line passes that look
for a note on a line. 主责单位 is such a wording ("主责单位：市发展改革委").
"""

from __future__ import annotations

from reformctl.model import Document, Measure
from reformctl.parse import parse_text
from reformctl.parse.clean import LABEL_COLON, bracket_bare_labels
from reformctl.parse.owners import looks_like_owner_note, parse_owner_note
from reformctl.parse.read.table import Cell, classify_label, flatten_table, lists_no_tasks
from reformctl.parse.vocab import alt, char_class, chars, collectives, roles, tables
from reformctl.parse.vocab.roles import OWNER_HINT


def _only_measure(text: str) -> tuple[Document, list[Measure]]:
    doc = parse_text(text, year=2024)
    measures = [m for _, m in doc.walk()]
    return doc, measures


def test_lead_wording_reaches_a_note() -> None:
    group = parse_owner_note("主责单位：市发展改革委；配合单位：市财政局")
    assert group is not None
    assert group.lead == ("市发展改革委",) and group.responsible == ("市财政局",)
    _, [measure] = _only_measure("一、重点任务\n1. 推进数据共享。（主责单位：市发展改革委）\n")
    assert measure.lead == ("市发展改革委",) and measure.title == "推进数据共享"


def test_lead_wording_reaches_a_label_line() -> None:
    line = "1. 推进数据共享。主责单位：市发展改革委；完成时限：2024年6月底前"
    assert LABEL_COLON.search(line)
    assert bracket_bare_labels(line) == (
        "1. 推进数据共享。（主责单位：市发展改革委）（完成时限：2024年6月底前）")
    _, [measure] = _only_measure(f"一、重点任务\n{line}\n")
    assert measure.lead == ("市发展改革委",)
    assert [str(d.date) for d in measure.deadlines] == ["2024-06-30"]


def test_lead_wording_reaches_a_table_cell() -> None:
    rows = [[Cell("序号"), Cell("重点任务"), Cell("主责单位"), Cell("配合单位"), Cell("完成时限")],
            [Cell("1"), Cell("推进数据共享。"), Cell("市发展改革委"), Cell("市财政局"),
             Cell("2024年6月底前")]]
    lines, _ = flatten_table(rows)
    assert lines == ["1. 推进数据共享。（主责单位：市发展改革委；配合单位：市财政局）"
                     "（完成时限：2024年6月底前）"]
    _, [measure] = _only_measure("一、重点任务\n" + lines[0] + "\n")
    assert measure.lead == ("市发展改革委",) and measure.responsible == ("市财政局",)


def test_lead_wording_reaches_the_line_passes() -> None:
    """A line holding only the note, after the last of a group's items without notes, gives
    them all their owners: the outline sees the note (OWNER_HINT)."""
    assert OWNER_HINT.search("（主责单位：市发展改革委）")
    text = ("一、重点任务\n（一）优化服务\n1. 推进数据共享。\n2. 推进证照互认。\n"
            "（主责单位：市发展改革委）\n")
    _, measures = _only_measure(text)
    assert [m.lead for m in measures] == [("市发展改革委",), ("市发展改革委",)]
    assert all(m.owners[0].inherited for m in measures)
    assert looks_like_owner_note("主责单位：")  # an unparsed note with it is reported


def test_every_lead_word_is_in_every_reader() -> None:
    for word in roles.LEAD:
        assert roles.ROLE_LABEL.fullmatch(f"{word}单位:") and word in roles.LEAD_LABELS
        assert roles.BARE_ROLE_LABEL.match(f"{word}部门：")
        assert roles.TABLE_ROLE_LABEL.fullmatch(f"{word}单位")
        assert roles.ROLE_SUFFIX.search(f"市商务局{word}") and word in roles.SUFFIX_LEAD
        assert OWNER_HINT.search(f"（市商务局{word}）")


def test_helpers_build_alternations_and_gates() -> None:
    assert alt(["牵头", "牵头负责", "配合"]) == "(?:牵头负责|牵头|配合)"
    assert chars(["牵头", "配合"], -1) == frozenset("头合")
    assert char_class("头合") == "[合头]"
    # A gate made from the words knows every word's last character.
    assert {w[-1] for w in roles.SUFFIX_WORDS} == roles.ROLE_SUFFIX_ENDS


# Collective owners (vocab/collectives.py): each wording, in a real note, stays one owner.
COLLECTIVE_NOTES = [
    ("责任单位：市发展改革委、各县市区政府", ("市发展改革委", "各县市区政府")),
    ("责任单位：各市、县（市、区）人民政府", ("各市、县(市、区)人民政府",)),
    ("责任单位：各县、市、区人民政府", ("各县、市、区人民政府",)),
    ("责任单位：各区县党委、政府", ("各区县党委、政府",)),
    ("配合单位：省直有关部门、单位", ("省直有关部门、单位",)),
    ("配合单位：市直各部门、单位", ("市直各部门、单位",)),
    ("配合单位：市财政局、市税务局等有关部门", ("市财政局", "市税务局")),
    ("配合单位：市财政局、市教育局等有关部门和单位", ("市财政局", "市教育局")),
]


def test_collective_owners_stay_whole() -> None:
    for note, names in COLLECTIVE_NOTES:
        group = parse_owner_note(note)
        assert group is not None, note
        assert group.responsible == names, note


def test_collective_words_reach_their_patterns() -> None:
    for level in collectives.PLACE_LEVELS:
        assert collectives.COLLECTIVE_LEVEL.match(f"{collectives.EACH}{level}")
    for level in collectives.GOVERNMENT_LEVELS:
        for government in collectives.GOVERNMENTS:
            assert collectives.LEVEL_GOVERNMENT.match(f"{level}(市、区){government}")
    for body in collectives.GENERIC_BODIES:
        assert collectives.GENERIC_TAIL.match(body)
        for opener in (collectives.EACH, *collectives.CONCERNED):
            assert collectives.COLLECTIVE_BODIES.search(f"省直{opener}{body}")
    assert collectives.ETC_TAIL.search("市能源局等有关部门")


# A 任务分工 table's other columns (vocab/tables.py): each label, in a header, gives its column
# its role, and a header of contacts or indicators is no task table.
TABLE_LABELS = [
    ("序号", "number"), ("编号", "number"), ("No.", "number"), ("重点任务", "text"),
    ("主责单位", "lead"), ("配合部门", "owner"), ("完成时限", "deadline"), ("备注", "note"),
    ("评分标准", "note"), ("分管市领导", "note"),
]


def test_table_labels_give_their_columns_roles() -> None:
    for label, role in TABLE_LABELS:
        assert classify_label(label) == role, label
    for word in tables.NUMBER_LABELS:
        assert classify_label(word) == "number", word
    for word in tables.NOTE_LABEL_WORDS:
        assert classify_label(word) == "note", word
    assert lists_no_tasks(["序号", "单位", "联系人", "职务", "联系电话"])
    assert lists_no_tasks(["指标", "单位", "2024年", "2025年", "责任单位"])
    assert not lists_no_tasks(["序号", "主要指标", "工作任务", "责任单位"])

