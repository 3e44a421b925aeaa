"""A new version of a document and its ledger carry-over as one change (issue 15, point 3).

Before: ``reformctl parse`` wrote the new document, then the ledger; a SIGKILL between the
two left statuses keyed to measures that were no longer there, for good (re-parsing found
the new version identical and carried nothing). Now the whole change is journaled first
and the next command that opens the corpus finishes it. The judged test kills a real
process (SIGKILL) at every file rename, link and unlink of the sequence, before and after
each, and checks that after the next command no status is lost.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from seed_versions import ALL_EDITS, SEED, SEED_TEXT, edited, replace_once
from typer.testing import CliRunner

from reformctl.audit.diff import diff_documents
from reformctl.audit.ledger import LedgerEntry, load_ledger
from reformctl.audit.versions import carry_over, load_orphans
from reformctl.cli import app
from reformctl.journal import JOURNAL_FILE, Step, commit, corpus_lock
from reformctl.parse import parse_text

NAME = SEED.stem
runner = CliRunner()
STATUSES = (("1.1", "done"), ("2.3@06-20", "done"), ("2.5", "done"), ("2.10", "in-progress"),
            ("14.10.4", "dropped"), ("17.7", "done"))


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parsed seed with six status entries (one of a milestone), and a new version."""
    base = tmp_path_factory.mktemp("kills")
    folder = base / "corpus"
    folder.mkdir()
    shutil.copy(SEED.parent / "departments.yaml", folder / "departments.yaml")
    source = base / f"{NAME}.txt"
    source.write_text(SEED_TEXT, encoding="utf-8")
    assert run("parse", source, "-c", folder, "-q")[0] == 0
    for measure_id, status in STATUSES:
        code, _, err = run("status", measure_id, status, "-c", folder, "--date", "2021-07-01",
                           "--note", f"note {measure_id}")
        assert code == 0, err
    (base / "taian_v2.txt").write_text(edited(*ALL_EDITS), encoding="utf-8")
    return base


