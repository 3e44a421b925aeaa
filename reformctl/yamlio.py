"""Reading and writing YAML/JSON files safely: C loader when present, no alias bombs,
atomic writes (temp file + rename), errors that name the file and line."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from reformctl.errors import InputError, SchemaError

try:  # The C loader is several times faster on a corpus of big documents.
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_YAML_BYTES = 50 * 1024 * 1024


class _NoAliasDumper(_Dumper):  # type: ignore[misc,valid-type]
    """Repeated lists (the same owner tuple twice) are written out, never as &id001 anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100
    )


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML text; anchors and aliases are refused (a corpus file never needs them)."""
    if "&" in text or "*" in text:
        _refuse_aliases(text, path)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", path=path, line=line) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", path=path) from exc


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
            f"invalid YAML: {exc.problem}", path=path, line=mark.line + 1 if mark else None
        ) from exc


def read_text_file(path: str | Path, *, limit: int = MAX_YAML_BYTES) -> str:
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=str(p))
    if p.is_dir():
        raise InputError("is a directory", path=str(p))
    try:
        if p.stat().st_size > limit:
            raise InputError(f"file is larger than {limit // (1024 * 1024)} MB", path=str(p))
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(p)) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=str(p)) from exc


def load_yaml_file(path: str | Path) -> Any:
    """A YAML (or JSON, which is YAML) file as plain data."""
    return load_yaml_text(read_text_file(path), str(path))


def atomic_write(path: str | Path, text: str) -> None:
    """Write the whole file or nothing: a crash or a full disk leaves the old file intact."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
