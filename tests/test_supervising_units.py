"""A unit that guides or oversees the work ("（生态环境部指导）", "督导", "监督", "督办") is
none of its owners: neither lead nor responsible. Small documents in the style of real plans."""

from __future__ import annotations

import pytest

from reformctl.parse import parse_text


def owners(note: str, heading: str = "（一）推进固体废物源头减量") -> list[tuple[tuple[str, ...], ...]]:
    doc = parse_text(f"二、主要任务\n{heading}\n1.建立指标体系，发挥导向引领作用。{note}\n")
    assert [w.code for w in doc.warnings] == []
    return [(g.lead, g.responsible) for _, m in doc.walk() for g in m.owners]


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ("（生态环境部指导，试点城市政府负责落实）", [(("试点城市政府",), ())]),
        ("（商务部指导，供销合作总社参与）", [((), ("供销合作总社",))]),
        ("（市发展改革委牵头，市财政局配合，市政府督查室督导）", [(("市发展改革委",), ("市财政局",))]),
        ("（牵头单位：市发展改革委；责任单位：市财政局，市政府督查室督办）",
         [(("市发展改革委",), ("市财政局",))]),
        # Units that only guide: a note (the measure is one) that names no owner.
        ("（生态环境部、国家发展改革委指导）", [((), ())]),
    ],
)
def test_a_supervising_unit_is_no_owner(note: str, found: list[tuple[tuple[str, ...], ...]]) -> None:
    assert owners(note) == found


def test_a_measure_whose_note_names_only_supervisors_keeps_the_owners_from_above() -> None:
    found = owners("（生态环境部指导）", heading="（一）推进固体废物源头减量（牵头单位：市生态环境局）")
    assert found == [((), ()), (("市生态环境局",), ())]


def test_carrying_out_is_still_a_role() -> None:
    assert owners("（各县区政府落实）") == [((), ("各县区政府",))]
