"""Shared test set-up: a temporary seed corpus; tests never write to the user's cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from seedfiles import seed_corpus


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """The parsed seed and the registry in a temporary corpus folder (never the repo's)."""
    return seed_corpus(tmp_path / "corpus")


@pytest.fixture(autouse=True)
def _language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English unless they ask for a language (tests of Chinese output set
    REFORMCTL_LANG=zh or pass --lang zh); the language chosen is forgotten after each test."""
    from reformctl.i18n import set_language

    monkeypatch.setenv("REFORMCTL_LANG", "en")
    set_language(None)
    yield
    monkeypatch.setenv("REFORMCTL_LANG", "en")
    set_language(None)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The parsed-corpus cache ($REFORMCTL_CACHE_DIR) goes to a temporary folder."""
    folder = tmp_path_factory.mktemp("reformctl-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("REFORMCTL_CACHE_DIR", str(folder))
    yield folder
    patch.undo()
