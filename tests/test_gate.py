"""One gate for the corpus (issue 15, point 2): every document, ledger, registry and
recipients file is checked against its JSON Schema by whichever command loads it; a bad file
is one line naming the file and the path inside it, exit 2, never a traceback.

The property tests mutate a parsed document and a ledger by type and run every command on
the result. A small run is the default (25 examples); `make property` (in CI after the tests)
runs 100, and REFORMCTL_PROPERTY_EXAMPLES above 100 explores anew and adds the slow commands.
"""

from __future__ import annotations

import os
import pickle
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seedfiles import CORPUS, SEED, SEED_YAML, seed_corpus
from typer.testing import CliRunner

from reformctl.audit.ledger import load_ledger, set_status
from reformctl.cli import app
from reformctl.corpus import cache_folder, load_corpus
from reformctl.errors import ReformctlError, SchemaError
from reformctl.model import Measure

EXAMPLES = int(os.environ.get("REFORMCTL_PROPERTY_EXAMPLES", "25"))
runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def seed_data() -> dict[str, Any]:
    return yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def write_doc(corpus: Path, data: Any) -> Path:
    path = corpus / SEED_YAML.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- the defects of the issue, one by one ------------------------------------------------


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


M11 = ("plans", 0, "measures", 0)  # measure 1.1

TYPE_MUTATIONS = [
    # (where, value, command that crashed before, the path the one line names)
    ((*M11, "owners", 0, "lead"), [[]], ("list",), "/plans/0/measures/0/owners/0/lead/0"),
    (("document", "year"), "x", ("depts", "--as-of", "2021-10-01"), "/document/year"),
    (("document", "title"), [], ("list",), "/document/title"),
    (("document", "source"), None, ("show", "1.1"), "/document/source"),
    (("document", "year"), 1e20, ("due", "--month", "9"), "/document/year"),
    (("document", "year"), 2101, ("due", "--month", "9"), "/document/year"),
    (("document", "year"), 2021.0, ("due", "--month", "9"), "/document/year"),
    ((*M11, "deadlines"), [{"raw": "3个月内", "kind": "relative", "date": None, "line": 9,
                            "amount": float("nan"), "unit": "月"}], ("list",),
     "/plans/0/measures/0/deadlines/0/amount"),
    ((*M11, "key"), "9999-12-31", ("status", "1.1", "done"), "/plans/0/measures/0/key"),
    ((*M11, "number"), True, ("list",), "/plans/0/measures/0/number"),
]


@pytest.mark.parametrize(("where", "value", "command", "named"), TYPE_MUTATIONS,
                         ids=[f"{'/'.join(map(str, w[-2:]))}={v!r}" for w, v, _, _ in
                              TYPE_MUTATIONS])
def test_a_wrongly_typed_document_is_one_line_in_every_command(
    tmp_path: Path, where: tuple[Any, ...], value: Any, command: tuple[str, ...], named: str
) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    path = write_doc(corpus, _set(seed_data(), where, value))
    result = run(*command, "--corpus", str(corpus))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(path) in result.stderr and named in result.stderr, result.stderr
    assert not (corpus / "status.yaml").exists()


def test_diff_of_a_bad_yaml_version_is_one_line(tmp_path: Path) -> None:
    bad = write_doc(tmp_path, _set(seed_data(), ("document", "title"), []))
    result = run("diff", str(SEED_YAML), str(bad))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
    assert "/document/title" in result.stderr


def test_the_gate_and_validate_agree(tmp_path: Path) -> None:
    """What validate rejects, every loading command rejects (and the other way round)."""
    corpus = seed_corpus(tmp_path / "corpus")
    path = write_doc(corpus, _set(seed_data(), ("document", "year"), 2021.0))
    assert run("validate", str(path)).exit_code == 2
    assert run("list", "--corpus", str(corpus)).exit_code == 2


