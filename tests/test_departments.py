"""The department registry: folding spellings, suggestions, loading and extending it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from reformctl.errors import InputError, ReformctlError
from reformctl.parse.owners import find_owner_notes, split_departments
from reformctl.registry import (
    DEFAULT_FILE,
    Department,
    Registry,
    clean_name,
    default_registry,
    load_registry,
    looks_like_department,
    registry_for_folder,
)
from reformctl.schema import schema_issues

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "000_675e6135523c2031.txt"
CORPUS_REGISTRY = REPO / "corpus" / "departments.yaml"

# Seed plan header: "(分管市领导:宋洪银;总牵头协调部门:市行政审批服务局)".
COORDINATORS = re.compile(r"总牵头协调部门[:：](?P<names>[^)）]+)[)）]")


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("市人社局", "市人力资源社会保障局"),
        ("市发改委", "市发展改革委"),
        ("人民银行泰安市中心支行", "人行泰安市中心支行"),
        ("中国人民银行泰安市中心支行", "人行泰安市中心支行"),
        ("市审批服务局", "市行政审批服务局"),
        ("行政审批服务局", "市行政审批服务局"),
        ("市工信局", "市工业和信息化局"),
        ("市住建局", "市住房城乡建设局"),
        ("市卫健委", "市卫生健康委"),
        ("功能区管委会", "功能区管委"),
        ("各县（市、区）政府", "各县市区政府"),
        ("各县(市、区)政府", "各县市区政府"),
        ("市公共资 源交易中心", "市公共资源交易中心"),
        ("省文化旅游厅", "省文化和旅游厅"),
        ("省机场集团", "省民航机场集团"),
        # Canonical names map to themselves.
        ("市行政审批服务局", "市行政审批服务局"),
        ("泰安海关", "泰安海关"),
    ],
)
def test_canonical(spelling: str, canonical: str):
    registry = default_registry()
    assert registry.canonical(spelling) == canonical
    assert registry.is_known(spelling)


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [("某某局", "某某局"), (" 某某 中心 ", "某某中心"), ("某某局、", "某某局")],
)
def test_unknown_names_come_back_cleaned(name: str, cleaned: str):
    registry = default_registry()
    assert not registry.is_known(name)
    assert registry.canonical(name) == cleaned


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("市行政审批服务中心", "市行政审批服务局"),
        ("市人力资源保障局", "市人力资源社会保障局"),
        ("市公安交警大队", "市公安交警支队"),
        ("市人社局", "市人力资源社会保障局"),  # known: its canonical name
    ],
)
def test_closest(name: str, suggestion: str):
    assert default_registry().closest(name) == suggestion


def test_closest_has_no_suggestion_for_nonsense():
    assert default_registry().closest("ABCDEFG") is None


def test_names_are_canonical_and_unique():
    names = default_registry().names()
    assert len(names) == len(set(names))
    assert "市行政审批服务局" in names
    assert "市审批服务局" not in names  # an alias, not a name


def test_aliases():
    assert "市人社局" in default_registry().aliases("市人力资源社会保障局")
    assert "市人社局" in default_registry().aliases("市人社局")


def test_default_registry_is_cached_and_immutable():
    registry = default_registry()
    assert default_registry() is registry
    with pytest.raises(dataclasses.FrozenInstanceError):
        registry.departments = ()  # type: ignore[misc]


def test_an_alias_cannot_take_over_a_canonical_name():
    registry = Registry((Department("甲局"), Department("乙局", ("甲局", "乙"))))
    assert registry.canonical("甲局") == "甲局"
    assert registry.canonical("乙") == "乙局"


def test_prefix_stems():
    registry = default_registry()
    assert registry.is_stem("财政厅")
    assert registry.is_stem("市场监管局")  # from 省市场监管局 / 市市场监管局
    assert not registry.is_stem("合肥海关")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("市公安局", True),
        ("市打私办", True),
        ("市贸促会", True),
        ("市残联", True),
        ("国网泰安供电公司", True),
        ("人行泰安市中心支行", True),
        ("合肥海关", True),
        ("功能区管委", True),
        ("各县市区政府", True),
        ("水电气热信专营单位", True),
        ("横琴粤澳深度合作区执委会", True),
        ("省有关单位", True),
        ("以下简称工程审批系统", False),
        ("由属地政府", False),
        ("含市政专营单位", False),
        ("RCEP", False),
        ("局", False),
    ],
)
def test_looks_like_department(name: str, expected: bool):
    assert looks_like_department(name) is expected


def test_clean_name_folds_width_and_spaces():
    assert clean_name("各县（市、区） 政府") == "各县(市、区)政府"


# ---------------------------------------------------------------------------------------
# The seed: every department in owner notes and plan headers is registered.


def test_every_seed_department_is_registered():
    text = SEED.read_text(encoding="utf-8")
    registry = default_registry()
    names = {n for g in find_owner_notes(text) for n in g.lead + g.responsible}
    for m in COORDINATORS.finditer(text):
        names.update(split_departments(m.group("names")))
    assert len(names) == 57
    unknown = sorted(n for n in names if not registry.is_known(n))
    assert not unknown
    # Canonical spelling is the seed's own.
    assert {registry.canonical(n) for n in names} == names


# ---------------------------------------------------------------------------------------
# Loading and extending.


def test_the_default_is_one_file_of_package_data():
    """One copy of the default registry: reformctl/data/departments.yaml, inside the package
    (so every install has it), valid against the schema; the corpus's file only adds to it."""
    import reformctl

    assert DEFAULT_FILE.parent.parent == Path(reformctl.__file__).parent
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert schema_issues(data, "departments", text) == []
    assert len(default_registry().names()) == len(data["departments"]) > 100
    assert default_registry().canonical("市人社局") == "市人力资源社会保障局"


