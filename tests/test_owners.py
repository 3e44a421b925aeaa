"""Owner notes, table-driven over real phrases from the seed and from plans of other places."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reformctl.model import OwnerGroup
from reformctl.parse.owners import (
    find_owner_note_spans,
    find_owner_notes,
    looks_like_owner_note,
    parse_owner_note,
    split_departments,
)
from reformctl.registry import Department, Registry, default_registry

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "000_675e6135523c2031.txt"
REALDOCS = REPO.parent / "shared" / "realdocs"


# One level of brackets, to list a text's parentheticals the way a reader sees them.
BRACKETED = re.compile(r"[（(]([^（()）]*)[）)]")


def _brackets(text: str) -> list[str]:
    return [m.group(1) for m in BRACKETED.finditer(text)]


def _note(inner: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Lead, responsible (the names as the note means them: a carried prefix, a shared suffix
    and the registry's fold applied, i.e. each printed name's ``canonical``) and etc. Names as
    printed are tested in tests/test_names.py."""
    group = parse_owner_note(inner)
    assert group is not None, inner
    return _meant(group, group.lead), _meant(group, group.responsible), group.etc


def _meant(group: OwnerGroup, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(group.canonical_name(n) for n in names))


# ---------------------------------------------------------------------------------------
# The seed's layout: labelled lists.

SEED_NOTES = [
    (
        "(牵头部门:市行政审批服务局;责任部门:市工业和信息化局、市公安局、市人力资源社会保障局、"
        "市市场监管局、市医保局、市公积金中心、市税务局、人行泰安市中心支行)",
        ("市行政审批服务局",),
        (
            "市工业和信息化局",
            "市公安局",
            "市人力资源社会保障局",
            "市市场监管局",
            "市医保局",
            "市公积金中心",
            "市税务局",
            "人行泰安市中心支行",
        ),
        False,
    ),
    (
        "(责任部门:市公安局、市行政审批服务局、市市场监管局)",
        (),
        ("市公安局", "市行政审批服务局", "市市场监管局"),
        False,
    ),
    ("(责任单位:各县市区政府、功能区管委)", (), ("各县市区政府", "功能区管委"), False),
    (
        "(牵头部门:市行政审批服务局、市住房城乡建设局、市公共资源交易中心)",
        ("市行政审批服务局", "市住房城乡建设局", "市公共资源交易中心"),
        (),
        False,
    ),
    (
        "(责任部门:市住房城乡建设局、市行政审批服务局、市教育局、市民政局、市卫生健康委、"
        "市房产管理服务中心,各县市区政府、功能区管委)",
        (),
        (
            "市住房城乡建设局",
            "市行政审批服务局",
            "市教育局",
            "市民政局",
            "市卫生健康委",
            "市房产管理服务中心",
            "各县市区政府",
            "功能区管委",
        ),
        False,
    ),
    (
        "(牵头部门:市发展改革委;责任部门:市住房城乡建设局、市交通运输局、市水利局、市农业农村局、"
        "市商务局、市文化和旅游局、市能源局等)",
        ("市发展改革委",),
        (
            "市住房城乡建设局",
            "市交通运输局",
            "市水利局",
            "市农业农村局",
            "市商务局",
            "市文化和旅游局",
            "市能源局",
        ),
        True,
    ),
    (
        "(牵头部门:市发展改革委、市公共资源交易中心;责任部门:市住房城乡建设局等)",
        ("市发展改革委", "市公共资源交易中心"),
        ("市住房城乡建设局",),
        True,
    ),
    (
        "(牵头部门:市市场监管局;责任部门:市知识产权工作领导小组成员单位)",
        ("市市场监管局",),
        ("市知识产权工作领导小组成员单位",),
        False,
    ),
    (
        "(牵头部门:市能源局、国网泰安供电公司;责任部门:市公安局、市自然资源和规划局,各县市区政府、功能区管委)",
        ("市能源局", "国网泰安供电公司"),
        ("市公安局", "市自然资源和规划局", "各县市区政府", "功能区管委"),
        False,
    ),
    # Full-width punctuation, as in the seed's later pages.
    (
        "（牵头部门：市税务局；责任部门：市人力资源社会保障局、市医保局）",
        ("市税务局",),
        ("市人力资源社会保障局", "市医保局"),
        False,
    ),
    (
        "(牵头部门:国网泰安供电公司;责任部门:市智慧城市服务中心)",
        ("国网泰安供电公司",),
        ("市智慧城市服务中心",),
        False,
    ),
    ("(责任部门:国网泰安供电公司)", (), ("国网泰安供电公司",), False),
    ("(配合单位:市财政局)", (), ("市财政局",), False),
    ("(协同部门:市财政局、市税务局)", (), ("市财政局", "市税务局"), False),
    ("(参与单位:市教育局)", (), ("市教育局",), False),
]


@pytest.mark.parametrize(("raw", "lead", "responsible", "etc"), SEED_NOTES)
def test_seed_layout(raw: str, lead: tuple[str, ...], responsible: tuple[str, ...], etc: bool):
    groups = find_owner_notes(raw)
    assert len(groups) == 1
    group = groups[0]
    assert (group.lead, group.responsible, group.etc) == (lead, responsible, etc)
    assert group.raw == raw
    assert group.line is None


# ---------------------------------------------------------------------------------------
# Parentheticals that are not owner notes, even when they sound like departments.

