"""Where a seed parse spends its time, stage by stage, for one or two versions side by side.

    flock /work/bench.lock .venv/bin/python bench/stages.py                  # this tree
    flock /work/bench.lock .venv/bin/python bench/stages.py 085fb41 main     # two commits

Each version runs in a fresh process (a commit is checked out in a temporary ``git worktree``,
as by versus.py). The calls each stage receives during one parse of the seed are recorded and
replayed: a stage's cost is the best of 25 replays, in process CPU time (what a busy machine's
other jobs disturb least), the callees included. Owner notes are replayed note by note
(``_parse_note``), so the per-document note cache does not hide them. "The rest" is the best
whole parse minus the stages: building measures and plans, titles, keys, warnings, the
checksum. Not a test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_parses import ROOT, SEED, WORKTREE, checkout  # noqa: E402

# Run inside a version's tree: print "label<TAB>ms<TAB>calls" per stage, then the whole parse.
_STAGES = r"""
import importlib, sys, time
tree, seed = sys.argv[1], sys.argv[2]
sys.path.insert(0, tree)
from reformctl.parse import parse_text
text = open(seed, encoding="utf-8").read()
parse_text(text)
# (label, modules to try in turn, function): the parser's layout changed over time.
STAGES = [
    ("outline (cleaning, line passes, blocks)", ["reformctl.parse.structure"], "build_outline"),
    ("owner notes (each note parsed once)",
     ["reformctl.parse.owners.scan", "reformctl.parse.owners"], "_parse_note"),
    ("deadlines", ["reformctl.parse.deadlines"], "scan_deadlines"),
    ("targets", ["reformctl.parse.targets"], "find_targets"),
    ("plan year", ["reformctl.parse.year", "reformctl.parse.deadlines"], "infer_year"),
    ("issuer", ["reformctl.parse.issuer"], "find_issuer"),
]
found, calls, patched = {}, {}, []
for label, modules, name in STAGES:
    for modname in modules:
        try:
            importlib.import_module(modname)
        except ImportError:
            continue
        module = sys.modules[modname]
        if hasattr(module, name):
            found[label] = getattr(module, name)
            break
for label, original in found.items():
    log = calls[label] = []
    def recorder(*a, _original=original, _log=log, **k):
        _log.append((a, k))
        return _original(*a, **k)
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("reformctl") and \
                getattr(module, original.__name__, None) is original:
            setattr(module, original.__name__, recorder)
            patched.append((module, original))
parse_text(text)
for module, original in patched:
    setattr(module, original.__name__, original)
def best(fn, runs=25):
    out = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        out = min(out, time.process_time() - start)
    return out * 1000
whole = best(lambda: parse_text(text))
for label, original in found.items():
    log = calls[label]
    ms = best(lambda: [original(*a, **k) for a, k in log])
    print(f"{label}\t{ms}\t{len(log)}")
print(f"whole parse\t{whole}\t1")
"""


def stage_times(tree: Path) -> dict[str, tuple[float, int]]:
    done = subprocess.run([sys.executable, "-c", _STAGES, str(tree), str(SEED)],
                          capture_output=True, text=True, check=True)
    out = {}
    for line in done.stdout.splitlines():
        label, ms, calls = line.split("\t")
        out[label] = (float(ms), int(calls))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revs", nargs="*", default=[WORKTREE])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reformctl-stages-") as tmp:
        trees = [checkout(rev, Path(tmp)) for rev in args.revs]
        try:
            results = [stage_times(tree) for tree in trees]
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)],
                                   cwd=ROOT, check=False)
    labels = list(dict.fromkeys(label for result in results for label in result))
    labels.remove("whole parse")
    print(f"{'ms, best of 25, process CPU':42s}" + "".join(f"{rev:>14s}" for rev in args.revs))
    for label in labels:
        cells = [f"{r[label][0]:.2f}" if label in r else "-" for r in results]
        print(f"{label:42s}" + "".join(f"{c:>14s}" for c in cells))
    rest = [r["whole parse"][0] - sum(v for k, (v, _) in r.items() if k != "whole parse")
            for r in results]
    print(f"{'the rest (measures, plans, glue)':42s}" + "".join(f"{v:14.2f}" for v in rest))
    print(f"{'whole parse':42s}" + "".join(f"{r['whole parse'][0]:14.2f}" for r in results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