def fresh(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(template / "corpus", tmp_path / "corpus")
    return tmp_path / "corpus", template / "taian_v2.txt"


def found_statuses(corpus: Path) -> set[tuple[str, str, str]]:
    """(title, status, note) of every status entry that applies to a measure now."""
    code, out, err = run("status", "-c", corpus, "-f", "json")
    assert code == 0, err
    return {(r["title"], r["status"], r["note"]) for r in json.loads(out) if r["found"]}


def ledger_state(corpus: Path) -> list[LedgerEntry]:
    return list(load_ledger(corpus).entries)


def orphan_state(corpus: Path) -> list[tuple[str, str, str]]:
    return [(o["id"], o["status"], o["reason"]) for o in load_orphans(corpus)]


# ---------------------------------------------------------------------------------------
# Milestones follow a moved deadline, or are reported


def test_a_milestone_follows_its_moved_deadline() -> None:
    """2.3's only deadline moves from 6月中旬 to 9月底: its milestone entry follows it
    (before, it kept 06-20 and matched nothing, silently)."""
    old, new = parse_text(SEED_TEXT), parse_text(edited(*ALL_EDITS))
    m = old.measure("2.3")
    assert m is not None
    before = LedgerEntry(key=m.key, id="2.3", document=NAME, status="done", date=None,
                         note="", updated="2021-07-01T00:00:00+08:00", title=m.title,
                         milestone=old.measure("2.3").deadlines[0].date)  # type: ignore[union-attr]
    result = carry_over([before], NAME, NAME, old, diff_documents(old, new))
    assert result.orphaned == []
    [(_, after)] = result.carried
    assert (after.id, str(after.milestone), after.status) == ("2.3", "2021-09-30", "done")


def test_a_milestone_gone_without_a_clear_move_is_orphaned(template: Path,
                                                           tmp_path: Path) -> None:
    """Both of 1.4's deadlines move: which entry goes where is no longer clear, so the
    milestone entry is kept as it was and reported in history/orphaned.yaml."""
    corpus, _ = fresh(template, tmp_path)
    assert run("status", "1.4@07-31", "done", "-c", corpus, "--note", "可视可查")[0] == 0
    text = replace_once(SEED_TEXT, "7月底前,实现办理时间", "8月底前,实现办理时间")
    text = replace_once(text, "9月底前,实现新开办企业", "10月底前,实现新开办企业")
    source = tmp_path / "v2.txt"
    source.write_text(text, encoding="utf-8")
    code, out, err = run("parse", source, "-c", corpus)
    assert code == 0, err
    assert "1 orphaned" in out
    assert (f"warning: status entry {NAME} 1.4@07-31 实现企业开办事项分时分次办理 (done) has no "
            "milestone in the new version (milestone 07-31 is gone (milestones now: 08-31, "
            "10-31)): kept as orphaned") in err
    assert [o[:2] for o in orphan_state(corpus)] == [("1.4", "done")]
    entry = next(e for e in ledger_state(corpus) if e.id == "1.4")
    assert str(entry.milestone) == "2021-07-31"  # kept exactly as it was


# ---------------------------------------------------------------------------------------
# Kills


def parse_killed_at(corpus: Path, source: Path, n: int, after: bool, name: str = "") -> bool:
    """Run ``reformctl parse SOURCE`` in a child process that SIGKILLs itself just before
    (or just after) its ``n``-th rename, link or unlink of a file in the corpus folder (of a
    file called ``name``, if given). True if it was killed, False if it ended before."""
    inside = str(corpus) + os.sep
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        try:
            calls = 0

            def wrap(fn: Callable[..., Any], arg: int) -> Callable[..., Any]:
                def step(*args: Any, **kwargs: Any) -> Any:
                    nonlocal calls
                    path = os.fspath(args[arg])
                    if not path.startswith(inside) or (name and Path(path).name != name):
                        return fn(*args, **kwargs)
                    calls += 1
                    if calls == n and not after:
                        os.kill(os.getpid(), signal.SIGKILL)
                    out = fn(*args, **kwargs)
                    if calls == n and after:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return out

                return step

            os.replace = wrap(os.replace, 1)  # type: ignore[assignment]
            os.link = wrap(os.link, 1)  # type: ignore[assignment]
            os.unlink = wrap(os.unlink, 0)  # type: ignore[assignment]
            runner.invoke(app, ["parse", str(source), "-c", str(corpus), "-q"])
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0
    return False


def test_a_kill_at_any_step_of_a_new_version_loses_no_status(template: Path,
                                                             tmp_path: Path) -> None:
    reference, source = fresh(template, tmp_path / "reference")
    old_found = found_statuses(reference)
    assert len(old_found) == len(STATUSES)
    assert run("parse", source, "-c", reference, "-q")[0] == 0
    doc = (reference / f"{NAME}.yaml").read_bytes()
    ledger, orphans, new_found = (ledger_state(reference), orphan_state(reference),
                                  found_statuses(reference))
    assert len(new_found) == len(STATUSES) - 1  # 2.5 was removed: orphaned, reported
    assert orphans == [("2.5", "done", "removed")]
    assert ("推行“1545”企业开办模式", "done", "note 1.1") in new_found
    assert any(e.id == "2.3" and str(e.milestone) == "2021-09-30" for e in ledger)

    killed_at = []
    for n in range(1, 40):
        for after in (False, True):
            corpus, _ = fresh(template, tmp_path / f"kill{n}{'after' if after else ''}")
            if not parse_killed_at(corpus, source, n, after):
                break
            killed_at.append((n, after))
            # The next command that opens the corpus finishes the change, or finds none.
            found = found_statuses(corpus)
            assert not (corpus / JOURNAL_FILE).exists()
            if (corpus / f"{NAME}.yaml").read_bytes() != doc:
                assert found == old_found, (n, after)  # nothing of it was done: re-parse
                assert ledger_state(corpus) == ledger_state(template / "corpus")
                assert run("parse", source, "-c", corpus, "-q")[0] == 0
                found = found_statuses(corpus)
            assert found == new_found, (n, after)  # no status lost
            assert ledger_state(corpus) == ledger, (n, after)
            assert orphan_state(corpus) == orphans
            assert len(list((corpus / "history").glob(f"{NAME}.*.yaml"))) == 1
        else:
            continue
        break
    # journal (rename), history (link, unlink of its temp), document, ledger, orphans
    # (renames), journal removed (unlink): each killed before and after
    assert len(killed_at) >= 12, killed_at


def test_the_issues_case_a_kill_between_document_and_ledger(template: Path,
                                                            tmp_path: Path) -> None:
    """The defect as reported: killed at the ledger's rename, after the new document was
    written. Re-parsing (the user's first idea) and any other command bring it back."""
    old_doc = (template / "corpus" / f"{NAME}.yaml").read_bytes()
    for next_command in ("parse", "list"):
        corpus, source = fresh(template, tmp_path / next_command)
        assert parse_killed_at(corpus, source, 1, after=False, name="status.yaml")
        assert (corpus / JOURNAL_FILE).exists()
        assert (corpus / f"{NAME}.yaml").read_bytes() != old_doc  # the new version is in place
        args = (["parse", source, "-c", corpus, "-q"] if next_command == "parse"
                else ["list", "-c", corpus, "-f", "json"])
        assert run(*args)[0] == 0
        assert not (corpus / JOURNAL_FILE).exists()
        code, out, _ = run("status", "-c", corpus, "-f", "json")
        statuses = {(r["id"], r["status"]) for r in json.loads(out) if r["found"]}
        assert ("16.10", "done") in statuses  # 17.7 moved to plan 16: its key changed
        assert ("1.1", "done") in statuses
        assert ("2.3", "done") in statuses  # its milestone followed 6月中旬 → 9月底


# ---------------------------------------------------------------------------------------
# The journal itself


def test_journal_steps_outside_the_corpus_are_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with corpus_lock(corpus), pytest.raises(Exception, match="outside the corpus"):
        commit(corpus, [Step("write", "../evil.txt", b"x")])
    assert not (tmp_path / "evil.txt").exists()
    (corpus / JOURNAL_FILE).write_text(json.dumps({"version": 1, "steps": [
        {"op": "write", "path": "/tmp/evil.txt", "data": ""}]}), encoding="utf-8")
    code, _, err = run("list", "-c", corpus)
    assert code == 2
    assert "outside the corpus folder refused" in err and err.count("\n") == 1
    (corpus / JOURNAL_FILE).write_text("{half", encoding="utf-8")
    code, _, err = run("list", "-c", corpus)
    assert code == 2
    assert f"{JOURNAL_FILE}: not a journal this reformctl wrote" in err


def test_a_pending_journal_on_a_read_only_corpus_is_one_line(template: Path,
                                                             tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    corpus, _ = fresh(template, tmp_path)
    with corpus_lock(corpus):
        pass
    (corpus / JOURNAL_FILE).write_text(json.dumps({"version": 1, "steps": []}),
                                       encoding="utf-8")
    corpus.chmod(0o555)
    try:
        code, _, err = run("list", "-c", corpus)
    finally:
        corpus.chmod(0o755)
    assert code == 2
    assert "a change interrupted earlier cannot be finished" in err and err.count("\n") == 1
