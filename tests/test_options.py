"""Every option validated at the edge (issue 15, point 5): years 1949–2100, strict dates,
finite numbers, bounded counts, --grep with a length limit and a timeout, --plan that
matches nothing is an error with suggestions. Each is one line and exit 2.

The property test feeds hypothesis values to the options of every command; the default run
is small (25 examples); `make property` (in CI) runs 100, REFORMCTL_PROPERTY_EXAMPLES=N any N.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seedfiles import SEED_YAML, seed_corpus
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()
EXAMPLES = int(os.environ.get("REFORMCTL_PROPERTY_EXAMPLES", "25"))


@pytest.mark.parametrize("args", [
    # Before: tracebacks.
    ["parse", str(SEED_YAML.with_suffix(".txt")), "-o", "-", "--year", "0"],
    ["parse", str(SEED_YAML.with_suffix(".txt")), "-o", "-", "--year", "-1"],
    ["parse", str(SEED_YAML.with_suffix(".txt")), "-o", "-", "--year", "10000"],
    ["parse", str(SEED_YAML.with_suffix(".txt")), "-o", "-", "--year", "99999999999999999999"],
    ["export", "-f", "ics", "--remind", "99999999999999999999"],
    ["list", "--grep", "a{99999999999}"],
    # Before: accepted silently.
    ["due", "--year", "0"], ["depts", "--year", "0"], ["due", "--as-of", ""],
    ["due", "--as-of", "20210930"], ["due", "--as-of", "2021-W39-4"], ["due", "--as-of", "0001-01-01"],
    ["diff", str(SEED_YAML), str(SEED_YAML), "--threshold", "nan"],
    ["notify", "--dry-run", "--retry-delay", "inf"],
    ["notify", "--dry-run", "--retry-delay", "nan"],
    ["list", "--plan", "99999999999999999999"],
    ["due", "--plan", "获得电力力力力"],
    ["list", "--grep", "x" * 201],
])
def test_a_bad_option_is_one_line_and_exit_2(corpus: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--corpus", str(corpus)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("reformctl: ")


def test_plan_that_matches_nothing_suggests(corpus: Path) -> None:
    result = runner.invoke(app, ["list", "--plan", "获得电力供应", "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert "matches no plan (indexes 1-17" in result.stderr and "获得电力" in result.stderr


def test_a_catastrophic_grep_stops_at_its_timeout(corpus: Path, monkeypatch: Any) -> None:
    import reformctl.select

    monkeypatch.setattr(reformctl.select, "GREP_TIMEOUT", 0.001)
    result = runner.invoke(app, ["list", "--grep", r"(\w+\w+)+\d\d\d\d\d\d", "--corpus", str(corpus)])
    assert result.exit_code == 2 and "takes too long" in result.stderr, result.output


def test_good_options_still_work(corpus: Path) -> None:
    for args in (["due", "--year", "2021", "--as-of", "2021-10-01"],
                 ["list", "--plan", "获得电力"], ["list", "--grep", "电子印章"],
                 ["diff", str(SEED_YAML), str(SEED_YAML), "--threshold", "0.5"]):
        result = runner.invoke(app, [*args, "--corpus", str(corpus)])
        assert result.exit_code == 0, (args, result.output)


# -- property: hypothesis values for every command's options -----------------------------

TEXT = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "0", "-1", "1e400", "nan", "inf", "99999999999999999999", "2021-02-30", "2021-10-01",
     "a{99999999999}", "(a+)+$", "[", "\x00", "\ud800", "获得电力", "市财政局", "3.8", "-"]))
NUMBER = st.one_of(st.integers(-10**20, 10**20).map(str), st.floats().map(str), TEXT)

OPTIONS: dict[str, list[tuple[str, Any]]] = {
    "list": [("--plan", TEXT), ("--dept", TEXT), ("--grep", TEXT), ("--format", TEXT)],
    "show": [("--format", TEXT), ("--document", TEXT)],
    "due": [("--month", NUMBER), ("--year", NUMBER), ("--within", NUMBER), ("--as-of", TEXT),
            ("--status", TEXT), ("--by", TEXT), ("--plan", TEXT), ("--dept", TEXT),
            ("--format", TEXT)],
    "audit": [("--as-of", TEXT), ("--check", TEXT), ("--fail-on", TEXT), ("--dept", TEXT),
              ("--format", TEXT)],
    "depts": [("--year", NUMBER), ("--as-of", TEXT), ("--dept", TEXT), ("--format", TEXT)],
    "status": [("--format", TEXT), ("--document", TEXT)],
    "export": [("--format", TEXT), ("--remind", NUMBER), ("--as-of", TEXT), ("--status", TEXT),
               ("--plan", TEXT)],
    "notify": [("--within", NUMBER), ("--retries", NUMBER), ("--retry-delay", NUMBER),
               ("--as-of", TEXT), ("--fallback", TEXT), ("--format", TEXT), ("--plan", TEXT)],
    "diff": [("--threshold", NUMBER), ("--year", NUMBER), ("--format", TEXT)],
}
FIXED = {"notify": ["--dry-run"], "show": ["1.1"], "diff": [str(SEED_YAML), str(SEED_YAML)],
         "audit": ["--check", "overdue"], "export": ["-o", "-"]}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_every_command_takes_any_option_value(tmp_path_factory: Any, data: Any) -> None:
    corpus = tmp_path_factory.getbasetemp() / "options-corpus"
    if not corpus.exists():
        seed_corpus(corpus)
    command = data.draw(st.sampled_from(sorted(OPTIONS)))
    chosen = data.draw(st.lists(st.sampled_from(OPTIONS[command]), min_size=1, max_size=3,
                                unique_by=lambda o: o[0]))
    args = [command, *FIXED.get(command, [])]
    for name, strategy in chosen:
        args += [name, data.draw(strategy)]
    if command == "export" and "--format" not in args:
        args += ["--format", "csv"]
    result = runner.invoke(app, [*args, "--corpus", str(corpus)])
    assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1, (args, result.stderr)
