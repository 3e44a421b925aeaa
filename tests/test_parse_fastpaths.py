"""The parser's fast paths give what the plain paths give.

``scan_deadlines`` runs the deadline patterns once for both the deadlines and the unresolved
time phrases; owner-note scanning jumps from bracket to bracket instead of reading every
character. These tests pin them to the simple definitions, on the seed and the realdocs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from seedfiles import ROOT, SEED

from reformctl.parse.deadlines import find_deadlines, find_unresolved, scan_deadlines
from reformctl.parse.owners.text import outer_brackets as _outer_brackets
from reformctl.parse.owners.text import split_top as _split_top
from reformctl.registry import default_registry

REALDOCS = ROOT.parent / "shared" / "realdocs"


def _paragraphs() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    if REALDOCS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(REALDOCS.glob("*.txt"))]
    return [para for text in texts for para in text.split("\n") if para.strip()]


@pytest.mark.parametrize(
    "text",
    [
        "2月29日前完成申报",  # a day of 2024 but not of 2023: found with 2024, unresolved never
        "2月30日前完成申报，在省规定时间内办结",  # no day of any year
        "9月底前,完成数据归集;每月20日前报送进度",
        "（持续推进，牵头考核单位：市审批服务局）",
    ],
)
@pytest.mark.parametrize("year", [None, 2021, 2023, 2024])
def test_scan_deadlines_is_find_deadlines_and_find_unresolved(text: str, year: int | None) -> None:
    assert scan_deadlines(text, year) == (find_deadlines(text, year), find_unresolved(text))


@pytest.mark.parametrize("year", [None, 2020, 2021, 2023])
def test_scan_deadlines_on_real_paragraphs(year: int | None) -> None:
    for para in _paragraphs():
        assert scan_deadlines(para, year) == (find_deadlines(para, year), find_unresolved(para))


def _outer_brackets_plain(text: str) -> list[tuple[int, int]]:
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            pairs.append((stack.pop(), i + 1))
    pairs.sort()
    outer: list[tuple[int, int]] = []
    for start, end in pairs:
        if not outer or start >= outer[-1][1]:
            outer.append((start, end))
    return outer


def _split_top_plain(s: str, separators: str) -> list[str]:
    depth_of = {"(": 1, "《": 1, "“": 1, ")": -1, "》": -1, "”": -1}
    parts: list[str] = []
    depth = last = 0
    for i, ch in enumerate(s):
        depth = max(0, depth + depth_of.get(ch, 0))
        if depth == 0 and ch in separators:
            parts.append(s[last:i])
            last = i + 1
    parts.append(s[last:])
    return [p for p in parts if p]


@pytest.mark.parametrize(
    "text",
    [
        "各县(市、区)政府、市公安局",
        "“三地一区”建设领导小组办公室、市发展改革委",
        "市公安局)、市司法局(、《泰安市,办法》;市商务局",
        "牵头部门:市行政审批服务局;责任部门:市公安局、市人社局,各县(市、区)政府",
        "",
    ],
)
def test_split_top_and_brackets_match_the_plain_loops(text: str) -> None:
    for separators in (",;", "、"):
        assert _split_top(text, separators) == _split_top_plain(text, separators)
    assert _outer_brackets(text) == _outer_brackets_plain(text)


def test_owner_scans_on_real_paragraphs() -> None:
    for para in _paragraphs():
        assert _outer_brackets(para) == _outer_brackets_plain(para)
        for separators in (",;", "、"):
            assert _split_top(para, separators) == _split_top_plain(para, separators)


def test_role_suffix_ends_cover_every_role_word() -> None:
    """The cheap last-character test before ROLE_SUFFIX must know every role word."""
    import re

    from reformctl.parse.owners.roles import role_suffix as _role_suffix
    from reformctl.parse.vocab.roles import ROLE_SUFFIX, ROLE_SUFFIX_ENDS

    group = re.search(r"\(\?P<role>([^)]*)\)", ROLE_SUFFIX.pattern)
    assert group is not None
    roles = group.group(1).split("|")
    assert {role[-1] for role in roles} <= ROLE_SUFFIX_ENDS
    for role in roles:
        for clause in (f"省商务厅{role}", f"按职责分工{role}", f"{role}单位", f"市公安局{role}\n"):
            fast, plain = _role_suffix(clause), ROLE_SUFFIX.search(clause)
            assert (fast and fast.span()) == (plain and plain.span()), clause


def test_scanners_make_each_value_with_its_line() -> None:
    """Deadlines, targets and owner groups are made once, with the line ``line_at`` gives
    (no copy, no change after creation); each scan makes its own objects, cache or not."""
    from reformctl.parse.owners import NoteCache, find_owner_notes_with_spans
    from reformctl.parse.targets import find_targets

    text = "8月底前,报装容量不大于160千瓦。（牵头部门:市行政审批服务局;责任部门:市公安局）"
    cache = NoteCache()

    def line_at(offset: int) -> int:
        return 100 + offset

    scans: list[Callable[[Callable[[int], int] | None], list[Any]]] = [
        lambda at: scan_deadlines(text, 2021, at)[0],
        lambda at: find_targets(text, at),
        lambda at: [g for _, g in find_owner_notes_with_spans(text, None, cache, at)],
    ]
    for scan in scans:
        plain, lined = scan(None), scan(line_at)
        assert plain and all(obj.line is None for obj in plain)
        starts = [obj.span[0] if hasattr(obj, "span") else obj.covers[1] for obj in lined]
        assert [obj.line for obj in lined] == [100 + start for start in starts]
        assert [dataclasses.replace(obj, line=None) for obj in lined] == plain
        assert all(a is not b for a, b in zip(plain, scan(None), strict=True))


def test_parsed_measures_are_plain_measures() -> None:
    """Every field of every parsed measure is set, and equal to its plain construction."""
    from reformctl.model import Measure
    from reformctl.parse import parse_text

    names = {f.name for f in dataclasses.fields(Measure)}
    doc = parse_text(SEED.read_text(encoding="utf-8"))
    for _, measure in doc.walk():
        assert set(vars(measure)) == names
        assert measure == Measure(**vars(measure))


def test_no_parenthetical_outside_notes_when_every_bracket_opens_one() -> None:
    """warn_unparsed skips its PARENTHETICAL scan when the opening brackets are as many as
    the owner notes: then every parenthetical starts at a note."""
    from reformctl.parse.measures import PARENTHETICAL
    from reformctl.parse.owners import find_owner_note_spans

    checked = 0
    for para in _paragraphs():
        starts = {s for s, _ in find_owner_note_spans(para)}
        if starts and para.count("(") + para.count("（") == len(starts):
            checked += 1
            assert all(m.start() in starts for m in PARENTHETICAL.finditer(para)), para
    assert checked > 100


def test_blank_lines_need_no_cleaning() -> None:
    """build_outline passes blank lines by: no step changes one, none holds a mark or bracket."""
    from reformctl.parse import clean, line_passes, structure

    assert all(step("") == "" for step in clean.LINE_STEPS)
    assert clean.clean_line("") == "" and clean.bracket_bare_labels("") == ""
    assert structure.match_mark("") is None and line_passes.paren_balance("") == 0


def test_clean_line_fast_path_is_every_step_in_turn() -> None:
    """clean_line skips the first seven steps for lines they cannot change."""
    import random

    from reformctl.parse import clean

    assert clean.LINE_STEPS[:7] == (
        clean.fold_other_spaces, clean.strip_invisible, clean.fold_radicals,
        clean.fold_fullwidth_alnum, clean.strip_bold, clean.fix_stray_and,
        clean.round_note_brackets,
    )
    assert clean.LINE_STEPS[7:] == (  # written out in clean_line, in this order
        clean.squeeze_cjk_spaces, clean.strip_edges, clean.drop_page_number,
        clean.bracket_scope_note, clean.bracket_division_line
    )

    def slow(line: str) -> str:
        for step in clean.LINE_STEPS:
            line = step(line)
        return line

    lines = [line for para in _paragraphs() for line in para.split("\n")]
    rnd = random.Random(3)
    pieces = ["牵头单位：", "完成时限:", "(", ")", "（", "）", "**", " and ", "ａ", "１２", "\u200b",
              " ", "\u3000", "市公安局", "9月底前", "。", "；", "以上任务由", "牵头", "— 3 —",
              "第3页", "\xa0", "\t", "\r", "\u2003", "\u202f", "〔", "〕", "[", "]", "部门分工：", "⼀、", "6⽉底前", "⻅效", "部⻔", "⺀"]
    lines += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(3000)]
    for line in lines:
        assert clean.clean_line(line) == slow(line), line
        if "and" not in line and not clean._RARE_CHARS.search(line):
            assert all(step(line) == line for step in clean.LINE_STEPS[:7]), line


def teststates_first_listed_leads_pre_check_knows_every_wording() -> None:
    import re

    from reformctl.parse.owners import FIRST_LISTED_LEADS, states_first_listed_leads

    group = re.search(r"\(\?:([^()]*首位[^()]*)\)", FIRST_LISTED_LEADS.pattern)
    assert group is not None
    assert all("第一" in alt or "首位" in alt for alt in group.group(1).split("|"))
    for text in ("列第一位的为牵头单位", "排在首位的为牵头单位", "第一个单位是牵头", "市公安局牵头"):
        assert states_first_listed_leads(text) == bool(FIRST_LISTED_LEADS.search(text))


def _notes() -> list[str]:
    """The normalized content of every bracketed text in the seed and the realdocs, plus notes
    with several labels, brackets in labels and colons that close none."""
    from reformctl.parse.owners.text import normalize as _normalize

    notes = [
        "牵头部门(单位):市发展改革委;配合单位(部门):市财政局、市商务局",
        "总牵头协调部门:市行政审批服务局;分管市领导:宋洪银",
        "6月底完成,牵头考核单位:市政府办公室、市公安局;时间:长期",
        "说明:见附件;责任单位:市公安局:市司法局;主要牵头部门:市委宣传部",
        "市级牵头部门:牵头部门:市商务局",
        "::牵头单位：：市公安局",
    ]
    for para in _paragraphs():
        notes += [_normalize(para[s + 1 : e - 1]) for s, e in _outer_brackets(para)]
    return notes


def test_role_labels_are_role_label_finditer() -> None:
    """owners._role_labels tries ROLE_LABEL only just before each colon: same matches."""
    import re

    from reformctl.parse.owners.roles import role_labels as _role_labels
    from reformctl.parse.vocab.roles import ROLE_LABEL, ROLE_LABEL_WIDTH

    assert re._parser.parse(ROLE_LABEL.pattern).getwidth()[1] <= ROLE_LABEL_WIDTH  # type: ignore[attr-defined]
    labelled = 0
    for note in _notes():
        fast = [(m.span(), m.group("role"), m.group("total")) for m in _role_labels(note)]
        plain = [(m.span(), m.group("role"), m.group("total")) for m in ROLE_LABEL.finditer(note)]
        assert fast == plain, note
        labelled += bool(plain)
    assert labelled > 50


def test_plan_header_pre_check_knows_every_wording() -> None:
    from reformctl.parse.vocab.roles import PLAN_HEADER

    for note in _notes():
        if PLAN_HEADER.search(note):
            assert "分管" in note or "总牵头" in note, note


def test_level_test_is_level_prefix() -> None:
    """_restore_levels reads a level from the first two characters without LEVEL_PREFIX."""
    from reformctl.parse.owners.names import dropped_prefix as _dropped_prefix
    from reformctl.parse.owners.names import restore_levels as _restore_levels
    from reformctl.parse.owners.names import split_names as _split_names
    from reformctl.parse.owners.text import split_top as _split_top
    from reformctl.registry import LEVEL_PREFIX

    names = ["市场监管局", "区域发展中心", "省财政厅", "县", "市", "区发改委", "财政厅", "市公安局",
             "人行泰安市中心支行", "省", "区域", "市场", "县市场监管局", "政务和数据局"]
    for note in _notes():
        names += _split_names(_split_top(note, ",;"), default_registry())[0]
    for name in names:
        by_regex = len(name) > 2 and LEVEL_PREFIX.match(name) is not None
        assert (len(name) > 2 and name[0] in "省市县区" and name[1] not in "场域") == by_regex
    registry = default_registry()

    def plain(names: list[str]) -> list[str]:  # _restore_levels as written with the regex
        out, level = [], None
        for name in names:
            m = LEVEL_PREFIX.match(name)
            if m and len(name) > 2:
                level = m.group("level")
            elif level is not None and _dropped_prefix(name, level, registry):
                name = level + name
            out.append(name)
        return out

    lists = [["省发展改革委", "财政厅", "政务和数据局"], ["市场监管局", "财政厅"],
             ["区域发展中心", "审批服务局"], ["市住建局", "审批服务局", "市场监管局", "财政厅"]]
    lists += [_split_names(_split_top(note, ",;"), registry)[0] for note in _notes()]
    for names in lists:
        assert _restore_levels(names, registry) == plain(names), names


def test_quantity_opens_with_a_digit_class_and_matches_as_with_a_repeat() -> None:
    """QUANTITY opens with [0-9][0-9]* (a class re can skip to) and finds what [0-9]+ finds."""
    import re

    from reformctl.parse.targets import QUANTITY

    assert QUANTITY.pattern.startswith("(?P<num>[0-9][0-9]*")
    plain = re.compile(QUANTITY.pattern.replace("[0-9][0-9]*", "[0-9]+", 1), QUANTITY.flags)
    texts = [*_paragraphs(), "达到92%、86%", "1,000家", "6% - 10%", "200万元以下", "RCEP15", "7×24小时"]
    for text in texts:
        fast = [(m.span(), m.groupdict()) for m in QUANTITY.finditer(text)]
        assert fast == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


def _fuzz_lines(pieces: list[str], seed: int, count: int = 3000) -> list[str]:
    import random

    rnd = random.Random(seed)
    lines = [line for para in _paragraphs() for line in para.split("\n")]
    return lines + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
                    for _ in range(count)]


def test_space_next_to_cjk_opens_with_the_space_class_and_matches_as_the_plain_form() -> None:
    import re

    from reformctl.parse import clean

    space, cjk = clean._SPACE, clean._CJK  # the plain form, with the same blocks
    plain_form = re.compile(rf"(?<!{space})(?:(?<=[{cjk}]){space}+|{space}+(?=[{cjk}]))")
    pieces = [" ", "\t", "\u3000", "\xa0", "  ", "a", "1", "中", "“", "，", "。", "！", "x\n", "CA"]
    for line in _fuzz_lines(pieces, 5):
        fast = [m.span() for m in clean.SPACE_NEXT_TO_CJK.finditer(line)]
        assert fast == [m.span() for m in plain_form.finditer(line)], line


def test_label_colon_or_paren_opens_with_one_class_and_matches_as_the_alternation() -> None:
    import re

    from reformctl.parse import clean

    plain_form = re.compile(rf"[(（)）]|{clean.LABEL_COLON.pattern}")
    pieces = ["(", ")", "（", "）", "牵头部门", "单位", "时限", "时间", "节点", ":", "：", " ",
              "\t", "门", "市公安局", "；", "主办单位", "牵头", "进度安排", "机构", "处室"]
    for line in _fuzz_lines(pieces, 6):
        for pos in (0, 1, 3):
            fast = [(m.start(), m.group()) for m in clean._LABEL_COLON_OR_PAREN.finditer(line, pos)]
            plain = plain_form.finditer(line, pos)
            assert fast == [(m.start(), m.group()) for m in plain], line


def test_bracket_bare_labels_one_note_shortcut_is_the_bracket_walk() -> None:
    """A line whose one bracket pair holds every label is returned as it is, as the walk would."""
    from unittest import mock

    from reformctl.parse import clean

    pieces = ["牵头单位：", "完成时限:", "责任部门:", "(", ")", "（", "）", "市公安局", "9月底前",
              "。", "；", "1. 推进", " "]
    lines = _fuzz_lines(pieces, 7)
    fast = [clean.bracket_bare_labels(line) for line in lines]
    with mock.patch.object(clean, "one_note_holds_every_label", lambda line, first: False):
        assert fast == [clean.bracket_bare_labels(line) for line in lines]


def test_match_mark_first_character_test_misses_no_mark() -> None:
    """match_mark gives up on a line whose first character no mark opens with: none of the
    mark patterns matches such a line, and every line with a mark passes the test."""
    from reformctl.parse.vocab import numbering

    pieces = ["1", "12", "2.3", "١", "３", ".", "．", "、", "（", "(", "一", "十", "）", ")", "①",
              "⑳", "\u2474", "推进", " ", "%", "第三条", "行动一：", "专项二 ", "Ⅱ、", "B.", "重点任务3："]
    seen = 0
    for line in _fuzz_lines(pieces, 8):
        opens = bool(line) and (line[0] in numbering._MARK_OPENERS or line[0].isdecimal())
        if not opens:
            assert not any(p.match(line) for p in numbering.MARK_PATTERNS), line
            assert numbering.match_mark(line) is None
        seen += numbering.match_mark(line) is not None
    assert seen > 500


def test_continuation_joins_only_after_a_blank_with_an_unmatched_close() -> None:
    """_append_continuation's early return: a plain append unless both hold (the join's test)."""
    from reformctl.parse import structure

    for after_blank, line in [(False, "委、市交通运输局)"), (True, "市税务局"), (True, "(a)b")]:
        block = structure.Block(level=3, number=1, segments=[(1, "推进。(责任部门:市发展改革委)")])
        warnings: list[Any] = []
        structure._append_continuation(block, 2, line, after_blank, warnings)
        assert block.segments[-1] == (2, line) and not warnings
    block = structure.Block(level=3, number=1, segments=[(1, "推进。(责任部门:市发展改革委)")])
    structure._append_continuation(block, 2, "委、市交通运输局)", True, warnings)
    assert block.text == "推进。(责任部门:市发展改革委、市交通运输局)" and warnings


def test_measure_skips_unparsed_note_search_without_brackets_or_unresolved_times() -> None:
    """build_measure calls warn_unparsed only for text with a bracket or an unresolved time
    phrase: without either, the plain call adds no warning."""
    from reformctl.parse.measures import warn_unparsed

    warnings: list[Any] = []
    texts = [p for p in _paragraphs() if "(" not in p and "（" not in p]
    texts += ["推进数据共享，年内完成", "按规定时限办结", "加快5G网络建设"]
    for text in texts:
        warn_unparsed(warnings, lambda offset: 1, text, [], [])
    assert warnings == []


def test_score_mark_needs_the_character_fen() -> None:
    """Titles without 分 skip SCORE_MARK.sub: no match is possible without it."""
    from reformctl.parse.text import SCORE_MARK

    assert "分" in SCORE_MARK.pattern
    for text in [*_paragraphs(), "一、政务服务能力（25分）", "（0.5分）"]:
        if "分" not in text:
            assert SCORE_MARK.sub("", text) == text
        else:
            assert all("分" in m.group() for m in SCORE_MARK.finditer(text))


def test_cn_quantity_pair_precheck_misses_no_match() -> None:
    """targets: CN_QUANTITY is searched only where CN_QUANTITY_PAIR finds a verb's last
    character before a numeral; every real paragraph without such a pair has no match."""
    from reformctl.parse.targets import CN_QUANTITY, CN_QUANTITY_PAIR, find_targets

    for para in [*_paragraphs(), "服务满意度提高两个百分点", "新增不少于三家", "控制在十天以内"]:
        if CN_QUANTITY_PAIR.search(para) is None:
            assert CN_QUANTITY.search(para) is None, para
    assert [t.value for t in find_targets("服务满意度提高两个百分点")] == [2.0]


def _plain_deadline_scan(text: str, year: int | None) -> tuple[list[Any], list[Any]]:
    """deadlines._scan as written before the patterns were grouped by anchor: every pattern
    in turn, skipped when none of its literals is in the text (a regex search), else searched
    in the merged windows around each regex match of its anchor, or in the whole text."""
    import re

    from reformctl.parse import deadlines as dl

    books = [m.span() for m in dl.BOOK_TITLE.finditer(text)]
    candidates: list[Any] = []
    for pattern, literals, anchor, handler in dl._PATTERNS:
        if not isinstance(literals, tuple):
            literals = ()  # RELATIVE: its pre-check is tested alone
        if literals and not re.search("|".join(map(re.escape, literals)), text):
            continue
        windows: list[tuple[int, int]] = []
        if anchor is None:
            windows = [(0, len(text))]
        for a in re.finditer(re.escape(anchor or ""), text) if anchor else ():
            lo = max(0, a.start() - dl.REACH_BACK)
            hi = min(len(text), a.end() + dl.REACH_AHEAD)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
        for lo, hi in windows:
            for m in pattern.finditer(text, lo, hi):
                if dl.in_spans(m.start(), books):
                    continue
                verdict = handler(m, text, year)
                if verdict is not None:
                    candidates.append((m.start(), m.end(), verdict))
    return dl._resolve(candidates)


def _measure_like_texts() -> list[str]:
    """Real paragraphs, and each with the next one: a measure often spans two."""
    paras = _paragraphs()
    return paras + [a + b for a, b in zip(paras, paras[1:], strict=False)]


@pytest.mark.parametrize("year", [None, 2021, 2024])
def test_grouped_deadline_scan_is_the_plain_scan(year: int | None) -> None:
    """deadlines: patterns grouped by anchor (年's windows found once for YEAR_END, YEAR_ONLY
    and YEAR_RANGE), windows found with str.find, ``in`` tests for one or two literals: the
    same deadlines and covered spans as the plain pattern-by-pattern scan, on real text."""
    from reformctl.parse import deadlines as dl

    extra = ["在3个 月内完成", "3个\u3000月内", "两星期内", "4个小时以内", "（长期坚持，牵头单位：市发改委）"]
    for text in _measure_like_texts() + extra:
        found, covered, _ = dl._scan(text, year)
        assert (found, covered) == _plain_deadline_scan(text, year), text


def test_deadline_gates_and_windows() -> None:
    """deadlines: every anchored pattern's literal is its anchor and groups keep the patterns'
    order; ONGOING's literals are in every phrase it can match and RELATIVE_GATE finds a
    unit in every RELATIVE match; _windows merges the windows around str.find hits as the
    regex-match loop did."""
    import re

    from reformctl.parse import deadlines as dl

    order = []
    for anchor, literals, gate, members in dl._GROUPS:
        if anchor is not None:
            assert literals == (anchor,)
        if members[0][0] is dl.RELATIVE:
            assert gate is dl.RELATIVE_GATE
        else:
            assert gate is None and literals
        order += [pattern for pattern, _ in members]
    assert order == [pattern for pattern, _, _, _ in dl._PATTERNS]
    # 推进 or 长期坚持 in every phrase ONGOING can match (its branches are literals).
    assert all("推进" in w or "长期" in w for w in dl.ONGOING.pattern.split("|"))
    # RELATIVE_GATE finds the unit inside every RELATIVE match.
    synthetic = ["3个 月内", "3个\u3000月内", "两星期内", "15个自然日内", "7 周内", "2.5小时", "三天内"]
    seen = 0
    for text in _measure_like_texts() + synthetic:
        for m in dl.RELATIVE.finditer(text):
            assert dl.RELATIVE_GATE.search(text, m.start(), m.end()), m.group()
            seen += 1
    assert seen > 50
    for text in _paragraphs():
        for anchor in ("月", "年", "半年", "季度"):
            plain: list[tuple[int, int]] = []
            for a in re.finditer(anchor, text):
                lo = max(0, a.start() - dl.REACH_BACK)
                hi = min(len(text), a.end() + dl.REACH_AHEAD)
                if plain and lo <= plain[-1][1]:
                    plain[-1] = (plain[-1][0], hi)
                else:
                    plain.append((lo, hi))
            assert dl._windows(text, anchor) == plain


def test_one_pass_finds_the_groups_their_own_tests_find() -> None:
    """deadlines: _groups_present (one search for every group's first characters, 月 alone)
    names exactly the groups whose own test passes — the anchor or a literal ``in`` the
    text, or RELATIVE_GATE's search — on real paragraphs and phrases made for each group."""
    from reformctl.parse import deadlines as dl

    def own_tests(text: str) -> list[int]:
        return [i for i, (anchor, literals, gate, _) in enumerate(dl._GROUPS)
                if (gate.search(text) is not None if gate is not None
                    else any(word in text for word in literals))]

    made = ["3个月内", "3 月底前", "三天内", "两星期内", "2024.6前", "上半年", "三季度末", "全年",
            "每季度", "按月", "持续推进", "长期坚持", "立行立改", "即知即改", "马上就办", "立即整改",
            "推", "长", "立", "马上", "半", "季", "全面", "日常", "6日", "个月"]
    assert {i for text in made for i in dl._groups_present(text)} == set(range(len(dl._GROUPS)))
    assert [i for i, _ in dl._ALONE] == [0]  # 月: MONTH_DATE's anchor, and RELATIVE's 个月
    for text in _measure_like_texts() + made:
        assert dl._groups_present(text) == own_tests(text), text


def test_found_and_last_day_are_the_plain_forms() -> None:
    """deadlines: every Deadline has every field set and equals its plain construction, and
    _last_day is calendar.monthrange's day count."""
    import calendar
    import dataclasses

    from reformctl.model import Deadline, Target
    from reformctl.parse import deadlines as dl

    for year in range(1896, 2105):
        for month in range(1, 13):
            assert dl._last_day(year, month) == calendar.monthrange(year, month)[1]
    names = {f.name for f in dataclasses.fields(Deadline)}
    # deadlines._deadlines and targets._target pass the fields by position, in this order.
    assert [f.name for f in dataclasses.fields(Deadline)] == [
        "raw", "kind", "date", "line", "span", "day", "amount", "unit"]
    assert [f.name for f in dataclasses.fields(Target)] == [
        "raw", "subject", "op", "value", "unit", "change", "line", "span", "kind"]
    seen = 0
    for text in _paragraphs():
        for d in dl.find_deadlines(text, 2021, lambda at: -at):
            assert set(vars(d)) == names
            assert d == Deadline(**{name: getattr(d, name) for name in names})
            assert d.span is not None and d.line == -d.span[0] and d.raw == text[slice(*d.span)]
            assert d.kind in ("by", "after", "recurring", "relative", "period", "ongoing")
            seen += 1
    assert seen > 100


def test_targets_pre_check_misses_no_target() -> None:
    """targets: a text without a MAY_HOLD_TARGET match has no quantity with a unit (QUANTITY
    in the translated text) and no CN_QUANTITY match, so find_targets returns [] at once; on
    real text it gives what the unchecked path gives."""
    from reformctl.parse.numbers import FULLWIDTH_NUMERIC
    from reformctl.parse.targets import (
        CN_QUANTITY,
        MAY_HOLD_TARGET,
        QUANTITY,
        _find_targets,
        find_targets,
    )

    extra = ["好评率达到９０％", "１５ 个工作日内办结", "提高两个百分点", "3.4 万人", "不少于三家"]
    skipped = 0
    for text in _measure_like_texts() + extra:
        assert find_targets(text) == _find_targets(text), text
        if MAY_HOLD_TARGET.search(text) is None:
            skipped += 1
            norm = text.translate(FULLWIDTH_NUMERIC)
            assert not any(m["unit"] for m in QUANTITY.finditer(norm)), text
            assert CN_QUANTITY.search(norm) is None, text
    assert skipped > 100
    assert all(MAY_HOLD_TARGET.search(text) for text in extra)
    lined = [t for text in _paragraphs() for t in find_targets(text, lambda at: -at)
             if t.span is not None and t.line == -t.span[0] and t.kind in ("goal", "limit")]
    assert len(lined) > 30
    assert find_targets("好评率达到９０％") and find_targets("提高两个百分点")


def test_last_break_is_the_last_finditer_break() -> None:
    """targets: _break_before takes the last clause (or subject) break with one greedy match;
    the same position as walking every break with finditer, at every place in real text."""
    from reformctl.parse import targets as tg

    pairs = [
        (tg.CLAUSE_BREAK, tg.LAST_CLAUSE_BREAK),
        (tg.SUBJECT_BREAK, tg.LAST_SUBJECT_BREAK),
    ]
    for text in [*_paragraphs()[:400], "一、\n二，三：四"]:
        for pos in range(len(text) + 1):
            for plain, last in pairs:
                lo = max(0, pos - 80)
                expected = lo
                for m in plain.finditer(text, lo, pos):
                    expected = m.end()
                assert tg._break_before(last, text, pos) == expected


def test_target_is_the_plain_target() -> None:
    """targets: _target builds a Target without the frozen __init__; every field set, equal
    to Target(...)."""
    import dataclasses

    from reformctl.model import Target
    from reformctl.parse.targets import find_targets

    names = {f.name for f in dataclasses.fields(Target)}
    seen = 0
    for text in _paragraphs():
        for t in find_targets(text):
            assert set(vars(t)) == names
            assert t == Target(**{name: getattr(t, name) for name in names})
            seen += 1
    assert seen > 30


def test_month_date_groups_in_the_order_its_handler_reads_them() -> None:
    """deadlines: _month_date unpacks ``m.groups()`` by position."""
    from reformctl.parse.deadlines import MONTH_DATE

    assert list(MONTH_DATE.groupindex) == ["pre", "y", "cur", "m", "d", "part", "suf"]
    assert list(MONTH_DATE.groupindex.values()) == [1, 2, 3, 4, 5, 6, 7]
    assert MONTH_DATE.groups == 7


def test_resolve_one_candidate_is_the_sorted_walk() -> None:
    """deadlines: _resolve hands back a lone candidate without the sort and overlap walk."""
    from reformctl.parse import deadlines as dl

    for text in _paragraphs():
        for d in dl.find_deadlines(text, 2021):
            assert d.span is not None
            hit = dl._Hit(d.raw, d.kind, d.date, d.span, d.day, d.amount, d.unit)
            for verdict in (hit, dl._IGNORE):
                one = [(d.span[0], d.span[1], verdict)]
                # two equal candidates go through the sort and the walk; the second loses
                assert dl._resolve(list(one)) == dl._resolve(one + one)


def test_fold_radicals_gives_the_characters_a_pdf_meant() -> None:
    """"6⽉底前" from a PDF's text layer reads as "6月底前"; the supplement's table names the
    radical of each character it gives, and component forms stay as they are."""
    import unicodedata

    from reformctl.parse import clean

    assert clean.fold_radicals("⼀、提升政务服务效能") == "一、提升政务服务效能"
    assert clean.fold_radicals("确保改⾰举措落地⻅效，6⽉底前完成（牵头单位：市⼤数据局）") == (
        "确保改革举措落地见效，6月底前完成（牵头单位：市大数据局）"
    )
    assert clean.fold_radicals("跨部⻔协同，⻓效机制，⻋辆，⻛险，⻜地，⻢上办") == (
        "跨部门协同，长效机制，车辆，风险，飞地，马上办"
    )
    assert clean.fold_radicals("⺡⺘") == "⺡⺘"  # water and hand as components: no character
    plain = "1.推进工程建设项目审批（牵头单位：市住房城乡建设局）"
    assert clean.fold_radicals(plain) is plain
    for radical, char in clean._SUPPLEMENT_RADICALS.items():
        name = unicodedata.name(radical)
        assert name.startswith("CJK RADICAL "), name
        nfkc = unicodedata.normalize("NFKC", radical)
        assert nfkc in (radical, char), (radical, nfkc, char)  # NFKC agrees where it folds
        assert "\u4e00" <= char <= "\u9fff", char
    for cp in range(0x2F00, 0x2FD6):  # every Kangxi radical gives a character
        assert "\u4e00" <= clean.RADICAL_FOLD[cp] <= "\u9fff", hex(cp)
    # The whole chain: the parser reads the measure as it reads the plain text.
    from datetime import date

    from reformctl.parse import parse_text

    text = "⼀、提升政务服务效能\n1.建⽴跨部⻔协同机制，6⽉底前完成。（牵头单位：市⼤数据局）\n"
    plan = parse_text(text, year=2023).plans[0]
    measure = plan.measures[0]
    assert plan.title == "提升政务服务效能"
    assert measure.title == "建立跨部门协同机制，6月底前完成"
    assert measure.lead == ("市大数据局",)
    assert [d.date for d in measure.deadlines] == [date(2023, 6, 30)]


def test_lines_holding_is_a_test_of_every_line() -> None:
    """line_passes.lines_holding (str.find over the lines joined) finds the lines that hold a
    word, as a test of each line would; split_inline_subitems and the annex pass ask it."""
    import random

    from reformctl.parse.line_passes import lines_holding

    rnd = random.Random(7)
    pieces = ["(2)", "（2）", "附件", "1", "\u3000", "推进", "", "(2", ")"]
    for _ in range(3000):
        lines = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 4)))
                 for _ in range(rnd.randint(0, 8))]
        for word in ("(2)", "（2）", "附件", "推进"):
            assert lines_holding("\n".join(lines), word) == [
                i for i, line in enumerate(lines) if word in line], (lines, word)