def test_an_unquoted_date_in_a_hand_edited_document_still_reads(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    path = corpus / SEED_YAML.name
    text = path.read_text(encoding="utf-8")
    assert "date: '2021-09-30'" in text
    path.write_text(text.replace("date: '2021-09-30'", "date: 2021-09-30"), encoding="utf-8")
    result = run("due", "--month", "9", "--as-of", "2021-10-01", "--corpus", str(corpus))
    assert result.exit_code == 0, result.output
    assert "44 milestones" in result.stdout


def test_the_shipped_files_pass_the_gate() -> None:
    assert load_corpus(CORPUS).entries
    from reformctl.corpus import load_valid

    assert load_valid(CORPUS / "departments.yaml", "departments")


# -- the ledger: never written in a shape its loader refuses -----------------------------


def _measure(key: str, mid: str = "1.1") -> Measure:
    return Measure(id=mid, key=key, number=1, title="推行企业登记全程电子化", text="…",
                   lines=(1, 1))


def test_status_never_writes_a_ledger_its_loader_refuses(tmp_path: Path) -> None:
    """Before: a measure key 9999-12-31 was written, and every later command refused the
    ledger. Now the write is refused with one line and the old ledger stays."""
    corpus = seed_corpus(tmp_path / "corpus")
    set_status(corpus, SEED_YAML.stem, _measure("abc123"), "done", on=date(2021, 9, 1))
    before = (corpus / "status.yaml").read_bytes()
    with pytest.raises(SchemaError, match="key"):
        set_status(corpus, SEED_YAML.stem, _measure("9999-12-31"), "done", on=None)
    assert (corpus / "status.yaml").read_bytes() == before
    assert len(load_ledger(corpus)) == 1


def test_a_suffixed_measure_id_round_trips_through_the_ledger(tmp_path: Path) -> None:
    """The document schema allows ids such as 3.8-2 (a repeated number); the ledger schema
    refused them, so `status 3.8-2 done` wrote a ledger every later command refused."""
    corpus = seed_corpus(tmp_path / "corpus")
    set_status(corpus, SEED_YAML.stem, _measure("abc123", "3.8-2"), "done", on=None)
    assert load_ledger(corpus).entries[0].id == "3.8-2"


@pytest.mark.parametrize(("text", "named"), [
    ("entries:\n- {document: x, id: '1.1', status: done, date: 2021-13-45}\n", "line 2"),
    ("entries:\n- {document: x, id: '1.1', status: finished}\n", "/entries/0/status"),
    ("entries:\n- {document: x, id: 1.1, status: done}\n", "/entries/0/id"),
    ("entries:\n- {document: x, id: '1.1', status: done, date: .nan}\n", "/entries/0/date"),
    ("entries: {a: 1}\n", "/entries"),
])
def test_a_bad_ledger_is_one_line_in_every_command(tmp_path: Path, text: str, named: str) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    (corpus / "status.yaml").write_text(text, encoding="utf-8")
    for command in (("due", "--month", "9"), ("status",), ("depts",), ("export", "-f", "csv"),
                    ("notify", "--dry-run")):
        result = run(*command, "--corpus", str(corpus))
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.count("\n") == 1 and "status.yaml" in result.stderr
        if not named.startswith("line"):
            assert named in result.stderr, result.stderr


def test_a_bad_registry_is_one_line(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    (corpus / "departments.yaml").write_text("departments:\n- {name: 市甲局, aliases: 3}\n",
                                              encoding="utf-8")
    result = run("list", "--corpus", str(corpus))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
    assert "departments.yaml:2: cannot read department registry: at /departments/0/aliases" \
        in result.stderr


def test_bad_recipients_are_one_line(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    (corpus / "recipients.yaml").write_text("市财政局: [[]]\n", encoding="utf-8")
    result = run("notify", "--dry-run", "--as-of", "2021-10-01", "--corpus", str(corpus))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
    assert "recipients.yaml:1: at /市财政局" in result.stderr


# -- the cache: only validated data, and nothing found in its folder is trusted ----------


def _entries() -> list[Path]:
    return sorted((cache_folder() / "corpus").glob("*.pickle"))


def test_a_warm_start_pays_neither_yaml_nor_jsonschema(tmp_path: Path) -> None:
    import subprocess
    import sys

    corpus = seed_corpus(tmp_path / "corpus")
    env = {**os.environ, "REFORMCTL_CACHE_DIR": str(tmp_path / "cache")}
    probe = ("import sys; from reformctl.cli import main; sys.argv = ['reformctl', 'due', "
             f"'--month', '9', '--corpus', {str(corpus)!r}]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('MODULES', 'yaml' in sys.modules, 'jsonschema' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                           text=True, check=True)
    assert "MODULES True True" in first.stdout  # the first start validates
    warm = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, check=True)
    assert "MODULES False False" in warm.stdout, warm.stdout[-300:]


def test_a_forged_cache_entry_is_not_trusted(tmp_path: Path) -> None:
    """Before: any plain-data pickle in the folder was taken as the parsed file, so a planted
    entry could feed a command data the schema never saw. Now entries carry an HMAC under a
    per-user key; a forged one is rebuilt from the file."""
    corpus = seed_corpus(tmp_path / "corpus")
    load_corpus(corpus)
    for entry in _entries():
        forged = ("valid", {"document": {"title": [], "year": "x"}, "plans": [[1]]})
        entry.write_bytes(b"\0" * 32 + pickle.dumps(forged))
    loaded = load_corpus(corpus)
    assert loaded.entries[0].document.document.year == 2021


def test_a_cache_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared-cache"
    (folder / "corpus").mkdir(parents=True)
    os.chmod(folder / "corpus", 0o777)
    monkeypatch.setenv("REFORMCTL_CACHE_DIR", str(folder))
    assert load_corpus(seed_corpus(tmp_path / "corpus")).entries
    assert list((folder / "corpus").iterdir()) == []


def test_a_cache_key_others_can_read_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFORMCTL_CACHE_DIR", str(tmp_path / "cache"))
    corpus = seed_corpus(tmp_path / "corpus")
    load_corpus(corpus)
    key = tmp_path / "cache" / "corpus" / ".key"
    os.chmod(key, 0o644)
    load_corpus(corpus)  # no cache used: the key may be known
    assert key.stat().st_mode & 0o777 == 0o644
    assert load_corpus(corpus).entries


# -- property tests: mutate by type, run every command -----------------------------------

SMALL_SOURCE = "\n".join(SEED.read_text(encoding="utf-8").split("\n")[:40])


@cache
def small_document() -> dict[str, Any]:
    """The first plans of the seed, parsed: small enough to load many times."""
    from reformctl.model import document_to_dict
    from reformctl.parse import parse_text

    doc = document_to_dict(parse_text(SMALL_SOURCE, source="small.txt"))
    assert doc["plans"] and doc["plans"][0]["measures"]
    return doc


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.sampled_from([0, -1, 1949, 2100, 2101, 10**20, -(10**20)]),
    st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "x", "9999-12-31", "2021-02-30", "1.1", "=cmd|' /C calc'!A0",
                     "\x00", "\ud800", "<b>x</b>", "9" * 30, "a\nb"]),
    st.text(max_size=8), st.just([]), st.just([[]]), st.just({}), st.just({"a": 1}),
    st.just([1, 2]), st.just([2, 1]), st.just([-5, 10**20]), st.dates(),
    st.just(datetime(2021, 9, 30, 12, 0)),
)


