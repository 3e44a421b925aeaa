"""Reading a government web page (``.html``): the article text only, one paragraph per line.

Government sites wrap the document in a content container and surround it with navigation,
banners, share buttons and scripts. We take the container when there is one (TRS content
management: ``class="TRS_Editor"``/``TRS_UEDITOR``; gov.cn: ``id="UCAP-CONTENT"``,
``class="pages_content"``; many city sites: ``id="zoom"``; otherwise ``article``/``content``;
failing those, an element named like an article body by the site: ``xxgk_content``, ``zw``,
``article-body``…, with the headline standing just above it), else the ``<body>``. Script,
style, nav, header, footer, hidden elements and link-dense blocks (menus, link bars) are dropped.

Block elements (p, div, br, li, h1-h6, tr…) end a line; whitespace inside a paragraph is the
page source's line wrapping and collapses to one space, which the line cleaner then removes
next to Chinese characters. Data tables go through ``read_table.flatten_table`` like .docx
tables; a layout table (one holding other tables) is read as blocks. The items of an ``<ol>``
get the numbers a browser shows ("1." "2.", "（1）" in a list within an item), as the .docx
reader writes Word's. The headline standing above the container is kept, failing one the
page's ``<h1>`` (often in a ``<header>``, dropped with the page chrome), failing that the
page's ``<title>`` when it names a plan, failing that the title of a ``--- title: … ---``
header at the top (a static site's page as stored; the header's text is never content); not
when the article's text holds it already.

The page is decoded by its BOM, then its ``<meta charset>`` (gb2312 and gbk read as GB18030;
bytes that read as UTF-8, or a Western single-byte charset over GB18030 Chinese, are taken
for what they are), then like a text file.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from typing import Any

from reformctl.errors import InputError, wording
from reformctl.parse.read.front_matter import FENCE, front_matter
from reformctl.parse.read.table import Cell, flatten_table

DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "head",
             "iframe", "button", "select", "svg", "object", "embed", "aside")
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "section", "article", "main", "blockquote", "pre", "center", "address",
    "hr", "figure", "figcaption", "caption", "body", "html",
})

# Content containers, best first. Each is (attribute, pattern on one of its values).
CONTAINERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("class", re.compile(r"^trs_(?:editor|ueditor)$", re.IGNORECASE)),
    ("id", re.compile(r"^(?:ucap-content|zoom|fontzoom|art_content|article_content)$",
                      re.IGNORECASE)),
    ("class", re.compile(r"^(?:pages_content|article[-_]?content|art[-_]?con|view|"
                         r"zoom|content[-_]?text|news[-_]?content|detail[-_]?content)$",
                         re.IGNORECASE)),
    ("class", re.compile(r"^(?:article|content|main[-_]?content)$", re.IGNORECASE)),
    ("id", re.compile(r"^(?:article|content|main[-_]?content)$", re.IGNORECASE)),
)
# Failing those, a container named like an article body on the many sites with their own
# markup: "xxgk_content" (信息公开 pages), "zw" / "zwnr" (正文, 正文内容), "article-body",
# "news_text", "detailContent", "con". The name is split at "-", "_" and camelCase humps and
# one part must be such a word; "main" and "wrap" are left out (they hold the page chrome too).
CONTENT_WORDS = frozenset({
    "content", "contents", "cont", "con", "zw", "zwnr", "nr", "wznr", "zhengwen", "article",
    "body", "detail", "details", "text", "txt", "editor", "context", "wenzhang",
})
# …unless another part says it is not the body: "news_title", "content-list", "article-info".
NOT_CONTENT_WORDS = frozenset({
    "title", "tit", "bt", "info", "list", "link", "links", "nav", "menu", "head", "header",
    "foot", "footer", "side", "sidebar", "left", "right", "share", "tool", "tools", "print",
    "related", "xgwj", "fj", "attach", "page", "pages", "paging", "search", "top", "meta",
})
NAME_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# A container must hold at least this share of the page's text to be believed.
CONTAINER_MIN_SHARE = 0.2
# Among nested containers of that kind the innermost one that still holds this share of the
# outer one's text wins: "xxgk_content" inside "content-box", not the box with its title bar.
INNER_SHARE = 0.6
# The headline of the article, kept when the container chosen starts below it (a
# "xxgk_title" div above "xxgk_content"): an h1-h3 or an element named like a title, found
# among the few elements before the container.
HEADLINE_NAME = re.compile(r"title|biaoti|(?:^|[-_])bt(?:$|[-_])", re.IGNORECASE)
HEADLINE_LOOKBACK = 6
# A page's <title> is the headline and the site's name: "某某市优化营商环境三年行动方案_某某市人民
# 政府", "… - 中国政府网", "…｜济南市人民政府". A piece is a plan's title when it ends like one.
TITLE_SEPARATOR = re.compile(r"\s*(?:[_|｜]|\s[-—–]+\s|--)\s*")
PLAN_TITLE_END = re.compile(
    r"(?:方案|措施|计划|意见|通知|办法|规划|要点|清单|分工|细则|决定|举措|条)"
    r"(?:[（(][^（）()]{2,20}[）)])?$"
)
HEADLINE_MAX_CHARS = 120
# An <h1> that names the site, not the article: a header's "某某市人民政府", "中国政府网".
SITE_NAME = re.compile(r"(?:人民政府|政府网|门户网站|网站|政务网|官网|首页)$")
# A navigation block: at least this many links, and nearly all its text inside them, each
# short ("首页", "要闻动态", "政务公开"). An article's "附件：…" link has long text and stays.
NAV_MIN_LINKS = 3
NAV_LINK_SHARE = 0.8
NAV_LINK_MAX_CHARS = 12
# Without a container, page chrome is also recognised by class or id: "nav", "top-menu",
# "breadcrumb", "location" / "dqwz" (当前位置), "share", "footer", "copyright"…
CHROME_NAME = re.compile(
    r"^(?:.*[-_])?(?:nav|navbar|menu|breadcrumbs?|crumbs?|location|position|dqwz|share|"
    r"print|toolbar|sidebar|footer|foot|header|head|top|copyright|banner|search|login|"
    r"related|friendlinks?)(?:[-_].*)?$",
    re.IGNORECASE,
)
# A breadcrumb line: "当前位置：首页 > 政务公开", "您现在的位置:首页".
BREADCRUMB = re.compile(r"^\s*(?:当前位置|您(?:现在)?的?位置|现在位置|所在位置)\s*[:：].*$",
                        re.MULTILINE)

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""",
                          re.IGNORECASE)
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
                   "gb_2312-80": "gb18030", "utf8": "utf-8"}
