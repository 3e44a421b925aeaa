"""The version diff over versions derived from the seed: each edit alone, all of them at
once, the seed in another layout, ambiguity, and the pieces (character diff, similarity)."""

from __future__ import annotations

from datetime import date

import pytest
from seed_versions import (
    ALL_EDITS,
    NEW_MEASURE,
    SEED_TEXT,
    TWIN_NEW,
    TWIN_OLD,
    add_measure_1_9,
    change_owner_3_4,
    change_target_9_1,
    delete_2_5,
    drop_subitem_14_10_3,
    edited,
    hierarchy_layout,
    move_17_7_to_16,
    postpone_2_3,
    replace_once,
    reword_title_12_10,
)

from reformctl.audit.diff import (
    AMBIGUOUS,
    DiffResult,
    bigram_jaccard,
    char_diff,
    diff_documents,
    result_record,
)
from reformctl.model import Document
from reformctl.parse import parse_text

RENUMBERED_BY_DELETING_2_5 = [(f"2.{n}", f"2.{n - 1}") for n in range(6, 25)]


@pytest.fixture(scope="module")
def seed() -> Document:
    return parse_text(SEED_TEXT)


def diff_of(seed: Document, *edits: object) -> DiffResult:
    return diff_documents(seed, parse_text(edited(*edits)))


def rows(result: DiffResult) -> list[tuple[str, str | None, str | None, tuple[str, ...]]]:
    return [(c.kind, c.old_id, c.new_id, c.aspects) for c in result.changes]


def test_identical_versions_have_no_changes(seed: Document) -> None:
    result = diff_documents(seed, parse_text(SEED_TEXT))
    assert result.identical
    assert result.changes == ()
    assert result.summary.line() == (
        "0 added, 0 removed, 0 changed, 0 renumbered, 0 deadlines postponed"
    )
    # Every measure and sub-item is matched to itself, by its text.
    assert len(result.matches) == 186
    assert all(m.old.id == m.new.id and m.how == "text" for m in result.matches)


def test_deleting_a_measure_renumbers_the_rest_of_its_plan(seed: Document) -> None:
    result = diff_of(seed, delete_2_5)
    assert rows(result) == [("removed", "2.5", None, ())] + [
        ("renumbered", old, new, ()) for old, new in RENUMBERED_BY_DELETING_2_5
    ]
    assert result.summary.line() == (
        "0 added, 1 removed, 0 changed, 19 renumbered, 0 deadlines postponed"
    )
    removed = result.changes[0]
    assert removed.old is not None and removed.old.title == "提高房地产开发项目竣工验收效率"
    assert result.plans == ()


def test_postponed_deadline(seed: Document) -> None:
    result = diff_of(seed, postpone_2_3)
    assert rows(result) == [("changed", "2.3", "2.3", ("text", "deadlines"))]
    (change,) = result.changes
    (moved,) = change.deadlines
    assert moved.change == "postponed"
    assert moved.old is not None and moved.new is not None
    assert (moved.old.raw, moved.new.raw) == ("6月中旬前", "9月底前")
    assert (moved.old.date, moved.new.date) == (date(2021, 6, 20), date(2021, 9, 30))
    assert moved.days == 102
    assert [h.diff for h in change.text] == ["简化排水接入。[-6月中旬-]{+9月底+}前,制定优化排水…"]
    assert result.summary.postponed == 1


def test_deadline_brought_forward(seed: Document) -> None:
    text = replace_once(SEED_TEXT, "11月底前,涉及调整地方性法规", "10月底前,涉及调整地方性法规")
    result = diff_documents(seed, parse_text(text))
    (change,) = result.changes
    assert change.new_id == "2.24"
    (moved,) = change.deadlines
    assert (moved.change, moved.days) == ("brought-forward", -30)
    assert result.summary.line().endswith("0 deadlines postponed, 1 deadline brought forward")


