"""Reading and writing YAML/JSON files safely: C loader when present, no alias bombs,
atomic writes (temp file + rename), errors that name the file and line."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import yaml

from reformctl.errors import InputError, SchemaError
from reformctl.fileio import MAX_FILE_BYTES as MAX_YAML_BYTES
from reformctl.fileio import atomic_write, atomic_write_bytes, read_text_file
from reformctl.i18n import N_, _

try:  # The C loader is several times faster on a corpus of big documents.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Deeper than any reformctl file (a sub-item's owner list is about 12 levels down); deeper
# data would exhaust the recursion of the schema checker and of the line locator.
MAX_YAML_DEPTH = 100
# A plain scalar YAML takes for a date: "2021-09-30", "2021-13-45" (which it then cannot build).
_TIMESTAMP_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]|$)")


class _NoAliasDumper(_Dumper):  # type: ignore[misc,valid-type]
    """Repeated lists (the same owner tuple twice) are written out, never as &id001 anchors.

    Also about twice as fast as PyYAML's own representer for the plain data reformctl writes
    (a parsed document is ~10,000 nodes): text, numbers, lists and dicts are turned into the
    very nodes SafeRepresenter makes, without its per-node bookkeeping, and the implicit-tag
    look-ups the emitter makes twice per scalar are remembered for the document. Other types
    (dates, floats, …) go through PyYAML unchanged, so the output is byte for byte the same.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tags: dict[tuple[str, Any], str] = {}

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_data(self, data: Any) -> Any:
        kind = type(data)
        if kind is str:
            return yaml.ScalarNode("tag:yaml.org,2002:str", data, style=self.default_style)
        if kind is dict:
            pairs = list(data.items())
            if self.sort_keys:
                with contextlib.suppress(TypeError):
                    pairs = sorted(pairs)
            items = [(self.represent_data(k), self.represent_data(v)) for k, v in pairs]
            return yaml.MappingNode("tag:yaml.org,2002:map", items,
                                    flow_style=self._flow_style(n for kv in items for n in kv))
        if kind is list:
            nodes = [self.represent_data(item) for item in data]
            return yaml.SequenceNode("tag:yaml.org,2002:seq", nodes,
                                     flow_style=self._flow_style(nodes))
        if kind is int:
            return yaml.ScalarNode("tag:yaml.org,2002:int", str(data), style=self.default_style)
        if kind is bool:
            return yaml.ScalarNode("tag:yaml.org,2002:bool", "true" if data else "false",
                                   style=self.default_style)
        if data is None:
            return yaml.ScalarNode("tag:yaml.org,2002:null", "null", style=self.default_style)
        return super().represent_data(data)

    def _flow_style(self, nodes: Any) -> bool:
        """SafeRepresenter's choice: the default style, else flow only for plain scalars."""
        if self.default_flow_style is not None:
            return bool(self.default_flow_style)
        return all(isinstance(n, yaml.ScalarNode) and not n.style for n in nodes)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = self._tags[key] = super().resolve(kind, value, implicit)
        return tag


def dump_yaml(data: Any) -> str:
    try:
        return _emit_plain(data)
    except _NotPlain:
        return yaml.dump(
            data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100
        )


class _NotPlain(Exception):
    """Data _emit_plain leaves to PyYAML's representer (a tuple, a set, …)."""


_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _emit_plain(data: Any) -> str:
    """What ``yaml.dump(data, Dumper=_NoAliasDumper, …)`` writes, twice as fast: plain data
    goes straight to the C emitter as events, skipping the node graph and the per-node
    resolver calls (a parsed seed is ~60,000 of them). The events are the ones PyYAML's
    serializer makes from the nodes (block style, no anchors, implicit tags where the
    resolver allows), so the text is byte for byte the same (tests/test_yamlio_fast.py)."""
    out = io.StringIO()
    dumper = _NoAliasDumper(out, allow_unicode=True, width=100, default_flow_style=False,
                            sort_keys=False)
    implicit: dict[tuple[str, str], tuple[bool, bool]] = {}
    emit = dumper.emit

    def scalar(tag: str, value: str, style: str | None = None) -> None:
        flags = implicit.get((tag, value))
        if flags is None:  # can this value be written plain, or quoted, and read back as tag?
            flags = implicit[(tag, value)] = (
                yaml.resolver.BaseResolver.resolve(dumper, yaml.ScalarNode, value, (True, False))
                == tag,
                yaml.resolver.BaseResolver.resolve(dumper, yaml.ScalarNode, value, (False, True))
                == tag,
            )
        emit(yaml.ScalarEvent(None, tag, flags, value, style=style))

    def walk(x: Any) -> None:
        kind = type(x)
        if kind is str:
            scalar(_STR, x)
        elif kind is dict:
            emit(yaml.MappingStartEvent(None, _MAP, True, flow_style=False))
            for key, value in x.items():
                walk(key)
                walk(value)
            emit(yaml.MappingEndEvent())
        elif kind is list:
            emit(yaml.SequenceStartEvent(None, _SEQ, True, flow_style=False))
            for item in x:
                walk(item)
            emit(yaml.SequenceEndEvent())
        elif kind is int:
            scalar(_INT, str(x))
        elif kind is bool:
            scalar(_BOOL, "true" if x else "false")
        elif x is None:
            scalar(_NULL, "null")
        else:  # a float, a date: PyYAML's own representer says how it reads
            node = dumper.represent_data(x)
            if not isinstance(node, yaml.ScalarNode):
                raise _NotPlain
            scalar(node.tag, node.value, node.style)

    try:
        dumper.open()
        emit(yaml.DocumentStartEvent(explicit=False))
        walk(data)
        emit(yaml.DocumentEndEvent(explicit=False))
        dumper.close()
    finally:
        dumper.dispose()
    return out.getvalue()


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