NOT_NOTES = [
    "县(市、区)",
    "(以下简称工程审批系统)",
    "(含名称自主申报)",
    "(无相关利害关系人)",
    "(工程项目为3% - 5%)",
    "(含500万美元)",
    "(RCEP)",
    "（RCEP）",
    "(试行)",
    "(泰安)",
    "(1)",
    "(2)",
    "(3)",
    "(4)",
    "(5)",
    "（5）",
    "(可实行告知承诺的一并注明)",
    "(功能区管委会)",
    "(单位)",
    "(管廊、管沟)",
    "(不含城市古树名木)",
    "(含市政专营单位)",
    "(小微企业应同时具备以下条件:拥有营业执照,且注册地址与用电地址一致的新装用户,不含集团用户;"
    "执行一般工商业电价;供电企业直供;同一用电地址累计接入容量160千瓦及以下)",
    "(分管市领导:宋洪银;总牵头协调部门:市行政审批服务局)",
    "（0.5分）",
    "（包括牵头单位自身）",
    "（部门协同监管平台——内蒙古）",
    "《区域全面经济伙伴关系协定》（RCEP）",
]


@pytest.mark.parametrize("text", NOT_NOTES)
def test_not_owner_notes(text: str):
    assert find_owner_notes(text) == []
    assert find_owner_note_spans(text) == []


@pytest.mark.parametrize("text", NOT_NOTES)
def test_not_owner_notes_do_not_warn(text: str):
    for inner in _brackets(text):
        assert not looks_like_owner_note(inner)


# ---------------------------------------------------------------------------------------
# Other places: 山东 (labels), 安徽 (role after names), 广东 (dropped 省), 包头 (deadline + owner).

OTHER_NOTES = [
    # 山东 2024
    (
        "牵头单位：省科技厅；配合单位：省发展改革委、省工业和信息化厅",
        ("省科技厅",),
        ("省发展改革委", "省工业和信息化厅"),
    ),
    (
        "牵头单位:省科技厅;配合单位:省工业和信息化厅、省财政厅",
        ("省科技厅",),
        ("省工业和信息化厅", "省财政厅"),
    ),
    ("牵头单位：省工业和信息化厅；责任单位：省商务厅", ("省工业和信息化厅",), ("省商务厅",)),
    ("牵头单位:市科技局,责任单位:市财政局", ("市科技局",), ("市财政局",)),
    # 安徽 2022
    ("合肥海关负责", ("合肥海关",), ()),
    ("省商务厅牵头，合肥海关配合", ("省商务厅",), ("合肥海关",)),
    ("省商务厅牵头,合肥海关配合", ("省商务厅",), ("合肥海关",)),
    ("合肥海关牵头，省贸促会、省商务厅按职责分工配合", ("合肥海关",), ("省贸促会", "省商务厅")),
    ("省有关单位按职责分工配合", (), ("省有关单位",)),
    # 负责 after a 牵头 in the same note is a responsible role.
    (
        "合肥海关牵头，省港航集团、省机场集团按职责分工负责",
        ("合肥海关",),
        ("省港航集团", "省民航机场集团"),
    ),
    (
        "省十大新兴产业推进组工作专班牵头单位牵头，省十大新兴产业推进组工作专班成员单位按职责分工配合",
        ("省十大新兴产业推进组工作专班牵头单位",),
        ("省十大新兴产业推进组工作专班成员单位",),
    ),
    ("人行合肥中心支行负责", ("人行合肥中心支行",), ()),
    # Two units that lead together.
    ("市商务局、市住房城乡建设局共同牵头", ("市商务局", "市住房城乡建设局"), ()),
    ("市商务局、市住建局联合牵头，各区政府配合", ("市商务局", "市住房城乡建设局"), ("各区政府",)),
    # 广东 2026: the 省 prefix dropped after the first name comes back.
    (
        "省发展改革委牵头负责，省工业和信息化厅、财政厅、政务和数据局，各地级以上市人民政府配合",
        ("省发展改革委",),
        ("省工业和信息化厅", "省财政厅", "省政务和数据局", "各地级以上市人民政府"),
    ),
    (
        "省政务和数据局牵头负责，省发展改革委、工业和信息化厅、财政厅、交通运输厅、文化和旅游厅、"
        "卫生健康委、市场监管局，各地级以上市人民政府配合",
        ("省政务和数据局",),
        (
            "省发展改革委",
            "省工业和信息化厅",
            "省财政厅",
            "省交通运输厅",
            "省文化和旅游厅",
            "省卫生健康委",
            "省市场监管局",
            "各地级以上市人民政府",
        ),
    ),
    (
        "省发展改革委、科技厅、工业和信息化厅、财政厅牵头负责，各地级以上市人民政府配合",
        ("省发展改革委", "省科技厅", "省工业和信息化厅", "省财政厅"),
        ("各地级以上市人民政府",),
    ),
    (
        "省发展改革委，各地级以上市人民政府按职责分工负责",
        ("省发展改革委", "各地级以上市人民政府"),
        (),
    ),
    (
        "广州、深圳市政府，横琴粤澳深度合作区执委会按职责分工负责",
        ("广州市政府", "深圳市政府", "横琴粤澳深度合作区执委会"),
        (),
    ),
    (
        "广东金融监管局、深圳金融监管局牵头负责，省委金融办，省科技厅、人力资源社会保障厅，"
        "中国人民银行广东省分行配合",
        ("广东金融监管局", "深圳金融监管局"),
        ("省委金融办", "省科技厅", "省人力资源社会保障厅", "中国人民银行广东省分行"),
    ),
    (
        "省发展改革委牵头负责，省科技厅、工业和信息化厅、财政厅，广东金融监管局，广东证监局，"
        "深圳金融监管局，深圳证监局，各地级以上市人民政府配合",
        ("省发展改革委",),
        (
            "省科技厅",
            "省工业和信息化厅",
            "省财政厅",
            "广东金融监管局",
            "广东证监局",
            "深圳金融监管局",
            "深圳证监局",
            "各地级以上市人民政府",
        ),
    ),
    (
        "省发展改革委牵头负责，省工业和信息化厅、卫生健康委，广州、深圳、东莞市政府配合",
        ("省发展改革委",),
        ("省工业和信息化厅", "省卫生健康委", "广州市政府", "深圳市政府", "东莞市政府"),
    ),
    ("省市场监管局牵头负责", ("省市场监管局",), ()),
    ("省商务厅、合肥海关分工负责，省贸促会配合", ("省商务厅", "合肥海关"), ("省贸促会",)),
    # 包头 2022: deadline and owners in one note; the deadline part is left to deadlines.py.
    ("6月底完成，牵头考核单位：市政府办公室、市公安局", ("市政府办公室", "市公安局"), ()),
    ("5月底取得明显成效并持续推进，牵头考核单位：市审批服务局", ("市行政审批服务局",), ()),
    ("持续优化，牵头考核单位：市住建局、审批服务局", ("市住房城乡建设局", "市行政审批服务局"), ()),
    (
        "持续推进，牵头考核单位：市财政局、市发改委、市政府金融办",
        ("市财政局", "市发展改革委", "市政府金融办"),
        (),
    ),
    ("2022年底前完成，省商务厅牵头", ("省商务厅",), ()),
    # A time remark after a labelled list, and a role word repeated after it.
    ("牵头单位：省科技厅，2024年底前完成", ("省科技厅",), ()),
    ("责任单位：各县市区政府按职责分工负责", (), ("各县市区政府",)),
]


