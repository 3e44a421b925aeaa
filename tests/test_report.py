"""`reformctl report`: a self-contained HTML page, checked through its structure."""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from seedfiles import AS_OF, SEED_YAML, seed_measures
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()


class Page(HTMLParser):
    """Elements with their attributes and the section they are in; text per section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], str]] = []
        self.text: dict[str, list[str]] = {}
        self.section = ""
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "section":
            self.section = a.get("id", "")
        self.elements.append((tag, a, self.section))

    def handle_data(self, data: str) -> None:
        self.text.setdefault(self.section, []).append(data)

    def find(self, tag: str, section: str | None = None) -> list[dict[str, str]]:
        return [a for t, a, s in self.elements if t == tag and section in (None, s)]

    def section_text(self, section: str) -> str:
        return "".join(self.text.get(section, []))


def late_ids() -> set[str]:
    return {m["id"] for m in seed_measures()
            if any(d["kind"] == "by" and d["date"] and date.fromisoformat(d["date"]) < AS_OF
                   for d in m["deadlines"])}


def report(corpus: Path, tmp_path: Path, *extra: str) -> tuple[str, Page]:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["--lang", "zh", "report", "-o", str(out), "--corpus", str(corpus),
                                 "--as-of", AS_OF.isoformat(), *extra])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    text = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    return text, page


def test_report_structure_numbers_and_charts(corpus: Path, tmp_path: Path) -> None:
    text, page = report(corpus, tmp_path, "--no-overlap")
    assert text.startswith("<!DOCTYPE html>")
    assert page.find("html")[0]["lang"] == "zh-CN"
    assert page.find("meta")[0]["charset"] == "utf-8"
    assert [s["id"] for s in page.find("section")] == [
        "numbers", "deadlines", "workload", "overdue", "overlaps", "unknown"]
    numbers = page.section_text("numbers")
    assert "186措施" in numbers and "17方案" in numbers
    assert "133有日期的时限" in numbers and "96逾期" in numbers
    # Chinese renders with the embedded font, then a CJK font stack, in the page and the SVG.
    assert "@font-face { font-family: 'reformctl CJK'" in text
    assert "'reformctl CJK', 'Noto Sans CJK SC'" in text and "Microsoft YaHei" in text
    charts = page.find("svg")
    assert [c["id"] for c in charts] == ["chart-months", "chart-departments"]
    assert all(c["class"] == "chart" for c in charts)
    months = page.section_text("deadlines")
    for m in ("2021-06", "2021-09", "2021-12"):  # in the bars' tooltips
        assert m in months
    assert "截至2021-10-01" in months
    labels = re.findall(r'class="axis" text-anchor="middle">([^<]+)</text>', text)
    assert labels == ["2021年6月", "7月", "8月", "9月", "10月", "11月", "12月"]
    assert "3 获得电力" in months  # the legend
    # One bar segment per (month, plan) with deadlines; the 2021-09 bar totals 44 (seed count).
    segments = page.find("rect", "deadlines")
    assert len(segments) >= 17
    sep = sum(1 for m in seed_measures() for d in {x["date"] for x in m["deadlines"]
              if x["kind"] == "by" and x["date"]} if d.startswith("2021-09"))
    assert re.search(rf">{sep}</text>", text)
    workload = page.section_text("workload")
    assert "市行政审批服务局" in workload and "国网泰安供电公司" in workload
    assert len(page.find("g", "workload")) == 57  # one bar group per department


def test_overdue_list_has_one_row_per_late_measure(corpus: Path, tmp_path: Path) -> None:
    text, page = report(corpus, tmp_path, "--no-overlap")
    rows = [a for a in page.find("tr", "overdue") if a.get("class") == "late"]
    assert len(rows) == len(late_ids()) == 96
    table = text[text.index('<table id="overdue-table"'):]
    table = table[: table.index("</table>")]
    ids = re.findall(r'<tr class="late"><td>([\d.]+)@', table)  # the late milestones' ids
    assert set(ids) == late_ids()
    assert '<tr class="late"><td>1.4@07-31<br>1.4@09-30</td>' in table
    assert ids[0] == "2.1"  # most days late first (6月中旬 → 103 days)
    assert "未检查（--no-overlap）" in page.section_text("overlaps")


def test_no_network_needed(corpus: Path, tmp_path: Path) -> None:
    text, page = report(corpus, tmp_path, "--no-overlap")
    assert not page.find("script") and not page.find("link") and not page.find("img")
    for tag, attrs, _ in page.elements:
        for key in ("src", "href"):
            assert key not in attrs, (tag, attrs)
    urls = set(re.findall(r"https?://[^\s\"')]+", text))
    assert urls == {"http://www.w3.org/2000/svg"}  # the SVG namespace, never fetched


def test_overlaps_and_unknown_departments(corpus: Path, tmp_path: Path) -> None:
    path = corpus / SEED_YAML.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["plans"][0]["measures"][0]["owners"][0]["responsible"].append("市数字泰安办公室")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, page = report(corpus, tmp_path)
    overlaps = page.section_text("overlaps")
    assert "4.6" in overlaps and "12.4" in overlaps  # “跨省通办”“全省通办”, two owners
    assert len(page.find("tr", "overlaps")) > 2
    unknown = page.section_text("unknown")
    assert "市数字泰安办公室" in unknown and "1.1" in unknown
    assert len(page.find("tr", "unknown")) == 2  # header + the one unknown name


def test_filters_narrow_the_report(corpus: Path, tmp_path: Path) -> None:
    _, page = report(corpus, tmp_path, "--no-overlap", "--plan", "3")
    numbers = page.section_text("numbers")
    assert f"{sum(m['id'].startswith('3.') for m in seed_measures())}措施" in numbers
    assert "1方案" in numbers
    late = [a for a in page.find("tr", "overdue") if a.get("class") == "late"]
    assert len(late) == len({i for i in late_ids() if i.startswith("3.")})


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_renders_in_headless_chromium(corpus: Path, tmp_path: Path) -> None:
    import struct
    import subprocess

    report(corpus, tmp_path, "--no-overlap")
    shot = tmp_path / "report.png"
    profile = tmp_path / "profile"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1280,2000",
         (tmp_path / "report.html").as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a page with text and charts, not a blank one
