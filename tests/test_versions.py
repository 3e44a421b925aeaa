"""A new version of a document already in the corpus: history kept, diff printed, status
entries carried over to the renumbered measures, vanished ones kept as orphaned."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from seed_versions import (
    ALL_EDITS,
    SEED,
    SEED_TEXT,
    TWIN_NEW,
    TWIN_OLD,
    delete_2_5,
    edited,
)
from typer.testing import CliRunner

from reformctl.audit.diff import diff_documents
from reformctl.audit.ledger import LedgerEntry, load_ledger
from reformctl.audit.versions import carry_over, load_orphans
from reformctl.cli import app
from reformctl.parse import parse_text

NAME = SEED.stem
runner = CliRunner()


def entry(measure_id: str, key: str = "", status: str = "done", document: str = NAME,
          title: str = "") -> LedgerEntry:
    return LedgerEntry(key=key, id=measure_id, document=document, status=status, date=None,
                       note="", updated="2021-07-01T00:00:00+08:00", title=title)


def test_carry_over_follows_renumbering_and_keeps_the_removed() -> None:
    old = parse_text(SEED_TEXT)
    new = parse_text(edited(delete_2_5))
    m = {i: old.measure(i) for i in ("2.3", "2.5", "2.10")}
    entries = [
        entry("2.3", m["2.3"].key, title=m["2.3"].title),  # type: ignore[union-attr]
        entry("2.5", m["2.5"].key),  # type: ignore[union-attr]
        entry("2.10", m["2.10"].key, status="in-progress"),  # type: ignore[union-attr]
        entry("2.20"),  # written by hand: no key, matched by id
        entry("2.6", "0123456789ab"),  # already dangling: left alone
        entry("2.6", "", document="other"),  # another document
    ]
    result = carry_over(entries, NAME, NAME, old, diff_documents(old, new))
    assert [(e.id, e.key, e.status) for e in result.entries] == [
        ("2.3", m["2.3"].key, "done"),  # type: ignore[union-attr]
        ("2.5", m["2.5"].key, "done"),  # type: ignore[union-attr]
        ("2.9", m["2.10"].key, "in-progress"),  # type: ignore[union-attr]
        ("2.19", new.measure("2.19").key, "done"),  # type: ignore[union-attr]
        ("2.6", "0123456789ab", "done"),
        ("2.6", "", "done"),
    ]
    assert result.kept == 1
    assert [(a.id, b.id) for a, b in result.carried] == [("2.10", "2.9"), ("2.20", "2.19")]
    assert [(o.entry.id, o.reason) for o in result.orphaned] == [("2.5", "removed")]


def test_an_ambiguous_match_orphans_the_entry_with_the_candidates() -> None:
    old, new = parse_text(TWIN_OLD), parse_text(TWIN_NEW)
    twin = old.measure("1.1")
    assert twin is not None
    result = carry_over([entry("1.1", twin.key)], NAME, NAME, old, diff_documents(old, new))
    assert [(o.entry.id, o.reason) for o in result.orphaned] == [("1.1", "ambiguous: could be 3.1")]
    assert result.entries == [entry("1.1", twin.key)]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A corpus holding the parsed seed and four status entries."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED.parent / "departments.yaml", folder / "departments.yaml")
    source = tmp_path / f"{NAME}.txt"
    source.write_text(SEED_TEXT, encoding="utf-8")
    assert run("parse", source, "-c", folder, "-q")[0] == 0
    for measure_id, status in (("2.3", "done"), ("2.5", "done"), ("2.10", "in-progress"),
                               ("14.10.4", "dropped"), ("17.7", "done")):
        code, _, err = run("status", measure_id, status, "-c", folder, "--date", "2021-07-01",
                           "--note", f"note {measure_id}")
        assert code == 0, err
    return folder


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def statuses(folder: Path) -> list[tuple[str, str, str]]:
    return [(e.id, e.status, e.note) for e in load_ledger(folder).entries]


def test_status_survives_a_reparse_of_a_renumbered_version(corpus: Path, tmp_path: Path) -> None:
    before = (corpus / f"{NAME}.yaml").read_bytes()
    new_source = tmp_path / "taian_v2.txt"  # another file name, the same document title
    new_source.write_text(edited(*ALL_EDITS), encoding="utf-8")

    code, out, err = run("parse", new_source, "-c", corpus, "-q")
    assert code == 0, err
    history = sorted((corpus / "history").glob(f"{NAME}.*.yaml"))
    assert len(history) == 1
    assert history[0].read_bytes() == before  # the previous version, as it was
    assert out.splitlines()[1] == (
        f"{new_source}: replaces {corpus / NAME}.yaml, previous kept as {history[0]}: "
        "1 added, 1 removed, 5 changed, 22 renumbered, 1 deadline postponed, "
        "1 moved to another plan; 4 status entries carried over, 1 orphaned"
    )
    # The new version took the previous one's name: still one document in the corpus.
    assert sorted(p.name for p in corpus.glob("*.yaml")) == [f"{NAME}.yaml", "departments.yaml",
                                                            "status.yaml"]
    assert statuses(corpus) == [
        ("2.3", "done", "note 2.3"),
        ("2.5", "done", "note 2.5"),  # orphaned: kept as it was, matches no measure now
        ("2.9", "in-progress", "note 2.10"),
        ("14.10.3", "dropped", "note 14.10.4"),
        ("16.10", "done", "note 17.7"),
    ]
    assert err == (f"{new_source}: warning: status entry {NAME} 2.5 提高房地产开发项目竣工验收效率 "
                   "(done) has no measure in the new version (removed): kept as orphaned\n")
    orphans = load_orphans(corpus)
    assert [(o["id"], o["status"], o["reason"], o["previous_version"]) for o in orphans] == [
        ("2.5", "done", "removed", history[0].name)
    ]

    # The commands that read the ledger see the carried statuses under the new numbers.
    code, out, _ = run("status", "2.9", "-c", corpus, "-f", "json")
    assert code == 0
    assert [(r["title"], r["status"]) for r in json.loads(out)] == [
        ("推进低风险项目审批服务事项整合", "in-progress")]
    code, out, _ = run("status", "2.5", "-c", corpus, "-f", "json")  # old 2.6: no status yet
    assert code == 0
    assert [(r["title"], r["status"]) for r in json.loads(out)] == [("合并规划类许可事项", "open")]
    # The ledger listing marks the entry whose measure is gone.
    code, out, _ = run("status", "-c", corpus, "-f", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out) if not r["found"]] == ["2.5"]
    from reformctl.cli.status_cmd import _status_cell

    gone = next(r for r in json.loads(out) if not r["found"])
    assert _status_cell(gone) == "done (orphaned)"

    # Parsing the same version again changes nothing and keeps no new history.
    code, out, err = run("parse", new_source, "-c", corpus, "-q")
    assert code == 0
    assert len(out.splitlines()) == 1 and err == ""
    assert len(list((corpus / "history").glob(f"{NAME}.*.yaml"))) == 1
    assert len(load_orphans(corpus)) == 1


def test_replaces_names_the_document_when_the_title_changed(corpus: Path, tmp_path: Path) -> None:
    text = edited(delete_2_5).replace("泰安市优化营商环境创新突破行动 配套措施一开办企业",
                                      "泰安市优化营商环境创新突破行动（修订） 配套措施一开办企业")
    source = tmp_path / "revised.txt"
    source.write_text(text, encoding="utf-8")
    code, out, err = run("parse", source, "-c", corpus, "-q", "--replaces", NAME)
    assert code == 0, err
    assert "title 泰安市优化营商环境创新突破行动配套措施 → 泰安市优化营商环境创新突破行动（修订）配套措施" \
        in out
    assert "0 added, 1 removed, 0 changed, 19 renumbered" in out
    assert ("2.9", "in-progress", "note 2.10") in statuses(corpus)


def test_a_different_title_without_replaces_is_a_new_document(corpus: Path,
                                                              tmp_path: Path) -> None:
    text = SEED_TEXT.replace("泰安市优化营商环境创新突破行动 配套措施一开办企业",
                             "泰安市优化营商环境创新突破行动（修订） 配套措施一开办企业")
    source = tmp_path / "revised.txt"
    source.write_text(text, encoding="utf-8")
    code, out, _ = run("parse", source, "-c", corpus, "-q")
    assert code == 0
    assert len(out.splitlines()) == 1
    assert (corpus / "revised.yaml").exists() and (corpus / f"{NAME}.yaml").exists()
    assert not (corpus / "history").exists()


def test_replaces_an_unknown_document_is_bad_usage(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "v2.txt"
    source.write_text(edited(delete_2_5), encoding="utf-8")
    code, _, err = run("parse", source, "-c", corpus, "--replaces", "nope")
    assert code == 2
    assert err.endswith(f"reformctl: error: --replaces nope: no such document in {corpus}\n")


def test_a_version_without_a_year_takes_the_previous_year(tmp_path: Path) -> None:
    """The first version says 2022; the second names no year at all."""
    folder = tmp_path / "c"
    v1, v2 = tmp_path / "plan.txt", tmp_path / "plan-v2.txt"
    v1.write_text("某市营商环境行动方案\n一、任务\n1. 推进甲。2022年6月底前完成。（市教育局负责）\n"
                  "2. 推进乙。9月底前完成。（市民政局负责）\n", encoding="utf-8")
    v2.write_text("某市营商环境行动方案\n一、任务\n1. 推进甲。6月底前完成。（市教育局负责）\n"
                  "2. 推进乙。10月底前完成。（市民政局负责）\n", encoding="utf-8")
    assert run("parse", v1, "-c", folder, "-q")[0] == 0
    code, out, err = run("parse", v2, "-c", folder, "-q")
    assert code == 0
    assert "2 changed, 0 renumbered, 1 deadline postponed" in out
    assert "the text names no plan year: took 2022 from the previous version" in err
    data = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    assert data["document"]["year"] == 2022
    assert data["plans"][0]["measures"][1]["deadlines"][0]["date"] == "2022-10-31"


def test_parse_to_stdout_leaves_the_corpus_alone(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "v2.txt"
    source.write_text(edited(delete_2_5), encoding="utf-8")
    before = (corpus / "status.yaml").read_bytes()
    code, _, _ = run("parse", source, "-c", corpus, "-o", "-", "-q")
    assert code == 0
    assert (corpus / "status.yaml").read_bytes() == before
    assert not (corpus / "history").exists()


def test_a_file_named_with_o_replaces_only_itself(tmp_path: Path) -> None:
    """A scratch folder of parses (realcheck writes N.json for each document into one) is no
    corpus: two sources of the same title, each written to the file -o names, are two files
    (before, the second replaced the first, or refused when a third was there)."""
    out = tmp_path / "parses"
    out.mkdir()
    text = "某市营商环境行动方案\n一、任务\n1. 推进甲。6月底前完成。（市教育局负责）\n"
    for name in ("a", "b", "c"):
        source = tmp_path / f"{name}.txt"
        source.write_text(text, encoding="utf-8")
        code, _, err = run("parse", source, "-o", out / f"{name}.json", "--format", "json", "-q")
        assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "c.json"]
