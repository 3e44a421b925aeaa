"""Bad input: one line on stderr naming the file (and line), exit code 2, no traceback, and
nothing that existed is overwritten or half-written."""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from seedfiles import SEED
from typer.testing import CliRunner

from reformctl import fileio, yamlio
from reformctl.cli import app
from reformctl.corpus import save_document
from reformctl.errors import InputError, ReformctlError
from reformctl.parse import parse_text
from reformctl.parse.read import MAX_BYTES, read_bytes, read_source
from reformctl.yamlio import atomic_write, atomic_write_bytes

EXCERPT = "\n".join(SEED.read_text(encoding="utf-8").split("\n")[:26]) + "\n"
OLD_BYTES = "document: {title: 旧版本}\n# keep me\n".encode()

runner = CliRunner()


def assert_one_error_line(result: Any, *names: str) -> str:
    """Exit code 2, exactly one line on stderr naming every one of ``names``, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Temp files an interrupted atomic write would leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- source documents ------------------------------------------------------------------------


def _empty(tmp: Path) -> Path:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return path


def _whitespace(tmp: Path) -> Path:
    path = tmp / "blank.txt"
    path.write_text(" \n\t\r\n\u3000\u3000\n\ufeff\u200b\n", encoding="utf-8")
    return path


def _png(tmp: Path) -> Path:
    path = tmp / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00\x00\x00\x01\x80"
                     + bytes(range(256)) * 4)
    return path


def _binary(tmp: Path) -> Path:
    path = tmp / "data.txt"
    path.write_bytes(bytes((i * 7919) % 256 for i in range(20000)))
    return path


def _directory(tmp: Path) -> Path:
    path = tmp / "plans.txt"
    path.mkdir()
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-plan.txt"


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)  # opening it for reading would block: it must be refused before that
    return path


def _broken_docx(tmp: Path) -> Path:
    path = tmp / "plan.docx"
    path.write_bytes(b"PK\x03\x04\x14\x00" + b"\x00" * 200)
    return path


def _broken_pdf(tmp: Path) -> Path:
    path = tmp / "plan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    return path


def _old_doc(tmp: Path) -> Path:
    path = tmp / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return path


BAD_SOURCES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_empty, "empty document"),
    "whitespace-only": (_whitespace, "empty document"),
    "png-bytes": (_png, "PNG image"),
    "binary": (_binary, "binary file"),
    "directory": (_directory, "is a directory"),
    "missing": (_missing, "no such file"),
    "fifo": (_fifo, "not a regular file"),
    "broken-docx": (_broken_docx, ".docx"),
    "broken-pdf": (_broken_pdf, "PDF"),
    "old-word-doc": (_old_doc, ".docx"),
}


# `reformctl parse FOLDER` parses the documents in a folder: a folder is bad input only for
# the library's read_source.
CLI_CASES = [case for case in BAD_SOURCES if case != "directory"]


@pytest.mark.parametrize("case", CLI_CASES)
def test_parse_refuses_bad_source_and_keeps_the_old_output(tmp_path: Path, case: str) -> None:
    build, message = BAD_SOURCES[case]
    source = build(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    output = out_dir / "plan.yaml"
    output.write_bytes(OLD_BYTES)
    result = runner.invoke(app, ["parse", str(source), "-o", str(output),
                                 "--corpus", str(tmp_path / "corpus")])
    assert_one_error_line(result, str(source), message)
    assert output.read_bytes() == OLD_BYTES
    assert sorted(p.name for p in out_dir.iterdir()) == ["plan.yaml"]


def test_library_raises_input_error_naming_the_file(tmp_path: Path) -> None:
    for case, (build, message) in BAD_SOURCES.items():
        folder = tmp_path / case
        folder.mkdir()
        source = build(folder)
        with pytest.raises(InputError) as info:
            read_source(source)
        assert info.value.path == str(source), case
        assert message in info.value.message, case


def test_second_file_failing_leaves_the_first_written_and_its_own_output_intact(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EXCERPT, encoding="utf-8")
    bad = _empty(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "empty.yaml").write_bytes(OLD_BYTES)
    result = runner.invoke(app, ["parse", str(good), str(bad), "-o", str(out), "-q",
                                 "--corpus", str(tmp_path / "corpus")])
    assert_one_error_line(result, str(bad), "empty document")
    assert (out / "good.yaml").read_text(encoding="utf-8").startswith("document:")
    assert (out / "empty.yaml").read_bytes() == OLD_BYTES
    assert leftovers(out) == []


def test_many_files_one_line_per_bad_one(tmp_path: Path) -> None:
    """Several sources into a fresh folder (the path that may use every core)."""
    good = tmp_path / "good.txt"
    good.write_text(EXCERPT, encoding="utf-8")
    bad = [_empty(tmp_path), _png(tmp_path), _fifo(tmp_path), _missing(tmp_path)]
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(good), *map(str, bad), "-o", str(out), "-q",
                                 "--corpus", str(tmp_path / "corpus")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == len(bad)
    for path in bad:
        assert sum(str(path) in line for line in lines) == 1, path
    assert sorted(p.name for p in out.iterdir()) == ["good.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    source = tmp_path / "secret.txt"
    source.write_text(EXCERPT, encoding="utf-8")
    source.chmod(0)
    try:
        result = runner.invoke(app, ["parse", str(source), "-o", "-"])
        assert_one_error_line(result, str(source), "permission denied")
    finally:
        source.chmod(stat.S_IRUSR | stat.S_IWUSR)


def _refuse_open(*args: Any, **kwargs: Any) -> Any:
    raise PermissionError(errno.EACCES, "Permission denied", str(args[0]) if args else "")


def test_unreadable_file_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The open() that fails as it does for an ordinary user on a chmod 000 file."""
    source = tmp_path / "secret.txt"
    source.write_text(EXCERPT, encoding="utf-8")
    monkeypatch.setattr("reformctl.parse.read.source.open", _refuse_open, raising=False)
    result = runner.invoke(app, ["parse", str(source), "-o", "-"])
    assert_one_error_line(result, str(source), "permission denied")


