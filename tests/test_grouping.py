"""One per-department rule for `due --by dept`, `depts`, the mail and the xlsx summary
(reformctl.grouping): canonical names, a measure once per department, lead wins, unowned apart.

The corpus here keeps the names as printed (parsed with an empty registry, as a corpus
parsed before an alias was registered would): 市人社局 in one note, 市人力资源社会保障局 in
another. Every consumer must see one department.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.corpus import load_corpus, save_document
from reformctl.grouping import (
    LEAD,
    RESPONSIBLE,
    DepartmentKey,
    Owners,
    group_by_department,
    owners_of_hit,
    roles,
)
from reformctl.parse import parse_text
from reformctl.registry import Registry, default_registry
from reformctl.select import select

# Written in the seed's layout: 1 is led by an alias, 2 names the department twice (lead under
# the canonical name, responsible under the alias), 3 names nobody.
PLAN = """\
泰安市优化营商环境创新突破行动 配套措施一开办企业

(分管市领导:宋洪银;总牵头协调部门:市行政审批服务局)

1. 推行企业开办全程网办。9月底前,实现企业开办全程网上办理。(牵头部门:市人社局;责任部门:市行政审批服务局)

2. 优化社保登记。8月底前,实现社保登记与企业开办同步办理。(牵头部门:市人力资源社会保障局;责任部门:市人社局、市税务局)

3. 建立容错机制。7月底前,出台容错办法。
"""
HR = "市人力资源社会保障局"
AS_OF = "2021-10-01"
EXPECTED = {HR: ["1.1", "1.2"], "市行政审批服务局": ["1.1"], "市税务局": ["1.2"]}

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    doc = parse_text(PLAN, year=2021, registry=Registry(()))  # names kept as printed
    assert doc.plans[0].measures[0].lead == ("市人社局",)
    save_document(doc, tmp_path / "plan.yaml")
    return tmp_path


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def test_the_rule_itself() -> None:
    key = DepartmentKey(default_registry())
    assert roles(Owners("d", [HR], ["市人社局", "市税务局"]), key) == {
        HR: LEAD, "市税务局": RESPONSIBLE}
    assert roles(Owners("d", [], ["市人社局"]), key) == {HR: RESPONSIBLE}
    assert DepartmentKey()("市人社局", "d") == "市人社局"  # no registry: the name as printed
    grouped = group_by_department(["a", "b", "c"], lambda t: {
        "a": Owners("d", ["市人社局"], ["市税务局"]),
        "b": Owners("d", ["市税务局"], [HR]),
        "c": Owners("d", [], []),
    }[t], key)
    assert {k: [(m.item, m.role) for m in v] for k, v in grouped.groups.items()} == {
        HR: [("a", LEAD), ("b", RESPONSIBLE)], "市税务局": [("a", RESPONSIBLE), ("b", LEAD)]}
    assert list(grouped.groups) == [HR, "市税务局"]  # first appearance
    assert grouped.unowned == ["c"]


def test_hits_group_by_canonical_name(corpus: Path) -> None:
    hits = select(load_corpus(corpus))
    key = DepartmentKey.of(default_registry(), hits)
    grouped = group_by_department(hits, owners_of_hit, key)
    assert {k: [m.item.measure.id for m in v] for k, v in grouped.groups.items()} == EXPECTED
    assert [m.role for m in grouped.groups[HR]] == [LEAD, LEAD]


def test_due_by_dept(corpus: Path) -> None:
    code, out = run("due", "--by", "dept", "--as-of", AS_OF, "--corpus", corpus,
                    "--format", "json")
    assert code == 0
    groups: dict[str, list[str]] = {}
    for r in json.loads(out):
        groups.setdefault(r["group"], []).append(r["id"])
    assert {k: sorted(v) for k, v in groups.items()} == {**EXPECTED, "(no owner)": ["1.3"]}


def test_depts(corpus: Path) -> None:
    code, out = run("depts", "--as-of", AS_OF, "--corpus", corpus, "--format", "json")
    assert code == 0
    loads = {r["department"]: (r["led"], r["responsible"], r["overdue"]) for r in json.loads(out)}
    assert loads == {HR: (2, 0, 2), "市行政审批服务局": (0, 1, 1), "市税务局": (0, 1, 1)}


def test_mail(corpus: Path) -> None:
    code, out = run("notify", "--dry-run", "--as-of", AS_OF, "--corpus", corpus,
                    "--fallback", "duban@example.gov.cn", "--format", "json")
    assert code == 0
    assert {r["department"]: sorted(r["overdue"]) for r in json.loads(out)} == EXPECTED


def test_xlsx_summary(corpus: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "ledger.xlsx"
    code, _ = run("export", "-o", out, "--as-of", AS_OF, "--corpus", corpus)
    assert code == 0
    ws = load_workbook(io.BytesIO(out.read_bytes()))["Department summary"]
    rows = {r[0]: r[1:4] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows == {HR: (2, 0, 2), "市行政审批服务局": (0, 1, 1), "市税务局": (0, 1, 1)}
