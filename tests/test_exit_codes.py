"""Exit codes and stderr of every command (issue 15, point 5): 0 nothing to report,
1 findings, 2 bad usage or input, 3 an internal error (a bug), each as one line on stderr;
--debug shows the traceback. Standard output that is closed or full is one line and exit 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from seedfiles import seed_corpus
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()
REFORMCTL = [sys.executable, "-m", "reformctl"]


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("something nobody expected")


def test_an_internal_error_is_exit_3_and_one_line(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: a crash exited 1 with a traceback, the code of "findings", so cron could not
    tell a crash from overdue items."""
    monkeypatch.setattr("reformctl.select.select", _boom)
    result = runner.invoke(app, ["list", "--corpus", str(corpus)])
    assert result.exit_code == 3
    assert result.stderr == ("reformctl: error: internal error: RuntimeError: something nobody "
                             "expected (a bug: rerun with --debug for the traceback and report "
                             "it)\n")


def test_debug_shows_the_traceback(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reformctl.select.select", _boom)
    result = runner.invoke(app, ["--debug", "list", "--corpus", str(corpus)])
    assert isinstance(result.exception, RuntimeError)
    monkeypatch.setenv("REFORMCTL_DEBUG", "1")
    result = runner.invoke(app, ["list", "--corpus", str(corpus)])
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.parametrize("args", [
    ["due", "--month", "x"],
    ["due", "--nosuch"],
    ["nosuch"],
    ["list", "--plan"],
    ["diff"],
])
def test_a_usage_error_is_one_line(corpus: Path, args: list[str]) -> None:
    """Before: four lines (usage, a hint, a blank line, the error)."""
    result = runner.invoke(app, [*args])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("reformctl: error: ")
    assert "--help" in result.stderr


def _cli(args: list[str], corpus: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REFORMCTL_CORPUS": str(corpus)}
    return subprocess.run([*REFORMCTL, *args], env=env, capture_output=True, text=True,
                          check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [["list"], ["due", "--month", "9", "-f", "json"],
                                  ["export", "-f", "csv"]])
def test_stdout_to_a_full_device_is_one_line(corpus: Path, args: list[str]) -> None:
    """Before: an OSError traceback."""
    with open("/dev/full", "w") as full:
        env = {**os.environ, "REFORMCTL_CORPUS": str(corpus)}
        result = subprocess.run([*REFORMCTL, *args, "--as-of", "2021-10-01"] if args[0] != "list"
                                else [*REFORMCTL, *args], env=env, stdout=full,
                                stderr=subprocess.PIPE, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr == ("reformctl: error: cannot write to standard output: no space left "
                             "on device\n")


def test_closed_stdout_is_one_line(corpus: Path) -> None:
    """Before: AttributeError (sys.stdout is None)."""
    env = {**os.environ, "REFORMCTL_CORPUS": str(corpus)}
    result = subprocess.run(["sh", "-c", 'exec "$0" -m reformctl list >&-', sys.executable],
                            env=env, stderr=subprocess.PIPE, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr == "reformctl: error: standard output is closed\n"


def test_a_reader_that_goes_away_ends_quietly(corpus: Path) -> None:
    env = {**os.environ, "REFORMCTL_CORPUS": str(corpus)}
    proc = subprocess.Popen([*REFORMCTL, "export", "-f", "json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before it writes a byte
    err = proc.stderr.read().decode()
    assert proc.wait() == 141
    assert err == ""


def test_help_still_works(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "--debug" in result.stdout
    result = runner.invoke(app, ["due", "--help"])
    assert result.exit_code == 0 and "--month" in result.stdout


def test_findings_are_still_exit_1(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    result = runner.invoke(app, ["due", "--overdue", "--as-of", "2021-10-01", "--corpus",
                                 str(corpus), "-f", "json"])
    assert result.exit_code == 1 and result.stderr == ""