def test_unreadable_corpus_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setattr("reformctl.fileio.open", _refuse_open, raising=False)
    doc = corpus / "plan.yaml"
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus), "-f", "json"]),
                   str(doc), "permission denied")
    assert_one_error_line(runner.invoke(app, ["validate", str(doc)]), str(doc), "permission denied")


def test_file_over_50_mb_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "huge.txt"
    with open(source, "wb") as handle:  # sparse: 50 MB + 1 byte without using the disk
        handle.truncate(MAX_BYTES + 1)
    opened: list[Any] = []
    monkeypatch.setattr("reformctl.parse.read.source.open", lambda *a, **k: opened.append(a),
                        raising=False)
    output = tmp_path / "huge.yaml"
    output.write_bytes(OLD_BYTES)
    result = runner.invoke(app, ["parse", str(source), "-o", str(output)])
    line = assert_one_error_line(result, str(source), "the limit is 50 MB")
    assert "50.0 MB" in line
    assert opened == []
    assert output.read_bytes() == OLD_BYTES


def test_huge_yaml_in_the_corpus_is_refused(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    huge = corpus / "zz_huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(yamlio.MAX_YAML_BYTES + 1)
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]), str(huge), "50 MB")
    assert_one_error_line(runner.invoke(app, ["validate", str(huge)]), str(huge), "50 MB")


def test_read_is_bounded_even_when_the_size_is_unknown() -> None:
    """/proc files report size 0; the read still stops at the limit."""
    proc = Path("/proc/self/status")
    if not proc.exists():
        pytest.skip("no /proc")
    with pytest.raises(InputError, match="more than"):
        read_bytes(proc, limit=64)
    assert len(read_bytes(proc)) > 64


# -- corpus YAML -----------------------------------------------------------------------------


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    save_document(parse_text(EXCERPT, source="plan.txt", year=2021), folder / "plan.yaml")
    return folder


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new``; the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def test_deadline_date_of_the_wrong_type(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    doc = corpus / "plan.yaml"
    line = _edit(doc, "date: '2021-09-30'", "date: 九月底")
    listed = assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]),
                            f"{doc}:{line}", "deadlines/0/date")
    assert "九月底" in listed
    assert_one_error_line(runner.invoke(app, ["validate", str(doc)]), f"{doc}:{line}",
                   "/plans/0/measures/1/deadlines/0/date")


def test_deadline_date_that_is_no_date(tmp_path: Path) -> None:
    """YAML reads 2021-13-45 as a timestamp and then cannot build it."""
    corpus = _corpus(tmp_path)
    doc = corpus / "plan.yaml"
    line = _edit(doc, "date: '2021-09-30'", "date: 2021-13-45")
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]), f"{doc}:{line}",
                   "2021-13-45")
    assert_one_error_line(runner.invoke(app, ["validate", str(doc)]), f"{doc}:{line}", "2021-13-45")


