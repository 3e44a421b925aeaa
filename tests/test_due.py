"""What falls due and what is overdue, on the shipped seed, with the expectation computed
independently from the parsed YAML."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from seedfiles import AS_OF, DOC, SEED_YAML, raw_measures

from reformctl.audit.due import (
    DueItem,
    due_items,
    due_record,
    milestones,
    overdue_items,
)
from reformctl.audit.ledger import Ledger, load_ledger, set_status
from reformctl.corpus import load_corpus
from reformctl.errors import UsageError
from reformctl.model import Deadline, Measure
from reformctl.select import Hit, select


def by_dates(m: dict[str, Any]) -> set[date]:
    return {
        date.fromisoformat(str(d["date"]))
        for d in m.get("deadlines") or []
        if d["kind"] == "by" and d.get("date")
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SEED_YAML, tmp_path / SEED_YAML.name)
    return tmp_path


@pytest.fixture(scope="module")
def hits() -> list[Hit]:
    return select(load_corpus(SEED_YAML))


def ids(items: list[DueItem]) -> set[str]:
    return {i.hit.measure.id for i in items}


def test_overdue_is_exactly_the_measures_with_a_past_by_deadline(hits: list[Hit]) -> None:
    expected = {m["id"] for m in raw_measures() if any(d <= date(2021, 9, 30) for d in by_dates(m))}
    items = overdue_items(hits, Ledger(), AS_OF)
    assert ids(items) == expected
    assert len(expected) > 50  # the seed is mostly due by September
    # One item per missed milestone, each with its own date.
    expected_pairs = {(m["id"], d) for m in raw_measures() for d in by_dates(m) if d < AS_OF}
    assert {(i.hit.measure.id, i.day) for i in items} == expected_pairs
    assert all(i.days < 0 and i.status == "open" for i in items)


def test_known_overdue_measures(hits: list[Hit]) -> None:
    items = {(i.hit.measure.id, i.day): i for i in overdue_items(hits, Ledger(), AS_OF)}
    power = items[("3.8", date(2021, 7, 31))]  # 获得电力 #8 提升不停电作业能力: 7月底前
    assert power.hit.measure.title == "提升不停电作业能力"
    assert power.deadline.raw == "7月底前"
    assert power.days == -62
    assert ("1.4", date(2021, 7, 31)) in items and ("1.4", date(2021, 9, 30)) in items
    assert ("3.7", date(2021, 7, 31)) not in items  # "7月底后" is not a deadline to meet
    assert not any(i == "4.1" and d.month == 10 for i, d in items)  # 10月底前 is still ahead


def test_marking_done_or_dropped_removes_it(folder: Path) -> None:
    corpus = load_corpus(folder)
    hits = select(corpus)
    (_, _, power) = corpus.find("3.8")[0]
    assert "3.8" in ids(overdue_items(hits, load_ledger(folder), AS_OF))
    set_status(folder, DOC, power, "done", on=date(2021, 7, 30))
    (_, _, jobs) = corpus.find("9.1")[0]
    set_status(folder, DOC, jobs, "dropped", on=date(2021, 9, 1))
    ledger = load_ledger(folder)
    after = ids(overdue_items(hits, ledger, AS_OF))
    assert "3.8" not in after and "9.1" not in after
    assert after == ids(overdue_items(hits, Ledger(), AS_OF)) - {"3.8", "9.1"}
    # In progress is still late.
    (_, _, comp) = corpus.find("1.4")[0]
    set_status(folder, DOC, comp, "in-progress", on=date(2021, 8, 1))
    assert "1.4" in ids(overdue_items(hits, load_ledger(folder), AS_OF))


def test_end_of_month_is_met_on_the_last_day_and_late_the_next(hits: list[Hit]) -> None:
    on_the_day = due_items(hits, Ledger(), date(2021, 9, 30), month=9)
    assert {i.days for i in on_the_day} == {0}
    assert not any(i.late for i in on_the_day)
    assert not [i for i in overdue_items(hits, Ledger(), date(2021, 9, 30))
                if i.day == date(2021, 9, 30)]
    day_after = [i for i in overdue_items(hits, Ledger(), AS_OF) if i.day == date(2021, 9, 30)]
    assert day_after and {i.days for i in day_after} == {-1}


def test_month_9_lists_exactly_the_september_deadlines(hits: list[Hit]) -> None:
    expected = {m["id"] for m in raw_measures()
                if any(d.year == 2021 and d.month == 9 for d in by_dates(m))}
    items = due_items(hits, Ledger(), date(2021, 9, 1), month=9)
    assert ids(items) == expected
    assert all(i.day.month == 9 for i in items)
    assert len(items) == len(expected)  # one row per measure: one September date each
    assert "1.4" in expected  # 7月底前 and 9月底前: only the September milestone is listed
    assert [i.deadline.raw for i in items if i.hit.measure.id == "1.4"] == ["9月底前"]


def test_month_of_another_year_and_year_filter(hits: list[Hit]) -> None:
    assert due_items(hits, Ledger(), AS_OF, month=9, year=2022) == []
    in_2021 = due_items(hits, Ledger(), date(2021, 1, 1), year=2021)
    assert len(in_2021) == len(due_items(hits, Ledger(), date(2021, 1, 1)))


def test_within_days_counts_today(hits: list[Hit]) -> None:
    items = due_items(hits, Ledger(), date(2021, 9, 20), within=10)
    assert items and all(0 <= i.days <= 10 for i in items)
    assert {i.day for i in items} == {date(2021, 9, 30)}
    assert due_items(hits, Ledger(), date(2021, 9, 30), within=0) != []


def test_items_are_in_date_order(hits: list[Hit]) -> None:
    days = [i.day for i in due_items(hits, Ledger(), date(2021, 1, 1))]
    assert days == sorted(days)


def test_status_filter(folder: Path) -> None:
    corpus = load_corpus(folder)
    hits = select(corpus)
    set_status(folder, DOC, corpus.find("1.2")[0][2], "done", on=date(2021, 9, 29))
    set_status(folder, DOC, corpus.find("1.3")[0][2], "in-progress", on=date(2021, 9, 1))
    ledger = load_ledger(folder)
    base = ids(due_items(hits, ledger, AS_OF, month=9, status="all"))
    assert "1.2" not in ids(due_items(hits, ledger, AS_OF, month=9))  # default: not finished
    assert "1.3" in ids(due_items(hits, ledger, AS_OF, month=9))
    assert ids(due_items(hits, ledger, AS_OF, month=9, status="done")) == {"1.2"}
    assert ids(due_items(hits, ledger, AS_OF, month=9, status="in-progress")) == {"1.3"}
    assert {"1.2", "1.3"} <= base
    with pytest.raises(UsageError, match="--status"):
        due_items(hits, ledger, AS_OF, status="closed")


@pytest.mark.parametrize("kwargs", [{"month": 13}, {"month": 0}, {"within": -1}])
def test_bad_arguments(hits: list[Hit], kwargs: dict[str, int]) -> None:
    with pytest.raises(UsageError):
        due_items(hits, Ledger(), AS_OF, **kwargs)  # type: ignore[arg-type]


def test_milestones_are_one_per_day() -> None:
    # 2.14 建立建设用地区域评估制度 says 7月底前 twice, for two sentences with other owners.
    m = Measure(
        id="2.14", key="k", number=14, title="建立建设用地区域评估制度", text="", lines=(1, 1),
        deadlines=(
            Deadline("7月底前", "by", date(2021, 7, 31)),
            Deadline("每月20日前", "recurring", None, day=20),
            Deadline("7月底前", "by", date(2021, 7, 31)),
            Deadline("6月底前", "by", date(2021, 6, 30)),
            Deadline("7月底后", "after", date(2021, 7, 31)),
        ),
    )
    assert [(d.raw, d.date) for d in milestones(m)] == [
        ("6月底前", date(2021, 6, 30)), ("7月底前", date(2021, 7, 31))
    ]


def test_due_record_has_stable_keys(hits: list[Hit]) -> None:
    item = next(i for i in overdue_items(hits, Ledger(), AS_OF) if i.hit.measure.id == "3.8")
    record = due_record(item)
    assert list(record) == [
        "document", "id", "key", "plan", "plan_title", "title", "deadline", "date", "kind",
        "lead", "responsible", "status", "days_left", "days_late", "milestone", "note",
    ]
    assert record["milestone"] == "3.8@07-31"
    assert record["document"] == DOC
    assert record["plan"] == 3 and record["plan_title"] == "获得电力"
    assert record["date"] == "2021-07-31" and record["deadline"] == "7月底前"
    assert record["responsible"] == ["国网泰安供电公司"]
    assert (record["days_left"], record["days_late"], record["status"]) == (None, 62, "open")


def test_each_milestone_has_its_own_status(folder: Path) -> None:
    corpus = load_corpus(folder)
    hits = select(corpus)
    (_, _, comp) = corpus.find("1.4")[0]  # 7月底前 … 9月底前 …
    july, september = date(2021, 7, 31), date(2021, 9, 30)
    set_status(folder, DOC, comp, "done", on=date(2021, 7, 30), milestone=july, by="王敏")
    late = {(i.hit.measure.id, i.day) for i in overdue_items(hits, load_ledger(folder), AS_OF)}
    assert ("1.4", july) not in late and ("1.4", september) in late
    set_status(folder, DOC, comp, "in-progress", milestone=september, on=None,
               note="已完成系统对接，待验收")
    items = [i for i in overdue_items(hits, load_ledger(folder), AS_OF)
             if i.hit.measure.id == "1.4"]
    assert [(i.milestone_id, i.status, i.note) for i in items] == [
        ("1.4@09-30", "in-progress", "已完成系统对接，待验收")]
    # The measure as a whole: every milestone follows, the July one keeps its own entry.
    set_status(folder, DOC, comp, "done", on=date(2021, 10, 8))
    ledger = load_ledger(folder)
    assert [ledger.status_of(DOC, comp, d) for d in (july, september)] == ["done", "done"]
    assert ledger.get(DOC, comp, july).date == date(2021, 10, 8)  # type: ignore[union-attr]
    assert "1.4" not in ids(overdue_items(hits, ledger, AS_OF))


def test_an_old_measure_entry_applies_to_all_its_milestones(folder: Path) -> None:
    (folder / "status.yaml").write_text(
        "version: 1\nentries:\n"
        f"  - {{document: {DOC}, id: '1.4', status: done, date: '2021-09-28', note: 已完成,"
        " updated: '2021-09-28T10:00:00+08:00'}\n",
        encoding="utf-8",
    )
    corpus = load_corpus(folder)
    hits = select(corpus)
    ledger = load_ledger(folder)
    assert "1.4" not in ids(overdue_items(hits, ledger, AS_OF))
    (_, _, comp) = corpus.find("1.4")[0]
    # Reopening one milestone leaves the old entry in place for the other one.
    set_status(folder, DOC, comp, "open", milestone=date(2021, 9, 30), on=None)
    ledger = load_ledger(folder)
    assert [i.milestone_id for i in overdue_items(hits, ledger, AS_OF)
            if i.hit.measure.id == "1.4"] == ["1.4@09-30"]
    assert ledger.status_of(DOC, comp, date(2021, 7, 31)) == "done"
    assert ledger.get(DOC, comp, date(2021, 9, 30)).note == "已完成"  # type: ignore[union-attr]