@pytest.mark.parametrize(("inner", "lead", "responsible"), OTHER_NOTES)
def test_other_layouts(inner: str, lead: tuple[str, ...], responsible: tuple[str, ...]):
    got_lead, got_responsible, etc = _note(inner)
    assert (got_lead, got_responsible) == (lead, responsible)
    assert etc is False


# ---------------------------------------------------------------------------------------
# Splitting names.

SPLITS = [
    ("牵头部门:市文化和旅游局", ("市文化和旅游局",)),
    ("牵头部门:市自然资源和规划局", ("市自然资源和规划局",)),
    ("牵头部门:市工业和信息化局", ("市工业和信息化局",)),
    ("牵头单位:省政务和数据局", ("省政务和数据局",)),
    ("牵头部门:市公安局和市司法局", ("市公安局", "市司法局")),
    ("牵头部门:市工业和信息化局和市财政局", ("市工业和信息化局", "市财政局")),
    ("牵头部门:市自然资源和规划局及市住房城乡建设局", ("市自然资源和规划局", "市住房城乡建设局")),
    ("牵头部门:市文化和旅游局、市工业和信息化局", ("市文化和旅游局", "市工业和信息化局")),
    # Page-break splits already joined, but whitespace left inside the note.
    (
        "牵头部门:市人力资源社会保障局、市行政\n\n审批服务局",
        ("市人力资源社会保障局", "市行政审批服务局"),
    ),
    ("牵\n\n头部门：市商务局", ("市商务局",)),
    ("牵头部门: 市公共资 源交易中心", ("市公共资源交易中心",)),
    # A list item that carries its own brackets is not split inside them.
    ("牵头部门:各县(市、区)政府、市公安局", ("各县市区政府", "市公安局")),
    # Aliases fold to the seed's spelling.
    (
        "牵头部门:市人社局、市发改委、人民银行泰安市中心支行",
        ("市人力资源社会保障局", "市发展改革委", "人行泰安市中心支行"),
    ),
    # A name that stands alone never takes the prefix of the name before it.
    ("牵头部门:省商务厅、合肥海关", ("省商务厅", "合肥海关")),
]


@pytest.mark.parametrize(("inner", "lead"), SPLITS)
def test_splitting_and_folding(inner: str, lead: tuple[str, ...]):
    assert _note(inner)[0] == lead


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("市行政审批服务局", ["市行政审批服务局"]),
        ("市能源局、国网泰安供电公司", ["市能源局", "国网泰安供电公司"]),
        ("市住建局、审批服务局等", ["市住房城乡建设局", "市行政审批服务局"]),
    ],
)
def test_split_departments(names: str, expected: list[str]):
    from reformctl.parse.owners import split_departments_canonical

    printed, canonical = split_departments_canonical(names)
    assert split_departments(names) == printed
    assert [canonical.get(n, n) for n in printed] == expected


# ---------------------------------------------------------------------------------------
# Several notes in one measure: spans, covers, order.

# Seed 配套措施—工程建设项目审批制度改革, measure 14: two sentences, two notes.
MEASURE_14 = (
    "建立建设用地区域评估制度。7月底前,各县(市、区)政府、功能区管委要统一组织对拟提供建设用地的"
    "压覆重要矿产资源进行评价。(责任单位:各县市区政府、功能区管委)7月底前,加快推进全市“一张蓝图”"
    "系统建设。(牵头部门:市自然资源和规划局;责任部门:市行政审批服务局,各县市区政府、功能区管委)"
)


def test_two_notes_in_one_measure():
    groups = find_owner_notes(MEASURE_14)
    spans = find_owner_note_spans(MEASURE_14)
    assert len(groups) == len(spans) == 2
    first, second = groups
    assert first.lead == () and first.responsible == ("各县市区政府", "功能区管委")
    assert second.lead == ("市自然资源和规划局",)
    assert second.responsible == ("市行政审批服务局", "各县市区政府", "功能区管委")
    # Raw is the note itself, brackets included, and the spans point at it.
    for group, (start, end) in zip(groups, spans, strict=True):
        assert MEASURE_14[start:end] == group.raw
    # Each note covers the text since the previous note (or the start).
    assert first.covers == (0, spans[0][0])
    assert second.covers == (spans[0][1], spans[1][0])
    assert MEASURE_14[slice(*second.covers)].startswith("7月底前,加快推进")
    # "县(市、区)" is not a note: the first span is the 责任单位 note.
    assert MEASURE_14[spans[0][0] : spans[0][0] + 6] == "(责任单位:"