def test_owner_note_change_within_the_same_departments(seed: Document) -> None:
    """2.14 has two notes; 功能区管委 leaves the second but stays responsible by the first."""
    text = replace_once(SEED_TEXT, "(牵头部门:市自然资源和规划局;责任部门:市行政审批服务局,各县市区政府、功能区管委)",
                        "(牵头部门:市自然资源和规划局;责任部门:市行政审批服务局,各县市区政府)")
    result = diff_documents(seed, parse_text(text))
    assert rows(result) == [("changed", "2.14", "2.14", ("owner notes",))]
    assert result.changes[0].owner_notes == ((
        "(牵头部门:市自然资源和规划局;责任部门:市行政审批服务局,各县市区政府、功能区管委)",
        "(牵头部门:市自然资源和规划局;责任部门:市行政审批服务局,各县市区政府)",
    ),)


def test_a_change_of_plan_year_is_reported_once(seed: Document) -> None:
    """Every dated deadline moves a year when the plan year changes: that is said once, not
    as a change of every deadline."""
    result = diff_documents(seed, parse_text(SEED_TEXT, year=2022))
    assert rows(result) == []
    assert result.summary.line().endswith("0 deadlines postponed, plan year 2021 → 2022")


def test_every_deadline_edit_is_one_postponement(seed: Document) -> None:
    """Each "N月底前" of the seed pushed back a month: one measure changed, one deadline
    postponed, nothing else (also where a measure names the same month twice)."""
    import re

    checked = 0
    for m in re.finditer(r"(\d{1,2})月底前", SEED_TEXT):
        month = int(m.group(1))
        if month == 12 or checked >= 40:
            continue
        text = SEED_TEXT[:m.start()] + f"{month + 1}月底前" + SEED_TEXT[m.end():]
        result = diff_documents(seed, parse_text(text))
        assert len(result.changes) == 1, m.start()
        summary = result.summary
        assert (summary.changed, summary.postponed) == (1, 1), m.start()
        checked += 1
    assert checked == 40


def test_owner_change_is_reported_as_departments_not_text(seed: Document) -> None:
    result = diff_of(seed, change_owner_3_4)
    assert rows(result) == [("changed", "3.4", "3.4", ("responsible",))]
    (change,) = result.changes
    assert change.responsible_added == ("市发展改革委",)
    assert change.responsible_removed == ("国网泰安供电公司",)
    assert change.lead_added == change.lead_removed == ()


def test_target_change(seed: Document) -> None:
    result = diff_of(seed, change_target_9_1)
    assert rows(result) == [("changed", "9.1", "9.1", ("text", "targets"))]
    (target,) = result.changes[0].targets
    assert target.old is not None and target.new is not None
    assert (target.old.raw, target.old.value) == ("3.4万人", 34000)
    assert (target.new.raw, target.new.value) == ("3.6万人", 36000)


def test_added_measure(seed: Document) -> None:
    result = diff_of(seed, add_measure_1_9)
    assert rows(result) == [("added", None, "1.9", ())]
    added = result.changes[0].new
    assert added is not None and NEW_MEASURE.startswith(added.title)


def test_added_in_the_middle_renumbers_what_follows(seed: Document) -> None:
    from seed_versions import insert_measure

    result = diff_documents(seed, parse_text(insert_measure(SEED_TEXT, 3, 2, NEW_MEASURE)))
    assert rows(result) == [("added", None, "3.2", ())] + [
        ("renumbered", f"3.{n}", f"3.{n + 1}", ()) for n in range(2, 9)
    ]


def test_reworded_title_is_matched_and_shown(seed: Document) -> None:
    result = diff_of(seed, reword_title_12_10)
    assert rows(result) == [("changed", "12.10", "12.10", ("title",))]
    change = result.changes[0]
    assert change.title == ("持续深化“一窗受理”改革", "全面深化“一窗受理”改革")
    assert change.match == "similar"
    # The key follows the title, so the record carries both.
    assert change.old is not None and change.new is not None
    assert change.old.key != change.new.key


