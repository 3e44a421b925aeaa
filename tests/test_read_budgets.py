"""The readers' budgets: a .docx that inflates far past any plan, a page nested deeper than
any site nests, is refused in one line naming the file, quickly and in little memory.

The shapes come from bench/adversarial.py (the seed's measures laid out as a 任务分工 table,
a web page): what is refused is refused before a tree is built.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from seedfiles import ROOT

from reformctl.errors import InputError
from reformctl.parse import parse_file
from reformctl.parse.read import docx as docx_reader
from reformctl.parse.read import html as html_reader

sys.path.insert(0, str(ROOT / "bench"))
import adversarial  # noqa: E402

W_NS = adversarial.W_NS


def _docx(tmp_path: Path, xml: str, name: str = "plan.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(adversarial.docx_bytes(xml))
    return path


def _empty_paragraphs(count: int) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            + "<w:p/>" * count + "</w:body></w:document>")


def test_a_docx_table_within_the_budgets_is_read(tmp_path: Path) -> None:
    path = _docx(tmp_path, adversarial.docx_xml(64 * 1024))
    doc = parse_file(path)
    assert sum(len(p.measures) for p in doc.plans) > 50


def test_a_docx_whose_text_unpacks_past_the_limit_is_refused_unread(tmp_path: Path) -> None:
    """The issue's zip bomb: 0.2 MB of .docx, 64 MB of XML (1.4 GB and 50 s before)."""
    path = _docx(tmp_path, _empty_paragraphs(64 * 2**20 // 6))
    assert path.stat().st_size < 300_000
    start = time.process_time()
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert time.process_time() - start < 1
    assert str(caught.value) == (f"{path}: its text (word/document.xml) is 64 MB; the limit "
                                 "is 32 MB")


def test_a_docx_of_too_many_elements_is_refused_while_counting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_reader, "MAX_ELEMENTS", 10_000)
    path = _docx(tmp_path, _empty_paragraphs(20_000))
    with pytest.raises(InputError, match=r"has more than 10,000 elements, the limit$"):
        parse_file(path)
    _docx(tmp_path, _empty_paragraphs(9_000), "ok.docx")  # under the budget: read as before
    with pytest.raises(InputError, match="empty document"):
        parse_file(tmp_path / "ok.docx")


def test_a_docx_with_huge_styles_is_refused(tmp_path: Path) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", adversarial.CONTENT_TYPES)
        archive.writestr("word/document.xml", _empty_paragraphs(3))
        archive.writestr("word/styles.xml", "<w:styles/>" + " " * (17 * 2**20))
    path = tmp_path / "styles.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="its styles and other parts are 17 MB; the limit is 16"):
        parse_file(path)


def test_the_docx_bomb_stays_small_in_memory(tmp_path: Path) -> None:
    """In a process of its own, so that its peak memory is its own (VmHWM)."""
    path = _docx(tmp_path, _empty_paragraphs(30 * 2**20 // 6))  # under 32 MB, 5 M elements
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "adversarial.py"), "time",
                          str(path)], capture_output=True, text=True, check=True)
    import json

    result = json.loads(out.stdout)
    assert "more than 1,000,000 elements" in result["outcome"], result
    assert result["peak_mb"] < 120, result


@pytest.mark.parametrize(("shape", "message"), [
    ("html-deep", "elements nested more than 100 deep"),
    ("html-tables-deep", "tables nested more than 8 deep"),
])
def test_a_page_nested_past_the_budget_is_refused(tmp_path: Path, shape: str, message: str) -> None:
    if shape == "html-deep":
        page = adversarial.html_deep(64 * 1024)
    else:  # the nested tables: each in the last cell of the one before, no end
        page = adversarial._nested(64 * 1024, adversarial._table_row, "</td></tr></table>", None)
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    start = time.process_time()
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert time.process_time() - start < 1
    assert str(caught.value) == f"{path}: the page is too large or nested too deeply to read: {message}"


def test_a_page_of_too_many_elements_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_reader, "MAX_ELEMENTS", 1_000)
    path = tmp_path / "rows.html"
    path.write_text(adversarial.html_rows(64 * 1024), encoding="utf-8")
    with pytest.raises(InputError, match="more than 1,000 elements"):
        parse_file(path)


def test_pages_within_the_budgets_are_read(tmp_path: Path) -> None:
    """80 divs deep and tables 6 deep, again and again: every task's text is read."""
    from reformctl.parse.read import read_source

    for make in (adversarial.html_divs, adversarial.html_tables):
        path = tmp_path / "page.html"
        path.write_text(make(32 * 1024), encoding="utf-8")
        text = read_source(path)
        assert all(task.text in text for task in adversarial.tasks()[:40]), make.__name__
