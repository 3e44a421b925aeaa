"""Files as a careful Unix tool handles them (issue 15, point 3): `-o` takes a regular file
or `-` only, symlinks are written through (never replaced by a file), a read-only corpus and
a full disk are one line and exit 2, killed writers' temp files are cleaned at the next write.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from seedfiles import DOC, SEED, seed_corpus
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.errors import ReformctlError
from reformctl.fileio import atomic_write, clean_stale_temp_files, write_new_file

runner = CliRunner()


def run(*args: str) -> object:
    return runner.invoke(app, list(args))


def _device(tmp_path: Path) -> Path:
    node = tmp_path / "dn"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    return node


@pytest.mark.parametrize("command", [
    ["export", "-f", "csv", "-o"], ["report", "--no-overlap", "-o"], ["parse", str(SEED), "-o"],
])
def test_output_to_a_device_is_refused_and_the_device_stays(
    corpus: Path, tmp_path: Path, command: list[str]
) -> None:
    """Before: `export -o /tmp/dn` replaced the device node with a regular file."""
    node = _device(tmp_path)
    result = runner.invoke(app, [*command, str(node), "--corpus", str(corpus)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    assert "not a regular file" in result.stderr and str(node) in result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_output_to_a_fifo_is_refused_without_blocking(corpus: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["export", "-f", "md", "-o", str(fifo), "--corpus", str(corpus)])
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_through_a_symlink_writes_its_target(corpus: Path, tmp_path: Path) -> None:
    real = tmp_path / "real" / "ledger.csv"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "ledger.csv"
    link.symlink_to(real)
    result = runner.invoke(app, ["export", "-o", str(link), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8-sig").startswith("id,plan,")


def test_output_to_a_dangling_symlink_is_refused(corpus: Path, tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "nowhere" / "x.csv")
    result = runner.invoke(app, ["export", "-o", str(link), "--corpus", str(corpus)])
    assert result.exit_code == 2 and "symbolic link to nothing" in result.stderr
    assert link.is_symlink()


def test_a_symlinked_ledger_is_written_through(corpus: Path, tmp_path: Path) -> None:
    """Before: `status` replaced a symlinked status.yaml with a regular file."""
    kept = tmp_path / "elsewhere" / "status.yaml"
    kept.parent.mkdir()
    kept.write_text("entries: []\n", encoding="utf-8")
    (corpus / "status.yaml").symlink_to(kept)
    result = run("status", "3.8", "done", "--date", "2021-07-30", "--corpus", str(corpus))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert (corpus / "status.yaml").is_symlink()
    assert "id: '3.8'" in kept.read_text(encoding="utf-8")


def test_a_ledger_that_is_a_fifo_is_refused(corpus: Path) -> None:
    os.mkfifo(corpus / "status.yaml")
    result = runner.invoke(app, ["status", "3.8", "done", "--corpus", str(corpus)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "not a regular file" in result.stderr


def write_version(tmp_path: Path) -> Path:
    """A new version of the seed (one deadline moved), as a source file."""
    from seed_versions import postpone_2_3

    source = tmp_path / "new" / f"{DOC}.txt"
    source.parent.mkdir(exist_ok=True)
    source.write_text(postpone_2_3(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    return source


def _read_only_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only corpus (root ignores permission bits, so the lock's open fails as EROFS)."""
    import filelock

    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", getattr(self, "lock_file", None))

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)


