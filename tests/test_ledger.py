"""The status ledger: keyed by measure key, schema-checked, and safe under concurrent writers."""

from __future__ import annotations

import multiprocessing
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from seedfiles import DOC, SEED_YAML

from reformctl.audit.ledger import (
    STATUSES,
    Event,
    Ledger,
    LedgerEntry,
    load_ledger,
    set_status,
)
from reformctl.corpus import load_corpus
from reformctl.errors import InputError, ReformctlError, UsageError
from reformctl.model import Measure


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SEED_YAML, tmp_path / SEED_YAML.name)
    return tmp_path


def seed_measure(measure_id: str) -> Measure:
    hits = load_corpus(SEED_YAML).find(measure_id)
    assert len(hits) == 1, measure_id
    return hits[0][2]


def test_missing_file_is_an_empty_ledger(folder: Path) -> None:
    ledger = load_ledger(folder)
    assert ledger.entries == []
    assert ledger.status_of(DOC, seed_measure("3.8")) == "open"


def test_set_status_round_trip(folder: Path) -> None:
    m = seed_measure("3.8")  # 提升不停电作业能力
    stamp = datetime(2021, 10, 1, 9, 30, tzinfo=UTC)
    entry = set_status(folder, DOC, m, "done", on=date(2021, 7, 30), note="验收通过", now=stamp,
                       by="王敏")
    event = Event(at="2021-10-01T09:30:00+00:00", by="王敏", from_status="open",
                  to_status="done", note="验收通过", date=date(2021, 7, 30))
    assert entry == LedgerEntry(key=m.key, id="3.8", document=DOC, status="done",
                                date=date(2021, 7, 30), note="验收通过",
                                updated="2021-10-01T09:30:00+00:00", title="提升不停电作业能力",
                                history=(event,))
    ledger = load_ledger(folder)
    assert ledger.entries == [entry]
    assert ledger.get(DOC, m) == entry
    assert ledger.status_of(DOC, m) == "done"
    assert ledger.status_of("another_document", m) == "open"
    text = (folder / "status.yaml").read_text(encoding="utf-8")
    assert text.startswith("# reformctl status ledger")
    assert "id: '3.8'" in text  # quoted, so it stays an id and never becomes a number


def test_a_new_status_replaces_the_old_one_and_reopen_sets_open(folder: Path) -> None:
    m = seed_measure("1.4")
    set_status(folder, DOC, m, "in-progress", on=date(2021, 7, 1))
    set_status(folder, DOC, m, "done", on=date(2021, 9, 28), note="已完成")
    set_status(folder, DOC, seed_measure("1.5"), "dropped", on=date(2021, 8, 1))
    ledger = load_ledger(folder)
    assert [(e.id, e.status) for e in ledger.entries] == [("1.4", "done"), ("1.5", "dropped")]
    set_status(folder, DOC, m, "open", on=date(2021, 10, 2))  # what `status 1.4 reopen` does
    assert load_ledger(folder).status_of(DOC, m) == "open"


def test_unknown_status_is_a_usage_error(folder: Path) -> None:
    with pytest.raises(UsageError, match="status must be one of"):
        set_status(folder, DOC, seed_measure("3.8"), "finished", on=None)
    assert not (folder / "status.yaml").exists()
    assert STATUSES == ("open", "in-progress", "done", "dropped")


def test_entries_follow_the_key_across_renumbering(folder: Path) -> None:
    m = seed_measure("3.8")
    set_status(folder, DOC, m, "done", on=date(2021, 7, 30))
    ledger = load_ledger(folder)
    # The next version inserts a measure before it: same key, new number.
    renumbered = Measure(id="3.9", key=m.key, number=9, title=m.title, text=m.text, lines=m.lines)
    assert ledger.status_of(DOC, renumbered) == "done"
    # The measure now numbered 3.8 is another one: it must not inherit the status.
    newcomer = Measure(id="3.8", key="0123456789ab", number=8, title="新增措施", text="",
                       lines=(1, 1))
    assert ledger.status_of(DOC, newcomer) == "open"


