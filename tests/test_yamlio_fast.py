"""dump_yaml's fast representer writes exactly what PyYAML's own SafeRepresenter writes."""

from __future__ import annotations

import datetime
import random
import string
from typing import Any

import yaml
from seedfiles import SEED

from reformctl.model import document_to_dict
from reformctl.parse import parse_file
from reformctl.yamlio import _Dumper, dump_yaml


class _PlainDumper(_Dumper):  # type: ignore[misc,valid-type]
    """PyYAML's representer, untouched, except for aliases (as dump_yaml)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _reference(data: Any) -> str:
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)


def test_seed_document_is_written_byte_for_byte_as_before() -> None:
    data = document_to_dict(parse_file(SEED))
    assert dump_yaml(data) == _reference(data)


def test_random_plain_data_is_written_as_pyyaml_writes_it() -> None:
    rnd = random.Random(7)
    alphabet = string.printable + "中文：，。（）“”《》、—…\u3000\xa0#&*!|>%@`'\"?{}[]"
    tricky = ["yes", "no", "null", "~", "true", "1.5", "0x1F", "2021-09-30", "12:30", "- a",
              "a: b", " lead", "trail ", ".inf", "1e5", "+1", "#x", ""]

    def text() -> str:
        if rnd.random() < 0.3:
            return rnd.choice(tricky)
        return "".join(rnd.choice(alphabet) for _ in range(rnd.choice([1, 5, 30, 150])))

    def value(depth: int = 0) -> Any:
        r = rnd.random()
        if depth > 3 or r < 0.5:
            return rnd.choice([text(), rnd.randint(-10**6, 10**6), True, False, None, 0.5, 1e17,
                               float("inf"), datetime.date(2021, 9, 30)])
        if r < 0.75:
            return [value(depth + 1) for _ in range(rnd.randint(0, 4))]
        return {text(): value(depth + 1) for _ in range(rnd.randint(0, 4))}

    for _ in range(500):
        data = value()
        assert dump_yaml(data) == _reference(data), data


def test_data_beyond_plain_types_falls_back_to_pyyaml() -> None:
    for data in ({"pair": (1, 2), "when": datetime.date(2021, 9, 30)}, [{"tags": {"a", "b"}}],
                 {"nan": float("nan"), "big": 1e300, "empty": [], "none": {}}):
        assert dump_yaml(data) == _reference(data)
