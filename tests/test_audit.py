"""Every audit check on the shipped seed (and small edits of it), expectations computed from the
parsed YAML as plain data where they can be."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from seedfiles import AS_OF, CORPUS, DOC, SEED_YAML, raw_measures

from reformctl.audit.checks import (
    CHECK_SEVERITY,
    CHECKS,
    Finding,
    at_or_above,
    finding_record,
    resolve_checks,
    run_audit,
)
from reformctl.audit.ledger import Ledger, load_ledger, set_status
from reformctl.corpus import Corpus, load_corpus
from reformctl.errors import UsageError
from reformctl.registry import load_registry


@pytest.fixture(scope="module")
def seed() -> Corpus:
    return load_corpus(SEED_YAML)


@pytest.fixture(scope="module")
def registry() -> Any:
    return load_registry(CORPUS / "departments.yaml")


def run(corpus: Corpus, check: str, registry: Any = None, ledger: Ledger | None = None,
        **kwargs: Any) -> list[Finding]:
    found = run_audit(corpus, ledger or Ledger(), AS_OF, checks=[check], registry=registry,
                      **kwargs)
    assert all(f.check == check and f.severity == CHECK_SEVERITY[check] for f in found)
    return found


def edited_corpus(tmp_path: Path, edit: Any) -> Corpus:
    """A copy of the seed with ``edit`` applied to its plain data."""
    data = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / SEED_YAML.name).write_text(yaml.safe_dump(data, allow_unicode=True),
                                           encoding="utf-8")
    return load_corpus(tmp_path)


def measure_dict(data: dict[str, Any], measure_id: str) -> dict[str, Any]:
    return next(m for m in raw_measures(data) if m["id"] == measure_id)


def test_overdue(seed: Corpus, registry: Any, tmp_path: Path) -> None:
    expected = {m["id"] for m in raw_measures() if any(
        d["kind"] == "by" and d.get("date") and str(d["date"]) <= "2021-09-30"
        for d in m["deadlines"])}
    found = run(seed, "overdue", registry)
    assert {f.measure for f in found} == expected
    assert len(found) == len(expected)  # one finding per measure, however many milestones
    power = next(f for f in found if f.measure == "3.8")
    assert power.severity == "error" and power.document == DOC
    assert power.departments == ("国网泰安供电公司",)
    assert power.details["days_late"] == 62
    assert "3.8 提升不停电作业能力: due 2021-07-31 (7月底前), 62 days late" in power.message
    two = next(f for f in found if f.measure == "1.4")  # 7月底前 and 9月底前
    assert [d["date"] for d in two.details["deadlines"]] == ["2021-07-31", "2021-09-30"]
    # Done measures are never overdue.
    shutil.copy(SEED_YAML, tmp_path / SEED_YAML.name)
    corpus = load_corpus(tmp_path)
    set_status(tmp_path, DOC, corpus.find("3.8")[0][2], "done", on=date(2021, 7, 30))
    after = run(corpus, "overdue", registry, ledger=load_ledger(tmp_path))
    assert {f.measure for f in after} == expected - {"3.8"}


def test_nothing_is_overdue_before_the_first_deadline(seed: Corpus) -> None:
    assert run_audit(seed, Ledger(), date(2021, 6, 1), checks=["overdue"]) == []


def test_missing_owner_parent_without_note(seed: Corpus, registry: Any, tmp_path: Path) -> None:
    # 14.10 探索推行非现场监管 has no owner note of its own; its five sub-items each have one,
    # and the parser gives it theirs (inherited, from_item): the seed has no unowned measure.
    assert run(seed, "missing-owner", registry) == []
    # A measure whose owners are gone (an edited YAML) is one, with its owned sub-items named.
    def drop(data: dict[str, Any]) -> None:
        parent = measure_dict(data, "14.10")
        parent["owners"], parent["lead"] = [], []

    found = run(edited_corpus(tmp_path, drop), "missing-owner", registry)
    assert [f.measure for f in found] == ["14.10"]
    assert found[0].departments == ()
    assert found[0].details["sub_items_with_owners"] == [f"14.10.{i}" for i in range(1, 6)]


def test_missing_owner_sub_item_inherits_from_parent(tmp_path: Path, registry: Any) -> None:
    def edit(data: dict[str, Any]) -> None:
        parent = measure_dict(data, "14.10")
        parent["owners"] = [{"lead": ["市市场监管局"], "responsible": [], "raw": "", "line": 1}]
        parent["items"][1]["owners"] = []  # 14.10.2 without its own note: the parent's covers it
        measure_dict(data, "3.4")["owners"] = []  # a measure with no note at all

    found = run(edited_corpus(tmp_path, edit), "missing-owner", registry)
    assert [f.measure for f in found] == ["3.4"]


def test_no_lead(seed: Corpus, registry: Any) -> None:
    expected = [m["id"] for m in raw_measures() if m["responsible"] and not m["lead"]]
    found = run(seed, "no-lead", registry)
    assert [f.measure for f in found] == expected
    assert {"1.3", "3.8", "11.8"} <= set(expected)
    first = found[0]
    assert first.departments == ("市公安局", "市行政审批服务局", "市市场监管局")
    assert first.message.endswith("only responsible: 市公安局、市行政审批服务局、市市场监管局")


def test_multiple_leads(seed: Corpus, registry: Any) -> None:
    expected = [m["id"] for m in raw_measures()
                if any(len(g["lead"]) > 1 for g in m["owners"])]
    found = run(seed, "multiple-leads", registry)
    assert [f.measure for f in found] == expected
    by_id = {f.measure: f for f in found}
    # 纳税 #1: (牵头部门:市财政局、市人力资源社会保障局、市医保局、市税务局)
    assert by_id["5.1"].departments == ("市财政局", "市人力资源社会保障局", "市医保局", "市税务局")
    assert "4 lead departments in one owner note" in by_id["5.1"].message
    # 优化金融服务 #2 has two notes with one lead each: not multiple leads.
    assert "7.2" not in by_id


def test_lead_and_responsible(seed: Corpus, registry: Any) -> None:
    # 政府采购 #1: (责任部门:市财政局) … (牵头部门:市财政局;责任部门:市公共资源交易中心)
    found = run(seed, "lead-and-responsible", registry)
    assert [(f.measure, f.departments) for f in found] == [("10.1", ("市财政局",))]
    assert "in different owner notes" in found[0].message


def test_lead_and_responsible_in_one_note_and_through_an_alias(tmp_path: Path,
                                                               registry: Any) -> None:
    def edit(data: dict[str, Any]) -> None:
        group = measure_dict(data, "9.3")["owners"][0]  # 牵头部门:市人力资源社会保障局
        group["responsible"] = ["市教育局", "市人社局"]  # 市人社局 is an alias of the lead

    found = run(edited_corpus(tmp_path, edit), "lead-and-responsible", registry)
    assert ("9.3", ("市人力资源社会保障局",)) in [(f.measure, f.departments) for f in found]
    assert "in one owner note" in next(f for f in found if f.measure == "9.3").message


def test_unknown_department_with_closest_name(tmp_path: Path, registry: Any) -> None:
    assert run(load_corpus(SEED_YAML), "unknown-department", registry) == []

    def edit(data: dict[str, Any]) -> None:
        # A page break that cut a name ("市公安交警支" / "队") and a typo, twice.
        measure_dict(data, "2.2")["owners"][0]["responsible"][1] = "市公安交警支"
        for measure_id in ("2.3", "2.20"):
            m = measure_dict(data, measure_id)
            m["owners"][0]["lead"] = ["市城市管里局"]

    found = run(edited_corpus(tmp_path, edit), "unknown-department", registry)
    by_name = {f.details["name"]: f for f in found}
    assert set(by_name) == {"市公安交警支", "市城市管里局"}
    assert by_name["市公安交警支"].details["closest"] == "市公安交警支队"
    assert by_name["市公安交警支"].measure == "2.2"
    typo = by_name["市城市管里局"]
    assert typo.details["closest"] == "市城市管理局"
    assert typo.details["measures"] == ["2.3", "2.20"]
    assert "did you mean 市城市管理局?" in typo.message


def test_unresolved_deadline(seed: Corpus, registry: Any) -> None:
    # 纳税 #8: "在省规定时间内, 除个别特殊、复杂事项外, 基本实现…" names no date.
    found = run(seed, "unresolved-deadline", registry)
    assert [f.measure for f in found] == ["5.8"]
    assert "在省规定时间内" in found[0].message
    assert found[0].severity == "info"


def test_unresolved_deadline_from_a_dateless_by_phrase(tmp_path: Path, registry: Any) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["warnings"] = []
        measure_dict(data, "12.4")["deadlines"].append(
            {"raw": "年内", "kind": "by", "date": None, "line": 419})

    found = run(edited_corpus(tmp_path, edit), "unresolved-deadline", registry)
    assert [(f.measure, f.details["phrase"]) for f in found] == [("12.4", "年内")]


def test_overlap_findings_are_explained(seed: Corpus, registry: Any) -> None:
    found = run(seed, "overlap", registry)
    pairs = [(f.measure, f.details["other"]) for f in found]
    assert ("5.7", "6.7") in pairs and ("1.3", "12.7") in pairs and ("11.8", "14.1") in pairs
    scores = [f.details["score"] for f in found]
    assert scores == sorted(scores, reverse=True)
    seal = found[pairs.index(("1.3", "12.7"))]
    assert "电子印章" in seal.details["terms"]
    assert "similarity" in seal.message and "12.7 推广电子印章应用" in seal.message
    assert seal.details["other_document"] == DOC
    assert set(seal.departments) >= {"市智慧城市服务中心", "市公安局"}
    stricter = run(seed, "overlap", registry, overlap_threshold=0.4)
    assert 0 < len(stricter) < len(found)
    assert all(f.details["score"] >= 0.4 for f in stricter)


def test_run_audit_runs_every_check_in_order(seed: Corpus, registry: Any) -> None:
    findings = run_audit(seed, Ledger(), AS_OF, registry=registry)
    order = [f.check for f in findings]
    assert set(order) <= set(CHECKS)
    assert order == sorted(order, key=list(CHECKS).index)
    assert {"overdue", "no-lead", "overlap"} <= set(order)
    assert "missing-owner" not in order  # 14.10 is owned by its sub-items' notes


def test_resolve_checks() -> None:
    assert resolve_checks(None) == list(CHECKS)
    assert resolve_checks(["overlap,overdue", "no-lead"]) == ["overdue", "no-lead", "overlap"]
    with pytest.raises(UsageError, match="unknown check 'overlaps'"):
        resolve_checks(["overlaps"])


def test_at_or_above() -> None:
    def f(severity: str) -> Finding:
        return Finding("x", severity, "1.1", (), "m")

    findings = [f("info"), f("warning"), f("error")]
    assert [x.severity for x in at_or_above(findings, "error")] == ["error"]
    assert [x.severity for x in at_or_above(findings, "warning")] == ["warning", "error"]
    assert len(at_or_above(findings, "info")) == 3
    with pytest.raises(UsageError, match="--fail-on"):
        at_or_above(findings, "fatal")


def test_finding_record_has_stable_keys(seed: Corpus, registry: Any) -> None:
    record = finding_record(run(seed, "no-lead", registry)[0])
    assert list(record) == ["check", "severity", "document", "measure", "departments",
                            "message", "details"]
    assert record["check"] == "no-lead" and record["severity"] == "warning"
    assert record["departments"] and all(isinstance(d, str) for d in record["departments"])