def test_hand_written_entry_without_key_matches_by_id(folder: Path) -> None:
    (folder / "status.yaml").write_text(
        "entries:\n"
        f"  - {{document: {DOC}, id: '9.9', status: done, date: 2021-09-15}}\n",
        encoding="utf-8",
    )
    ledger = load_ledger(folder)
    assert ledger.status_of(DOC, seed_measure("9.9")) == "done"
    assert ledger.entries[0].date == date(2021, 9, 15)  # an unquoted date is accepted
    # Setting a status on it replaces the hand-written entry instead of adding a second one.
    set_status(folder, DOC, seed_measure("9.9"), "in-progress", on=None)
    entries = load_ledger(folder).entries
    assert [(e.id, e.status, e.key) for e in entries] == [
        ("9.9", "in-progress", seed_measure("9.9").key)
    ]


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        # a status that is not one of the four
        ("entries:\n  - document: d\n    id: '3.8'\n    status: finished\n", 4, "finished"),
        # an id written as a number: 14.10 would silently become 14.1
        ("entries:\n  - document: d\n    id: 14.10\n    status: done\n", 3, "14.1 is not text"),
        # an impossible date
        ("entries:\n  - document: d\n    id: '3.8'\n    status: done\n    date: 2021-13-01\n",
         5, "2021-13-01"),
        # a misspelt field
        ("entries:\n  - document: d\n    id: '3.8'\n    stauts: done\n", 2, "status"),
        # the same measure twice
        ("entries:\n  - {document: d, id: '3.8', key: abc, status: done}\n"
         "  - {document: d, id: '3.8', key: abc, status: open}\n", 3, "twice"),
    ],
)
def test_schema_errors_name_file_and_line(folder: Path, body: str, line: int,
                                          fragment: str) -> None:
    path = folder / "status.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReformctlError) as info:  # SchemaError; InputError for the bad date
        load_ledger(folder)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert fragment in str(info.value)


def test_broken_yaml_is_an_input_error_with_line(folder: Path) -> None:
    (folder / "status.yaml").write_text("entries:\n  - document: [d\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_ledger(folder)
    assert info.value.line is not None and info.value.line >= 2


def test_a_failed_write_leaves_the_ledger_as_it_was(folder: Path) -> None:
    set_status(folder, DOC, seed_measure("3.8"), "done", on=date(2021, 7, 30))
    before = (folder / "status.yaml").read_text(encoding="utf-8")
    with pytest.raises(UsageError):
        set_status(folder, DOC, seed_measure("3.7"), "bogus", on=None)
    assert (folder / "status.yaml").read_text(encoding="utf-8") == before


def test_empty_ledger_object() -> None:
    ledger = Ledger()
    assert len(ledger) == 0
    assert ledger.get(DOC, Measure(id="1.1", key="k", number=1, title="", text="",
                                   lines=(1, 1))) is None


# --- two (and more) processes at once -------------------------------------------------------

WRITERS = 4
PER_WRITER = 8


def _writer(folder: str, ids: list[str], status: str) -> None:
    corpus = load_corpus(Path(folder) / SEED_YAML.name)
    for measure_id in ids:
        measure = corpus.find(measure_id)[0][2]
        set_status(Path(folder), DOC, measure, status, on=date(2021, 9, 30), note=measure_id)


def test_concurrent_writers_lose_nothing(folder: Path) -> None:
    corpus = load_corpus(folder / SEED_YAML.name)
    ids = [m.id for _, _, m in corpus.walk()][: WRITERS * PER_WRITER]
    chunks = [ids[i::WRITERS] for i in range(WRITERS)]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(folder), chunk, "done")) for chunk in chunks]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    ledger = load_ledger(folder)
    assert sorted(e.id for e in ledger.entries) == sorted(ids)
    assert all(e.status == "done" and e.note == e.id for e in ledger.entries)
    data = yaml.safe_load((folder / "status.yaml").read_text(encoding="utf-8"))
    assert len(data["entries"]) == len(ids)


def test_concurrent_updates_of_the_same_measures_keep_one_entry_each(folder: Path) -> None:
    ids = ["3.8", "1.4", "9.9"]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(folder), ids, status))
             for status in ("done", "in-progress", "dropped", "done")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    entries = load_ledger(folder).entries
    assert sorted(e.id for e in entries) == sorted(ids)
    assert {e.status for e in entries} <= {"done", "in-progress", "dropped"}
