"""A header of ``key: value`` lines between two ``---`` lines at the very top of a text.

Pages saved from static sites (Jekyll, Hugo) and notes kept in Markdown carry one:

    ---
    layout: default
    title: 某市关于支持人工智能OPC创新发展的若干措施
    ---

It is no part of the document: its lines are not parsed as content. Its ``title`` is the
document's title, so the text reads as if the title stood on its own line where the header
was (``as_title_line``), and the HTML reader takes it as the page's title when the page shows
none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The header: "---" on the first line, up to MAX_LINES lines, "---" (or "...") closing it.
FENCE = "---"
MAX_LINES = 40
FRONT_MATTER = re.compile(
    rf"\A\ufeff?{FENCE}[ \t]*\r?\n(?P<body>(?:[^\n]*\n){{0,{MAX_LINES}}}?)"
    rf"(?:{FENCE}|\.\.\.)[ \t]*\r?(?:\n|\Z)"
)
# Every line of the header is a key ("title: …", "date: 2026-03-12"), a list item ("- AI"),
# an indented continuation or blank; a text whose first lines are not is no header.
HEADER_LINE = re.compile(r"^(?:[A-Za-z_][\w\-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|-[ \t].*|[ \t]*)\r?$")
TITLE_KEY = re.compile(r"^title[ \t]*:[ \t]*(?P<value>.+?)[ \t]*\r?$", re.MULTILINE)
QUOTES = "\"'"


@dataclass(frozen=True)
class FrontMatter:
    """The header's title ("" when it names none) and the offset just past its closing fence."""

    title: str
    end: int


def front_matter(text: str) -> FrontMatter | None:
    """The header at the top of ``text``, or None when the text does not start with one."""
    if not text.startswith((FENCE, "\ufeff" + FENCE)):
        return None
    m = FRONT_MATTER.match(text)
    if m is None or not all(HEADER_LINE.match(line) for line in m["body"].split("\n")):
        return None
    title = TITLE_KEY.search(m["body"])
    value = title["value"] if title else ""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in QUOTES:
        value = value[1:-1]
    return FrontMatter(value.strip(), m.end())


def as_title_line(text: str) -> str:
    """The text with its header's lines blank but for the title, which stands alone on the
    line of its key: line numbers stay those of the file."""
    matter = front_matter(text)
    if matter is None:
        return text
    header = text[: matter.end]
    lines = [matter.title if TITLE_KEY.match(line) else "" for line in header.split("\n")]
    return "\n".join(lines) + text[matter.end :]


__all__ = ["FENCE", "FrontMatter", "as_title_line", "front_matter"]