# Single-byte Western charsets a page template may declare for Chinese text it does not hold.
WESTERN_CHARSETS = frozenset({
    "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso-8859-15", "iso8859-15",
    "windows-1252", "cp1252", "us-ascii", "ascii",
})
CJK_CHAR = re.compile("[\u4e00-\u9fff]")
WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
BLANK_RUNS = re.compile(r"\n[ \t\u3000\xa0]*(?:\n[ \t\u3000\xa0]*)+")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# Budgets of a page, checked by one pass of the parser's events before the tree is built
# (``_check_budgets``): reading the article looks at an element's descendants for some of
# its elements (links in a block, tables in a table), which costs the page's size times its
# depth, and the tree costs memory per element. Government pages nest 10-40 elements deep
# and hold a few thousand elements (the realcorpus: at most 15 and 1,856); layout tables
# nest 2-4 deep.
MAX_DEPTH = 100
MAX_TABLE_DEPTH = 8
MAX_ELEMENTS = 500_000


def html_to_text(data: bytes, path: str) -> str:
    from reformctl.parse.read.decode import quiet

    markup = decode_html(data, path)
    _check_budgets(markup, path)
    # A static site's "--- title: … ---" header (a Jekyll page as stored) is no text of the
    # page: its title stands in for a headline the page does not show.
    matter = front_matter(markup)
    try:
        from bs4 import BeautifulSoup

        with quiet("bs4"):
            soup = BeautifulSoup(markup, _parser())
            if matter is not None:
                _drop_front_matter(soup)
            root, headline = _content_root(soup)
            headline = headline or _unless_first(matter.title if matter else "", root)
            out = _Text()
            if headline:
                out.add(headline)
                out.newline()
            _walk(root, out)
    except RecursionError:
        raise InputError("the HTML is nested too deeply to read", path=path) from None
    text = BREADCRUMB.sub("", out.text())
    text = BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n")


