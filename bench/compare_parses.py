"""Compare the parses of two versions of the parser, document by document.

    .venv/bin/python bench/compare_parses.py                 # main against the working tree
    .venv/bin/python bench/compare_parses.py OLD NEW         # two commits (or WORKTREE)
    .venv/bin/python bench/compare_parses.py main WORKTREE --show 3   # print the first diffs

Parses the seed (``corpus/000_675e6135523c2031.txt``), every ``.txt`` in
``../shared/realdocs/`` and every ``.txt``/``.html`` in ``../shared/realcorpus/`` with each
version, and compares what ``parse_file`` returns as JSON (plans, measures, owners,
deadlines, targets, warnings) with ``parser_version`` blanked out. Every document is parsed
a second time with a plan year given (``year=2023``), and the seed with 2021 and 2025 too,
since the year changes how deadlines resolve. A commit is checked out in a temporary ``git worktree`` (removed at the
end); ``WORKTREE`` means the files as they are in this checkout, uncommitted changes
included. Each version runs in its own process with this venv's interpreter.

Exit 0 when every document parses byte-identically, 1 otherwise. A refactoring of the
parser lands only with exit 0.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "corpus" / "000_675e6135523c2031.txt"
WORKTREE = "WORKTREE"

# Run inside the version's tree: parse every file named on stdin, print one JSON per line.
_RUNNER = r"""
import json, sys
tree = sys.argv[1]
sys.path.insert(0, tree)
import reformctl
assert reformctl.__file__.startswith(tree), (reformctl.__file__, tree)
from reformctl.model import document_to_dict
from reformctl.parse import parse_file
for line in sys.stdin:
    path, year = line.rstrip("\n").split("\t")
    try:
        doc = parse_file(path, year=int(year) if year else None)
        data = document_to_dict(doc)
        data["document"]["parser_version"] = None
        out = json.dumps(data, ensure_ascii=False, indent=1)
    except Exception as exc:  # an error is an output too: it must not change either
        out = f"error: {type(exc).__name__}: {exc}"
    print(json.dumps(out, ensure_ascii=False), flush=True)
"""


def documents() -> list[tuple[str, str]]:
    """(path, year) pairs: the seed and the realdocs with and without a year, the realcorpus."""
    docs: list[Path] = [SEED]
    docs += sorted((SHARED / "realdocs").glob("*.txt"))
    corpus = SHARED / "realcorpus"
    docs += sorted(p for p in corpus.glob("*") if p.suffix in (".txt", ".html"))
    seed_years = [(str(SEED), year) for year in ("2021", "2025")]
    return [(str(p), year) for year in ("", "2023") for p in docs] + seed_years


def parse_all(tree: Path, jobs: list[tuple[str, str]]) -> list[str]:
    stdin = "".join(f"{path}\t{year}\n" for path, year in jobs)
    done = subprocess.run([sys.executable, "-c", _RUNNER, str(tree)], input=stdin,
                          capture_output=True, text=True, cwd=tree)
    if done.returncode != 0:
        raise SystemExit(f"parsing with {tree} failed:\n{done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines()]


def checkout(rev: str, tmp: Path) -> Path:
    if rev == WORKTREE:
        return ROOT
    sha = subprocess.run(["git", "rev-parse", "--verify", rev + "^{commit}"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.strip()
    tree = tmp / sha[:12]
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), sha], cwd=ROOT,
                   check=True)
    return tree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?", default="main")
    parser.add_argument("new", nargs="?", default=WORKTREE)
    parser.add_argument("--show", type=int, default=5, help="print the diffs of N documents")
    args = parser.parse_args()
    jobs = documents()
    with tempfile.TemporaryDirectory(prefix="reformctl-compare-") as tmp:
        trees = [checkout(rev, Path(tmp)) for rev in (args.old, args.new)]
        try:
            old, new = (parse_all(tree, jobs) for tree in trees)
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)],
                                   cwd=ROOT, check=False)
    differ = [(job, a, b) for job, a, b in zip(jobs, old, new, strict=True) if a != b]
    for (path, year), a, b in differ[: args.show]:
        print(f"--- {Path(path).name}" + (f" (year {year})" if year else ""))
        diff = difflib.unified_diff(a.splitlines(), b.splitlines(), args.old, args.new,
                                    lineterm="", n=2)
        print("\n".join(list(diff)[:80]))
    files = len({path for path, _ in jobs})
    print(f"{len(jobs)} parses of {files} documents ({args.old} vs {args.new}): "
          f"{len(jobs) - len(differ)} identical, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