def test_anhui_notes_after_single_sentences():
    text = (
        "1.扩大优势产品出口。建立RCEP国别商品税率对比清单。（合肥海关负责）巩固纺织等传统产品出口优势。"
        "（省商务厅牵头，合肥海关配合）支持农业企业在RCEP国家注册境外商标。（省商务厅牵头，省农业农村厅配合）"
    )
    groups = find_owner_notes(text)
    assert [(g.lead, g.responsible) for g in groups] == [
        (("合肥海关",), ()),
        (("省商务厅",), ("合肥海关",)),
        (("省商务厅",), ("省农业农村厅",)),
    ]
    covers = groups[1].covers
    assert covers is not None and text[slice(*covers)] == "巩固纺织等传统产品出口优势。"


def test_sub_item_numbers_are_not_notes():
    text = "(1)8月底前,完成预警体系建设。(牵头部门:市生态环境局)"
    groups = find_owner_notes(text)
    assert [g.lead for g in groups] == [("市生态环境局",)]
    assert groups[0].covers == (0, text.index("(牵头"))


def test_stray_closing_bracket_from_a_repeated_fragment():
    # Seed 跨境贸易 11: a page break repeats "委、市交通运输局)" after the note.
    text = "加强口岸收费监管。(牵头部门:市市场监管局;责任部门:市发展改革委)\n\n委、市交通运输局)"
    groups = find_owner_notes(text)
    assert [(g.lead, g.responsible) for g in groups] == [(("市市场监管局",), ("市发展改革委",))]


def test_unclosed_bracket_does_not_swallow_a_note():
    text = "各县(市、区对拟提供建设用地进行评价。(牵头部门:市自然资源和规划局)"
    assert [g.lead for g in find_owner_notes(text)] == [("市自然资源和规划局",)]


def test_score_note_and_owner_note_side_by_side():
    text = (
        "加快梳理政务服务数据三张清单。（0.5分）"
        "（5月底取得阶段性成效并持续推进，牵头考核单位：市审批服务局）"
    )
    groups = find_owner_notes(text)
    assert len(groups) == 1
    assert groups[0].raw.startswith("（5月底")
    assert groups[0].lead == ("市审批服务局",)  # as printed
    assert _meant(groups[0], groups[0].lead) == ("市行政审批服务局",)


def test_injected_registry():
    registry = Registry((Department("甲局", ("甲市某局",)),))
    groups = find_owner_notes("(牵头部门:甲市某局、乙局)", registry)
    assert groups[0].lead == ("甲市某局", "乙局")
    assert groups[0].canonical == (("甲市某局", "甲局"),)


# ---------------------------------------------------------------------------------------
# Parentheticals the caller should warn about.


@pytest.mark.parametrize(
    "inner",
    [
        "牵头部门:",  # a label without names
        "牵头部门市发改委",  # a typo: no colon
        "由属地政府统一组织负责",  # a role word, but no department list
        "各有关方面配合",
    ],
)
def test_looks_like_owner_note_but_does_not_parse(inner: str):
    assert parse_owner_note(inner) is None
    assert looks_like_owner_note(inner)


@pytest.mark.parametrize("inner", [raw[1:-1] for raw, *_ in SEED_NOTES])
def test_parsed_notes_also_look_like_notes(inner: str):
    assert looks_like_owner_note(inner)


# ---------------------------------------------------------------------------------------
# Whole documents: every owner note parses and every name is a registered department.

SEED_NOTE_LABEL = re.compile(r"牵头部门|责任部门|责任单位")


def test_every_seed_note_parses():
    text = SEED.read_text(encoding="utf-8")
    inners = [i for i in _brackets(text) if SEED_NOTE_LABEL.search(re.sub(r"\s", "", i))]
    inners = [i for i in inners if "总牵头" not in i]
    assert len(inners) == 192
    registry = default_registry()
    names: set[str] = set()
    for inner in inners:
        group = parse_owner_note(inner)
        assert group is not None, inner
        names.update(group.lead + group.responsible)
    unknown = sorted(n for n in names if not registry.is_known(n))
    assert not unknown
    assert not [n for n in names if re.search(r"[、,，;；:：\s]", n)]
    assert len(find_owner_notes(text)) == 192


def test_no_seed_parenthetical_is_a_false_note():
    text = SEED.read_text(encoding="utf-8")
    for inner in _brackets(text):
        if parse_owner_note(inner) is not None:
            assert SEED_NOTE_LABEL.search(re.sub(r"\s", "", inner)), inner


REALDOC_NOTES = {
    "anhui_2022_rcep_shishi.txt": 31,
    "baotou_2022_shuzizhengfu_kaoping.txt": 90,
    "guangdong_2026_aiopc_xingdongfangan.txt": 18,
    "shandong_2024_xinyidai_xinxijishu_xingdongjihua.txt": 25,
}


@pytest.mark.parametrize(("name", "count"), sorted(REALDOC_NOTES.items()))
def test_realdoc_notes(name: str, count: int):
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    text = path.read_text(encoding="utf-8")
    registry = default_registry()
    parsed = 0
    for inner in _brackets(text):
        group = parse_owner_note(inner)
        if group is None:
            # Anything with a role word closing a clause or a label must have parsed.
            assert not looks_like_owner_note(inner), inner
            continue
        parsed += 1
        unknown = [n for n in _meant(group, group.lead + group.responsible)
                   if not registry.is_known(n)]
        assert not unknown, (inner, unknown)
    assert parsed == count
    assert len(find_owner_notes(text)) == count


