"""`parse --timeout`: a document that takes too long is stopped with one line, the others go on.

The parser is linear (tests/test_linear.py), so no real document is slow enough to test the
budget with in a second: a document named slow*.txt is made to never finish here, by a parse
function that loops, and the alarm has to stop it wherever it is (Python code, a regular
expression, a reader's ``except Exception``).
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from seedfiles import SEED
from typer.testing import CliRunner

import reformctl.parse
from reformctl.cli import app
from reformctl.errors import InputError
from reformctl.usecases.batch import parse_many
from reformctl.usecases.timelimit import time_limit

runner = CliRunner()
SMALL = SEED.read_text(encoding="utf-8").split("配套措施—工程建设项目审批制度改革")[0]
real_parse_file = reformctl.parse.parse_file


def never_ending(path: object, **kwargs: object) -> object:
    """parse_file, except that a file named slow*.txt never finishes."""
    if Path(str(path)).name.startswith("slow"):
        while True:
            pass
    return real_parse_file(path, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def slow_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reformctl.parse, "parse_file", never_ending)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "small.txt").write_text(SMALL, encoding="utf-8")
    (sources / "slow.txt").write_text(SMALL, encoding="utf-8")
    shutil.copy(SEED, sources / "seed.txt")
    return sources


def test_time_limit_stops_a_loop_and_names_the_file() -> None:
    start = time.monotonic()
    with pytest.raises(InputError) as caught, time_limit(0.2, "plan.txt"):
        while True:
            pass
    assert time.monotonic() - start < 5
    assert str(caught.value).startswith("plan.txt: stopped after 0.2 s (the --timeout budget)")


def test_time_limit_stops_a_regular_expression_and_passes_a_broad_except() -> None:
    """A backtracking pattern is C code: it checks for signals as it runs. A reader's
    ``except Exception`` must not turn the alarm into "cannot read …"."""
    with pytest.raises(InputError, match="stopped after"), time_limit(0.2, "x.txt"):
        try:
            re.match(r"(a+)+$", "a" * 60 + "b")
        except Exception as exc:  # noqa: BLE001 - as docx_to_text does
            raise InputError(f"cannot read: {exc}") from None


def test_time_limit_leaves_nothing_behind() -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5, "x.txt"):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    with time_limit(0, "x.txt"), time_limit(None, "x.txt"):  # no limit
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.usefixtures("slow_parser")
def test_parse_one_file_past_its_budget_is_one_line_and_exit_2(folder: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(folder / "slow.txt"), "-o", str(tmp_path / "o.yaml"),
                                 "--timeout", "0.3"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"reformctl: error: {folder / 'slow.txt'}: stopped after 0.3 s (the --timeout budget); "
        "the document is too large or too unusual to parse in time"]
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.usefixtures("slow_parser")
def test_parse_folder_goes_on_after_a_document_past_its_budget(folder: Path, tmp_path: Path) -> None:
    """On every core (workers), and one at a time (into a folder that holds documents)."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(folder), "-o", str(out), "-q", "--timeout", "1"])
    assert result.exit_code == 2, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["seed.yaml", "small.yaml"]
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and "slow.txt: stopped after 1 s" in errors[0], result.stderr
    # Again into the same folder: one document at a time, in this process.
    again = runner.invoke(app, ["parse", str(folder), "-o", str(out), "-q", "--timeout", "1"])
    assert again.exit_code == 2, again.stderr
    assert len(again.stderr.splitlines()) == 1 and "slow.txt: stopped" in again.stderr
    assert "small.txt" in again.stdout and "seed.txt" in again.stdout


@pytest.mark.usefixtures("slow_parser")
def test_parse_many_reports_the_document_past_its_budget(folder: Path, tmp_path: Path) -> None:
    results = {r.source.name: r for r in parse_many([folder], tmp_path / "out", timeout=0.5,
                                                     jobs=1)}
    assert results["small.txt"].ok and results["seed.txt"].ok
    assert "stopped after 0.5 s" in (results["slow.txt"].error or "")


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "x"])
def test_timeout_must_be_a_number_of_seconds(value: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(tmp_path / "o.yaml"),
                                 "--timeout", value])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "--timeout" in result.stderr
