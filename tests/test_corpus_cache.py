"""The parsed-corpus cache: same data as the YAML, rebuilt when the YAML changes or the cache
is damaged, and never in the way when it cannot be written."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from seedfiles import SEED_YAML

from reformctl.corpus import CACHE_ENV_VAR, cache_folder, load_corpus, load_document
from reformctl.model import document_to_dict


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV_VAR, str(folder))
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED_YAML, folder / SEED_YAML.name)
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "corpus").glob("*.pickle"))


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV_VAR, "/somewhere/else")
    assert cache_folder() == Path("/somewhere/else")
    monkeypatch.delenv(CACHE_ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_folder() == Path("/xdg/reformctl")


def test_second_load_comes_from_the_cache_with_the_same_data(cache: Path, corpus: Path) -> None:
    first = load_corpus(corpus)
    assert len(_entries(cache)) == 1
    entry = _entries(cache)[0]
    stamp = entry.stat().st_mtime_ns
    second = load_corpus(corpus)
    assert entry.stat().st_mtime_ns == stamp  # read, not rewritten
    assert [document_to_dict(d) for d in second.documents] == [
        document_to_dict(d) for d in first.documents
    ]


def test_changed_yaml_is_read_again(cache: Path, corpus: Path) -> None:
    path = corpus / SEED_YAML.name
    before = load_document(path)
    text = path.read_text(encoding="utf-8")
    old_title = before.plans[0].title
    path.write_text(text.replace(f"title: {old_title}", "title: 改过的标题", 1), encoding="utf-8")
    after = load_document(path)
    assert after.plans[0].title == "改过的标题"
    assert len(_entries(cache)) == 2  # one entry per content: the old one is never served
    path.write_text(text, encoding="utf-8")
    assert load_document(path).plans[0].title == old_title


def test_corrupt_cache_entries_are_rebuilt_silently(cache: Path, corpus: Path) -> None:
    expected = document_to_dict(load_corpus(corpus).documents[0])
    entry = _entries(cache)[0]
    for damage in (b"", b"not a pickle", entry.read_bytes()[:1000]):
        entry.write_bytes(damage)
        assert document_to_dict(load_corpus(corpus).documents[0]) == expected
        assert entry.read_bytes() not in (b"", b"not a pickle")  # written again, whole


def test_cache_never_unpickles_code(cache: Path, corpus: Path) -> None:
    expected = document_to_dict(load_corpus(corpus).documents[0])
    entry = _entries(cache)[0]
    entry.write_bytes(pickle.dumps(os.system))  # a global that is no plain data
    assert document_to_dict(load_corpus(corpus).documents[0]) == expected


def test_unwritable_cache_folder_is_no_cache(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV_VAR, str(blocker / "cache"))
    assert len(load_corpus(corpus).documents) == 1
    assert len(load_corpus(corpus).documents) == 1


def test_a_warm_due_never_imports_pyyaml(cache: Path, corpus: Path) -> None:
    """PyYAML costs ~11 ms at start-up; with the corpus cached, `due` does not need it."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from reformctl.cli import app\n"
            f"sys.argv = ['reformctl', 'due', '--month', '9', '--corpus', {str(corpus)!r}]\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "print('yaml' in sys.modules, file=sys.stderr)\n")
    env = {**os.environ, CACHE_ENV_VAR: str(cache)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=120, env=env, check=True) for _ in range(2)]
    assert "1.1" in runs[0].stdout and runs[0].stdout == runs[1].stdout
    assert runs[0].stderr.strip() == "True"  # cold: the YAML was read
    assert runs[1].stderr.strip() == "False"  # warm: from the cache alone
