"""`reformctl export --format ics`: one all-day event per dated deadline, stable UIDs."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import yaml
from seedfiles import SEED_YAML, seed_measures
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()


def milestones() -> set[tuple[str, date]]:
    """(measure id, day) for every dated `by` deadline of the seed (same day counted once)."""
    return {(m["id"], date.fromisoformat(d["date"])) for m in seed_measures()
            for d in m["deadlines"] if d["kind"] == "by" and d["date"]}


def export_ics(corpus: Path, tmp_path: Path, *extra: str, name: str = "d.ics") -> list[Any]:
    out = tmp_path / name
    result = runner.invoke(app, ["export", "-o", str(out), "--corpus", str(corpus),
                                 "--as-of", "2021-10-01", *extra])
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert cal["version"] == "2.0"
    return list(cal.walk("VEVENT"))


def test_one_all_day_event_per_dated_deadline(corpus: Path, tmp_path: Path) -> None:
    events = export_ics(corpus, tmp_path)
    expected = milestones()
    assert len(expected) == 133
    got = set()
    for ev in events:
        start, end = ev.decoded("dtstart"), ev.decoded("dtend")
        assert type(start) is date  # all-day: a DATE, not a DATE-TIME
        assert end == start + timedelta(days=1)
        measure_id = str(ev["summary"]).split(" ", 1)[0]
        got.add((measure_id, start))
    assert len(events) == len(expected)
    assert got == expected


def test_event_text_names_measure_owners_and_id(corpus: Path, tmp_path: Path) -> None:
    events = export_ics(corpus, tmp_path)
    ev = next(e for e in events if str(e["summary"]).startswith("3.8 "))
    assert str(ev["summary"]) == "3.8 提升不停电作业能力"
    text = str(ev["description"])
    assert "Responsible: 国网泰安供电公司" in text
    assert "Plan: 3 获得电力" in text
    assert "Deadline: 7月底前" in text
    assert "Text: 试点推广声波成像检测" in text  # the sentence that is due
    assert ev.decoded("dtstart") == date(2021, 7, 31)
    two = [e for e in events if str(e["summary"]).startswith("1.4 ")]
    assert sorted(e.decoded("dtstart") for e in two) == [date(2021, 7, 31), date(2021, 9, 30)]


def test_uids_are_unique_and_stable(corpus: Path, tmp_path: Path) -> None:
    first = {str(e["uid"]): e.decoded("dtstart") for e in export_ics(corpus, tmp_path)}
    assert len(first) == 133
    # A later export (another day, a changed title, another measure added) keeps the UIDs,
    # so a calendar that imports it updates events instead of duplicating them.
    path = corpus / SEED_YAML.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["plans"][0]["measures"][1]["title"] = "推进电子证照全面应用(修订)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "again.ics"
    result = runner.invoke(app, ["export", "-o", str(out), "--corpus", str(corpus),
                                 "--as-of", "2021-11-15"])
    assert result.exit_code == 0
    again = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert {str(e["uid"]): e.decoded("dtstart") for e in again} == first


def test_reminder_alarm(corpus: Path, tmp_path: Path) -> None:
    events = export_ics(corpus, tmp_path, "--remind", "3")
    for ev in events:
        alarms = ev.walk("VALARM")
        assert len(alarms) == 1
        assert alarms[0]["action"] == "DISPLAY"
        assert alarms[0].decoded("trigger") == timedelta(days=-3)
    assert not export_ics(corpus, tmp_path, name="plain.ics")[0].walk("VALARM")


def test_remind_needs_ics(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "x.csv"), "--remind", "3",
                                 "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert "--remind applies to --format ics only" in result.stderr


def test_filters_apply_to_the_calendar(corpus: Path, tmp_path: Path) -> None:
    events = export_ics(corpus, tmp_path, "--plan", "获得电力")
    assert {str(e["categories"].cats[0]) for e in events} == {"获得电力"}
    assert len(events) == sum(1 for mid, _ in milestones() if mid.startswith("3."))