def _parser() -> str:
    """lxml (python-docx already depends on it): linear, where bs4's html.parser builder is
    quadratic in the number of <br> tags (it keeps every void element in a list)."""
    try:
        import lxml  # noqa: F401

        return "lxml"
    except ImportError:  # pragma: no cover - lxml comes with python-docx
        return "html.parser"


class _Over(Exception):
    """A budget of the page is exceeded: the message says which."""


class _Shape:
    """Target of lxml's HTML parser: counts elements, depth and table nesting as they open
    (the events the tree builder gets, without building anything)."""

    def __init__(self) -> None:
        self.depth = self.tables = self.elements = 0

    def start(self, tag: str, attrib: object) -> None:
        self.depth += 1
        self.elements += 1
        if tag == "table":
            self.tables += 1
            if self.tables > MAX_TABLE_DEPTH:
                raise _Over(wording("tables nested more than {n} deep"), MAX_TABLE_DEPTH)
        if self.depth > MAX_DEPTH:
            raise _Over(wording("elements nested more than {n} deep"), MAX_DEPTH)
        if self.elements > MAX_ELEMENTS:
            raise _Over(wording("more than {n} elements"), f"{MAX_ELEMENTS:,}")

    def end(self, tag: str) -> None:
        self.depth -= 1
        if tag == "table":
            self.tables -= 1

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _check_budgets(markup: str, path: str) -> None:
    """Refuse a page beyond MAX_DEPTH, MAX_TABLE_DEPTH or MAX_ELEMENTS, in one pass of the
    parser's events (about 0.1 s per MB, no tree kept)."""
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml comes with python-docx
        return
    parser = etree.HTMLParser(target=_Shape())
    try:
        parser.feed(markup)
        parser.close()
    except _Over as over:
        what, n = over.args
        raise InputError("the page is too large or nested too deeply to read: {what}",
                         path=path, params={"what": what, "n": n}) from None
    except etree.LxmlError:
        pass  # what lxml cannot parse, the tree builder reports as before


def decode_html(data: bytes, path: str) -> str:
    from reformctl.parse.read.decode import BOMS, decode_text, reads_like_gb

    if any(data.startswith(bom) for bom, _ in BOMS):
        return decode_text(data, path)
    m = META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        encoding = CHARSET_ALIASES.get(declared, declared)
        if encoding != "utf-8" and not data.isascii():
            # Bytes that read as UTF-8 are UTF-8, whatever the page says (a GBK page is
            # almost never valid UTF-8, the other way round it can be).
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        if encoding.replace("_", "-") in WESTERN_CHARSETS and not data.isascii():
            # Every byte reads in a single-byte charset, so a template's "iso-8859-1" over
            # GBK text never fails: mojibake ("ÎªÉîÈë"). Bytes that read as common Chinese
            # in GB18030, without a bad byte, are that ("Café" is not: é then a space).
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                text = ""
            if CJK_CHAR.search(text) and reads_like_gb(text):
                return text
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # the declaration lies (it happens): detect instead
    return decode_text(data, path)


# -- choosing the article ----------------------------------------------------------------------


