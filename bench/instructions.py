"""Instructions per seed parse, counted by valgrind's callgrind: a measure that a busy machine
does not move, for two versions side by side.

    .venv/bin/python bench/instructions.py 085fb41 main       # two commits
    .venv/bin/python bench/instructions.py main                # main vs this tree

Each version runs in its own process under ``valgrind --tool=callgrind`` (a commit is checked
out in a temporary ``git worktree``, as by versus.py), parses the seed twice to warm up, then
N times inside one call of ``functools.reduce``; callgrind counts only inside that call
(``--toggle-collect``), so imports and warm-up are left out. ``PYTHONHASHSEED=0`` keeps the
count the same from run to run. Instructions are not seconds (a cache miss costs more than an
add), but on this machine they follow the CPU time closely (085fb41 against main: 0.86 in
instructions, 0.85 in best CPU time) and compare two versions to a fraction of a per cent.
Slow: about 10 s a parse under valgrind. Not a test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_parses import ROOT, SEED, WORKTREE, checkout  # noqa: E402

_PARSES = r"""
import functools, sys
sys.path.insert(0, sys.argv[1])
from reformctl.parse import parse_text
text = open(sys.argv[2], encoding="utf-8").read()
parse_text(text)
parse_text(text)
functools.reduce(lambda _, t: parse_text(t), [text] * int(sys.argv[3]), None)
"""


def instructions(tree: Path, parses: int) -> int:
    """Instructions of ``parses`` parses of the seed in ``tree`` (imports and warm-up left out)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "reformctl")],
                   check=False)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-atstart=no",
         "--toggle-collect=*functools_reduce*", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", _PARSES, str(tree), str(SEED), str(parses)],
        capture_output=True, text=True, env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
        check=True)
    m = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if m is None:
        raise SystemExit(f"no count from callgrind:\n{done.stderr[-2000:]}")
    return int(m.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?", default="main")
    parser.add_argument("new", nargs="?", default=WORKTREE)
    parser.add_argument("--parses", type=int, default=4)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    revs = (args.old, args.new)
    with tempfile.TemporaryDirectory(prefix="reformctl-instructions-") as tmp:
        trees = [checkout(rev, Path(tmp)) for rev in revs]
        try:
            counts = [instructions(tree, args.parses) / args.parses for tree in trees]
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)],
                                   cwd=ROOT, check=False)
    for rev, count in zip(revs, counts, strict=True):
        print(f"{rev:>12s}  {count / 1e6:8.1f} M instructions per seed parse")
    print(f"{'':>12s}  {counts[1] / counts[0]:8.3f} × ({revs[1]} / {revs[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
