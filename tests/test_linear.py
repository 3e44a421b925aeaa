"""Linear time, proven (issue 15): doubling a document's size less than triples its parse time,
for every adversarial shape of bench/adversarial.py, measured here in one run.

Each shape is written at SIZE and 2 × SIZE with its rows numbered 1, 1000, 1001…: past the
999 that a number mark can have, every row joins the first one's measure, so the document is
a single measure of thousands of notes, parentheticals and time phrases — the worst case of
each shape, and the one that made the parser quadratic (before: 3.3-3.8 times the time for
twice the text already at these sizes, and four times at a megabyte). Small sizes keep the file to a few seconds; the best of 4 runs of CPU time
(``time.process_time``), the two sizes in turns, tames a loaded machine. ``make bench`` shows the same shapes at 1-8 MB.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seedfiles import ROOT

from reformctl.parse import parse_file

sys.path.insert(0, str(ROOT / "bench"))
import adversarial  # noqa: E402

# Sizes that show a quadratic path (the parser before: ratios of 3.3-3.7 for the text
# shapes) and take a few seconds in all; web pages cost more per byte (the tree) and are read
# smaller.
SIZE = 96 * 1024
HTML_SIZE = 48 * 1024
SECOND = 1000
RUNS = 4
# The shapes a reader refuses have nothing to time.
SHAPES = [name for name in adversarial.SHAPES if name != "html-deep"]


def _best_times(small: Path, large: Path) -> tuple[float, float]:
    """The best CPU time of each, the two parsed in turns (a burst of load on a shared
    machine then slows both, not one), each after a full collection (no garbage of the one
    before is collected inside the other's time)."""
    best = {small: float("inf"), large: float("inf")}
    for _ in range(RUNS):
        for path in (small, large):
            gc.collect()
            start = time.process_time()
            parse_file(path)
            best[path] = min(best[path], time.process_time() - start)
    return best[small], best[large]


@pytest.mark.parametrize("shape", SHAPES)
def test_doubling_the_size_less_than_triples_the_time(shape: str, tmp_path: Path) -> None:
    small = tmp_path / f"small{adversarial.SHAPES[shape].suffix}"
    large = tmp_path / f"large{adversarial.SHAPES[shape].suffix}"
    size = HTML_SIZE if shape.startswith("html") else SIZE
    small.write_bytes(adversarial.document(shape, size, second=SECOND))
    large.write_bytes(adversarial.document(shape, 2 * size, second=SECOND))
    parse_file(small)  # warm: patterns compiled, readers imported
    t_small, t_large = _best_times(small, large)
    assert t_large < 3 * t_small, f"{shape}: {t_small:.3f} s → {t_large:.3f} s"


# -- the indexes that replaced scans, pinned to the scans they replaced ------------------------


def _depth_at(line: str, pos: int) -> int:
    """clean._depth_at before it was an index: count the head."""
    head = line[:pos]
    opened = head.count("(") + head.count("（")
    if not opened:
        return 0
    return max(0, opened - head.count(")") - head.count("）"))


def _closes_earlier_paren(tail: str) -> bool:
    """clean._closes_earlier_paren before it was an index: walk the tail's brackets."""
    depth = 0
    for ch in tail:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth < 0:
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="()（）牵头部门：；x", max_size=40))
def test_bracket_index_answers_as_the_scans_did(line: str) -> None:
    from reformctl.parse.clean import _Brackets

    brackets = _Brackets(line)
    for pos in range(len(line) + 1):
        assert brackets.depth_at(pos) == _depth_at(line, pos), (line, pos)
        assert brackets.closes_earlier(pos) == _closes_earlier_paren(line[pos:]), (line, pos)