def test_the_corpus_file_repeats_nothing_of_the_default():
    text = CORPUS_REGISTRY.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert schema_issues(data, "departments", text) == []
    default = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))["departments"]
    for entry in data["departments"] or []:
        assert entry not in default, f"{entry} is already in {DEFAULT_FILE.name}"


def test_a_folder_without_a_file_uses_the_default(tmp_path: Path):
    assert registry_for_folder(tmp_path) is default_registry()
    assert registry_for_folder(None) is default_registry()


def test_load_corpus_file():
    registry = load_registry(CORPUS_REGISTRY)
    assert registry.names()[: len(default_registry().names())] == default_registry().names()
    assert load_registry(CORPUS_REGISTRY.parent).names() == registry.names()


def test_user_file_extends_the_default(tmp_path: Path):
    path = tmp_path / "departments.yaml"
    path.write_text(
        "departments:\n"
        "  - {name: 市大数据局, aliases: [市大数据中心]}\n"
        "  - {name: 市行政审批服务局, aliases: [市审批办]}\n"
        "  - 市统计局\n",
        encoding="utf-8",
    )
    registry = load_registry(path)
    assert registry.canonical("市大数据中心") == "市大数据局"
    assert registry.canonical("市审批办") == "市行政审批服务局"
    assert registry.canonical("市审批服务局") == "市行政审批服务局"  # default alias kept
    assert registry.is_known("市统计局")
    assert registry.names().count("市行政审批服务局") == 1
    groups = find_owner_notes("(牵头部门:市审批办;责任部门:市大数据中心)", registry)
    assert (groups[0].lead, groups[0].responsible) == (("市审批办",), ("市大数据中心",))
    assert dict(groups[0].canonical) == {"市审批办": "市行政审批服务局", "市大数据中心": "市大数据局"}


def test_empty_user_file(tmp_path: Path):
    path = tmp_path / "departments.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load_registry(path).names() == default_registry().names()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("departments: [\n  {name: 市甲局\n", "invalid YAML"),
        # The schema gate (departments.schema.json) speaks first, with the path inside.
        ("- 市甲局\n", "at /: ['市甲局'] is not a mapping"),
        ("departments:\n  - {aliases: [甲]}\n", "at /departments/0: 'name' is required"),
        ("departments:\n  - {name: 市甲局, aliases: {a: b}}\n",
         "at /departments/0/aliases: {'a': 'b'} is not"),
        ("departments:\n  - {name: ' '}\n", "empty department name"),
    ],
)
def test_bad_user_file(tmp_path: Path, content: str, message: str):
    path = tmp_path / "departments.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReformctlError) as info:
        load_registry(path)
    assert message in str(info.value)
    assert info.value.path == str(path)


def test_yaml_error_carries_the_line(tmp_path: Path):
    path = tmp_path / "departments.yaml"
    path.write_text("departments:\n  - name: 市甲局\n  - name: [\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_registry(path)
    assert info.value.line is not None and info.value.line >= 3


def test_missing_user_file(tmp_path: Path):
    with pytest.raises(InputError) as info:
        load_registry(tmp_path / "nope.yaml")
    assert "cannot read" in str(info.value)
