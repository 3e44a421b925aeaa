"""The report's Chinese font, embedded: a subset of Noto Sans CJK SC holding exactly the
characters of the page, so the page renders the same on any machine (no CJK font needed on
the viewer's side, no network).

The source is the bundled ``data/fonts/NotoSansCJKsc-Regular-GB2312.woff`` (Noto Sans CJK SC
Regular cut to GB 2312 and ASCII by ``tools/make_font.py``; SIL OFL 1.1, ``OFL.txt`` beside
it). Characters outside it (a rare 汉字 in a name) fall back to the CSS font list.
fontTools is imported here only, when a report is written.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

FONT_FAMILY = "reformctl CJK"
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "fonts" / \
    "NotoSansCJKsc-Regular-GB2312.woff"


def subset_woff(text: str, source: Path = BUNDLED) -> bytes | None:
    """A WOFF font with the glyphs of ``text`` (and ASCII), or None without the source."""
    if not source.is_file():
        return None
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and the font's names
    subsetter = subset.Subsetter(options)
    wanted = set(text) | {chr(c) for c in range(0x20, 0x7F)}
    subsetter.populate(text="".join(sorted(wanted)))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return buf.getvalue()


def font_face_css(text: str) -> str:
    """``@font-face`` with the subset as a data: URL ('' when the font is not there)."""
    data = subset_woff(text)
    if data is None:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    return (f"@font-face {{ font-family: '{FONT_FAMILY}'; font-style: normal; "
            f"font-weight: 100 900; src: url(data:font/woff;base64,{encoded}) "
            "format('woff'); }")


def covered(text: str, data: bytes) -> set[str]:
    """The characters of ``text`` that the font ``data`` has glyphs for (for tests)."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(io.BytesIO(data)).getBestCmap()
    return {ch for ch in text if ord(ch) in cmap}