def test_long_pathological_input_stays_fast():
    # Many conjunctions without a role word, and thousands of unclosed brackets: linear work.
    started = time.perf_counter()
    assert parse_owner_note("市公安局和" * 20000 + "、" * 20000) is None
    assert len(find_owner_notes("(" * 50000 + "牵头部门:市公安局" + ")" * 3)) == 1
    assert len(find_owner_notes("(牵头部门:市公安局)。" * 5000)) == 5000
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("note", "lead", "responsible"),
    [
        ("（责任单位：市商务局（牵头）、市财政局、市税务局）", ("市商务局",), ("市财政局", "市税务局")),
        ("（市商务局（牵头）、市财政局负责）", ("市商务局",), ("市财政局",)),
        ("（由市科技局牵头，市财政局配合）", ("市科技局",), ("市财政局",)),
        ("（市级责任单位：市应急局；县级责任单位：各县区政府）", (), ("市应急局", "各县区政府")),
        ("（责任单位：市市场监管局、市商务局，列第一位的为牵头单位，下同）", ("市市场监管局",), ("市商务局",)),
    ],
)  # fmt: skip
def test_lead_marks_inside_lists_and_other_variants(note: str, lead: tuple, responsible: tuple) -> None:
    (group,) = find_owner_notes(note)
    assert (group.lead, group.responsible) == (lead, responsible)


# Labels with a bracketed alternative, leaders beside the owners, 落实, place lists and
# district bodies spelt the city way (浙江, 成都, 合肥, 长沙, 西安 plans of 2021–2024).
MORE_NOTES = [
    ("牵头部门（单位）：省发展改革委；责任单位（部门）：省经信厅、省大数据局",
     ("省发展改革委",), ("省经济和信息化厅", "省大数据局")),
    ("市经信局牵头，市财政局配合；分管市领导：王五", ("市经信局",), ("市财政局",)),
    ("牵头领导：张三（副市长）；牵头单位：市发改委；责任单位：市财政局",
     ("市发展改革委",), ("市财政局",)),
    ("责任单位：市公安局；责任领导：李四", (), ("市公安局",)),
    ("市委组织部、市工信局分工负责，各县（市、区）人民政府、开发区管委会落实",
     ("市委组织部", "市工业和信息化局"), ("各县市区政府", "开发区管委会")),
    ("各设区市人民政府负责落实", ("各设区市人民政府",), ()),
    ("市人社局牵头，市直各有关部门、各区县（市）配合",
     ("市人力资源社会保障局",), ("市直各有关部门", "各区县(市)")),
    ("牵头单位：区市场监管局；配合单位：区发改委、区人社局",
     ("区市场监管局",), ("区发展改革委", "区人力资源社会保障局")),
    ("区住建局负责，区市监局配合", ("区住房城乡建设局",), ("区市场监管局",)),
    ("区委网络安全和信息化委员会办公室牵头，区行政审批局配合", ("区委网信办",), ("区行政审批局",)),
    # Provincial notes: every city and county government is one collective owner.
    ("省发展改革委牵头，各市、县（市、区）人民政府负责",
     ("省发展改革委",), ("各市、县(市、区)人民政府",)),
    ("责任单位：各市、县（市、区）人民政府", (), ("各市、县(市、区)人民政府",)),
    # A role word that governs where: 负责本辖区落实.
    ("市住建局牵头；各区县政府（管委会）负责本辖区落实",
     ("市住房城乡建设局",), ("各区县政府(管委会)",)),
    ("市交通局牵头，市公安局配合", ("市交通运输局",), ("市公安局",)),
    ("市委组织部牵头，各区县党委、政府负责", ("市委组织部",), ("各区县党委、政府",)),
    # A year beside the owners is a time remark; 指导/督导 name a guiding unit, none of the
    # owners (tests/test_supervising_units.py).
    ("市商务局牵头，青岛海关配合；2023年全年", ("市商务局",), ("青岛海关",)),
    ("市商务局牵头；2023年", ("市商务局",), ()),
    ("责任单位：各街道办事处、各社区，区住房和城市更新局指导",
     (), ("各街道办事处", "各社区")),
    ("市人力社保局牵头", ("市人力资源社会保障局",), ()),
    ("责任单位：各县、市、区人民政府", (), ("各县、市、区人民政府",)),
    # 上海's short labels.
    ("牵头：市商务委；配合：各区政府、市财政局", ("市商务委",), ("各区政府", "市财政局")),
    ("牵头：市公安局；协同：各区政府", ("市公安局",), ("各区政府",)),
    ("市住建局、市自然资源局按职责分工负责；各区县政府（管委会）负责本辖区落实",
     ("市住房城乡建设局", "市自然资源局"), ("各区县政府(管委会)",)),
    # A quarter beside the owners is a time remark, as a month is.
    ("市税务局负责；三季度末", ("市税务局",), ()),
]


def test_a_list_of_departments_closing_a_sentence_is_their_note() -> None:
    text = "推进甲，实现全覆盖。（市发改委、市市场监管局，各区县政府（管委会））"
    (group,) = find_owner_notes(text)
    assert group.lead == ()
    assert group.responsible == ("市发改委", "市市场监管局", "各区县政府(管委会)")
    assert _meant(group, group.responsible) == ("市发展改革委", "市市场监管局", "各区县政府(管委会)")
    assert [(g.lead, _meant(g, g.responsible))
            for g in find_owner_notes("推进乙（市发改委、市财政局）。")] == [
        ((), ("市发展改革委", "市财政局"))]
    # An alias after a name, a remark, a list that is not only departments: no note.
    for text in ("由市大数据局（市政务服务数据管理局）统筹。", "推进甲（2024年版）。",
                 "实施“一网通办”（试点）。", "推进甲（含县级市）。",
                 "推进甲（市发改委、有关企业代表）。", "依托（市民中心、市发改委）开展服务。"):
        assert find_owner_notes(text) == [], text


@pytest.mark.parametrize(("inner", "lead", "responsible"), MORE_NOTES)
def test_more_province_and_district_notes(inner: str, lead: tuple, responsible: tuple) -> None:
    got = _note(inner)
    assert (got[0], got[1]) == (lead, responsible)