def test_measure_moved_to_another_plan(seed: Document) -> None:
    result = diff_of(seed, move_17_7_to_16)
    assert rows(result) == [("moved", "17.7", "16.10", ())]
    change = result.changes[0]
    assert change.moved and change.renumbered
    assert change.old_plan is not None and change.new_plan is not None
    assert (change.old_plan.title, change.new_plan.title) == ("优化外商投资服务", "提升人才流动便利度")
    assert result.summary.moved == 1


def test_dropped_sub_item(seed: Document) -> None:
    result = diff_of(seed, drop_subitem_14_10_3)
    assert rows(result) == [
        ("changed", "14.10", "14.10", ("lead", "items")),
        ("renumbered", "14.10.4", "14.10.3", ()),
        ("renumbered", "14.10.5", "14.10.4", ()),
    ]
    assert result.changes[0].items_removed == ("14.10.3",)
    assert [c.parent for c in result.changes[1:]] == ["14.10", "14.10"]


def test_all_edits_at_once_report_exactly_those_edits(seed: Document) -> None:
    result = diff_of(seed, *ALL_EDITS)
    assert rows(result) == [
        ("added", None, "1.9", ()),
        ("changed", "2.3", "2.3", ("text", "deadlines")),
        ("removed", "2.5", None, ()),
        *[("renumbered", old, new, ()) for old, new in RENUMBERED_BY_DELETING_2_5],
        ("changed", "3.4", "3.4", ("responsible",)),
        ("changed", "9.1", "9.1", ("text", "targets")),
        ("changed", "12.10", "12.10", ("title",)),
        ("changed", "14.10", "14.10", ("lead", "items")),
        ("renumbered", "14.10.4", "14.10.3", ()),
        ("renumbered", "14.10.5", "14.10.4", ()),
        ("moved", "17.7", "16.10", ()),
    ]
    assert result.summary.line() == (
        "1 added, 1 removed, 5 changed, 22 renumbered, 1 deadline postponed, "
        "1 moved to another plan"
    )
    assert result.plans == ()


def test_renumbered_and_changed_counts_in_both(seed: Document) -> None:
    text = replace_once(
        edited(delete_2_5), "7月上旬,对于建设内容单一", "8月上旬,对于建设内容单一"
    )
    result = diff_documents(seed, parse_text(text))
    (changed,) = result.by_kind("changed")
    assert (changed.old_id, changed.new_id, changed.renumbered) == ("2.12", "2.11", True)
    assert (result.summary.changed, result.summary.renumbered) == (1, 19)


def test_another_layout_matches_the_same_measures(seed: Document) -> None:
    """"一、（一）1." headings, （牵头单位：…；责任单位：…）notes, full-width commas."""
    other = parse_text(hierarchy_layout(SEED_TEXT))
    assert sum(1 for _ in other.walk()) == 186
    assert other.measure("1.1") is not None
    owner = other.measure("1.1").owners[0].raw  # type: ignore[union-attr]
    assert owner.startswith("（牵头单位：")
    assert diff_documents(seed, other).identical
    deleted = diff_documents(seed, parse_text(hierarchy_layout(edited(delete_2_5))))
    assert rows(deleted) == rows(diff_of(seed, delete_2_5))


def test_plan_renamed_is_matched_by_its_measures(seed: Document) -> None:
    text = replace_once(SEED_TEXT, "配套措施—获得电力", "配套措施—电力接入")
    result = diff_documents(seed, parse_text(text))
    assert [(p.kind, p.old.title if p.old else None, p.new.title if p.new else None)
            for p in result.plans] == [("renamed", "获得电力", "电力接入")]
    assert result.changes == ()
    assert not result.identical


def test_rewritten_measure_is_removed_and_added(seed: Document) -> None:
    text = replace_once(
        SEED_TEXT,
        "提升不停电作业能力。试点推广声波成像检测、特高频局放检测、配网不停电作业机器人等新技术应用,"
        "7月底前,城市和县域配网不停电作业化率达到92%、86%,泰安城网地区用户年均停电时间压减至4个小时以内。",
        "开展供电可靠性专项提升行动。年底前,完成老旧小区配电设施改造100个。",
    )
    result = diff_documents(seed, parse_text(text))
    assert rows(result) == [("removed", "3.8", None, ()), ("added", None, "3.8", ())]


