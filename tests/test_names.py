"""Names as printed (issue 12, point 4): registries that apply to a document's issuer, the
canonical map of an owner note, and the grouping key built on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reformctl.errors import InputError
from reformctl.model import (
    Document,
    DocumentInfo,
    Issuer,
    Measure,
    OwnerGroup,
    Plan,
    document_from_dict,
    document_to_dict,
)
from reformctl.registry import (
    Department,
    Registry,
    default_registry,
    load_registry,
    place_stem,
    same_place,
)
from reformctl.schema import schema_issues

# ---------------------------------------------------------------------------------------
# Registries and the issuers they apply to


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("泰安市", "泰安", True),
        ("广东省", "广东", True),
        ("内蒙古自治区", "内蒙古", True),
        ("泰安市", "泰山区", False),
        ("泰安市", "包头市", False),
        ("国务院", "国务院", True),
    ],
)
def test_same_place(a: str, b: str, same: bool) -> None:
    assert same_place(a, b) is same


def test_place_stem_keeps_two_characters() -> None:
    assert place_stem("泰安市") == "泰安"
    assert place_stem("沙市") == "沙市"  # a one-character stem is no stem


@pytest.mark.parametrize(
    ("issuer", "printed", "canonical"),
    [
        # The shipped registry is 泰安's: it folds 泰安's documents and those without an issuer.
        ("泰安市", "市人社局", "市人力资源社会保障局"),
        (None, "市人社局", "市人力资源社会保障局"),
        ("泰安", "市审批服务局", "市行政审批服务局"),
        # A 包头 plan's names stay as 包头 prints them.
        ("包头市", "市审批服务局", "市审批服务局"),
        ("包头市", "市工信局", "市工信局"),
        ("太仓市", "市发改委", "市发改委"),
        # Entries met in provincial plans fold only there.
        ("安徽省", "省机场集团", "省民航机场集团"),
        ("包头市", "省机场集团", "省机场集团"),
        ("泰安市", "省机场集团", "省机场集团"),
    ],
)
def test_the_default_registry_folds_only_where_it_applies(
    issuer: str | None, printed: str, canonical: str
) -> None:
    assert default_registry().for_issuer(issuer).canonical(printed) == canonical


def test_every_issuer_gets_the_same_scoped_registry_back() -> None:
    registry = default_registry()
    assert registry.for_issuer("包头市") is registry.for_issuer("包头市")
    assert registry.for_issuer(None) is registry  # every entry applies
    assert "泰安市" in registry.places()


def test_recognition_uses_every_entry_whatever_the_issuer() -> None:
    # Telling names apart is not folding: the whole registry knows 包头's and 泰安's names.
    registry = default_registry()
    assert registry.is_known("市审批服务局")
    assert registry.is_known("市文旅广电局")


def test_user_file_names_its_issuers(tmp_path: Path) -> None:
    file = tmp_path / "departments.yaml"
    file.write_text(
        "applies_to: [包头市]\n"
        "departments:\n"
        "  - {name: 市审批服务局, aliases: [市审批局]}\n"
        "  - {name: 市大数据局, aliases: [市大数据中心], applies_to: [包头市, 鄂尔多斯市]}\n"
        "  - {name: 市统计局, aliases: [市统计]}\n",
        encoding="utf-8",
    )
    assert not schema_issues(
        {"applies_to": ["包头市"], "departments": [{"name": "x", "applies_to": "包头市"}]},
        "departments",
    )
    registry = load_registry(file)
    baotou = registry.for_issuer("包头市")
    assert baotou.canonical("市审批局") == "市审批服务局"  # the user's, not 泰安's
    assert baotou.canonical("市工信局") == "市工信局"  # 泰安's aliases stay out
    assert registry.for_issuer("鄂尔多斯市").canonical("市大数据中心") == "市大数据局"
    assert registry.for_issuer("鄂尔多斯市").canonical("市审批局") == "市审批局"
    # 泰安's own documents keep 泰安's names: 市审批服务局 is 泰安's alias, and 包头's entry
    # does not apply there.
    assert registry.for_issuer("泰安市").canonical("市审批服务局") == "市行政审批服务局"


def test_user_file_without_applies_to_applies_everywhere(tmp_path: Path) -> None:
    file = tmp_path / "departments.yaml"
    file.write_text("departments:\n  - {name: 市大数据局, aliases: [市大数据中心]}\n",
                    encoding="utf-8")
    registry = load_registry(file)
    for issuer in ("包头市", "泰安市", None):
        assert registry.for_issuer(issuer).canonical("市大数据中心") == "市大数据局"


def test_same_name_for_other_issuers_is_an_entry_of_its_own() -> None:
    base = Registry((Department("市审批服务局", ("市审批局",), ("包头市",)),))
    merged = base.merged([Department("市审批服务局", ("市审批中心",), ("泰安市",))])
    assert len(merged.departments) == 2
    assert merged.for_issuer("包头市").canonical("市审批中心") == "市审批中心"
    assert merged.for_issuer("泰安市").canonical("市审批中心") == "市审批服务局"


@pytest.mark.parametrize("value", ["applies_to: 3", "applies_to: ['']", "applies_to: [[x]]"])
def test_bad_applies_to(tmp_path: Path, value: str) -> None:
    file = tmp_path / "departments.yaml"
    file.write_text(f"{value}\ndepartments: [市统计局]\n", encoding="utf-8")
    with pytest.raises(InputError, match="applies_to"):
        load_registry(file)


def test_the_default_file_is_taian_s() -> None:
    from reformctl.registry import DEFAULT_FILE
    from reformctl.yamlio import load_yaml_file

    data = load_yaml_file(DEFAULT_FILE)
    assert data["applies_to"] == ["泰安市"]
    assert not schema_issues(data, "departments")


# ---------------------------------------------------------------------------------------
# The model: printed names, the canonical map, notes copied from sub-items, the issuer


def _document() -> Document:
    note = OwnerGroup(
        lead=("省发展改革委",),
        responsible=("财政厅", "广州"),
        raw="（省发展改革委牵头，财政厅、广州、深圳市政府配合）",
        canonical=(("财政厅", "省财政厅"), ("广州", "广州市政府")),
    )
    item = Measure("1.1.1", "k2", 1, "子项", "子项。（市公积金中心负责）", (3, 3),
                   owners=(OwnerGroup(lead=("市公积金中心",), raw="（市公积金中心负责）"),))
    copied = OwnerGroup(lead=("市公积金中心",), raw="（市公积金中心负责）", line=3,
                        inherited=True, from_item="1.1.1")
    measure = Measure("1.1", "k1", 1, "任务", "任务。", (1, 3), owners=(note, copied),
                      items=(item,))
    plan = Plan(1, "计划", (1, 3), coordinators=("财政厅",), measures=(measure,),
                canonical=(("财政厅", "省财政厅"),))
    info = DocumentInfo("广东省…方案", "x.txt", "", 2026,
                        issuer=Issuer("广东省", "title", "广东省发展改革委关于印发…", 1))
    return Document(info, (plan,))


def test_the_canonical_map_round_trips_and_passes_the_schema() -> None:
    doc = _document()
    data = document_to_dict(doc)
    assert not schema_issues(data, "document")
    assert document_from_dict(data) == doc
    owners = data["plans"][0]["measures"][0]["owners"]
    assert owners[0]["canonical"] == {"财政厅": "省财政厅", "广州": "广州市政府"}
    assert owners[0]["responsible"] == ["财政厅", "广州"]  # as printed
    assert owners[1]["from_item"] == "1.1.1" and owners[1]["inherited"] is True
    assert "canonical" not in owners[1] and "from_item" not in data["plans"][0]["measures"][0][
        "items"][0]["owners"][0]
    assert data["document"]["issuer"] == {"name": "广东省", "how": "title",
                                          "raw": "广东省发展改革委关于印发…", "line": 1}


def test_a_document_without_issuer_writes_none() -> None:
    data = document_to_dict(Document(DocumentInfo("t", "", "", 2021)))
    assert "issuer" not in data["document"]
    assert not schema_issues(data, "document")


def test_canonical_name_of_a_measure() -> None:
    measure = _document().plans[0].measures[0]
    assert measure.lead == ("省发展改革委", "市公积金中心")
    assert measure.canonical_name("财政厅") == "省财政厅"
    assert measure.canonical_name("市公积金中心") == "市公积金中心"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("document", "issuer", "how"), "guess"),
        (("plans", 0, "measures", 0, "owners", 0, "canonical", "财政厅"), ""),
        (("plans", 0, "measures", 0, "owners", 1, "from_item"), "first"),
    ],
)
def test_the_schema_rejects(path: tuple[object, ...], value: object) -> None:
    data = document_to_dict(_document())
    node = data
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    assert schema_issues(data, "document")


# ---------------------------------------------------------------------------------------
# Grouping: the canonical name where there is one, the printed name otherwise


def _plan_doc(title: str, issuer: str | None, notes: list[OwnerGroup]) -> Document:
    from datetime import date

    from reformctl.model import Deadline

    measures = tuple(
        Measure(f"1.{i}", f"k{i}", i, f"任务{i}", f"任务{i}。6月底前完成。{g.raw}", (i, i),
                owners=(g,), deadlines=(Deadline("6月底前", "by", date(2022, 6, 30), i),))
        for i, g in enumerate(notes, 1)
    )
    info = DocumentInfo(title, f"{title}.txt", "", 2022,
                        issuer=Issuer(issuer, "title", title, 1) if issuer else None)
    return Document(info, (Plan(1, "重点任务", (1, len(notes)), measures=measures),))


def _corpus(tmp_path: Path) -> Path:
    from reformctl.yamlio import dump_yaml

    docs = {
        # 泰安 prints one department two ways: one group, the registry's canonical name.
        "taian": _plan_doc("泰安市某方案", "泰安市", [
            OwnerGroup(lead=("市人社局",), raw="（市人社局负责）"),
            OwnerGroup(lead=("市人力资源社会保障局",), raw="（市人力资源社会保障局负责）"),
        ]),
        # 包头's 市工信局 is not 泰安's 市工业和信息化局.
        "baotou": _plan_doc("包头市某方案", "包头市", [
            OwnerGroup(lead=("市工信局",), raw="（市工信局负责）"),
        ]),
        # A 省 prefix written once before a list: 财政厅 is 省财政厅, as the note says.
        "guangdong": _plan_doc("广东省某方案", "广东省", [
            OwnerGroup(lead=("省发展改革委",), responsible=("财政厅",),
                       raw="（省发展改革委牵头，财政厅配合）",
                       canonical=(("财政厅", "省财政厅"),)),
            OwnerGroup(responsible=("省财政厅",), raw="（责任单位：省财政厅）"),
        ]),
    }
    for name, doc in docs.items():
        (tmp_path / f"{name}.yaml").write_text(dump_yaml(document_to_dict(doc)),
                                               encoding="utf-8")
    return tmp_path


def _run(*args: str | Path) -> tuple[int, str]:
    from typer.testing import CliRunner

    from reformctl.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def test_depts_groups_by_canonical_name_where_there_is_one(tmp_path: Path) -> None:
    import json

    corpus = _corpus(tmp_path)
    code, out = _run("depts", "--as-of", "2022-01-01", "--corpus", corpus, "-f", "json")
    assert code == 0
    counts = {r["department"]: (r["led"], r["responsible"]) for r in json.loads(out)}
    assert counts == {
        "市人力资源社会保障局": (2, 0),
        "市工信局": (1, 0),  # 包头's name, as printed
        "省发展改革委": (1, 0),
        "省财政厅": (0, 2),  # printed 财政厅 and 省财政厅: one department
    }


def test_due_by_dept_and_dept_filter_use_the_same_key(tmp_path: Path) -> None:
    import json

    corpus = _corpus(tmp_path)
    code, out = _run("due", "--month", "6", "--by", "dept", "--as-of", "2022-01-01",
                     "--corpus", corpus, "-f", "json")
    groups: dict[str, list[str]] = {}
    for r in json.loads(out):
        groups.setdefault(r["group"], []).append(f"{r['document']}:{r['id']}")
    assert groups["省财政厅"] == ["guangdong:1.1", "guangdong:1.2"]
    assert groups["市工信局"] == ["baotou:1.1"]
    assert "市工业和信息化局" not in groups
    code, out = _run("list", "--dept", "省财政厅", "--corpus", corpus, "-f", "json")
    assert [(r["document"], r["id"]) for r in json.loads(out)] == [
        ("guangdong", "1.1"), ("guangdong", "1.2")]
    code, out = _run("list", "--dept", "市工业和信息化局", "--corpus", corpus, "-f", "json")
    assert json.loads(out) == []  # 包头's 市工信局 is not 泰安's department


def test_audit_checks_name_departments_by_their_key(tmp_path: Path) -> None:
    import json

    corpus = _corpus(tmp_path)
    code, out = _run("audit", "--check", "no-lead,unknown-department", "--as-of", "2022-01-01",
                     "--corpus", corpus, "-f", "json")
    findings = json.loads(out)
    no_lead = [f for f in findings if f["check"] == "no-lead"]
    assert [(f["document"], f["measure"], f["departments"]) for f in no_lead] == [
        ("guangdong", "1.2", ["省财政厅"])]
    # 财政厅 is known by what it stands for; 市工信局 is a registered spelling.
    assert not [f for f in findings if f["check"] == "unknown-department"]


# ---------------------------------------------------------------------------------------
# The parser: the issuer stage, names as printed, canonical only where a registry applies


@pytest.mark.parametrize(
    ("text", "name", "how"),
    [
        ("【法宝引证码】 CLI.12.1\n【发布部门】 包头市人民政府办公室\n某方案\n", "包头市", "header"),
        ("包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知\n", "包头市",
         "title"),
        ("\n\n附件\n\n泰安市优化营商环境创新突破行动 配套措施一开办企业\n", "泰安市", "title"),
        ("市政府办公室关于印发苏州市人工智能培育行动计划的通知\n", "苏州市", "title"),
        ("关于印发《胶州市创新发展实施方案》的通知\n", "胶州市", "title"),
        ("广东省发展改革委关于印发《广东省支持人工智能创新发展行动方案》的通知\n", "广东省", "title"),
        ("国务院办公厅关于印发全国深化“放管服”改革工作要点的通知\n", "国务院", "title"),
        ("关于进一步优化营商环境的若干措施\n泰政办发〔2021〕5号\n", "泰安市", "number"),
        ("关于加快对接新规则的实施意见\n（皖开放办〔2022〕6号）\n", "安徽省", "number"),
        ("关于促进消费的若干措施\n国办发〔2018〕46号\n", "国务院", "number"),
        ("关于促进消费的若干措施\n" + "一、推进消费升级。\n" * 4
         + "广东省发展和改革委员会\n2026年3月12日\n", "广东省", "signature"),
        ("配套措施\n1.推进通关便利化。(牵头部门:泰安海关)\n2.推进融资便利。(牵头部门:人行泰安市中心支行)\n",
         "泰安市", "notes"),
    ],
)
def test_issuer(text: str, name: str, how: str) -> None:
    from reformctl.parse.issuer import find_issuer

    issuer = find_issuer(text, default_registry())
    assert issuer is not None and (issuer.name, issuer.how) == (name, how)


@pytest.mark.parametrize(
    "text",
    [
        "新一代信息技术产业行动计划（2024-2025年）\n一、总体目标\n",
        "为落实济南市人工智能发展规划，制定本方案。\n",  # a sentence, not a title
        # (a development zone is one: tests/test_issuer_zones.py)
        "各区县（功能区）工信部门，各有关单位：\n",
        # A city's notes name its province too: not enough to call the province the issuer.
        "配套措施\n1.推进融资便利。（牵头单位：人民银行山东省分行）\n",
    ],
)
def test_no_issuer(text: str) -> None:
    from reformctl.parse.issuer import find_issuer

    assert find_issuer(text, default_registry()) is None


BAOTOU_STYLE = """{title}
一、重点任务
1.推进政务服务一网通办。2022年6月底前完成。（市审批服务局牵头，市工信局、市发改委配合）
2.建设城市运行管理平台。（市大数据局负责）
"""


def _parse(text: str) -> Document:
    from reformctl.parse import parse_text

    return parse_text(text)


def test_a_baotou_plan_keeps_baotou_s_names() -> None:
    doc = _parse(BAOTOU_STYLE.format(title="包头市人民政府办公室关于印发《包头市数字政府建设方案》的通知"))
    assert doc.document.issuer is not None and doc.document.issuer.name == "包头市"
    first = doc.measure("1.1")
    assert first is not None
    assert first.lead == ("市审批服务局",)
    assert first.responsible == ("市工信局", "市发改委")
    assert first.owners[0].canonical == ()  # 泰安's registry does not apply to 包头


def test_a_taian_plan_adds_the_registry_s_canonical_names() -> None:
    doc = _parse(BAOTOU_STYLE.format(title="泰安市数字政府建设方案"))
    first = doc.measure("1.1")
    assert first is not None
    assert first.lead == ("市审批服务局",)  # as printed
    assert dict(first.owners[0].canonical) == {
        "市审批服务局": "市行政审批服务局",
        "市工信局": "市工业和信息化局",
        "市发改委": "市发展改革委",
    }


def test_a_plan_without_issuer_is_folded_by_every_registry() -> None:
    doc = _parse(BAOTOU_STYLE.format(title="数字政府建设方案"))
    assert doc.document.issuer is None
    first = doc.measure("1.1")
    assert first is not None and first.responsible == ("市工信局", "市发改委")
    assert dict(first.owners[0].canonical)["市工信局"] == "市工业和信息化局"


def test_a_prefix_written_once_and_a_shared_suffix_are_canonical_not_printed() -> None:
    doc = _parse(
        "广东省发展改革委关于印发《广东省支持人工智能发展行动方案》的通知\n"
        "一、重点任务\n"
        "1.强化算力供给。（省发展改革委牵头，省工业和信息化厅、财政厅、政务和数据局，"
        "广州、深圳市政府配合）\n"
        "2.支持模型训练。（省科技厅、市场监管局负责）\n"
    )
    first, second = doc.measure("1.1"), doc.measure("1.2")
    assert first is not None and second is not None
    assert first.responsible == ("省工业和信息化厅", "财政厅", "政务和数据局", "广州", "深圳市政府")
    assert dict(first.owners[0].canonical) == {
        "财政厅": "省财政厅",
        "政务和数据局": "省政务和数据局",
        "广州": "广州市政府",
    }
    assert second.lead == ("省科技厅", "市场监管局")
    assert dict(second.owners[0].canonical) == {"市场监管局": "省市场监管局"}


# ---------------------------------------------------------------------------------------
# Issue 12 point 5: a measure without a note of its own is owned by its sub-items' notes

SUB_ITEM_OWNERS = """一、重点任务
1.深化公积金服务改革。
（1）推行公积金提取全程网办。（市公积金中心负责）
（2）实现公积金贷款“一件事”办理。（市公积金中心牵头，市自然资源和规划局配合）
2.推行不动产登记一窗办理。（市自然资源和规划局负责）
"""


def test_a_measure_without_a_note_takes_its_sub_items_owners() -> None:
    doc = _parse(SUB_ITEM_OWNERS)
    parent = doc.measure("1.1")
    assert parent is not None and [i.id for i in parent.items] == ["1.1.1", "1.1.2"]
    assert parent.lead == ("市公积金中心",)
    assert parent.responsible == ("市自然资源和规划局",)
    assert all(g.inherited for g in parent.owners)
    assert [g.from_item for g in parent.owners] == ["1.1.1", "1.1.2"]
    assert [g.raw for g in parent.owners] == [i.owners[0].raw for i in parent.items]
    # The sub-items keep their own notes; a measure with its own note takes nothing.
    assert [g.inherited for i in parent.items for g in i.owners] == [False, False]
    second = doc.measure("1.2")
    assert second is not None and not any(g.inherited for g in second.owners)


def test_notices_go_to_each_place_s_own_departments(tmp_path: Path) -> None:
    from datetime import date

    from reformctl.corpus import load_corpus
    from reformctl.select import resolve_department
    from reformctl.usecases.notify import plan_notices

    corpus_dir = _corpus(tmp_path)
    recipients = tmp_path / "recipients.yaml"
    recipients.write_text("市工信局: gxj@baotou.example.gov.cn\n"
                          "市人社局: rsj@taian.example.gov.cn\n"
                          "省财政厅: czt@gd.example.gov.cn\n", encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    registry = default_registry()
    # 包头's printed 市工信局 is a department of its own; 泰安's 市人社局 is its registry name.
    assert resolve_department("市工信局", corpus, registry) == {"市工信局"}
    assert resolve_department("市人社局", corpus, registry) == {"市人力资源社会保障局"}
    plan = plan_notices(corpus, date(2022, 7, 10), recipients=recipients)
    to = {n.department: n.to for n in plan.notices}
    assert to["市工信局"] == ("gxj@baotou.example.gov.cn",)
    assert to["市人力资源社会保障局"] == ("rsj@taian.example.gov.cn",)
    assert to["省财政厅"] == ("czt@gd.example.gov.cn",)
    assert plan.unaddressed == ["省发展改革委"]