def test_year_digits_found_with_str_find_are_the_regex_matches() -> None:
    """year: _year_digits (each of CENTURY_LEADS found with str.find, YEAR_DIGITS matched
    there) gives every YEAR_DIGITS match of a finditer, and besides them only positions
    inside one of those matches (same sentence: _deadline_years skips them)."""
    from reformctl.parse.vocab.time import YEAR_DIGITS
    from reformctl.parse.year import _year_digits

    made = ["2020202１年", "２０２１年底前", "2０21年", "１２０２１", "20.21", "2020。2021"]
    seen = 0
    for text in _paragraphs() + made:
        found = _year_digits(text)
        spans = [m.span() for m in YEAR_DIGITS.finditer(text)]
        assert [start for start, _ in spans] == [
            at for at in found if not any(start < at < end for start, end in spans)], text
        assert all(YEAR_DIGITS.match(text, at) for at in found)
        seen += len(spans)
    assert seen > 10


def test_survey_is_the_groups_and_deadline_like_searched_apart() -> None:
    """deadlines: _survey (one search for DEADLINE_LIKE and _PRESENT together) gives the
    groups _groups_present gives and the spans of DEADLINE_LIKE's own search, on real
    paragraphs and on phrases where a DEADLINE_LIKE match takes what a group looks for
    (年底: 年; 季度; 15个工作日内: 工; 三天内: 天); no DEADLINE_LIKE match is one character
    long, which is how _survey tells the two apart."""
    from reformctl.parse import deadlines as dl

    made = ["年底前完成", "三季度末", "15个工作日内办结", "三天内", "每月底前", "在省规定时间内",
            "6月底前", "2024年底", "按季度调度，持续推进", "限期完成整改，立行立改", "。年", "季度"]
    for text in _measure_like_texts() + made:
        spans = [m.span() for m in dl.DEADLINE_LIKE.finditer(text)]
        assert dl._survey(text) == (dl._groups_present(text), spans), text
    assert not any(dl.DEADLINE_LIKE.fullmatch(chr(c)) for c in range(0x10000))