def test_status_on_a_read_only_corpus_is_one_line(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: an OSError traceback on the lock file."""
    _read_only_lock(monkeypatch)
    result = runner.invoke(app, ["status", "3.8", "done", "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr == (f"reformctl: error: {corpus / '.status.yaml.lock'}: cannot lock "
                             "the ledger: read-only file system\n")


def test_parse_of_a_new_version_on_a_read_only_corpus_is_one_line(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _read_only_lock(monkeypatch)
    source = write_version(tmp_path)
    result = runner.invoke(app, ["parse", str(source), "--corpus", str(corpus), "--replaces",
                                 DOC, "-q"])
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith("cannot lock the ledger: read-only file system\n")


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    import reformctl.fileio

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reformctl.fileio.os, "fsync", no_space)


def test_a_full_disk_while_a_new_version_replaces_the_old_leaves_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: a traceback, and a 0-byte history/….yaml left behind (one more per retry)."""
    source = write_version(tmp_path)
    before = sorted(p.name for p in corpus.rglob("*") if p.is_file())
    _full_disk(monkeypatch)
    for _ in range(2):
        result = runner.invoke(app, ["parse", str(source), "--corpus", str(corpus),
                                     "--replaces", DOC, "-q"])
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and "no space left on device" in result.stderr
    assert sorted(p.name for p in corpus.rglob("*") if p.is_file()
                  and not p.name.endswith(".lock")) == [
        n for n in before if not n.endswith(".lock")]


def test_write_new_file_never_replaces_and_leaves_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h" / "a.yaml"
    write_new_file(path, b"one")
    with pytest.raises(FileExistsError):
        write_new_file(path, b"two")
    assert path.read_bytes() == b"one"
    _full_disk(monkeypatch)
    with pytest.raises(ReformctlError, match="no space"):
        write_new_file(tmp_path / "h" / "b.yaml", b"three")
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.yaml"]


def test_temp_files_of_killed_writers_are_cleaned_at_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "status.yaml"
    target.write_text("entries: []\n", encoding="utf-8")
    dead = tmp_path / ".status.yaml.999999999-abc.tmp"  # no such process
    old = tmp_path / ".status.yaml.k2j3h4.tmp"  # an older reformctl's name, 2 hours old
    live = tmp_path / f".status.yaml.{os.getppid()}-xyz.tmp"  # a writer still at work
    other = tmp_path / ".other.yaml.999999999-abc.tmp"  # another file's: not ours to judge
    for p in (dead, old, live, other):
        p.write_text("half", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    atomic_write(target, "entries: []\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == sorted(
        [live.name, other.name])
    assert clean_stale_temp_files(target, now=time.time() + 7200) == [live]


def test_a_status_writer_killed_at_the_rename_leaves_nothing_for_long(corpus: Path) -> None:
    """Before: a killed `status` left .status.yaml.*.tmp forever. A writer SIGKILLed just
    before its rename leaves its temp file; the next write removes it."""
    probe = ("import os, signal, sys\n"
             "import reformctl.fileio as f\n"
             "f.os.replace = lambda a, b: os.kill(os.getpid(), signal.SIGKILL)\n"
             "from reformctl.cli import main\n"
             f"sys.argv = ['reformctl', 'status', '3.8', 'done', '--corpus', {str(corpus)!r}]\n"
             "main()\n")
    killed = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=False)
    assert killed.returncode == -9
    assert [p.name for p in corpus.glob(".status.yaml.*.tmp")]
    assert not (corpus / "status.yaml").exists()
    result = run("status", "2.5", "in-progress", "--corpus", str(corpus))
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert not list(corpus.glob(".status.yaml.*.tmp"))


def test_atomic_write_refuses_a_device(tmp_path: Path) -> None:
    node = _device(tmp_path)
    with pytest.raises(ReformctlError, match="not a regular file"):
        atomic_write(node, "x")
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_seed_corpus_is_untouched(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "c")
    assert sorted(p.name for p in corpus.iterdir()) == ["000_675e6135523c2031.yaml",
                                                         "departments.yaml"]


def test_a_pdf_giving_a_lone_surrogate_parses(tmp_path: Path) -> None:
    """Before: a font mapping a glyph to U+D800 made `parse` crash with UnicodeEncodeError."""
    from test_read import make_pdf

    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(make_pdf([["一、开办企业", "1.推行\ud800全程电子化。（牵头部门：市行政审批服务局）"]]))
    out = tmp_path / "plan.yaml"
    result = runner.invoke(app, ["parse", str(pdf), "-o", str(out), "-q", "--corpus",
                                 str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "推行\ufffd全程电子化" in text


@pytest.mark.parametrize("kind", ["not utf-8", "fifo", "device", "missing", "folder"])
def test_a_bad_password_file_is_one_line(corpus: Path, tmp_path: Path, kind: str) -> None:
    """Before: a non-UTF-8 file was a traceback, a FIFO or /dev/zero hung for ever."""
    path = tmp_path / "pw"
    if kind == "not utf-8":
        path.write_bytes(b"\xff\xfesecret\n")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    result = runner.invoke(app, ["notify", "--smtp", "127.0.0.1:9", "--from", "a@example.org",
                                 "--smtp-user", "u", "--password-file", str(path),
                                 "--as-of", "2021-10-01", "--corpus", str(corpus)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "cannot read password file" in result.stderr
