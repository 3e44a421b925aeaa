"""The report for a whole office: one document and a corpus of several documents and years —
a readable month axis, colours by document then plan, a title from the corpus, no server
paths, the Chinese font embedded, an A4 print stylesheet; screenshots in headless Chromium."""

from __future__ import annotations

import base64
import re
import shutil
import struct
import subprocess
from html import unescape
from itertools import combinations
from pathlib import Path

import pytest
from seedfiles import CORPUS
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.export.fonts import covered
from reformctl.export.report import label_step

runner = CliRunner()
SEED_TXT = CORPUS / "000_675e6135523c2031.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Four plans of four cities and years, written like the seed (the seed's text with the city
# and the year changed): a corpus such as an office keeps.
CITIES = (("泰安", 2021), ("济南", 2022), ("淄博", 2023), ("青岛", 2024))


@pytest.fixture(scope="module")
def four(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("four")
    src = tmp_path_factory.mktemp("src")
    text = SEED_TXT.read_text(encoding="utf-8")
    for city, year in CITIES:
        source = src / f"{city}_{year}.txt"
        source.write_text(text.replace("泰安", city).replace("2021", str(year)),
                          encoding="utf-8")
        result = runner.invoke(app, ["parse", str(source), "-o", f"{folder}/", "-q"])
        assert result.exit_code == 0, result.output
    shutil.copy(CORPUS / "departments.yaml", folder)
    return folder


def write_report(corpus: Path, out: Path, *extra: str, as_of: str = "2021-10-01") -> str:
    result = runner.invoke(app, ["--lang", "zh", "report", "-o", str(out), "--corpus",
                                 str(corpus), "--as-of", as_of, "--no-overlap", *extra])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def embedded_font(page: str) -> bytes:
    found = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", page)
    assert found, "no embedded font"
    return base64.b64decode(found.group(1))


def visible_text(page: str) -> str:
    body = page[page.index("<body>"):]
    return unescape(re.sub(r"<[^>]+>", "", body))


def test_the_page_carries_every_character_it_shows(corpus: Path, tmp_path: Path) -> None:
    page = write_report(corpus, tmp_path / "r.html")
    font = embedded_font(page)
    shown = {ch for ch in visible_text(page) if not ch.isascii() and not ch.isspace()}
    assert len(shown) > 400
    assert covered("".join(shown), font) == shown
    assert len(font) < 400_000  # a subset of the page's characters, not the whole font


def test_no_server_paths_and_the_documents_title(corpus: Path, tmp_path: Path) -> None:
    page = write_report(corpus, tmp_path / "r.html")
    assert str(corpus) not in page and str(CORPUS) not in page
    assert "<title>泰安市优化营商环境创新突破行动配套措施</title>" in page
    page = write_report(corpus, tmp_path / "r.html", "--title", "营商环境办 2021 年第三季度督查")
    assert "<h1>营商环境办 2021 年第三季度督查</h1>" in page


def test_print_stylesheet_is_a4(corpus: Path, tmp_path: Path) -> None:
    page = write_report(corpus, tmp_path / "r.html")
    assert "@page { size: A4;" in page and "@media print" in page
    assert "thead { display: table-header-group; }" in page  # headers repeat on each page


def rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def test_the_seeds_plans_have_distinct_colours(corpus: Path, tmp_path: Path) -> None:
    page = write_report(corpus, tmp_path / "r.html")
    legend = re.findall(r'<span class="swatch" style="background:(#[0-9a-f]{6})"></span>'
                        r"(\d+) ", page)
    colours = {int(n): c for c, n in legend}
    assert sorted(colours) == list(range(1, 18))

    def distance(a: str, b: str) -> float:
        return sum((x - y) ** 2 for x, y in zip(rgb(a), rgb(b), strict=True)) ** 0.5

    # 7/17 and 2/12 were near-identical tints of one hue; now no two plans come close.
    assert distance(colours[7], colours[17]) > 100 and distance(colours[2], colours[12]) > 100
    assert min(distance(a, b) for a, b in combinations(colours.values(), 2)) > 40


def test_a_corpus_of_four_documents_and_years(four: Path, tmp_path: Path) -> None:
    page = write_report(four, tmp_path / "four.html", as_of="2023-03-01")
    assert "<h1>督查报告：4份方案（2021–2024）</h1>" in page
    assert str(four) not in page
    # The legend groups the plans under their document; every plan its own colour.
    docs = re.findall(r'<h3 class="legend-doc">([^<]+)</h3>', page)
    assert docs == [f"{c}市优化营商环境创新突破行动配套措施" for c, _ in CITIES]
    swatches = re.findall(r'class="swatch" style="background:(#[0-9a-f]{6})"', page)
    assert len(swatches) == 4 * 17 and len(set(swatches)) == len(swatches)
    # Year boundaries marked, month labels thinned so that they never touch.
    years = re.findall(r'class="year-label">(\d{4})年</text>', page)
    assert years == ["2021", "2022", "2023", "2024"]
    labels = re.findall(r'class="axis" text-anchor="middle">([^<]+)</text>', page)
    assert label_step(43, 1040) == 3  # 43 months, 2021-06 … 2024-12: every third one
    assert labels[0] == "6月" and set(labels[1:]) == {"1月", "4月", "7月", "10月"}
    assert len(labels) == 14  # 7月 of 2021 would touch 6月: left out
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="\d+" class="axis" '
                                       r'text-anchor="middle">', page)]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= 52


def shoot(html: Path, png: Path, tmp_path: Path, *, height: int = 2400) -> bytes:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", f"--user-data-dir={tmp_path / ('profile-' + png.stem)}",
         f"--screenshot={png}", f"--window-size=1200,{height}", html.as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, height)
    return data


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_screenshots_of_the_seed_and_of_four_documents(corpus: Path, four: Path,
                                                       tmp_path: Path) -> None:
    """Kept in $REFORMCTL_SHOTS when set (to look at them); else in the test's folder."""
    import os

    keep = Path(os.environ.get("REFORMCTL_SHOTS") or tmp_path)
    keep.mkdir(parents=True, exist_ok=True)
    seed_html = tmp_path / "seed.html"
    write_report(corpus, seed_html)
    four_html = tmp_path / "four.html"
    write_report(four, four_html, as_of="2023-03-01")
    seed = shoot(seed_html, keep / "report-seed.png", tmp_path)
    many = shoot(four_html, keep / "report-four.png", tmp_path)
    assert len(seed) > 80_000 and len(many) > 120_000  # text and charts, not a blank page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_prints_on_a4(corpus: Path, tmp_path: Path) -> None:
    html = tmp_path / "seed.html"
    write_report(corpus, html)
    pdf = tmp_path / "seed.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile-pdf'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    data = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2
                         for w, h in boxes)
