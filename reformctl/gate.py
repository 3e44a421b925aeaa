"""The gate every reformctl file passes on its way in: documents, the ledger, the department
registry and the recipients file are read, checked against their JSON Schema and only then
handed to a command, which never sees a wrongly typed value (issue 15).

Checking costs ~90 ms for the seed (jsonschema) on top of ~50 ms of YAML; both are paid once
per version of a file, since only validated data enters the cache and the cache is keyed on
the schema too. A warm start imports neither PyYAML nor jsonschema.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reformctl.errors import SchemaError
from reformctl.fileio import atomic_write_bytes, read_text_file

KINDS = ("document", "status", "departments", "recipients")


def load_valid(path: str | os.PathLike[str], kind: str, *, others: bool = False) -> Any:
    """The plain data of a reformctl file, validated against the JSON Schema of ``kind``
    (``document``, ``status``, ``departments``, ``recipients``): the one gate every command's
    input passes. Unquoted YAML dates read as ISO text, as the schemas say.

    Only validated data enters the cache, keyed on the text and the schema, so a command
    whose files are cached pays neither PyYAML nor jsonschema. An empty file is ``None``.
    With ``others``, a YAML file that is no reformctl document (no ``document:`` header) is
    ``None`` rather than an error: a corpus folder may hold the user's other YAML.
    """
    p = Path(path)
    text = read_text_file(p)
    verdict, data = _cached(text, kind, lambda: _checked(text, str(p), kind, others))
    if verdict == _OTHER:
        if others:
            return None
        raise SchemaError("not a reformctl document (no `document:` header)", path=str(p),
                          line=1)
    return data


_VALID, _OTHER = "valid", "other"


def _checked(text: str, path: str, kind: str, others: bool) -> tuple[str, Any]:
    """Parse and validate; ``(_OTHER, None)`` for YAML that is not a document at all."""
    from reformctl.schema import check, plain_dates
    from reformctl.yamlio import load_yaml_text

    data = load_yaml_text(text, path)
    if kind == "document" and not (isinstance(data, dict) and "document" in data):
        return _OTHER, None
    if data is None and kind != "document":
        return _VALID, None  # an empty ledger, registry or recipients file
    data = plain_dates(data)
    check(data, kind, path, text)
    return _VALID, data


# ---------------------------------------------------------------------------------------
# Validated-YAML cache. Reading the seed's YAML takes ~50 ms even with the C loader and
# validating it ~90 ms more; a pickle of the same plain data loads in ~1 ms. Entries are
# keyed by the SHA-256 of the schema and the file's text, so an edited file is simply a new
# entry (no stale reads). Nothing found in the folder is trusted: every entry carries an
# HMAC under a per-user key (``.key``, mode 0600) and is unpickled only if it matches and
# holds plain data; a folder another user could write to is not used at all. A corrupt,
# foreign or unreadable entry is rebuilt; an unwritable folder means no cache.

CACHE_ENV_VAR = "REFORMCTL_CACHE_DIR"
_CACHE_FORMAT = b"reformctl-corpus-cache-2"  # bump when the cached data would change shape
_KEY_FILE = ".key"
_MAC_BYTES = 32


def cache_folder() -> Path:
    """$REFORMCTL_CACHE_DIR, else $XDG_CACHE_HOME/reformctl, else ~/.cache/reformctl."""
    explicit = os.environ.get(CACHE_ENV_VAR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reformctl"


def _cached(text: str, kind: str, load: Callable[[], tuple[str, Any]]) -> tuple[str, Any]:
    import hashlib
    import hmac

    folder = cache_folder() / "corpus"
    key = _cache_key(folder)
    if key is None:
        return load()
    digest = hashlib.sha256(_CACHE_FORMAT + kind.encode() + b"\0" + _schema_file(kind).read_bytes()
                            + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    entry = folder / f"{digest}.pickle"
    try:
        blob = entry.read_bytes()
        mac, payload = blob[:_MAC_BYTES], blob[_MAC_BYTES:]
        if hmac.compare_digest(mac, hmac.digest(key, payload, "sha256")):
            found = _SafeUnpickler(io.BytesIO(payload)).load()
            if isinstance(found, tuple) and len(found) == 2 and found[0] in (_VALID, _OTHER):
                return found
    except Exception:  # missing, truncated, foreign, corrupt or unreadable: rebuild below
        pass
    result = load()
    with contextlib.suppress(Exception):  # a cache that cannot be written is no cache
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write_bytes(entry, hmac.digest(key, payload, "sha256") + payload)
    return result


def _schema_file(kind: str) -> Path:
    """As reformctl.schema reads it (not imported here: json and jsonschema on a miss only)."""
    if kind not in KINDS:
        raise ValueError(f"no schema for {kind!r}")
    return Path(__file__).parent / "schemas" / f"{kind}.schema.json"


def _cache_key(folder: Path) -> bytes | None:
    """The per-user secret of the cache folder, made on first use; None (no cache) when the
    folder or the key could be read or written by someone else, or cannot be made at all."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.lstat(folder), folder=True):
            return None
        path = folder / _KEY_FILE
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            return _new_key(path)
        with os.fdopen(fd, "rb") as handle:
            if not _private(os.fstat(handle.fileno()), folder=False):
                return None
            key = handle.read(64)
        return key if len(key) == 32 else _new_key(path, replace=True)
    except OSError:
        return None


def _new_key(path: Path, *, replace: bool = False) -> bytes | None:
    key = os.urandom(32)
    if replace:
        atomic_write_bytes(path, key)
        os.chmod(path, 0o600)
        return key
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:  # another process made it just now: use theirs
        return _cache_key(path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _private(st: os.stat_result, *, folder: bool) -> bool:
    """Owned by this user and writable (a file: readable too) by no one else."""
    import stat as stat_

    kind_ok = stat_.S_ISDIR(st.st_mode) if folder else stat_.S_ISREG(st.st_mode)
    others = 0o022 if folder else 0o077
    return kind_ok and st.st_uid == os.geteuid() and not st.st_mode & others


class _SafeUnpickler(pickle.Unpickler):
    """Plain YAML data only (dicts, lists, text, numbers): even an entry that passes the HMAC
    never makes reformctl import or call anything."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")



__all__ = ["CACHE_ENV_VAR", "KINDS", "cache_folder", "load_valid"]