def test_measure_without_id(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    doc = corpus / "plan.yaml"
    line = _edit(doc, "- id: '1.3'\n    key:", "- key:")
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]), f"{doc}:{line}",
                   "'id' is required")
    result = runner.invoke(app, ["validate", str(doc)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{doc}:{line}: at /plans/0/measures/2: "
                                          "'id' is required"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("document: {title: x}\nplans: [\n", "invalid YAML"),
        ("document:\n  title: x\n\tyear: 2021\n", "invalid YAML"),
        ("document: {title: x}\nplans: " + "[" * 150 + "]" * 150 + "\n", "nested"),
        ("document: {title: x}\nplans: " + "[" * 5000 + "]" * 5000 + "\n", "nest"),
    ],
    ids=["unclosed", "tab-indent", "deep-150", "deep-5000"],
)
def test_broken_yaml(tmp_path: Path, text: str, message: str) -> None:
    corpus = _corpus(tmp_path)
    doc = corpus / "plan.yaml"
    doc.write_text(text, encoding="utf-8")
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]), str(doc), message)
    assert_one_error_line(runner.invoke(app, ["validate", str(doc)]), str(doc), message)


def test_yaml_not_in_utf8(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    doc = corpus / "plan.yaml"
    doc.write_bytes(doc.read_text(encoding="utf-8").encode("gb18030"))
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]), str(doc), "UTF-8")


BILLION_LAUGHS = """document: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
plans: *i
"""


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    doc = corpus / "plan.yaml"
    doc.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]), f"{doc}:1",
                   "anchors and aliases")
    assert_one_error_line(runner.invoke(app, ["validate", str(doc)]), f"{doc}:1", "anchors and aliases")
    # 9^9 strings if expanded; refused at the first anchor. Generous bound for slow machines.
    assert time.perf_counter() - started < 10


def test_corpus_that_is_no_folder_or_file(tmp_path: Path) -> None:
    pipe = _fifo(tmp_path)
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(pipe)]), str(pipe),
                   "neither a folder nor a YAML file")
    missing = tmp_path / "nowhere"
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(missing)]), str(missing),
                   "corpus not found")


def test_unreadable_corpus_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)

    def refuse(self: Path) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert_one_error_line(runner.invoke(app, ["list", "--corpus", str(corpus)]), str(corpus),
                   "permission denied")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.yaml", lambda p: p.write_bytes(b""), "an empty value is not a mapping"),
        ("folder.yaml", lambda p: p.mkdir(), "is a directory"),
        ("missing.yaml", lambda p: None, "no such file"),
        ("scan.yaml", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff"), "not UTF-8"),
    ],
)
def test_validate_bad_files(tmp_path: Path, name: str, make: Any, message: str) -> None:
    path = tmp_path / name
    make(path)
    assert_one_error_line(runner.invoke(app, ["validate", str(path)]), str(path), message)


# -- atomic writes ---------------------------------------------------------------------------


@pytest.fixture()
def existing(tmp_path: Path) -> Path:
    target = tmp_path / "plan.yaml"
    target.write_bytes(OLD_BYTES)
    return target


def _disk_full(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fileio.os, "replace", _disk_full)
    with pytest.raises(ReformctlError, match="no space left on device") as info:
        atomic_write(existing, "document: {title: 新版本}\n" * 1000)
    assert info.value.path == str(existing)
    assert existing.read_bytes() == OLD_BYTES
    assert leftovers(existing.parent) == []


class _HalfWriter:
    """A file handle that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def test_atomic_write_keeps_the_old_file_when_the_write_fails_midway(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, *a, **k: _HalfWriter(real_fdopen(fd, *a, **k)))
    with pytest.raises(ReformctlError, match="cannot write"):
        atomic_write_bytes(existing, b"x" * 100_000)
    assert existing.read_bytes() == OLD_BYTES
    assert leftovers(existing.parent) == []


def test_atomic_write_interrupted_keeps_the_old_file(
    existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(existing, "document: {title: 新版本}\n")
    assert existing.read_bytes() == OLD_BYTES
    assert leftovers(existing.parent) == []


def test_atomic_write_into_a_folder_that_cannot_exist(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ReformctlError, match="cannot write") as info:
        atomic_write(blocker / "plan.yaml", "x")
    assert info.value.path == str(blocker / "plan.yaml")


def test_parse_keeps_the_old_output_when_the_write_fails(
    tmp_path: Path, existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(EXCERPT, encoding="utf-8")
    monkeypatch.setattr(fileio.os, "replace", _disk_full)
    result = runner.invoke(app, ["parse", str(source), "-o", str(existing), "-q",
                                 "--corpus", str(tmp_path / "corpus")])
    assert_one_error_line(result, str(existing), "cannot write")
    assert existing.read_bytes() == OLD_BYTES
    assert leftovers(tmp_path) == []


def test_parse_into_an_impossible_place(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(EXCERPT, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(source), "-o", str(blocker / "plan.yaml"), "-q",
                                 "--corpus", str(tmp_path / "corpus")])
    assert_one_error_line(result, str(blocker / "plan.yaml"), "cannot write")
