"""Issuers that are development zones or districts whose names end like a kind of place:
"大连高新区支持…", "长沙经济技术开发区关于…", "望城区…" (not "主城区"). Titles written in the style
of real ones."""

from __future__ import annotations

import pytest

from reformctl.parse.issuer import find_issuer

BODY = "\n一、支持算力应用。（牵头单位：区科技局）\n"


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("大连高新区支持OPC发展若干措施（试行）", "大连高新区"),
        ("栖霞高新区关于支持开源智能体工具发展的若干措施", "栖霞高新区"),
        ("常州经开区促进人工智能产业创新发展的若干措施（试行）", "常州经开区"),
        ("长沙经济技术开发区关于智能体开源社区安全发展的十条措施", "长沙经济技术开发区"),
        ("杭州高新区（滨江）人工智能创业护航十条", "杭州高新区"),
        ("天津滨海高新区关于加快培育智能体产业生态的若干措施", "天津滨海高新区"),
        ("中关村科技园区延庆园管理委员会支持创新社区建设的若干措施", "中关村科技园区"),
        ("园区管委会印发苏州工业园区关于加快打造创业首选区的若干措施的通知", "苏州工业园区"),
        # Districts whose names end in 城区, unlike 主城区 or 中心城区.
        ("望城区人才工作十大赋能行动", "望城区"),
        ("上城区支持人工智能社区建设的若干政策措施", "上城区"),
        # Places as before.
        ("上海市徐汇区科学技术委员会关于支持人工智能的若干措施", "上海市"),
        ("包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知", "包头市"),
    ],
)
def test_the_issuer_of_a_title(title: str, issuer: str) -> None:
    found = find_issuer(title + BODY)
    assert found is not None and (found.name, found.how) == (issuer, "title")


@pytest.mark.parametrize(
    "title",
    [
        "国家级高新区高质量发展若干措施",
        "关于推进开发区高质量发展的若干措施",
        "主城区交通拥堵治理工作方案",
        "中心城区老旧小区改造实施方案",
        "省级新区建设工作要点",
    ],
)
def test_a_kind_of_zone_is_no_issuer(title: str) -> None:
    assert find_issuer(title + BODY) is None