def _content_root(soup: Any) -> tuple[Any, str]:
    """The element holding the article, and the headline to put above it ("" if none)."""
    page_title = soup.title.get_text() if soup.title is not None else ""
    page_h1 = _page_h1(soup)
    for tag in _tags(soup, _named(*DROP_TAGS)):
        tag.decompose()
    for tag in _tags(soup, _is_hidden):
        tag.decompose()
    body = soup.body or soup
    _drop_navigation(body)
    total = len(body.get_text(strip=True))
    for attribute, pattern in CONTAINERS:
        found = [el for el in _tags(body, _having(attribute))
                 if _attr_matches(el, attribute, pattern)]
        found = [el for el in found if len(el.get_text(strip=True)) >= total * CONTAINER_MIN_SHARE]
        if found:
            root = max(found, key=lambda el: len(el.get_text(strip=True)))
            return root, _headline(root, page_title, page_h1)
    found = [el for el in _tags(body, _is_content_named)
             if len(el.get_text(strip=True)) >= total * CONTAINER_MIN_SHARE]
    if found:
        root = _innermost(found)
        return root, _headline(root, page_title, page_h1)
    for name in ("article", "main"):
        found = [el for el in _tags(body, _named(name))
                 if len(el.get_text(strip=True)) >= total * CONTAINER_MIN_SHARE]
        if found:
            root = max(found, key=lambda el: len(el.get_text(strip=True)))
            return root, _headline(root, page_title, page_h1)
    for el in _tags(body, _is_chrome):
        el.decompose()
    return body, ""


def _is_content_named(el: Any) -> bool:
    attrs = getattr(el, "attrs", None) or {}
    if el.name in ("p", "a", "span", "table", "tr", "td", "li", "img"):
        return False
    names = [*(attrs.get("class") or []), *str(attrs.get("id", "")).split()]
    for name in names:
        parts = {p.lower() for p in NAME_PARTS.findall(name)}
        if parts & CONTENT_WORDS and not parts & NOT_CONTENT_WORDS:
            return True
    return False


def _innermost(found: list[Any]) -> Any:
    """From the largest candidate, step into a nested one while it holds most of the text."""
    size = {id(el): len(el.get_text(strip=True)) for el in found}
    current = max(found, key=lambda el: size[id(el)])
    while True:
        inner = [el for el in found if el is not current and current in el.parents
                 and size[id(el)] >= size[id(current)] * INNER_SHARE]
        if not inner:
            return current
        current = max(inner, key=lambda el: size[id(el)])


def _headline(root: Any, page_title: str = "", page_h1: str = "") -> str:
    """The article's title standing just before the container, unless the container has it;
    failing that, the page's first <h1> ("某某区支持…若干措施（征求意见稿）" in a <header>), or the
    page's <title> when it names a plan ("…行动方案_某某市人民政府"), unless the text starts
    with it."""
    start = _squeeze(root.get_text())[:300]
    text = _headline_before(root)
    if text:
        return "" if _squeeze(text) in start else text
    # The page's own title goes first unless the text starts with it: a notice's number and
    # greeting may come before the plan's title line (中科城发〔2026〕39号 / 各相关单位：).
    if page_h1:
        return "" if start.startswith(_squeeze(page_h1)) else page_h1
    for piece in TITLE_SEPARATOR.split(page_title):
        piece = WHITESPACE.sub(" ", piece).strip()
        if 4 <= len(piece) <= HEADLINE_MAX_CHARS and PLAN_TITLE_END.search(piece):
            return "" if start.startswith(_squeeze(piece)) else piece
    return ""


def _drop_front_matter(soup: Any) -> None:
    """Remove the header's text, the page's first string. It stays in the markup the tree is
    built from: text before a <style> is what opens the <body>, and without it lxml would
    keep an <article> after a <base> in the <head>."""
    first = soup.find(string=True)
    if first is not None and first.lstrip().startswith(FENCE):
        first.extract()


def _unless_first(title: str, root: Any) -> str:
    """``title``, unless the text of ``root`` starts with it already."""
    if not title or _squeeze(root.get_text())[:300].startswith(_squeeze(title)):
        return ""
    return title


def _page_h1(soup: Any) -> str:
    """The first <h1> of the page that can be the article's title (read before the page chrome
    holding it is dropped): 4-120 characters, no link (a site's logo), not a site's name."""
    for el in _tags(soup, _named("h1")):
        text = WHITESPACE.sub(" ", el.get_text(" ")).strip()
        if (4 <= len(text) <= HEADLINE_MAX_CHARS and el.find("a") is None
                and not SITE_NAME.search(text)):
            return text
    return ""


