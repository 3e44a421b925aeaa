"""The document's title: wrapped over several lines as old State Council pages centre it, a
notice that carries a plan, a "--- title: … ---" header at the top of a saved page. Small
documents written in the style of real ones; the real pages are read from ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from reformctl.parse import parse_file, parse_text
from reformctl.parse.read import read_source
from reformctl.parse.read.front_matter import as_title_line, front_matter
from reformctl.parse.title import DOCUMENT_KIND

REALCORPUS = Path(__file__).resolve().parents[2] / "shared" / "realcorpus"

BODY = """\
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现就有关事项通知如下：
一、加快推进审批改革。（发展改革委负责）
二、完善监管制度。（市场监管总局负责）
"""


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # Three lines, the document number under them.
        ("国务院办公厅关于加快推进某某领域\n审批制度改革和进一步\n优化服务的指导意见\n国办发〔2030〕7号\n",
         "国务院办公厅关于加快推进某某领域审批制度改革和进一步优化服务的指导意见"),
        # The issuer alone on the first line; a reply's 函, 复函, 批复, 通报, 答复 end a title too.
        ("国务院办公厅\n关于某省在总理考察工作时\n所提问题和建议办理情况的函\n国办函〔2030〕25号\n",
         "国务院办公厅关于某省在总理考察工作时所提问题和建议办理情况的函"),
        ("国务院办公厅关于某某港与某某\n合建自动气象站网有关问题的复函\n国办函〔2030〕14号\n",
         "国务院办公厅关于某某港与某某合建自动气象站网有关问题的复函"),
        ("国务院关于某某新区\n总体规划（2030—2045年）的批复\n国函〔2030〕59号\n",
         "国务院关于某某新区总体规划（2030—2045年）的批复"),
        ("国务院办公厅对十届全国人大\n四次会议第1234号建议的答复\n国办函〔2030〕69号\n",
         "国务院办公厅对十届全国人大四次会议第1234号建议的答复"),
        # A notice that carries a document names it, wrapped over three lines or ending in 函.
        ("国务院办公厅关于印发某某体制改革中\n经营性事业单位转制为企业和进一步\n支持某某企业发展两个规定的通知\n"
         "国办发〔2030〕124号\n",
         "某某体制改革中经营性事业单位转制为企业和进一步支持某某企业发展两个规定"),
        ("国务院办公厅关于印发\n国家某某应急预案的函\n国办函〔2030〕57号\n", "国家某某应急预案"),
        # The period, edition or status under a title, wrapped or not.
        ("某市关于进一步优化营商环境\n三年行动方案\n（2030—2032年）\n",
         "某市关于进一步优化营商环境三年行动方案（2030—2032年）"),
        ("某行业智能制造标准体系\n建设指南\n（2030 版）\n", "某行业智能制造标准体系建设指南（2030版）"),
        ("某区支持人工智能社区建设的若干措施\n（征求意见稿）\n", "某区支持人工智能社区建设的若干措施（征求意见稿）"),
    ],
)
def test_a_title_wrapped_over_several_lines_is_joined(head: str, title: str) -> None:
    assert parse_text(head + BODY).document.title == title


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # A title that ends like one is not joined with the line under it.
        ("某市优化营商环境实施方案\n某市人民政府办公室\n", "某市优化营商环境实施方案"),
        # Lines that never end like a title: the first alone, the document number not joined.
        ("某市人民政府办公室\n某政办字〔2030〕5号\n", "某市人民政府办公室"),
        ("某市人民政府\n办公室\n工作动态\n第5期\n", "某市人民政府"),
    ],
)
def test_lines_that_do_not_end_like_a_title_are_not_joined(head: str, title: str) -> None:
    assert parse_text(head + BODY).document.title == title


FRONT_MATTER = """\
---
layout: default
title: "某市关于支持人工智能创新发展的若干措施"
date: 2030-03-12
tags:
  - 人工智能
---

一、建设算力平台。2030年6月底前建成。（牵头单位：市发展改革委）
二、开放应用场景。（牵头单位：市工业和信息化局）
"""


def test_a_front_matter_header_gives_the_title_and_is_no_content() -> None:
    doc = parse_text(FRONT_MATTER)
    assert doc.document.title == "某市关于支持人工智能创新发展的若干措施"
    assert [m.id for _, m in doc.walk()] == ["1.1", "1.2"]
    first = doc.measure("1.1")
    assert first is not None and first.lines[0] == 9  # the line in the file
    assert doc.document.year == 2030
    assert doc.warnings == ()


def test_front_matter_is_only_a_header_of_key_lines_at_the_very_top() -> None:
    matter = front_matter(FRONT_MATTER)
    assert matter is not None and matter.title == "某市关于支持人工智能创新发展的若干措施"
    assert as_title_line(FRONT_MATTER).split("\n")[:4] == ["", "", matter.title, ""]
    # A rule of dashes above a text is no header; nor is a header that is never closed.
    assert front_matter("---\n一、加快审批。\n---\n") is None
    assert front_matter("---\ntitle: 某市方案\n一、加快审批。\n") is None
    assert front_matter("某市方案\n---\ntitle: x\n---\n") is None
    assert as_title_line(BODY) is BODY


def test_an_html_page_with_front_matter_shows_its_title_once(tmp_path: Path) -> None:
    page = ("---\nlayout: default\ntitle: 某市关于支持人工智能创新发展的若干措施\n---\n\n"
            "<style>p { margin: 0; }</style>\n<p>一、建设算力平台。（牵头单位：市发展改革委）</p>\n")
    shown = tmp_path / "shown.html"
    shown.write_text(page, encoding="utf-8")
    assert read_source(shown).split("\n")[0] == "某市关于支持人工智能创新发展的若干措施"
    assert parse_file(shown).document.title == "某市关于支持人工智能创新发展的若干措施"
    # The page's own headline is not repeated; the header's text is never content.
    headed = tmp_path / "headed.html"
    headed.write_text(page.replace("<p>一", "<h1>某市关于支持人工智能创新发展的若干措施</h1><p>一"),
                      encoding="utf-8")
    text = read_source(headed)
    assert text.count("若干措施") == 1 and "layout" not in text and "---" not in text


def test_old_state_council_pages_keep_their_whole_title() -> None:
    pages = sorted(REALCORPUS.glob("govcn_*.html"))
    if not pages:
        pytest.skip(f"{REALCORPUS} not available")
    cut = {p.name: t for p in pages if not DOCUMENT_KIND.search(t := parse_file(p).document.title)}
    assert cut == {}
    wrapped = parse_file(REALCORPUS / "govcn_1996_guobanfa2_1.html").document.title
    assert wrapped == "国务院办公厅转发国家地震局关于我国地震重点监视防御区的确定和加强防震减灾工作意见报告的通知"


def test_jekyll_pages_leave_their_header_out() -> None:
    pages = sorted(REALCORPUS.glob("opc_*.html"))
    if not pages:
        pytest.skip(f"{REALCORPUS} not available")
    for page in pages:
        assert front_matter(page.read_text(encoding="utf-8")) is not None, page.name
        text = read_source(page)
        assert "layout:" not in text and not text.startswith("---"), page.name
