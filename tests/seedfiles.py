"""Where the tests find the shipped seed, and a corpus made from it in a temporary folder.

Tests never write into the repository's corpus/: they copy the parsed seed into tmp_path.
"""

from __future__ import annotations

import functools
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_675e6135523c2031.txt"
SEED_YAML = CORPUS / "000_675e6135523c2031.yaml"
DOC = SEED_YAML.stem
AS_OF = date(2021, 10, 1)  # the day after the seed's September deadlines


def seed_corpus(folder: Path) -> Path:
    """A corpus folder holding the seed's parsed YAML and the department registry."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_YAML, folder / SEED_YAML.name)
    shutil.copy(CORPUS / "departments.yaml", folder / "departments.yaml")
    return folder


@functools.cache
def seed_measures() -> list[dict[str, Any]]:
    """Every measure and sub-item of the seed YAML as plain data, in document order, read
    without the model so that tests compute their expectations independently."""
    return raw_measures(yaml.safe_load(SEED_YAML.read_text(encoding="utf-8")))


def raw_measures(data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every measure and sub-item of parsed YAML data (the seed's by default)."""
    if data is None:
        return seed_measures()
    out: list[dict[str, Any]] = []

    def walk(m: dict[str, Any]) -> None:
        out.append(m)
        for item in m.get("items") or []:
            walk(item)

    for plan in data["plans"]:
        for m in plan["measures"]:
            walk(m)
    return out