def _headline_before(root: Any) -> str:
    from bs4 import Tag

    seen = 0
    for el in root.find_all_previous():
        if not isinstance(el, Tag):
            continue
        seen += 1
        if seen > HEADLINE_LOOKBACK * 4:
            break
        attrs = el.attrs or {}
        names = " ".join([*(attrs.get("class") or []), str(attrs.get("id", ""))])
        if el.name not in ("h1", "h2", "h3") and not HEADLINE_NAME.search(names):
            continue
        text = WHITESPACE.sub(" ", el.get_text(" ")).strip()
        if not 4 <= len(text) <= HEADLINE_MAX_CHARS or el.find("a") is not None:
            continue
        return text
    return ""


def _drop_navigation(root: Any) -> None:
    """Remove link-dense blocks: menus and link bars, whatever their class is called."""
    # How many links each element holds, counted once up from every link (the tree as it is
    # now: an element is looked at before anything inside it can have been removed): the
    # elements with fewer than NAV_MIN_LINKS, nearly all, are passed over without a search.
    held: dict[int, int] = {}
    for link in _tags(root, _named("a")):
        parent = link.parent
        while parent is not None:
            held[id(parent)] = held.get(id(parent), 0) + 1
            parent = parent.parent
    for el in _tags(root, _named("div", "ul", "ol", "dl", "p", "span", "section", "td")):
        if held.get(id(el), 0) < NAV_MIN_LINKS:
            continue
        # el.decomposed, without bs4's fallback: a Tag never decomposed has no _decomposed,
        # and asking for it searches the subtree for a tag of that name (a page's size times
        # its depth over the whole loop).
        if el.__dict__.get("_decomposed", False) or el.parent is None:
            continue
        links = _tags(el, _named("a"))
        if len(links) < NAV_MIN_LINKS:
            continue
        texts = [_squeeze(a.get_text()) for a in links]
        link_chars = sum(len(t) for t in texts)
        all_chars = len(_squeeze(el.get_text()))
        if (all_chars and link_chars >= all_chars * NAV_LINK_SHARE
                and link_chars <= NAV_LINK_MAX_CHARS * len(links)):
            el.decompose()


# bs4's find_all/find/find_parent put every element through a general matcher (a filter
# object per call, rules per element): on a page of a 10,000-row table they were most of the
# reading time. The few questions asked here, answered by walking the tree directly, in the
# same order and with the same answers.


def _tags(root: Any, match: Callable[[Any], bool]) -> list[Any]:
    """``root.find_all(match)``: the tags below ``root``, in document order, that match."""
    tag = _tag_class()
    return [el for el in root.descendants if isinstance(el, tag) and match(el)]


def _tag_class() -> type:
    from bs4 import Tag

    return Tag


def _named(*names: str) -> Callable[[Any], bool]:
    wanted = frozenset(names)
    return lambda el: el.name in wanted


def _having(attribute: str) -> Callable[[Any], bool]:
    """``find_all(attrs={attribute: True})``: a tag that has the attribute."""
    return lambda el: el.get(attribute) is not None


def _has_table(el: Any) -> bool:
    """``el.find("table") is not None``."""
    from bs4 import Tag

    return any(isinstance(d, Tag) and d.name == "table" for d in el.descendants)


def _parent_named(el: Any, name: str) -> Any:
    """``el.find_parent(name)``: the nearest enclosing tag of that name, or None."""
    parent = el.parent
    while parent is not None and parent.name != name:
        parent = parent.parent
    return parent


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_chrome(el: Any) -> bool:
    attrs = getattr(el, "attrs", None) or {}
    if el.name in ("p", "table", "tr", "td"):
        return False
    names = [*(attrs.get("class") or []), *str(attrs.get("id", "")).split()]
    return any(CHROME_NAME.match(n) for n in names if n)


def _attr_matches(el: Any, attribute: str, pattern: re.Pattern[str]) -> bool:
    value = el.get(attribute)
    values = value if isinstance(value, list) else str(value).split()
    return any(pattern.match(v) for v in values)


def _is_hidden(el: Any) -> bool:
    attrs = getattr(el, "attrs", None) or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role") == "navigation":
        return True
    return bool(HIDDEN_STYLE.search(str(attrs.get("style", ""))))


