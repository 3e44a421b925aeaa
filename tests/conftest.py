"""Shared test set-up: tests never write to the user's own cache folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The parsed-corpus cache ($REFORMCTL_CACHE_DIR) goes to a temporary folder."""
    folder = tmp_path_factory.mktemp("reformctl-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("REFORMCTL_CACHE_DIR", str(folder))
    yield folder
    patch.undo()