def test_two_equally_close_candidates_are_ambiguous_not_guessed() -> None:
    result = diff_documents(parse_text(TWIN_OLD), parse_text(TWIN_NEW))
    ambiguous = result.by_kind(AMBIGUOUS)
    assert len(ambiguous) == 1
    assert (ambiguous[0].candidates_old, ambiguous[0].candidates_new) == (("1.1", "2.1"), ("3.1",))
    assert result.by_kind("added") == result.by_kind("removed") == []
    assert not any(m.new.id == "3.1" for m in result.matches)
    assert result.summary.ambiguous == 1
    assert "1 ambiguous" in result.summary.line()


def test_the_plan_settles_a_close_call() -> None:
    """The same two twins, but each stays in its plan: no ambiguity."""
    new = TWIN_OLD.replace("9月底前,实现电子营业执照在开办企业各环节", "10月底前,实现电子营业执照在开办企业各环节")
    new = new.replace("9月底前,实现电子营业执照在政务服务各环节", "10月底前,实现电子营业执照在政务服务各环节")
    result = diff_documents(parse_text(TWIN_OLD), parse_text(new))
    assert rows(result) == [("changed", "1.1", "1.1", ("text", "deadlines")),
                            ("changed", "2.1", "2.1", ("text", "deadlines"))]


def test_json_record_has_stable_keys(seed: Document) -> None:
    data = result_record(diff_of(seed, postpone_2_3, delete_2_5))
    assert set(data) == {"old", "new", "identical", "summary", "document", "plans", "changes"}
    assert data["summary"] == {
        "added": 0, "removed": 1, "changed": 1, "renumbered": 19, "deadlines_postponed": 1,
        "deadlines_brought_forward": 0, "moved": 0, "ambiguous": 0, "plans_changed": 0,
        "document_changed": [],
    }
    first = data["changes"][0]
    assert first["kind"] == "changed"
    assert first["key"] == first["old_key"] == first["new_key"] == seed.measure("2.3").key  # type: ignore[union-attr]
    assert first["deadlines"] == [{
        "change": "postponed", "old": "6月中旬前", "new": "9月底前",
        "old_date": "2021-06-20", "new_date": "2021-09-30", "days": 102,
    }]
    keys = set(first)
    assert all(set(record) == keys for record in data["changes"])


@pytest.mark.parametrize(
    ("old", "new", "hunks"),
    [
        ("6月底前完成", "9月底前完成", ["[-6-]{+9+}月底前完成"]),
        ("推进电子证照全面应用", "加快推动电子证照全面应用", ["[-推进-]{+加快推动+}电子证照全面应用"]),
        ("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌",
         ["…寅卯辰巳午未申酉{+戌+}"]),
        ("同一段文字", "同一段文字", []),
    ],
)
def test_char_diff(old: str, new: str, hunks: list[str]) -> None:
    assert [h.diff for h in char_diff(old, new)] == hunks


def test_far_apart_changes_are_separate_hunks() -> None:
    old = "一" * 5 + "甲" + "二" * 30 + "乙" + "三" * 5
    new = "一" * 5 + "丙" + "二" * 30 + "丁" + "三" * 5
    assert [(h.old, h.new) for h in char_diff(old, new)] == [("甲", "丙"), ("乙", "丁")]


def test_bigram_jaccard() -> None:
    assert bigram_jaccard("推进电子证照", "推进电子证照") == 1.0
    assert bigram_jaccard("推进电子证照", "优化营商环境") == 0.0
    assert bigram_jaccard("", "推进") == 0.0
    assert 0 < bigram_jaccard("推进电子证照应用", "推进电子印章应用") < 1