def _mutate(draw: Any, data: Any) -> Any:
    """1–3 changes: a node of another type or value, a key removed, a key added."""
    import copy

    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["set", "set", "set", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        # A copy of the drawn value: st.just() hands out one shared object, and a later change
        # inside it would alter every later example (or put the list into itself: a cycle).
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "id", "date", "items"]))] = \
                copy.deepcopy(draw(ODD_VALUES))
        else:
            parent[path[-1]] = copy.deepcopy(draw(ODD_VALUES))
    return data


def _dump(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:  # a lone surrogate cannot be written as YAML: as JSON, escaped
        import json

        return json.dumps(data, default=str)


COMMANDS: list[tuple[str, ...]] = [
    ("list",), ("list", "--grep", "电子"), ("show", "1.1"), ("due", "--month", "9"),
    ("due", "--overdue", "--by", "dept"), ("audit", "--check", "overdue,missing-owner,no-lead,"
                                           "multiple-leads,lead-and-responsible,"
                                           "unknown-department,unresolved-deadline"),
    ("depts",), ("status",), ("status", "1.1", "done", "--date", "2021-09-01"),
    ("export", "-f", "csv"), ("export", "-f", "ics"), ("export", "-f", "md"),
    ("export", "-f", "json"), ("notify", "--dry-run"), ("notify", "--dry-run", "-f", "csv"),
]
if EXAMPLES > 100:  # the slow run: the expensive ones too
    COMMANDS += [("export", "-f", "xlsx", "-o", "{tmp}/x.xlsx"), ("audit",),
                 ("report", "-o", "{tmp}/r.html", "--no-overlap")]

# The default run is the same every time (CI); a larger one explores anew.
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                    database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def _run_all(corpus: Path, tmp: Path, extra: list[tuple[str, ...]] = ()) -> int:  # type: ignore[assignment]
    """Run every command on the corpus; each must end in 0, 1 or 2 with at most one error line.
    Returns how many ran."""
    ran = 0
    for command in [*COMMANDS, *extra]:
        args = [a.replace("{tmp}", str(tmp)) for a in command]
        result = run(*args, "--corpus", str(corpus), *(
            ["--as-of", "2021-10-01"] if args[0] in ("due", "audit", "depts", "export",
                                                     "notify", "report") else []))
        assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
        assert "Traceback" not in result.output, (args, result.output)
        if result.exit_code == 2:  # one error line (a warning may come before it)
            errors = [line for line in result.stderr.splitlines() if " error: " in line]
            assert len(errors) == 1, (args, result.stderr)
        ran += 1
    return ran


@PROPERTY
@given(st.data())
def test_every_command_survives_a_mutated_document(tmp_path_factory: Any, data: Any) -> None:
    tmp = tmp_path_factory.mktemp("mut")
    corpus = tmp / "corpus"
    corpus.mkdir()
    mutated = _mutate(data.draw, small_document())
    (corpus / "small.yaml").write_text(_dump(mutated), encoding="utf-8")
    (corpus / "small.txt").write_text(SMALL_SOURCE, encoding="utf-8")
    clean = tmp / "clean.yaml"
    clean.write_text(_dump(small_document()), encoding="utf-8")
    assert _run_all(corpus, tmp, [("diff", str(clean), str(corpus / "small.yaml")),
                                  ("validate", str(corpus / "small.yaml"))]) == len(COMMANDS) + 2


LEDGER = {"version": 1, "entries": [
    {"document": "small", "id": "1.1", "key": "", "title": "x", "status": "done",
     "date": "2021-07-30", "note": "验收通过", "updated": "2021-10-01T09:12:44+08:00"},
    {"document": "small", "id": "1.2", "status": "in-progress", "date": None, "note": None,
     "updated": None},
]}


@PROPERTY
@given(st.data())
def test_every_command_survives_a_mutated_ledger(tmp_path_factory: Any, data: Any) -> None:
    tmp = tmp_path_factory.mktemp("mutl")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "small.yaml").write_text(_dump(small_document()), encoding="utf-8")
    (corpus / "status.yaml").write_text(_dump(_mutate(data.draw, LEDGER)), encoding="utf-8")
    assert _run_all(corpus, tmp) == len(COMMANDS)


def test_library_loaders_raise_only_reformctl_errors(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    write_doc(corpus, _set(seed_data(), (*M11, "lines"), ["a", 1]))
    with pytest.raises(ReformctlError):
        load_corpus(corpus)
