"""Build the report's bundled CJK font: Noto Sans CJK SC Regular cut to GB 2312 (6,763 汉字,
the full-width punctuation and symbols of its rows 1–9) and ASCII, as WOFF.

The source is Debian's fonts-noto-cjk (``apt-get install fonts-noto-cjk``), SIL Open Font
License 1.1 (reformctl/data/fonts/OFL.txt). The HTML report embeds a further subset of
this file holding only the characters of the page (``reformctl.export.fonts``), so the page
renders the same on a machine without Chinese fonts. Takes about a minute and a half.

    .venv/bin/python tools/make_font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import sys
from contextlib import suppress
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = ROOT / "reformctl" / "data" / "fonts" / "NotoSansCJKsc-Regular-GB2312.woff"
SC_FACE = 2  # JP, KR, SC, TC, HK… in the collection


def gb2312() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            with suppress(UnicodeDecodeError):
                chars.add(bytes([row, cell]).decode("gb2312"))
    chars |= set("…—–·“”‘’•●○■□▲△◆◇★☆→←↑↓")
    return "".join(sorted(chars))


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    font = TTFont(source, fontNumber=SC_FACE)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=gb2312())
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff"
    font.save(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
