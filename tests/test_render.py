"""Tables: rich on a terminal, plain aligned lines for a pipe, a file or a cron job's mail."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from seedfiles import ROOT, SEED_YAML

from reformctl.render import Column, plain_table, print_table

COLUMNS = [Column("id", "ID"), Column("title", "Title", max_width=20),
           Column("days", "Days", justify="right")]
RECORDS = [
    {"id": "1.2", "title": "推进电子证照全面应用", "days": 29},
    {"id": "14.10.2", "title": "依托“泰安市重点营运车辆动态信息公共服务平台”开展网络监管", "days": -3},
]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _display_width(text: str) -> int:
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def test_plain_table_is_one_aligned_line_per_record() -> None:
    text = plain_table(RECORDS, COLUMNS, title="due in 9", caption="2 measures")
    lines = text.splitlines()
    assert lines[0] == "due in 9" and lines[-1] == "2 measures"
    header, first, second = lines[1:4]
    assert header.split() == ["ID", "Title", "Days"]
    # Nothing cut or wrapped: the long title is whole, and the columns after it line up by
    # display width (a Chinese character is two cells).
    assert "开展网络监管" in second
    days_at = _display_width(header[: header.index("Days")]) + len("Days")
    for line in (first, second):
        assert _display_width(line) == days_at  # right-aligned numbers end under "Days"
    assert first.startswith("1.2 ") and first.endswith(" 29") and second.endswith(" -3")


def test_print_table_draws_with_rich_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    piped = io.StringIO()
    print_table(RECORDS, COLUMNS, file=piped)
    assert piped.getvalue() == plain_table(RECORDS, COLUMNS)
    terminal = _Terminal()
    print_table(RECORDS, COLUMNS, file=terminal)
    assert "┃" in terminal.getvalue() or "│" in terminal.getvalue()  # rich's box
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # asked for, e.g. behind a pager
    forced = io.StringIO()
    print_table(RECORDS, COLUMNS, file=forced)
    assert "│" in forced.getvalue()


def test_a_piped_due_never_imports_rich(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """rich costs ~60 ms of import and layout; a cron job's pipe does not need it."""
    import shutil

    shutil.copy(SEED_YAML, tmp_path / SEED_YAML.name)
    code = ("import sys\nfrom reformctl.cli import app\n"
            f"sys.argv = ['reformctl', 'due', '--month', '9', '--as-of', '2021-09-01', "
            f"'--corpus', {str(tmp_path)!r}]\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "print('rich.console' in sys.modules, file=sys.stderr)\n")
    env = {"PATH": "/usr/bin:/bin", "REFORMCTL_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120, check=True)
    assert done.stderr.strip() == "False"
    lines = done.stdout.splitlines()
    assert lines[0].split()[:2] == ["编号", "措施"]  # no locale (cron): Chinese
    assert any(line.startswith("1.2 ") and "2021-09-30" in line for line in lines)
