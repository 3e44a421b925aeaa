"""Validating YAML files against the JSON Schemas shipped in ``reformctl/schemas``.

Errors carry the path inside the document ("plans/2/measures/4/deadlines/0/date") and the
line of that spot in the YAML file, so a hand-edit gone wrong can be found at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from reformctl.errors import SchemaError

SCHEMAS = {
    "document": "document.schema.json",
    "status": "status.schema.json",
    "departments": "departments.schema.json",
}


@dataclass(frozen=True)
class SchemaIssue:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line else ""
        return f"{where}at /{self.path}: {self.message}"


@cache
def load_schema(kind: str) -> dict[str, Any]:
    name = SCHEMAS[kind]
    text = resources.files("reformctl.schemas").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def schema_issues(data: Any, kind: str = "document", text: str | None = None) -> list[SchemaIssue]:
    """Every schema violation in ``data``, in document order; ``text`` locates lines."""
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(load_schema(kind))
    validator = validator_cls(load_schema(kind), format_checker=validator_cls.FORMAT_CHECKER)
    issues = []
    lines = _line_index(text) if text is not None else {}
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        path = "/".join(str(p) for p in error.absolute_path)
        issues.append(SchemaIssue(path, _message(error), _nearest_line(lines, error.absolute_path)))
    return issues


def check(data: Any, kind: str, path: str, text: str | None = None) -> None:
    """Raise one SchemaError naming the first problem (and how many more there are)."""
    issues = schema_issues(data, kind, text)
    if issues:
        first = issues[0]
        more = f" (and {len(issues) - 1} more; run `reformctl validate`)" if len(issues) > 1 else ""
        raise SchemaError(f"at /{first.path}: {first.message}{more}", path=path, line=first.line)


def _message(error: Any) -> str:
    msg = str(error.message)
    return msg if len(msg) <= 160 else msg[:157] + "..."


def _line_index(text: str) -> dict[tuple[str, ...], int]:
    """Map each node path of a YAML text to its 1-based line, via the composed node tree."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    index: dict[tuple[str, ...], int] = {}

    def walk(node: Any, path: tuple[str, ...]) -> None:
        index[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (str(key.value),)
                index[child] = key.start_mark.line + 1
                walk(value, child)
                index[child] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                walk(value, path + (str(i),))

    if root is not None:
        walk(root, ())
    return index


def _nearest_line(index: dict[tuple[str, ...], int], path: Any) -> int | None:
    parts = tuple(str(p) for p in path)
    while True:
        if parts in index:
            return index[parts]
        if not parts:
            return None
        parts = parts[:-1]