# 山东 provincial plans: the first-listed rule inside a role-suffixed note, a role word
# inside a labelled list, places that already carry their level before a shared government,
# and a bare 单位 after a collective.
SHANDONG_NOTES = [
    ("（省工业和信息化厅、省通信管理局按职责分工负责，列第一位的为牵头单位，下同）",
     ("省工业和信息化厅",), ("省通信管理局",)),
    ("（省工业和信息化厅、省通信管理局按职责分工负责。列第一位的为牵头单位，下同）",
     ("省工业和信息化厅",), ("省通信管理局",)),
    ("（责任单位：省发展改革委、省财政厅，列第一位的为牵头单位）", ("省发展改革委",), ("省财政厅",)),
    ("（责任单位：省发展改革委、省财政厅。列第一位的为牵头单位）", ("省发展改革委",), ("省财政厅",)),
    # A 牵头 in the note outranks the rule; a lone 负责 unit leads as before.
    ("（省科技厅牵头，省财政厅、省教育厅负责，列第一位的为牵头单位）",
     ("省科技厅",), ("省财政厅", "省教育厅")),
    ("（省商务厅负责，下同）", ("省商务厅",), ()),
    ("（牵头单位：市市场监管局，市税务局、市人力资源社会保障局配合；9月底前）",
     ("市市场监管局",), ("市税务局", "市人力资源社会保障局")),
    ("（责任单位：市市场监管局牵头，市税务局、市人力资源社会保障局配合）",
     ("市市场监管局",), ("市税务局", "市人力资源社会保障局")),
    ("（牵头单位：省科技厅，省财政厅协同；配合单位：省教育厅）",
     ("省科技厅",), ("省财政厅", "省教育厅")),
    ("（责任单位：济南市、青岛市人民政府）", (), ("济南市人民政府", "青岛市人民政府")),
    ("（责任单位：青岛市、烟台市、威海市人民政府）",
     (), ("青岛市人民政府", "烟台市人民政府", "威海市人民政府")),
    ("（责任单位：济南、青岛市政府）", (), ("济南市政府", "青岛市政府")),
    ("（省发展改革委牵头，省直有关部门、单位配合）", ("省发展改革委",), ("省直有关部门、单位",)),
    ("（责任单位：省财政厅，省直有关部门、单位）", (), ("省财政厅", "省直有关部门、单位")),
    ("（责任单位：市直各部门、单位）", (), ("市直各部门、单位",)),
    ("（责任单位：省直有关部门和单位）", (), ("省直有关部门和单位",)),
]  # fmt: skip


@pytest.mark.parametrize(("note", "lead", "responsible"), SHANDONG_NOTES)
def test_first_listed_rule_role_words_in_lists_and_shared_suffixes(
    note: str, lead: tuple, responsible: tuple
) -> None:
    (group,) = find_owner_notes(note)
    assert (_meant(group, group.lead), _meant(group, group.responsible)) == (lead, responsible)
    assert group.etc is False


def test_a_bare_unit_after_a_collective_keeps_its_etc() -> None:
    (group,) = find_owner_notes("（责任单位：省直有关部门、单位等）")
    assert (group.responsible, group.etc) == (("省直有关部门、单位",), True)


def test_a_leader_alone_or_a_plan_header_is_no_owner_note() -> None:
    assert parse_owner_note("分管市领导：宋洪银") is None
    assert parse_owner_note("分管市领导：宋洪银；总牵头协调部门：市行政审批服务局") is None


# ---------------------------------------------------------------------------------------
# Fast paths give what the plain computations give, on every paragraph of the seed and the
# realdocs and on made-up edge cases.


def _paragraphs() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    if REALDOCS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(REALDOCS.glob("*.txt"))]
    return [para for text in texts for para in text.split("\n") if para.strip()]