# -- text --------------------------------------------------------------------------------------


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def text(self) -> str:
        return "".join(self.parts)


def _walk(node: Any, out: _Text) -> None:
    """Depth-first with an explicit stack: deep nesting cannot exhaust Python's recursion."""
    from bs4 import Comment, NavigableString, Tag

    stack: list[tuple[Any, bool]] = [(node, False)]
    numbers: dict[int, str] = {}  # id of an <li> → the number written in front of it
    while stack:
        current, closing = stack.pop()
        if closing:
            out.newline()
            continue
        if isinstance(current, Comment):
            continue
        if isinstance(current, NavigableString):
            out.add(WHITESPACE.sub(" ", str(current).replace("\xa0", " ")))
            continue
        if not isinstance(current, Tag):
            continue
        name = current.name
        if name == "br":
            out.add("\n")
            continue
        if name == "table" and not _has_table(current):
            out.newline()
            for line in _table_lines(current):
                out.add(line)
                out.newline()
            continue
        block = name in BLOCK_TAGS
        if block:
            out.newline()
            stack.append((current, True))
        if name == "ol":
            numbers.update(_list_numbers(current))
        elif name == "li" and id(current) in numbers:
            out.add(numbers.pop(id(current)))
        for child in reversed(current.contents):
            stack.append((child, False))


# An item that carries its own number already: "<li>1. 推行…</li>", "<li>（一）…</li>".
OWN_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.．、]|[（(][\d一二三四五六七八九十]{1,3}[）)]|"
                        r"[一二三四五六七八九十]{1,3}、|[\u2460-\u2473])")


def _list_numbers(ol: Any) -> dict[int, str]:
    """The numbers a browser shows before the items of an ordered list, written out as the
    .docx reader writes Word's: "1." "2." (from ``start``, reset by an item's ``value``), and
    "（1）" "（2）" for a list inside a list item, as plans number the items of a measure."""
    from bs4 import Tag

    nested = any(parent.name == "li" for parent in ol.parents)
    n = _int_value(ol.get("start"), 1) - 1
    out: dict[int, str] = {}
    for item in ol.children:
        if not isinstance(item, Tag) or item.name != "li":
            continue
        n = _int_value(item.get("value"), n + 1)
        if not OWN_NUMBER.match(item.get_text()):
            out[id(item)] = f"（{n}）" if nested else f"{n}."
    return out


def _int_value(value: Any, default: int) -> int:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.lstrip("-").isdigit() and len(text) < 7 else default


def _table_lines(table: Any) -> list[str]:
    lines, _ = flatten_table(_grid(table), None)
    return lines


def _grid(table: Any) -> list[list[Cell]]:
    """Rows of cells with rowspan and colspan expanded, as .docx tables arrive."""
    rows: list[list[Cell]] = []
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still to cover)
    for tr in _tags(table, _named("tr")):
        if _parent_named(tr, "table") is not table:
            continue
        row: list[Cell] = []
        col = 0
        cells = [c for c in _tags(tr, _named("td", "th")) if _parent_named(c, "tr") is tr]
        queue = deque(cells)  # a row of 100,000 cells: pop(0) would be quadratic
        while queue or col in pending:
            if col in pending:
                text, left = pending[col]
                row.append(Cell(text, continued=True))
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (text, left - 1)
                col += 1
                continue
            cell = queue.popleft()
            text = _cell_text(cell)
            span = _int_attr(cell, "colspan")
            down = _int_attr(cell, "rowspan")
            for k in range(span):
                row.append(Cell(text if k == 0 else ""))
                if down > 1:
                    pending[col] = (text if k == 0 else "", down - 1)
                col += 1
        rows.append(row)
    return rows


def _cell_text(cell: Any) -> str:
    out = _Text()
    for child in cell.contents:
        _walk(child, out)
    lines = [line.strip(" \u3000") for line in out.text().split("\n")]
    return "\n".join(line for line in lines if line)


def _int_attr(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, "1")).strip() or "1"), 1000))
    except ValueError:
        return 1


__all__ = ["html_to_text", "decode_html"]
