"""Time two versions of reformctl side by side, in one run: the seed parse and start-up.

    flock /work/bench.lock .venv/bin/python bench/versus.py main            # main vs this tree
    flock /work/bench.lock .venv/bin/python bench/versus.py 085fb41 HEAD    # two commits

Each version is a tree: a commit checked out in a temporary ``git worktree`` (removed at the
end), or ``WORKTREE`` for this checkout as it is. Every measurement runs in a fresh process
with this venv's interpreter and the version's tree first on ``sys.path``, and the two
versions take turns (round after round), so a busy moment of the machine hits both alike.

* parse seed: ``parse_text`` on the seed, warm (one parse first), N parses per round; best
  and median over all rounds, of the wall time and of the process's CPU time (on a busy
  machine the CPU time moves less: waiting for a core is not counted);
* ``--help`` and ``due --month 9`` (piped): a whole process, ``python -m reformctl …`` against
  the shipped corpus of this checkout, median wall time of the rounds and the best CPU time
  (the child's user + system time).

Prints a table with the machine; ``--json`` writes the numbers too. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_parses import ROOT, SEED, WORKTREE, checkout  # noqa: E402

_PARSE = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import reformctl
assert reformctl.__file__.startswith(sys.argv[1]), reformctl.__file__
from reformctl.parse import parse_text
text = open(sys.argv[2], encoding="utf-8").read()
parse_text(text)
out = []
for _ in range(int(sys.argv[3])):
    start, cpu = time.perf_counter(), time.process_time()
    parse_text(text)
    out.append(f"{time.perf_counter() - start},{time.process_time() - cpu}")
print(" ".join(out))
"""

_CLI = "import sys; sys.path.insert(0, sys.argv.pop(1)); from reformctl.cli import main; main()"


def parse_times(tree: Path, runs: int) -> list[tuple[float, float]]:
    """(wall, process CPU) milliseconds of each parse."""
    done = subprocess.run([sys.executable, "-c", _PARSE, str(tree), str(SEED), str(runs)],
                          capture_output=True, text=True, check=True)
    pairs = [x.split(",") for x in done.stdout.split()]
    return [(float(wall) * 1000, float(cpu) * 1000) for wall, cpu in pairs]


def command_time(tree: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one whole process: CPU is the child's user + system time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _CLI, str(tree), *args], cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def machine() -> str:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load {load:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?", default="main")
    parser.add_argument("new", nargs="?", default=WORKTREE)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--parses", type=int, default=15, help="parses per round")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    revs = (args.old, args.new)
    with tempfile.TemporaryDirectory(prefix="reformctl-versus-") as tmp:
        trees = [checkout(rev, Path(tmp)) for rev in revs]
        try:
            results = measure(trees, args.rounds, args.parses, Path(tmp) / "cache")
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)],
                                   cwd=ROOT, check=False)
    print(machine())
    print(f"{'':28s}{revs[0]:>22s}{revs[1]:>22s}")
    for name, unit, per_rev in results:
        cells = [f"{v:.1f} {unit}" for v in per_rev]
        print(f"{name:28s}{cells[0]:>22s}{cells[1]:>22s}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "revs": revs, "rows": results},
                                        ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


def measure(trees: list[Path], rounds: int, parses: int,
            cache: Path) -> list[tuple[str, str, list[float]]]:
    env = {**os.environ, "REFORMCTL_CACHE_DIR": str(cache)}
    commands = {"--help": ["--help"], "due --month 9": ["due", "--month", "9"]}
    for tree in trees:  # bytecode, as an installed copy has it; warm caches
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "reformctl")],
                       check=False)
        for cmd in commands.values():
            command_time(tree, cmd, env)
    parse: list[list[tuple[float, float]]] = [[] for _ in trees]
    starts: dict[str, list[list[tuple[float, float]]]] = {
        name: [[] for _ in trees] for name in commands}
    for _ in range(rounds):
        for i, tree in enumerate(trees):
            parse[i] += parse_times(tree, parses)
            for name, cmd in commands.items():
                starts[name][i].append(command_time(tree, cmd, env))
    wall = [[w for w, _ in t] for t in parse]
    cpu = [[c for _, c in t] for t in parse]
    rows = [
        ("parse seed, best (ms)", "ms", [min(t) for t in wall]),
        ("parse seed, median (ms)", "ms", [statistics.median(t) for t in wall]),
        # Process CPU time: what a busy machine's other jobs disturb least.
        ("parse seed, best CPU (ms)", "ms", [min(t) for t in cpu]),
        ("parse seed, median CPU (ms)", "ms", [statistics.median(t) for t in cpu]),
    ]
    for name in commands:
        rows.append((f"reformctl {name}, median", "ms",
                     [statistics.median(w for w, _ in t) for t in starts[name]]))
        # user + system time of the process: what start-up costs, whatever the load
        rows.append((f"reformctl {name}, best CPU", "ms",
                     [min(c for _, c in t) for t in starts[name]]))
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