# PyYAML's (and LibYAML's) words for the mistakes a hand-edited file has (recipients.yaml,
# notify.yaml, status.yaml), translated; any other problem is shown in PyYAML's words.
YAML_PROBLEMS = {
    "did not find expected ',' or ']'": N_("did not find expected ',' or ']'"),
    "did not find expected ',' or '}'": N_("did not find expected ',' or '}'"),
    "did not find expected key": N_("did not find expected key"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "mapping values are not allowed in this context":
        N_("mapping values are not allowed in this context"),
    "mapping values are not allowed here": N_("mapping values are not allowed here"),
    "block sequence entries are not allowed in this context":
        N_("block sequence entries are not allowed in this context"),
    "found character that cannot start any token":
        N_("found character that cannot start any token"),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "found unknown escape character": N_("found unknown escape character"),
    "found a tab character that violates indentation":
        N_("found a tab character that violates indentation"),
}


def _problem(problem: object) -> str:
    text = str(problem).strip()
    return _(YAML_PROBLEMS[text]) if text in YAML_PROBLEMS else text


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML text; anchors and aliases are refused (a corpus file never needs them)."""
    if "&" in text or "*" in text:
        _refuse_aliases(text, path)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(_("invalid YAML: {problem}").format(problem=_problem(problem)), path=path,
                         line=line) from exc
    except yaml.YAMLError as exc:
        raise InputError(_("invalid YAML: {problem}").format(problem=exc), path=path) from exc
    except (ValueError, TypeError, OverflowError) as exc:
        # A value YAML recognises but cannot build: "date: 2021-13-45" (month 13).
        line, value = _unbuildable_scalar(text)
        what = (_("invalid value {value!r}").format(value=value) if value is not None
                else _("invalid value"))
        message = f"{what}: {exc}"
        raise InputError(message, path=path, line=line) from None
    except RecursionError:
        raise InputError("YAML nested too deeply", path=path) from None
    _check_depth(data, path)
    return data


def _unbuildable_scalar(text: str) -> tuple[int | None, str | None]:
    """The line of the first plain scalar that the loader cannot turn into a value."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not isinstance(event, yaml.ScalarEvent) or event.style:
                continue
            if not _TIMESTAMP_LIKE.match(event.value):
                continue
            try:
                yaml.load(event.value, Loader=_Loader)  # noqa: S506 - a safe loader
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                line = event.start_mark.line + 1 if event.start_mark else None
                return line, event.value
    except yaml.YAMLError:
        pass
    return None, None


def _check_depth(data: Any, path: str, limit: int = MAX_YAML_DEPTH) -> None:
    """Refuse data nested deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            raise InputError(_("YAML nested more than {n} levels deep").format(n=limit), path=path)
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)


def _refuse_aliases(text: str, path: str) -> None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 if event.start_mark else None
                raise SchemaError(
                    "YAML anchors and aliases are not allowed in reformctl files",
                    path=path,
                    line=line,
                )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError(
            _("invalid YAML: {problem}").format(problem=_problem(exc.problem)), path=path,
            line=mark.line + 1 if mark else None
        ) from exc


def load_yaml_file(path: str | Path) -> Any:
    """A YAML (or JSON, which is YAML) file as plain data."""
    return load_yaml_text(read_text_file(path), str(path))


__all__ = [
    "MAX_YAML_BYTES",
    "atomic_write",
    "atomic_write_bytes",
    "dump_json",
    "dump_yaml",
    "load_yaml_file",
    "load_yaml_text",
    "read_text_file",
]
