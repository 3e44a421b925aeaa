"""`reformctl parse DIR` and `parse_many`: every document of a folder, in worker processes,
one YAML each; a broken file is one error line and the others are still written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from seedfiles import ROOT, SEED
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.corpus import render_document
from reformctl.parse import parse_file
from reformctl.usecases.batch import document_sources, parse_many

runner = CliRunner()

# The first plan of the seed, a small document of its own.
SMALL = SEED.read_text(encoding="utf-8").split("配套措施—工程建设项目审批制度改革")[0]


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "small.txt").write_text(SMALL, encoding="utf-8")
    (folder / "small2.txt").write_text(SMALL.replace("开办企业", "企业开办"), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\x03 not a document" * 20)
    (folder / "notes.xlsx.bak").write_text("not a source document")  # skipped: other suffix
    (folder / ".hidden.txt").write_text(SMALL, encoding="utf-8")  # skipped: hidden
    return folder


def test_parse_folder_writes_good_documents_and_reports_the_broken_one(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(sources), "-o", str(out), "-q"])
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["seed.yaml", "small.yaml", "small2.yaml"]
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "broken.txt" in errors[0], result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert "seed.txt: 17 plans, 181 measures (+5 sub-items)" in result.stdout
    # What a worker wrote is what parsing the file alone writes.
    assert (out / "seed.yaml").read_text(encoding="utf-8") == render_document(parse_file(sources / "seed.txt"))


def test_parse_several_files_all_good_exits_zero(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = [str(sources / "small.txt"), str(sources / "small2.txt")]
    result = runner.invoke(app, ["parse", *files, "-o", str(out), "-q", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["small.json", "small2.json"]
    assert result.stderr == ""


def test_folder_into_a_corpus_with_documents_goes_one_at_a_time(
    sources: Path, tmp_path: Path
) -> None:
    """There a document may be a new version of a corpus document: the version-aware path
    (history, diff, ledger) handles it, as for a single file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "000_675e6135523c2031.yaml", corpus)
    for name in ("broken.txt", "seed.txt", "small2.txt"):
        (sources / name).unlink()
    result = runner.invoke(app, ["parse", str(sources), "-c", str(corpus), "-q"])
    assert result.exit_code == 0, result.stderr
    assert "small.txt: 1 plan, 8 measures" in result.stdout
    assert (corpus / "history").is_dir()  # the same title: a new version of the seed


def test_parse_many_streams_one_result_per_document(sources: Path, tmp_path: Path) -> None:
    results = list(parse_many([sources], tmp_path / "out", jobs=2))
    by_name = {r.source.name: r for r in results}
    assert sorted(by_name) == ["broken.txt", "seed.txt", "small.txt", "small2.txt"]
    assert not by_name["broken.txt"].ok and "broken.txt" in (by_name["broken.txt"].error or "")
    assert by_name["seed.txt"].counts["measures"] == 181
    assert by_name["seed.txt"].target == tmp_path / "out" / "seed.yaml"


def test_parse_many_in_process_gives_the_same(sources: Path, tmp_path: Path) -> None:
    one = {r.source.name: r.counts for r in parse_many([sources], tmp_path / "a", jobs=1)}
    two = {r.source.name: r.counts for r in parse_many([sources], tmp_path / "b", jobs=2)}
    assert one == two
    for name in ("seed.yaml", "small.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_two_sources_with_one_output_name_are_refused(sources: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(sources / "small.txt", other / "small.txt")
    results = list(parse_many([sources / "small.txt", other / "small.txt"], tmp_path / "out"))
    refused = [r for r in results if not r.ok]
    assert len(results) == 2 and [r.source for r in refused] == [other / "small.txt"]
    assert "same file" in (refused[0].error or "")


def test_document_sources_expands_folders_only(sources: Path) -> None:
    names = [p.name for p in document_sources([sources, sources / "notes.xlsx.bak"])]
    assert names == ["broken.txt", "seed.txt", "small.txt", "small2.txt", "notes.xlsx.bak"]
