"""Validating YAML files against the JSON Schemas shipped in ``reformctl/schemas``.

Errors carry the path inside the document ("plans/2/measures/4/deadlines/0/date") and the
line of that spot in the YAML file, so a hand-edit gone wrong can be found at once.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from reformctl.errors import SchemaError
from reformctl.i18n import N_, _

SCHEMAS = {
    "document": "document.schema.json",
    "status": "status.schema.json",
    "departments": "departments.schema.json",
    "recipients": "recipients.schema.json",
}

_SCHEMA_DIR = Path(__file__).parent / "schemas"  # package data (pyproject: schemas/*.json)


@dataclass(frozen=True)
class SchemaIssue:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = _("line {line}, ").format(line=self.line) if self.line else ""
        return where + _("at /{path}: {message}").format(path=self.path, message=self.message)


@cache
def load_schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_bytes(kind))  # type: ignore[no-any-return]


def schema_bytes(kind: str) -> bytes:
    """The schema file as shipped (the corpus cache keys its entries on it)."""
    return (_SCHEMA_DIR / SCHEMAS[kind]).read_bytes()


def _is_integer(checker: Any, instance: Any) -> bool:
    """Strictly an integer: JSON Schema lets 2021.0 (and 1e20) pass as one, Python does not."""
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_number(checker: Any, instance: Any) -> bool:
    """A finite number: YAML's .nan and .inf are refused (no comparison holds for nan)."""
    if isinstance(instance, bool):
        return False
    return isinstance(instance, int) or (isinstance(instance, float) and math.isfinite(instance))


@cache
def _validator(kind: str) -> Any:
    """The Draft 2020-12 validator of ``kind``, with Python's strict integers and finite
    numbers (the schema files say what they mean; these two rules are what JSON Schema cannot
    say)."""
    import jsonschema

    schema = load_schema(kind)
    base = jsonschema.validators.validator_for(schema)
    checker = base.TYPE_CHECKER.redefine_many({"integer": _is_integer, "number": _is_number})
    strict = jsonschema.validators.extend(base, type_checker=checker)
    return strict(schema, format_checker=base.FORMAT_CHECKER)


def plain_dates(data: Any) -> Any:
    """YAML reads an unquoted 2021-09-30 as a date; the schemas speak of ISO strings, which
    is also what the model reads back."""
    if isinstance(data, dict):
        return {k: plain_dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain_dates(v) for v in data]
    if isinstance(data, date):  # and datetime, its subclass
        return data.isoformat()
    return data


def schema_issues(data: Any, kind: str = "document", text: str | None = None) -> list[SchemaIssue]:
    """Every schema violation in ``data``, in document order; ``text`` locates lines."""
    validator = _validator(kind)
    issues = []
    lines = _line_index(text) if text is not None else {}
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        error = _specific(error)
        path = "/".join(str(p) for p in error.absolute_path)
        issues.append(SchemaIssue(path, _message(error), _nearest_line(lines, error.absolute_path)))
    return issues


def check(data: Any, kind: str, path: str, text: str | None = None) -> None:
    """Raise one SchemaError naming the first problem (and how many more there are)."""
    issues = schema_issues(data, kind, text)
    if issues:
        first = issues[0]
        more = (_(" (and {n} more; run `reformctl validate`)").format(n=len(issues) - 1)
                if len(issues) > 1 else "")
        raise SchemaError(_("at /{path}: {message}").format(path=first.path,
                                                            message=first.message) + more,
                          path=path, line=first.line)


def _specific(error: Any) -> Any:
    """Of an anyOf/oneOf error, the branch of the right type: it says what is wrong ("not an
    e-mail address"), where the branch that wanted a list only says "not of type 'array'"."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        typed = [e for e in error.context if e.validator != "type"]
        if not typed:
            from jsonschema.exceptions import best_match

            return best_match(error.context)
        error = typed[0]
    return error


# The schemas' titles that a message names ("… is not {title}"), for the catalogs.
SCHEMA_TITLES = (N_("an e-mail address (a bare addr-spec such as tax@ta.gov.cn)"),)
# JSON types as a reader names them.
TYPE_NAMES = {"string": N_("text"), "array": N_("a list"), "object": N_("a mapping"),
              "integer": N_("a whole number"), "number": N_("a number"),
              "boolean": N_("true or false"), "null": N_("empty")}
_REQUIRED = re.compile(r"(?P<name>.+) is a required property")
_UNEXPECTED = re.compile(r"\((?P<names>.+) (?:was|were) unexpected\)")


def _message(error: Any) -> str:
    """jsonschema's message in the reader's language (its own wording where we have none)."""
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    value = _("an empty value") if error.instance is None else _short(error.instance)
    kind, expected = error.validator, error.validator_value
    msg = str(error.message)
    if kind in ("pattern", "format") and title:
        msg = _("{value} is not {what}").format(value=value, what=_(title))
    elif kind in ("pattern", "format"):
        msg = _("{value} does not have the required form").format(value=value)
    elif kind == "required" and (found := _REQUIRED.fullmatch(msg)):
        msg = _("{name} is required").format(name=found["name"])
    elif kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        msg = _("{value} is not {type}").format(
            value=value, type=_(" or ").join(_(TYPE_NAMES.get(n) or str(n)) for n in names))
    elif kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        msg = _("{value} is not one of {allowed}").format(
            value=value, allowed=", ".join(repr(a) for a in allowed))
    elif kind == "additionalProperties" and (found := _UNEXPECTED.search(msg)):
        msg = _("unknown field {names}").format(names=found["names"])
    elif kind in ("minimum", "exclusiveMinimum"):
        msg = _("{value} is less than {limit}").format(value=value, limit=expected)
    elif kind in ("maximum", "exclusiveMaximum"):
        msg = _("{value} is more than {limit}").format(value=value, limit=expected)
    elif kind in ("minLength", "minItems"):
        msg = _("{value} is too short (at least {n})").format(value=value, n=expected)
    elif kind in ("maxLength", "maxItems"):
        msg = _("{value} is too long (at most {n})").format(value=value, n=expected)
    return msg if len(msg) <= 160 else msg[:157] + "..."


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
