"""Layouts and conventions of other places' plans (issue 12): one rule each, each on a short
excerpt written in the style of the real plans (invented names and tasks), plus the real
corpus read from ../shared where it is present."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from reformctl.model import Document
from reformctl.parse import parse_text


def ids(doc: Document) -> list[str]:
    return [m.id for _, m in doc.walk()]


def owners(doc: Document) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each measure's (lead, responsible)."""
    return {m.id: (m.lead, m.responsible) for _, m in doc.walk()}


# -- C3: indentation in any Unicode space -------------------------------------------------

RURAL = """\
{s}{s}各区县人民政府，市政府各部门：
{s}{s}为推动数字乡村建设，制定本方案。
{s}{s}一、重点任务
{s}{s}（一）完善乡村网络设施。推进千兆光网进村入户。（市通信发展办牵头，市农业农村局配合；2025年6月底前完成）
{s}{s}（二）发展智慧农业。建设农业物联网示范基地10个。（市农业农村局牵头，市科技局配合）
{s}{s}二、保障措施
{s}{s}（一）加强组织领导。各地要建立工作机制。
"""


@pytest.mark.parametrize("space", ["\u2003", "\u2002", "\u2009", "\u202f", "\u3000", "\xa0", "\t",
                                   " ", "\u2003\u3000"])
def test_indentation_in_any_unicode_space(space: str) -> None:
    doc = parse_text(RURAL.format(s=space))
    assert ids(doc) == ["1.1", "1.2"]
    assert owners(doc) == {"1.1": (("市通信发展办",), ("市农业农村局",)),
                           "1.2": (("市农业农村局",), ("市科技局",))}
    assert [d.date for d in doc.measure("1.1").deadlines] == [date(2025, 6, 30)]  # type: ignore[union-attr]


def test_every_unicode_space_is_folded() -> None:
    from reformctl.parse.clean import OTHER_SPACES

    known = set(OTHER_SPACES) | {" ", "\u3000", "\xa0"}
    spaces = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"}
    assert spaces <= known