def _outer_brackets_plain(text: str) -> list[tuple[int, int]]:
    """Outermost matched pairs by a walk over every character with a stack."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            pairs.append((stack.pop(), i + 1))
    pairs.sort()
    outer: list[tuple[int, int]] = []
    for start, end in pairs:
        if not outer or start >= outer[-1][1]:
            outer.append((start, end))
    return outer


BRACKET_EDGE_CASES = [
    "", "无括号", "(", ")", ")(", "((a)", "(a))", "a(b)c)d(e", "(a(b)c)", "(a)(b)(c", "(a)b(c(d)e)f(g)",
    "（a）（b", "（a（b）c）d（e）", "(（a)）", "（a)", "(牵头部门:市公安局)。" * 3, ")）(牵头单位:市商务局)",
]  # fmt: skip


def test_flat_bracket_walk_is_the_character_walk() -> None:
    """_outer_brackets jumps between brackets of one width with str.find (_flat_brackets)."""
    from reformctl.parse.owners.text import flat_brackets as _flat_brackets
    from reformctl.parse.owners.text import outer_brackets as _outer_brackets

    flat = 0
    for text in BRACKET_EDGE_CASES + _paragraphs():
        assert _outer_brackets(text) == _outer_brackets_plain(text), text
        for open_, close in ("()", "（）"):
            other = "（）" if open_ == "(" else "()"
            if not any(ch in text for ch in other):
                walked = _flat_brackets(text, open_, close)
                flat += walked is not None
                assert walked is None or walked == _outer_brackets_plain(text), text
    assert flat > (500 if REALDOCS.is_dir() else 300)  # the seed alone has ~340


def _all_notes() -> list[str]:
    """The content of every bracketed text of the seed and the realdocs (owner notes or not),
    every note of the tables above, and notes that reach the rare branches: a marked lead,
    a conjunction, a shared government suffix, 等, a dropped level, the first-listed rule, a
    role word repeated after a list, a time remark, a list remark."""
    from reformctl.parse.owners.text import outer_brackets as _outer_brackets

    notes = [raw[1:-1] for raw, *_ in SEED_NOTES] + [inner for inner, *_ in OTHER_NOTES]
    notes += [inner for inner, *_ in SPLITS + MORE_NOTES] + NOT_NOTES
    notes += [note[1:-1] for note, *_ in SHANDONG_NOTES]
    notes += [
        "责任单位：市商务局（牵头）、市财政局、市税务局",
        "市商务局（牵头）、市财政局负责",
        "牵头单位:省发展改革委;责任单位:工业和信息化厅、财政厅,广州、深圳、东莞市政府",
        "牵头部门:市公安局和市司法局及市财政局等;责任部门:市文化和旅游局、市能源局等有关部门",
        "责任单位：市市场监管局、市商务局，列第一位的为牵头单位，下同",
        "责任单位:各县市区政府按职责分工负责;牵头单位:市住建局、审批服务局",
        "6月底完成,牵头考核单位:市政府办公室、市公安局;持续推进",
        "牵头部门:、市公安局,,;市司法局、、等;责任部门:同上",
        "牵头部门(单位):市发展改革委;配合单位(部门):“三地一区”建设领导小组办公室、各县(市、区)政府",
        "牵头单位:区域发展中心、财政厅;责任单位:市场监管局、审批服务局,区发改委、人社局",
        "责任单位：市商务局、市财政局，排在首位的为牵头单位",
        "省商务厅牵头,合肥海关、财政厅配合,排在首位的为牵头单位",
        "责任单位:有关部门、。单位、市直各部门和单位等,济南市、历下区、青岛市人民政府",
    ]  # fmt: skip
    for para in _paragraphs():
        notes += [para[s + 1 : e - 1] for s, e in _outer_brackets(para)]
    return notes


def test_normalize_join_of_split_is_the_whitespace_regex() -> None:
    """_normalize drops whitespace with str.split(), which cuts where \\s matches."""
    import sys
    import unicodedata

    from reformctl.parse.owners.text import normalize as _normalize

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c)))
    assert spaces.split() == [] and len(spaces) > 20
    for text in [*_all_notes(), f"市公安局{spaces}市司法局", spaces, "a \u3000b\n\nc\u2028"]:
        assert _normalize(text) == re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _split_top_plain(s: str, separators: str) -> list[str]:
    depth_of = {"(": 1, "《": 1, "“": 1, ")": -1, "》": -1, "”": -1}
    parts: list[str] = []
    depth = last = 0
    for i, ch in enumerate(s):
        depth = max(0, depth + depth_of.get(ch, 0))
        if depth == 0 and ch in separators:
            parts.append(s[last:i])
            last = i + 1
    parts.append(s[last:])
    return [p for p in parts if p]


def test_split_top_plain_split_is_the_bracket_walk() -> None:
    """Without an opening bracket, _split_top is one str.split (other separators replaced)."""
    from reformctl.parse.owners.text import normalize as _normalize
    from reformctl.parse.owners.text import split_top as _split_top

    texts = [",a;;b,", ";", "", "市公安局)、市司法局》;市商务局”,x", "a、、b、", "各县(市、区)政府、市公安局"]
    for note in _all_notes():
        texts += [note, _normalize(note)]
    for text in texts:
        for separators in (",;", "、", ";,"):
            assert _split_top(text, separators) == _split_top_plain(text, separators), text


def _labelled_plain(s: str, matches: list[re.Match[str]]) -> list[tuple[str, list[str]]] | None:
    """owners._labelled as first written: every test on every run."""
    from reformctl.parse.owners import states_first_listed_leads
    from reformctl.parse.owners.roles import LIST_REMARKS
    from reformctl.parse.owners.text import split_top as _split_top
    from reformctl.parse.vocab.roles import (
        LEAD_LABELS,
        ROLE_SUFFIX,
        SUFFIX_LEAD,
        SUFFIX_OWNER,
        SUFFIX_SUPERVISING,
    )
    from reformctl.parse.vocab.time import TIME_REMARK
    from reformctl.registry import looks_like_department

    groups = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        label_role = "lead" if m.group("role") in LEAD_LABELS else "responsible"
        roled = []  # (role, run without its role word), the role a role word gives or the label's
        for run in _split_top(s[m.end() : end], ",;"):
            if states_first_listed_leads(run) or ":" in run:
                break  # a remark after the statement; a label of another kind
            if not (
                (looks_like_department(run) or not TIME_REMARK.search(run))
                and run not in LIST_REMARKS
            ):
                continue
            word = ROLE_SUFFIX.search(run)
            if word is None:
                roled.append((label_role, run))
                continue
            role = word.group("role")
            role = ("lead" if role in SUFFIX_LEAD else label_role if role in SUFFIX_OWNER
                    else "supervising" if role in SUFFIX_SUPERVISING else "responsible")
            roled.append((role, run[: word.start()]))
        for role, run in roled:
            if not run:
                continue
            if groups and groups[-1][0] == role and groups[-1][2] == i:
                groups[-1][1].append(run)
            else:
                groups.append((role, [run], i))
    return [(role, runs) for role, runs, _ in groups] or None


def _split_names_plain(runs: list[str], registry: Registry) -> tuple[list[str], bool]:
    """owners._split_names as first written: every piece through _split_conjunctions."""
    names, etc, shared = _split_printed_plain(runs, registry)
    return [shared.get(n, n) for n in names], etc


def _split_printed_plain(
    runs: list[str], registry: Registry
) -> tuple[list[str], bool, dict[str, str]]:
    """owners._split_printed as first written: names as printed, and the suffix a list
    shares with each bare place ("广州、深圳市政府": 广州 → 广州市政府)."""
    from reformctl.parse.owners.names import (
        ETC_TAIL,
        _join_collective_levels,
        _join_generic_tails,
        _share_government_suffix,
        _split_conjunctions,
    )
    from reformctl.parse.owners.text import split_top as _split_top
    from reformctl.registry import clean_name

    names: list[str] = []
    shared: dict[str, str] = {}
    etc = False
    for run in runs:
        items: list[str] = []
        for piece in _split_top(run, "、"):
            items.extend(_split_conjunctions(clean_name(piece), registry))
        items = _join_generic_tails(_join_collective_levels(items))
        for printed, full in zip(items, _share_government_suffix(items, registry), strict=True):
            if full != printed:
                shared[printed] = full
        for item in items:
            stripped = ETC_TAIL.sub("", item) if "等" in item else item
            if stripped != item and stripped:
                etc = True
                item = stripped
            item = clean_name(item)
            if item and item != "等":
                names.append(item)
            elif item == "等":
                etc = True
    return names, etc, shared


def _owner_group_plain(groups: list[tuple[str, list[str]]], raw: str, registry: Registry):
    """owners._owner_group as first written: names and roles listed, levels restored by
    _restore_levels, then folded."""
    from reformctl.model import OwnerGroup
    from reformctl.parse.owners import (
        first_listed_kind,
        promote_first_listed,
        states_first_listed_leads,
    )
    from reformctl.parse.owners.names import restore_levels as _restore_levels
    from reformctl.parse.owners.roles import INLINE_LEAD

    has_lead = any(kind == "lead" for kind, _ in groups)
    marked = any("(牵头" in run for _, runs in groups for run in runs)
    roles: list[bool] = []
    names: list[str] = []
    meant: list[str] = []
    etc = False
    for kind, runs in groups:
        if kind == "supervising":
            continue
        items, dropped, shared = _split_printed_plain(runs, registry)
        etc = etc or dropped
        is_lead = kind == "lead" or (kind == "owner" and not has_lead)
        if marked and is_lead and kind == "owner":
            is_lead = False
        for name in items:
            bare = INLINE_LEAD.sub("", name)
            roles.append(is_lead or bare != name)
            names.append(bare)
            meant.append(shared.get(bare, bare))
    folded = [registry.canonical(n) for n in _restore_levels(meant, registry)]
    lead = [n for r, n in zip(roles, names, strict=True) if r]
    resp = [n for r, n in zip(roles, names, strict=True) if not r]
    if not lead and not resp and not any(kind == "supervising" for kind, _ in groups):
        return None
    canonical = {n: f for n, f in zip(names, folded, strict=True) if f != n}
    group = OwnerGroup(lead=tuple(dict.fromkeys(lead)), responsible=tuple(dict.fromkeys(resp)),
                       raw=raw, etc=etc, canonical=tuple(canonical.items()))
    if states_first_listed_leads(raw):
        return promote_first_listed(group, first_listed_kind(raw))
    return group


def test_note_parsing_passes_are_the_plain_steps() -> None:
    """_labelled's per-list pre-checks, _split_names's conjunction pre-check and _owner_group's
    single pass over the names (levels restored and folded on the way) give what the plain
    steps give, on every real note and on notes made to reach the rare branches."""
    from reformctl.parse.owners.names import split_names as _split_names
    from reformctl.parse.owners.roles import _labelled
    from reformctl.parse.owners.roles import owner_group as _owner_group
    from reformctl.parse.owners.roles import role_groups as _role_groups
    from reformctl.parse.owners.roles import role_labels as _role_labels
    from reformctl.parse.owners.text import normalize as _normalize

    registry = default_registry()
    parsed = 0
    for inner in _all_notes():
        s = _normalize(inner)
        labels = _role_labels(s)
        if labels:
            assert _labelled(s, labels) == _labelled_plain(s, labels), inner
        groups = _role_groups(s, registry)
        if groups is None:
            continue
        for _, runs in groups:
            assert _split_names(runs, registry) == _split_names_plain(runs, registry), runs
        fast = _owner_group(groups, inner, registry)
        plain = _owner_group_plain(groups, inner, registry)
        assert fast == plain and (fast is None or vars(fast) == vars(plain)), inner
        parsed += fast is not None
    assert parsed > (300 if REALDOCS.is_dir() else 250)  # the seed alone has ~270


def test_role_label_walk_is_role_label_finditer() -> None:
    """_role_labels walks from colon to colon (str.find for ":" alone): the labels finditer finds."""
    from reformctl.parse.owners.roles import role_labels as _role_labels
    from reformctl.parse.owners.text import normalize as _normalize
    from reformctl.parse.vocab.roles import ROLE_LABEL

    texts = ["总市级牵头考核部门(单位):市公安局", "::牵头单位：：市公安局", "牵头部门:牵头单位:责任单位:", ":"]
    for note in _all_notes():
        texts += [note, _normalize(note), note.replace("：", ":")]
    labelled = 0
    for text in texts:
        fast = [(m.span(), m.group("role"), m.group("total")) for m in _role_labels(text)]
        plain = [(m.span(), m.group("role"), m.group("total")) for m in ROLE_LABEL.finditer(text)]
        assert fast == plain, text
        labelled += bool(plain)
    assert labelled > 500


def test_scanned_groups_are_the_plain_groups() -> None:
    """scan gives each note the group parse_owner_note gives, with the bracketed raw and its
    own covers: a note read before (the cache) is made anew with its range, not given the
    range of the note it was first read from."""
    from dataclasses import replace

    from reformctl.parse.owners import NoteCache, find_owner_notes_with_spans
    from reformctl.parse.owners.text import outer_brackets as _outer_brackets

    registry = default_registry()
    cache = NoteCache()
    found = 0
    for para in _paragraphs():
        plain = []
        previous_end = 0
        for start, end in _outer_brackets(para):
            group = parse_owner_note(para[start + 1 : end - 1], registry)
            if group is not None:
                group = replace(group, raw=para[start:end], covers=(previous_end, start))
                plain.append(((start, end), group))
                previous_end = end
        for fast in (find_owner_notes_with_spans(para, registry, cache),
                     find_owner_notes_with_spans(para, registry)):
            assert fast == plain, para
            assert [vars(g) for _, g in fast] == [vars(g) for _, g in plain]
        found += len(plain)
    assert found > (300 if REALDOCS.is_dir() else 150)
